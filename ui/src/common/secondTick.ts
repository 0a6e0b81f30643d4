// One clock for every live timer on screen: a single 1 s interval that calls
// each subscriber. Timers write their own text on a tick (see LiveTimer), so
// a board of 200 visits costs 200 text updates a second and no React render:
// a keystroke never waits behind a board-wide synchronous re-render.
const listeners = new Set<() => void>();
let timer: number | null = null;

/** Call `listener` every second until the returned function is called. */
export function onSecond(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    timer = window.setInterval(() => {
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
