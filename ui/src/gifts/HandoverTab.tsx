// 交接班 / 闭店盘点. Step 1, blind: the outgoing receptionist types what she
// counts, line by line (Enter moves on), without seeing the book. Step 2:
// book against counted, the variance of each line, open matters for the
// next shift, and the incoming receptionist's own staff number and PIN.
import { App, Alert, Button, Card, Descriptions, Drawer, Input, InputNumber, Radio, Space, Steps, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorOf, errorText, useFailureToast } from "../api/errors";
import { invalidateShared } from "../api/shared";
import type { Handover } from "../bindings/Handover";
import type { HandoverBrief } from "../bindings/HandoverBrief";
import type { HandoverKind } from "../bindings/HandoverKind";
import type { HandoverLine } from "../bindings/HandoverLine";
import type { HandoverSheet } from "../bindings/HandoverSheet";
import { PrintButton } from "../printing/PrintButton";
import { formatDateTime, wallNow } from "../time";
import { isoDate } from "../common/dates";

/** Book, counted and variance, the short lines in red. */
export function HandoverLines({ lines }: { lines: HandoverLine[] }) {
  const { t } = useTranslation();
  return (
    <Table<HandoverLine>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={lines}
      data-testid="handover-lines"
      rowClassName={(l) => (l.variance !== 0 ? "variance-row" : "")}
      columns={[
        { title: t("gifts.handover.col.line"), dataIndex: "label" },
        { title: t("gifts.handover.col.book"), render: (_, l) => `${l.book} ${l.unit}`, width: 100 },
        { title: t("gifts.handover.col.counted"), render: (_, l) => `${l.counted} ${l.unit}`, width: 100 },
        {
          title: t("gifts.handover.col.variance"),
          width: 150,
          render: (_, l) =>
            l.variance === 0 ? (
              <Tag color="green">{t("gifts.handover.match")}</Tag>
            ) : (
              <Space size={4}>
                <Tag color="red" data-testid="handover-variance">
                  {l.variance > 0 ? `+${l.variance}` : l.variance}
                </Tag>
                {l.adjusted && <Tag>{t("gifts.handover.adjusted")}</Tag>}
              </Space>
            ),
        },
      ]}
    />
  );
}

