// Gifts and vouchers in the real app: the manager sets up a voucher type and
// a promotion and stock is received; a checkout over ¥500 hands over the
// tier's voucher; the voucher pays part of the next customer's bill; a second
// use of the same serial is refused naming the first; the evening handover
// is one 护手霜 short and the incoming receptionist confirms with her PIN;
// the manager's reconciliation shows the variance, linked to that handover.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  Key,
  byTestId,
  choose,
  click,
  closeSlipPreview,
  ctrlEnter,
  find,
  launch,
  noModal,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  tableRows,
  type,
  waitText,
} from "./harness.mjs";

/** Check a demo customer in from her card and take her visit to checkout with these services. */
async function toCheckout(driver, phone, services) {
  const search = await find(driver, "global-search");
  await search.sendKeys(phone, Key.ENTER);
  await find(driver, "membership-panel");
  await driver.actions().sendKeys(Key.F2).perform();
  await find(driver, "visit-page");
  await ctrlEnter(driver);
  await find(driver, "visit-stage-consult");
  for (const s of services) await choose(driver, "consult-services", s);
  await choose(driver, "consult-stylist", "3003");
  await ctrlEnter(driver);
  await find(driver, "visit-stage-service");
  await ctrlEnter(driver);
  await find(driver, "visit-stage-reconsult");
  await ctrlEnter(driver);
  await find(driver, "visit-stage-checkout");
}

async function signOut(driver) {
  await click(driver, "signout-button");
  await find(driver, "signin-screen");
}

