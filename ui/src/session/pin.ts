import { fold } from "../text";

/** Client-side PIN rule, the same as the core's: 4–8 digits, full-width ones (from an IME) included. */
export function isPin(typed: string | undefined): boolean {
  return /^\d{4,8}$/.test(fold(typed ?? "").trim());
}
