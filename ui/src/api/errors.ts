// The one place a backend error becomes what a person reads, in the current
// language: chosen by its code, then by field and reason
// (`invalidField.<field>.<reason>`, else `invalid.<reason>`), naming the field
// as `fields.<field>`. Screens show it with `errorText` (an alert) or
// `showError` (under the form field the request field maps to).
import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ApiError } from "../bindings/ApiError";
import i18n from "../i18n";
import { formatFen } from "../money";
import { formatDateTime } from "../time";
import { ApiFailure, toApiError } from "./client";

export function errorOf(thrown: unknown): ApiError {
  return thrown instanceof ApiFailure ? thrown.error : toApiError(thrown);
}

export function errorMessage(t: TFunction, e: ApiError): string {
  const field = e.field ? t(`fields.${e.field}`, { defaultValue: e.field }) : "";
  const entity = e.entity ? t(`entities.${e.entity}`) : "";
  switch (e.code) {
    case "invalid":
      return t([`invalidField.${e.field ?? ""}.${e.reason ?? ""}`, `invalid.${e.reason ?? ""}`, "errors.invalid"], {
        field,
        // A minimum spend is money; other limits are counts and lengths.
        limit: e.reason === "below_minimum" ? formatFen(e.limit ?? 0) : e.limit,
      });
    case "duplicate":
      return t("errors.duplicate", { field });
    case "forbidden":
      return t("errors.forbidden", { permission: e.permission ? t(`permissions.${e.permission}`) : "" });
    case "not_found":
      return t("errors.not_found", { entity });
    case "closed":
      return t("errors.closed", { entity });
    case "insufficient_balance":
      return t("errors.insufficient_balance", { available: formatFen(e.available ?? 0) });
    case "expired":
      return t("errors.expired", { field });
    case "out_of_stock":
      return t("errors.out_of_stock", { field, available: e.available ?? 0 });
    case "already_redeemed":
      return t("errors.already_redeemed", {
        at: e.prior ? formatDateTime(e.prior.at, i18n.language) : "",
        slip: e.prior?.slip_no || "—",
        staff: e.prior?.staff ?? "",
      });
    case "too_many_attempts":
      return t("errors.too_many_attempts", {
        minutes: Math.max(1, Math.ceil((e.retry_after_ms ?? 60_000) / 60_000)),
      });
    default:
      return t([`errors.${e.code}`, "errors.unknown"], { message: e.message });
  }
}

/** A failed command's message, from whatever it threw. */
export function errorText(t: TFunction, thrown: unknown): string {
  return errorMessage(t, errorOf(thrown));
}

/**
 * Show a failed command's error under its form field when the form has it
 * (`fields` lists the request fields the form shows, or maps each to the
 * form's own name), else return it for an alert above the form.
 */
export function showError(
  t: TFunction,
  form: FormInstance,
  thrown: unknown,
  fields: readonly string[] | Readonly<Record<string, string>>,
): string | null {
  const e = errorOf(thrown);
  const message = errorMessage(t, e);
  const name = !e.field ? undefined : Array.isArray(fields) ? (fields.includes(e.field) ? e.field : undefined) : (fields as Record<string, string>)[e.field];
  if (name) {
    form.setFields([{ name, errors: [message] }]);
    return null;
  }
  return message;
}

/** A stable callback that shows a failed command's message as a toast. */
export function useFailureToast(): (thrown: unknown) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback((thrown: unknown) => void message.error(errorText(t, thrown)), [message, t]);
}