describe("gifts and vouchers: set up, issue, redeem once, hand over, reconcile", () => {
  let driver;

  before(async () => {
    await startDriver();
    ({ driver } = await launch({ args: ["--demo", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "gifts-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("lets the manager set up a voucher type and a promotion, and receive stock", async () => {
    await click(driver, "nav-gifts");
    await click(driver, "gifts-tab-setup");
    await click(driver, "setup-new-voucher");
    await type(driver, "setup-voucher-name", "100元代金券");
    await type(driver, "setup-voucher-face", "100");
    await type(driver, "setup-voucher-prefix", "B");
    await click(driver, "setup-ok");
    await noModal(driver);
    await click(driver, "setup-new-promotion");
    await type(driver, "setup-promotion-name", "周末回馈");
    await type(driver, "setup-tier-0", "500");
    await choose(driver, "setup-reward-0-0", "100元代金券");
    await click(driver, "setup-ok");
    await noModal(driver);
    await waitText(driver, byTestId("gifts-page"), "周末回馈");
    await screenshot(driver, "60-gift-setup");

    await click(driver, "gifts-tab-stock");
    await click(driver, "vouchers-receive");
    await type(driver, "vouchers-first", "B000001");
    await type(driver, "vouchers-last", "B000020");
    await type(driver, "vouchers-slip", "CK20261127-01");
    await click(driver, "vouchers-receive-ok");
    await noModal(driver);
    await click(driver, "gift-receive-玫瑰护手霜");
    await type(driver, "gift-move-qty", "10");
    await type(driver, "gift-move-slip", "CK20261127-02");
    await click(driver, "gift-move-ok");
    await noModal(driver);
    await waitText(driver, byTestId("gift-book-玫瑰护手霜"), "60 支");
    await waitText(driver, byTestId("gifts-page"), "B000001 – B000020");
    await screenshot(driver, "61-gift-stock");
    await signOut(driver);
    await signIn(driver, "2001", "2001");
  });

  it("hands over the tier's voucher at a checkout over ¥500, confirmed aloud", async () => {
    // ¥298 + ¥480 for 王芳 (no discount): the ¥500 tiers of both promotions.
    await toCheckout(driver, "13900001234", ["补水保湿护理", "美白焕肤护理"]);
    await waitText(driver, byTestId("checkout-total"), "¥778.00");
    await find(driver, "gift-offers");
    await click(driver, "gift-tier-周末回馈-50000");
    const serial = await find(driver, "gift-voucher-0");
    assert.equal(await serial.getAttribute("value"), "B000001", "the next serial in the drawer");
    await click(driver, "pay-card");
    await screenshot(driver, "62-checkout-gifts");
    await ctrlEnter(driver);
    await waitText(driver, byTestId("voucher-issue-amount"), "¥100.00");
    await screenshot(driver, "63-voucher-issue-confirm");
    await click(driver, "voucher-issue-ok");
    await find(driver, "visit-stage-done");
    await closeSlipPreview(driver);
    await waitText(driver, byTestId("visit-rewards"), "100元代金券 B000001");
  });

  it("takes the voucher as part payment of the next bill, once", async () => {
    // 李美华 is a gold member: the facial at 88% is ¥262.24.
    await toCheckout(driver, "13812345678", ["补水保湿护理"]);
    await waitText(driver, byTestId("checkout-total"), "¥262.24");
    await type(driver, "voucher-serial", "b000001");
    await (await find(driver, "voucher-serial")).sendKeys(Key.ENTER);
    await waitText(driver, byTestId("voucher-confirm-amount"), "¥100.00");
    await screenshot(driver, "64-voucher-redeem-confirm");
    await click(driver, "voucher-confirm-ok");
    await noModal(driver);
    await waitText(driver, byTestId("checkout-total"), "¥162.24");
    await click(driver, "pay-card");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-done");
    await closeSlipPreview(driver);
    await waitText(driver, byTestId("visit-stage-done"), "赠券 B000001 ¥100.00");
    const slip = await (await find(driver, "visit-slip")).getText();

    // A second use of the same serial is refused with the first's date and slip.
    await toCheckout(driver, "13611112222", ["眼部护理"]);
    await type(driver, "voucher-serial", "B000001");
    await (await find(driver, "voucher-serial")).sendKeys(Key.ENTER);
    await waitText(driver, byTestId("voucher-error"), "已于");
    const error = await (await find(driver, "voucher-error")).getText();
    assert.ok(error.includes(slip.replace(/\D*/, "")), `${error} names ${slip}`);
    assert.match(error, /2026\/11\/27/);
    await screenshot(driver, "65-voucher-refused");
  });

  it("hands over at the evening count with one 护手霜 short, confirmed by the next PIN", async () => {
    await click(driver, "nav-gifts");
    await click(driver, "gifts-tab-handover");
    await click(driver, "handover-start");
    await find(driver, "handover-sheet");
    const labels = (await tableRows(driver, "handover-sheet", 1)).map((r) => r[0]);
    const counts = {
      旅行装护肤套装: 30,
      玫瑰护手霜: 59,
      真丝丝巾: 20,
      "100元代金券 B000001–B000020": 19,
      "50元代金券 A000101–A000300": 200,
    };
    assert.deepEqual([...labels].sort(), Object.keys(counts).sort());
    const page = await find(driver, "handover-sheet");
    assert.ok(!(await page.getText()).includes("60"), "the book is hidden while counting");
    for (const [i, label] of labels.entries()) await type(driver, `handover-count-${i}`, String(counts[label]));
    await click(driver, "handover-counted");
    await waitText(driver, byTestId("handover-differ"), "1");
    await waitText(driver, byTestId("handover-lines"), "-1");
    await type(driver, "handover-incoming-no", "2002");
    await type(driver, "handover-incoming-pin", "2002");
    await screenshot(driver, "66-handover-compare");
    await click(driver, "handover-confirm");
    await waitText(driver, byTestId("handover-list"), "JJ20261127-01");
    await screenshot(driver, "67-handover-confirmed");
    // The confirmed record opens in a drawer; close it to sign out.
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await signOut(driver);
  });

  it("shows the manager the variance in the reconciliation, traced to the handover", async () => {
    await signIn(driver, "1001", "1234");
    await waitText(driver, byTestId("last-handover"), "JJ20261127-01");
    await waitText(driver, byTestId("open-matter"), "玫瑰护手霜");
    await screenshot(driver, "68-today-last-handover");
    await click(driver, "nav-gifts");
    await click(driver, "gifts-tab-reconcile");
    await waitText(driver, byTestId("reconcile-variances"), "玫瑰护手霜");
    await waitText(driver, byTestId("reconcile-rate"), "80.0%");
    await screenshot(driver, "69-reconciliation");
    await click(driver, "variance-handover");
    await waitText(driver, byTestId("handover-lines"), "玫瑰护手霜");
    await screenshot(driver, "70-variance-handover");
  });
});
