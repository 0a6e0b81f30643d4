import { Alert, App, Button, Card, Checkbox, Descriptions, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { GiftIssue } from "../bindings/GiftIssue";
import type { Quote } from "../bindings/Quote";
import type { BillLine } from "../bindings/BillLine";
import type { Membership } from "../bindings/Membership";
import type { PackageUse } from "../bindings/PackageUse";
import type { PayMethod } from "../bindings/PayMethod";
import { fenToYuanText, formatFen, parseYuan } from "../money";
import { formatDateTime } from "../time";
import { useCtrlEnter } from "./measurements";
import type { StageProps } from "./VisitPage";
import { errorText } from "../api/errors";
import { invalidateShared } from "../api/shared";
import { BirthdayGift, GiftOffers, RecoveredCheckbox, VoucherPayments, confirmIssue } from "../gifts/CheckoutRewards";
import { VisitRewardsView } from "../gifts/VisitRewardsView";
import { canAtDesk } from "../session/can";
import { PrintButton } from "../printing/PrintButton";

const METHODS: PayMethod[] = ["cash", "card", "mobile"];

function BillTable({ lines }: { lines: BillLine[] }) {
  const { t } = useTranslation();
  return (
    <Table<BillLine>
      size="small"
      pagination={false}
      rowKey={(l) => `${l.kind}-${l.item_id}`}
      dataSource={lines}
      columns={[
        { title: t("visit.visit.bill"), dataIndex: "name" },
        { title: t("visit.visit.qty"), dataIndex: "qty", width: 70 },
        { title: t("visit.visit.unitPrice"), render: (_, l) => formatFen(l.unit), width: 110 },
        {
          title: t("visit.visit.discount"),
          width: 130,
          render: (_, l) =>
            l.package_id !== null ? (
              <Tag color="purple">{t("member.checkout.byPackage")}</Tag>
            ) : l.discount > 0 ? (
              `-${formatFen(l.discount)}`
            ) : (
              ""
            ),
        },
        { title: t("visit.visit.total"), render: (_, l) => formatFen(l.amount), width: 120 },
      ]}
      data-testid="bill-lines"
    />
  );
}

/** 送客: the bill, payment (one method or split), change, belongings; then close. */
export function CheckoutStage({
  visit,
  catalog,
  onChange,
  onError,
  onBackFromCheckout,
}: StageProps & { onBackFromCheckout: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [products, setProducts] = useState<{ product_id: number; qty: number }[]>(
    visit.bill.lines.filter((l) => l.kind === "product").map((l) => ({ product_id: l.item_id, qty: l.qty })),
  );
  const [quote, setQuote] = useState<Quote | null>(null);
  const [vouchers, setVouchers] = useState<string[]>([]);
  const [issue, setIssue] = useState<GiftIssue | null>(null);
  const [split, setSplit] = useState(false);
  const [method, setMethod] = useState<PayMethod>("cash");
  const [amounts, setAmounts] = useState<Record<PayMethod, string>>({ cash: "", card: "", mobile: "" });
  const [tendered, setTendered] = useState("");
  const [belongings, setBelongings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [member, setMember] = useState<Membership | null>(null);
  const [storedText, setStoredText] = useState("");
  const [packageUses, setPackageUses] = useState<PackageUse[]>([]);
  const customerId = visit.customer?.id ?? null;

  useEffect(() => {
    if (customerId !== null) call("customer_membership", customerId).then(setMember, onError);
  }, [customerId, onError]);
  useEffect(() => {
    call("quote_visit", { visit_id: visit.id, products, package_uses: packageUses, vouchers }).then(setQuote, onError);
  }, [visit.id, products, packageUses, vouchers, onError]);
  // A voucher is checked against this bill before it is taken.
  const checkVoucher = async (serial: string) => {
    const q = await call("quote_visit", {
      visit_id: visit.id,
      products,
      package_uses: packageUses,
      vouchers: [...vouchers, serial],
    });
    const applied = q.vouchers[q.vouchers.length - 1];
    if (!applied) throw new Error(serial);
    return applied;
  };

  const bill = quote?.bill ?? null;
  // What stored value and payments must cover: the bill less the vouchers.
  const total = quote?.due ?? 0;
  const balance = member?.balance ?? 0;
  const stored = storedText.trim() === "" ? 0 : (parseYuan(storedText) ?? -1);
  const rest = Math.max(0, total - Math.max(0, stored));
  const payments = split
    ? METHODS.map((m) => ({ method: m, amount: parseYuan(amounts[m]) ?? 0 })).filter((p) => p.amount > 0)
    : rest > 0
      ? [{ method, amount: rest }]
      : [];
  // Her packages that can pay a service line on this bill.
  const usable = (member?.packages ?? []).filter((p) => !p.expired && p.sessions_left > 0);
  const serviceLines = visit.bill.lines.filter((l) => l.kind === "service");
  const togglePackage = (serviceId: number, packageId: number, on: boolean) =>
    setPackageUses((old) =>
      on
        ? [...old.filter((u) => u.service_id !== serviceId), { package_id: packageId, service_id: serviceId }]
        : old.filter((u) => u.service_id !== serviceId),
    );
  const paid = payments.reduce((s, p) => s + p.amount, 0) + Math.max(0, stored);
  const cash = payments.find((p) => p.method === "cash")?.amount ?? 0;
  const tenderedFen = tendered.trim() === "" ? cash : (parseYuan(tendered) ?? -1);
  const change = cash > 0 && tenderedFen >= cash ? tenderedFen - cash : 0;

  const checkout = async () => {
    if (stored < 0) {
      setError(t("member.amountFormat"));
      return;
    }
    if (tenderedFen < 0) {
      setError(t("invalid.format", { field: t("visit.visit.tendered") }));
      return;
    }
    if (quote && issue && !(await confirmIssue(modal, t, quote, issue))) return;
    try {
      onChange(
        await call("checkout_visit", {
          visit_id: visit.id,
          products,
          payments,
          tendered: cash > 0 ? tenderedFen : 0,
          belongings_checked: belongings,
          stored_value: Math.max(0, stored),
          package_uses: packageUses,
          vouchers,
          gifts: issue,
        }),
      );
      if (issue) invalidateShared("gift_catalog");
    } catch (e) {
      setError(errorText(t, e));
      onError(e);
    }
  };
  useCtrlEnter(() => void checkout());

  return (
    <Card title={t("visit.stages.checkout")} extra={<Button onClick={onBackFromCheckout}>{t("visit.visit.back")}</Button>}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap align="start">
          <Typography.Text>{t("visit.visit.addProduct")}</Typography.Text>
          <Select
            mode="multiple"
            style={{ minWidth: 300 }}
            value={products.map((p) => p.product_id)}
            onChange={(ids: number[]) =>
              setProducts(ids.map((id) => products.find((p) => p.product_id === id) ?? { product_id: id, qty: 1 }))
            }
            showSearch={{ optionFilterProp: "label" }}
            options={catalog.products
              .filter((p) => p.active)
              .map((p) => ({ value: p.id, label: `${p.name} ${formatFen(p.price)}${p.stock !== null ? ` (${p.stock})` : ""}` }))}
            data-testid="checkout-products"
          />
          {products.map((p) => (
            <Space key={p.product_id} size={4}>
              <span>{catalog.products.find((x) => x.id === p.product_id)?.name}</span>
              <InputNumber
                min={1}
                max={99}
                value={p.qty}
                onChange={(q) =>
                  setProducts(products.map((x) => (x.product_id === p.product_id ? { ...x, qty: q ?? 1 } : x)))
                }
                style={{ width: 70 }}
              />
            </Space>
          ))}
        </Space>
        {serviceLines.map((l) =>
          usable
            .filter((p) => p.service_id === l.item_id)
            .slice(0, 1)
            .map((p) => (
              <Checkbox
                key={`${l.item_id}-${p.id}`}
                checked={packageUses.some((u) => u.service_id === l.item_id && u.package_id === p.id)}
                onChange={(e) => togglePackage(l.item_id, p.id, e.target.checked)}
                data-testid={`checkout-package-${p.id}`}
              >
                {t("member.checkout.usePackage", { name: p.name, left: p.sessions_left })}
              </Checkbox>
            )),
        )}
        {bill && <BillTable lines={bill.lines} />}
        <Space size="large">
          <Typography.Text>
            {t("visit.visit.subtotal")} {formatFen(bill?.subtotal ?? 0)}
          </Typography.Text>
          <Typography.Text>
            {t("visit.visit.discount")} {formatFen(bill?.discount ?? 0)}
          </Typography.Text>
          {quote && quote.vouchers.length > 0 && (
            <Typography.Text>
              {t("gifts.checkout.byVouchers")} −{formatFen((bill?.total ?? 0) - total)}
            </Typography.Text>
          )}
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="checkout-total">
            {t("visit.visit.total")} {formatFen(total)}
          </Typography.Text>
        </Space>
        <VoucherPayments
          serials={vouchers}
          applied={quote?.vouchers ?? []}
          onAdd={(s) => setVouchers((old) => [...old, s])}
          onRemove={(s) => setVouchers((old) => old.filter((x) => x !== s))}
          check={checkVoucher}
        />
        {quote && <GiftOffers quote={quote} onChange={(i) => setIssue(i)} />}
        {quote?.birthday && customerId !== null && (
          <BirthdayGift customerId={customerId} visitId={visit.id} offer={quote.birthday} />
        )}
        <Space orientation="vertical" size={8}>
          {member && (balance > 0 || stored > 0) && (
            <Space wrap>
              <Input
                addonBefore={t("member.checkout.storedValue")}
                prefix="¥"
                style={{ width: 260 }}
                value={storedText}
                onChange={(e) => setStoredText(e.target.value)}
                data-testid="pay-stored-value"
              />
              <Button onClick={() => setStoredText(fenToYuanText(Math.min(balance, total)))} data-testid="pay-stored-all">
                {t("member.checkout.useAll")}
              </Button>
              <Typography.Text type="secondary" data-testid="pay-stored-balance">
                {t("member.checkout.balanceAfter", {
                  before: formatFen(balance),
                  after: formatFen(balance - Math.max(0, stored)),
                })}
              </Typography.Text>
            </Space>
          )}
          <Space wrap>
            <Typography.Text strong>{t("visit.visit.payment")}</Typography.Text>
            {!split && (
              <Radio.Group
                value={method}
                onChange={(e) => setMethod(e.target.value as PayMethod)}
                optionType="button"
                options={METHODS.map((m) => ({
                  value: m,
                  label: <span data-testid={`pay-${m}`}>{t(`visit.visit.methods.${m}`)}</span>,
                }))}
              />
            )}
            <Checkbox checked={split} onChange={(e) => setSplit(e.target.checked)} data-testid="pay-split">
              {t("visit.visit.split")}
            </Checkbox>
          </Space>
          {split && (
            <Space wrap>
              {METHODS.map((m) => (
                <Input
                  key={m}
                  addonBefore={t(`visit.visit.methods.${m}`)}
                  prefix="¥"
                  style={{ width: 200 }}
                  value={amounts[m]}
                  onChange={(e) => setAmounts({ ...amounts, [m]: e.target.value })}
                  data-testid={`pay-amount-${m}`}
                />
              ))}
              {paid !== total && (
                <Typography.Text type="danger">
                  {t("visit.visit.remaining", { amount: formatFen(total - paid) })}
                </Typography.Text>
              )}
            </Space>
          )}
          {cash > 0 && (
            <Space>
              <Input
                addonBefore={t("visit.visit.tendered")}
                prefix="¥"
                style={{ width: 240 }}
                placeholder={fenToYuanText(cash)}
                value={tendered}
                onChange={(e) => setTendered(e.target.value)}
                data-testid="pay-tendered"
              />
              <Typography.Text strong data-testid="pay-change">
                {t("visit.visit.changeDue")} {formatFen(change)}
              </Typography.Text>
            </Space>
          )}
        </Space>
        <Checkbox checked={belongings} onChange={(e) => setBelongings(e.target.checked)} data-testid="checkout-belongings">
          {t("visit.visit.belongings")}
        </Checkbox>
        {error && <Alert type="error" title={error} data-testid="checkout-error" />}
        <Button type="primary" size="large" onClick={() => void checkout()} data-testid="checkout-submit">
          {t("visit.visit.checkout")} <span style={{ opacity: 0.7 }}>Ctrl+Enter</span>
        </Button>
      </Space>
    </Card>
  );
}

/** A closed visit: what was done and paid, the follow-up; a manager may void it. */
export function DoneStage({ visit, session, onChange, onError }: StageProps) {
  const { t, i18n } = useTranslation();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState("");
  const [recovered, setRecovered] = useState(true);
  const r = visit.rewards;
  const gaveRewards = r.gifts.length > 0 || r.issued_vouchers.length > 0;
  const doVoid = async () => {
    try {
      onChange(await call("void_visit", { visit_id: visit.id, reason, gifts_recovered: recovered }));
      if (gaveRewards) invalidateShared("gift_catalog");
      setVoiding(false);
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Card
      title={t(`visit.status.${visit.status}`)}
      extra={
        <Space>
          {(visit.status === "checked_out" || visit.status === "voided") && (
            <PrintButton document={{ kind: "slip", visit_id: visit.id }} session={session} testId="visit-print-slip" />
          )}
          {(visit.care_plan.trim() !== "" || visit.home_care.trim() !== "") && (
            <PrintButton document={{ kind: "care_plan", visit_id: visit.id }} session={session} testId="visit-print-care-plan" />
          )}
          {visit.status === "checked_out" && canAtDesk(session, "void_visits") && (
            <Button danger onClick={() => setVoiding(true)} data-testid="visit-void">
              {t("visit.visit.void")}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {visit.status === "voided" && <Alert type="warning" title={t("visit.visit.voided", { reason: visit.void_reason })} />}
        {visit.status === "cancelled" && <Alert type="info" title={t("visit.visit.cancelled", { reason: visit.close_reason })} />}
        {visit.bill.lines.length > 0 && <BillTable lines={visit.bill.lines} />}
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t("visit.visit.total")}>
            <span data-testid="done-total">{formatFen(visit.bill.total)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("visit.visit.payment")}>
            {[
              ...r.redeemed_vouchers.map((v) => t("gifts.checkout.paidVoucher", { serial: v.serial, amount: formatFen(v.amount) })),
              ...(visit.stored_value > 0 ? [t("member.checkout.paidStoredValue", { amount: formatFen(visit.stored_value) })] : []),
              ...visit.payments.map((p) => `${t(`visit.visit.methods.${p.method}`)} ${formatFen(p.amount)}`),
            ].join("；") || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("visit.visit.changeDue")}>
            <span data-testid="done-change">{formatFen(visit.change)}</span>
          </Descriptions.Item>
          {visit.needs && <Descriptions.Item label={t("visit.visit.needs")} span={3}>{visit.needs}</Descriptions.Item>}
          {visit.service_notes && (
            <Descriptions.Item label={t("visit.visit.serviceNotes")} span={3}>{visit.service_notes}</Descriptions.Item>
          )}
          {visit.home_care && <Descriptions.Item label={t("visit.visit.homeCare")} span={3}>{visit.home_care}</Descriptions.Item>}
        </Descriptions>
        <VisitRewardsView rewards={r} />
        {visit.status === "checked_out" && (
          <Tag color={visit.followup_due.length ? "purple" : "default"} data-testid="done-followup">
            {visit.followup_due.length
              ? t("visit.visit.followupDue", { dates: visit.followup_due.join("、") })
              : t("visit.visit.noFollowup")}
          </Tag>
        )}
        <Typography.Text strong>{t("visit.visit.history")}</Typography.Text>
        <Space orientation="vertical" size={2}>
          {visit.stages.map((s, i) => (
            <Typography.Text key={i} type="secondary">
              {formatDateTime(s.at, i18n.language)} · {t(`visit.stages.${s.stage}`)}
              {s.note ? ` (${s.note})` : ""} · {s.staff}
            </Typography.Text>
          ))}
        </Space>
      </Space>
      <Modal
        open={voiding}
        title={t("visit.visit.voidTitle")}
        onCancel={() => setVoiding(false)}
        onOk={() => void doVoid()}
        okButtonProps={{ danger: true, "data-testid": "visit-void-ok" }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Input autoFocus placeholder={t("visit.visit.voidReason")} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="visit-void-reason" />
          {gaveRewards && <RecoveredCheckbox value={recovered} onChange={setRecovered} />}
        </Space>
      </Modal>
    </Card>
  );
}
