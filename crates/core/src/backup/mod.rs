//! Backups and restore (SPEC 3.12). A backup is a consistent copy of the
//! live file made by SQLite itself (never a file copy of a live database),
//! checked with `integrity_check`, and described by a manifest beside it
//! (`<file>.json`: when, why, size, SHA-256, and what it holds). They live in
//! `backups/` beside the data file and, when set, are copied to a second
//! folder (a USB stick, a network share).
//!
//! - [`take_backup`]: one backup, then rotation ([`rotation`]) and the copy to
//!   the second folder. The shell calls it every 30 minutes when something
//!   changed, after a daily close, on exit, and when a manager asks.
//! - [`restore_backup`]: a manager replaces the data with a backup; the
//!   current data is first saved aside as a backup of its own.
//! - [`restore_over_damaged`]: the start-up path when the file fails its
//!   check; the damaged file is moved aside untouched.

mod copy;
mod recover;
pub mod rotation;

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Millis;
use crate::error::{Entity, Error, Invalid, Result};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

pub use recover::{
    DamagedRestoreRequest, RestoreReport, RestoreRequest, restore_backup, restore_over_damaged,
};

/// The folder of backups, beside the data file.
pub const BACKUP_DIR: &str = "backups";
/// A backup's manifest is `<backup file>.json`.
pub const MANIFEST_EXT: &str = "json";

crate::text_enum! {
    /// Why a backup was taken.
    pub enum Trigger {
        /// Every 30 minutes while something changed.
        Auto = "auto",
        /// After the day's closing count (闭店盘点).
        DailyClose = "close",
        /// When the app was closed.
        Exit = "exit",
        /// A manager's 立即备份.
        Manual = "manual",
        /// The data as it was just before a restore replaced it.
        BeforeRestore = "before_restore",
    }
}

/// One backup, as its manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// The file name inside the backup folder.
    pub file: String,
    /// When it was taken (UTC ms).
    pub at: Millis,
    /// The shop's business day it was taken on (`2026-12-01`), for rotation.
    pub business_date: String,
    pub trigger: Trigger,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    pub schema_version: i64,
    /// Customer cards in it.
    pub customers: i64,
    /// Visits in it.
    pub visits: i64,
    /// Its newest checkout (UTC ms).
    pub last_checkout_at: Option<Millis>,
    /// The app that took it.
    pub app_version: String,
}

/// What a backup run did, for the shell to log and tell the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub info: BackupInfo,
    /// Older backups the rotation removed.
    pub removed: Vec<String>,
    pub mirror: Mirror,
}

/// The copy to the second folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mirror {
    NotSet,
    Copied(PathBuf),
    /// The folder could not be written (unplugged stick, share offline).
    Failed {
        dir: PathBuf,
        reason: String,
    },
}

/// The backup folder of the data file at `db_path`.
pub fn dir_of(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(|p| p.join(BACKUP_DIR))
        .unwrap_or_else(|| PathBuf::from(BACKUP_DIR))
}

/// Back up the live file at `db_path` now (see the module doc), rotate, and
/// copy to `mirror_dir` when one is set. A failure of the second folder does
/// not fail the backup: it is reported in [`Taken::mirror`]. One backup at a
/// time per folder: the caller serialises them (the shell holds a lock).
pub fn take_backup(
    db_path: &Path,
    trigger: Trigger,
    now: Millis,
    mirror_dir: Option<&Path>,
) -> Result<Taken> {
    let dir = dir_of(db_path);
    let info = copy::take(db_path, &dir, trigger, now)?;
    let removed = rotate(&dir)?;
    let mirror = match mirror_dir {
        None => Mirror::NotSet,
        Some(to) => match copy::mirror(&dir, &info, to).and_then(|()| rotate(to)) {
            Ok(_) => Mirror::Copied(to.to_path_buf()),
            Err(e) => Mirror::Failed {
                dir: to.to_path_buf(),
                reason: e.to_string(),
            },
        },
    };
    Ok(Taken {
        info,
        removed,
        mirror,
    })
}

/// Every backup in `dir` with a readable manifest, newest first. A file
/// without one (a copy interrupted before it was checked) is not listed.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(MANIFEST_EXT) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(info) = serde_json::from_str::<BackupInfo>(&text) else {
            continue;
        };
        let named_right = copy::manifest_path(dir, &info.file) == path;
        if named_right && dir.join(&info.file).is_file() {
            out.push(info);
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.file.cmp(&a.file)));
    Ok(out)
}

/// Apply the rotation rule to `dir`: remove every backup it does not keep,
/// with its manifest. Returns the removed files.
fn rotate(dir: &Path) -> Result<Vec<String>> {
    // Copies a killed run left half-made are never backups: clear them.
    for entry in fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".partial") || name.ends_with(".partial-journal") {
            let _ = fs::remove_file(&path);
        }
    }
    let all = list(dir)?;
    let keep = rotation::keep(&all);
    let mut removed = Vec::new();
    for b in all.iter().filter(|b| !keep.contains(&b.file)) {
        fs::remove_file(copy::manifest_path(dir, &b.file))?;
        fs::remove_file(dir.join(&b.file))?;
        removed.push(b.file.clone());
    }
    Ok(removed)
}

