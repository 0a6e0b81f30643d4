// The customer card in the real app, on the demo shop: find a customer by four
// digits, pinyin initials and a two-character name; edit allergies and see
// the red alert in the search results; import a small CSV through the UI.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  By,
  Key,
  byTestId,
  click,
  eventually,
  find,
  launch,
  noModal,
  retrying,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  type,
  waitText,
} from "./harness.mjs";

/** Type into the global search and return the hits' text once `expect` shows. */
async function search(driver, text, expect) {
  await type(driver, "global-search", text);
  await waitText(driver, byTestId("search-results"), expect);
  return retrying("read hits", async () => {
    const hits = await driver.findElements(byTestId("search-hit"));
    return Promise.all(hits.map((h) => h.getText()));
  });
}

describe("customer cards and search in the desktop app", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo"] }));
    await signIn(driver, "2001", "2001");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "card-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("finds customers by the last four digits, with the allergy alert in the results", async () => {
    const hits = await search(driver, "5678", "李美华");
    assert.equal(hits.length, 3);
    assert.match(hits[0], /李美华[\s\S]*13812345678[\s\S]*果酸过敏/);
    assert.ok(hits.some((h) => h.includes("单雪梅")));
    assert.ok(hits.some((h) => h.includes("刘洋")));
    await screenshot(driver, "10-search-digits");
  });

  it("finds her by pinyin initials and opens her card with Enter", async () => {
    const hits = await search(driver, "lmh", "李美华");
    assert.equal(hits.length, 1);
    await (await find(driver, "global-search")).sendKeys(Key.ENTER);
    await waitText(driver, byTestId("customer-card-name"), "李美华");
    await waitText(driver, byTestId("card-greeting"), "您好，李姐，感谢光临");
    await waitText(driver, byTestId("card-allergy-alert"), "果酸过敏");
    await screenshot(driver, "11-card");
  });

  it("finds customers by a two-character name and by a compound surname's initials", async () => {
    let hits = await search(driver, "美华", "李美华");
    assert.equal(hits.length, 1);
    hits = await search(driver, "oynn", "欧阳娜娜");
    assert.equal(hits.length, 1);
    hits = await search(driver, "zeng", "曾小红");
    assert.equal(hits.length, 1, "曾 as a surname reads zeng");
    await (await find(driver, "global-search")).sendKeys(Key.ESCAPE);
  });

  it("edits her allergies and the red alert shows in the search results", async () => {
    await search(driver, "王芳", "王芳");
    await (await find(driver, "global-search")).sendKeys(Key.ENTER);
    await waitText(driver, byTestId("customer-card-name"), "王芳");
    assert.equal((await driver.findElements(byTestId("card-allergy-alert"))).length, 0);
    await click(driver, "card-edit");
    await type(driver, "card-allergies", "酒精过敏，忌用含酒精爽肤水");
    await click(driver, "card-save");
    await waitText(driver, byTestId("card-allergy-alert"), "酒精过敏");
    await waitText(driver, byTestId("timeline-event"), "过敏史");
    const hits = await search(driver, "1234", "王芳");
    const wang = hits.find((h) => h.includes("王芳"));
    assert.match(wang, /酒精过敏/);
    await screenshot(driver, "12-alert-in-results");
    await (await find(driver, "global-search")).sendKeys(Key.ESCAPE);
  });

  it("imports a small CSV through the UI", async () => {
    await click(driver, "signout-button");
    await signIn(driver, "1001", "1234");
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-import-"));
    const file = join(dir, "顾客.csv");
    writeFileSync(
      file,
      "\uFEFF姓名,手机号码,性别,生日,过敏史\r\n" +
        "孙丽,137 0000 1111,女,1991/3/8,芦荟过敏\r\n" +
        "周敏,137-0000-2222,女,1993年7月1日,\r\n",
    );
    await click(driver, "nav-customers");
    await click(driver, "customers-import");
    const input = await driver.wait(async () => {
      const els = await driver.findElements(By.css('[data-testid="import-file"] input[type=file], .ant-upload input[type=file]'));
      return els[0];
    }, 10_000);
    await input.sendKeys(file);
    await find(driver, "import-preview");
    await eventually("the dry run offers the import", async () => {
      await click(driver, "import-check");
      await find(driver, "import-run", 4_000);
    }, 25_000);
    await screenshot(driver, "13-import-check");
    await click(driver, "import-run");
    await find(driver, "import-close");
    await click(driver, "import-close");
    await noModal(driver);
    const hits = await search(driver, "1111", "孙丽");
    assert.match(hits[0], /孙丽[\s\S]*芦荟过敏/);
  });
});
