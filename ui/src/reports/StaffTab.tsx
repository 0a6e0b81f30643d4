// 员工业绩: every staff member's visits, services, takings, the customers'
// ratings (ranked by the stylist rating), rebookings, complaints and
// follow-ups done; a bar chart of the rating or the takings. A stylist's
// visits and rebookings open the visits behind them.
import { Card, Segmented, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../bindings/Session";
import type { StaffFigures } from "../bindings/StaffFigures";
import { rateText, tenthsValue } from "../common/numbers";
import { formatFen } from "../money";
import type { DatePeriod } from "../time";
import { DrillDrawer } from "./DrillDrawer";
import { type ChartOption, EChart, PALETTE } from "./EChart";
import { ratingText } from "./format";
import { type Drill, DrillLink, NoData, ReportBody, ReportToolbar, useReport } from "./parts";

type Metric = "rating" | "revenue";

const MEDAL = ["#d4a017", "#9ea7b3", "#b87333"];

export const staffName = (s: Pick<StaffFigures, "staff_no" | "name">) => `${s.staff_no} ${s.name}`;

/** Whether a staff member did anything the report counts in the period. */
export function hasFigures(s: StaffFigures): boolean {
  return s.visits > 0 || s.service_rating.rated + s.stylist_rating.rated > 0 || s.complaints > 0 || s.followups_due > 0;
}

/** The bars: stylists by their rating (rank order) or by their takings, best on top. */
export function staffChart(rows: StaffFigures[], metric: Metric, labels: { rating: string; revenue: string }): { bars: number; option: ChartOption } {
  const shown =
    metric === "rating"
      ? rows.filter((r) => r.stylist_rating.average_tenths !== null)
      : [...rows].filter((r) => r.revenue !== 0).sort((a, b) => b.revenue - a.revenue);
  const option: ChartOption = {
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v) => (metric === "rating" ? String(v) : formatFen(Math.round(Number(v) * 100))),
    },
    xAxis: metric === "rating" ? { type: "value", min: 0, max: 5, interval: 1 } : { type: "value", axisLabel: { formatter: (v: number) => `¥${v}` } },
    yAxis: { type: "category", inverse: true, data: shown.map(staffName), axisTick: { show: false } },
    series: [
      {
        type: "bar",
        name: metric === "rating" ? labels.rating : labels.revenue,
        barMaxWidth: 22,
        itemStyle: { color: metric === "rating" ? PALETTE[0] : PALETTE[1], borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: "right",
          formatter: (p: { value?: unknown }) => (metric === "rating" ? Number(p.value).toFixed(1) : formatFen(Math.round(Number(p.value) * 100))),
        },
        data: shown.map((r) => (metric === "rating" ? tenthsValue(r.stylist_rating.average_tenths) : r.revenue / 100)),
      },
    ],
  };
  return { bars: shown.length, option };
}