/// The data file's health and its backups, as the desk shows them (the
/// shell's `safety_status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SafetyStatus {
    /// The full check of the file is still running in the background.
    pub checking: bool,
    /// Why the file cannot be used: it failed its check. The desk shows the
    /// restore screen.
    pub damaged: Option<crate::error::ApiError>,
    /// The newest backup.
    pub last_backup: Option<BackupInfo>,
    /// The last backup that failed, and why (in English, for the log).
    pub last_failure: Option<String>,
    /// The second folder could not be written at the last backup; `since`
    /// is when that started (UTC ms), so the desk is told once per outage.
    pub mirror_problem: Option<MirrorProblem>,
    /// The app's log file, for Settings → About.
    pub log_file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MirrorProblem {
    pub dir: String,
    pub reason: String,
    pub since: Millis,
}

// ------------------------------------------------------------ the commands

/// The backups a manager can restore, and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupList {
    pub backups: Vec<BackupInfo>,
    /// The backup folder beside the data file.
    pub dir: String,
    /// The second folder, when set.
    pub mirror_dir: Option<String>,
}

/// The backups beside the open file, newest first (managers).
pub fn list_backups(db: &mut Db, session: &Session) -> Result<BackupList> {
    let mirror = db.read(|tx| {
        staff::authorize(tx, session, Permission::ManageBackups)?;
        mirror_dir_in(tx)
    })?;
    let dir = dir_of(live_path(db)?);
    Ok(BackupList {
        backups: list(&dir)?,
        dir: dir.display().to_string(),
        mirror_dir: mirror,
    })
}

/// The file of the open database (an in-memory one has no backups).
pub(crate) fn live_path(db: &Db) -> Result<&Path> {
    db.path()
        .ok_or_else(|| Error::Internal("an in-memory database has no backups".into()))
}

/// Back up now on a manager's request. The shell runs [`take_backup`]
/// itself off the desk's connection; this is the check it makes first.
pub fn authorize_backup(db: &mut Db, session: &Session) -> Result<()> {
    db.read(|tx| staff::authorize(tx, session, Permission::ManageBackups).map(|_| ()))
}

/// The second backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// An absolute folder path, or empty for none.
    pub mirror_dir: String,
}

pub fn backup_settings(db: &mut Db, session: &Session) -> Result<BackupSettings> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ManageBackups)?;
        Ok(BackupSettings {
            mirror_dir: mirror_dir_in(tx)?.unwrap_or_default(),
        })
    })
}

/// Set (or clear, with an empty path) the second folder. The folder must be
/// an absolute path; it need not be reachable now (a stick plugged in
/// later), but one that is reachable must be writable.
pub fn set_backup_settings(
    db: &mut Db,
    session: &Session,
    req: BackupSettings,
) -> Result<BackupSettings> {
    let dir = req.mirror_dir.trim().to_string();
    if dir.chars().count() > 400 {
        return Err(Error::invalid_limit("mirror_dir", Invalid::TooLong, 400));
    }
    if !dir.is_empty() && (!Path::new(&dir).is_absolute() || dir.contains('\0')) {
        return Err(Error::invalid("mirror_dir", Invalid::Format));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageBackups)?;
        let before = mirror_dir_in(tx)?;
        tx.execute(
            "INSERT INTO backup_settings (id, mirror_dir, updated_at, updated_by)
             VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET mirror_dir = ?1, updated_at = ?2, updated_by = ?3",
            params![dir, tx.now, session.staff_id],
        )?;
        crate::audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::BackupSettings,
            None,
            Some(&before),
            Some(&dir),
        )
    })?;
    Ok(BackupSettings { mirror_dir: dir })
}

/// The second folder set in the file, if any (read by the shell's backup
/// task on its own connection too).
pub fn mirror_dir(conn: &rusqlite::Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT mirror_dir FROM backup_settings WHERE id = 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .filter(|d| !d.is_empty()))
}

fn mirror_dir_in(tx: &Tx<'_>) -> Result<Option<String>> {
    mirror_dir(tx)
}

/// The backup named `file` in `dir`: one the list shows (so a name from
/// the UI can never reach outside the folder).
fn find(dir: &Path, file: &str) -> Result<BackupInfo> {
    list(dir)?
        .into_iter()
        .find(|b| b.file == file)
        .ok_or(Error::NotFound(Entity::Backup))
}

/// Check a backup before it replaces anything: its checksum is the one
/// recorded, it passes `integrity_check`, and this app can read its schema.
fn verify(dir: &Path, info: &BackupInfo) -> Result<()> {
    let path = dir.join(&info.file);
    let (size, sha) = copy::digest(&path)?;
    if size != info.size || sha != info.sha256 {
        return Err(Error::invalid("file", Invalid::Damaged));
    }
    let contents = copy::read_contents(&path).map_err(|e| match e {
        Error::Corrupt(_) => Error::invalid("file", Invalid::Damaged),
        other => other,
    })?;
    if contents.schema_version > crate::schema::SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: contents.schema_version,
            supported: crate::schema::SCHEMA_VERSION,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
