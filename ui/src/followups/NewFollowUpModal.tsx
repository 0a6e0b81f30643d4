import { Alert, App, DatePicker, Form, Modal, Select } from "antd";
import { type Dayjs, wallNow } from "../time";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { FollowUpReason } from "../bindings/FollowUpReason";
import { CustomerPicker } from "../customers/CustomerPicker";
import { isoDate } from "../common/dates";
import { REASONS } from "./followups";
import { isSubmitKey } from "../common/keys";
import { useFirstFocus } from "../common/useFirstFocus";
import { showError } from "../api/errors";

type Values = { customer_id: number | null; reason: FollowUpReason; due_date: Dayjs };

/** A call planned by hand: a course reminder, a birthday, a customer not seen for a while. */
export function NewFollowUpModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const focus = useFirstFocus();

  const save = async (v: Values) => {
    if (v.customer_id === null || v.customer_id === undefined) {
      form.setFields([{ name: "customer_id", errors: [t("followups.customerRequired")] }]);
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      await call("create_followup", { customer_id: v.customer_id, reason: v.reason, due_date: isoDate(v.due_date), assigned_to: null });
      message.success(t("followups.created"));
      onCreated();
    } catch (e) {
      setAlert(showError(t, form, e, { customer_id: "customer_id", reason: "reason", due_date: "due_date" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("followups.newTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "followup-new-save" }}
      afterOpenChange={focus.afterOpenChange}
      destroyOnHidden
    >
      <div id={focus.id}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ customer_id: null, reason: "course", due_date: wallNow().startOf("day") }}
          onFinish={(v) => void save(v)}
          name="new-followup"
          onKeyDown={(e) => {
            if (isSubmitKey(e) && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        >
          <Form.Item name="customer_id" label={t("followups.customer")}>
            <CustomerPicker testId="followup-new-customer" />
          </Form.Item>
          <Form.Item name="reason" label={t("followups.reasonLabel")}>
            <Select options={REASONS.map((r) => ({ value: r, label: t(`followups.reason.${r}`) }))} />
          </Form.Item>
          <Form.Item name="due_date" label={t("followups.due")}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(wallNow().startOf("day"))} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
