// The audit trail in the real app, on the demo shop with its history
// (--demo --demo-history) on Friday 27 November 2026: the manager checks a
// visit out from stored value and voids it, then finds the void on 审计日志
// filtered to 到访 with the visit's total and the balance before → after,
// and exports the filtered trail to CSV; a receptionist has no such page
// and the core refuses her the command.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import {
  By,
  Key,
  byTestId,
  choose,
  click,
  closeSlipPreview,
  ctrlEnter,
  eventually,
  find,
  launch,
  noModal,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  type,
  waitText,
} from "./harness.mjs";

/** ¥1,234.50 → 123450 fen. */
const fen = (s) => Math.round(Number(s.replace(/[¥,]/g, "")) * 100);

describe("the audit trail", () => {
  let driver;
  let total = 0;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo", "--demo-history", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "audit-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("checks out 李美华's facial from her stored value, then the manager voids it", async () => {
    const search = await find(driver, "global-search");
    await search.sendKeys("13812345678", Key.ENTER);
    await find(driver, "customer-card");
    await driver.actions().sendKeys(Key.F2).perform();
    await find(driver, "visit-page");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-consult");
    await choose(driver, "consult-services", "补水保湿护理");
    await choose(driver, "consult-stylist", "3003");
    await click(driver, "consult-checkout");
    await find(driver, "visit-stage-checkout");
    await eventually("the bill's total", async () => {
      const shown = await (await find(driver, "checkout-total")).getText();
      const m = shown.match(/¥[\d,]+\.\d\d/);
      assert.ok(m, shown);
      total = fen(m[0]);
      assert.ok(total > 0);
    });
    await click(driver, "pay-stored-all");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-done");
    await closeSlipPreview(driver);
    await waitText(driver, byTestId("visit-status"), "已结账");
    await click(driver, "visit-void");
    await type(driver, "visit-void-reason", "记错顾客");
    await click(driver, "visit-void-ok");
    await noModal(driver);
    await waitText(driver, byTestId("visit-status"), "已作废");
  });

  it("shows the void on 审计日志 filtered to 到访, with the total and the balance before → after", async () => {
    await click(driver, "nav-audit");
    await find(driver, "audit-page");
    await find(driver, "audit-table");
    await screenshot(driver, "90-audit-trail");
    await choose(driver, "audit-kind", "到访");
    const row = await eventually("the void's row", async () => {
      const rows = await driver.findElements(By.css('[data-testid="audit-table"] tbody tr.ant-table-row'));
      assert.ok(rows.length > 0);
      const texts = await Promise.all(rows.map((r) => r.getText()));
      assert.ok(texts.every((t) => /到店登记|关联顾客|结账|取消到访|作废结账/.test(t)), "only visits");
      assert.match(texts[0], /作废结账/, "the newest row is the void");
      return texts[0];
    }, 20_000);
    const text = row ?? (await (await driver.findElement(By.css('[data-testid="audit-table"] tbody tr.ant-table-row'))).getText());
    assert.match(text, /王店长/);
    assert.match(text, /李美华/);
    assert.match(text, /状态 已结账 → 已作废/);
    const yuan = (n) => `¥${(n / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
    assert.ok(text.includes(`应收 ${yuan(total)}`), text);
    assert.ok(text.includes(`退回 ${yuan(total)}`), text);
    const m = text.match(/储值余额 (¥[\d,]+\.\d\d) → (¥[\d,]+\.\d\d)/);
    assert.ok(m, `the balance before → after in ${text}`);
    assert.equal(fen(m[2]) - fen(m[1]), total, "the void gave back what the visit took");
    await screenshot(driver, "91-audit-void");
  });

  it("exports the filtered trail to CSV", async () => {
    const before = (await driver.findElements(byTestId("audit-exported"))).length;
    await click(driver, "audit-export");
    let path = "";
    await eventually("the export's message", async () => {
      const messages = await driver.findElements(byTestId("audit-exported"));
      assert.ok(messages.length > before);
      path = (await messages[messages.length - 1].getText()).replace(/^已导出到 /, "").trim();
    }, 20_000);
    assert.ok(existsSync(path), path);
    assert.match(path, /审计日志-\d{8}-\d{6}\.csv$/);
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with BOM");
    const csv = bytes.toString("utf8").slice(1);
    const lines = csv.split("\r\n");
    assert.match(lines[0], /^时间,工号,员工,操作,代码,记录/);
    const void_ = lines.find((l) => l.includes("作废结账"));
    assert.ok(void_, "the void is in the file");
    assert.ok(void_.includes(`应收 ${(total / 100).toFixed(2)}`), void_);
    assert.ok(lines.slice(1).filter(Boolean).every((l) => l.includes(",到访,")), "only visits");
  });

  it("keeps the trail from a receptionist: no page, and the command is refused", async () => {
    await click(driver, "signout-button");
    await signIn(driver, "2001", "2001");
    assert.equal((await driver.findElements(byTestId("nav-audit"))).length, 0);
    const answer = await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__
        .invoke("list_audit", { req: { filter: { staff_id: null, kind: null, action: null, customer_id: null, from: null, to: null }, page: 1, page_size: 20 } })
        .then((r) => done({ ok: r }), (e) => done({ err: e }));
    `);
    assert.ok(answer.err, `refused: ${JSON.stringify(answer)}`);
    assert.equal(answer.err.code, "forbidden", JSON.stringify(answer.err));
    await screenshot(driver, "92-audit-receptionist");
  });
});
