import { describe, expect, it } from "vitest";
import { averageText, centiText, permillePercent, permilleText, rateText, tenthsText, tenthsValue, totalPermille } from "./numbers";

describe("numbers", () => {
  it("shows per mille as a percentage with one decimal", () => {
    expect(permilleText(833)).toBe("83.3%");
    expect(permilleText(1000)).toBe("100.0%");
    expect(permilleText(0)).toBe("0.0%");
  });

  it("shows the complaint rate in hundredths with two decimals", () => {
    expect(centiText(250)).toBe("2.50");
    expect(centiText(5)).toBe("0.05");
    expect(centiText(1234)).toBe("12.34");
  });

  it("averages ratings to one decimal, rounding half up", () => {
    expect(averageText(87, 20)).toBe("4.4");
    expect(averageText(13, 3)).toBe("4.3");
    expect(averageText(10, 2)).toBe("5.0");
    expect(averageText(0, 0)).toBe("–");
  });

  it("totals completion the way the core computes it per row", () => {
    expect(
      totalPermille([
        { due: 3, done: 2, unreachable: 0, wrong_number: 0 },
        { due: 3, done: 1, unreachable: 1, wrong_number: 1 },
      ]),
    ).toBe(833);
    expect(totalPermille([])).toBe(0);
  });

  it("shows an average kept in tenths with one decimal, a dash when nobody rated", () => {
    expect(tenthsText(47)).toBe("4.7");
    expect(tenthsText(50)).toBe("5.0");
    expect(tenthsText(10)).toBe("1.0");
    expect(tenthsText(0)).toBe("0.0");
    expect(tenthsText(null)).toBe("—");
    expect(tenthsText(undefined)).toBe("—");
  });

  it("shows a rate that may have nothing to divide by", () => {
    expect(rateText(667)).toBe("66.7%");
    expect(rateText(0)).toBe("0.0%");
    expect(rateText(1000)).toBe("100.0%");
    expect(rateText(null)).toBe("—");
  });

  it("gives charts numbers, keeping the gaps", () => {
    expect(permillePercent(833)).toBe(83.3);
    expect(permillePercent(5)).toBe(0.5);
    expect(permillePercent(null)).toBeNull();
    expect(tenthsValue(47)).toBe(4.7);
    expect(tenthsValue(null)).toBeNull();
  });
});
