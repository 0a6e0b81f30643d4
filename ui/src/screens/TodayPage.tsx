import { ScanOutlined, SearchOutlined, UserAddOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../bindings/Session";
import { CreateCustomerModal } from "./CreateCustomerModal";

export function TodayPage({
  session,
  focusSearch,
  onOpenCustomer,
}: {
  session: Session;
  focusSearch: () => void;
  onOpenCustomer: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);

  // The search box has focus whenever Today is shown: a customer at the desk
  // is found by typing, with no click first.
  useEffect(() => {
    const timer = window.setTimeout(focusSearch, 0);
    return () => window.clearTimeout(timer);
  }, [focusSearch]);

  const canCreate = session.role !== "stylist";
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="today-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("today.greeting", { name: session.name })}
      </Typography.Title>
      <Card>
        <Space orientation="vertical" size="small">
          <Typography.Text className="fd-today-search">
            <SearchOutlined /> {t("today.searchHint")}
          </Typography.Text>
          <Typography.Text type="secondary">
            <ScanOutlined /> {t("today.scannerHint")}
          </Typography.Text>
          {canCreate && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              style={{ marginTop: 8 }}
              onClick={() => setCreating(true)}
              data-testid="today-new-customer"
            >
              {t("today.newCustomer")}
            </Button>
          )}
        </Space>
      </Card>
      <Alert type="info" showIcon title={t("today.comingTitle")} description={t("today.comingBody")} />
      <CreateCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          onOpenCustomer(c.id);
        }}
        onOpenExisting={(id) => {
          setCreating(false);
          onOpenCustomer(id);
        }}
      />
    </Space>
  );
}
