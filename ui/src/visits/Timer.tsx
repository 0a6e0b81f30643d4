import { ClockCircleOutlined } from "@ant-design/icons";
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
