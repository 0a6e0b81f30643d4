// Measurement values travel as integers in units of 10^-decimals (45.5 % with
// one decimal is 455); typed text is parsed exactly, never through floats.
import { fold } from "../text";

/** "35.5" with 1 decimal → 355; null when it is not such a number. */
export function parseScaled(typed: string, decimals: number): number | null {
  const m = /^(-?)(\d{1,7})(?:\.(\d*))?$/.exec(fold(typed).trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  if (frac.length > decimals) return null;
  const digits = Number.parseInt((m[2] ?? "0") + frac.padEnd(decimals, "0"), 10);
  return m[1] === "-" ? -digits : digits;
}

/** 355 with 1 decimal → "35.5". */
export function formatScaled(value: number, decimals: number): string {
  if (decimals <= 0) return String(value);
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value).toString().padStart(decimals + 1, "0");
  return `${sign}${abs.slice(0, -decimals)}.${abs.slice(-decimals)}`;
}

/** "+12.5" / "-3.0" / "0.0": the change from `pre` to `post`. */
export function formatChange(pre: number, post: number, decimals: number): string {
  const d = post - pre;
  return `${d > 0 ? "+" : ""}${formatScaled(d, decimals)}`;
}

/** 75_000 ms → "1:15"; 3_725_000 → "1:02:05". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** The timer's colour after `elapsed` ms, given the core's limits. */
export function timerLevel(
  elapsed: number,
  amberAfter: number | null,
  redAfter: number | null,
): "ok" | "amber" | "red" {
  if (redAfter !== null && elapsed >= redAfter) return "red";
  if (amberAfter !== null && elapsed >= amberAfter) return "amber";
  return "ok";
}
