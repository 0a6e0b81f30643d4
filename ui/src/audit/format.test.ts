import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { zhCN } from "./i18n";
import { ACTIONS, KINDS, actionLabel, changeLines, changeText, kindLabel } from "./format";

const zh = i18n.getFixedT("zh-CN");
const en = i18n.getFixedT("en");

describe("audit trail wording", () => {
  it("labels every action the core records, in both languages", () => {
    expect(ACTIONS).toHaveLength(57);
    for (const a of ACTIONS) {
      for (const t of [zh, en]) {
        const label = actionLabel(t, a);
        expect(label, a).not.toBe(`audit.actions.${a}`);
        expect(label, a).not.toBe("");
      }
    }
    expect(actionLabel(zh, "visit.void")).toBe("作废结账");
    expect(actionLabel(en, "visit.void")).toBe("Checkout voided");
  });

  it("names every kind of record, and only those", () => {
    expect(new Set(KINDS)).toEqual(new Set(Object.keys(zhCN.audit.kinds)));
    for (const k of KINDS) expect(kindLabel(en, k)).not.toBe(k);
    expect(kindLabel(zh, "stored_value")).toBe("储值");
  });

  it("reads a void as the visit's total and the balance before → after, in yuan", () => {
    const before = {
      status: "checked_out",
      total: 29_800,
      payments: [{ method: "card", amount: 10_000 }],
      balance: 90_200,
    };
    const after = {
      status: "voided",
      refunded: 29_800,
      payments: [{ method: "card", amount: 10_000 }],
      balance: 120_000,
      reason: "记错顾客",
      gifts_recovered: true,
    };
    expect(changeLines(zh, before, after).map(changeText)).toEqual([
      "状态 已结账 → 已作废",
      "应收 ¥298.00",
      "退回 ¥298.00",
      "付款 银行卡 ¥100.00",
      "储值余额 ¥902.00 → ¥1,200.00",
      "原因 记错顾客",
    ]);
    expect(changeLines(en, before, after).map(changeText)[4]).toBe("Balance ¥902.00 → ¥1,200.00");
  });

  it("shows a card edit by the names of its fields, never values", () => {
    const lines = changeLines(zh, null, { fields: ["phone", "allergies"] }).map(changeText);
    expect(lines).toEqual(["修改字段 手机号、过敏史"]);
    expect(changeLines(en, null, { fields: ["allergies"] }).map(changeText)).toEqual(["Fields changed Allergies"]);
  });

  it("reads a checkout's vouchers and gifts, a count's book and a top-up", () => {
    const checkout = changeLines(zh, { balance: null }, {
      total: 63_400,
      vouchers: [["A000101", 5_000]],
      gifts: { tiers: [{ items: [{ item_id: 1, quantity: 1 }], vouchers: ["A000102"] }] },
    }).map(changeText);
    expect(checkout).toEqual(["应收 ¥634.00", "用券 A000101 ¥50.00", "赠品赠券 赠品 1 件，A000102"]);
    expect(changeLines(zh, { book: 49 }, { book: 48, qty: -1 }).map(changeText)).toEqual(["账面数 49 → 48", "数量 -1"]);
    expect(changeLines(zh, { balance: 0 }, { balance: 120_000, amount: 100_000, bonus: 20_000, method: "mobile" }).map(changeText)).toEqual([
      "储值余额 ¥0.00 → ¥1,200.00",
      "金额 ¥1,000.00",
      "赠送 ¥200.00",
      "方式 移动支付",
    ]);
    expect(changeLines(zh, null, null)).toEqual([]);
    expect(changeLines(zh, null, { total: 100, stored_value: 0, change: 0 }).map(changeText)).toEqual(["应收 ¥1.00"]);
  });
});
