import { LockOutlined, LogoutOutlined } from "@ant-design/icons";
import { Avatar, Button, Layout, Space, Tag, Tooltip, Typography } from "antd";
import { memo, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Language } from "../bindings/Language";
import type { Session } from "../bindings/Session";
import { applyLanguage } from "../i18n";
import { PrintQueue } from "../printing/PrintQueue";
import { GlobalSearch, type GlobalSearchHandle } from "./GlobalSearch";
import { LanguageSwitch } from "./LanguageSwitch";

const setLanguage = async (lang: Language) => {
  applyLanguage(lang);
  await call("set_language", lang).catch(() => {});
};

/**
 * The top bar: the search box, who is signed in, the print queue, the
 * language, lock and sign-out. Memoised: a page switch does not render it.
 */
export const DeskHeader = memo(function DeskHeader({
  session,
  search,
  onOpenCustomer,
  onSessionChange,
}: {
  session: Session;
  search: RefObject<GlobalSearchHandle | null>;
  onOpenCustomer: (id: number) => Promise<void>;
  onSessionChange: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Layout.Header className="fd-header">
      <GlobalSearch ref={search} onOpen={onOpenCustomer} />
      <Space size="middle" style={{ marginLeft: "auto" }}>
        <Space size={8} data-testid="current-staff">
          <Avatar style={{ background: "#a3345f" }}>{session.name.slice(0, 1)}</Avatar>
          <span>
            <Typography.Text strong>{session.name}</Typography.Text>{" "}
            <Typography.Text type="secondary">{session.staff_no}</Typography.Text>
          </span>
          <Tag color="magenta" variant="filled">
            {t(`roles.${session.role}`)}
          </Tag>
        </Space>
        <PrintQueue />
        <LanguageSwitch onChange={(l) => void setLanguage(l)} />
        <Tooltip title={t("header.lock")}>
          <Button
            icon={<LockOutlined />}
            onClick={() => void call("lock").finally(onSessionChange)}
            data-testid="lock-button"
          />
        </Tooltip>
        <Tooltip title={t("header.signOut")}>
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void call("sign_out").finally(onSessionChange)}
            data-testid="signout-button"
          />
        </Tooltip>
      </Space>
    </Layout.Header>
  );
});
