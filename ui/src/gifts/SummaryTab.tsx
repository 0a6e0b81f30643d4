// The day's issuance (发放明细): by promotion, tier and reward, and by staff
// member with the manual's time standard; exported for the marketing
// supervisor at closing.
import { App, Button, Card, DatePicker, Space, Statistic, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { useFailureToast } from "../api/errors";
import type { IssuanceSummary } from "../bindings/IssuanceSummary";
import type { IssuedLine } from "../bindings/IssuedLine";
import type { StaffIssuance } from "../bindings/StaffIssuance";
import { isoDate } from "../common/dates";
import { formatFen } from "../money";
import { PrintButton } from "../printing/PrintButton";
import { type Dayjs, wallNow } from "../time";

export function SummaryTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailureToast();
  const [date, setDate] = useState<Dayjs>(() => wallNow().startOf("day"));
  const [summary, setSummary] = useState<IssuanceSummary | null>(null);
  useEffect(() => {
    call("issuance_summary", { date: isoDate(date) }).then(setSummary, fail);
  }, [date, fail]);
  const exportCsv = async () => {
    try {
      const r = await call("export_issuance_summary", { date: isoDate(date) });
      void message.success(t("gifts.summary.exported", { path: r.path }), 8);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space>
        <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
        <Button onClick={() => void exportCsv()} data-testid="summary-export">
          {t("gifts.summary.export")}
        </Button>
        <PrintButton document={{ kind: "daily_close", date: isoDate(date) }} testId="summary-print" />
      </Space>
      <Space size="large">
        <Statistic title={t("gifts.summary.vouchersIssued")} value={summary?.vouchers_issued ?? 0} />
        <Statistic title={t("gifts.summary.vouchersRedeemed")} value={summary?.vouchers_redeemed ?? 0} />
        <Statistic title={t("gifts.summary.redeemedAmount")} value={formatFen(summary?.redeemed_amount ?? 0)} />
      </Space>
      <Card size="small" title={t("gifts.summary.byReward")}>
        <Table<IssuedLine>
          size="small"
          rowKey={(l, i) => `${l.promotion}-${l.reward}-${i}`}
          pagination={false}
          dataSource={summary?.lines ?? []}
          data-testid="summary-lines"
          columns={[
            { title: t("gifts.summary.promotion"), render: (_, l) => l.promotion || <Tag color="magenta">{t("gifts.summary.birthday")}</Tag> },
            { title: t("gifts.summary.tier"), render: (_, l) => (l.threshold !== null ? `≥ ${formatFen(l.threshold)}` : "—"), width: 120 },
            { title: t("gifts.summary.reward"), dataIndex: "reward" },
            { title: t("gifts.summary.issued"), dataIndex: "quantity", width: 80 },
            { title: t("gifts.summary.recovered"), dataIndex: "recovered", width: 80 },
          ]}
        />
      </Card>
      <Card size="small" title={t("gifts.summary.byStaff")}>
        <Table<StaffIssuance>
          size="small"
          rowKey="staff"
          pagination={false}
          dataSource={summary?.staff ?? []}
          columns={[
            { title: t("gifts.summary.staff"), dataIndex: "staff" },
            { title: t("gifts.summary.issues"), dataIndex: "issues", width: 80 },
            { title: t("gifts.summary.units"), dataIndex: "units", width: 80 },
            {
              title: t("gifts.summary.avg"),
              width: 110,
              render: (_, s) => (s.average_seconds === null ? "—" : t("gifts.summary.seconds", { n: s.average_seconds })),
            },
            {
              title: t("gifts.summary.over"),
              width: 90,
              render: (_, s) => (s.over_standard ? <Tag color="red">{s.over_standard}</Tag> : 0),
            },
            { title: t("gifts.summary.vIssued"), dataIndex: "vouchers_issued", width: 90 },
            { title: t("gifts.summary.vRedeemed"), dataIndex: "vouchers_redeemed", width: 90 },
            { title: t("gifts.summary.redeemedAmount"), render: (_, s) => formatFen(s.redeemed_amount), width: 110 },
          ]}
        />
      </Card>
    </Space>
  );
}
