import { Alert, App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { CreateCustomerRequest } from "../bindings/CreateCustomerRequest";
import type { CustomerCard } from "../bindings/CustomerCard";
import { showError } from "./formErrors";

const FIELDS = ["name", "phone"] as const;

export function CreateCustomerModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: CustomerCard) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateCustomerRequest>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const submit = async (values: CreateCustomerRequest) => {
    setBusy(true);
    setAlert(null);
    try {
      const card = await api.createCustomer(values);
      message.success(t("customers.created", { name: card.name }));
      form.resetFields();
      onCreated(card);
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("customers.createTitle")}
      okText={t("common.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setAlert(null);
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ "data-testid": "create-customer-ok" }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="create_customer">
        <Form.Item
          name="name"
          label={t("fields.name")}
          rules={[
            { required: true, whitespace: true, message: t("invalid.required", { field: t("fields.name") }) },
            { max: 30, message: t("invalid.too_long", { field: t("fields.name"), limit: 30 }) },
          ]}
        >
          <Input autoFocus data-testid="create-customer-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("fields.phone")}
          rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.phone") }) }]}
        >
          <Input
            inputMode="tel"
            placeholder="138 1234 5678"
            onPressEnter={() => form.submit()}
            data-testid="create-customer-phone"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
