import { useEffect, useState } from "react";
import { deskNow } from "../time";

/** The desk's clock for deadlines and "has her time come", ticking every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => deskNow());
  useEffect(() => {
    const id = window.setInterval(() => setNow(deskNow()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}
