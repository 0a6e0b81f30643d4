// How an audit row reads on screen: its action's label, the kind of record,
// and its values before → after (money in yuan, card fields by name only).
import type { TFunction } from "i18next";
import type { Action } from "../bindings/Action";
import { formatFen } from "../money";

/** Every action the core records; a code missing here is a compile error. */
const EVERY_ACTION: Record<Action, true> = {
  "shop.setup": true,
  "shop.update": true,
  "staff.add": true,
  "staff.update": true,
  "staff.reset_pin": true,
  "staff.sign_in": true,
  "staff.override": true,
  "customer.create": true,
  "customer.update": true,
  "customer.note": true,
  "customer.vip": true,
  "customer.import": true,
  "customer.export": true,
  "customer.erase": true,
  "catalog.service": true,
  "catalog.product": true,
  "catalog.metric": true,
  "flow.update": true,
  "visit.check_in": true,
  "visit.attach_customer": true,
  "visit.checkout": true,
  "visit.cancel": true,
  "visit.void": true,
  "appointment.book": true,
  "appointment.move": true,
  "appointment.close": true,
  "followup.create": true,
  "followup.campaign": true,
  "followup.call": true,
  "complaint.open": true,
  "complaint.action": true,
  "complaint.close": true,
  "tier.save": true,
  "tier.override": true,
  "tier.review": true,
  "tier.settings": true,
  "stored_value.top_up": true,
  "stored_value.refund": true,
  "package.sell": true,
  "gift_item.save": true,
  "gift_item.receive": true,
  "gift_item.damage": true,
  "gift_item.destroy": true,
  "gift_item.return": true,
  "gift_item.adjust": true,
  "gift_item.birthday": true,
  "voucher_type.save": true,
  "voucher.receive": true,
  "voucher.destroy": true,
  "promotion.save": true,
  "promotion.birthday_gift": true,
  "handover.count": true,
  "handover.confirm": true,
  "handover.resolve_matter": true,
  "print.settings": true,
  "backup.restore": true,
  "backup.settings": true,
};

export const ACTIONS = Object.keys(EVERY_ACTION) as Action[];

/** The kind of record an action is about: `visit` for `visit.void`. */
export function kindOf(action: Action): string {
  return action.split(".")[0] ?? action;
}

/** Every kind, in the order of the actions. */
export const KINDS: string[] = [...new Set(ACTIONS.map(kindOf))];

export function actionLabel(t: TFunction, action: Action): string {
  return t(`audit.actions.${action}`);
}

export function kindLabel(t: TFunction, kind: string): string {
  return t(`audit.kinds.${kind}`, { defaultValue: kind });
}

/** Values in fen. */
const MONEY = new Set(["total", "refunded", "stored_value", "balance", "amount", "bonus", "price", "change"]);
/** What a change shows, in this order; other recorded values stay in the CSV. */
const SHOWN = [
  "status",
  "state",
  "total",
  "refunded",
  "stored_value",
  "payments",
  "vouchers",
  "gifts",
  "balance",
  "amount",
  "bonus",
  "price",
  "change",
  "book",
  "counted",
  "variance",
  "qty",
  "quantity",
  "sessions",
  "count",
  "rows",
  "fields",
  "method",
  "reason",
];

export type ChangeLine = { key: string; label: string; before: string | null; after: string | null };

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
}

/** Amounts not worth a line when nothing was paid or given that way. */
const QUIET_WHEN_ZERO = new Set(["stored_value", "change", "bonus"]);

function text(t: TFunction, key: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (QUIET_WHEN_ZERO.has(key) && v === 0) return null;
  if (MONEY.has(key) && typeof v === "number") return formatFen(v);
  if (key === "status" && typeof v === "string") return t(`visit.status.${v}`, { defaultValue: v });
  if (key === "state" && typeof v === "string") return t(`audit.state.${v}`, { defaultValue: v });
  if (key === "method" && typeof v === "string") return t(`visit.visit.methods.${v}`, { defaultValue: v });
  if (key === "fields" && Array.isArray(v)) {
    return v.map((f) => t(`fields.${String(f)}`, { defaultValue: String(f) })).join("、");
  }
  if (key === "payments" && Array.isArray(v)) {
    return (
      v
        .map((p) => asObject(p))
        .filter((p): p is Json => p !== null && typeof p.amount === "number")
        .map((p) => `${text(t, "method", p.method) ?? ""} ${formatFen(p.amount as number)}`.trim())
        .join("，") || null
    );
  }
  if (key === "vouchers" && Array.isArray(v)) {
    return (
      v
        .filter((x): x is [string, number] => Array.isArray(x) && typeof x[0] === "string" && typeof x[1] === "number")
        .map(([serial, amount]) => `${serial} ${formatFen(amount)}`)
        .join("，") || null
    );
  }
  if (key === "gifts") {
    const tiers = asObject(v)?.tiers;
    if (!Array.isArray(tiers)) return null;
    let items = 0;
    const serials: string[] = [];
    for (const tier of tiers) {
      const o = asObject(tier);
      for (const i of Array.isArray(o?.items) ? o.items : []) items += Number(asObject(i)?.quantity ?? 0);
      for (const s of Array.isArray(o?.vouchers) ? o.vouchers : []) serials.push(String(s));
    }
    const parts = [items > 0 ? t("audit.giftsIssued", { items }) : "", ...serials].filter(Boolean);
    return parts.length ? parts.join("，") : null;
  }
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** The values of a row before and after, line by line, only those it has. */
export function changeLines(t: TFunction, before: unknown, after: unknown): ChangeLine[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const out: ChangeLine[] = [];
  for (const key of SHOWN) {
    const was = text(t, key, b[key]);
    const now = text(t, key, a[key]);
    if (was === null && now === null) continue;
    out.push({ key, label: t(`audit.keys.${key}`), before: was, after: now });
  }
  return out;
}

/** One line as it reads: `储值余额 ¥902.00 → ¥1,200.00`, or just the value. */
export function changeText(line: ChangeLine): string {
  if (line.before !== null && line.after !== null && line.before !== line.after) {
    return `${line.label} ${line.before} → ${line.after}`;
  }
  return `${line.label} ${line.after ?? line.before ?? ""}`;
}
