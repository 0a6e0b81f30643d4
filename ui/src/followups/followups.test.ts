import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { FollowUp } from "../bindings/FollowUp";
import { en, zhCN } from "../i18n/resources";
import { nextSelection, noticeOf, queueOrder } from "./followups";
import { scriptLines } from "./script";

function task(over: Partial<FollowUp>): FollowUp {
  return {
    id: 1,
    customer_id: 10,
    customer_name: "李美华",
    address_as: "李姐",
    phone: "13812345678",
    reason: "aftercare",
    due_date: "2026-11-23",
    not_before: null,
    overdue: false,
    assigned_to: null,
    status: "open",
    attempts: 0,
    max_attempts: 3,
    visit_id: 5,
    complaint_id: null,
    last_services: ["深层清洁", "补水面膜"],
    last_visit_date: "2026-11-20",
    last_stylist: "3003号 陈静",
    words: "",
    satisfaction: null,
    rebooked_appointment_id: null,
    calls: [],
    ...over,
  };
}

describe("follow-up calls", () => {
  const ctx = { shop: "美华美容院", me: "小王", language: "zh-CN", separator: "、" };
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: "zh-CN",
    resources: {
      "zh-CN": { translation: zhCN },
      en: { translation: en },
    },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  const say = (f: FollowUp, c = ctx) => scriptLines(f, c).map((l) => i18n.t(l.key, { ...l.values, lng: c.language }));

  it("fills the after-care script with her visit, in the manual's words", () => {
    const lines = say(task({}));
    expect(lines[0]).toBe("您好，李姐，我是美华美容院的小王。");
    expect(lines[1]).toBe("您11月20日在我们店做了深层清洁、补水面膜，由3003号 陈静为您服务，这几天感觉怎么样？");
    expect(lines[lines.length - 1]).toBe("谢谢您，打扰了，如果以后有需要，您可以随时联系我们，再见！");
  });

  it("leaves out what it does not know", () => {
    expect(say(task({ last_stylist: null }))[1]).toBe("您11月20日在我们店做了深层清洁、补水面膜，这几天感觉怎么样？");
    expect(scriptLines(task({ last_visit_date: null }), ctx).map((l) => l.key)).toEqual([
      "callScript.opening",
      "callScript.aftercareNoVisit",
      "callScript.askRating",
      "callScript.closing",
    ]);
    expect(say(task({ address_as: "" }))[0]).toBe("您好，李美华，我是美华美容院的小王。");
  });

  it("has a line for each reason, and speaks English too", () => {
    expect(scriptLines(task({ reason: "birthday" }), ctx).map((l) => l.key)).toContain("callScript.birthday");
    expect(scriptLines(task({ reason: "complaint" }), ctx).map((l) => l.key)).toContain("callScript.complaint");
    const english = say(task({}), { ...ctx, language: "en", separator: ", " });
    expect(english[0]).toBe("Hello 李姐, this is 小王 from 美华美容院.");
    expect(english[1]).toBe("You had 深层清洁, 补水面膜 with us on 20 Nov, with 3003号 陈静. How has your skin felt these last few days?");
  });

  it("orders the queue overdue first, then by due date", () => {
    const list = [
      task({ id: 1, due_date: "2026-11-23" }),
      task({ id: 2, due_date: "2026-11-20", overdue: true }),
      task({ id: 3, due_date: "2026-11-22" }),
    ];
    expect([...list].sort(queueOrder).map((f) => f.id)).toEqual([2, 3, 1]);
  });

  it("moves on to the task that took the done one's place", () => {
    const before = [task({ id: 1 }), task({ id: 2 }), task({ id: 3 })];
    expect(nextSelection(before, [task({ id: 1 }), task({ id: 3 })], 2)).toBe(3);
    expect(nextSelection(before, [task({ id: 1 }), task({ id: 2 })], 3)).toBe(2);
    expect(nextSelection(before, [task({ id: 1 }), task({ id: 2 }), task({ id: 3 })], 2)).toBe(2);
    expect(nextSelection(before, [], 2)).toBeNull();
  });

  it("tells the desk when a task closed as unreachable", () => {
    expect(noticeOf("no_answer", task({ status: "unreachable", attempts: 3 }))).toEqual({ kind: "unreachable", attempts: 3 });
    expect(noticeOf("no_answer", task({ attempts: 1 }))).toEqual({ kind: "retry", attempts: 1, max: 3 });
    expect(noticeOf("call_back", task({ not_before: 5 }))).toEqual({ kind: "call_back", at: 5 });
    expect(noticeOf("reached", task({ status: "done" }))).toEqual({ kind: "done" });
    expect(noticeOf("wrong_number", task({ status: "wrong_number" }))).toEqual({ kind: "wrong_number" });
  });
});
