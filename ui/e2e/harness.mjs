// Drive the real Frontdesk desktop app: tauri-driver (which starts
// WebKitWebDriver) on :4444, selenium-webdriver from Node. Run under Xvfb
// (`xvfb-run -a npm run e2e`). Each app launch gets its own temp data dir.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Builder, By, Key, until } from "selenium-webdriver";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "../..");
export const APP = process.env.FRONTDESK_APP ?? join(ROOT, "target/debug/frontdesk");
export const SHOTS = join(ROOT, "target/e2e-screenshots");
export { By, Key, until };

function portOpen(port) {
  return new Promise((ok) => {
    const s = connect(port, "127.0.0.1");
    s.on("connect", () => {
      s.end();
      ok(true);
    });
    s.on("error", () => ok(false));
  });
}

let driverProcess = null;

export async function startDriver() {
  if (await portOpen(4444)) throw new Error("port 4444 is busy: is another tauri-driver running?");
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/tauri-driver");
  // The driver, WebKitWebDriver and the app write to a log file, never to the
  // test runner's pipes: a straggling app holding those open would keep the
  // runner waiting forever. Its own process group lets stopDriver end them all.
  mkdirSync(SHOTS, { recursive: true });
  const log = openSync(join(ROOT, "target/e2e-driver.log"), "a");
  driverProcess = spawn(bin, [], { stdio: ["ignore", log, log], detached: true });
  for (let i = 0; i < 100; i++) {
    if (await portOpen(4444)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start listening on :4444");
}

export function stopDriver() {
  if (driverProcess?.pid) {
    try {
      process.kill(-driverProcess.pid, "SIGTERM");
    } catch {
      driverProcess.kill();
    }
  }
  driverProcess = null;
}

/** Launch the app on a fresh data dir (or the given one) with extra args. */
export async function launch({ dataDir, args = [] } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "frontdesk-e2e-"));
  const driver = await new Builder()
    .usingServer("http://127.0.0.1:4444/")
    .withCapabilities({
      browserName: "wry",
      "tauri:options": { application: APP, args: ["--data-dir", dir, ...args] },
    })
    .build();
  return { driver, dataDir: dir };
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

export async function find(driver, id, timeout = 15_000) {
  return driver.wait(until.elementLocated(byTestId(id)), timeout, `waiting for ${id}`);
}

/** The validation message shown under the form field holding element `id`. */
export async function fieldError(driver, id, timeout = 10_000) {
  const item = By.xpath(
    `//*[@data-testid="${id}"]/ancestor::div[contains(@class,'ant-form-item ')][1]//div[contains(@class,'ant-form-item-explain-error')]`,
  );
  let text = "";
  await driver.wait(
    async () => {
      const els = await driver.findElements(item).catch(() => []);
      text = els.length ? (await els[0].getText().catch(() => "")).trim() : "";
      return text.length > 0;
    },
    timeout,
    `error under ${id}`,
  );
  return text;
}

export async function waitText(driver, locator, text, timeout = 15_000) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(locator).catch(() => []);
      for (const el of els) {
        const seen = await el.getText().catch(() => "");
        if (seen.includes(text)) return true;
      }
      return false;
    },
    timeout,
    `waiting for text ${text}`,
  );
}

// Animations (modals opening and closing) and re-renders make an element
// briefly covered, not yet interactable or replaced: retry those, nothing else.
const TRANSIENT = new Set([
  "ElementClickInterceptedError",
  "ElementNotInteractableError",
  "StaleElementReferenceError",
]);

