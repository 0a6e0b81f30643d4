import type { Permission } from "../bindings/Permission";
import type { Session } from "../bindings/Session";

/**
 * Whether the signed-in staff member's role may do this: screens show only
 * what the core would allow (the core still checks every command itself).
 */
export function can(session: Pick<Session, "permissions">, permission: Permission): boolean {
  return session.permissions.includes(permission);
}
