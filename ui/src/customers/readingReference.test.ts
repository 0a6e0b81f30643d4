// The name-reading reference the Rust tests check search against
// (tests/fixtures/readings/pinyin-pro.tsv) must be pinyin-pro's own output:
// nobody can "fix" a failing name by editing the expected reading.
import { committedText, referenceNames, referenceText } from "../../scripts/reading-reference.mjs";

describe("the name-reading reference", () => {
  it("is exactly what pinyin-pro says today", () => {
    expect(committedText()).toBe(referenceText());
  });

  it("covers hundreds of surnames and the listed names", () => {
    expect(referenceNames().length).toBeGreaterThan(800);
    expect(referenceText()).toContain("李长青\tlcq\tlichangqing");
    expect(referenceText()).toContain("卜小红\tbxh\tbuxiaohong");
  });
});
