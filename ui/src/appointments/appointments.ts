// How the appointment book is laid out: a column (day view) or a row (week
// view) per stylist, appointments in time order. Pure, for the views and tests.
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { StaffRef } from "../bindings/StaffRef";
import { localDateOf } from "../common/dates";

/** One stylist's appointments; `stylist` null holds those with no stylist yet. */
export type StylistLane = { key: string; stylist: StaffRef | null; items: Appointment[] };

export const UNASSIGNED = "none";

function byTime(a: Appointment, b: Appointment): number {
  return a.start_at - b.start_at || a.id - b.id;
}

/**
 * A lane per stylist: every stylist on the list (in its order) when showing
 * all, else only the one chosen; then stylists who are no longer on the list
 * but still have appointments; then the unassigned ones, if any.
 */
export function lanesOf(items: Appointment[], stylists: StaffRef[], only: number | null): StylistLane[] {
  const lanes = new Map<string, StylistLane>();
  const shown = only === null ? stylists : stylists.filter((s) => s.id === only);
  for (const s of shown) lanes.set(String(s.id), { key: String(s.id), stylist: s, items: [] });
  for (const a of items) {
    if (only !== null && a.stylist?.id !== only) continue;
    const key = a.stylist ? String(a.stylist.id) : UNASSIGNED;
    let lane = lanes.get(key);
    if (!lane) {
      lane = { key, stylist: a.stylist, items: [] };
      lanes.set(key, lane);
    }
    lane.items.push(a);
  }
  const all = [...lanes.values()];
  for (const lane of all) lane.items.sort(byTime);
  // The unassigned lane goes last.
  return [...all.filter((l) => l.key !== UNASSIGNED), ...all.filter((l) => l.key === UNASSIGNED)];
}

/** Appointments by local date, each day in time order. */
export function byDate(items: Appointment[], dates: string[]): Record<string, Appointment[]> {
  const out: Record<string, Appointment[]> = Object.fromEntries(dates.map((d) => [d, []]));
  for (const a of items) out[localDateOf(a.start_at)]?.push(a);
  for (const d of dates) out[d]?.sort(byTime);
  return out;
}

/** The counts shown above the book. */
export function summaryOf(items: Appointment[]): {
  total: number;
  booked: number;
  arrived: number;
  conflicts: number;
} {
  const live = items.filter((a) => a.status !== "cancelled");
  return {
    total: live.length,
    booked: items.filter((a) => a.status === "booked").length,
    arrived: items.filter((a) => a.status === "arrived").length,
    conflicts: items.filter((a) => a.status === "booked" && a.conflicts.length > 0).length,
  };
}

/** A no-show can be recorded only once her time has come. */
export function canMarkNoShow(a: Appointment, now: number): boolean {
  return a.status === "booked" && a.start_at <= now;
}

/** Whether an appointment still needs the desk's action. */
export function isOpen(a: Appointment): boolean {
  return a.status === "booked";
}

export const STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: "blue",
  arrived: "green",
  no_show: "orange",
  cancelled: "default",
};

/** The left-edge colour of an appointment block. */
export const STATUS_EDGE: Record<AppointmentStatus, string> = {
  booked: "#1677ff",
  arrived: "#52c41a",
  no_show: "#fa8c16",
  cancelled: "#bfbfbf",
};

/** The services' menu durations added up (what the core uses when no duration is given). */
export function menuMinutes(serviceIds: number[], durations: Map<number, number>): number {
  return serviceIds.reduce((sum, id) => sum + (durations.get(id) ?? 0), 0);
}

/**
 * A box's border with a thicker coloured left edge, in longhand properties
 * (React warns when `border` and `borderLeft` change together).
 */
export function edged(color: string, edge: string, width = 1, edgeWidth = 4): {
  borderStyle: string;
  borderWidth: string;
  borderColor: string;
} {
  return {
    borderStyle: "solid",
    borderWidth: `${width}px ${width}px ${width}px ${edgeWidth}px`,
    borderColor: `${color} ${color} ${color} ${edge}`,
  };
}
