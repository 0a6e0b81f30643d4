import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentOutcome } from "../bindings/AppointmentOutcome";
import { timeRange } from "../common/dates";
import { isSubmitKey } from "../common/keys";
import { useFirstFocus } from "../common/useFirstFocus";
import { showError } from "../api/errors";

/** Cancel an appointment (取消, with the reason) or record a no-show (爽约). */
export function CloseAppointmentModal({
  appointment,
  outcome,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  outcome: AppointmentOutcome;
  onClose: () => void;
  onDone: (a: Appointment) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const cancel = outcome === "cancelled";
  const focus = useFirstFocus();

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setAlert(null);
    try {
      const a = await call("close_appointment", { id: appointment.id, outcome, reason: (reason ?? "").trim() });
      message.success(cancel ? t("appointments.cancelled") : t("appointments.noShowRecorded"));
      onDone(a);
    } catch (e) {
      setAlert(showError(t, form, e, { reason: "reason" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={cancel ? t("appointments.cancelTitle") : t("appointments.noShowTitle")}
      okText={cancel ? t("appointments.cancelConfirm") : t("appointments.noShowConfirm")}
      cancelText={t("common.back")}
      okButtonProps={{ danger: cancel, "data-testid": "appt-close-ok" }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={focus.afterOpenChange}
      destroyOnHidden
    >
      <div id={focus.id}>
        <Typography.Paragraph>
          <Typography.Text strong>
            {timeRange(appointment.start_at, appointment.duration_minutes)} {appointment.customer_name}
          </Typography.Text>
          {appointment.service_names.length > 0 && (
            <Typography.Text type="secondary"> · {appointment.service_names.join(t("common.listSeparator"))}</Typography.Text>
          )}
        </Typography.Paragraph>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
          name="close-appointment"
          onKeyDown={(e) => {
            if (isSubmitKey(e)) {
              e.preventDefault();
              form.submit();
            }
          }}
        >
          <Form.Item
            name="reason"
            label={cancel ? t("appointments.cancelReason") : t("appointments.noShowReason")}
            rules={cancel ? [{ required: true, whitespace: true, message: t("appointments.reasonRequired") }] : []}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder={cancel ? t("appointments.cancelReasonPlaceholder") : t("appointments.noShowReasonPlaceholder")}
              data-testid="appt-close-reason"
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
