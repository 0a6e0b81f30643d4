// The gift counter at checkout (送客): vouchers taken as payment, each shown
// large and confirmed aloud (唱收); the gifts and vouchers the spend earns,
// highest tier first, preselected so issuing is a keystroke or two, with the
// manual's running timer (≤ 3 receipts 1 min, ≤ 6 2 min, more 3 min); and
// her birthday gift in her birthday month.
import { GiftOutlined } from "@ant-design/icons";
import { Alert, App, Button, type ButtonProps, Card, Checkbox, Input, InputNumber, Radio, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText } from "../api/errors";
import { invalidateShared } from "../api/shared";
import type { AppliedVoucher } from "../bindings/AppliedVoucher";
import type { BirthdayOffer } from "../bindings/BirthdayOffer";
import type { GiftIssue } from "../bindings/GiftIssue";
import type { Offer } from "../bindings/Offer";
import type { Quote } from "../bindings/Quote";
import { formatFen } from "../money";
import { deskNow } from "../time";

/** The manual's issuing standard in seconds for this many receipts. */
export function standardSeconds(receipts: number): number {
  return receipts <= 3 ? 60 : receipts <= 6 ? 120 : 180;
}

/** The amount, large: what the desk reads out (唱收唱付). */
export function LargeAmount({ label, amount, testId }: { label: string; amount: number; testId?: string }) {
  return (
    <div style={{ textAlign: "center", padding: "8px 0" }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.2 }} data-testid={testId}>
        {formatFen(amount)}
      </div>
    </div>
  );
}

/** Vouchers offered as payment: scan or type, see what it pays, confirm aloud. */
export function VoucherPayments({
  serials,
  applied,
  onAdd,
  onRemove,
  check,
}: {
  serials: string[];
  applied: AppliedVoucher[];
  onAdd: (serial: string) => void;
  onRemove: (serial: string) => void;
  /** Quote the bill with this voucher added: the applied voucher, or a thrown error. */
  check: (serial: string) => Promise<AppliedVoucher>;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    const serial = typed.trim();
    if (!serial) return;
    setError(null);
    try {
      const a = await check(serial);
      modal.confirm({
        title: t("gifts.checkout.redeemTitle", { name: a.type_name, serial: a.serial }),
        content: (
          <>
            <LargeAmount label={t("gifts.checkout.redeemAmount")} amount={a.amount} testId="voucher-confirm-amount" />
            {a.forfeited > 0 && (
              <Alert type="warning" showIcon title={t("gifts.checkout.forfeited", { amount: formatFen(a.forfeited) })} />
            )}
          </>
        ),
        okText: t("gifts.checkout.redeemOk"),
        okButtonProps: { "data-testid": "voucher-confirm-ok" } as ButtonProps,
        onOk: () => {
          onAdd(a.serial);
          setTyped("");
        },
      });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      <Space wrap>
        <Input
          addonBefore={t("gifts.checkout.voucher")}
          placeholder={t("gifts.checkout.voucherPlaceholder")}
          style={{ width: 320 }}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={() => void add()}
          data-testid="voucher-serial"
        />
        <Button onClick={() => void add()} data-testid="voucher-add">
          {t("gifts.checkout.redeem")}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="voucher-error" />}
      {serials.map((s) => {
        const a = applied.find((x) => x.serial === s);
        return (
          <Space key={s}>
            <Tag color="gold" data-testid="voucher-applied">
              {a ? `${a.type_name} ${s} −${formatFen(a.amount)}` : s}
            </Tag>
            <Button size="small" type="link" onClick={() => onRemove(s)}>
              {t("gifts.checkout.remove")}
            </Button>
          </Space>
        );
      })}
    </Space>
  );
}

type Choice = { tierId: number | null; items: Record<number, number>; vouchers: string[] };

/** The highest tier with everything in stock, all of it (else the highest tier). */
function preselect(offers: Offer[]): Choice {
  const best = offers.find((o) => !o.short) ?? offers[0];
  if (!best) return { tierId: null, items: {}, vouchers: [] };
  return choiceOf(best);
}

function choiceOf(o: Offer): Choice {
  const items: Record<number, number> = {};
  const vouchers: string[] = [];
  for (const r of o.rewards) {
    if (r.item_id !== null) items[r.item_id] = Math.min(r.quantity, r.in_stock);
    else vouchers.push(...r.next_serials);
  }
  return { tierId: o.tier_id, items, vouchers };
}

