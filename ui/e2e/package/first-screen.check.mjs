// The installed package (scripts/package-check.sh): the app apt installed
// starts under Xvfb on a fresh data folder and shows its first screen, the
// first-run setup, in Chinese; its log is written in the data folder.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { APP, find, launch, screenshot, startDriver, stopDriver } from "../harness.mjs";

describe("the installed package", () => {
  before(startDriver);
  after(stopDriver);

  it("starts to its first screen on a fresh data folder", async () => {
    assert.ok(!APP.includes("target/"), `the installed binary, not a build: ${APP}`);
    const { driver, dataDir } = await launch();
    try {
      const setup = await find(driver, "setup-screen", 30_000);
      assert.match(await setup.getText(), /欢迎使用前台/);
      await screenshot(driver, "90-installed-first-screen");
      const logs = join(dataDir, "logs");
      assert.ok(existsSync(logs), "the log folder is made in the data folder");
      const files = readdirSync(logs);
      assert.ok(files.length > 0, "a log file is written");
      assert.match(readFileSync(join(logs, files[0]), "utf8"), /starting/);
    } finally {
      await driver.quit();
    }
  });
});
