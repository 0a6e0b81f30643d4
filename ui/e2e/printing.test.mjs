// Printing in the real app, on a real CUPS printer: Frontdesk-Test-PDF
// (scripts/test-printer.sh) writes each job as a PDF into
// /var/spool/cups-pdf/frontdesk, which the test reads back with pdftotext.
// The manager sets the printers and the slip's layout (A5, 三联单) in
// settings; a checkout opens the slip's preview with the real PDF drawn, 打印
// sends it and the queue shows 已发送; the slip is printed again from her
// card on the 80 mm roll; the handover record and the reconciliation print
// from the gifts page; a printer that is not there gives the failure toast
// with 重新打印, and the failed job waits in the queue.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  By,
  Key,
  byTestId,
  choose,
  click,
  ctrlEnter,
  eventually,
  find,
  launch,
  retrying,
  noModal,
  screenshot,
  signIn,
  startDriver,
  stopDriver,
  tableRows,
  type,
  waitText,
} from "./harness.mjs";

const QUEUE = "Frontdesk-Test-PDF";
const SPOOL = "/var/spool/cups-pdf/frontdesk";

/** The PDFs in the spool now, by name. */
const spooled = () => new Set(readdirSync(SPOOL).filter((f) => f.endsWith(".pdf")));

/** Wait for a PDF that was not in `before` and whose text has `needle`; its text and pages. */
async function newPdf(before, needle, timeout = 30_000) {
  let found = null;
  await eventually(
    `a new PDF in ${SPOOL} with ${needle}`,
    async () => {
      for (const f of readdirSync(SPOOL)) {
        if (!f.endsWith(".pdf") || before.has(f)) continue;
        const path = join(SPOOL, f);
        // cups-pdf writes the file in place: wait until it is whole.
        if (statSync(path).size === 0) continue;
        let text;
        try {
          text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
        } catch {
          continue;
        }
        if (!text.includes(needle)) continue;
        const info = execFileSync("pdfinfo", [path], { encoding: "utf8" });
        found = { path, text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
        // Read: the printer's output is not kept (as the Rust device tests do).
        rmSync(path, { force: true });
        return;
      }
      assert.fail("not there yet");
    },
    timeout,
  );
  return found;
}

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

/** The preview is open with every page drawn; the text of its page count. */
async function previewDrawn(driver) {
  await find(driver, "print-preview");
  const pages = await find(driver, "print-preview-count");
  await eventually("every page drawn", async () => {
    const total = Number((await pages.getText()).replace(/\D/g, ""));
    const drawn = Number(await (await find(driver, "print-preview-pages")).getAttribute("data-drawn"));
    assert.ok(total > 0 && drawn === total, `${drawn} of ${total} pages drawn`);
  }, 20_000);
  // Let the webview paint the drawn pages before a screenshot is taken.
  await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)));",
  );
  return pages.getText();
}

/** How much of the first page's canvas is ink (not white): a drawn page has text on it. */
async function inkOnFirstPage(driver) {
  return driver.executeScript(`
    const c = document.querySelector('[data-testid="print-page-1"]');
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 160 && data[i + 3] > 0) ink++;
    return { ink, width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width };
  `);
}

/** Type into the AutoComplete with test id `id` (the input inside it), and close its list. */
async function typeInto(driver, id, text) {
  await retrying(`type into ${id}`, async () => {
    const root = await find(driver, id);
    const input = (await root.getTagName()) === "input" ? root : await root.findElement(By.css("input"));
    await input.click();
    await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
    if (text) await input.sendKeys(text);
    if ((await input.getAttribute("aria-expanded")) === "true") await input.sendKeys(Key.ESCAPE);
  });
  // The list of printers under it covers the next row until it is gone.
  await eventually(`the list of ${id} closes`, async () => {
    const lists = await driver.findElements(By.css(".ant-select-dropdown:not(.ant-select-dropdown-hidden)"));
    for (const l of lists) assert.equal(await l.isDisplayed().catch(() => false), false);
  });
}

async function saveSettings(driver) {
  await click(driver, "print-settings-save");
  await waitText(driver, By.css(".ant-message"), "打印设置已保存");
}

