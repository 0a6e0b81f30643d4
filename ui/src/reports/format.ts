// How the reports name what they show: a trend step on an axis and in the
// table, a rating with how many gave it, a staff member. Pure functions,
// shared by the screens and their tests.
import type { Bucket } from "../bindings/Bucket";
import type { Rating } from "../bindings/Rating";
import type { TrendPoint } from "../bindings/TrendPoint";
import { tenthsText } from "../common/numbers";
import { ISO_DATE, day, weekday } from "../time";

/** A step of a trend on a chart's axis: 11-27 (day), 11-23~11-29 (week), 2026-11 (month). */
export function stepLabel(p: Pick<TrendPoint, "from" | "to">, bucket: Bucket): string {
  const md = (iso: string) => iso.slice(5);
  switch (bucket) {
    case "day":
      return md(p.from);
    case "week":
      return p.from === p.to ? md(p.from) : `${md(p.from)}~${md(p.to)}`;
    case "month":
      return p.from.slice(0, 7);
  }
}

/** A step of a trend in the table: 2026-11-27 周五, 2026-11-23 ~ 2026-11-29, 2026-11 (or its days when the period cuts it). */
export function stepText(p: Pick<TrendPoint, "from" | "to">, bucket: Bucket, language: string): string {
  if (bucket === "day" || p.from === p.to) return `${p.from} ${weekday(p.from, language)}`;
  if (bucket === "month" && p.from.endsWith("-01") && isMonthEnd(p.to) && p.from.slice(0, 7) === p.to.slice(0, 7)) {
    return p.from.slice(0, 7);
  }
  return `${p.from} ~ ${p.to}`;
}

function isMonthEnd(iso: string): boolean {
  return day(iso).endOf("month").format(ISO_DATE) === iso;
}

/** The average of a rating, one decimal ("4.7", "—" when nobody rated). */
export function ratingText(r: Pick<Rating, "average_tenths">): string {
  return tenthsText(r.average_tenths);
}

/** The trend the period suits by default: by day up to a month, by week up to half a year, else by month. */
export function defaultBucket(days: number): Bucket {
  if (days <= 31) return "day";
  if (days <= 184) return "week";
  return "month";
}
