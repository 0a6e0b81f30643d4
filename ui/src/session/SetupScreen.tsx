import { Alert, Button, Card, Divider, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Session } from "../bindings/Session";
import type { SetupRequest } from "../bindings/SetupRequest";
import { applyLanguage } from "../i18n";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { fold } from "../text";
import { showError } from "../api/errors";
import { isPin } from "./pin";

const FIELDS = ["shop_name", "staff_no", "name", "pin", "pin_confirm"] as const;

export function SetupScreen({ onDone }: { onDone: (s: Session) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupRequest>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const submit = async (values: SetupRequest) => {
    setBusy(true);
    setAlert(null);
    try {
      onDone(await call("setup_shop", values));
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fd-center">
      <Card style={{ width: 520 }} data-testid="setup-screen">
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "start" }}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t("setup.title")}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t("setup.subtitle")}</Typography.Paragraph>
          </div>
          <LanguageSwitch onChange={applyLanguage} />
        </div>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="setup">
          <Divider titlePlacement="start" plain>
            {t("setup.shopSection")}
          </Divider>
          <Form.Item
            name="shop_name"
            label={t("fields.shop_name")}
            rules={[
              { required: true, whitespace: true, message: t("invalid.required", { field: t("fields.shop_name") }) },
              { max: 60, message: t("invalid.too_long", { field: t("fields.shop_name"), limit: 60 }) },
            ]}
          >
            <Input autoFocus placeholder="丽人坊美容美发" data-testid="setup-shop-name" />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            {t("setup.managerSection")}
          </Divider>
          <div style={{ display: "flex", gap: 12 }}>
            <Form.Item
              style={{ flex: 1 }}
              name="staff_no"
              label={t("fields.staff_no")}
              extra={t("setup.staffNoHint")}
              rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.staff_no") }) }]}
            >
              <Input data-testid="setup-staff-no" />
            </Form.Item>
            <Form.Item
              style={{ flex: 1 }}
              name="name"
              label={t("fields.name")}
              rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.name") }) }]}
            >
              <Input data-testid="setup-name" />
            </Form.Item>
          </div>
          <div style={{ display: "flex", gap: 12 }}>
            <Form.Item
              style={{ flex: 1 }}
              name="pin"
              label={t("fields.pin")}
              extra={t("setup.pinHint")}
              rules={[{ required: true, validator: (_, v) => (isPin(v) ? Promise.resolve() : Promise.reject(new Error(t("invalid.pin_format", { field: t("fields.pin") })))) }]}
            >
              <Input.Password inputMode="numeric" maxLength={8} data-testid="setup-pin" />
            </Form.Item>
            <Form.Item
              style={{ flex: 1 }}
              name="pin_confirm"
              label={t("fields.pin_confirm")}
              dependencies={["pin"]}
              rules={[
                { required: true, message: t("invalid.required", { field: t("fields.pin_confirm") }) },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !v || fold(getFieldValue("pin") ?? "").trim() === fold(v).trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("invalid.pin_mismatch"))),
                }),
              ]}
            >
              <Input.Password inputMode="numeric" maxLength={8} data-testid="setup-pin-confirm" />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="setup-submit">
            {t("setup.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
