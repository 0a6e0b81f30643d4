// Drive the real Frontdesk desktop app: tauri-driver (which starts
// WebKitWebDriver) on :4444, selenium-webdriver from Node. Run under Xvfb
// (`xvfb-run -a npm run e2e`). Each app launch gets its own temp data dir.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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
  driverProcess = spawn(bin, [], { stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 100; i++) {
    if (await portOpen(4444)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start listening on :4444");
}

export function stopDriver() {
  driverProcess?.kill();
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
  const input = await find(driver, id);
  const item = await input.findElement(By.xpath("ancestor::div[contains(@class,'ant-form-item ')][1]"));
  const locator = By.css(".ant-form-item-explain-error");
  await driver.wait(async () => (await item.findElements(locator)).length > 0, timeout, `error under ${id}`);
  return (await item.findElement(locator)).getText();
}

export async function waitText(driver, locator, text, timeout = 15_000) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(locator);
      for (const el of els) if ((await el.getText()).includes(text)) return true;
      return false;
    },
    timeout,
    `waiting for text ${text}`,
  );
}

export async function type(driver, id, text) {
  const el = await find(driver, id);
  await el.click();
  // Select-all + delete clears React-controlled inputs reliably.
  await el.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  if (text) await el.sendKeys(text);
  return el;
}

export async function screenshot(driver, name) {
  mkdirSync(SHOTS, { recursive: true });
  const png = await driver.takeScreenshot();
  const path = join(SHOTS, `${name}.png`);
  writeFileSync(path, png, "base64");
  return path;
}
