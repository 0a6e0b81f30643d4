// 赠品赠券: the shelf and the drawer, handovers, the day's issuance, and for
// managers the reconciliation and the setup.
import { Alert, Card, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import { HandoverTab } from "./HandoverTab";
import { ReconcileTab } from "./ReconcileTab";
import { SetupTab } from "./SetupTab";
import { StockTab } from "./StockTab";
import { SummaryTab } from "./SummaryTab";

export function GiftsPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (!can(session, "handle_gifts")) {
    return (
      <Card title={t("gifts.title")} data-testid="gifts-page">
        <Alert type="info" showIcon title={t("gifts.deskOnly")} />
      </Card>
    );
  }
  const tab = (key: string, label: string, children: React.ReactNode) => ({
    key,
    label: <span data-testid={`gifts-tab-${key}`}>{label}</span>,
    children,
  });
  return (
    <Card title={t("gifts.title")} data-testid="gifts-page">
      <Tabs
        destroyOnHidden
        items={[
          tab("stock", t("gifts.tabs.stock"), <StockTab session={session} />),
          tab("handover", t("gifts.tabs.handover"), <HandoverTab />),
          tab("summary", t("gifts.tabs.summary"), <SummaryTab />),
          ...(can(session, "reconcile_gifts") ? [tab("reconcile", t("gifts.tabs.reconcile"), <ReconcileTab />)] : []),
          ...(can(session, "manage_gifts") ? [tab("setup", t("gifts.tabs.setup"), <SetupTab />)] : []),
        ]}
      />
    </Card>
  );
}
