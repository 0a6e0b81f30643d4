import { describe, expect, it } from "vitest";
import en from "./en";
import zhCN from "./zh-CN";
import { ErrorCodes, Invalids, Permissions } from "./codes";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("translations", () => {
  it("English has every key Chinese has, and no empty strings", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(en)) {
      const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
      expect(value, k).not.toBe("");
    }
  });

  it("cover every error code, invalid reason and permission the backend can send", () => {
    for (const code of ErrorCodes) {
      if (code === "invalid") continue; // translated by reason
      expect(zhCN.errors, code).toHaveProperty(code);
    }
    for (const reason of Invalids) expect(zhCN.invalid, reason).toHaveProperty(reason);
    for (const p of Permissions) expect(zhCN.permissions, p).toHaveProperty(p);
  });
});
