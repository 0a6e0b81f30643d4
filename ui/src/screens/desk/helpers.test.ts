import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../../bindings/ApiError";
import type { Appointment } from "../../bindings/Appointment";
import type { Complaint } from "../../bindings/Complaint";
import type { FollowUp } from "../../bindings/FollowUp";
import deskEn from "../../i18n/desk-en";
import deskZhCN from "../../i18n/desk-zh-CN";
import en from "../../i18n/en";
import zhCN from "../../i18n/zh-CN";
import { byDate, canMarkNoShow, lanesOf, menuMinutes, summaryOf } from "./appointments";
import { atTime, datesFrom, defaultStart, hoursMinutes, isoDate, mondayOf, timeRange } from "./dates";
import { deskMessage } from "./errors";
import { nextSelection, noticeOf, queueOrder } from "./followups";
import { isSubmitKey } from "./keys";
import { answerClock, averageText, centiText, complaintOrder, nextLevel, permilleText, totalPermille } from "./numbers";
import { scriptLines } from "./script";
import { day, instant } from "../../time";

// Instants as the shop's clock shows them (the test run's own zone differs).
const at = (s: string) => instant(day(s));
const dayjs = day;
const chen = { id: 3, staff_no: "3003", name: "陈静" };
const wang = { id: 4, staff_no: "3004", name: "王芳" };

function appt(over: Partial<Appointment>): Appointment {
  return {
    id: 1,
    customer_id: 10,
    customer_name: "李美华",
    alert: null,
    stylist: chen,
    start_at: at("2026-11-23T10:00"),
    duration_minutes: 60,
    services: [],
    service_names: [],
    note: "",
    status: "booked",
    status_reason: "",
    visit_id: null,
    conflicts: [],
    ...over,
  };
}

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

function complaint(over: Partial<Complaint>): Complaint {
  return {
    id: 1,
    customer_id: 10,
    customer_name: "李美华",
    visit_id: null,
    about: null,
    from_rating: false,
    channel: "in_person",
    kind: "attitude",
    description: "等了很久",
    taken_by: null,
    severity: "simple",
    opened_at: at("2026-11-23T10:00"),
    answer_due_at: at("2026-11-23T12:00"),
    answered_at: null,
    level: "desk",
    result: "",
    reaction: "",
    open: true,
    closed_at: null,
    actions: [],
    ...over,
  };
}

describe("dates", () => {
  it("a week starts on Monday, also when the day is a Sunday", () => {
    expect(isoDate(mondayOf(dayjs("2026-11-26")))).toBe("2026-11-23");
    expect(isoDate(mondayOf(dayjs("2026-11-29")))).toBe("2026-11-23");
    expect(isoDate(mondayOf(dayjs("2026-11-23")))).toBe("2026-11-23");
  });

  it("lists consecutive dates across a month end", () => {
    expect(datesFrom("2026-11-29", 3)).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
  });

  it("shows a time range on the 24-hour clock", () => {
    expect(timeRange(at("2026-11-23T09:30"), 90)).toBe("09:30–11:00");
  });

  it("combines a date and a time of day", () => {
    expect(atTime(dayjs("2026-11-24"), dayjs("2000-01-01T14:35:20"))).toBe(at("2026-11-24T14:35"));
  });

  it("suggests the next half hour today, 10:00 on a later day", () => {
    const now = at("2026-11-23T10:05");
    expect(instant(defaultStart(dayjs("2026-11-23"), now))).toBe(at("2026-11-23T10:30"));
    expect(instant(defaultStart(dayjs("2026-11-23"), at("2026-11-23T10:45")))).toBe(at("2026-11-23T11:00"));
    expect(instant(defaultStart(dayjs("2026-11-20"), now))).toBe(at("2026-11-23T10:30"));
    expect(instant(defaultStart(dayjs("2026-11-25"), now))).toBe(at("2026-11-25T10:00"));
  });

  it("splits minutes into hours and minutes", () => {
    expect(hoursMinutes(95)).toEqual({ hours: 1, minutes: 35 });
    expect(hoursMinutes(-3)).toEqual({ hours: 0, minutes: 0 });
  });
});