export async function retrying(what, action, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await action();
    } catch (e) {
      if (!TRANSIENT.has(e?.name) || Date.now() > end) {
        e.message = `${what}: ${e.message}`;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Retry `check` (failed assertions included) until it passes or `timeout` ms have gone. */
export async function eventually(what, check, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) {
        e.message = `${what}: ${e.message}`;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Ctrl+Enter: a stage's or a dialog's main action. */
export const ctrlEnter = (driver) =>
  driver.actions().keyDown(Key.CONTROL).sendKeys(Key.ENTER).keyUp(Key.CONTROL).perform();

/** Pick an option of an antd Select by typing part of its label and Enter.
 * Closes the list with Escape only while it is open (`aria-expanded`): an
 * Escape with no list open would close the dialog around it. */
export async function choose(driver, testId, text) {
  await retrying(`choose ${text} in ${testId}`, async () => {
    const el = await find(driver, testId);
    const input = (await el.getTagName()) === "input" ? el : await el.findElement(By.css("input"));
    await input.click();
    await input.sendKeys(text);
    // Pickers search as you type (debounced, then a round trip).
    await driver.sleep(700);
    await input.sendKeys(Key.ENTER);
    await driver.sleep(250);
    if ((await input.getAttribute("aria-expanded")) === "true") await input.sendKeys(Key.ESCAPE);
  });
}

export async function click(driver, id) {
  return retrying(`click ${id}`, async () => (await find(driver, id)).click());
}

export async function type(driver, id, text) {
  return retrying(`type into ${id}`, async () => {
    const el = await find(driver, id);
    await el.click();
    // Select-all + delete clears React-controlled inputs reliably.
    await el.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
    if (text) await el.sendKeys(text);
    return el;
  });
}

/**
 * The app's window as the X server shows it (ImageMagick's `import` on the
 * Xvfb display; the window sits at its origin, with no window manager),
 * after the page's next two frames. Not WebDriver's screenshot: with GL
 * compositing off (src-tauri/src/webview.rs), WebKitWebDriver's snapshot
 * never answers on some pages (the reports' 员工业绩 tab), while the
 * window itself paints them.
 */
export async function screenshot(driver, name) {
  mkdirSync(SHOTS, { recursive: true });
  await driver.executeAsyncScript(
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));",
  );
  const path = join(SHOTS, `${name}.png`);
  execFileSync("import", ["-window", "root", path], { timeout: 30_000 });
  return path;
}

/** Wait until no modal (or its closing animation) covers the window. */
/** The first `columns` cells of each body row of the table `id`, read consistently. */
export async function tableRows(driver, id, columns) {
  return retrying(`read table ${id}`, async () => {
    const rows = await driver.findElements(By.css(`[data-testid="${id}"] tbody tr.ant-table-row`));
    const out = [];
    for (const row of rows) {
      const tds = await row.findElements(By.css("td"));
      out.push(await Promise.all(tds.slice(0, columns).map((td) => td.getText())));
    }
    return out;
  });
}

export async function noModal(driver, timeout = 10_000) {
  await driver.wait(
    async () => {
      for (const el of await driver.findElements(By.css(".ant-modal-wrap, .ant-modal-mask")).catch(() => [])) {
        // An element removed while we look is gone, which is what we wait for.
        const shown = await el.isDisplayed().catch(() => false);
        if (shown) return false;
      }
      return true;
    },
    timeout,
    "waiting for the modal to close",
  );
}

/** A checkout opens the slip's print preview (打印预览): close it without printing. */
export async function closeSlipPreview(driver) {
  await find(driver, "print-preview");
  await click(driver, "print-preview-close");
  await noModal(driver);
}

/** Wait until the element with test id `id` has the keyboard focus; returns it. */
export async function focused(driver, id, timeout = 5_000) {
  let el = null;
  await driver.wait(
    async () => {
      el = await driver.switchTo().activeElement();
      return (await el.getAttribute("data-testid").catch(() => null)) === id;
    },
    timeout,
    `waiting for ${id} to have the focus`,
  );
  return el;
}

/** Sign in at the sign-in screen and wait for Today. */
export async function signIn(driver, staffNo, pin) {
  await find(driver, "signin-screen", 30_000);
  await type(driver, "signin-staff-no", staffNo);
  await type(driver, "signin-pin", pin);
  await click(driver, "signin-submit");
  await find(driver, "today-page");
}
