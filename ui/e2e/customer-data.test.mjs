// Customer data as a shop has it, in the real app: a list saved by Excel on a
// Chinese Windows PC (GBK, CRLF, a cell with a line break, a blank row) whose
// problems are reported on the lines Excel and an editor show; names typed
// with stray and full-width spaces found by the desk search; and times shown
// on the shop's clock although the computer's zone differs (make e2e runs
// the app with TZ=America/Los_Angeles; the shop is in Shanghai).
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
  tableRows,
  type,
  waitText,
} from "./harness.mjs";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

async function chooseFile(driver, path) {
  await click(driver, "customers-import");
  const input = await driver.wait(async () => {
    const els = await driver.findElements(By.css('.ant-upload input[type=file]'));
    return els[0];
  }, 10_000);
  await input.sendKeys(path);
  await find(driver, "import-preview");
}

async function search(driver, text, expect) {
  await type(driver, "global-search", text);
  await waitText(driver, byTestId("search-results"), expect);
  return retrying("read hits", async () => {
    const hits = await driver.findElements(byTestId("search-hit"));
    return Promise.all(hits.map((h) => h.getText()));
  });
}

describe("customer data from real shop files in the desktop app", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "data-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("reports an Excel file's problems on the lines Excel and an editor show", async () => {
    await click(driver, "nav-customers");
    await chooseFile(driver, join(FIXTURES, "excel-gbk-crlf-problems.csv"));
    await waitText(driver, byTestId("import-modal"), "GB18030");
    await eventually("the dry run lists the problems", async () => {
      await click(driver, "import-check");
      await find(driver, "import-problems", 4_000);
    }, 25_000);
    const rows = await tableRows(driver, "import-problems", 3);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ["3", "4", "8 (Excel 第 7 行)"],
      JSON.stringify(rows),
    );
    assert.match(rows[0][2], /姓名/);
    assert.match(rows[1][2], /生日|出生/);
    assert.match(rows[2][2], /手机/);
    await screenshot(driver, "30-import-line-numbers");
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await noModal(driver);
  });

  it("imports names typed with stray spaces and full-width digits, and the desk finds them", async () => {
    await chooseFile(driver, join(FIXTURES, "excel-gbk-crlf-names.csv"));
    await eventually("the dry run offers the import", async () => {
      await click(driver, "import-check");
      await find(driver, "import-run", 4_000);
    }, 25_000);
    await click(driver, "import-run");
    await find(driver, "import-close");
    await click(driver, "import-close");
    await noModal(driver);

    let hits = await search(driver, "仇 静", "仇静");
    assert.equal(hits.length, 1);
    assert.match(hits[0], /仇静[\s\S]*13600012345/);
    hits = await search(driver, "qj", "仇静");
    assert.ok(hits.some((h) => h.includes("仇静")), "仇 reads qiu as a surname");
    hits = await search(driver, "lcq", "李长青");
    assert.ok(hits.some((h) => h.includes("李长青")), "长 in 长青 reads chang");
    hits = await search(driver, "０００１２３４５", "仇静");
    assert.equal(hits.length, 1, "full-width digits at the desk");
    await screenshot(driver, "31-search-stray-spaces");
    await (await find(driver, "global-search")).sendKeys(Key.ENTER);
    await waitText(driver, byTestId("customer-card-name"), "仇静");
  });

  it("shows times on the shop's clock, not the computer's", async () => {
    // Imported at 10:00 in Shanghai: 18:00 the day before in Los Angeles.
    await waitText(driver, byTestId("card-stamps"), "2026/11/27 10:00");
    const stamps = await (await find(driver, "card-stamps")).getText();
    assert.doesNotMatch(stamps, /11\/26/);
    await screenshot(driver, "32-card-shop-time");
  });
});
