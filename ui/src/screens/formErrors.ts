import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { errorMessage, errorOf } from "../api/errors";
import { fold } from "../text";

/**
 * Show a failed command's error: next to its field when the form has that
 * field, else returned for an alert above the form.
 */
export function showError(
  t: TFunction,
  form: FormInstance,
  thrown: unknown,
  fields: readonly string[],
): string | null {
  const e = errorOf(thrown);
  const message = errorMessage(t, e);
  if (e.field && fields.includes(e.field)) {
    form.setFields([{ name: e.field, errors: [message] }]);
    return null;
  }
  return message;
}

/** Client-side PIN rule, the same as the core's: 4–8 digits, full-width ones (from an IME) included. */
export function isPin(typed: string | undefined): boolean {
  return /^\d{4,8}$/.test(fold(typed ?? "").trim());
}
