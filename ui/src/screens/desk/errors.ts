// Error messages for the desk screens: the shared translation of a backend
// error, with the desk's own wording first for the fields these screens send
// (an appointment in the past, "reached" without her words, a complaint
// closed without a result...).
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { errorMessage, errorOf } from "../../api/errors";
import type { ApiError } from "../../bindings/ApiError";

export function deskMessage(t: TFunction, e: ApiError): string {
  if (e.code === "invalid" && e.field) {
    const field = t(`desk.fields.${e.field}`, { defaultValue: t(`fields.${e.field}`, { defaultValue: e.field }) });
    return t(
      [`desk.errors.${e.field}.${e.reason ?? ""}`, `invalidField.${e.field}.${e.reason ?? ""}`, `invalid.${e.reason ?? ""}`, "errors.invalid"],
      { field, limit: e.limit },
    );
  }
  return errorMessage(t, e);
}

/** A failed command's message, from whatever was thrown. */
export function deskError(t: TFunction, thrown: unknown): string {
  return deskMessage(t, errorOf(thrown));
}

/**
 * Put the error next to its field when the form shows that field (mapped
 * from the request's name to the form's), else return it for an alert.
 */
export function showDeskError(
  t: TFunction,
  form: FormInstance,
  thrown: unknown,
  fields: Record<string, string>,
): string | null {
  const e = errorOf(thrown);
  const message = deskMessage(t, e);
  const name = e.field ? fields[e.field] : undefined;
  if (name) {
    form.setFields([{ name, errors: [message] }]);
    return null;
  }
  return message;
}
