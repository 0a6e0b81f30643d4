// Turn a backend error into the message a person reads, in the current
// language, chosen by its code (and reason, field, permission...).
import type { TFunction } from "i18next";
import type { ApiError } from "../bindings/ApiError";
import { formatFen } from "../money";
import { ApiFailure, toApiError } from "./client";

export function errorOf(thrown: unknown): ApiError {
  return thrown instanceof ApiFailure ? thrown.error : toApiError(thrown);
}

export function errorMessage(t: TFunction, e: ApiError): string {
  const field = e.field ? t(`fields.${e.field}`, { defaultValue: e.field }) : "";
  switch (e.code) {
    case "invalid":
      return t([`invalidField.${e.field}.${e.reason}`, `invalid.${e.reason}`, "errors.invalid"], {
        field,
        limit: e.limit,
      });
    case "duplicate":
      return t("errors.duplicate", { field });
    case "forbidden":
      return t("errors.forbidden", {
        permission: e.permission ? t(`permissions.${e.permission}`) : "",
      });
    case "not_found":
      return t("errors.not_found", { entity: e.entity ? t(`entities.${e.entity}`) : "" });
    case "closed":
      return t("errors.closed", { entity: e.entity ? t(`entities.${e.entity}`) : "" });
    case "insufficient_balance":
      return t("errors.insufficient_balance", { available: formatFen(e.available ?? 0) });
    case "expired":
      return t("errors.expired", { field });
    case "too_many_attempts":
      return t("errors.too_many_attempts", {
        minutes: Math.max(1, Math.ceil((e.retry_after_ms ?? 60_000) / 60_000)),
      });
    default:
      return t([`errors.${e.code}`, "errors.unknown"], { message: e.message });
  }
}

/** Antd form `setFields` entries for an error that names a field, else null. */
export function fieldError(
  t: TFunction,
  thrown: unknown,
  fields: readonly string[],
): { name: string; errors: string[] } | null {
  const e = errorOf(thrown);
  if (e.field && fields.includes(e.field)) {
    return { name: e.field, errors: [errorMessage(t, e)] };
  }
  return null;
}
