// What the next shift sees on sign-in: the last handover, whether its count
// matched, and every matter still open, each settled here with a note.
import { App, Alert, Button, Card, Input, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText, useFailureToast } from "../api/errors";
import type { LastHandover } from "../bindings/LastHandover";
import type { Matter } from "../bindings/Matter";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import { formatDateTime } from "../time";

function Resolve({ matter, onDone }: { matter: Matter; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState("");
  const [open, setOpen] = useState(false);
  const ok = async () => {
    try {
      await call("resolve_matter", { matter_id: matter.id, note });
      onDone();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return open ? (
    <Space.Compact>
      <Input autoFocus size="small" value={note} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void ok()} placeholder={t("gifts.last.howResolved")} style={{ width: 220 }} />
      <Button size="small" type="primary" onClick={() => void ok()}>
        {t("common.ok")}
      </Button>
    </Space.Compact>
  ) : (
    <Button size="small" type="link" onClick={() => setOpen(true)}>
      {t("gifts.last.resolve")}
    </Button>
  );
}

export function LastHandoverCard({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const fail = useFailureToast();
  const [last, setLast] = useState<LastHandover | null>(null);
  const load = useCallback(() => call("last_handover").then(setLast, fail), [fail]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!last || (!last.handover && last.open_matters.length === 0)) return null;
  const h = last.handover;
  return (
    <Card size="small" title={t("gifts.last.title")} data-testid="last-handover">
      <Space orientation="vertical" size={4} style={{ width: "100%" }}>
        {h && (
          <Typography.Text>
            {h.no} · {t(`gifts.handover.kinds.${h.kind}`)} · {formatDateTime(h.confirmed_at, i18n.language)} · {h.outgoing.name} → {h.incoming.name}{" "}
            {h.variances ? <Tag color="red">{t("gifts.handover.lines", { n: h.variances })}</Tag> : <Tag color="green">{t("gifts.handover.allMatchShort")}</Tag>}
          </Typography.Text>
        )}
        {h?.notes && <Typography.Text type="secondary">{h.notes}</Typography.Text>}
        {last.open_matters.map((m) => (
          <Alert
            key={m.id}
            type="warning"
            showIcon
            title={`${m.text}（${m.handover_no}）`}
            action={can(session, "handle_gifts") ? <Resolve matter={m} onDone={() => void load()} /> : undefined}
            data-testid="open-matter"
          />
        ))}
      </Space>
    </Card>
  );
}