export function StaffTab({
  period,
  session,
  onOpenCustomer,
}: {
  period: DatePeriod;
  session: Session;
  onOpenCustomer?: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [drill, setDrill] = useState<Drill | null>(null);
  const [metric, setMetric] = useState<Metric>("rating");
  const { data, error, loading, reload } = useReport("staff_report", period);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const active = rows.filter(hasFigures);
  const { bars, option } = useMemo(
    () => staffChart(rows, metric, { rating: t("reports.staff.stylistRating"), revenue: t("reports.staff.revenue") }),
    [rows, metric, t],
  );
  return (
    <>
      <ReportToolbar report={{ report: "staff", period }} session={session}>
        <Typography.Text type="secondary">{t("reports.staff.hint")}</Typography.Text>
      </ReportToolbar>
      <ReportBody loading={loading} error={error} hasData={data !== null} empty={data !== null && active.length === 0} onRetry={reload}>
        {active.length > 0 && (
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Table<StaffFigures>
              size="small"
              rowKey="staff_id"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 1040 }}
              data-testid="staff-table"
              rowClassName={(r) => (hasFigures(r) ? "" : "fd-report-row-quiet")}
              columns={[
                {
                  title: t("reports.staff.rank"),
                  width: 60,
                  align: "center",
                  render: (_, r) =>
                    r.rank === null ? (
                      "—"
                    ) : r.rank <= 3 ? (
                      <Tag color={MEDAL[r.rank - 1]} variant="solid" className="fd-report-medal">
                        {r.rank}
                      </Tag>
                    ) : (
                      r.rank
                    ),
                },
                {
                  title: t("reports.staff.staff"),
                  width: 150,
                  render: (_, r) => (
                    <Space size={4}>
                      <Typography.Text type="secondary">{r.staff_no}</Typography.Text>
                      <span>{r.name}</span>
                      {!r.active && <Tag>{t("reports.staff.inactive")}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t("reports.staff.visits"),
                  align: "right",
                  width: 90,
                  render: (_, r) =>
                    r.visits > 0 ? (
                      <DrillLink
                        onOpen={() => setDrill({ title: t("reports.staff.visitsOf", { name: staffName(r) }), filter: { kind: "stylist", staff_id: r.staff_id } })}
                        testId={`drill-staff-${r.staff_no}`}
                      >
                        {r.visits}
                      </DrillLink>
                    ) : (
                      0
                    ),
                },
                { title: t("reports.staff.services"), dataIndex: "services", align: "right", width: 80 },
                { title: t("reports.staff.revenue"), align: "right", width: 120, render: (_, r) => formatFen(r.revenue) },
                { title: t("reports.staff.serviceRating"), align: "right", width: 100, render: (_, r) => ratingText(r.service_rating) },
                {
                  title: t("reports.staff.stylistRating"),
                  align: "right",
                  width: 130,
                  render: (_, r) => (
                    <span>
                      <Typography.Text strong>{ratingText(r.stylist_rating)}</Typography.Text>{" "}
                      <Typography.Text type="secondary">{t("reports.staff.raters", { n: r.stylist_rating.rated })}</Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t("reports.staff.rebooking"),
                  align: "right",
                  width: 120,
                  render: (_, r) => (
                    <span>
                      {rateText(r.rebooking_permille)}{" "}
                      {r.rebooked > 0 ? (
                        <DrillLink
                          onOpen={() => setDrill({ title: t("reports.staff.rebookedOf", { name: staffName(r) }), filter: { kind: "rebooked", staff_id: r.staff_id } })}
                          testId={`drill-rebooked-${r.staff_no}`}
                        >
                          ({r.rebooked})
                        </DrillLink>
                      ) : (
                        <Typography.Text type="secondary">(0)</Typography.Text>
                      )}
                    </span>
                  ),
                },
                {
                  title: t("reports.staff.complaints"),
                  align: "right",
                  width: 70,
                  render: (_, r) => (r.complaints > 0 ? <Tag color="red" variant="filled" className="fd-report-warn">{r.complaints}</Tag> : 0),
                },
                {
                  title: t("reports.staff.followups"),
                  align: "right",
                  width: 120,
                  render: (_, r) => (
                    <span>
                      {rateText(r.followups_permille)}{" "}
                      <Typography.Text type="secondary">
                        ({r.followups_handled}/{r.followups_due})
                      </Typography.Text>
                    </span>
                  ),
                },
              ]}
            />
            <Card
              size="small"
              title={t("reports.staff.chartTitle")}
              extra={
                <Segmented<Metric>
                  size="small"
                  value={metric}
                  onChange={setMetric}
                  options={[
                    { value: "rating", label: <span data-testid="staff-chart-rating">{t("reports.staff.byRating")}</span> },
                    { value: "revenue", label: <span data-testid="staff-chart-revenue">{t("reports.staff.byRevenue")}</span> },
                  ]}
                />
              }
            >
              {bars === 0 ? <NoData compact /> : <EChart option={option} height={Math.max(120, bars * 34 + 24)} testId="staff-chart" />}
            </Card>
          </Space>
        )}
      </ReportBody>
      <DrillDrawer period={period} drill={drill} onClose={() => setDrill(null)} onOpenCustomer={onOpenCustomer} />
    </>
  );
}
