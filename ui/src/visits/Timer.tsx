import { ClockCircleOutlined } from "@ant-design/icons";
import { memo } from "react";
import { useSecondTick } from "../common/useSecondTick";
import { formatElapsed, timerLevel } from "./scaled";

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
      <ClockCircleOutlined /> {formatElapsed(elapsed)}
    </span>
  );
}

/**
 * A timer that ticks by itself: `offset` is the core's clock minus this
 * computer's (read with the list it sits in), so only the timer re-renders
 * each second, never the card or board around it.
 */
export const LiveTimer = memo(function LiveTimer({
  offset,
  ...rest
}: Omit<Parameters<typeof Timer>[0], "now"> & { offset: number }) {
  const local = useSecondTick();
  return <Timer {...rest} now={local + offset} />;
});
