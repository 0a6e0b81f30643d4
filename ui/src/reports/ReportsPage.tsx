// 统计报表 (managers): 营业日报, 员工业绩, 顾客分析 and 经营趋势 over one period
// picked once for every tab; each tab exports to CSV and prints.
import { Card, Tabs } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import { ComingSoon } from "../shell/ComingSoon";
import { CustomersTab } from "./CustomersTab";
import { DailyTab } from "./DailyTab";
import { PeriodPicker, type ReportPeriod, periodOf } from "./PeriodPicker";
import { StaffTab } from "./StaffTab";
import { TrendsTab } from "./TrendsTab";

export function ReportsPage({ session, onOpenCustomer }: { session: Session; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  if (!can(session, "view_reports")) return <ComingSoon name={t("nav.reports")} />;
  return <Reports session={session} onOpenCustomer={onOpenCustomer} />;
}

function Reports({ session, onOpenCustomer }: { session: Session; onOpenCustomer?: (id: number) => void }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<ReportPeriod>(() => periodOf("today"));
  const [tab, setTab] = useState("daily");
  // The tabs read only the dates: a new preset with the same dates loads nothing again.
  const dates = { from: period.from, to: period.to };
  const item = (key: string, children: ReactNode) => ({
    key,
    label: <span data-testid={`reports-tab-${key}`}>{t(`reports.tabs.${key}`)}</span>,
    children,
  });
  return (
    <Card
      title={t("reports.title")}
      extra={<PeriodPicker value={period} onChange={setPeriod} />}
      data-testid="reports-page"
      className="fd-reports"
      styles={{ body: { paddingTop: 4 } }}
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          item("daily", <DailyTab period={dates} session={session} onOpenCustomer={onOpenCustomer} />),
          item("staff", <StaffTab period={dates} session={session} onOpenCustomer={onOpenCustomer} />),
          item("customers", <CustomersTab period={dates} session={session} onOpenCustomer={onOpenCustomer} />),
          item("trends", <TrendsTab period={dates} session={session} />),
        ]}
      />
    </Card>
  );
}
