// 顾客分析: new cards by source and first visits in the period; today's
// A/B/C mix, members per tier and what the shop owes them; and the lists
// to call: 流失顾客 and 本月生日.
import { Card, Col, Progress, Row, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ClassCount } from "../bindings/ClassCount";
import type { Session } from "../bindings/Session";
import type { Source } from "../bindings/Source";
import type { SourceCount } from "../bindings/SourceCount";
import type { TierCount } from "../bindings/TierCount";
import { formatFen } from "../money";
import type { DatePeriod } from "../time";
import { CustomerListPanel, DormantDays } from "./CustomerListPanel";
import { type ChartOption, EChart, PALETTE } from "./EChart";
import { Line, NoData, ReportBody, ReportToolbar, useReport } from "./parts";

const CLASS_COLOR: Record<string, string> = { A: PALETTE[0]!, B: PALETTE[1]!, C: PALETTE[2]!, none: "#bfbfbf" };

/** Each source keeps its colour in the chart and beside its row of the table. */
export const SOURCE_COLOR: Record<Source, string> = {
  walk_in: PALETTE[0]!,
  referral: PALETTE[1]!,
  online: PALETTE[2]!,
  flyer: PALETTE[3]!,
  other: PALETTE[4]!,
};

/** A ring of the new cards by source, each slice with its count inside (the table beside names them). */
export function sourcesChart(sources: SourceCount[], name: (s: Source) => string): ChartOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    series: [
      {
        type: "pie",
        radius: ["42%", "80%"],
        center: ["50%", "50%"],
        label: { position: "inside", formatter: "{c}", color: "#fff", fontWeight: "bold" },
        labelLine: { show: false },
        data: sources
          .filter((s) => s.customers > 0)
          .map((s) => ({ name: name(s.source), value: s.customers, itemStyle: { color: SOURCE_COLOR[s.source] } })),
      },
    ],
  };
}

