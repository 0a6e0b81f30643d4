import { useEffect, useRef, useState } from "react";
import { deskNow } from "../time";

/**
 * The desk's "now", ticking every second, anchored to the core's clock: the
 * visit page's and the stylist's timers run from `serverNow` (which tests may
 * inject) plus the time since it was read. Today's board does not re-render
 * each second: its timers tick by themselves (`LiveTimer`).
 */
export function useServerNow(serverNow: number | null): number {
  const anchor = useRef<{ server: number; local: number } | null>(null);
  const [now, setNow] = useState(() => serverNow ?? deskNow());
  useEffect(() => {
    anchor.current = serverNow === null ? null : { server: serverNow, local: Date.now() };
    const read = () => {
      const a = anchor.current;
      setNow(a ? a.server + (Date.now() - a.local) : deskNow());
    };
    const id = window.setInterval(read, 1000);
    const first = window.setTimeout(read, 0);
    return () => {
      window.clearInterval(id);
      window.clearTimeout(first);
    };
  }, [serverNow]);
  return now;
}
