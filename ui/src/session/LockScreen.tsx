import { LockOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Session } from "../bindings/Session";
import { showError } from "../api/errors";

export function LockScreen({
  session,
  onDone,
  onSwitch,
}: {
  session: Session;
  onDone: (s: Session) => void;
  onSwitch: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ pin: string }>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const submit = async ({ pin }: { pin: string }) => {
    setBusy(true);
    setAlert(null);
    try {
      onDone(await call("unlock", { pin: pin }));
    } catch (e) {
      form.setFieldValue("pin", "");
      setAlert(showError(t, form, e, ["pin"]));
    } finally {
      setBusy(false);
    }
  };

  const switchStaff = async () => {
    await call("sign_out");
    onSwitch();
  };

  return (
    <div className="fd-center">
      <Card style={{ width: 400, textAlign: "center" }} data-testid="lock-screen">
        <LockOutlined style={{ fontSize: 40, color: "#a3345f" }} />
        <Typography.Title level={3}>{t("lock.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t("lock.subtitle", { name: session.name, staffNo: session.staff_no })}
        </Typography.Paragraph>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form form={form} onFinish={submit} size="large" name="unlock">
          <Form.Item
            name="pin"
            rules={[{ required: true, message: t("invalid.required", { field: t("fields.pin") }) }]}
          >
            <Input.Password autoFocus inputMode="numeric" maxLength={8} data-testid="unlock-pin" />
          </Form.Item>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="unlock-submit">
              {t("lock.unlock")}
            </Button>
            <Button type="link" onClick={() => void switchStaff()} data-testid="lock-switch">
              {t("lock.switchStaff")}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