/** Open the header's print queue. */
async function openQueue(driver) {
  await click(driver, "print-queue-button");
  await find(driver, "print-queue");
}

async function closeQueue(driver) {
  await click(driver, "print-queue-button");
  await eventually("the queue closes", async () => {
    const open = await driver.findElements(By.css(".ant-popover:not(.ant-popover-hidden) [data-testid='print-queue']"));
    assert.equal(open.length, 0);
  });
}

describe("printing: settings, the slip at checkout, reprints, gifts papers, a missing printer", () => {
  let driver;
  let slipNo = "";

  before(async () => {
    assert.ok(
      execFileSync("lpstat", ["-p", QUEUE], { encoding: "utf8" }).includes(QUEUE),
      `the CUPS test printer ${QUEUE} (scripts/test-printer.sh)`,
    );
    await startDriver();
    ({ driver } = await launch({ args: ["--demo", "--clock", "2026-11-27T10:00:00+08:00"] }));
    await signIn(driver, "1001", "1234");
  });

  after(async () => {
    if (driver) {
      await screenshot(driver, "printing-final").catch(() => {});
      await driver.quit().catch(() => {});
    }
    stopDriver();
  });

  it("lets the manager send every document to the test printer, the slip on A5 as a three-part slip", async () => {
    await click(driver, "nav-settings");
    await click(driver, "settings-print-tab");
    await find(driver, "print-settings");
    for (const row of [0, 1, 2, 3]) await typeInto(driver, `print-queue-${row}`, QUEUE);
    await click(driver, "print-paper-a5");
    await click(driver, "print-three-part");
    await screenshot(driver, "80-print-settings");
    await saveSettings(driver);
  });

  it("opens the slip's preview at checkout: the real PDF drawn, A5, three pages", async () => {
    // 李美华, a gold member: the facial at 88%.
    await toCheckout(driver, "13812345678", ["补水保湿护理"]);
    await click(driver, "pay-card");
    await ctrlEnter(driver);
    await find(driver, "visit-stage-done");
    slipNo = await (await find(driver, "visit-slip")).getText();
    assert.match(slipNo, /\d/);
    const count = await previewDrawn(driver);
    assert.match(count, /共 3 页/);
    await waitText(driver, byTestId("print-preview-paper"), "A5");
    const ink = await inkOnFirstPage(driver);
    assert.ok(ink.ink > 500, `the first page has text on it: ${JSON.stringify(ink)}`);
    assert.ok(ink.height > ink.width, "an A5 page stands upright");
    await screenshot(driver, "81-preview-a5");
  });

  it("prints it: 已发送 in the queue, and the printer's PDF has the slip number, 欢迎您再次光临 and three pages", async () => {
    const before = spooled();
    await click(driver, "print-preview-print");
    await noModal(driver);
    await waitText(driver, By.css(".ant-message"), "已发送到打印机", 30_000);
    await openQueue(driver);
    await waitText(driver, byTestId("print-queue"), "已发送");
    await waitText(driver, byTestId("print-queue"), slipNo);
    await screenshot(driver, "82-print-queue");
    await closeQueue(driver);
    const pdf = await newPdf(before, slipNo);
    assert.ok(pdf.text.includes("欢迎您再次光临"), pdf.text);
    assert.equal(pdf.pages, 3, "customer, front-desk and stylist copies");
  });

  it("prints the slip again from her card, on the 80 mm roll", async () => {
    await click(driver, "nav-settings");
    await click(driver, "settings-print-tab");
    await find(driver, "print-settings");
    await click(driver, "print-paper-roll80");
    await click(driver, "print-three-part");
    await saveSettings(driver);

    const search = await find(driver, "global-search");
    await search.sendKeys("13812345678", Key.ENTER);
    await find(driver, "customer-card");
    const menu = await eventually("the visit in her history", async () => {
      const buttons = await driver.findElements(By.css('[data-testid^="timeline-print-"]'));
      assert.ok(buttons.length > 0);
      return buttons[0];
    });
    const visitId = (await menu.getAttribute("data-testid")).replace(/\D/g, "");
    await menu.click();
    await find(driver, `timeline-print-slip-${visitId}`);
    await screenshot(driver, "83-card-print-menu");
    await click(driver, `timeline-print-slip-${visitId}`);
    const count = await previewDrawn(driver);
    assert.match(count, /共 1 页/);
    await waitText(driver, byTestId("print-preview-paper"), "80mm 小票");
    const ink = await inkOnFirstPage(driver);
    // 80 mm (72 mm printed) shown a little larger than life: about 380 px wide, as long as it needs.
    assert.ok(ink.cssWidth > 300 && ink.cssWidth < 420 && ink.height > ink.width, `a roll slip is narrow: ${JSON.stringify(ink)}`);
    await screenshot(driver, "84-preview-roll");
    const before = spooled();
    await click(driver, "print-preview-print");
    await noModal(driver);
    await waitText(driver, By.css(".ant-message"), "已发送到打印机", 30_000);
    const pdf = await newPdf(before, slipNo);
    assert.ok(pdf.text.includes("欢迎您再次光临"));
    assert.equal(pdf.pages, 1);
  });

  it("prints the confirmed handover record and the reconciliation from the gifts page", async () => {
    await click(driver, "nav-gifts");
    await click(driver, "gifts-tab-handover");
    await click(driver, "handover-start");
    await find(driver, "handover-sheet");
    const lines = await tableRows(driver, "handover-sheet", 1);
    for (const i of lines.keys()) await type(driver, `handover-count-${i}`, "1");
    await click(driver, "handover-counted");
    await type(driver, "handover-incoming-no", "2002");
    await type(driver, "handover-incoming-pin", "2002");
    await click(driver, "handover-confirm");
    await waitText(driver, byTestId("handover-list"), "JJ20261127-01");
    // The confirmed record opens by itself, with 打印交接记录.
    let before = spooled();
    await click(driver, "handover-print");
    await previewDrawn(driver);
    await screenshot(driver, "85-preview-handover");
    await click(driver, "print-preview-print");
    await noModal(driver);
    await waitText(driver, By.css(".ant-message"), "已发送到打印机", 30_000);
    await newPdf(before, "JJ20261127-01");
    await driver.actions().sendKeys(Key.ESCAPE).perform();

    await click(driver, "gifts-tab-reconcile");
    await find(driver, "reconcile-items");
    before = spooled();
    await click(driver, "reconcile-print");
    await previewDrawn(driver);
    await waitText(driver, byTestId("print-preview-paper"), "A4");
    await screenshot(driver, "86-preview-reconciliation");
    await click(driver, "print-preview-print");
    await noModal(driver);
    await waitText(driver, By.css(".ant-message"), "已发送到打印机", 30_000);
    const pdf = await newPdf(before, "对账");
    assert.ok(pdf.text.includes("2026-11-01"), pdf.text.slice(0, 400));
  });

  it("tells which printer is missing, with 重新打印, and keeps the failed job in the queue", async () => {
    await click(driver, "nav-settings");
    await click(driver, "settings-print-tab");
    await find(driver, "print-settings");
    await typeInto(driver, "print-queue-0", "Frontdesk-Missing");
    await find(driver, "print-queue-missing-0");
    await saveSettings(driver);

    await click(driver, "print-test-0");
    await waitText(driver, byTestId("print-failed-toast"), "找不到打印机", 30_000);
    await waitText(driver, byTestId("print-failed-toast"), "Frontdesk-Missing");
    await find(driver, "print-failed-retry");
    await screenshot(driver, "87-print-failed");
    await eventually("the failed job counts in the header", async () => {
      const failed = await (await find(driver, "print-queue-button")).getAttribute("data-failed");
      assert.equal(failed, "1");
    });

    // 重新打印 tries again (on the same printer: it fails again, and says so).
    await click(driver, "print-failed-retry");
    await waitText(driver, byTestId("print-failed-toast"), "Frontdesk-Missing", 30_000);
    await openQueue(driver);
    await waitText(driver, byTestId("print-job-error"), "找不到打印机");
    await screenshot(driver, "88-print-queue-failed");
    await click(driver, "print-job-cancel");
    await eventually("the failed job is cancelled", async () => {
      const failed = await (await find(driver, "print-queue-button")).getAttribute("data-failed");
      assert.equal(failed, "0");
    });
    await closeQueue(driver);
  });
});
