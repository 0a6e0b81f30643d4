import { describe, expect, it } from "vitest";
import { fenToYuanText, formatFen, parseYuan } from "./money";

describe("money", () => {
  it("formats fen with grouping and two decimals", () => {
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(12_850)).toBe("¥128.50");
    expect(formatFen(123_456_789)).toBe("¥1,234,567.89");
    expect(formatFen(-1_200)).toBe("-¥12.00");
  });

  it("parses typed yuan exactly, refusing more than two decimals", () => {
    expect(parseYuan("128")).toBe(12_800);
    expect(parseYuan("128.5")).toBe(12_850);
    expect(parseYuan("0.1")).toBe(10);
    expect(parseYuan("0.29")).toBe(29);
    expect(parseYuan("1,280.00")).toBe(128_000);
    expect(parseYuan("¥98")).toBe(9_800);
    expect(parseYuan("12.345")).toBeNull();
    expect(parseYuan("abc")).toBeNull();
    expect(parseYuan("")).toBeNull();
    expect(parseYuan("-5")).toBeNull();
  });

  it("round-trips through the input text", () => {
    for (const fen of [0, 1, 10, 29, 12_850, 100_000_000]) {
      expect(parseYuan(fenToYuanText(fen))).toBe(fen);
    }
  });
});

describe("typed with a full-width IME", () => {
  it("reads full-width digits and points as the same amount", () => {
    expect(parseYuan("１２８．５")).toBe(12850);
    expect(parseYuan("￥１，２８０")).toBe(128000);
  });
});
