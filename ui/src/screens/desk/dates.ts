// Dates and times for the desk's calendars and queues, in the desk's local
// time (the core returns instants as UTC ms and takes business dates as
// YYYY-MM-DD). Pure functions: the components and the tests share them.
import dayjs, { type Dayjs } from "dayjs";

export const ISO_DATE = "YYYY-MM-DD";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The business date of a local day: 2026-11-23. */
export function isoDate(d: Dayjs): string {
  return d.format(ISO_DATE);
}

/** The local date an instant falls on. */
export function localDateOf(ms: number): string {
  return dayjs(ms).format(ISO_DATE);
}

/** Monday of the week holding `d` (shops plan their weeks Monday to Sunday). */
export function mondayOf(d: Dayjs): Dayjs {
  return d.startOf("day").subtract((d.day() + 6) % 7, "day");
}

/** `n` consecutive dates starting at `from` (YYYY-MM-DD). */
export function datesFrom(from: string, n: number): string[] {
  const start = dayjs(from);
  return Array.from({ length: n }, (_, i) => isoDate(start.add(i, "day")));
}

/** 10:05 (24-hour clock). */
export function clock(ms: number): string {
  return dayjs(ms).format("HH:mm");
}

/** 10:00–11:30 for a start and a length in minutes. */
export function timeRange(startMs: number, minutes: number): string {
  return `${clock(startMs)}–${clock(startMs + minutes * MINUTE_MS)}`;
}

/** A date at a time of day, as UTC ms. */
export function atTime(date: Dayjs, time: Dayjs): number {
  return date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0).valueOf();
}

/**
 * Where a new appointment starts by default: the next half hour on `date`
 * when that is today (or earlier: then today), else 10:00 on `date`.
 */
export function defaultStart(date: Dayjs, now: number): Dayjs {
  const today = dayjs(now).startOf("day");
  if (!date.startOf("day").isAfter(today)) {
    const n = dayjs(now);
    const minutes = n.minute() < 30 ? 30 : 60;
    return n.minute(0).second(0).millisecond(0).add(minutes, "minute");
  }
  return date.startOf("day").hour(10);
}

/** Whole hours and the remaining minutes of a span: 95 → {hours: 1, minutes: 35}. */
export function hoursMinutes(totalMinutes: number): { hours: number; minutes: number } {
  const m = Math.max(0, Math.round(totalMinutes));
  return { hours: Math.floor(m / 60), minutes: m % 60 };
}

/** The short form of a date for headers and scripts: 11月23日 / 23 Nov. */
export function shortDate(iso: string, language: string): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", { month: "short", day: "numeric" }).format(
    d.toDate(),
  );
}

/** The weekday of a date: 周一 / Mon. */
export function weekday(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", { weekday: "short" }).format(
    dayjs(iso).toDate(),
  );
}

/** A full date for the page header: 2026年11月23日星期一 / Monday 23 November 2026. */
export function longDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", {
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "long",
  }).format(dayjs(iso).toDate());
}
