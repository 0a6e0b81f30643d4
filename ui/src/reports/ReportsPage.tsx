import { App, Button, Card, Col, Row, Statistic, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { MembershipReport } from "../bindings/MembershipReport";
import type { Session } from "../bindings/Session";
import type { TierCount } from "../bindings/TierCount";
import { formatFen } from "../money";
import { ComingSoon } from "../shell/ComingSoon";
import { errorText, useFailureToast } from "../api/errors";
import { can } from "../session/can";

/** Reports (manager): the membership report, exportable to CSV. */
export function ReportsPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const fail = useFailureToast();
  const { t } = useTranslation();
  const [report, setReport] = useState<MembershipReport | null>(null);
  const manager = can(session, "view_reports");
  useEffect(() => {
    if (manager) call("membership_report").then(setReport, fail);
  }, [manager, fail]);
  if (!manager) return <ComingSoon name={t("nav.reports")} />;
  const exportCsv = async () => {
    try {
      const f = await call("export_membership_report");
      void message.success(t("member.report.exported", { path: f.path }), 8);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return (
    <Card
      title={t("member.report.title")}
      extra={
        <Button onClick={() => void exportCsv()} data-testid="report-export">
          {t("member.report.export")}
        </Button>
      }
      data-testid="reports-page"
    >
      {report && (
        <Row gutter={24}>
          <Col span={10}>
            <Typography.Title level={5}>{t("member.report.perTier")}</Typography.Title>
            <Table<TierCount>
              rowKey="tier"
              size="small"
              pagination={false}
              dataSource={report.tiers}
              columns={[
                { title: t("member.tier"), render: (_, r) => <Tag color={r.color}>{r.tier}</Tag> },
                { title: t("member.report.members"), dataIndex: "members", align: "right" },
              ]}
            />
          </Col>
          <Col span={7}>
            <Statistic title={t("member.report.liability")} value={formatFen(report.liability)} data-testid="report-liability" />
            <Typography.Text type="secondary">{t("member.report.withBalance", { count: report.customers_with_balance })}</Typography.Text>
          </Col>
          <Col span={7}>
            <Statistic title={t("member.report.sessions")} value={report.package_sessions} data-testid="report-sessions" />
            <Typography.Text type="secondary">{t("member.report.sessionsValue", { amount: formatFen(report.package_value) })}</Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
