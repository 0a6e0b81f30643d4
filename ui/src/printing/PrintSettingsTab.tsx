// Settings → 打印: the slip's paper (80mm 小票 / A5) and 三联单, printing at
// checkout, and for each group of documents its printer (a system printer,
// a network receipt printer on port 9100, or one on a USB/serial device)
// and copies, each with a test page. Managers edit; everyone may look and
// print a test page.
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Switch, Table, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorMessage, errorOf, errorText } from "../api/errors";
import type { PrinterInfo } from "../bindings/PrinterInfo";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import {
  FIELDS_OF,
  KINDS,
  type PrinterRow,
  type RowField,
  type SettingsForm,
  checkField,
  fromForm,
  rowForField,
  rowTarget,
  toForm,
} from "./settingsForm";
import { usePrint } from "./usePrint";

/** A form rule from the same check the core makes, worded as the core's refusal would be. */
function useRowRule(index: number, field: RowField) {
  const { t } = useTranslation();
  return ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
    validator: async () => {
      const row = getFieldValue(["printers", index]) as PrinterRow;
      if (!FIELDS_OF[row.kind].includes(field)) return;
      const reason = checkField(row, field);
      if (!reason) return;
      const limit = { copies: 9, port: 65535, queue: 127, host: 253, path: 1024 }[field];
      throw new Error(t([`invalidField.${field}.${reason}`, `invalid.${reason}`], { field: t(`fields.${field}`), limit }));
    },
  });
}

