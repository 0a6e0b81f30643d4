import { Card, Descriptions, Tabs } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { BackupsTab } from "../backups/BackupsTab";
import { backupDirOf } from "../backups/backups";
import type { AppStatus } from "../bindings/AppStatus";
import type { Session } from "../bindings/Session";
import { CatalogSettings } from "./CatalogSettings";
import { FlowSettings } from "./FlowSettings";
import { ShopSettings } from "./ShopSettings";
import { StaffSettings } from "./StaffSettings";
import { TiersSettings } from "../membership/TiersSettings";
import { can } from "../session/can";
import { PrintSettingsTab } from "../printing/PrintSettingsTab";

export function SettingsPage({ status, session }: { status: AppStatus; session: Session }) {
  const { t } = useTranslation();
  const manager = can(session, "manage_settings");
  const [logDir, setLogDir] = useState<string | null>(null);
  useEffect(() => {
    call("safety_status").then(
      (s) => setLogDir(s.log_file),
      () => setLogDir(null),
    );
  }, []);
  const about = (
    <Descriptions column={1} bordered size="middle" style={{ maxWidth: 720 }}>
      <Descriptions.Item label={t("settings.version")}>{status.version}</Descriptions.Item>
      <Descriptions.Item label={t("settings.dataDir")}>
        <code data-testid="about-data-dir">{status.data_dir}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t("backups.about.backups")}>
        <code data-testid="about-backup-dir">{backupDirOf(status.data_dir)}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t("backups.about.logs")}>
        <code data-testid="about-log-dir">{logDir ?? "—"}</code>
      </Descriptions.Item>
    </Descriptions>
  );
  return (
    <Card title={t("settings.title")}>
      <Tabs
        items={[
          { key: "shop", label: t("settings.shop"), children: <ShopSettings editable={manager} /> },
          {
            key: "services",
            label: <span data-testid="settings-services-tab">{t("catalog.services")}</span>,
            children: <CatalogSettings kind="services" editable={manager} />,
          },
          { key: "products", label: t("catalog.products"), children: <CatalogSettings kind="products" editable={manager} /> },
          { key: "metrics", label: t("catalog.metrics"), children: <CatalogSettings kind="metrics" editable={manager} /> },
          { key: "flow", label: t("flow.tab"), children: <FlowSettings editable={manager} /> },
          {
            key: "print",
            label: <span data-testid="settings-print-tab">{t("print.settings.tab")}</span>,
            children: <PrintSettingsTab session={session} />,
          },
          { key: "tiers", label: <span data-testid="settings-tiers-tab">{t("member.tiers.tab")}</span>, children: <TiersSettings editable={manager} /> },
          ...(can(session, "manage_staff")
            ? [{ key: "staff", label: <span data-testid="settings-staff-tab">{t("settings.staff")}</span>, children: <StaffSettings session={session} /> }]
            : []),
          ...(can(session, "manage_backups")
            ? [{ key: "backups", label: <span data-testid="settings-backups-tab">{t("backups.tab")}</span>, children: <BackupsTab /> }]
            : []),
          { key: "about", label: <span data-testid="settings-about-tab">{t("settings.about")}</span>, children: about },
        ]}
      />
    </Card>
  );
}
