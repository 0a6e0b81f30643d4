//! The commands the shell runs itself (the `shell` lines of the command
//! table): the app's status, first-run setup and the desk's sign-in state
//! (held in [`AppState`]), and the import, whose progress goes to the window
//! as events. Everything else is a core function.

use frontdesk_core::customers::import::{self, ImportProgress, ImportReport, ImportRequest};
use frontdesk_core::shop::{self, AppStatus, SetupRequest};
use frontdesk_core::staff::{
    self, Language, OverrideRequest, Session, SignInRequest, UnlockRequest,
};
use frontdesk_core::{ApiError, clock};
use tauri::{AppHandle, Emitter};

use crate::state::AppState;

pub use crate::backups::{
    backup_now, damaged_backups, restore_backup, restore_damaged, safety_status,
};
pub use crate::printing::{document_pdf, list_printers, save_document};

type Reply<T> = Result<T, ApiError>;

pub fn app_status(_app: &AppHandle, state: &AppState) -> Reply<AppStatus> {
    let mut status = AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        open_error: state.open_error(),
        setup: None,
        signed_in: None,
        locked: None,
        idle_lock_minutes: shop::DEFAULT_IDLE_LOCK_MINUTES,
        now: 0,
        time_zone: clock::DEFAULT_TIME_ZONE.name().to_string(),
    };
    let _ = state.with_db(|db| {
        status.setup = Some(shop::setup_status(db)?);
        status.idle_lock_minutes = shop::idle_limit_ms(db)? / 60_000;
        status.time_zone = shop::time_zone_of(db)?.name().to_string();
        let idle = status.idle_lock_minutes * 60_000;
        let now = db.now_ms();
        status.now = now;
        let mut desk = state.desk();
        // Asking for the session applies the idle rule, so a desk left alone
        // shows the lock screen on the next status check.
        status.signed_in = desk.session(now, idle).ok();
        status.locked = desk.locked_session().cloned();
        Ok(())
    });
    Ok(status)
}

pub fn setup_shop(_app: &AppHandle, state: &AppState, req: SetupRequest) -> Reply<Session> {
    state.with_db(|db| {
        let session = shop::setup_shop(db, req)?;
        let now = db.now_ms();
        state.desk().start(session.clone(), now);
        Ok(session)
    })
}

pub fn sign_in(_app: &AppHandle, state: &AppState, req: SignInRequest) -> Reply<Session> {
    state.with_db(|db| Ok(state.desk().sign_in(db, req)?))
}

/// Unlock an idle-locked desk with the same staff member's PIN.
pub fn unlock(_app: &AppHandle, state: &AppState, req: UnlockRequest) -> Reply<Session> {
    state.with_db(|db| Ok(state.desk().unlock(db, req.pin)?))
}

/// A manager authorises one action at a receptionist's desk with her own
/// staff number and PIN; the next command needing that permission runs as
/// her (within two minutes).
pub fn manager_override(_app: &AppHandle, state: &AppState, req: OverrideRequest) -> Reply<()> {
    state.with_db(|db| {
        let desk = state.session(db)?;
        let permission = req.permission;
        let manager = staff::manager_override(db, &desk, req)?;
        tracing::info!(manager = %manager.staff_no, desk = %desk.staff_no, ?permission, "manager override");
        let now = db.now_ms();
        state.desk().grant(manager, permission, now);
        Ok(())
    })
}

pub fn sign_out(_app: &AppHandle, state: &AppState) -> Reply<()> {
    state.desk().sign_out();
    Ok(())
}

pub fn lock(_app: &AppHandle, state: &AppState) -> Reply<()> {
    state.desk().lock();
    Ok(())
}

/// The UI reports keyboard/mouse activity so typing a long form does not count as idle.
pub fn keep_alive(_app: &AppHandle, state: &AppState) -> Reply<()> {
    state.with_db(|db| state.session(db).map(|_| ()))
}

pub fn set_language(_app: &AppHandle, state: &AppState, req: Language) -> Reply<Session> {
    let session = state.as_staff(|db, s| staff::set_language(db, s, req))?;
    state.desk().update(|s| s.language = session.language);
    Ok(session)
}

/// Import in one transaction; progress goes to the window as
/// `import-progress` events (`{done, total}`).
pub fn run_import(app: &AppHandle, state: &AppState, req: ImportRequest) -> Reply<ImportReport> {
    state.as_staff(|db, s| {
        import::run_import(db, s, &req, &mut |done, total| {
            // A lost progress event only delays the bar; the import goes on.
            let _ = app.emit("import-progress", ImportProgress { done, total });
        })
    })
}
