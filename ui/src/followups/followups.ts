// The follow-up queue's small rules, shared by the list, the call panel and tests.
import type { CallOutcome } from "../bindings/CallOutcome";
import type { FollowUp } from "../bindings/FollowUp";
import type { FollowUpReason } from "../bindings/FollowUpReason";

export const OUTCOMES: CallOutcome[] = ["reached", "no_answer", "call_back", "wrong_number"];

export const REASONS: FollowUpReason[] = ["aftercare", "course", "birthday", "complaint", "dormant"];

/** 满意度: 非常满意 5 … 很不满意 1, and 不知道 0. */
export const SATISFACTION = [5, 4, 3, 2, 1, 0] as const;

export const REASON_COLOR: Record<FollowUpReason, string> = {
  aftercare: "magenta",
  course: "purple",
  birthday: "gold",
  complaint: "red",
  dormant: "default",
};

/** Overdue first, then by due date, then the order they came in. */
export function queueOrder(a: FollowUp, b: FollowUp): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return a.due_date.localeCompare(b.due_date) || a.id - b.id;
}

/**
 * The task to show after one is done: the one that took its place in the
 * list, else the one before it, else none.
 */
export function nextSelection(before: FollowUp[], after: FollowUp[], doneId: number): number | null {
  const at = before.findIndex((f) => f.id === doneId);
  const stillThere = after.find((f) => f.id === doneId);
  if (stillThere) return stillThere.id;
  const remaining = new Set(after.map((f) => f.id));
  for (let i = at + 1; at >= 0 && i < before.length; i++) {
    const f = before[i];
    if (f && remaining.has(f.id)) return f.id;
  }
  for (let i = at - 1; i >= 0; i--) {
    const f = before[i];
    if (f && remaining.has(f.id)) return f.id;
  }
  return after[0]?.id ?? null;
}

/** What the desk is told after recording a call. */
export type CallNotice =
  | { kind: "done" }
  | { kind: "unreachable"; attempts: number }
  | { kind: "wrong_number" }
  | { kind: "retry"; attempts: number; max: number }
  | { kind: "call_back"; at: number | null };

export function noticeOf(outcome: CallOutcome, after: FollowUp): CallNotice {
  if (after.status === "done") return { kind: "done" };
  if (after.status === "unreachable") return { kind: "unreachable", attempts: after.attempts };
  if (after.status === "wrong_number") return { kind: "wrong_number" };
  if (outcome === "call_back") return { kind: "call_back", at: after.not_before };
  return { kind: "retry", attempts: after.attempts, max: after.max_attempts };
}
