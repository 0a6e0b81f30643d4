// The six stages in the real app, by keyboard: a returning customer found by
// her phone, checked in with F2, consulted, served (and seen on her stylist's
// screen), re-consulted with a rating of 2 (which opens a complaint), checked
// out with cash and change; three days later (the clock injected with
// --clock) her follow-up call is due on the board.
import assert from "node:assert/strict";
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
  retrying,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  type,
  waitText,
} from "./harness.mjs";


async function typeInto(driver, el, text) {
  await type(driver, await el.getAttribute("data-testid"), text);
}


describe("a visit through the six stages", () => {
  let driver;
  let dataDir;

  before(async () => {
    await startDriver();
    // Friday 27 November 2026, 10:00 in Shanghai.
    ({ driver, dataDir } = await launch({ args: ["--demo", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "2001", "2001");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "visit-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("checks in a returning customer from her card with F2 and greets her", async () => {
    await screenshot(driver, "30-board-empty");
    const search = await find(driver, "global-search");
    await search.sendKeys("13812345678", Key.ENTER);
    await find(driver, "customer-card");
    await driver.actions().sendKeys(Key.F2).perform();
    await find(driver, "visit-page");
    await waitText(driver, byTestId("visit-greeting"), "您好，李姐，感谢光临");
    await waitText(driver, byTestId("visit-alert"), "果酸过敏");
    await screenshot(driver, "31-visit-greet");
  });

  it("consults: needs, measurement, service, stylist; the slip number opens", async () => {
    await ctrlEnter(driver);
    await find(driver, "visit-stage-consult");
    await waitText(driver, byTestId("visit-slip"), "20261127-001");
    const needs = await find(driver, "consult-needs");
    await typeInto(driver, needs, "脸很干，想补水");
    await choose(driver, "consult-services", "补水保湿护理");
    await choose(driver, "consult-stylist", "3003");
    const pre = await driver.findElement(By.css('[data-testid^="pre-"] input, input[data-testid^="pre-"]'));
    await typeInto(driver, pre, "35.5");
    await waitText(driver, byTestId("consult-quote"), "¥298.00");
    await screenshot(driver, "32-visit-consult");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-service");
  });

  it("shows her first on her stylist's screen, where the stylist writes the service notes", async () => {
    await find(driver, "service-notes");
    await click(driver, "signout-button");
    await signIn(driver, "3003", "3003");
    await find(driver, "stylist-day");
    await waitText(driver, byTestId("stylist-day"), "李美华");
    await waitText(driver, byTestId("stylist-alert"), "果酸过敏");
    await waitText(driver, byTestId("stylist-day"), "脸很干，想补水");
    await screenshot(driver, "33-stylist-screen");
    const card = await driver.findElement(By.css('[data-testid^="stylist-customer-"]'));
    await card.sendKeys(Key.ENTER);
    const notes = await find(driver, "service-notes");
    await typeInto(driver, notes, "皮肤偏干，避开果酸类产品");
    await screenshot(driver, "34-visit-service");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-reconsult");
    await click(driver, "signout-button");
    await signIn(driver, "2001", "2001");
    // The board shows her in re-consultation with a running timer.
    await find(driver, "board-column-reconsult");
    await waitText(driver, byTestId("board-column-reconsult"), "李美华");
    await screenshot(driver, "35-board");
  });

  it("re-consults with a rating of 2, which opens a complaint, and checks out with change (gold member's discount)", async () => {
    await eventually("open the visit", async () => {
      const cards = await driver.findElements(By.css('[data-testid^="board-visit-"]'));
      assert.ok(cards.length > 0);
      await cards[0].click();
      await find(driver, "visit-stage-reconsult", 2_000);
    });
    await click(driver, "rating-service-2");
    await click(driver, "rating-stylist-4");
    const comments = await find(driver, "reconsult-comments");
    await typeInto(driver, comments, "做得有点赶");
    const post = await driver.findElement(By.css('input[data-testid^="post-"]:not([data-testid*="change"])'));
    await typeInto(driver, post, "48");
    await waitText(driver, By.css('[data-testid^="post-change-"]'), "+12.5");
    await screenshot(driver, "36-visit-reconsult");
    await ctrlEnter(driver);
    await waitText(driver, By.css(".ant-message"), "已登记投诉");
    await find(driver, "visit-stage-checkout");
    // She is a gold member (the demo): services at 88%, ¥298.00 → ¥262.24.
    await waitText(driver, byTestId("checkout-total"), "¥262.24");
    const tendered = await find(driver, "pay-tendered");
    await typeInto(driver, tendered, "300");
    await waitText(driver, byTestId("pay-change"), "¥37.76");
    await screenshot(driver, "37-visit-checkout");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-done");
    await closeSlipPreview(driver);
    await waitText(driver, byTestId("visit-status"), "已结账");
    await waitText(driver, byTestId("done-change"), "¥37.76");
    await waitText(driver, byTestId("done-followup"), "2026-11-30");
    await screenshot(driver, "37-visit-done");
  });

  it("lists the visit, the measurement trend and the complaint on her card", async () => {
    await click(driver, "visit-open-card");
    await find(driver, "customer-card");
    await waitText(driver, By.css('[data-testid="timeline-event"]'), "补水保湿护理");
    await find(driver, "measurement-trend");
    const timeline = await driver.findElement(By.css(".ant-timeline")).getText();
    assert.match(timeline, /投诉/);
    await screenshot(driver, "38-card-after-visit");
  });

  it("has the follow-up call due on the board three days later", async () => {
    await driver.quit();
    driver = null;
    ({ driver } = await launch({ dataDir, args: ["--clock", "2026-11-30T09:30:00+08:00"] }));
    await signIn(driver, "2001", "2001");
    await waitText(driver, byTestId("board-followups"), "待回访 1");
    await waitText(driver, byTestId("board-complaints"), "未结投诉 1");
    await screenshot(driver, "39-board-followup-due");
  });

  it("calls her back from the follow-up queue with the script filled in", async () => {
    await click(driver, "board-followups");
    await find(driver, "followups-page");
    await click(driver, "followups-scope-all");
    const row = await eventually("the due call is listed", async () => {
      const rows = await driver.findElements(By.css('[data-testid^="followup-row-"]'));
      assert.equal(rows.length, 1);
      assert.match(await rows[0].getText(), /李美华/);
      return rows[0];
    });
    await row.click();
    await waitText(driver, byTestId("followup-script"), "李姐");
    await waitText(driver, byTestId("followup-script"), "补水保湿护理");
    await click(driver, "followup-outcome-reached");
    await click(driver, "followup-save");
    assert.match(await fieldError(driver, "followup-words"), /原话/);
    await type(driver, "followup-words", "皮肤舒服多了，下周再来");
    await choose(driver, "followup-satisfaction", "非常满意");
    await screenshot(driver, "40-followup-call");
    await ctrlEnter(driver);
    await eventually("the call leaves the queue", async () => {
      assert.equal((await driver.findElements(By.css('[data-testid^="followup-row-"]'))).length, 0);
    });
  });

  it("closes the complaint only with a result", async () => {
    await click(driver, "nav-complaints");
    await find(driver, "complaints-page");
    await eventually("open the complaint", async () => {
      const rows = await driver.findElements(By.css('[data-testid^="complaint-row-"]'));
      assert.equal(rows.length, 1);
      assert.match(await rows[0].getText(), /李美华/);
      await (await rows[0].findElements(By.css("td")))[1].click();
      await find(driver, "complaint-drawer", 2_000);
    });
    await waitText(driver, byTestId("complaint-drawer"), "做得有点赶");
    await eventually("a result is required", async () => {
      await click(driver, "complaint-close");
      assert.ok((await fieldError(driver, "complaint-result", 2_000)).length > 0);
    });
    await type(driver, "complaint-result", "店长致歉，赠送一次补水护理");
    await type(driver, "complaint-reaction", "表示满意");
    await screenshot(driver, "41-complaint-close");
    await click(driver, "complaint-close");
    await find(driver, "complaint-closed");
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await eventually("the drawer closes", async () => {
      const open = await driver.findElements(By.css(".ant-drawer-open"));
      assert.equal(open.length, 0);
    });
  });

  it("books an appointment, asks before double-booking the stylist, and shows both in the day view", async () => {
    const book = async (name) => {
      await noModal(driver);
      await eventually("open the booking dialog", async () => {
        await click(driver, "appt-new");
        await find(driver, "appt-customer", 2_000);
      }, 15_000);
      await choose(driver, "appt-customer", name);
      await choose(driver, "appt-stylist", "3003");
      await choose(driver, "appt-services", "补水保湿护理");
      await click(driver, "appt-save");
    };
    await click(driver, "nav-appointments");
    await find(driver, "appointments-page");
    await book("王芳");
    await waitText(driver, byTestId("appointments-page"), "王芳");
    await book("李美华");
    await click(driver, "appt-conflict-ok");
    await waitText(driver, byTestId("appointments-page"), "李美华");
    await eventually("the clash is marked", async () => {
      assert.ok((await driver.findElements(By.css('[data-testid^="appt-conflict-"]'))).length >= 1);
    });
    await noModal(driver);
    await screenshot(driver, "42-appointments-day");
    await retrying("switch to the week view", async () => {
      const mode = await find(driver, "appt-mode");
      await mode.findElement(By.xpath(".//*[normalize-space(text())='周']")).click();
      await find(driver, "appt-week", 2_000);
    });
    await waitText(driver, byTestId("appt-week"), "王芳");
    await screenshot(driver, "43-appointments-week");
  });
});
