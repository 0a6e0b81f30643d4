// Dates and times for the desk's calendars and queues. Instants come from the
// core as UTC ms and are shown in the shop's time zone (see src/time.ts);
// business dates cross as YYYY-MM-DD. Pure functions: the components and the
// tests share them.
import { type Dayjs, ISO_DATE, MINUTE_MS, clock, day, instant, wall } from "../time";

export { HOUR_MS, ISO_DATE, MINUTE_MS, clock, longDate, shortDate, weekday } from "../time";
export { shopDateOf as localDateOf } from "../time";

/** The business date of a calendar day: 2026-11-23. */
export function isoDate(d: Dayjs): string {
  return d.format(ISO_DATE);
}

/** Monday of the week holding `d` (shops plan their weeks Monday to Sunday). */
export function mondayOf(d: Dayjs): Dayjs {
  return d.startOf("day").subtract((d.day() + 6) % 7, "day");
}

/** `n` consecutive dates starting at `from` (YYYY-MM-DD). */
export function datesFrom(from: string, n: number): string[] {
  const start = day(from);
  return Array.from({ length: n }, (_, i) => isoDate(start.add(i, "day")));
}

/** 10:00–11:30 for a start and a length in minutes. */
export function timeRange(startMs: number, minutes: number): string {
  return `${clock(startMs)}–${clock(startMs + minutes * MINUTE_MS)}`;
}

/** A date and a time of day picked on the desk, as the instant the shop's clock shows them. */
export function atTime(date: Dayjs, time: Dayjs): number {
  return instant(date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0));
}

/**
 * Where a new appointment starts by default (a wall-clock value): the next
 * half hour on `date` when that is today (or earlier: then today), else
 * 10:00 on `date`.
 */
export function defaultStart(date: Dayjs, now: number): Dayjs {
  const n = wall(now);
  const today = n.startOf("day");
  if (!date.startOf("day").isAfter(today)) {
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
