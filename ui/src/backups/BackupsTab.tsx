import { CloudUploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Form, Input, Modal, Skeleton, Space, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SESSION_LOST_EVENT, call } from "../api/client";
import { errorText, showError, useFailureToast } from "../api/errors";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupList } from "../bindings/BackupList";
import type { BackupSettings } from "../bindings/BackupSettings";
import type { SafetyStatus } from "../bindings/SafetyStatus";
import { formatDateTime } from "../time";
import { BackupTable } from "./BackupTable";
import { formatSize, recommended } from "./backups";

/**
 * Settings → 备份与恢复 (managers): the last backup and 立即备份, the second
 * folder, and the backups with a restore per row. A restore saves the
 * current data aside first and signs the desk out.
 */
export function BackupsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailureToast();
  const [form] = Form.useForm<BackupSettings>();
  const [list, setList] = useState<BackupList | null>(null);
  const [safety, setSafety] = useState<SafetyStatus | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [savingMirror, setSavingMirror] = useState(false);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restoring, setRestoring] = useState(false);
  const when = (ms: number) => formatDateTime(ms, i18n.language);

  const load = useCallback(
    () =>
      Promise.all([call("list_backups"), call("safety_status")]).then(
        ([l, s]) => {
          setList(l);
          setSafety(s);
        },
        (e) => setAlert(errorText(t, e)),
      ),
    [t],
  );

  useEffect(() => {
    void load();
    call("backup_settings").then((s) => form.setFieldsValue(s), fail);
  }, [load, form, fail]);

  const backupNow = async () => {
    setBackingUp(true);
    try {
      const info = await call("backup_now");
      message.success(t("backups.backedUp", { at: when(info.at) }));
    } catch (e) {
      fail(e);
    } finally {
      setBackingUp(false);
      void load();
    }
  };

  const saveMirror = async (values: BackupSettings) => {
    setSavingMirror(true);
    try {
      const saved = await call("set_backup_settings", { mirror_dir: values.mirror_dir ?? "" });
      form.setFieldsValue(saved);
      message.success(t(saved.mirror_dir ? "backups.mirror.saved" : "backups.mirror.cleared"));
      void load();
    } catch (e) {
      const rest = showError(t, form, e, ["mirror_dir"]);
      if (rest) message.error(rest);
    } finally {
      setSavingMirror(false);
    }
  };

  const restore = async () => {
    if (!confirming) return;
    setRestoring(true);
    try {
      const report = await call("restore_backup", { file: confirming.file });
      message.success(t("backups.restored", { at: when(report.restored.at) }));
      setConfirming(null);
      // The desk is signed out: the shell goes back to the sign-in screen.
      window.dispatchEvent(new CustomEvent(SESSION_LOST_EVENT));
    } catch (e) {
      fail(e);
      setRestoring(false);
    }
  };

  if (!list && !alert) return <Skeleton active />;
  // The newest of the list: a restore's saved-aside copy is a backup too.
  const last = recommended([...(list?.backups ?? []), ...(safety?.last_backup ? [safety.last_backup] : [])]);
  const problem = safety?.mirror_problem ?? null;
  return (
    <div style={{ maxWidth: 1040 }} data-testid="backups-tab">
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      {problem && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="backup-mirror-problem"
          title={t("backups.mirror.problem", { dir: problem.dir })}
          description={
            <>
              {t("backups.mirror.since", { at: when(problem.since) })}
              <br />
              <Typography.Text type="secondary">{t("backups.mirror.reason", { reason: problem.reason })}</Typography.Text>
            </>
          }
        />
      )}
      {safety?.last_failure && <Alert type="warning" showIcon title={t("backups.lastFailure")} style={{ marginBottom: 16 }} />}
      <Space align="start" size={24} wrap style={{ marginBottom: 8 }}>
        <Descriptions column={1} size="small" bordered style={{ minWidth: 420 }}>
          <Descriptions.Item label={t("backups.last")}>
            <span data-testid="backup-last">
              {last ? `${when(last.at)} · ${t(`backups.trigger.${last.trigger}`)} · ${formatSize(last.size)}` : t("backups.lastNone")}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("backups.folder")}>
            <code data-testid="backup-dir">{list?.dir}</code>
          </Descriptions.Item>
        </Descriptions>
        <Space direction="vertical" size={4}>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={backingUp} onClick={() => void backupNow()} data-testid="backup-now">
            {t("backups.backupNow")}
          </Button>
          {backingUp && <Typography.Text type="secondary">{t("backups.backingUp")}</Typography.Text>}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" data-testid="backup-rotation">
        {t("backups.rotation")}
      </Typography.Paragraph>

      <Typography.Title level={5}>{t("backups.mirror.title")}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={saveMirror} requiredMark={false} name="backup-settings" style={{ maxWidth: 640 }}>
        <Form.Item extra={t("backups.mirror.hint")} style={{ marginBottom: 16 }}>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="mirror_dir" noStyle>
              <Input placeholder={t("backups.mirror.placeholder")} maxLength={400} allowClear data-testid="backup-mirror-dir" />
            </Form.Item>
            <Button htmlType="submit" loading={savingMirror} data-testid="backup-mirror-save">
              {t("common.save")}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>

      <Typography.Title level={5}>{t("backups.list")}</Typography.Title>
      <BackupTable backups={list?.backups ?? []} testId="backups-table" onRestore={setConfirming} />

      <Modal
        open={confirming !== null}
        title={confirming ? t("backups.confirm.title", { at: when(confirming.at) }) : ""}
        okText={t("backups.confirm.ok")}
        okButtonProps={{ danger: true, "data-testid": "restore-confirm-ok" }}
        cancelButtonProps={{ disabled: restoring }}
        confirmLoading={restoring}
        closable={!restoring}
        maskClosable={false}
        onOk={() => void restore()}
        onCancel={() => setConfirming(null)}
      >
        {confirming && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t(`backups.trigger.${confirming.trigger}`)} · {t("backups.column.customers")} {confirming.customers} · {t("backups.column.visits")}{" "}
            {confirming.visits} · {formatSize(confirming.size)}
          </Typography.Paragraph>
        )}
        <ul style={{ paddingInlineStart: 20, margin: 0 }}>
          <li>{t("backups.confirm.savedAside")}</li>
          <li>{t("backups.confirm.lost")}</li>
          <li>
            <strong>{t("backups.confirm.signOut")}</strong>
          </li>
        </ul>
      </Modal>
    </div>
  );
}
