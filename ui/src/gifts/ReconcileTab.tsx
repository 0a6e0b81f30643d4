// The manager's reconciliation (赠品赠券对账) for any period: every item's
// movements from opening to closing book, the last count and its variance
// traced to the handover where it first appeared, every voucher serial not
// yet in a terminal state and every gap in a range, and the match rate
// (账实相符率, the manual's standard is 100%). Exports to CSV.
import { App, Alert, Button, Card, DatePicker, Drawer, Input, Modal, Space, Statistic, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText, useFailureToast } from "../api/errors";
import { invalidateShared } from "../api/shared";
import type { Handover } from "../bindings/Handover";
import type { HandoverRef } from "../bindings/HandoverRef";
import type { ItemReconciliation } from "../bindings/ItemReconciliation";
import type { Reconciliation } from "../bindings/Reconciliation";
import type { Variance } from "../bindings/Variance";
import type { VoucherReconciliation } from "../bindings/VoucherReconciliation";
import { isoDate } from "../common/dates";
import { permilleText } from "../common/numbers";
import { formatFen } from "../money";
import { type Dayjs, wallNow } from "../time";
import { HandoverRecord } from "./HandoverTab";
import { PrintButton } from "../printing/PrintButton";

function AdjustModal({ v, onClose }: { v: Variance; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    try {
      await call("adjust_count", { handover_line_id: v.line_id, reason });
      invalidateShared("gift_catalog");
      onClose(true);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Modal open title={t("gifts.reconcile.adjustTitle", { label: v.label })} onCancel={() => onClose(false)} onOk={() => void ok()} okButtonProps={{ "data-testid": "adjust-ok" }} destroyOnHidden>
      <Typography.Paragraph>
        {t("gifts.reconcile.adjustText", { book: v.book, counted: v.counted, no: v.handover.no })}
      </Typography.Paragraph>
      <Input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("fields.reason")} maxLength={100} data-testid="adjust-reason" />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

export function ReconcileTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailureToast();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [wallNow().startOf("month"), wallNow().startOf("day")]);
  const [r, setR] = useState<Reconciliation | null>(null);
  const [open, setOpen] = useState<Handover | null>(null);
  const [adjusting, setAdjusting] = useState<Variance | null>(null);
  const period = { from: isoDate(range[0]), to: isoDate(range[1]) };
  const load = useCallback(() => {
    call("gift_reconciliation", { from: isoDate(range[0]), to: isoDate(range[1]) }).then(setR, fail);
  }, [range, fail]);
  useEffect(load, [load]);
  const view = (h: HandoverRef) => call("get_handover", h.id).then(setOpen, fail);
  const link = (h: HandoverRef | null | undefined) =>
    h ? (
      <Button type="link" size="small" onClick={() => void view(h)} data-testid="variance-handover">
        {h.no}
      </Button>
    ) : (
      "—"
    );
  const exportCsv = async () => {
    try {
      const x = await call("export_gift_reconciliation", period);
      void message.success(t("gifts.summary.exported", { path: x.path }), 8);
    } catch (e) {
      fail(e);
    }
  };
  const rate = r?.match_permille ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <Button onClick={() => void exportCsv()} data-testid="reconcile-export">
          {t("gifts.summary.export")}
        </Button>
        <PrintButton document={{ kind: "reconciliation", ...period }} testId="reconcile-print" />
      </Space>
      <Space size="large">
        <Statistic
          title={t("gifts.reconcile.matchRate")}
          value={rate === null ? "—" : permilleText(rate)}
          styles={{ content: { color: rate === null || rate === 1000 ? undefined : "#cf1322" } }}
          data-testid="reconcile-rate"
        />
        <Statistic title={t("gifts.reconcile.linesCounted")} value={r?.lines_counted ?? 0} />
        <Statistic title={t("gifts.reconcile.linesMatched")} value={r?.lines_matched ?? 0} />
      </Space>
      {r && r.variances.length > 0 && (
        <Card size="small" title={t("gifts.reconcile.variances")} data-testid="reconcile-variances">
          <Table<Variance>
            size="small"
            rowKey="line_id"
            pagination={false}
            dataSource={r.variances}
            columns={[
              { title: t("gifts.handover.col.line"), dataIndex: "label" },
              { title: t("gifts.reconcile.countedAt"), render: (_, v) => link(v.handover), width: 160 },
              { title: t("gifts.handover.col.book"), dataIndex: "book", width: 70 },
              { title: t("gifts.handover.col.counted"), dataIndex: "counted", width: 70 },
              { title: t("gifts.handover.col.variance"), render: (_, v) => <Tag color="red">{v.variance > 0 ? `+${v.variance}` : v.variance}</Tag>, width: 80 },
              { title: t("gifts.reconcile.firstSeen"), render: (_, v) => link(v.first_seen), width: 160 },
              {
                title: "",
                width: 120,
                render: (_, v) =>
                  v.adjusted ? (
                    <Tag>{t("gifts.handover.adjusted")}</Tag>
                  ) : v.item_id === null ? null : (
                    <Button size="small" onClick={() => setAdjusting(v)} data-testid="variance-adjust">
                      {t("gifts.reconcile.adjust")}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t("gifts.reconcile.items")}>
        <Table<ItemReconciliation>
          size="small"
          rowKey="item_id"
          pagination={false}
          dataSource={r?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="reconcile-items"
          columns={[
            { title: t("gifts.stock.col.item"), dataIndex: "name", fixed: "left", width: 140 },
            { title: t("gifts.reconcile.opening"), dataIndex: "opening" },
            { title: t("gifts.kinds.receive"), dataIndex: "received" },
            { title: t("gifts.kinds.issue"), dataIndex: "issued" },
            { title: t("gifts.kinds.recover"), dataIndex: "recovered" },
            { title: t("gifts.kinds.return"), dataIndex: "returned" },
            { title: t("gifts.kinds.damage"), dataIndex: "damaged" },
            { title: t("gifts.kinds.replace"), dataIndex: "replaced" },
            { title: t("gifts.kinds.destroy"), dataIndex: "destroyed" },
            { title: t("gifts.kinds.adjust"), dataIndex: "adjusted" },
            { title: t("gifts.reconcile.closing"), render: (_, i) => <strong>{i.closing}</strong> },
            { title: t("gifts.reconcile.lastCount"), render: (_, i) => (i.last_count ? `${i.last_count.counted} (${i.last_count.handover.no})` : "—"), width: 170 },
            {
              title: t("gifts.handover.col.variance"),
              render: (_, i) =>
                !i.last_count ? "—" : i.last_count.variance === 0 ? <Tag color="green">0</Tag> : <Tag color="red">{i.last_count.variance}</Tag>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("gifts.reconcile.vouchers")}>
        <Table<VoucherReconciliation>
          size="small"
          rowKey="voucher_type_id"
          pagination={false}
          dataSource={r?.vouchers ?? []}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (v) => (
              <Space orientation="vertical" size={2}>
                {v.outstanding.map((run) => (
                  <Typography.Text key={`${run.first}-${run.state}`}>
                    {run.first === run.last ? run.first : `${run.first} – ${run.last}`} · {run.count} · {t(`gifts.states.${run.state ?? "in_stock"}`)}
                  </Typography.Text>
                ))}
                {v.gaps.map((run) => (
                  <Typography.Text key={`gap-${run.first}`} type="danger">
                    {run.first === run.last ? run.first : `${run.first} – ${run.last}`} · {run.count} · {t("gifts.reconcile.gap")}
                  </Typography.Text>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: t("fields.voucher_type_id"), render: (_, v) => `${v.name} (${formatFen(v.face_value)})`, fixed: "left", width: 170 },
            { title: t("gifts.reconcile.openingStock"), dataIndex: "opening_in_stock" },
            { title: t("gifts.reconcile.openingIssued"), dataIndex: "opening_issued" },
            { title: t("gifts.events.receive"), dataIndex: "received" },
            { title: t("gifts.events.issue"), dataIndex: "issued" },
            { title: t("gifts.events.redeem"), dataIndex: "redeemed" },
            { title: t("gifts.events.unredeem"), dataIndex: "unredeemed" },
            { title: t("gifts.events.recover"), dataIndex: "recovered" },
            { title: t("gifts.events.cancel"), dataIndex: "cancelled" },
            { title: t("gifts.events.expire"), dataIndex: "expired" },
            { title: t("gifts.events.destroy"), dataIndex: "destroyed" },
            { title: t("gifts.reconcile.closingStock"), render: (_, v) => <strong>{v.closing_in_stock}</strong> },
            { title: t("gifts.reconcile.closingIssued"), render: (_, v) => <strong>{v.closing_issued}</strong> },
            { title: t("gifts.reconcile.gaps"), render: (_, v) => (v.gaps.length ? <Tag color="red">{v.gaps.reduce((s, g) => s + g.count, 0)}</Tag> : 0) },
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
      {adjusting && (
        <AdjustModal
          v={adjusting}
          onClose={(done) => {
            setAdjusting(null);
            if (done) load();
          }}
        />
      )}
    </Space>
  );
}
