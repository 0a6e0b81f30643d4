import { describe, expect, it } from "vitest";
import type { Appointment } from "../bindings/Appointment";
import { day, instant } from "../time";
import { byDate, canMarkNoShow, lanesOf, menuMinutes, summaryOf } from "./appointments";

// Instants as the shop's clock shows them (the test run's own zone differs).
const at = (s: string) => instant(day(s));
const chen = { id: 3, staff_no: "3003", name: "陈静" };
const wang = { id: 4, staff_no: "3004", name: "王芳" };

function appt(over: Partial<Appointment>): Appointment {
  return {
    id: 1,
    customer_id: 10,
    customer_name: "李美华",
    alert: null,
    stylist: chen,
    start_at: at("2026-11-23T10:00"),
    duration_minutes: 60,
    services: [],
    service_names: [],
    note: "",
    status: "booked",
    status_reason: "",
    visit_id: null,
    conflicts: [],
    ...over,
  };
}

describe("appointment book", () => {
  const items = [
    appt({ id: 1, start_at: at("2026-11-23T14:00") }),
    appt({ id: 2, start_at: at("2026-11-23T10:00"), conflicts: [3] }),
    appt({ id: 3, start_at: at("2026-11-23T10:30"), stylist: null }),
    appt({ id: 4, start_at: at("2026-11-24T09:00"), stylist: { id: 9, staff_no: "3009", name: "已离职" } }),
    appt({ id: 5, start_at: at("2026-11-23T11:00"), status: "cancelled" }),
  ];

  it("gives every stylist a lane, in order, with appointments in time order and the unassigned last", () => {
    const lanes = lanesOf(items, [chen, wang], null);
    expect(lanes.map((l) => l.key)).toEqual(["3", "4", "9", "none"]);
    expect(lanes[0]?.items.map((a) => a.id)).toEqual([2, 5, 1]);
    expect(lanes[1]?.items).toEqual([]);
    expect(lanes[3]?.items.map((a) => a.id)).toEqual([3]);
  });

  it("shows only the chosen stylist's lane", () => {
    const lanes = lanesOf(items, [chen, wang], 4);
    expect(lanes.map((l) => l.key)).toEqual(["4"]);
    expect(lanes[0]?.items).toEqual([]);
  });

  it("puts appointments on their local day", () => {
    const days = byDate(items, ["2026-11-23", "2026-11-24"]);
    expect(days["2026-11-23"]?.map((a) => a.id)).toEqual([2, 3, 5, 1]);
    expect(days["2026-11-24"]?.map((a) => a.id)).toEqual([4]);
  });

  it("counts live, expected, arrived and clashing appointments", () => {
    expect(summaryOf(items)).toEqual({ total: 4, booked: 4, arrived: 0, conflicts: 1 });
  });

  it("allows a no-show only once her time has come", () => {
    const a = appt({ start_at: at("2026-11-23T10:00") });
    expect(canMarkNoShow(a, at("2026-11-23T09:59"))).toBe(false);
    expect(canMarkNoShow(a, at("2026-11-23T10:00"))).toBe(true);
    expect(canMarkNoShow({ ...a, status: "arrived" }, at("2026-11-23T12:00"))).toBe(false);
  });

  it("adds up the services' menu durations", () => {
    expect(menuMinutes([1, 2, 7], new Map([[1, 60], [2, 30]]))).toBe(90);
  });
});
