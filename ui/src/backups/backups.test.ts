import { describe, expect, it } from "vitest";
import type { BackupInfo } from "../bindings/BackupInfo";
import { en, zhCN } from "../i18n/resources";
import { TRIGGERS, backupDirOf, formatSize, joinPath, recommended } from "./backups";

const backup = (file: string, at: number): BackupInfo => ({
  file,
  at,
  business_date: "2026-12-01",
  trigger: "auto",
  size: 1000,
  sha256: "",
  schema_version: 1,
  customers: 0,
  visits: 0,
  last_checkout_at: null,
  app_version: "0.1.0",
});

describe("backup helpers", () => {
  it("label every reason a backup is taken, in both languages", () => {
    expect(TRIGGERS.map((x) => zhCN.backups.trigger[x])).toEqual(["自动备份", "闭店备份", "退出时备份", "手动备份", "恢复前保存"]);
    for (const x of TRIGGERS) expect(en.backups.trigger[x]).toBeTruthy();
  });

  it("show sizes in MB", () => {
    expect(formatSize(0)).toBe("0.0 MB");
    expect(formatSize(50_000)).toBe("< 0.1 MB");
    expect(formatSize(400 * 1024)).toBe("0.4 MB");
    expect(formatSize(12.54 * 1024 * 1024)).toBe("12.5 MB");
    expect(formatSize(1024 * 1024 * 1024)).toBe("1,024 MB");
  });

  it("recommend the newest backup, whatever the order", () => {
    expect(recommended([])).toBeNull();
    const list = [backup("b", 2_000), backup("c", 3_000), backup("a", 1_000)];
    expect(recommended(list)?.file).toBe("c");
    expect(recommended([backup("x1", 5), backup("x2", 5)])?.file).toBe("x2");
  });

  it("name the folders beside the data file with its own separator", () => {
    expect(backupDirOf("/home/desk/.local/share/frontdesk")).toBe("/home/desk/.local/share/frontdesk/backups");
    expect(backupDirOf("C:\\Users\\desk\\AppData\\Roaming\\frontdesk")).toBe("C:\\Users\\desk\\AppData\\Roaming\\frontdesk\\backups");
    expect(joinPath("/data/", "logs")).toBe("/data/logs");
  });
});
