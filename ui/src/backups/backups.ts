// Small pure helpers of the backup screens: the reasons a backup is taken,
// sizes in MB, which backup to recommend, and the folders beside the data
// file.
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Trigger } from "../bindings/Trigger";

/** Every reason a backup is taken, each labelled under `backups.trigger.*`. */
export const TRIGGERS: readonly Trigger[] = ["auto", "close", "exit", "manual", "before_restore"];

const MB = 1024 * 1024;

/** A file size in MB, as the desk shows it: "0.4 MB", "12.5 MB", "1,024 MB". */
export function formatSize(bytes: number): string {
  const mb = Math.max(0, bytes) / MB;
  if (mb > 0 && mb < 0.1) return "< 0.1 MB";
  const digits = mb >= 100 ? 0 : 1;
  return `${mb.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })} MB`;
}

/** The backup to restore unless someone chooses otherwise: the newest one. */
export function recommended(backups: readonly BackupInfo[]): BackupInfo | null {
  let best: BackupInfo | null = null;
  for (const b of backups) {
    if (!best || b.at > best.at || (b.at === best.at && b.file > best.file)) best = b;
  }
  return best;
}

/** `name` inside the folder `dir`, with the separator the folder's path uses. */
export function joinPath(dir: string, name: string): string {
  const windows = dir.includes("\\") && !dir.includes("/");
  const sep = windows ? "\\" : "/";
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The backup folder of the data folder `dataDir` (the core's `backups/`). */
export function backupDirOf(dataDir: string): string {
  return joinPath(dataDir, "backups");
}
