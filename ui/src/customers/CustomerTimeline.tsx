import { Button, Empty, Input, Space, Timeline, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { TimelineCursor } from "../bindings/TimelineCursor";
import type { TimelineEvent } from "../bindings/TimelineEvent";
import { formatFen } from "../money";
import { formatDateTime } from "../time";
import { errorText } from "../api/errors";
import type { Session } from "../bindings/Session";
import { VisitPrintMenu } from "../printing/VisitPrintMenu";

const COLOR: Record<TimelineEvent["kind"], string> = {
  card_created: "green",
  card_updated: "blue",
  note: "gray",
  vip_changed: "gold",
  erased: "red",
  visit: "#a3345f",
  follow_up: "purple",
  complaint: "red",
  tier_changed: "gold",
  gift: "magenta",
  voucher: "orange",
};

/** The card's history, newest first; older pages load on request. */
export function CustomerTimeline({
  customerId,
  canAddNote,
  onNoteAdded,
  language,
  session,
}: {
  customerId: number;
  canAddNote: boolean;
  onNoteAdded: () => void;
  language: string;
  /** For printing a visit's slip or care plan again from her history. */
  session?: Session;
}) {
  const { t } = useTranslation();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [next, setNext] = useState<TimelineCursor | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (before: TimelineCursor | null) =>
      call("customer_timeline", { id: customerId, before, limit: 20 }).then(
        (page) => {
          setEvents((old) => (before ? [...old, ...page.events] : page.events));
          setNext(page.next);
        },
        (e) => setError(errorText(t, e)),
      ),
    [customerId, t],
  );

  useEffect(() => {
    load(null);
  }, [load]);

  const describe = (e: TimelineEvent) => {
    switch (e.kind) {
      case "card_updated":
        return t("timeline.card_updated", {
          fields: e.fields.map((f) => t(`cardFields.${f}`, { defaultValue: f })).join("、"),
        });
      case "vip_changed":
        return t(e.vip ? "timeline.vip_changed_on" : "timeline.vip_changed_off");
      case "note":
        return e.text;
      case "visit":
        return t("timeline.visit", {
          summary: e.summary ?? "",
          status: t(`visit.status.${e.status ?? "open"}`),
          amount: e.amount !== null && e.status === "checked_out" ? formatFen(e.amount) : "",
        });
      case "follow_up":
        return t("timeline.follow_up", {
          reason: t(`followups.reason.${e.summary ?? "aftercare"}`, { defaultValue: e.summary ?? "" }),
          status: t(`visit.followupStatus.${e.status ?? "open"}`, { defaultValue: e.status ?? "" }),
          words: e.text ? `“${e.text}”` : "",
        });
      case "tier_changed":
        return t("timeline.tier_changed", {
          kind: t(`member.changeKinds.${e.status ?? "upgrade"}`, { defaultValue: e.status ?? "" }),
          tier: e.summary ?? "",
          reason: e.text ? `（${e.text}）` : "",
        });
      case "gift":
        return t("timeline.gift", {
          kind: t(`gifts.kinds.${e.status ?? "issue"}`, { defaultValue: e.status ?? "" }),
          name: e.summary ?? "",
          n: e.amount ?? 0,
        });
      case "voucher":
        return t("timeline.voucher", {
          kind: t(`gifts.events.${e.status ?? "issue"}`, { defaultValue: e.status ?? "" }),
          name: e.summary ?? "",
          amount: e.amount ? ` ${formatFen(e.amount)}` : "",
        });
      case "complaint":
        return t("timeline.complaint", {
          kind: t(`complaints.kind.${e.summary ?? "other"}`, { defaultValue: e.summary ?? "" }),
          text: e.text ?? "",
        });
      default:
        return t(`timeline.${e.kind}`);
    }
  };

  const addNote = async () => {
    if (!note.trim()) return;
    try {
      await call("add_customer_note", { id: customerId, text: note });
      setNote("");
      onNoteAdded();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {canAddNote && (
        <Space.Compact style={{ width: "100%" }}>
          <Input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onPressEnter={() => void addNote()}
            placeholder={t("card.notePlaceholder")}
            maxLength={1000}
            data-testid="card-note-input"
          />
          <Button onClick={() => void addNote()} data-testid="card-note-add">
            {t("card.addNote")}
          </Button>
        </Space.Compact>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("card.noEvents")} />
      ) : (
        <Timeline
          style={{ marginTop: 12 }}
          items={events.map((e) => ({
            key: `${e.cursor.source}-${e.cursor.id}`,
            color: COLOR[e.kind],
            content: (
              <div data-testid="timeline-event">
                <div>{describe(e)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at, language)} · {e.staff ?? "—"}
                </Typography.Text>
                {session && e.kind === "visit" && e.ref_id !== null && (e.status === "checked_out" || e.status === "voided") && (
                  <div>
                    <VisitPrintMenu visitId={e.ref_id} session={session} />
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
      {next && (
        <Button block onClick={() => void load(next)}>
          {t("card.loadMore")}
        </Button>
      )}
    </Space>
  );
}
