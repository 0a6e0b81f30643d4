// The desk's clock. The core owns time (tests and demos may inject it with
// --clock); the UI learns the core's "now" from the app status and keeps the
// offset, so dates, defaults and timers on screen agree with the core.
let offsetMs = 0;

/** Remember the core's clock, read just now. A status without one (0) is ignored. */
export function syncDeskClock(coreNow: number): void {
  if (coreNow > 0) offsetMs = coreNow - Date.now();
}

/** Now, by the core's clock (UTC ms). */
export function deskNow(): number {
  return Date.now() + offsetMs;
}
