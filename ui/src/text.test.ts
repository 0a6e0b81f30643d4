import { parseScaled } from "./visits/scaled";
import { fold } from "./text";
import { isPin } from "./session/pin";

describe("text typed with a Chinese IME", () => {
  it("folds full-width digits, letters and the ideographic space", () => {
    expect(fold("１３８　ＶＩＰ")).toBe("138 VIP");
  });

  it("accepts a full-width PIN as the core does, and still refuses a short one", () => {
    expect(isPin("２００１")).toBe(true);
    expect(isPin("2001")).toBe(true);
    expect(isPin("２００")).toBe(false);
    expect(isPin("12a4")).toBe(false);
  });

  it("reads a full-width measurement", () => {
    expect(parseScaled("３５．５", 1)).toBe(355);
  });
});
