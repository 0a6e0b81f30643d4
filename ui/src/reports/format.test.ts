import { describe, expect, it } from "vitest";
import { defaultBucket, ratingText, stepLabel, stepText } from "./format";

describe("report wording", () => {
  it("names a trend step on a chart's axis", () => {
    expect(stepLabel({ from: "2026-11-27", to: "2026-11-27" }, "day")).toBe("11-27");
    expect(stepLabel({ from: "2026-11-23", to: "2026-11-29" }, "week")).toBe("11-23~11-29");
    // A week cut to one day by the period's start.
    expect(stepLabel({ from: "2026-11-29", to: "2026-11-29" }, "week")).toBe("11-29");
    expect(stepLabel({ from: "2026-11-01", to: "2026-11-30" }, "month")).toBe("2026-11");
    expect(stepLabel({ from: "2026-11-15", to: "2026-11-27" }, "month")).toBe("2026-11");
  });

  it("names a trend step in the table, with its weekday or its days", () => {
    expect(stepText({ from: "2026-11-27", to: "2026-11-27" }, "day", "zh-CN")).toBe("2026-11-27 周五");
    expect(stepText({ from: "2026-11-27", to: "2026-11-27" }, "day", "en")).toBe("2026-11-27 Fri");
    expect(stepText({ from: "2026-11-23", to: "2026-11-29" }, "week", "zh-CN")).toBe("2026-11-23 ~ 2026-11-29");
    expect(stepText({ from: "2026-11-01", to: "2026-11-30" }, "month", "zh-CN")).toBe("2026-11");
    expect(stepText({ from: "2028-02-01", to: "2028-02-29" }, "month", "zh-CN")).toBe("2028-02");
    // A month the period cuts shows its days.
    expect(stepText({ from: "2026-11-15", to: "2026-11-30" }, "month", "zh-CN")).toBe("2026-11-15 ~ 2026-11-30");
    expect(stepText({ from: "2026-12-01", to: "2026-12-10" }, "month", "zh-CN")).toBe("2026-12-01 ~ 2026-12-10");
  });

  it("shows a rating's average with one decimal, a dash when nobody rated", () => {
    expect(ratingText({ average_tenths: 46 })).toBe("4.6");
    expect(ratingText({ average_tenths: null })).toBe("—");
  });

  it("picks a trend's step from the period's length", () => {
    expect(defaultBucket(1)).toBe("day");
    expect(defaultBucket(31)).toBe("day");
    expect(defaultBucket(32)).toBe("week");
    expect(defaultBucket(184)).toBe("week");
    expect(defaultBucket(365)).toBe("month");
  });
});
