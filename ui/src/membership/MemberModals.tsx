import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Membership } from "../bindings/Membership";
import type { PackagePayment } from "../bindings/PackagePayment";
import type { PayMethod } from "../bindings/PayMethod";
import type { Service } from "../bindings/Service";
import type { Tier } from "../bindings/Tier";
import { parseYuan } from "../money";
import { errorOf, errorMessage } from "../api/errors";

const METHODS: PayMethod[] = ["cash", "card", "mobile"];

/** Antd form plumbing shared by the money dialogs: field errors from the core. */
function useSubmit<T>(fields: string[], run: (v: T) => Promise<void>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await run(values);
    } catch (e) {
      const err = errorOf(e);
      const field = err.field && fields.includes(err.field) ? err.field : fields[0];
      form.setFields([{ name: field as never, errors: [errorMessage(t, err)] }]);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, submit };
}

function yuanRule(t: (k: string) => string, required: boolean) {
  return {
    validator: (_: unknown, v: string | undefined) => {
      if (!v || !v.trim()) return required ? Promise.reject(new Error(t("member.amountFormat"))) : Promise.resolve();
      return parseYuan(v) === null ? Promise.reject(new Error(t("member.amountFormat"))) : Promise.resolve();
    },
  };
}

export function TopUpModal({
  customerId,
  onClose,
  onDone,
}: {
  customerId: number;
  onClose: () => void;
  onDone: (m: Membership) => void;
}) {
  const { t } = useTranslation();
  const { form, busy, submit } = useSubmit<{ amount: string; bonus: string; method: PayMethod }>(
    ["amount", "bonus"],
    async (v) =>
      onDone(
        await call("top_up", {
          customer_id: customerId,
          amount: parseYuan(v.amount) ?? 0,
          bonus: parseYuan(v.bonus || "0") ?? 0,
          method: v.method,
        }),
      ),
  );
  return (
    <Modal open title={t("member.topUpTitle")} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ "data-testid": "topup-ok" }}>
      <Form form={form} layout="vertical" initialValues={{ amount: "", bonus: "", method: "mobile" }} onFinish={() => void submit()}>
        <Form.Item name="amount" label={t("member.amount")} rules={[yuanRule(t, true)]}>
          <Input prefix="¥" autoFocus data-testid="topup-amount" />
        </Form.Item>
        <Form.Item name="bonus" label={t("member.bonus")} rules={[yuanRule(t, false)]}>
          <Input prefix="¥" data-testid="topup-bonus" />
        </Form.Item>
        <Form.Item name="method" label={t("member.method")}>
          <Radio.Group optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`visit.visit.methods.${m}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RefundModal({
  customerId,
  onClose,
  onDone,
}: {
  customerId: number;
  onClose: () => void;
  onDone: (m: Membership) => void;
}) {
  const { t } = useTranslation();
  const { form, busy, submit } = useSubmit<{ amount: string; reason: string; method: PayMethod }>(
    ["amount", "reason"],
    async (v) =>
      onDone(
        await call("refund_stored_value", {
          customer_id: customerId,
          amount: parseYuan(v.amount) ?? 0,
          method: v.method,
          reason: v.reason,
        }),
      ),
  );
  return (
    <Modal open title={t("member.refundTitle")} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ danger: true, "data-testid": "refund-ok" }}>
      <Form form={form} layout="vertical" initialValues={{ amount: "", reason: "", method: "cash" }}>
        <Form.Item name="amount" label={t("member.refundAmount")} rules={[yuanRule(t, true)]}>
          <Input prefix="¥" autoFocus data-testid="refund-amount" />
        </Form.Item>
        <Form.Item name="method" label={t("member.method")}>
          <Radio.Group optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`visit.visit.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t("member.reason")} rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("member.reason") }) }]}>
          <Input maxLength={200} data-testid="refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SellPackageModal({
  customerId,
  services,
  onClose,
  onDone,
}: {
  customerId: number;
  services: Service[];
  onClose: () => void;
  onDone: (m: Membership) => void;
}) {
  const { t } = useTranslation();
  const { form, busy, submit } = useSubmit<{
    service_id: number;
    sessions: number;
    price: string;
    method: PackagePayment;
    expires_on: Dayjs | null;
  }>(["price", "sessions", "service_id", "expires_on"], async (v) =>
    onDone(
      await call("sell_package", {
        customer_id: customerId,
        service_id: v.service_id,
        sessions: v.sessions,
        price: parseYuan(v.price) ?? 0,
        method: v.method,
        expires_on: v.expires_on ? v.expires_on.format("YYYY-MM-DD") : null,
      }),
    ),
  );
  const methods: PackagePayment[] = ["cash", "card", "mobile", "stored_value"];
  return (
    <Modal open title={t("member.sellTitle")} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ "data-testid": "package-ok" }}>
      <Form form={form} layout="vertical" initialValues={{ sessions: 10, price: "", method: "card", expires_on: null }}>
        <Form.Item name="service_id" label={t("member.service")} rules={[{ required: true, message: t("invalid.required", { field: t("member.service") }) }]}>
          <Select
            autoFocus
            showSearch={{ optionFilterProp: "label" }}
            options={services.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="package-service"
          />
        </Form.Item>
        <Form.Item
          name="sessions"
          label={t("member.sessions")}
          rules={[{ required: true, type: "integer", min: 1, max: 200, message: t("invalid.out_of_range", { field: t("member.sessions"), limit: 200 }) }]}
        >
          <InputNumber min={1} max={200} precision={0} data-testid="package-sessions" />
        </Form.Item>
        <Form.Item name="price" label={t("member.price")} rules={[yuanRule(t, true)]}>
          <Input prefix="¥" data-testid="package-price" />
        </Form.Item>
        <Form.Item name="method" label={t("member.method")}>
          <Radio.Group optionType="button" options={methods.map((m) => ({ value: m, label: t(`member.packagePaid.${m}`) }))} />
        </Form.Item>
        <Form.Item name="expires_on" label={t("member.expiresOn")}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OverrideTierModal({
  customerId,
  tiers,
  onClose,
  onDone,
}: {
  customerId: number;
  tiers: Tier[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { form, busy, submit } = useSubmit<{ tier_id: number; reason: string }>(["reason", "tier_id"], async (v) => {
    await call("override_tier", { customer_id: customerId, tier_id: v.tier_id, reason: v.reason });
    onDone();
  });
  return (
    <Modal open title={t("member.overrideTitle")} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy}>
      <Form form={form} layout="vertical">
        <Form.Item name="tier_id" label={t("member.tier")} rules={[{ required: true, message: t("invalid.required", { field: t("member.tier") }) }]}>
          <Select options={tiers.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="reason" label={t("member.reason")} rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("member.reason") }) }]}>
          <Input maxLength={200} data-testid="refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
