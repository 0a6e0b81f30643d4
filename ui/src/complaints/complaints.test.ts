import { describe, expect, it } from "vitest";
import type { Complaint } from "../bindings/Complaint";
import { day, instant } from "../time";
import { answerClock, complaintOrder, nextLevel } from "./complaints";

// Instants as the shop's clock shows them (the test run's own zone differs).
const at = (s: string) => instant(day(s));

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

describe("complaints", () => {
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
