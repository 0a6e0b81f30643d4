import { Alert, App, Form, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { CustomerCard } from "../bindings/CustomerCard";
import { CustomerForm } from "./CustomerForm";
import { CARD_FIELDS, type CardFormValues, EMPTY_CARD, toFields, toFormValues } from "./cardForm";
import { errorOf, showError } from "../api/errors";

/** A new customer's profile card (新顾客建档), the whole card in one form. */
export function CreateCustomerModal({
  open,
  onClose,
  onCreated,
  onOpenExisting,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: CustomerCard) => void;
  onOpenExisting?: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CardFormValues>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const create = async (values: CardFormValues, confirmDuplicate: boolean) => {
    setBusy(true);
    setAlert(null);
    try {
      const card = await call("create_customer", { card: toFields(values), confirm_duplicate: confirmDuplicate });
      message.success(t("customers.created", { name: card.card.name }));
      form.resetFields();
      onCreated(card);
    } catch (e) {
      const err = errorOf(e);
      if (err.code === "likely_duplicate") {
        const first = err.existing[0];
        modal.confirm({
          title: t("card.duplicateTitle"),
          content: t("card.duplicateBody"),
          okText: t("card.duplicateConfirm"),
          cancelText: onOpenExisting && first !== undefined ? t("card.openExisting") : t("common.cancel"),
          onOk: () => create(values, true),
          onCancel: () => {
            if (onOpenExisting && first !== undefined) onOpenExisting(first);
          },
        });
      } else {
        setAlert(showError(t, form, e, CARD_FIELDS));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={980}
      style={{ top: 24 }}
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
      <div
        onKeyDown={(e) => {
          // Enter in a one-line field saves the card, as on every desk form.
          if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT" && !e.nativeEvent.isComposing) {
            const role = (e.target as HTMLElement).getAttribute("role");
            if (role !== "combobox") form.submit();
          }
        }}
      >
        <CustomerForm form={form} initial={toFormValues(EMPTY_CARD)} onFinish={(v) => void create(v, false)} />
      </div>
    </Modal>
  );
}
