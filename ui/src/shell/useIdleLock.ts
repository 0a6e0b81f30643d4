import { useEffect, useRef } from "react";
import { call } from "../api/client";

const KEEP_ALIVE_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 5_000;

/**
 * Lock the desk after `minutes` without keyboard or mouse activity. Activity
 * is reported to the backend (at most every 30 s) so typing a long form never
 * counts as idle there either; the backend enforces the same limit.
 */
export function useIdleLock(minutes: number, onLocked: () => void): void {
  const last = useRef(0);
  const lastSent = useRef(0);

  useEffect(() => {
    last.current = Date.now();
    const activity = () => {
      last.current = Date.now();
      if (last.current - lastSent.current > KEEP_ALIVE_EVERY_MS) {
        lastSent.current = last.current;
        call("keep_alive").catch(() => {});
      }
    };
    const events = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, activity, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) {
        call("lock")
          .catch(() => {})
          .finally(onLocked);
      }
    }, CHECK_EVERY_MS);
    return () => {
      events.forEach((e) => window.removeEventListener(e, activity));
      window.clearInterval(timer);
    };
  }, [minutes, onLocked]);
}
