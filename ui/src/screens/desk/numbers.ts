// Rates, averages and deadlines as the desk reads them. Integer arithmetic
// where the core sends integers (per mille, hundredths), so nothing is lost
// to floating point on the way to the screen.
import type { Complaint } from "../../bindings/Complaint";
import type { Level } from "../../bindings/Level";
import { MINUTE_MS } from "./dates";

/** 833 ‰ → "83.3%". */
export function permilleText(permille: number): string {
  const p = Math.max(0, Math.round(permille));
  return `${Math.trunc(p / 10)}.${p % 10}%`;
}

/** Complaints per 100 visits in hundredths: 250 → "2.50". */
export function centiText(centi: number): string {
  const c = Math.max(0, Math.round(centi));
  return `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

/** An average of ratings to one decimal (4.35 → "4.4"); "–" when there are none. */
export function averageText(sum: number, count: number): string {
  if (count <= 0) return "–";
  const tenths = Math.round((sum * 10) / count);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/** Completion of a set of per-staff rows, as the core computes it per row. */
export function totalPermille(rows: { due: number; done: number; unreachable: number; wrong_number: number }[]): number {
  const due = rows.reduce((s, r) => s + r.due, 0);
  const closed = rows.reduce((s, r) => s + r.done + r.unreachable + r.wrong_number, 0);
  return due === 0 ? 0 : Math.trunc((closed * 1000) / due);
}

/**
 * Where a complaint stands against its answer deadline: answered (or
 * closed), or still to answer with the minutes left (negative: late).
 */
export type AnswerClock =
  | { state: "answered"; late: boolean }
  | { state: "waiting"; minutesLeft: number; late: boolean };

export function answerClock(c: Complaint, now: number): AnswerClock {
  const answeredAt = c.answered_at ?? (c.open ? null : c.closed_at);
  if (answeredAt !== null) return { state: "answered", late: answeredAt > c.answer_due_at };
  const left = c.answer_due_at - now;
  // Whole minutes, rounded towards "later" so 30 s left still shows 1 minute.
  const minutesLeft = left >= 0 ? Math.ceil(left / MINUTE_MS) : -Math.ceil(-left / MINUTE_MS);
  return { state: "waiting", minutesLeft, late: left < 0 };
}

/** Open complaints first, the most urgent deadline first; then closed ones, newest first. */
export function complaintOrder(a: Complaint, b: Complaint): number {
  if (a.open !== b.open) return a.open ? -1 : 1;
  if (a.open) return a.answer_due_at - b.answer_due_at || a.id - b.id;
  return b.opened_at - a.opened_at || b.id - a.id;
}

/** The next level up the ladder (前台 → 主管 → 店长), null at the top. */
export function nextLevel(level: Level): Level | null {
  if (level === "desk") return "supervisor";
  if (level === "supervisor") return "manager";
  return null;
}
