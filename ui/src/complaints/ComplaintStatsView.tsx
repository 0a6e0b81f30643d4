import { Alert, Card, Col, DatePicker, Row, Space, Spin, Statistic, Table, Typography } from "antd";
import { type Dayjs, wallNow } from "../time";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { ComplaintStats } from "../bindings/ComplaintStats";
import type { CountBy } from "../bindings/CountBy";
import type { RatingAverage } from "../bindings/RatingAverage";
import { useSpan } from "./complaintTags";
import { averageText, centiText } from "../common/numbers";
import { errorOf, errorMessage } from "../api/errors";

/**
 * The month's complaint statistics (月度投诉统计): complaints per 100 visits
 * (投诉率), time to answer, by type and by staff member, and the month's
 * satisfaction averages per service and per stylist.
 */
export function ComplaintStatsView() {
  const { t } = useTranslation();
  const span = useSpan();
  const [month, setMonth] = useState<Dayjs>(() => wallNow().startOf("month"));
  const [stats, setStats] = useState<ComplaintStats | null>(null);
  const [error, setError] = useState<{ forbidden: boolean; text: string } | null>(null);
  const seq = useRef(0);
  const key = month.format("YYYY-MM");

  useEffect(() => {
    const mine = ++seq.current;
    call("complaint_stats", { month: key }).then(
      (s) => {
        if (mine !== seq.current) return;
        setStats(s);
        setError(null);
      },
      (e) => {
        if (mine !== seq.current) return;
        const err = errorOf(e);
        setError({ forbidden: err.code === "forbidden", text: errorMessage(t, err) });
      },
    );
  }, [key, t]);

  if (error?.forbidden) {
    return <Alert type="info" showIcon title={t("complaints.statsManagerOnly")} description={error.text} />;
  }

  const countTable = (rows: CountBy[], label: string, name: (key: string) => string, testId: string) => (
    <Table<CountBy>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: t("complaints.statsNone") }}
      columns={[
        { title: label, dataIndex: "key", render: (k: string) => name(k) },
        { title: t("complaints.statsCount"), dataIndex: "count", align: "right", width: 100 },
      ]}
    />
  );
  const ratingTable = (rows: RatingAverage[], label: string, testId: string) => (
    <Table<RatingAverage>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: t("complaints.statsNoRatings") }}
      columns={[
        { title: label, dataIndex: "key" },
        {
          title: t("complaints.statsAverage"),
          align: "right",
          width: 110,
          render: (_, r) => <Typography.Text strong>{averageText(r.sum, r.count)}</Typography.Text>,
        },
        { title: t("complaints.statsRatings"), dataIndex: "count", align: "right", width: 110 },
      ]}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="complaint-stats">
      <Space wrap>
        <Typography.Text>{t("complaints.statsMonth")}</Typography.Text>
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          onChange={(d) => d && setMonth(d.startOf("month"))}
          disabledDate={(d) => d.isAfter(wallNow().endOf("month"))}
          data-testid="complaint-stats-month"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error.text} />}
      <Spin spinning={stats?.month !== key && !error}>
        {stats && (
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t("complaints.statsComplaints")} value={stats.complaints} />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t("complaints.statsVisits")} value={stats.visits} />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small" data-testid="complaint-stats-rate">
                  <Statistic title={t("complaints.statsRate")} value={centiText(stats.rate_per_100_centi)} />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t("complaints.statsAnswerTime")}
                    value={stats.avg_answer_minutes === null ? "–" : span(stats.avg_answer_minutes)}
                  />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t("complaints.statsLate")}
                    value={stats.answered_late}
                    styles={{ content: { color: stats.answered_late > 0 ? "#cf1322" : undefined } }}
                  />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t("complaints.statsOpen")} value={stats.still_open} />
                </Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t("complaints.statsByKind")}>
                  {countTable(
                    stats.by_kind,
                    t("complaints.kindLabel"),
                    (k) => t(`complaints.kind.${k}`, { defaultValue: k }),
                    "complaint-stats-kind",
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t("complaints.statsByStaff")}>
                  {countTable(
                    stats.by_staff,
                    t("complaints.about"),
                    (k) => k || t("complaints.statsNobody"),
                    "complaint-stats-staff",
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t("complaints.statsServiceSatisfaction")}>
                  {ratingTable(stats.service_satisfaction, t("complaints.statsService"), "complaint-stats-services")}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t("complaints.statsStylistSatisfaction")}>
                  {ratingTable(stats.stylist_satisfaction, t("complaints.statsStylist"), "complaint-stats-stylists")}
                </Card>
              </Col>
            </Row>
            <Typography.Text type="secondary">{t("complaints.statsHelp")}</Typography.Text>
          </Space>
        )}
      </Spin>
    </Space>
  );
}
