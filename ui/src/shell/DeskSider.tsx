import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  GiftOutlined,
  HomeOutlined,
  PhoneOutlined,
  SettingOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Layout, Menu } from "antd";
import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import type { NavKey } from "./pages";

const NAV: { key: NavKey; icon: React.ReactNode }[] = [
  { key: "today", icon: <HomeOutlined /> },
  { key: "customers", icon: <TeamOutlined /> },
  { key: "appointments", icon: <CalendarOutlined /> },
  { key: "followups", icon: <PhoneOutlined /> },
  { key: "complaints", icon: <AlertOutlined /> },
  { key: "gifts", icon: <GiftOutlined /> },
  { key: "reports", icon: <BarChartOutlined /> },
  { key: "audit", icon: <AuditOutlined /> },
  { key: "settings", icon: <SettingOutlined /> },
];

/**
 * The left column: the shop's name and the page menu. Memoised, so a page
 * switch renders it only when the highlighted entry moves (the shell passes
 * that as a deferred value: the new page paints first, the highlight a
 * moment later).
 */
export const DeskSider = memo(function DeskSider({
  shopName,
  session,
  selected,
  onNavigate,
}: {
  shopName: string;
  session: Session;
  selected: NavKey;
  onNavigate: (key: NavKey) => void;
}) {
  const { t } = useTranslation();
  // The audit trail is for those who may read it (managers) only.
  const items = useMemo(
    () =>
      NAV.filter((i) => i.key !== "audit" || can(session, "view_audit")).map((i) => ({
        key: i.key,
        icon: i.icon,
        label: <span data-testid={`nav-${i.key}`}>{t(`nav.${i.key}`)}</span>,
      })),
    [session, t],
  );
  return (
    <Layout.Sider width={208} data-testid="sider">
      <div className="fd-brand">
        <span className="fd-brand-mark">前</span>
        {t("app.name")}
      </div>
      <div className="fd-shop-name" title={shopName}>
        {shopName}
      </div>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={[selected]}
        onClick={({ key }) => onNavigate(key as NavKey)}
        items={items}
      />
    </Layout.Sider>
  );
});
