import { describe, expect, it } from "vitest";
import { formatChange, formatElapsed, formatScaled, parseScaled, timerLevel } from "./scaled";

describe("measurement values", () => {
  it("parse typed decimals exactly and refuse too many places", () => {
    expect(parseScaled("35.5", 1)).toBe(355);
    expect(parseScaled("35", 1)).toBe(350);
    expect(parseScaled(" 0.07 ", 2)).toBe(7);
    expect(parseScaled("35.55", 1)).toBeNull();
    expect(parseScaled("abc", 1)).toBeNull();
    expect(parseScaled("", 0)).toBeNull();
    expect(parseScaled("12", 0)).toBe(12);
  });
  it("format and show the change with its sign", () => {
    expect(formatScaled(355, 1)).toBe("35.5");
    expect(formatScaled(7, 2)).toBe("0.07");
    expect(formatScaled(-5, 1)).toBe("-0.5");
    expect(formatChange(355, 480, 1)).toBe("+12.5");
    expect(formatChange(480, 355, 1)).toBe("-12.5");
  });
});

describe("timers", () => {
  it("read as minutes and seconds, with hours when long", () => {
    expect(formatElapsed(75_000)).toBe("1:15");
    expect(formatElapsed(3_725_000)).toBe("1:02:05");
    expect(formatElapsed(-5)).toBe("0:00");
  });
  it("turn amber then red at the core's limits", () => {
    expect(timerLevel(11 * 60_000, 12 * 60_000, 15 * 60_000)).toBe("ok");
    expect(timerLevel(12 * 60_000, 12 * 60_000, 15 * 60_000)).toBe("amber");
    expect(timerLevel(15 * 60_000, 12 * 60_000, 15 * 60_000)).toBe("red");
    expect(timerLevel(99 * 60_000, null, null)).toBe("ok");
  });
});
