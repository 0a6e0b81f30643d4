import type { Permission } from "../bindings/Permission";
import type { Session } from "../bindings/Session";

/**
 * Whether the signed-in staff member's role may do this: screens show only
 * what the core would allow (the core still checks every command itself).
 */
export function can(session: Pick<Session, "permissions">, permission: Permission): boolean {
  return session.permissions.includes(permission);
}

/**
 * The manager-only actions that matter which a manager may authorise at a
 * receptionist's desk with her own PIN (void, refund, destroy and adjust
 * stock, restore, erase): the receptionist sees the button, and the core
 * runs the action as the manager once she has typed her PIN.
 */
export const OVERRIDABLE: readonly Permission[] = [
  "void_visits",
  "refund_stored_value",
  "manage_gifts",
  "manage_backups",
  "erase_customers",
];

/** Whether this desk may start the action: by role, or with a manager's override. */
export function canAtDesk(session: Pick<Session, "permissions" | "role">, permission: Permission): boolean {
  return can(session, permission) || (session.role === "receptionist" && OVERRIDABLE.includes(permission));
}