/** A handover record, whole: who, when, the lines, the matters. */
export function HandoverRecord({ handover }: { handover: Handover }) {
  const { t, i18n } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t("gifts.handover.no")}>{handover.no ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("gifts.handover.kind")}>{t(`gifts.handover.kinds.${handover.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("gifts.handover.outgoing")}>
          {handover.outgoing.staff_no} {handover.outgoing.name} · {formatDateTime(handover.counted_at, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("gifts.handover.incoming")}>
          {handover.incoming ? `${handover.incoming.staff_no} ${handover.incoming.name}` : "—"}
          {handover.confirmed_at !== null ? ` · ${formatDateTime(handover.confirmed_at, i18n.language)}` : ""}
        </Descriptions.Item>
        {handover.notes && (
          <Descriptions.Item label={t("gifts.handover.notes")} span={2}>
            {handover.notes}
          </Descriptions.Item>
        )}
      </Descriptions>
      <HandoverLines lines={handover.lines} />
      {handover.matters.length > 0 && (
        <Card size="small" title={t("gifts.handover.matters")}>
          {handover.matters.map((m) => (
            <div key={m.id}>
              {m.resolved_at !== null ? <Tag color="green">{t("gifts.handover.resolved")}</Tag> : <Tag color="orange">{t("gifts.handover.open")}</Tag>}
              {m.text}
              {m.resolution ? ` → ${m.resolution}（${m.resolved_by ?? ""}）` : ""}
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}

function CountStep({ kind, onCounted }: { kind: HandoverKind; onCounted: (h: Handover) => void }) {
  const { t } = useTranslation();
  const fail = useFailureToast();
  const [sheet, setSheet] = useState<HandoverSheet | null>(null);
  const [counts, setCounts] = useState<(number | null)[]>([]);
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  useEffect(() => {
    call("handover_sheet").then((s) => {
      setSheet(s);
      setCounts(s.lines.map(() => null));
    }, fail);
  }, [fail]);
  const submit = async () => {
    if (!sheet) return;
    const missing = counts.findIndex((c) => c === null);
    if (missing >= 0) {
      setError(t("gifts.handover.countAll"));
      inputs.current[missing]?.focus();
      return;
    }
    try {
      onCounted(
        await call("count_handover", {
          kind,
          counts: sheet.lines.map((l, i) => ({ item_id: l.item_id, batch_id: l.batch_id, counted: counts[i] ?? 0 })),
        }),
      );
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  if (!sheet) return null;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="info" showIcon title={t("gifts.handover.blind")} />
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={sheet.lines}
        data-testid="handover-sheet"
        columns={[
          { title: t("gifts.handover.col.line"), dataIndex: "label" },
          {
            title: t("gifts.handover.col.counted"),
            width: 200,
            render: (_, l, i) => (
              <InputNumber
                ref={(el) => {
                  inputs.current[i] = el;
                }}
                min={0}
                max={1000000}
                precision={0}
                autoFocus={i === 0}
                value={counts[i]}
                addonAfter={l.unit}
                onChange={(v) => setCounts(counts.map((c, j) => (j === i ? v : c)))}
                onPressEnter={() => (i + 1 < sheet.lines.length ? inputs.current[i + 1]?.focus() : void submit())}
                data-testid={`handover-count-${i}`}
              />
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} />}
      <Button type="primary" onClick={() => void submit()} data-testid="handover-counted">
        {t("gifts.handover.showBook")}
      </Button>
    </Space>
  );
}

function ConfirmStep({ counted, onDone, onRecount }: { counted: Handover; onDone: (h: Handover) => void; onRecount: () => void }) {
  const { t } = useTranslation();
  const [matters, setMatters] = useState(
    counted.lines
      .filter((l) => l.variance < 0)
      .map((l) => t("gifts.handover.shortMatter", { label: l.label, n: -l.variance, unit: l.unit }))
      .join("\n"),
  );
  const [notes, setNotes] = useState("");
  const [no, setNo] = useState("");
  const [pin, setPin] = useState("");
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const confirm = async () => {
    try {
      const h = await call("confirm_handover", {
        handover_id: counted.id,
        incoming_staff_no: no,
        incoming_pin: pin,
        notes,
        matters: matters.split("\n").map((m) => m.trim()).filter((m) => m),
      });
      invalidateShared("gift_catalog");
      onDone(h);
    } catch (e) {
      setError({ field: errorOf(e).field, text: errorText(t, e) });
      setPin("");
    }
  };
  const short = counted.lines.filter((l) => l.variance !== 0).length;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {short === 0 ? (
        <Alert type="success" showIcon title={t("gifts.handover.allMatch")} />
      ) : (
        <Alert type="warning" showIcon title={t("gifts.handover.someDiffer", { n: short })} data-testid="handover-differ" />
      )}
      <HandoverLines lines={counted.lines} />
      <Input.TextArea rows={3} value={matters} onChange={(e) => setMatters(e.target.value)} placeholder={t("gifts.handover.mattersHint")} data-testid="handover-matters" />
      <Input value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t("gifts.handover.notesHint")} maxLength={500} />
      <Card size="small" title={t("gifts.handover.incomingConfirms")}>
        <Space wrap>
          <Input
            addonBefore={t("fields.incoming_staff_no")}
            value={no}
            onChange={(e) => setNo(e.target.value)}
            status={error?.field === "incoming_staff_no" ? "error" : undefined}
            style={{ width: 240 }}
            data-testid="handover-incoming-no"
          />
          <Input.Password
            addonBefore={t("fields.incoming_pin")}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            onPressEnter={() => void confirm()}
            status={error?.field === "incoming_pin" ? "error" : undefined}
            style={{ width: 240 }}
            data-testid="handover-incoming-pin"
          />
          <Button type="primary" onClick={() => void confirm()} data-testid="handover-confirm">
            {t("gifts.handover.confirm")}
          </Button>
          <Button onClick={onRecount}>{t("gifts.handover.recount")}</Button>
        </Space>
        {error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={error.text} data-testid="handover-error" />}
      </Card>
    </Space>
  );
}

export function HandoverTab() {
  const { t, i18n } = useTranslation();
  const fail = useFailureToast();
  const { message } = App.useApp();
  const [kind, setKind] = useState<HandoverKind>("shift");
  const [step, setStep] = useState<"idle" | "count" | "confirm">("idle");
  const [counted, setCounted] = useState<Handover | null>(null);
  const [list, setList] = useState<HandoverBrief[] | null>(null);
  const [open, setOpen] = useState<Handover | null>(null);
  const load = useCallback(() => {
    const today = isoDate(wallNow());
    const from = isoDate(wallNow().subtract(30, "day"));
    call("list_handovers", { from, to: today }).then(setList, fail);
  }, [fail]);
  useEffect(load, [load]);
  const view = (id: number) => call("get_handover", id).then(setOpen, fail);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {step === "idle" ? (
        <Space>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as HandoverKind)} optionType="button"
            options={[
              { value: "shift", label: t("gifts.handover.kinds.shift") },
              { value: "close", label: t("gifts.handover.kinds.close") },
            ]}
          />
          <Button type="primary" onClick={() => setStep("count")} data-testid="handover-start">
            {t("gifts.handover.start")}
          </Button>
        </Space>
      ) : (
        <Card
          title={t(`gifts.handover.kinds.${kind}`)}
          extra={
            <Button onClick={() => setStep("idle")}>{t("common.cancel")}</Button>
          }
        >
          <Steps
            size="small"
            current={step === "count" ? 0 : 1}
            items={[{ title: t("gifts.handover.step1") }, { title: t("gifts.handover.step2") }]}
            style={{ marginBottom: 16 }}
          />
          {step === "count" && (
            <CountStep
              kind={kind}
              onCounted={(h) => {
                setCounted(h);
                setStep("confirm");
              }}
            />
          )}
          {step === "confirm" && counted && (
            <ConfirmStep
              counted={counted}
              onRecount={() => setStep("count")}
              onDone={(h) => {
                void message.success(t("gifts.handover.confirmed", { no: h.no }));
                setStep("idle");
                setCounted(null);
                setOpen(h);
                load();
              }}
            />
          )}
        </Card>
      )}
      <Card size="small" title={t("gifts.handover.recent")}>
        <Table<HandoverBrief>
          size="small"
          rowKey="id"
          loading={list === null}
          dataSource={list ?? []}
          pagination={{ pageSize: 10 }}
          onRow={(h) => ({ onClick: () => void view(h.id), style: { cursor: "pointer" } })}
          data-testid="handover-list"
          columns={[
            { title: t("gifts.handover.no"), dataIndex: "no", width: 150 },
            { title: t("gifts.handover.kind"), render: (_, h) => t(`gifts.handover.kinds.${h.kind}`), width: 90 },
            { title: t("gifts.handover.when"), render: (_, h) => formatDateTime(h.confirmed_at, i18n.language), width: 150 },
            { title: t("gifts.handover.outgoing"), render: (_, h) => `${h.outgoing.staff_no} ${h.outgoing.name}` },
            { title: t("gifts.handover.incoming"), render: (_, h) => `${h.incoming.staff_no} ${h.incoming.name}` },
            {
              title: t("gifts.handover.col.variance"),
              width: 110,
              render: (_, h) => (h.variances ? <Tag color="red">{t("gifts.handover.lines", { n: h.variances })}</Tag> : <Tag color="green">{t("gifts.handover.match")}</Tag>),
            },
          ]}
        />
      </Card>
      {open && (
        <Drawer
          open
          width={760}
          title={t("gifts.handover.record", { no: open.no ?? "" })}
          onClose={() => setOpen(null)}
          extra={open.state === "confirmed" && <PrintButton document={{ kind: "handover", handover_id: open.id }} testId="handover-print" />}
        >
          <HandoverRecord handover={open} />
        </Drawer>
      )}
      <Typography.Text type="secondary">{t("gifts.handover.immutable")}</Typography.Text>
    </Space>
  );
}
