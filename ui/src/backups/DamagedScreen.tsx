import { WarningFilled } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Skeleton, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorOf, errorText, showError } from "../api/errors";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Session } from "../bindings/Session";
import { formatDateTime } from "../time";
import { BackupTable } from "./BackupTable";
import { recommended } from "./backups";

type Manager = { staff_no: string; pin: string };

/**
 * The data file failed its check: nobody can sign in and nothing is written
 * to it. A manager picks a backup (the newest is chosen) and confirms with
 * the staff number and PIN the backup knows; the damaged file is moved
 * aside untouched and the desk opens signed in as that manager.
 */
export function DamagedScreen({ dataDir, onRestored }: { dataDir: string; onRestored: (s: Session) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Manager>();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call("damaged_backups").then(
      (list) => {
        setBackups(list);
        setSelected(recommended(list)?.file ?? null);
      },
      (e) => {
        setBackups([]);
        setAlert(errorText(t, e));
      },
    );
  }, [t]);

  const submit = async ({ staff_no, pin }: Manager) => {
    if (!selected) {
      setAlert(t("backups.damaged.chooseFirst"));
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const session = await call("restore_damaged", { file: selected, staff_no: staff_no.trim(), pin });
      const info = backups?.find((b) => b.file === selected);
      message.success(t("backups.damaged.restored", { at: info ? formatDateTime(info.at, i18n.language) : "" }));
      onRestored(session);
    } catch (e) {
      const error = errorOf(e);
      form.setFieldValue("pin", "");
      if (error.code === "forbidden") {
        form.setFields([{ name: "staff_no", errors: [t("backups.damaged.notManager")] }]);
      } else if (error.code === "too_many_attempts" && !error.field) {
        form.setFields([{ name: "pin", errors: [errorText(t, e)] }]);
      } else {
        setAlert(showError(t, form, e, ["staff_no", "pin"]));
      }
    } finally {
      setBusy(false);
    }
  };

  const none = backups !== null && backups.length === 0;
  return (
    <div style={{ height: "100%", overflow: "auto", padding: "0 24px", background: "#f5f3f4" }} data-testid="damaged-screen">
      <Card style={{ maxWidth: 1040, margin: "24px auto" }}>
        <Space align="start" size={16} style={{ marginBottom: 16 }}>
          <WarningFilled style={{ fontSize: 36, color: "#cf1322", marginTop: 4 }} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="damaged-title">
              {t("backups.damaged.title")}
            </Typography.Title>
            <Typography.Paragraph style={{ margin: "8px 0 4px" }}>{t("backups.damaged.body")}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {t("backups.damaged.dataDir")}:{" "}
              <Typography.Text code copyable data-testid="damaged-data-dir">
                {dataDir}
              </Typography.Text>
            </Typography.Text>
          </div>
        </Space>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="damaged-alert" />}
        {backups === null ? (
          <Skeleton active />
        ) : none ? (
          <Alert
            type="warning"
            showIcon
            title={t("backups.damaged.noBackups")}
            description={t("backups.damaged.noBackupsBody")}
            data-testid="damaged-no-backups"
          />
        ) : (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t("backups.damaged.choose")}
            </Typography.Title>
            <BackupTable backups={backups} testId="damaged-backups" selected={selected} onSelect={setSelected} recommend pageSize={5} />
            <Typography.Title level={5}>{t("backups.damaged.manager")}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {t("backups.damaged.managerHint")}
            </Typography.Paragraph>
            <Form form={form} layout="inline" onFinish={submit} requiredMark={false} name="damaged-restore" style={{ rowGap: 8 }}>
              <Form.Item
                name="staff_no"
                label={t("fields.staff_no")}
                rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.staff_no") }) }]}
              >
                <Input autoFocus style={{ width: 140 }} data-testid="damaged-staff-no" />
              </Form.Item>
              <Form.Item name="pin" label={t("fields.pin")} rules={[{ required: true, message: t("invalid.required", { field: t("fields.pin") }) }]}>
                <Input.Password style={{ width: 160 }} inputMode="numeric" data-testid="damaged-pin" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" danger htmlType="submit" loading={busy} data-testid="damaged-restore">
                  {t("backups.damaged.restore")}
                </Button>
              </Form.Item>
            </Form>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t("backups.damaged.kept")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
