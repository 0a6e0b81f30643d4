// Every time on screen is the shop's, whatever zone the computer is in. The
// test run's zone is America/Los_Angeles (vite.config.ts); the shop is in
// Shanghai, 16 hours ahead in November.
import { clock, dayAndTime, formatDateTime, instant, setShopZone, shopDateOf, wall, day, syncDeskClock, shopToday, presetPeriod, presetOf, periodDays } from "./time";

// 2026-11-23 02:05 UTC: 10:05 in Shanghai, 18:05 the day before in Los Angeles.
const T = Date.UTC(2026, 10, 23, 2, 5);

describe("time at the desk", () => {
  beforeEach(() => setShopZone("Asia/Shanghai"));

  it("runs in a computer zone that differs from the shop's", () => {
    expect(new Date(T).getTimezoneOffset()).toBe(480);
  });

  it("shows instants on the shop's clock and date", () => {
    expect(clock(T)).toBe("10:05");
    expect(shopDateOf(T)).toBe("2026-11-23");
    expect(formatDateTime(T, "zh-CN")).toBe("2026/11/23 10:05");
    expect(formatDateTime(T, "en")).toBe("23/11/2026, 10:05");
    expect(wall(T).format("YYYY-MM-DD HH:mm")).toBe("2026-11-23 10:05");
  });

  it("reads a time typed at the desk on the shop's clock", () => {
    expect(instant(day("2026-11-23T10:05"))).toBe(T);
    expect(instant(wall(T))).toBe(T);
  });

  it("follows the shop's zone when it is another", () => {
    setShopZone("Asia/Urumqi");
    expect(clock(T)).toBe("08:05");
    setShopZone("Europe/London");
    expect(clock(T)).toBe("02:05");
    expect(instant(day("2026-11-23T02:05"))).toBe(T);
  });

  it("gives the date with the time when it is not today", () => {
    syncDeskClock(T);
    expect(shopToday()).toBe("2026-11-23");
    expect(dayAndTime(T, "zh-CN")).toBe("10:05");
    expect(dayAndTime(T - 86_400_000, "zh-CN")).toBe("11月22日 10:05");
  });
});

describe("report periods", () => {
  // 2026-11-27 is a Friday.
  const today = "2026-11-27";

  it("gives each preset's business dates from the shop's today", () => {
    expect(presetPeriod("today", today)).toEqual({ from: "2026-11-27", to: "2026-11-27" });
    expect(presetPeriod("yesterday", today)).toEqual({ from: "2026-11-26", to: "2026-11-26" });
    expect(presetPeriod("week", today)).toEqual({ from: "2026-11-23", to: "2026-11-27" });
    expect(presetPeriod("month", today)).toEqual({ from: "2026-11-01", to: "2026-11-27" });
    expect(presetPeriod("last_month", today)).toEqual({ from: "2026-10-01", to: "2026-10-31" });
  });

  it("starts the week on Monday, a Sunday ending it", () => {
    expect(presetPeriod("week", "2026-11-29")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetPeriod("week", "2026-11-23")).toEqual({ from: "2026-11-23", to: "2026-11-23" });
    expect(presetPeriod("week", "2026-12-02")).toEqual({ from: "2026-11-30", to: "2026-12-02" });
  });

  it("crosses month and year ends, February and leap years", () => {
    expect(presetPeriod("yesterday", "2027-01-01")).toEqual({ from: "2026-12-31", to: "2026-12-31" });
    expect(presetPeriod("last_month", "2027-01-15")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetPeriod("last_month", "2028-03-31")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(presetPeriod("last_month", "2027-03-31")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
    expect(presetPeriod("month", "2026-12-01")).toEqual({ from: "2026-12-01", to: "2026-12-01" });
  });

  it("follows the shop's date, not the computer's", () => {
    setShopZone("Asia/Shanghai");
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai (still 30 November in Los Angeles).
    syncDeskClock(Date.UTC(2026, 10, 30, 17, 0));
    expect(presetPeriod("month", shopToday())).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    expect(presetPeriod("last_month", shopToday())).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("recognises a period as its preset, or none", () => {
    expect(presetOf({ from: "2026-11-27", to: "2026-11-27" }, today)).toBe("today");
    expect(presetOf({ from: "2026-11-01", to: "2026-11-27" }, today)).toBe("month");
    expect(presetOf({ from: "2026-10-01", to: "2026-10-31" }, today)).toBe("last_month");
    expect(presetOf({ from: "2026-11-02", to: "2026-11-27" }, today)).toBeNull();
    // On a Monday 本周 and 今天 are the same dates: 今天 is named.
    expect(presetOf({ from: "2026-11-23", to: "2026-11-23" }, "2026-11-23")).toBe("today");
  });

  it("counts a period's days, both ends included", () => {
    expect(periodDays({ from: "2026-11-27", to: "2026-11-27" })).toBe(1);
    expect(periodDays({ from: "2026-11-01", to: "2026-11-30" })).toBe(30);
    expect(periodDays({ from: "2026-10-20", to: "2026-11-02" })).toBe(14);
  });
});