/** The gift issue to send with the checkout, from the desk's choice. */
export function issueOf(choice: Choice | null, receipts: number, seconds: number): GiftIssue | null {
  if (!choice || choice.tierId === null) return null;
  const items = Object.entries(choice.items)
    .map(([id, q]) => ({ item_id: Number(id), quantity: q }))
    .filter((i) => i.quantity > 0);
  const vouchers = choice.vouchers.map((v) => v.trim()).filter((v) => v);
  if (items.length === 0 && vouchers.length === 0) return null;
  return { tiers: [{ tier_id: choice.tierId, items, vouchers }], receipts, seconds };
}

/** What the spend earns: the tiers, the stock left, the issue timer. */
export function GiftOffers({
  quote,
  onChange,
}: {
  quote: Quote;
  /** The current issue (null: nothing to hand over), and how long it has taken. */
  onChange: (issue: GiftIssue | null, overStandard: boolean) => void;
}) {
  const { t } = useTranslation();
  const offers = quote.offers;
  const key = offers.map((o) => o.tier_id).join(",");
  // A new set of offers (the spend moved across a threshold) resets the
  // choice; the timer starts when the first offer appears.
  const [picked, setPicked] = useState(() => ({
    key,
    choice: preselect(offers),
    started: offers.length > 0 ? deskNow() : null,
  }));
  if (picked.key !== key) {
    setPicked({ key, choice: preselect(offers), started: picked.started ?? (offers.length > 0 ? deskNow() : null) });
  }
  const choice = picked.choice;
  const setChoice = (c: Choice) => setPicked({ ...picked, choice: c });
  const [skip, setSkip] = useState(false);
  const [receipts, setReceipts] = useState(1);
  const [now, setNow] = useState(() => deskNow());
  useEffect(() => {
    const id = window.setInterval(() => setNow(deskNow()), 1000);
    return () => window.clearInterval(id);
  }, []);
  const seconds = picked.started === null ? 0 : Math.max(0, Math.round((now - picked.started) / 1000));
  const standard = standardSeconds(receipts);
  const issue = skip ? null : issueOf(choice, receipts, seconds);
  const over = seconds > standard;
  const sent = JSON.stringify(issue && { ...issue, seconds: 0 });
  useEffect(() => {
    onChange(issue, over);
    // Re-send when the choice changes, and each second for the time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sent, seconds]);

  if (offers.length === 0) return null;
  const tier = offers.find((o) => o.tier_id === choice?.tierId) ?? null;
  const mm = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <Card
      size="small"
      title={
        <Space>
          <GiftOutlined />
          {t("gifts.checkout.earned", { spend: formatFen(quote.spend) })}
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">{t("gifts.checkout.receipts")}</Typography.Text>
          <InputNumber min={1} max={99} value={receipts} onChange={(v) => setReceipts(v ?? 1)} style={{ width: 64 }} data-testid="gift-receipts" />
          <Tag color={over ? "red" : seconds > standard * 0.8 ? "orange" : "green"} data-testid="gift-timer">
            {t("gifts.checkout.timer", { time: mm, limit: standard / 60 })}
          </Tag>
        </Space>
      }
      data-testid="gift-offers"
    >
      <Space orientation="vertical" size={8} style={{ width: "100%" }}>
        <Radio.Group
          value={skip ? -1 : (choice?.tierId ?? -1)}
          onChange={(e) => {
            const id = e.target.value as number;
            setSkip(id === -1);
            const o = offers.find((x) => x.tier_id === id);
            if (o) setChoice(choiceOf(o));
          }}
        >
          <Space orientation="vertical">
            {offers.map((o) => (
              <Radio key={o.tier_id} value={o.tier_id} data-testid={`gift-tier-${o.promotion}-${o.threshold}`}>
                <Space wrap>
                  <strong>{t("gifts.checkout.tier", { promotion: o.promotion, threshold: formatFen(o.threshold) })}</strong>
                  {o.rewards.map((r) => (
                    <Tag key={`${r.item_id}-${r.voucher_type_id}`} color={r.in_stock < r.quantity ? "red" : "blue"}>
                      {r.name} ×{r.quantity}
                      {r.face_value !== null ? ` (${formatFen(r.face_value)})` : ""} · {t("gifts.checkout.left", { n: r.in_stock })}
                    </Tag>
                  ))}
                </Space>
              </Radio>
            ))}
            <Radio value={-1} data-testid="gift-tier-none">
              {t("gifts.checkout.none")}
            </Radio>
          </Space>
        </Radio.Group>
        {tier?.short && <Alert type="warning" showIcon title={t("gifts.checkout.short")} data-testid="gift-short" />}
        {tier && !skip && choice && (
          <Space wrap>
            {tier.rewards
              .filter((r) => r.item_id !== null)
              .map((r) => (
                <Space key={r.item_id} size={4}>
                  <span>{r.name}</span>
                  <InputNumber
                    min={0}
                    max={Math.min(r.quantity, r.in_stock)}
                    value={choice.items[r.item_id as number] ?? 0}
                    onChange={(q) => setChoice({ ...choice, items: { ...choice.items, [r.item_id as number]: q ?? 0 } })}
                    style={{ width: 64 }}
                    data-testid={`gift-qty-${r.item_id}`}
                  />
                </Space>
              ))}
            {choice.vouchers.map((v, i) => (
              <Input
                key={i}
                addonBefore={t("gifts.checkout.handOver")}
                style={{ width: 240 }}
                value={v}
                onChange={(e) => setChoice({ ...choice, vouchers: choice.vouchers.map((x, j) => (j === i ? e.target.value : x)) })}
                data-testid={`gift-voucher-${i}`}
              />
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** Her tier's birthday gift, in her birthday month: given once a year. */
export function BirthdayGift({ customerId, visitId, offer }: { customerId: number; visitId: number; offer: BirthdayOffer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [given, setGiven] = useState(offer.given);
  const [busy, setBusy] = useState(false);
  const give = async () => {
    setBusy(true);
    try {
      await call("issue_birthday_gift", { customer_id: customerId, visit_id: visitId });
      setGiven(true);
      invalidateShared("gift_catalog");
      void message.success(t("gifts.checkout.birthdayDone", { name: offer.name }));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Tag color="magenta">{t("gifts.checkout.birthday", { name: offer.name, n: offer.quantity })}</Tag>
      {given ? (
        <Typography.Text type="secondary">{t("gifts.checkout.birthdayGiven")}</Typography.Text>
      ) : (
        <Button size="small" loading={busy} disabled={offer.in_stock < offer.quantity} onClick={() => void give()} data-testid="birthday-gift">
          {offer.in_stock < offer.quantity ? t("gifts.checkout.birthdayOut") : t("gifts.checkout.birthdayGive")}
        </Button>
      )}
    </Space>
  );
}

/** Confirm the vouchers handed over, their value large (唱付), before the checkout. */
export function confirmIssue(
  modal: ReturnType<typeof App.useApp>["modal"],
  t: TFunction,
  quote: Quote,
  issue: GiftIssue,
): Promise<boolean> {
  const serials = issue.tiers.flatMap((x) => x.vouchers);
  if (serials.length === 0) return Promise.resolve(true);
  // The serials stand for the tiers' voucher rewards, in order.
  let total = 0;
  for (const x of issue.tiers) {
    let left = x.vouchers.length;
    for (const r of quote.offers.find((o) => o.tier_id === x.tier_id)?.rewards ?? []) {
      if (r.face_value === null || left === 0) continue;
      const n = Math.min(left, r.quantity);
      total += n * r.face_value;
      left -= n;
    }
  }
  return new Promise((resolve) => {
    modal.confirm({
      title: t("gifts.checkout.issueTitle", { serials: serials.join("、") }),
      content: <LargeAmount label={t("gifts.checkout.issueAmount")} amount={total} testId="voucher-issue-amount" />,
      okText: t("gifts.checkout.issueOk"),
      okButtonProps: { "data-testid": "voucher-issue-ok" } as ButtonProps,
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

/** The void's question: did she give the gifts and vouchers back? */
export function RecoveredCheckbox({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox checked={value} onChange={(e) => onChange(e.target.checked)} data-testid="void-gifts-recovered">
      {t("gifts.checkout.recovered")}
    </Checkbox>
  );
}
