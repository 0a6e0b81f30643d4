// Desk safety in the real app: locking and unlocking with the same staff
// member's PIN, and a data file written by a newer app refused with a clear
// message (and left untouched).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { byTestId, click, fieldError, find, launch, screenshot, signIn, startDriver, stopDriver, type, waitText } from "./harness.mjs";

describe("desk safety in the desktop app", () => {
  before(startDriver);
  after(stopDriver);

  it("locks the desk and unlocks only with the same staff member's PIN", async () => {
    const { driver } = await launch({ args: ["--demo"] });
    try {
      await signIn(driver, "2001", "2001");
      await click(driver, "lock-button");
      await find(driver, "lock-screen");
      await waitText(driver, byTestId("lock-screen"), "张敏");
      await type(driver, "unlock-pin", "0000");
      await click(driver, "unlock-submit");
      assert.equal(await fieldError(driver, "unlock-pin"), "工号或 PIN 不正确");
      await screenshot(driver, "30-locked");
      await type(driver, "unlock-pin", "2001");
      await click(driver, "unlock-submit");
      await find(driver, "today-page");
      await waitText(driver, byTestId("current-staff"), "张敏");
    } finally {
      await driver.quit();
    }
  });

  it("refuses a data file from a newer version with a clear message and leaves it untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "frontdesk-newer-"));
    const file = join(dir, "frontdesk.db");
    execFileSync("python3", [
      "-c",
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.execute('pragma user_version=99'); c.commit()",
      file,
    ]);
    const bytes = readFileSync(file);
    const { driver } = await launch({ dataDir: dir });
    try {
      await waitText(driver, byTestId("open-error-dir"), dir, 30_000);
      await waitText(driver, { using: "css selector", value: ".ant-result-subtitle" }, "此数据文件由更新版本的前台创建");
      await screenshot(driver, "31-newer-file");
    } finally {
      await driver.quit();
    }
    assert.deepEqual(readFileSync(file), bytes, "the newer file is not modified");
  });
});
