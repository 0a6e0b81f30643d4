// 营业日报: the day's (or the period's) visits, customers, money, stored
// value and packages, services, satisfaction, aftercare, gifts and the
// times at the desk. A count of visits opens the visits behind it.
import { Card, Col, Divider, Row, Space, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DailySummary } from "../bindings/DailySummary";
import type { GiftFigure } from "../bindings/GiftFigure";
import type { ServiceCount } from "../bindings/ServiceCount";
import type { Session } from "../bindings/Session";
import type { CareRowKind } from "../bindings/CareRowKind";
import type { MoneyRowKind } from "../bindings/MoneyRowKind";
import type { VisitFilter } from "../bindings/VisitFilter";
import type { VoucherFigure } from "../bindings/VoucherFigure";
import type { WaitTimes } from "../bindings/WaitTimes";
import { rateText } from "../common/numbers";
import { formatFen } from "../money";
import type { DatePeriod } from "../time";
import { DrillDrawer } from "./DrillDrawer";
import { ratingText } from "./format";
import { type Drill, Figure, Line, NoData, ReportBody, ReportToolbar, useReport } from "./parts";

/** Nothing at all happened in the period. */
export function quietPeriod(s: DailySummary): boolean {
  return (
    s.visits.total === 0 &&
    s.top_ups.count === 0 &&
    s.top_ups.refunds === 0 &&
    s.packages.count === 0 &&
    s.customers.cards_created === 0 &&
    s.followups.done + s.followups.not_reached + s.followups.overdue === 0 &&
    s.complaints.opened === 0 &&
    s.gifts.every((g) => g.issued === 0) &&
    s.vouchers.every((v) => v.issued === 0 && v.redeemed === 0)
  );
}

/** A wait or a consultation's average: 12分30秒 / 12 min 30 s; "—" when none was measured. */
export function durationText(t: TFunction, seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.max(0, Math.round(seconds));
  return t("reports.daily.duration", { m: Math.trunc(s / 60), s: s % 60 });
}

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} className="fd-report-card" data-testid={testId}>
      {children}
    </Card>
  );
}

