import { useSyncExternalStore } from "react";

// One clock for every live timer on screen: a single interval, and only the
// components that read it re-render when it ticks (a board of 200 visits
// re-renders 200 small timers each second, not 200 cards).
const listeners = new Set<() => void>();
let timer: number | null = null;
let last = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    last = Date.now();
    timer = window.setInterval(() => {
      last = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = () => last;

/** This computer's clock (UTC ms), read at the latest whole-second tick. */
export function useSecondTick(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
