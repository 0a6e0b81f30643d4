//! Restoring a backup: into the open file (a manager at the desk), or over a
//! file that failed its check at start-up. Either way the data in use is
//! kept: saved aside as a backup first, or — when damaged — moved aside
//! untouched, never written to.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BackupInfo, Trigger, copy, dir_of, find, live_path, verify};
use crate::audit::{self, Action};
use crate::clock::{self, Clock};
use crate::error::{Error, Result};
use crate::staff::{self, Permission, Role, Session, SignInRequest};
use crate::storage::{Check, DB_FILE_NAME, Db};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RestoreRequest {
    /// The backup's file name, as listed.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored: BackupInfo,
    /// The data as it was before the restore, kept as a backup.
    pub saved_aside: BackupInfo,
}

/// Replace the open file's data with a backup (managers). The backup is
/// verified first; then the current data is saved aside as a backup of its
/// own; then SQLite copies the backup into the open file in one
/// transaction (see [`Db::restore_from`]). The restore is in the audit
/// trail of the restored file.
pub fn restore_backup(
    db: &mut Db,
    session: &Session,
    req: RestoreRequest,
) -> Result<RestoreReport> {
    db.read(|tx| staff::authorize(tx, session, Permission::ManageBackups))?;
    let live = live_path(db)?.to_path_buf();
    let dir = dir_of(&live);
    let info = find(&dir, &req.file)?;
    verify(&dir, &info)?;
    let aside = copy::take(&live, &dir, Trigger::BeforeRestore, db.now_ms())?;
    db.restore_file(&dir.join(&info.file))?;
    db.transact(|tx| {
        // The staff member may not exist in the restored data (added after
        // the backup): then the row names her without the link.
        let known = staff::active_role(tx, session.staff_id)?.is_some();
        audit::record(
            tx,
            known.then_some(session.staff_id),
            Action::BackupRestore,
            None,
            Some(&serde_json::json!({ "saved_aside": aside.file })),
            Some(&serde_json::json!({
                "file": info.file,
                "taken_at": info.at,
                "by": format!("{} {}", session.staff_no, session.name),
            })),
        )
    })?;
    Ok(RestoreReport {
        restored: info,
        saved_aside: aside,
    })
}

/// Restoring when the data file failed its check at start-up: who asks and
/// which backup.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DamagedRestoreRequest {
    pub file: String,
    /// A manager's staff number and PIN, as the backup knows them (the
    /// damaged file cannot be asked).
    pub staff_no: String,
    pub pin: String,
}

/// Put a backup in place of a damaged data file in `data_dir` and open it.
/// The backup is verified and copied beside the data file; a manager signs
/// in against that copy; only then are the damaged file and its journal
/// moved, untouched, to `backups/damaged-<time>/`, and the copy renamed
/// into place. Returns the open file and the manager's session.
pub fn restore_over_damaged(
    data_dir: &Path,
    req: DamagedRestoreRequest,
    clock: Arc<dyn Clock>,
) -> Result<(Db, Session)> {
    let live = data_dir.join(DB_FILE_NAME);
    let dir = dir_of(&live);
    let info = find(&dir, &req.file)?;
    verify(&dir, &info)?;
    let incoming = data_dir.join(format!("{DB_FILE_NAME}.restoring"));
    for stale in sidecars(&incoming) {
        let _ = fs::remove_file(stale);
    }
    fs::copy(dir.join(&info.file), &incoming)?;
    let session = {
        let (mut db, _) = Db::open_checked(&incoming, Arc::clone(&clock), Check::Full)?;
        let session = staff::sign_in(
            &mut db,
            SignInRequest {
                staff_no: req.staff_no,
                pin: req.pin,
            },
        )?;
        if session.role != Role::Manager {
            return Err(Error::Forbidden(Permission::ManageBackups));
        }
        db.transact(|tx| {
            audit::record(
                tx,
                Some(session.staff_id),
                Action::BackupRestore,
                None,
                Some(&serde_json::json!({ "damaged": true })),
                Some(&serde_json::json!({ "file": info.file, "taken_at": info.at })),
            )
        })?;
        session
        // Closing the last connection checkpoints the copy's journal into it.
    };
    let aside = dir.join(format!(
        "damaged-{}",
        clock::local_stamp(clock.now_ms(), chrono_tz::UTC)
    ));
    fs::create_dir_all(&aside)?;
    for (from, name) in sidecars(&live).into_iter().zip(sidecar_names()) {
        if from.exists() {
            fs::rename(&from, aside.join(name))?;
        }
    }
    for (from, to) in sidecars(&incoming).into_iter().zip(sidecars(&live)) {
        if from.exists() {
            fs::rename(&from, &to)?;
        }
    }
    copy::sync_dir(data_dir);
    let (db, _) = Db::open_checked(&live, clock, Check::Header)?;
    Ok((db, session))
}

/// A database file and its WAL and shared-memory files.
fn sidecars(db: &Path) -> [std::path::PathBuf; 3] {
    let name = db.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut n = name.clone();
        n.push(suffix);
        std::path::PathBuf::from(n)
    };
    [db.to_path_buf(), with("-wal"), with("-shm")]
}

fn sidecar_names() -> [String; 3] {
    [
        DB_FILE_NAME.to_string(),
        format!("{DB_FILE_NAME}-wal"),
        format!("{DB_FILE_NAME}-shm"),
    ]
}
