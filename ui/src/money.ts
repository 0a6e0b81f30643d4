// Money in the UI: integer fen in, "¥1,234.50" out. Typed yuan are parsed as
// text, never through floating point, so 0.1 + 0.2 problems cannot arise.
import { fold } from "./text";

/** ¥1,234.50 from integer fen. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = (abs % 100).toString().padStart(2, "0");
  return `${sign}¥${yuan}.${cents}`;
}

/** "128.5" (or full-width "１２８．５") → 12850; null when it is not an amount with at most two decimals. */
export function parseYuan(typed: string): number | null {
  const s = fold(typed).trim().replace(/^[¥￥]/, "").replace(/,/g, "");
  const m = /^(\d{0,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return null;
  const whole = m[1] === "" ? 0 : Number.parseInt(m[1] ?? "0", 10);
  const frac = Number.parseInt(((m[2] ?? "") + "00").slice(0, 2), 10);
  return whole * 100 + frac;
}

/** Fen as the yuan text an input shows: 12850 → "128.50". */
export function fenToYuanText(fen: number): string {
  return formatFen(fen).replace(/^-?¥/, fen < 0 ? "-" : "").replace(/,/g, "");
}