export function CustomersTab({
  period,
  session,
  onOpenCustomer,
}: {
  period: DatePeriod;
  session: Session;
  onOpenCustomer?: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { data: r, error, loading, reload } = useReport("customer_report", period);
  const [days, setDays] = useState(90);
  const newCards = r?.new_cards.reduce((n, s) => n + s.customers, 0) ?? 0;
  const classed = r?.classes.reduce((n, c) => n + c.customers, 0) ?? 0;
  const pie = useMemo(() => sourcesChart(r?.new_cards ?? [], (s) => t(`options.source.${s}`)), [r, t]);
  const dormantCounts = useMemo(() => new Map((r?.dormant ?? []).map((d) => [d.days, d.customers])), [r]);
  const className = (c: ClassCount["class"]) => (c === null ? t("reports.customers.unclassed") : t(`options.classShort.${c}`));
  return (
    <>
      <ReportToolbar report={{ report: "customers", period }} session={session}>
        <Typography.Text type="secondary">{t("reports.customers.hint")}</Typography.Text>
      </ReportToolbar>
      <ReportBody loading={loading} error={error} hasData={r !== null} onRetry={reload}>
        {r && (
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12} xl={9}>
                <Card size="small" className="fd-report-card" title={t("reports.customers.newCards")} data-testid="customers-sources">
                  <Row gutter={12}>
                    <Col span={12}>
                      <Statistic title={t("reports.customers.newCardsTotal")} value={newCards} styles={{ content: { fontSize: 22 } }} data-testid="stat-new-cards" />
                    </Col>
                    <Col span={12}>
                      <Statistic title={t("reports.customers.firstVisits")} value={r.first_visits} styles={{ content: { fontSize: 22 } }} data-testid="stat-first-visits" />
                    </Col>
                  </Row>
                  {newCards === 0 ? (
                    <NoData compact />
                  ) : (
                    <Row gutter={12} align="middle">
                      <Col span={10}>
                        <EChart option={pie} height={170} testId="sources-chart" />
                      </Col>
                      <Col span={14}>
                        <Table<SourceCount>
                          size="small"
                          rowKey="source"
                          pagination={false}
                          dataSource={r.new_cards}
                          columns={[
                            {
                              title: t("reports.customers.source"),
                              render: (_, s) => (
                                <span style={{ whiteSpace: "nowrap" }}>
                                  <span className="fd-report-dot" style={{ background: SOURCE_COLOR[s.source] }} />
                                  {t(`options.source.${s.source}`)}
                                </span>
                              ),
                            },
                            { title: t("reports.customers.people"), dataIndex: "customers", align: "right", width: 60 },
                          ]}
                        />
                      </Col>
                    </Row>
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12} xl={7}>
                <Card size="small" className="fd-report-card" title={t("reports.customers.classes")} data-testid="customers-classes">
                  <Typography.Paragraph type="secondary" className="fd-report-note">
                    {t("reports.customers.asOfToday", { n: classed })}
                  </Typography.Paragraph>
                  {r.classes.map((c) => {
                    const key = c.class ?? "none";
                    const share = classed === 0 ? 0 : Math.round((c.customers * 1000) / classed) / 10;
                    return (
                      <div key={key} className="fd-report-class" data-testid={`class-${key}`}>
                        <span className="fd-report-class-name">{className(c.class)}</span>
                        <Progress percent={share} strokeColor={CLASS_COLOR[key]} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
                        <span className="fd-report-class-count">{t("reports.customers.peopleShare", { n: c.customers, share })}</span>
                      </div>
                    );
                  })}
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card size="small" className="fd-report-card" title={t("reports.customers.membership")} data-testid="customers-membership">
                  <Statistic
                    title={t("reports.customers.liability")}
                    value={formatFen(r.membership.liability)}
                    styles={{ content: { fontSize: 22 } }}
                    data-testid="report-liability"
                  />
                  <Line label={t("reports.customers.withBalance")} value={r.membership.customers_with_balance} />
                  <Line
                    label={t("reports.customers.packageSessions")}
                    value={t("reports.customers.sessionsValue", { n: r.membership.package_sessions, amount: formatFen(r.membership.package_value) })}
                  />
                  <Table<TierCount>
                    size="small"
                    rowKey="tier"
                    pagination={false}
                    style={{ marginTop: 8 }}
                    dataSource={r.membership.tiers}
                    columns={[
                      {
                        title: t("reports.customers.tier"),
                        render: (_, tier) => (
                          <Tag color={tier.color} variant="filled">
                            {tier.tier}
                          </Tag>
                        ),
                      },
                      { title: t("reports.customers.members"), dataIndex: "members", align: "right" },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" className="fd-report-card" data-testid="customer-lists">
              <Tabs
                destroyOnHidden
                items={[
                  {
                    key: "dormant",
                    label: <span data-testid="list-tab-dormant">{dormantCounts.has(days) ? t("reports.lists.dormantTabCount", { n: dormantCounts.get(days) }) : t("reports.lists.dormantTab")}</span>,
                    children: (
                      <CustomerListPanel
                        list={{ kind: "dormant", days }}
                        session={session}
                        onOpenCustomer={onOpenCustomer}
                        controls={<DormantDays days={days} counts={dormantCounts} onChange={setDays} />}
                      />
                    ),
                  },
                  {
                    key: "birthdays",
                    label: <span data-testid="list-tab-birthdays">{t("reports.lists.birthdaysTab", { n: r.birthdays })}</span>,
                    children: (
                      <CustomerListPanel
                        list={{ kind: "birthdays", month: r.birthday_month }}
                        session={session}
                        onOpenCustomer={onOpenCustomer}
                        controls={<Typography.Text type="secondary">{t("reports.lists.birthdaysOf", { month: r.birthday_month })}</Typography.Text>}
                      />
                    ),
                  },
                ]}
              />
            </Card>
          </Space>
        )}
      </ReportBody>
    </>
  );
}
