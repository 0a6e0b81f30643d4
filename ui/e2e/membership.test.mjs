// Membership in the real app: a customer's card is topped up with a bonus
// (and she is upgraded at once), she buys a package, and her visit is paid
// partly from stored value and with one package session; the card shows the
// new balance, the sessions left and the tier.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  By,
  Key,
  byTestId,
  choose,
  ctrlEnter,
  click,
  closeSlipPreview,
  eventually,
  fieldError,
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



describe("membership: stored value, packages, tiers", () => {
  let driver;
  let dataDir;

  before(async () => {
    await startDriver();
    ({ driver, dataDir } = await launch({ args: ["--demo", "--clock", "2026-11-27T14:00:00+08:00"] }));
    await signIn(driver, "2001", "2001");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "membership-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("tops up her card with a bonus and upgrades her at once", async () => {
    const search = await find(driver, "global-search");
    await search.sendKeys("13900001234", Key.ENTER);
    await find(driver, "membership-panel");
    await waitText(driver, byTestId("member-tier"), "普通顾客");
    await waitText(driver, byTestId("member-balance"), "¥0.00");
    await click(driver, "member-topup");
    await type(driver, "topup-amount", "3000");
    await type(driver, "topup-bonus", "300");
    await click(driver, "topup-ok");
    await noModal(driver);
    await waitText(driver, byTestId("member-balance"), "¥3,300.00");
    await waitText(driver, byTestId("member-tier"), "金卡");
    await waitText(driver, byTestId("member-ledger"), "赠送");
  });

  it("sells her a package of five facials", async () => {
    await click(driver, "member-sell-package");
    await choose(driver, "package-service", "补水保湿护理");
    const box = await find(driver, "package-sessions");
    const sessions = (await box.getTagName()) === "input" ? box : await box.findElement(By.css("input"));
    await sessions.click();
    await sessions.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
    await sessions.sendKeys("5");
    await type(driver, "package-price", "1200");
    await click(driver, "package-ok");
    await noModal(driver);
    await waitText(driver, byTestId("member-packages"), "剩 5 / 5 次");
    await screenshot(driver, "50-member-card");
  });

  it("pays a visit with one package session and part stored value", async () => {
    await driver.actions().sendKeys(Key.F2).perform();
    await find(driver, "visit-page");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-consult");
    await choose(driver, "consult-services", "补水保湿护理");
    await choose(driver, "consult-services", "眼部护理");
    await choose(driver, "consult-stylist", "3003");
    await waitText(driver, byTestId("consult-quote"), "¥466.00");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-service");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-reconsult");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-checkout");
    // Both services at 88% first: ¥262.24 + ¥147.84.
    await waitText(driver, byTestId("checkout-total"), "¥410.08");
    await eventually("use the package", async () => {
      const box = await driver.findElement(By.css('[data-testid^="checkout-package-"]'));
      await box.click();
      await waitText(driver, byTestId("checkout-total"), "¥147.84", 2_000);
    });
    await type(driver, "pay-stored-value", "100");
    await waitText(driver, byTestId("pay-stored-balance"), "¥3,300.00 → ¥3,200.00");
    await click(driver, "pay-mobile");
    await screenshot(driver, "51-checkout-member");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-done");
    await closeSlipPreview(driver);
    await waitText(driver, byTestId("visit-stage-done"), "储值卡 ¥100.00");
    await waitText(driver, byTestId("visit-stage-done"), "移动支付 ¥47.84");
  });

  it("shows the new balance, the sessions left and the tier on her card", async () => {
    await click(driver, "visit-open-card");
    await find(driver, "membership-panel");
    await waitText(driver, byTestId("member-balance"), "¥3,200.00");
    await waitText(driver, byTestId("member-packages"), "剩 4 / 5 次");
    await waitText(driver, byTestId("member-tier"), "金卡");
    const ledger = await (await find(driver, "member-ledger")).getText();
    assert.match(ledger, /消费/);
    await screenshot(driver, "52-member-card-after");
  });

  it("refunds at the receptionist's desk only with a manager's PIN (a manager's override)", async () => {
    await click(driver, "member-refund");
    await type(driver, "refund-amount", "100");
    await type(driver, "refund-reason", "顾客退卡部分余额");
    await click(driver, "refund-ok");
    // The core refuses the receptionist; a manager authorises this one refund.
    await find(driver, "override-dialog");
    await type(driver, "override-staff-no", "1001");
    await type(driver, "override-pin", "0000");
    await click(driver, "override-submit");
    assert.equal(await fieldError(driver, "override-pin"), "工号或 PIN 不正确");
    await screenshot(driver, "membership-override");
    await type(driver, "override-pin", "1234");
    await click(driver, "override-submit");
    await noModal(driver);
    await waitText(driver, byTestId("member-balance"), "¥3,100.00");
    await waitText(driver, byTestId("member-ledger"), "退款");
    // The desk is still the receptionist's.
    await waitText(driver, byTestId("current-staff"), "张敏");
    // The log a shop can send names the refusal and the override, never the customer.
    const logs = join(dataDir, "logs");
    const text = await eventually("the override in the log", async () => {
      const all = readdirSync(logs).map((f) => readFileSync(join(logs, f), "utf8")).join("");
      assert.match(all, /manager override/);
      return all;
    });
    assert.match(text, /command refused.*code=Forbidden/);
    for (const personal of ["13900001234", "顾客退卡部分余额"]) {
      assert.ok(!text.includes(personal), `the log holds no personal data (${personal})`);
    }
  });
});
