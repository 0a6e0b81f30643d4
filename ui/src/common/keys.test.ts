import { describe, expect, it } from "vitest";
import { isSubmitKey } from "./keys";

describe("keyboard", () => {
  const input = (role: string | null = null, inside = false) => ({
    tagName: "INPUT",
    getAttribute: (n: string) => (n === "role" ? role : null),
    closest: () => (inside ? {} : null),
  });
  const key = (target: unknown, over: Partial<{ ctrlKey: boolean; metaKey: boolean; isComposing: boolean; key: string }> = {}) => ({
    key: over.key ?? "Enter",
    ctrlKey: over.ctrlKey ?? false,
    metaKey: over.metaKey ?? false,
    target,
    nativeEvent: { isComposing: over.isComposing ?? false },
  });

  it("submits on Enter in a plain box, and on Ctrl+Enter anywhere", () => {
    expect(isSubmitKey(key(input()))).toBe(true);
    expect(isSubmitKey(key({ tagName: "TEXTAREA" }, { ctrlKey: true }))).toBe(true);
    expect(isSubmitKey(key({ tagName: "TEXTAREA" }))).toBe(false);
    expect(isSubmitKey(key(input(), { key: "a" }))).toBe(false);
  });

  it("leaves Enter to dropdowns and date pickers, and to the input method", () => {
    expect(isSubmitKey(key(input("combobox")))).toBe(false);
    expect(isSubmitKey(key(input(null, true)))).toBe(false);
    expect(isSubmitKey(key(input(), { isComposing: true }))).toBe(false);
    expect(isSubmitKey(key(input(), { isComposing: true, ctrlKey: true }))).toBe(false);
  });
});
