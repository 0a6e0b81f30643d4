// A manager's override at a receptionist's desk: when the core refuses an
// action the receptionist may not do alone (void, refund, destroy or adjust
// stock, restore, erase), a dialog asks a manager for her own staff number
// and PIN; `manager_override` checks them (with the wrong-PIN pause) and the
// refused command runs again, once, as the manager. The whole thing is in
// the audit trail.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Form, Input, Modal, Space, Typography } from "antd";
import { memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, setOverrideAsker } from "../api/client";
import { showError } from "../api/errors";
import type { Permission } from "../bindings/Permission";
import type { Session } from "../bindings/Session";
import { OVERRIDABLE } from "./can";

type Pending = { permission: Permission; resolve: (granted: boolean) => void };

// Memoised: the shell renders it on every page switch otherwise.
export const ManagerOverride = memo(function ManagerOverride({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ staff_no: string; pin: string }>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const pendingRef = useRef<Pending | null>(null);

  useEffect(() => {
    if (session.role !== "receptionist") return;
    setOverrideAsker(
      (permission) =>
        new Promise<boolean>((resolve) => {
          if (!OVERRIDABLE.includes(permission) || pendingRef.current) {
            resolve(false);
            return;
          }
          const p = { permission, resolve };
          pendingRef.current = p;
          setAlert(null);
          setPending(p);
        }),
    );
    return () => setOverrideAsker(null);
  }, [session.role]);

  const close = (granted: boolean) => {
    pendingRef.current?.resolve(granted);
    pendingRef.current = null;
    setPending(null);
    form.resetFields();
  };

  const submit = async (values: { staff_no: string; pin: string }) => {
    if (!pending) return;
    setBusy(true);
    setAlert(null);
    try {
      await call("manager_override", { ...values, permission: pending.permission });
      close(true);
    } catch (e) {
      form.setFieldValue("pin", "");
      setAlert(showError(t, form, e, ["staff_no", "pin"]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={pending !== null}
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("override.title")}
        </Space>
      }
      okText={t("override.submit")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "override-submit" }}
      onOk={() => form.submit()}
      onCancel={() => close(false)}
      destroyOnHidden
      width={440}
    >
      {pending && (
        <Typography.Paragraph data-testid="override-dialog">
          {t("override.explain", { action: t(`permissions.${pending.permission}`) })}
        </Typography.Paragraph>
      )}
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} name="manager-override">
        <Form.Item
          name="staff_no"
          label={t("override.staffNo")}
          rules={[{ required: true, message: t("invalid.required", { field: t("override.staffNo") }) }]}
        >
          <Input autoFocus autoComplete="off" data-testid="override-staff-no" />
        </Form.Item>
        <Form.Item
          name="pin"
          label={t("override.pin")}
          rules={[{ required: true, message: t("invalid.required", { field: t("override.pin") }) }]}
        >
          <Input.Password inputMode="numeric" maxLength={8} autoComplete="off" data-testid="override-pin" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t("override.note")}</Typography.Text>
    </Modal>
  );
});
