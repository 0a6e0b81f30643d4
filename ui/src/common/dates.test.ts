import { describe, expect, it } from "vitest";
import { day, instant } from "../time";
import { atTime, datesFrom, defaultStart, hoursMinutes, isoDate, mondayOf, timeRange } from "./dates";

// Instants as the shop's clock shows them (the test run's own zone differs).
const at = (s: string) => instant(day(s));
const dayjs = day;

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
