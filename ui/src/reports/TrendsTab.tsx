// 经营趋势: the period by day, week or month — visits and new customers,
// takings, satisfaction against the complaint rate, and what the shop owes
// on stored value — as charts, with the same figures in a table below.
import { Alert, Card, Col, Row, Segmented, Space, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Bucket } from "../bindings/Bucket";
import type { Session } from "../bindings/Session";
import type { Trend } from "../bindings/Trend";
import type { TrendPoint } from "../bindings/TrendPoint";
import { permillePercent, rateText, tenthsValue } from "../common/numbers";
import { formatFen } from "../money";
import { type DatePeriod, periodDays } from "../time";
import { type ChartOption, EChart, PALETTE } from "./EChart";
import { defaultBucket, ratingText, stepLabel, stepText } from "./format";
import { NoData, ReportBody, ReportToolbar, useReport } from "./parts";

export type TrendLabels = {
  visits: string;
  newCustomers: string;
  revenue: string;
  rating: string;
  complaintRate: string;
  liability: string;
};

/** Whether nothing at all moved over the period. */
export function quietTrend(t: Trend): boolean {
  return t.points.every((p) => p.visits === 0 && p.revenue === 0 && p.new_customers === 0 && p.complaints === 0 && p.liability === 0);
}

const yuan = (fen: number) => fen / 100;
const money = (v: unknown) => formatFen(Math.round(Number(v) * 100));
const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** The four charts of a trend, one option each. */
export function trendCharts(trend: Trend, l: TrendLabels): { visits: ChartOption; revenue: ChartOption; quality: ChartOption; liability: ChartOption } {
  const axis = { type: "category" as const, data: trend.points.map((p) => stepLabel(p, trend.bucket)), axisTick: { alignWithLabel: true } };
  const line = { type: "line" as const, smooth: false, symbolSize: 6, connectNulls: false };
  return {
    visits: {
      grid: GRID,
      legend: { top: 0, data: [l.visits, l.newCustomers] },
      tooltip: { trigger: "axis" },
      xAxis: axis,
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { ...line, name: l.visits, data: trend.points.map((p) => p.visits), color: PALETTE[0] },
        { ...line, name: l.newCustomers, data: trend.points.map((p) => p.new_customers), color: PALETTE[1] },
      ],
    },
    revenue: {
      grid: GRID,
      legend: { top: 0, data: [l.revenue] },
      tooltip: { trigger: "axis", valueFormatter: money },
      xAxis: axis,
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => `¥${v}` } },
      series: [{ type: "bar", name: l.revenue, barMaxWidth: 28, color: PALETTE[3], data: trend.points.map((p) => yuan(p.revenue)) }],
    },
    quality: {
      grid: GRID,
      legend: { top: 0, data: [l.rating, l.complaintRate] },
      tooltip: { trigger: "axis" },
      xAxis: axis,
      yAxis: [
        { type: "value", min: 0, max: 5, interval: 1 },
        { type: "value", min: 0, axisLabel: { formatter: "{value}%" }, splitLine: { show: false } },
      ],
      series: [
        { ...line, name: l.rating, data: trend.points.map((p) => tenthsValue(p.service_rating.average_tenths)), color: PALETTE[2] },
        {
          ...line,
          name: l.complaintRate,
          yAxisIndex: 1,
          data: trend.points.map((p) => permillePercent(p.complaint_permille)),
          color: "#cf1322",
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? "—" : `${String(v)}%`) },
        },
      ],
    },
    liability: {
      grid: GRID,
      legend: { top: 0, data: [l.liability] },
      tooltip: { trigger: "axis", valueFormatter: money },
      xAxis: axis,
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => `¥${v}` } },
      series: [{ ...line, name: l.liability, areaStyle: { opacity: 0.12 }, color: PALETTE[4], data: trend.points.map((p) => yuan(p.liability)) }],
    },
  };
}

export function TrendsTab({ period, session }: { period: DatePeriod; session: Session }) {
  const { t, i18n } = useTranslation();
  // The step suits the period's length until the manager picks one.
  const [chosen, setChosen] = useState<Bucket | null>(null);
  const bucket = chosen ?? defaultBucket(periodDays(period));
  const trendReq = { ...period, bucket };
  const { data, error, loading, reload } = useReport("trend", trendReq);
  const charts = useMemo(
    () =>
      data &&
      trendCharts(data, {
        visits: t("reports.trends.visits"),
        newCustomers: t("reports.trends.newCustomers"),
        revenue: t("reports.trends.revenue"),
        rating: t("reports.trends.rating"),
        complaintRate: t("reports.trends.complaintRate"),
        liability: t("reports.trends.liability"),
      }),
    [data, t],
  );
  const quiet = data !== null && quietTrend(data);
  return (
    <>
      <ReportToolbar report={{ report: "trend", trend: trendReq }} session={session}>
        <Segmented<Bucket>
          value={bucket}
          onChange={setChosen}
          options={(["day", "week", "month"] as const).map((b) => ({
            value: b,
            label: <span data-testid={`trend-bucket-${b}`}>{t(`reports.trends.bucket.${b}`)}</span>,
          }))}
        />
      </ReportToolbar>
      <ReportBody loading={loading} error={error} hasData={data !== null} empty={quiet} onRetry={reload}>
        {data && charts && !quiet && (
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            {data.points.length === 1 && <Alert type="info" showIcon title={t("reports.trends.onePoint")} data-testid="trend-one-point" />}
            <Row gutter={[16, 16]} data-testid="trend-chart">
              <Col xs={24} xl={12}>
                <Card size="small" title={t("reports.trends.visitsTitle")}>
                  <EChart option={charts.visits} height={220} testId="trend-chart-visits" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t("reports.trends.revenueTitle")}>
                  <EChart option={charts.revenue} height={220} testId="trend-chart-revenue" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t("reports.trends.qualityTitle")}>
                  <EChart option={charts.quality} height={220} testId="trend-chart-quality" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t("reports.trends.liabilityTitle")}>
                  <EChart option={charts.liability} height={220} testId="trend-chart-liability" />
                </Card>
              </Col>
            </Row>
            <Table<TrendPoint>
              size="small"
              rowKey="from"
              dataSource={data.points}
              pagination={data.points.length > 15 ? { pageSize: 15, size: "small", showSizeChanger: false } : false}
              locale={{ emptyText: <NoData compact /> }}
              scroll={{ x: 900 }}
              data-testid="trend-table"
              columns={[
                { title: t("reports.trends.step"), width: 200, render: (_, p) => stepText(p, data.bucket, i18n.language) },
                { title: t("reports.trends.visits"), dataIndex: "visits", align: "right" },
                { title: t("reports.trends.revenue"), align: "right", render: (_, p) => formatFen(p.revenue) },
                { title: t("reports.trends.newCustomers"), dataIndex: "new_customers", align: "right" },
                {
                  title: t("reports.trends.rating"),
                  align: "right",
                  render: (_, p) => (
                    <span>
                      {ratingText(p.service_rating)}{" "}
                      {p.service_rating.rated > 0 && <Typography.Text type="secondary">{t("reports.staff.raters", { n: p.service_rating.rated })}</Typography.Text>}
                    </span>
                  ),
                },
                { title: t("reports.trends.complaints"), dataIndex: "complaints", align: "right" },
                { title: t("reports.trends.complaintRate"), align: "right", render: (_, p) => rateText(p.complaint_permille) },
                { title: t("reports.trends.liability"), align: "right", render: (_, p) => formatFen(p.liability) },
              ]}
            />
          </Space>
        )}
      </ReportBody>
    </>
  );
}