describe("appointment book", () => {
  const items = [
    appt({ id: 1, start_at: at("2026-11-23T14:00") }),
    appt({ id: 2, start_at: at("2026-11-23T10:00"), conflicts: [3] }),
    appt({ id: 3, start_at: at("2026-11-23T10:30"), stylist: null }),
    appt({ id: 4, start_at: at("2026-11-24T09:00"), stylist: { id: 9, staff_no: "3009", name: "已离职" } }),
    appt({ id: 5, start_at: at("2026-11-23T11:00"), status: "cancelled" }),
  ];

  it("gives every stylist a lane, in order, with appointments in time order and the unassigned last", () => {
    const lanes = lanesOf(items, [chen, wang], null);
    expect(lanes.map((l) => l.key)).toEqual(["3", "4", "9", "none"]);
    expect(lanes[0]?.items.map((a) => a.id)).toEqual([2, 5, 1]);
    expect(lanes[1]?.items).toEqual([]);
    expect(lanes[3]?.items.map((a) => a.id)).toEqual([3]);
  });

  it("shows only the chosen stylist's lane", () => {
    const lanes = lanesOf(items, [chen, wang], 4);
    expect(lanes.map((l) => l.key)).toEqual(["4"]);
    expect(lanes[0]?.items).toEqual([]);
  });

  it("puts appointments on their local day", () => {
    const days = byDate(items, ["2026-11-23", "2026-11-24"]);
    expect(days["2026-11-23"]?.map((a) => a.id)).toEqual([2, 3, 5, 1]);
    expect(days["2026-11-24"]?.map((a) => a.id)).toEqual([4]);
  });

  it("counts live, expected, arrived and clashing appointments", () => {
    expect(summaryOf(items)).toEqual({ total: 4, booked: 4, arrived: 0, conflicts: 1 });
  });

  it("allows a no-show only once her time has come", () => {
    const a = appt({ start_at: at("2026-11-23T10:00") });
    expect(canMarkNoShow(a, at("2026-11-23T09:59"))).toBe(false);
    expect(canMarkNoShow(a, at("2026-11-23T10:00"))).toBe(true);
    expect(canMarkNoShow({ ...a, status: "arrived" }, at("2026-11-23T12:00"))).toBe(false);
  });

  it("adds up the services' menu durations", () => {
    expect(menuMinutes([1, 2, 7], new Map([[1, 60], [2, 30]]))).toBe(90);
  });
});

describe("numbers", () => {
  it("shows per mille as a percentage with one decimal", () => {
    expect(permilleText(833)).toBe("83.3%");
    expect(permilleText(1000)).toBe("100.0%");
    expect(permilleText(0)).toBe("0.0%");
  });

  it("shows the complaint rate in hundredths with two decimals", () => {
    expect(centiText(250)).toBe("2.50");
    expect(centiText(5)).toBe("0.05");
    expect(centiText(1234)).toBe("12.34");
  });

  it("averages ratings to one decimal, rounding half up", () => {
    expect(averageText(87, 20)).toBe("4.4");
    expect(averageText(13, 3)).toBe("4.3");
    expect(averageText(10, 2)).toBe("5.0");
    expect(averageText(0, 0)).toBe("–");
  });

  it("totals completion the way the core computes it per row", () => {
    expect(
      totalPermille([
        { due: 3, done: 2, unreachable: 0, wrong_number: 0 },
        { due: 3, done: 1, unreachable: 1, wrong_number: 1 },
      ]),
    ).toBe(833);
    expect(totalPermille([])).toBe(0);
  });

  it("counts down to the answer deadline and turns late after it", () => {
    const c = complaint({});
    expect(answerClock(c, at("2026-11-23T10:40"))).toEqual({ state: "waiting", minutesLeft: 80, late: false });
    expect(answerClock(c, at("2026-11-23T11:59:30"))).toEqual({ state: "waiting", minutesLeft: 1, late: false });
    expect(answerClock(c, at("2026-11-23T12:35"))).toEqual({ state: "waiting", minutesLeft: -35, late: true });
    expect(answerClock({ ...c, answered_at: at("2026-11-23T11:00") }, at("2026-11-23T13:00"))).toEqual({
      state: "answered",
      late: false,
    });
    expect(answerClock({ ...c, open: false, closed_at: at("2026-11-23T13:00") }, at("2026-11-23T14:00"))).toEqual({
      state: "answered",
      late: true,
    });
  });

  it("lists open complaints first, nearest deadline first, then closed ones newest first", () => {
    const list = [
      complaint({ id: 1, open: false, opened_at: at("2026-11-01T10:00") }),
      complaint({ id: 2, answer_due_at: at("2026-11-24T10:00") }),
      complaint({ id: 3, open: false, opened_at: at("2026-11-20T10:00") }),
      complaint({ id: 4, answer_due_at: at("2026-11-23T12:00") }),
    ];
    expect([...list].sort(complaintOrder).map((c) => c.id)).toEqual([4, 2, 3, 1]);
  });

  it("escalates desk → supervisor → manager, and no further", () => {
    expect(nextLevel("desk")).toBe("supervisor");
    expect(nextLevel("supervisor")).toBe("manager");
    expect(nextLevel("manager")).toBeNull();
  });
});

