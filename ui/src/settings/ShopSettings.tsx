import { Alert, App, Button, Form, Input, InputNumber, Radio, Select, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { UpdateShopRequest } from "../bindings/UpdateShopRequest";
import { setShopZone } from "../time";
import { errorText, showError } from "../api/errors";

/** Every zone the webview knows, the shop's likely ones first. */
const COMMON_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "Asia/Kuala_Lumpur"];
const ZONES = [...COMMON_ZONES, ...Intl.supportedValuesOf("timeZone").filter((z) => !COMMON_ZONES.includes(z))];

const FIELDS = ["name", "address", "phone", "idle_lock_minutes", "greeting_style", "time_zone"] as const;

export function ShopSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateShopRequest>();
  const [loaded, setLoaded] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call("get_shop")
      .then((shop) => {
        form.setFieldsValue(shop);
        setLoaded(true);
      })
      .catch((e) => setAlert(errorText(t, e)));
  }, [form, t]);

  const submit = async (values: UpdateShopRequest) => {
    setBusy(true);
    setAlert(null);
    try {
      const saved = await call("update_shop", values);
      form.setFieldsValue(saved);
      setShopZone(saved.time_zone);
      message.success(t("settings.shopSaved"));
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (!loaded && !alert) return <Skeleton active />;
  return (
    <div style={{ maxWidth: 560 }}>
      {!editable && <Alert type="info" showIcon title={t("settings.managerOnly")} style={{ marginBottom: 16 }} />}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} disabled={!editable} name="shop" requiredMark={false}>
        <Form.Item
          name="name"
          label={t("fields.shop_name")}
          rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.shop_name") }) }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="address" label={t("fields.address")}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="phone" label={t("fields.phone")}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="idle_lock_minutes" label={t("fields.idle_lock_minutes")}>
          <InputNumber min={1} max={480} precision={0} suffix={t("settings.minutes")} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="greeting_style" label={t("fields.greeting_style")}>
          <Radio.Group
            options={[
              { value: "familiar", label: t("options.greeting_style.familiar") },
              { value: "formal", label: t("options.greeting_style.formal") },
            ]}
          />
        </Form.Item>
        <Form.Item name="time_zone" label={t("fields.time_zone")} extra={t("settings.timeZoneHint")}>
          <Select showSearch options={ZONES.map((z) => ({ value: z, label: z }))} style={{ width: 280 }} data-testid="shop-time-zone" />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("settings.save")}
          </Button>
        )}
      </Form>
    </div>
  );
}