function TargetFields({ index, printers }: { index: number; printers: PrinterInfo[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<SettingsForm>();
  const kind = Form.useWatch(["printers", index, "kind"], form) as PrinterRow["kind"] | undefined;
  const queue = ((Form.useWatch(["printers", index, "queue"], form) as string | null | undefined) ?? "").trim();
  const queueRule = useRowRule(index, "queue");
  const hostRule = useRowRule(index, "host");
  const portRule = useRowRule(index, "port");
  const pathRule = useRowRule(index, "path");
  const known = printers.some((p) => p.name === queue);
  return (
    <Space align="start" size={8} wrap>
      <Form.Item name={["printers", index, "kind"]} noStyle>
        <Select
          style={{ width: 224 }}
          options={KINDS.map((k) => ({ value: k, label: t(`print.settings.kinds.${k}`) }))}
          data-testid={`print-kind-${index}`}
        />
      </Form.Item>
      {kind === "system" && (
        <Form.Item
          name={["printers", index, "queue"]}
          rules={[queueRule]}
          style={{ margin: 0 }}
          extra={
            queue !== "" && printers.length > 0 && !known ? (
              <Typography.Text type="warning" data-testid={`print-queue-missing-${index}`}>
                {t("print.settings.notFound", { name: queue })}
              </Typography.Text>
            ) : undefined
          }
        >
          {/* The system's printers to pick from, or a name typed in; empty: the default printer. */}
          <AutoComplete
            style={{ width: 260 }}
            allowClear
            placeholder={t("print.settings.systemDefault")}
            options={printers.map((p) => ({ value: p.name, label: p.is_default ? t("print.choose.isDefault", { name: p.name }) : p.name }))}
            data-testid={`print-queue-${index}`}
          />
        </Form.Item>
      )}
      {kind === "esc_pos_tcp" && (
        <>
          <Form.Item name={["printers", index, "host"]} rules={[hostRule]} style={{ margin: 0 }}>
            <Input style={{ width: 210 }} placeholder={t("print.settings.hostPlaceholder")} maxLength={253} data-testid={`print-host-${index}`} />
          </Form.Item>
          <Form.Item name={["printers", index, "port"]} rules={[portRule]} style={{ margin: 0 }}>
            <InputNumber style={{ width: 100 }} min={1} max={65535} precision={0} placeholder={t("print.settings.portPlaceholder")} data-testid={`print-port-${index}`} />
          </Form.Item>
        </>
      )}
      {kind === "esc_pos_file" && (
        <Form.Item name={["printers", index, "path"]} rules={[pathRule]} style={{ margin: 0 }}>
          <Input style={{ width: 260 }} placeholder={t("print.settings.pathPlaceholder")} maxLength={1024} data-testid={`print-path-${index}`} />
        </Form.Item>
      )}
      {kind !== undefined && kind !== "system" && (
        <Typography.Text type="secondary" style={{ lineHeight: "32px" }}>
          {t("print.settings.thermalHint")}
        </Typography.Text>
      )}
    </Space>
  );
}

function CopiesField({ index }: { index: number }) {
  const rule = useRowRule(index, "copies");
  return (
    <Form.Item name={["printers", index, "copies"]} rules={[rule]} style={{ margin: 0 }}>
      <InputNumber min={1} max={9} precision={0} style={{ width: 72 }} data-testid={`print-copies-${index}`} />
    </Form.Item>
  );
}

export function PrintSettingsTab({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { print } = usePrint();
  const editable = can(session, "manage_settings");
  const [form] = Form.useForm<SettingsForm>();
  const [initial, setInitial] = useState<SettingsForm | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadPrinters = useCallback(() => call("list_printers").then(setPrinters, () => setPrinters([])), []);
  useEffect(() => {
    call("get_print_settings").then(
      (s) => setInitial(toForm(s)),
      (e) => setAlert(errorText(t, e)),
    );
    void loadPrinters();
  }, [t, loadPrinters]);

  const submit = async () => {
    let values: SettingsForm;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as SettingsForm;
    } catch {
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      form.setFieldsValue(toForm(await call("update_print_settings", fromForm(values))));
      void message.success(t("print.settings.saved"));
    } catch (e) {
      const err = errorOf(e);
      const row = err.field ? rowForField(values.printers, err.field) : null;
      if (row !== null && err.field) {
        form.setFields([{ name: ["printers", row, err.field as RowField], errors: [errorMessage(t, err)] }]);
      } else {
        setAlert(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const testPage = async (index: number) => {
    const row = form.getFieldValue(["printers", index]) as PrinterRow;
    try {
      await form.validateFields(FIELDS_OF[row.kind].filter((f) => f !== "copies").map((f) => ["printers", index, f]));
    } catch {
      return;
    }
    void print({ kind: "test_page" }, { target: rowTarget(row), copies: 1 });
  };

  if (!initial) return alert ? <Alert type="error" showIcon title={alert} data-testid="print-settings-error" /> : <Skeleton active />;
  return (
    <div style={{ maxWidth: 1080 }} data-testid="print-settings">
      {!editable && <Alert type="info" showIcon title={t("settings.managerOnly")} style={{ marginBottom: 16 }} />}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="print-settings-error" />}
      <Form form={form} initialValues={initial} layout="horizontal" disabled={!editable} name="print" requiredMark={false} onFinish={() => void submit()}>
        <Card size="small" title={t("print.settings.slip")} style={{ marginBottom: 16 }}>
          <Form.Item name="slip_paper" label={t("print.settings.slipPaper")} style={{ marginBottom: 12 }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "roll80", label: <span data-testid="print-paper-roll80">{t("print.settings.roll80")}</span> },
                { value: "a5", label: <span data-testid="print-paper-a5">{t("print.settings.a5")}</span> },
              ]}
            />
          </Form.Item>
          <Form.Item name="three_part" label={t("print.settings.threePart")} valuePropName="checked" extra={t("print.settings.threePartHint")} style={{ marginBottom: 12 }}>
            <Switch data-testid="print-three-part" />
          </Form.Item>
          <Form.Item name="auto_print_slip" label={t("print.settings.autoPrint")} valuePropName="checked" extra={t("print.settings.autoPrintHint")} style={{ marginBottom: 0 }}>
            <Switch data-testid="print-auto" />
          </Form.Item>
        </Card>
        <Card
          size="small"
          title={t("print.settings.printers")}
          extra={
            <Tooltip title={t("print.settings.refreshPrinters")}>
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void loadPrinters()} disabled={false} aria-label={t("print.settings.refreshPrinters")} />
            </Tooltip>
          }
        >
          {printers.length === 0 && <Alert type="warning" showIcon title={t("print.settings.noPrinters")} style={{ marginBottom: 12 }} />}
          <Table<{ index: number }>
            size="small"
            pagination={false}
            rowKey="index"
            dataSource={[0, 1, 2, 3].map((index) => ({ index }))}
            data-testid="print-printers"
            columns={[
              {
                title: t("print.settings.document"),
                width: 230,
                render: (_, { index }) => (
                  <Form.Item noStyle shouldUpdate>
                    {() => <Typography.Text strong>{t(`print.settings.groups.${form.getFieldValue(["printers", index, "group"]) as string}`)}</Typography.Text>}
                  </Form.Item>
                ),
              },
              {
                title: t("print.settings.connection"),
                render: (_, { index }) => <TargetFields index={index} printers={printers} />,
              },
              { title: t("print.settings.copies"), width: 96, render: (_, { index }) => <CopiesField index={index} /> },
              {
                title: "",
                width: 130,
                render: (_, { index }) => (
                  <Button onClick={() => void testPage(index)} disabled={!can(session, "run_visits")} data-testid={`print-test-${index}`}>
                    {t("print.settings.testPage")}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }} data-testid="print-settings-save">
            {t("print.settings.save")}
          </Button>
        )}
      </Form>
    </div>
  );
}
