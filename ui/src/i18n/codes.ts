// Every value of the backend's enums, checked by the compiler against the
// generated bindings: adding a code in Rust breaks the build here until it is
// listed (and then the i18n test demands its translation).
import type { ErrorCode } from "../bindings/ErrorCode";
import type { Invalid } from "../bindings/Invalid";
import type { Entity } from "../bindings/Entity";
import type { Permission } from "../bindings/Permission";
import type { Role } from "../bindings/Role";

function all<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)) => values;
}

export const ErrorCodes = all<ErrorCode>()([
  "invalid",
  "not_found",
  "duplicate",
  "forbidden",
  "wrong_credentials",
  "too_many_attempts",
  "staff_inactive",
  "not_signed_in",
  "session_locked",
  "already_set_up",
  "not_set_up",
  "last_manager",
  "likely_duplicate",
  "erased",
  "wrong_stage",
  "closed",
  "insufficient_balance",
  "package_used_up",
  "expired",
  "out_of_stock",
  "already_redeemed",
  "conflict",
  "schema_too_new",
  "corrupt",
  "storage",
] as const);

export const Invalids = all<Invalid>()([
  "required",
  "too_long",
  "format",
  "out_of_range",
  "pin_format",
  "pin_mismatch",
  "date",
  "not_available",
  "repeated",
  "too_many",
  "confirmation",
  "encoding",
  "not_csv",
  "no_rows",
  "unknown_serial",
  "overlaps",
  "same_person",
  "below_minimum",
  "not_issued",
  "cancelled",
  "destroyed",
  "not_finished",
  "nothing_to_print",
  "not_confirmed",
  "damaged",
] as const);

export const Permissions = all<Permission>()([
  "view_customers",
  "edit_customers",
  "view_full_phone",
  "manage_staff",
  "manage_settings",
  "view_audit",
  "erase_customers",
  "manage_vip",
  "import_customers",
  "export_customers",
  "run_visits",
  "write_service_notes",
  "void_visits",
  "manage_appointments",
  "make_follow_ups",
  "handle_complaints",
  "view_reports",
  "override_tiers",
  "refund_stored_value",
  "handle_gifts",
  "manage_gifts",
  "reconcile_gifts",
  "manage_backups",
] as const);

export const Roles = all<Role>()(["receptionist", "stylist", "manager"] as const);

export const Entities = all<Entity>()([
  "shop",
  "customer",
  "note",
  "staff",
  "catalog_item",
  "visit",
  "appointment",
  "follow_up",
  "complaint",
  "package",
  "tier",
  "gift_item",
  "voucher_type",
  "promotion",
  "voucher",
  "handover",
  "print_job",
  "backup",
] as const);
