//! The backup commands the shell runs itself: backing up now (off the
//! desk's connection, so the desk keeps working), restoring (the desk signs
//! out: the staff list may differ), and the restore screen of a damaged file
//! (before anyone can sign in). The rules are in `frontdesk_core::backup`.

use frontdesk_core::access::Permission;
use frontdesk_core::backup::{
    self, BackupInfo, DamagedRestoreRequest, RestoreReport, RestoreRequest, SafetyStatus, Trigger,
};
use frontdesk_core::staff::{self, Session};
use frontdesk_core::{ApiError, Error, ErrorCode};
use tauri::AppHandle;

use crate::safety;
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// The file's health and its newest backup, for the desk's banner and the
/// restore screen.
pub fn safety_status(_app: &AppHandle, state: &AppState) -> Reply<SafetyStatus> {
    let mut status = state.safety().clone();
    status.log_file = safety::log_dir(&state.data_dir).display().to_string();
    Ok(status)
}

/// Back up now (a manager's 立即备份).
pub fn backup_now(_app: &AppHandle, state: &AppState) -> Reply<BackupInfo> {
    state.as_staff_for(Some(Permission::ManageBackups), backup::authorize_backup)?;
    match safety::run(state, Trigger::Manual) {
        Some(taken) => Ok(taken.info),
        None => Err(ApiError::from(&Error::Internal(
            state
                .safety()
                .last_failure
                .clone()
                .unwrap_or_else(|| "the backup failed".into()),
        ))),
    }
}

/// Replace the data with a backup (a manager; the current data is saved
/// aside first). The desk signs out afterwards.
pub fn restore_backup(
    _app: &AppHandle,
    state: &AppState,
    req: RestoreRequest,
) -> Reply<RestoreReport> {
    let report = state.as_staff_for(Some(Permission::ManageBackups), |db, s| {
        backup::restore_backup(db, s, req)
    })?;
    tracing::warn!(
        restored = %report.restored.file,
        saved_aside = %report.saved_aside.file,
        "restored a backup"
    );
    state.safety().last_backup = Some(report.saved_aside.clone());
    state.desk().sign_out();
    Ok(report)
}

/// The backups the restore screen of a damaged file offers, newest first.
/// Only while the file is damaged: otherwise a manager lists them signed in.
pub fn damaged_backups(_app: &AppHandle, state: &AppState) -> Reply<Vec<BackupInfo>> {
    refuse_unless_damaged(state)?;
    Ok(backup::list(&backup::dir_of(&state.db_path()))?)
}

/// Put a backup in place of the damaged file, with a manager's PIN as the
/// backup knows it; the manager is signed in on the restored file.
pub fn restore_damaged(
    _app: &AppHandle,
    state: &AppState,
    req: DamagedRestoreRequest,
) -> Reply<Session> {
    refuse_unless_damaged(state)?;
    // The wrong-PIN count of the backup's copy is thrown away with the copy:
    // the restore screen keeps its own (5 wrong in a row pause it 5 minutes).
    let now = state.clock.now_ms();
    {
        let guesses = lock_guesses();
        if guesses.1 > now {
            return Err(ApiError::from(&Error::TooManyAttempts {
                retry_after_ms: guesses.1 - now,
            }));
        }
    }
    let file = req.file.clone();
    // The damaged file's connection (if the background check found the
    // damage) is closed before its files are moved aside.
    let held = state.take_db(ApiError::from(&Error::Corrupt("being restored".into())));
    if let Ok(db) = held {
        db.close_without_checkpoint();
    }
    match backup::restore_over_damaged(&state.data_dir, req, state.clock.clone()) {
        Ok((db, session)) => {
            *lock_guesses() = (0, 0);
            state.replace_db(Ok(db));
            state.start_printing();
            safety::mark_running(&state.data_dir);
            state.safety().damaged = None;
            let now = state.clock.now_ms();
            state.desk().start(session.clone(), now);
            tracing::warn!(restored = %file, "restored a backup over the damaged file");
            Ok(session)
        }
        Err(e) => {
            tracing::warn!(error = %e, "restore over the damaged file refused");
            if matches!(e, Error::WrongCredentials) {
                let mut guesses = lock_guesses();
                guesses.0 += 1;
                if guesses.0 >= staff::MAX_FAILED_ATTEMPTS {
                    *guesses = (0, now + staff::LOCKOUT_MS);
                    return Err(ApiError::from(&Error::TooManyAttempts {
                        retry_after_ms: staff::LOCKOUT_MS,
                    }));
                }
            }
            Err(ApiError::from(&e))
        }
    }
}

fn refuse_unless_damaged(state: &AppState) -> Result<(), ApiError> {
    match state.open_error() {
        Some(e) if e.code == ErrorCode::Corrupt => Ok(()),
        _ => Err(ApiError::from(&Error::NotFound(
            frontdesk_core::error::Entity::Backup,
        ))),
    }
}

/// Wrong PINs in a row on the restore screen, and the end of its pause.
fn lock_guesses() -> std::sync::MutexGuard<'static, (u32, i64)> {
    static GUESSES: std::sync::Mutex<(u32, i64)> = std::sync::Mutex::new((0, 0));
    GUESSES.lock().unwrap_or_else(|p| p.into_inner())
}
