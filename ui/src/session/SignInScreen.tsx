import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Language } from "../bindings/Language";
import type { Session } from "../bindings/Session";
import type { SignInRequest } from "../bindings/SignInRequest";
import { applyLanguage } from "../i18n";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { showError } from "../api/errors";

const FIELDS = ["staff_no", "pin"] as const;

export function SignInScreen({
  shopName,
  onDone,
}: {
  shopName: string;
  onDone: (s: Session) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SignInRequest>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  // A language picked here, just before signing in, becomes hers.
  const [picked, setPicked] = useState<Language | null>(null);

  const submit = async (values: SignInRequest) => {
    setBusy(true);
    setAlert(null);
    try {
      let session = await call("sign_in", { staff_no: values.staff_no.trim(), pin: values.pin });
      if (picked && picked !== session.language) {
        session = await call("set_language", picked).catch(() => session);
      }
      onDone(session);
    } catch (e) {
      form.setFieldValue("pin", "");
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fd-center">
      <Card style={{ width: 400 }} data-testid="signin-screen">
        <div style={{ display: "flex", justifyContent: "flex-end" }}>
          <LanguageSwitch
            onChange={(l) => {
              applyLanguage(l);
              setPicked(l);
            }}
          />
        </div>
        <div style={{ textAlign: "center", marginBottom: 20 }}>
          <div className="fd-brand-mark" style={{ background: "#a3345f", color: "#fff", width: 52, height: 52, fontSize: 28 }}>
            前
          </div>
          <Typography.Title level={3} style={{ margin: "12px 0 4px" }} data-testid="signin-shop-name">
            {shopName}
          </Typography.Title>
          <Typography.Text type="secondary">{t("signIn.title")}</Typography.Text>
        </div>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form form={form} onFinish={submit} requiredMark={false} name="signin" size="large">
          <Form.Item
            name="staff_no"
            rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.staff_no") }) }]}
          >
            <Input
              autoFocus
              prefix={<UserOutlined />}
              placeholder={t("signIn.staffNoPlaceholder")}
              data-testid="signin-staff-no"
            />
          </Form.Item>
          <Form.Item
            name="pin"
            rules={[{ required: true, message: t("invalid.required", { field: t("fields.pin") }) }]}
          >
            <Input.Password
              inputMode="numeric"
              maxLength={8}
              prefix={<LockOutlined />}
              placeholder={t("signIn.pinPlaceholder")}
              data-testid="signin-pin"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t("signIn.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
