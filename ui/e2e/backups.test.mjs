// Backups in the real app: a manager backs up from Settings, changes
// something, restores the backup and signs in again to find the change gone;
// and a damaged data file shows the restore screen, is never written, and is
// moved aside untouched when a manager restores the newest backup.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  By,
  byTestId,
  click,
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

const MANAGER = ["1001", "1234"];

// Prints the offset of 16 KiB to overwrite in the file: from a third of the
// way in, the first page-aligned spot where the damaged copy still sets up
// its connection (journal mode) and parses its schema but fails quick_check.
// Damage to the schema's own pages is not the case tested here.
const DAMAGE = `
import os, shutil, sqlite3, sys, tempfile
src = sys.argv[1]
data = open(src, "rb").read()
page = int.from_bytes(data[16:18], "big")
page = 65536 if page == 1 else page
tmp = os.path.join(tempfile.mkdtemp(), "probe.db")
at = (len(data) // 3) // page * page
while at + 16384 <= len(data):
    open(tmp, "wb").write(data[:at] + b"\\x5a" * 16384 + data[at + 16384:])
    c = sqlite3.connect(tmp)
    try:
        c.execute("pragma journal_mode=wal").fetchall()
        c.execute("select count(*) from sqlite_schema").fetchall()
        ok = c.execute("pragma quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        ok = True
    c.close()
    for side in ("-wal", "-shm"):
        if os.path.exists(tmp + side): os.remove(tmp + side)
    if not ok:
        print(at)
        sys.exit(0)
    at += page
print(0)
`;
const manualRow = By.css('[data-testid="backups-table"] tr[data-testid="backup-row-manual"]');

async function openBackups(driver) {
  await click(driver, "nav-settings");
  await click(driver, "settings-backups-tab");
  await find(driver, "backups-tab");
}

/** Back up now from Settings and wait for the manual backup's row. */
async function backUpNow(driver) {
  await openBackups(driver);
  await click(driver, "backup-now");
  await driver.wait(async () => (await driver.findElements(manualRow)).length > 0, 30_000, "the manual backup's row");
  await waitText(driver, byTestId("backup-last"), "手动备份");
}

/** The customers whose name the global search finds for `text` (none: []). */
async function searchNames(driver, text) {
  await type(driver, "global-search", text);
  await find(driver, "search-results");
  await driver.sleep(500);
  return retrying("read hits", async () => {
    const hits = await driver.findElements(byTestId("search-hit"));
    return Promise.all(hits.map((h) => h.getText()));
  });
}

