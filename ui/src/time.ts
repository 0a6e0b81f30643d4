// Time at the desk: the one module that turns instants into what the shop's
// clock on the wall says, and back.
//
// The core keeps instants as UTC ms and computes the shop's business day in
// the shop's time zone (Settings → Shop). The computer's own zone may differ
// (a PC set to UTC, a laptop brought from abroad), so nothing on screen may
// use it: every instant is shown, and every time typed is read, in the
// shop's zone. Components work with "wall" Dayjs values (the shop's
// wall-clock fields, zone-less) and convert only here: `wall(ms)` to show or
// edit an instant, `instant(wall)` to send one. ESLint forbids `new Date`,
// `Intl.DateTimeFormat` and value imports of dayjs elsewhere.
import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

export type { Dayjs };

export const ISO_DATE = "YYYY-MM-DD";
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

let zone = "Asia/Shanghai";
let offsetMs = 0;

/** The shop's time zone, from the app status (an IANA name). */
export function setShopZone(tz: string | null | undefined): void {
  if (tz) zone = tz;
}

export function shopZone(): string {
  return zone;
}

/** Remember the core's clock, read just now. A status without one (0) is ignored. */
export function syncDeskClock(coreNow: number): void {
  if (coreNow > 0) offsetMs = coreNow - Date.now();
}

/** Now, by the core's clock (UTC ms). */
export function deskNow(): number {
  return Date.now() + offsetMs;
}

/** The shop's wall-clock time at an instant, as a zone-less Dayjs. */
export function wall(ms: number): Dayjs {
  return dayjs(dayjs(ms).tz(zone).format("YYYY-MM-DDTHH:mm:ss.SSS"));
}

/** The shop's wall-clock time now. */
export function wallNow(): Dayjs {
  return wall(deskNow());
}

/** The instant at which the shop's clock shows `w`'s date and time. */
export function instant(w: Dayjs): number {
  return dayjs.tz(w.format("YYYY-MM-DDTHH:mm:ss.SSS"), zone).valueOf();
}

/** A calendar date (YYYY-MM-DD, or a picker's value) as a zone-less Dayjs. */
export function day(iso: string): Dayjs {
  return dayjs(iso);
}

/** The business date an instant falls on in the shop: 2026-11-23. */
export function shopDateOf(ms: number): string {
  return wall(ms).format(ISO_DATE);
}

/** The shop's business date today. */
export function shopToday(): string {
  return shopDateOf(deskNow());
}

function locale(language: string): string {
  return language === "en" ? "en-GB" : "zh-CN";
}

/** 2026/11/23 10:05 (zh) or 23/11/2026, 10:05 (en), in the shop's zone. */
export function formatDateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(ms));
}

/** 10:05 (24-hour clock) in the shop's zone. */
export function clock(ms: number): string {
  return wall(ms).format("HH:mm");
}

/** The short form of a date for headers and scripts: 11月23日 / 23 Nov. */
export function shortDate(iso: string, language: string): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return new Intl.DateTimeFormat(locale(language), { timeZone: "UTC", month: "short", day: "numeric" }).format(
    new Date(`${d.format(ISO_DATE)}T00:00:00Z`),
  );
}

/** The weekday of a date: 周一 / Mon. */
export function weekday(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeZone: "UTC", weekday: "short" }).format(
    new Date(`${dayjs(iso).format(ISO_DATE)}T00:00:00Z`),
  );
}

/** A full date for the page header: 2026年11月23日星期一 / Monday 23 November 2026. */
export function longDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: "UTC",
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "long",
  }).format(new Date(`${dayjs(iso).format(ISO_DATE)}T00:00:00Z`));
}

/** An instant's time of day with its date when not today: 10:05 / 11月20日 10:05. */
export function dayAndTime(ms: number, language: string): string {
  const w = wall(ms);
  if (w.format(ISO_DATE) === shopToday()) return w.format("HH:mm");
  return language === "en" ? w.format("D MMM HH:mm") : w.format("M月D日 HH:mm");
}

/** The report periods a manager picks from: 今天, 昨天, 本周, 本月, 上月. */
export const PERIOD_PRESETS = ["today", "yesterday", "week", "month", "last_month"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A report's business dates, both ends included (YYYY-MM-DD). */
export type DatePeriod = { from: string; to: string };

/**
 * The business dates of a preset period seen from the shop's date `today`:
 * a week runs Monday to Sunday and 本周 / 本月 stop at today; 上月 is the
 * whole previous calendar month.
 */
export function presetPeriod(preset: PeriodPreset, today: string): DatePeriod {
  const d = dayjs(today);
  const iso = (x: Dayjs) => x.format(ISO_DATE);
  switch (preset) {
    case "today":
      return { from: iso(d), to: iso(d) };
    case "yesterday": {
      const y = d.subtract(1, "day");
      return { from: iso(y), to: iso(y) };
    }
    case "week":
      return { from: iso(d.subtract((d.day() + 6) % 7, "day")), to: iso(d) };
    case "month":
      return { from: iso(d.startOf("month")), to: iso(d) };
    case "last_month": {
      const m = d.startOf("month").subtract(1, "month");
      return { from: iso(m), to: iso(m.endOf("month")) };
    }
  }
}

/** The preset a period is, seen from `today`, if any (the first that matches). */
export function presetOf(period: DatePeriod, today: string): PeriodPreset | null {
  return PERIOD_PRESETS.find((p) => {
    const q = presetPeriod(p, today);
    return q.from === period.from && q.to === period.to;
  }) ?? null;
}

/** Days in a period, both ends counted: 2026-11-01..2026-11-30 → 30. */
export function periodDays(period: DatePeriod): number {
  return dayjs(period.to).diff(dayjs(period.from), "day") + 1;
}
