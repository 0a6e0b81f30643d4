import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Channel } from "../bindings/Channel";
import type { Complaint } from "../bindings/Complaint";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { Severity } from "../bindings/Severity";
import type { StaffRef } from "../bindings/StaffRef";
import { CustomerPicker } from "../customers/CustomerPicker";
import { isSubmitKey } from "../common/keys";
import { useFirstFocus } from "../common/useFirstFocus";
import { showError } from "../api/errors";

export const CHANNELS: Channel[] = ["in_person", "phone_letter", "third_party", "online"];
export const KINDS: ComplaintKind[] = ["attitude", "quality", "billing", "other"];
const SEVERITIES: Severity[] = ["simple", "complex"];

type Values = {
  customer_id: number | null;
  channel: Channel;
  kind: ComplaintKind;
  severity: Severity;
  about_staff_id: number | null;
  description: string;
};

const FIELDS: Record<string, string> = {
  customer_id: "customer_id",
  about_staff_id: "about_staff_id",
  description: "description",
  channel: "channel",
  kind: "kind",
  severity: "severity",
};

/** 登记投诉: who, how it came in, what kind, how serious, and what she said. */
export function NewComplaintModal({
  staff,
  onClose,
  onOpened,
}: {
  staff: StaffRef[];
  onClose: () => void;
  onOpened: (c: Complaint) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const focus = useFirstFocus();

  const save = async (v: Values) => {
    setBusy(true);
    setAlert(null);
    try {
      const c = await call("open_complaint", {
        customer_id: v.customer_id ?? null,
        visit_id: null,
        about_staff_id: v.about_staff_id ?? null,
        channel: v.channel,
        kind: v.kind,
        description: v.description.trim(),
        severity: v.severity,
      });
      message.success(t("complaints.opened"));
      onOpened(c);
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t("complaints.newTitle")}
      okText={t("complaints.register")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "complaint-save" }}
      afterOpenChange={focus.afterOpenChange}
      destroyOnHidden
    >
      <div id={focus.id}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ customer_id: null, channel: "in_person", kind: "attitude", severity: "simple", about_staff_id: null, description: "" }}
          onFinish={(v) => void save(v)}
          name="new-complaint"
          onKeyDown={(e) => {
            if (isSubmitKey(e) && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        >
          <Form.Item name="customer_id" label={t("complaints.customerOptional")}>
            <CustomerPicker allowClear testId="complaint-customer" />
          </Form.Item>
          <Form.Item name="channel" label={t("complaints.channelLabel")}>
            <Radio.Group optionType="button">
              {CHANNELS.map((c) => (
                <Radio.Button key={c} value={c}>
                  <span data-testid={`complaint-channel-${c}`}>{t(`complaints.channel.${c}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="kind" label={t("complaints.kindLabel")}>
            <Radio.Group optionType="button">
              {KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <span data-testid={`complaint-kind-${k}`}>{t(`complaints.kind.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="severity" label={t("complaints.severityLabel")}>
            <Radio.Group>
              {SEVERITIES.map((s) => (
                <Radio key={s} value={s}>
                  <span data-testid={`complaint-severity-${s}`}>
                    {t(`complaints.severity.${s}`)}{" "}
                    <Typography.Text type="secondary">({t(`complaints.severityHint.${s}`)})</Typography.Text>
                  </span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="about_staff_id" label={t("complaints.aboutOptional")}>
            <Select
              allowClear
              placeholder={t("complaints.aboutPlaceholder")}
              options={staff.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
              data-testid="complaint-about"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t("complaints.description")}
            extra={t("complaints.descriptionHelp")}
            rules={[{ required: true, whitespace: true, message: t("complaints.descriptionRequired") }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="complaint-description" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
