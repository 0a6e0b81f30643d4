/** A UTC-ms instant shown in the desk's local time, e.g. 2026-11-23 10:05. */
export function formatDateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(ms));
}