describe("backups in the desktop app", () => {
  before(startDriver);
  after(stopDriver);

  it("backs up, restores that backup from Settings, and signs in again without the later change", async () => {
    const { driver } = await launch({ args: ["--demo"] });
    try {
      await signIn(driver, ...MANAGER);
      await backUpNow(driver);
      await waitText(driver, byTestId("backup-rotation"), "保留最近 48 份、最近 14 天每天 1 份、最近 12 个月每月 1 份");
      await screenshot(driver, "backups-1-tab");

      // A customer created after the backup.
      await click(driver, "nav-today");
      // The board's counts come in first and move the buttons.
      await find(driver, "board-followups");
      await click(driver, "today-new-customer");
      await type(driver, "card-name", "备份后新客");
      await type(driver, "card-phone", "139 0000 6061");
      await click(driver, "create-customer-ok");
      await noModal(driver);
      await waitText(driver, byTestId("customer-card-name"), "备份后新客");

      await openBackups(driver);
      await retrying("restore the manual backup", async () =>
        (await driver.findElement(manualRow).findElement(byTestId("backup-restore"))).click(),
      );
      await find(driver, "restore-confirm-ok");
      await waitText(driver, By.css(".ant-modal"), "恢复前保存");
      await waitText(driver, By.css(".ant-modal"), "所有人需要重新登录");
      await screenshot(driver, "backups-2-restore-confirm");
      await click(driver, "restore-confirm-ok");

      await find(driver, "signin-screen", 30_000);
      await screenshot(driver, "backups-3-after-restore-signin");
      await signIn(driver, ...MANAGER);
      await eventually("the later customer is gone", async () => assert.deepEqual(await searchNames(driver, "13900006061"), []), 15_000);
      // The data as it was is kept as a backup of its own.
      await openBackups(driver);
      await driver.wait(
        async () => (await driver.findElements(By.css('[data-testid="backups-table"] tr[data-testid="backup-row-before_restore"]'))).length > 0,
        15_000,
        "the saved-aside backup's row",
      );
      await screenshot(driver, "backups-4-after-restore");
    } finally {
      await screenshot(driver, "backups-final-a").catch(() => {});
      await driver.quit();
    }
  });

  it("shows the restore screen for a damaged file, never writes it, and restores the newest backup", async () => {
    // A demo shop with a manual backup, closed.
    const first = await launch({ args: ["--demo"] });
    const dir = first.dataDir;
    try {
      await signIn(first.driver, ...MANAGER);
      await backUpNow(first.driver);
    } finally {
      await first.driver.quit();
    }
    const file = join(dir, "frontdesk.db");
    // Whatever is still in the journal goes into the file first, so the
    // damage below is what the next start reads.
    await eventually(
      "checkpoint the closed file",
      () =>
        execFileSync("python3", [
          "-c",
          "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma wal_checkpoint(truncate)'); c.close()",
          file,
        ]),
      10_000,
    );
    // Overwrite 16 KiB of a table's pages (not the schema's: see DAMAGE) so
    // the file still opens and fails its check on a page.
    const at = Number(execFileSync("python3", ["-c", DAMAGE, file]).toString().trim());
    assert.ok(at > 0, "found pages to damage");
    const bytes = readFileSync(file);
    bytes.fill(0x5a, at, at + 16 * 1024);
    assert.equal(bytes.subarray(0, 16).toString("latin1"), "SQLite format 3\0", "the header is intact");
    writeFileSync(file, bytes);
    // As after a clean exit (the driver ends the app without one): only the
    // header is checked at start and the full check runs in the background.
    rmSync(join(dir, "frontdesk.db.running"), { force: true });

    const { driver } = await launch({ dataDir: dir });
    try {
      // After a clean exit only the header is checked at start; the full
      // check runs in the background and the screen follows it.
      await find(driver, "damaged-screen", 60_000);
      await waitText(driver, byTestId("damaged-title"), "数据文件已损坏");
      await waitText(driver, byTestId("damaged-screen"), "为保护数据，前台不会写入损坏的文件");
      await waitText(driver, byTestId("damaged-data-dir"), dir);
      await find(driver, "backup-recommended");
      const checked = await driver.findElements(By.css('[data-testid="damaged-backups"] tr.ant-table-row-selected [data-testid="backup-recommended"]'));
      assert.equal(checked.length, 1, "the newest backup is chosen and recommended");
      assert.deepEqual(readFileSync(file), bytes, "the damaged file is not written");
      await screenshot(driver, "backups-5-damaged-screen");

      await type(driver, "damaged-staff-no", MANAGER[0]);
      await type(driver, "damaged-pin", "0000");
      await click(driver, "damaged-restore");
      assert.equal(await fieldError(driver, "damaged-pin"), "工号或 PIN 不正确");
      await screenshot(driver, "backups-6-damaged-wrong-pin");
      assert.deepEqual(readFileSync(file), bytes, "the damaged file is not written");

      await type(driver, "damaged-pin", MANAGER[1]);
      await click(driver, "damaged-restore");
      await find(driver, "today-page", 30_000);
      await waitText(driver, byTestId("current-staff"), "1001");
      await screenshot(driver, "backups-7-restored-desk");
    } finally {
      await screenshot(driver, "backups-final-b").catch(() => {});
      await driver.quit();
    }
    const aside = readdirSync(join(dir, "backups")).filter((n) => n.startsWith("damaged-"));
    assert.equal(aside.length, 1, "the damaged file is moved aside once");
    assert.deepEqual(readFileSync(join(dir, "backups", aside[0], "frontdesk.db")), bytes, "moved aside unchanged");
  });
});
