import ClockCircleOutlined from "@ant-design/icons-svg/es/asn/ClockCircleOutlined";
import { memo, useLayoutEffect, useRef } from "react";
import { onSecond } from "../common/secondTick";
import { formatElapsed, timerLevel } from "./scaled";
import { plainIcon } from "../common/plainIcon";

/** One clock for every timer on the board (plain elements, see plainIcon). */
const CLOCK = plainIcon(ClockCircleOutlined);

const COLORS = { ok: "#389e0d", amber: "#d48806", red: "#cf1322" } as const;

/** A running timer that turns amber and red at the core's limits. */
export function Timer({
  since,
  now,
  amberAfter,
  redAfter,
  testId,
}: {
  since: number;
  now: number;
  amberAfter: number | null;
  redAfter: number | null;
  testId?: string;
}) {
  const elapsed = now - since;
  const level = timerLevel(elapsed, amberAfter, redAfter);
  return (
    <span
      className={`fd-timer fd-timer-${level}`}
      style={{ color: COLORS[level] }}
      data-testid={testId}
      data-level={level}
    >
      {CLOCK} {formatElapsed(elapsed)}
    </span>
  );
}

/**
 * A timer that ticks by itself: `offset` is the core's clock minus this
 * computer's (read with the list it sits in). Each second it rewrites its
 * own text and colour in the DOM, so neither it nor the card or board
 * around it re-renders.
 */
export const LiveTimer = memo(function LiveTimer({
  offset,
  since,
  amberAfter,
  redAfter,
  testId,
}: Omit<Parameters<typeof Timer>[0], "now"> & { offset: number }) {
  const box = useRef<HTMLSpanElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const paint = () => {
      const elapsed = Date.now() + offset - since;
      const level = timerLevel(elapsed, amberAfter, redAfter);
      const shown = formatElapsed(elapsed);
      if (text.current && text.current.textContent !== shown) text.current.textContent = shown;
      const el = box.current;
      if (!el) return;
      if (el.dataset.level !== level) {
        el.dataset.level = level;
        el.className = `fd-timer fd-timer-${level}`;
        el.style.color = COLORS[level];
      }
      // Red blinks with the seconds (the static timer's pulse, see styles.css).
      const dim = level === "red" && Math.floor(elapsed / 1000) % 2 === 1;
      el.style.opacity = dim ? "0.55" : "";
    };
    paint();
    return onSecond(paint);
  }, [offset, since, amberAfter, redAfter]);
  // The layout effect fills it in before the first paint; the markup is Timer's.
  return (
    <span className="fd-timer fd-timer-ok" style={{ color: COLORS.ok }} data-testid={testId} data-level="ok" data-live ref={box}>
      {CLOCK} <span ref={text} />
    </span>
  );
});
