import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { ApiError } from "../bindings/ApiError";
import { errorMessage } from "./errors";

const base: ApiError = {
  code: "invalid",
  message: "",
  field: null,
  reason: null,
  limit: null,
  permission: null,
  entity: null,
  retry_after_ms: null,
  existing: [],
  available: null,
};

describe("error messages", () => {
  it("name the field and the reason, in Chinese by default", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    expect(errorMessage(t, { ...base, field: "shop_name", reason: "required" })).toBe("请填写门店名称");
    expect(errorMessage(t, { ...base, field: "phone", reason: "format" })).toBe(
      "请输入 11 位手机号码（如 138 1234 5678）",
    );
    expect(errorMessage(t, { ...base, field: "name", reason: "too_long", limit: 30 })).toBe("姓名不能超过 30 个字");
    expect(errorMessage(t, { ...base, code: "duplicate", field: "phone" })).toBe("该手机号已被使用");
    expect(errorMessage(t, { ...base, code: "forbidden", permission: "manage_staff" })).toBe(
      "没有权限：需要「员工管理」权限",
    );
    expect(errorMessage(t, { ...base, code: "wrong_credentials", field: "pin" })).toBe("工号或 PIN 不正确");
  });

  it("are translated to English", async () => {
    await i18n.changeLanguage("en");
    const t = i18n.t.bind(i18n);
    expect(errorMessage(t, { ...base, field: "shop_name", reason: "required" })).toBe("Shop name is required");
    expect(errorMessage(t, { ...base, code: "too_many_attempts", retry_after_ms: 299_000 })).toBe(
      "Too many wrong PINs. Try again in 5 min",
    );
    expect(errorMessage(t, { ...base, code: "forbidden", permission: "manage_staff" })).toBe(
      "Not allowed: needs the “Manage staff” permission",
    );
    await i18n.changeLanguage("zh-CN");
  });

  it("fall back to a generic message for an unknown code", async () => {
    const t = i18n.t.bind(i18n);
    const e = { ...base, code: "brand_new_code" as ApiError["code"], message: "boom" };
    expect(errorMessage(t, e)).toBe("操作失败：boom");
  });
});
