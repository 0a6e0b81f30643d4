// The app's screens. A small state machine is enough: a desktop app has no URL
// bar, and customer cards open from anywhere by id.
export type Page =
  | { kind: "today" }
  | { kind: "customers" }
  | { kind: "customer"; id: number }
  | { kind: "appointments" }
  | { kind: "followups" }
  | { kind: "complaints" }
  | { kind: "visit"; id: number }
  | { kind: "gifts" }
  | { kind: "reports" }
  | { kind: "audit" }
  | { kind: "settings" };

export type NavKey = Exclude<Page["kind"], "customer" | "visit">;

export function navKeyOf(page: Page): NavKey {
  if (page.kind === "customer") return "customers";
  if (page.kind === "visit") return "today";
  return page.kind;
}
