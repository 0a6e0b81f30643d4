import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { ApiError } from "../bindings/ApiError";
import type { FormInstance } from "antd";
import { zhCN } from "../i18n/resources";
import { errorMessage, errorText, showError } from "./errors";
import { ApiFailure, NO_DETAILS } from "./client";

const base: ApiError = { ...NO_DETAILS, code: "invalid", message: "" };

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

  it("word a field's refusal in the screen's terms, else by reason, naming the field", () => {
    const t = i18n.getFixedT("zh-CN");
    expect(errorMessage(t, { ...base, field: "words", reason: "required" })).toBe("接通后请如实记录顾客原话");
    expect(errorMessage(t, { ...base, field: "outcome", reason: "not_available" })).toBe("预约时间还没到，不能记为爽约");
    expect(errorMessage(t, { ...base, field: "note", reason: "too_long", limit: 200 })).toBe("备注不能超过 200 个字");
    expect(errorMessage(t, { ...base, code: "conflict" })).toBe(zhCN.errors.conflict);
  });

  it("say what a business refusal means, with the amount or the record", () => {
    const t = i18n.getFixedT("zh-CN");
    expect(errorMessage(t, { ...base, code: "insufficient_balance", field: "stored_value", available: 10_000 })).toBe(
      "储值余额不足：可用余额 ¥100.00",
    );
    expect(errorMessage(t, { ...base, code: "closed", entity: "visit" })).toBe(
      zhCN.errors.closed.replace("{{entity}}", zhCN.entities.visit),
    );
    const en = i18n.getFixedT("en");
    expect(errorMessage(en, { ...base, code: "package_used_up" })).toBe("This package has no sessions left");
  });
});

describe("showing an error", () => {
  type Fields = { name: string; errors: string[] }[];
  const form = () => {
    const set: Fields[] = [];
    return { set, form: { setFields: (f: Fields) => set.push(f) } as unknown as FormInstance };
  };
  const failure = (over: Partial<ApiError>) => new ApiFailure({ ...base, ...over });

  it("puts it under the field the form shows, by the request's name or mapped to the form's", () => {
    const t = i18n.getFixedT("zh-CN");
    const a = form();
    expect(showError(t, a.form, failure({ field: "phone", reason: "format" }), ["name", "phone"])).toBeNull();
    expect(a.set).toEqual([[{ name: "phone", errors: ["请输入 11 位手机号码（如 138 1234 5678）"] }]]);
    const b = form();
    expect(showError(t, b.form, failure({ field: "words", reason: "required" }), { words: "customerWords" })).toBeNull();
    expect(b.set[0]?.[0]?.name).toBe("customerWords");
  });

  it("returns it for an alert when the form has no such field, or none is named", () => {
    const t = i18n.getFixedT("zh-CN");
    const a = form();
    expect(showError(t, a.form, failure({ field: "phone", reason: "format" }), ["name"])).toBe(
      "请输入 11 位手机号码（如 138 1234 5678）",
    );
    expect(showError(t, a.form, failure({ code: "conflict" }), { phone: "phone" })).toBe(zhCN.errors.conflict);
    expect(a.set).toEqual([]);
    expect(errorText(t, new Error("socket closed"))).toContain("socket closed");
  });
});