describe("follow-up calls", () => {
  const ctx = { shop: "美华美容院", me: "小王", language: "zh-CN", separator: "、" };
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: "zh-CN",
    resources: {
      "zh-CN": { translation: { ...zhCN, desk: deskZhCN } },
      en: { translation: { ...en, desk: deskEn } },
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
      "desk.script.opening",
      "desk.script.aftercareNoVisit",
      "desk.script.askRating",
      "desk.script.closing",
    ]);
    expect(say(task({ address_as: "" }))[0]).toBe("您好，李美华，我是美华美容院的小王。");
  });

  it("has a line for each reason, and speaks English too", () => {
    expect(scriptLines(task({ reason: "birthday" }), ctx).map((l) => l.key)).toContain("desk.script.birthday");
    expect(scriptLines(task({ reason: "complaint" }), ctx).map((l) => l.key)).toContain("desk.script.complaint");
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

  it("words its errors for the desk's own fields, and falls back to the shared ones", () => {
    const t = i18n.getFixedT("zh-CN");
    const err = (over: Partial<ApiError>): ApiError => ({
      code: "invalid",
      message: "",
      field: null,
      reason: null,
      limit: null,
      permission: null,
      entity: null,
      retry_after_ms: null,
      existing: [],
      available: null,
      ...over,
    });
    expect(deskMessage(t, err({ field: "words", reason: "required" }))).toBe("接通后请如实记录顾客原话");
    expect(deskMessage(t, err({ field: "outcome", reason: "not_available" }))).toBe("预约时间还没到，不能记为爽约");
    expect(deskMessage(t, err({ field: "note", reason: "too_long", limit: 200 }))).toBe("备注不能超过 200 个字");
    expect(deskMessage(t, err({ code: "conflict" }))).toBe(zhCN.errors.conflict);
  });
});

describe("keyboard", () => {
  const input = (role: string | null = null, inside = false) => ({
    tagName: "INPUT",
    getAttribute: (n: string) => (n === "role" ? role : null),
    closest: () => (inside ? {} : null),
  });
  const key = (target: unknown, over: Partial<{ ctrlKey: boolean; metaKey: boolean; isComposing: boolean; key: string }> = {}) => ({
    key: over.key ?? "Enter",
    ctrlKey: over.ctrlKey ?? false,
    metaKey: over.metaKey ?? false,
    target,
    nativeEvent: { isComposing: over.isComposing ?? false },
  });

  it("submits on Enter in a plain box, and on Ctrl+Enter anywhere", () => {
    expect(isSubmitKey(key(input()))).toBe(true);
    expect(isSubmitKey(key({ tagName: "TEXTAREA" }, { ctrlKey: true }))).toBe(true);
    expect(isSubmitKey(key({ tagName: "TEXTAREA" }))).toBe(false);
    expect(isSubmitKey(key(input(), { key: "a" }))).toBe(false);
  });

  it("leaves Enter to dropdowns and date pickers, and to the input method", () => {
    expect(isSubmitKey(key(input("combobox")))).toBe(false);
    expect(isSubmitKey(key(input(null, true)))).toBe(false);
    expect(isSubmitKey(key(input(), { isComposing: true }))).toBe(false);
    expect(isSubmitKey(key(input(), { isComposing: true, ctrlKey: true }))).toBe(false);
  });
});
