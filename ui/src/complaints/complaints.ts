// A complaint's answer deadline, the list order and the escalation ladder,
// as the desk reads them.
import type { Complaint } from "../bindings/Complaint";
import type { Level } from "../bindings/Level";
import { MINUTE_MS } from "../common/dates";

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