export function DailyTab({
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
  const { data: s, error, loading, reload } = useReport("daily_summary", period);
  // A figure that opens its visits when there are any.
  const d = (count: number, title: string, filter: VisitFilter): Drill | undefined => (count > 0 ? { title, filter } : undefined);
  // An after-care figure that opens its follow-ups or complaints.
  const c = (count: number, care: CareRowKind): Drill | undefined =>
    count > 0 ? { title: t(`reports.care.titles.${care}`), care } : undefined;
  // A money figure that opens its rows when there are any.
  const m = (count: number, money: MoneyRowKind): Drill | undefined =>
    count > 0 ? { title: t(`reports.money.titles.${money}`), money } : undefined;
  const method = (m: string) => t(`visit.visit.methods.${m}`);
  return (
    <>
      <ReportToolbar report={{ report: "daily_summary", period }} print={{ kind: "daily_summary", ...period }} session={session}>
        <Typography.Text type="secondary">{t("reports.daily.hint")}</Typography.Text>
      </ReportToolbar>
      <ReportBody loading={loading} error={error} hasData={s !== null} empty={s !== null && quietPeriod(s)} onRetry={reload}>
        {s && !quietPeriod(s) && (
          <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="daily-summary">
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.visits")} testId="daily-visits">
                  <Figure
                    title={t("reports.daily.visitsTotal")}
                    value={s.visits.total}
                    drill={d(s.visits.total, t("reports.daily.visitsTotal"), { kind: "all" })}
                    onDrill={setDrill}
                    testId="visits-total"
                  />
                  <Divider className="fd-report-divider" />
                  {(["checked_out", "open", "cancelled", "voided"] as const).map((st) => (
                    <Line
                      key={st}
                      label={t(`visit.status.${st}`)}
                      value={s.visits[st]}
                      drill={d(s.visits[st], t(`visit.status.${st}`), { kind: "status", status: st })}
                      onDrill={setDrill}
                      testId={`visits-${st}`}
                    />
                  ))}
                  <Divider className="fd-report-divider" />
                  <Line
                    label={t("reports.daily.appointments")}
                    value={s.visits.appointments}
                    drill={d(s.visits.appointments, t("reports.daily.appointments"), { kind: "appointments" })}
                    onDrill={setDrill}
                    testId="visits-appointments"
                  />
                  <Line
                    label={t("reports.daily.walkIns")}
                    value={s.visits.walk_ins}
                    drill={d(s.visits.walk_ins, t("reports.daily.walkIns"), { kind: "walk_ins" })}
                    onDrill={setDrill}
                    testId="visits-walk-ins"
                  />
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.customers")} testId="daily-customers">
                  <Row gutter={8}>
                    <Col span={12}>
                      <Figure
                        title={t("reports.daily.newCustomers")}
                        value={s.customers.new_customers}
                        drill={d(s.customers.new_customers, t("reports.daily.newCustomers"), { kind: "new_customers" })}
                        onDrill={setDrill}
                        testId="customers-new"
                      />
                    </Col>
                    <Col span={12}>
                      <Figure
                        title={t("reports.daily.returning")}
                        value={s.customers.returning}
                        drill={d(s.customers.returning, t("reports.daily.returning"), { kind: "returning" })}
                        onDrill={setDrill}
                        testId="customers-returning"
                      />
                    </Col>
                  </Row>
                  <Divider className="fd-report-divider" />
                  <Line label={t("reports.daily.anonymous")} value={s.customers.anonymous} />
                  <Line label={t("reports.daily.cardsCreated")} value={s.customers.cards_created} testId="cards-created" />
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.revenue")} testId="daily-revenue">
                  <Figure
                    title={t("reports.daily.billed", { n: s.revenue.visits })}
                    value={formatFen(s.revenue.billed)}
                    drill={d(s.revenue.visits, t("reports.daily.billedDrill"), { kind: "status", status: "checked_out" })}
                    onDrill={setDrill}
                    testId="revenue-billed"
                  />
                  <Line label={t("reports.daily.services")} value={formatFen(s.revenue.services)} indent />
                  <Line label={t("reports.daily.products")} value={formatFen(s.revenue.products)} indent />
                  <Divider className="fd-report-divider" />
                  <Line label={t("reports.daily.moneyTaken")} value={formatFen(s.revenue.money_taken)} strong testId="revenue-money" />
                  {s.revenue.by_method.map((m) => (
                    <Line
                      key={m.method}
                      label={method(m.method)}
                      value={formatFen(m.amount)}
                      drill={m.amount !== 0 ? { title: t("reports.daily.paidBy", { method: method(m.method) }), filter: { kind: "paid_by", method: m.method } } : undefined}
                      onDrill={setDrill}
                      testId={`revenue-${m.method}`}
                      indent
                    />
                  ))}
                  <Divider className="fd-report-divider" dashed>
                    <Typography.Text type="secondary" className="fd-report-divider-text">
                      {t("reports.daily.notMoney")}
                    </Typography.Text>
                  </Divider>
                  <Line
                    label={t("reports.daily.storedValue")}
                    value={formatFen(s.revenue.stored_value)}
                    drill={s.revenue.stored_value !== 0 ? { title: t("reports.daily.storedValue"), filter: { kind: "stored_value" } } : undefined}
                    onDrill={setDrill}
                    testId="revenue-stored-value"
                  />
                  <Line label={t("reports.daily.vouchers")} value={formatFen(s.revenue.vouchers)} />
                  <Line
                    label={t("reports.daily.packageSessions")}
                    value={t("reports.daily.sessionsValue", { n: s.revenue.package_sessions, amount: formatFen(s.revenue.package_value) })}
                  />
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.topUps")} testId="daily-topups">
                  <Figure
                    title={t("reports.daily.topUpReceived", { n: s.top_ups.count })}
                    value={formatFen(s.top_ups.received)}
                    drill={m(s.top_ups.count, "top_ups")}
                    onDrill={setDrill}
                    testId="top-ups-received"
                  />
                  {s.top_ups.by_method
                    .filter((m) => m.amount !== 0)
                    .map((m) => (
                      <Line key={m.method} label={method(m.method)} value={formatFen(m.amount)} indent />
                    ))}
                  <Line label={t("reports.daily.bonus")} value={formatFen(s.top_ups.bonus)} drill={m(s.top_ups.bonus, "bonuses")} onDrill={setDrill} />
                  <Line label={t("reports.daily.liabilityCreated")} value={formatFen(s.top_ups.liability_created)} strong />
                  <Line
                    label={t("reports.daily.refunded", { n: s.top_ups.refunds })}
                    value={formatFen(s.top_ups.refunded)}
                    drill={m(s.top_ups.refunds, "refunds")}
                    onDrill={setDrill}
                  />
                  <Divider className="fd-report-divider" />
                  <Line
                    label={t("reports.daily.packagesSold")}
                    value={t("reports.daily.packagesCount", { n: s.packages.count, sessions: s.packages.sessions })}
                    drill={m(s.packages.count, "package_sales")}
                    onDrill={setDrill}
                  />
                  <Line label={t("reports.daily.packageReceived")} value={formatFen(s.packages.received)} />
                  <Line label={t("reports.daily.fromStoredValue")} value={formatFen(s.packages.from_stored_value)} indent />
                  <Line label={t("reports.daily.packageLiability")} value={formatFen(s.packages.liability_created)} strong />
                </Section>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.moneyIn")} testId="daily-money-in">
                  <Figure title={t("reports.daily.moneyInTotal")} value={formatFen(s.money_in.reduce((n, m) => n + m.amount, 0))} testId="money-in" />
                  {s.money_in.map((m) => (
                    <Line key={m.method} label={method(m.method)} value={formatFen(m.amount)} />
                  ))}
                  <Typography.Paragraph type="secondary" className="fd-report-note">
                    {t("reports.daily.moneyInNote")}
                  </Typography.Paragraph>
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.satisfaction")} testId="daily-satisfaction">
                  <Row gutter={8}>
                    <Col span={12}>
                      <Figure title={t("reports.daily.serviceRating")} value={ratingText(s.service_rating)} testId="service-rating" />
                    </Col>
                    <Col span={12}>
                      <Figure title={t("reports.daily.stylistRating")} value={ratingText(s.stylist_rating)} testId="stylist-rating" />
                    </Col>
                  </Row>
                  <Divider className="fd-report-divider" />
                  <Line label={t("reports.daily.rated")} value={t("reports.daily.ratedValue", { service: s.service_rating.rated, stylist: s.stylist_rating.rated })} />
                  <Line label={t("reports.daily.unknown")} value={t("reports.daily.ratedValue", { service: s.service_rating.unknown, stylist: s.stylist_rating.unknown })} />
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.aftercare")} testId="daily-aftercare">
                  <Line label={t("reports.daily.followupsDone")} value={s.followups.done} strong testId="followups-done" drill={c(s.followups.done, "followups_done")} onDrill={setDrill} />
                  <Line label={t("reports.daily.followupsNotReached")} value={s.followups.not_reached} drill={c(s.followups.not_reached, "followups_not_reached")} onDrill={setDrill} />
                  <Line label={t("reports.daily.followupsOverdue")} value={<Warn n={s.followups.overdue} />} testId="followups-overdue" drill={c(s.followups.overdue, "followups_overdue")} onDrill={setDrill} />
                  <Divider className="fd-report-divider" />
                  <Line label={t("reports.daily.complaints")} value={s.complaints.opened} strong testId="complaints-opened" drill={c(s.complaints.opened, "complaints")} onDrill={setDrill} />
                  <Line label={t("reports.daily.answeredInTime")} value={s.complaints.answered_in_time} indent />
                  <Line label={t("reports.daily.answeredLate")} value={<Warn n={s.complaints.answered_late} />} indent drill={c(s.complaints.answered_late, "complaints_late")} onDrill={setDrill} />
                  <Line label={t("reports.daily.unansweredOverdue")} value={<Warn n={s.complaints.unanswered_overdue} />} indent drill={c(s.complaints.unanswered_overdue, "complaints_overdue")} onDrill={setDrill} />
                  <Line label={t("reports.daily.unansweredPending")} value={s.complaints.unanswered_pending} indent />
                  <Line
                    label={t("reports.daily.inTimeRate")}
                    value={rateText(s.complaints.opened === 0 ? null : Math.trunc((s.complaints.answered_in_time * 1000) / s.complaints.opened))}
                  />
                </Section>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Section title={t("reports.daily.times")} testId="daily-times">
                  <Line
                    label={t("reports.daily.consult", { min: s.consultations.min_minutes, max: s.consultations.max_minutes })}
                    value={durationText(t, s.consultations.average_seconds)}
                    strong
                  />
                  <Line label={t("reports.daily.within")} value={`${s.consultations.within} / ${s.consultations.measured}`} indent />
                  <Line label={t("reports.daily.tooShort")} value={<Warn n={s.consultations.too_short} />} indent />
                  <Line label={t("reports.daily.tooLong")} value={<Warn n={s.consultations.too_long} />} indent />
                  <Typography.Text type="secondary" className="fd-report-note">
                    {t("reports.daily.newMax", { n: s.consultations.new_max_minutes })}
                  </Typography.Text>
                  <Divider className="fd-report-divider" />
                  <Wait label={t("reports.daily.waitConsult")} w={s.waiting_for_consult} t={t} />
                  <Wait label={t("reports.daily.waitLeave")} w={s.waiting_to_leave} t={t} />
                </Section>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Section title={t("reports.daily.servicesDone")} testId="daily-services">
                  <Table<ServiceCount>
                    size="small"
                    rowKey="service_id"
                    pagination={s.services.length > 10 ? { pageSize: 10, size: "small" } : false}
                    dataSource={[...s.services].sort((a, b) => b.count - a.count)}
                    locale={{ emptyText: <NoData compact /> }}
                    columns={[
                      { title: t("reports.daily.service"), dataIndex: "name" },
                      { title: t("reports.daily.count"), dataIndex: "count", align: "right", width: 90 },
                      { title: t("reports.daily.byPackage"), dataIndex: "by_package", align: "right", width: 110 },
                    ]}
                  />
                </Section>
              </Col>
              <Col xs={24} xl={12}>
                <Section title={t("reports.daily.gifts")} testId="daily-gifts">
                  <Table<GiftFigure>
                    size="small"
                    rowKey="item_id"
                    pagination={false}
                    dataSource={s.gifts.filter((g) => g.issued > 0)}
                    locale={{ emptyText: <NoData compact /> }}
                    columns={[
                      { title: t("reports.daily.gift"), dataIndex: "name" },
                      { title: t("reports.daily.issued"), align: "right", width: 110, render: (_, g) => `${g.issued} ${g.unit}` },
                    ]}
                  />
                  <Table<VoucherFigure>
                    size="small"
                    rowKey="voucher_type_id"
                    pagination={false}
                    style={{ marginTop: 12 }}
                    dataSource={s.vouchers.filter((v) => v.issued > 0 || v.redeemed > 0)}
                    locale={{ emptyText: <NoData compact /> }}
                    columns={[
                      { title: t("reports.daily.voucher"), render: (_, v) => t("reports.daily.voucherName", { name: v.name, face: formatFen(v.face_value) }) },
                      { title: t("reports.daily.issued"), dataIndex: "issued", align: "right", width: 80 },
                      { title: t("reports.daily.redeemed"), dataIndex: "redeemed", align: "right", width: 80 },
                      { title: t("reports.daily.redeemedAmount"), align: "right", width: 110, render: (_, v) => formatFen(v.redeemed_amount) },
                    ]}
                  />
                </Section>
              </Col>
            </Row>
          </Space>
        )}
      </ReportBody>
      <DrillDrawer period={period} drill={drill} onClose={() => setDrill(null)} onOpenCustomer={onOpenCustomer} />
    </>
  );
}

/** A count that should be zero: red when it is not. */
function Warn({ n }: { n: number }) {
  return n === 0 ? <>0</> : <Tag color="red" variant="filled" className="fd-report-warn">{n}</Tag>;
}

function Wait({ label, w, t }: { label: string; w: WaitTimes; t: TFunction }) {
  return (
    <>
      <Line label={label} value={durationText(t, w.average_seconds)} strong />
      <Line label={t("reports.daily.waitWithin", { n: w.amber_minutes })} value={`${w.within} / ${w.measured}`} indent />
      <Line label={t("reports.daily.waitOverRed", { n: w.red_minutes })} value={<Warn n={w.over_red} />} indent />
    </>
  );
}
