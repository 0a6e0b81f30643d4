// The app's screens. A small state machine is enough: a desktop app has no URL
// bar, and customer cards open from anywhere by id.
export type Page =
  | { kind: "today" }
  | { kind: "customers" }
  | { kind: "customer"; id: number }
  | { kind: "appointments" }
  | { kind: "followups" }
  | { kind: "gifts" }
  | { kind: "reports" }
  | { kind: "settings" };

export type NavKey = Exclude<Page["kind"], "customer">;

export function navKeyOf(page: Page): NavKey {
  return page.kind === "customer" ? "customers" : page.kind;
}
