import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Divider, Form, InputNumber, Skeleton, Space, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { FlowSettings as Settings } from "../bindings/FlowSettings";
import { errorText, showError, useFailureToast } from "../api/errors";
import { useCatalog } from "../api/shared";

const FIELDS = [
  "followup_days",
  "followup_attempts",
  "followup_window_days",
  "consult_min_minutes",
  "consult_max_minutes",
  "consult_new_max_minutes",
  "category_delays",
] as const;

/** Follow-up rules and consultation time standards (manager edits, others read). */
export function FlowSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const services = useCatalog(useFailureToast())?.services;
  const categories = useMemo(() => [...new Set((services ?? []).map((s) => s.category).filter((x) => x))], [services]);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call("get_flow_settings").then(
      (s) => {
        form.setFieldsValue(s);
        setLoaded(true);
      },
      (e) => setAlert(errorText(t, e)),
    );
  }, [form, t]);

  const save = async (v: Settings) => {
    setBusy(true);
    setAlert(null);
    try {
      form.setFieldsValue(await call("update_flow_settings", { ...v, category_delays: v.category_delays ?? [] }));
      message.success(t("flow.saved"));
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (!loaded && !alert) return <Skeleton active />;
  const number = (name: (typeof FIELDS)[number], label: string, unit: string, min: number, max: number) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: 160 }} data-testid={`flow-${name}`} />
    </Form.Item>
  );
  return (
    <div style={{ maxWidth: 760 }}>
      {!editable && <Alert type="info" showIcon title={t("settings.managerOnly")} style={{ marginBottom: 16 }} />}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!editable} name="flow">
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t("flow.followup")}
        </Divider>
        <Space size="large" wrap align="start">
          {number("followup_days", t("flow.followupDays"), t("flow.days"), 0, 60)}
          {number("followup_attempts", t("flow.attempts"), t("flow.attemptsUnit"), 1, 10)}
          {number("followup_window_days", t("flow.window"), t("flow.windowUnit"), 1, 14)}
        </Space>
        <Typography.Paragraph type="secondary">
          {t("flow.followupDaysHelp")}；{t("flow.unreachableHelp")}
        </Typography.Paragraph>
        <Form.List name="category_delays">
          {(rows, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {rows.map((row) => (
                <Space key={row.key} align="baseline">
                  <Form.Item name={[row.name, "category"]} style={{ marginBottom: 0 }}>
                    <AutoComplete
                      style={{ width: 200 }}
                      placeholder={t("flow.category")}
                      options={categories.map((c) => ({ value: c }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, "days"]} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} max={60} precision={0} suffix={t("flow.days")} style={{ width: 120 }} />
                  </Form.Item>
                  {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} />}
                </Space>
              ))}
              {editable && (
                <Button icon={<PlusOutlined />} onClick={() => add({ category: "", days: 3 })}>
                  {t("flow.addCategory")}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>
          {t("flow.consult")}
        </Divider>
        <Space size="large" wrap>
          {number("consult_min_minutes", t("flow.consultMin"), t("flow.minutes"), 1, 239)}
          {number("consult_max_minutes", t("flow.consultMax"), t("flow.minutes"), 2, 240)}
          {number("consult_new_max_minutes", t("flow.consultNewMax"), t("flow.minutes"), 2, 240)}
        </Space>
        <Typography.Paragraph type="secondary">{t("flow.consultHelp")}</Typography.Paragraph>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="flow-save">
            {t("settings.save")}
          </Button>
        )}
      </Form>
    </div>
  );
}
