//! The data file's safety while the app runs: the log, the start-up check,
//! and the backup task.
//!
//! - **Start-up.** A marker file (`frontdesk.db.running`) is written when
//!   the app opens the file and removed when it closes cleanly. When it is
//!   found at start, the last run ended uncleanly (killed, power cut) and the
//!   file is fully checked before the desk may use it; otherwise only its
//!   header is checked before the sign-in screen and the full check runs in
//!   the background on its own connection. A file that fails either check
//!   is never written to: the desk shows the restore screen.
//! - **Backups** (`frontdesk_core::backup`), on the tokio runtime the shell
//!   runs: every minute the task asks whether anything changed (SQLite's
//!   `data_version` on a read-only connection of its own) and whether a
//!   daily close was counted; it backs up after a daily close, every 30
//!   minutes while something changed, and on exit.
//! - **Memory.** Every five seconds the file was used, the desk connection
//!   drops its memory map of the file (`spawn_map_release`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use frontdesk_core::backup::{self, Mirror, MirrorProblem, Taken, Trigger};
use frontdesk_core::clock::Millis;
use frontdesk_core::staff::Session;
use frontdesk_core::storage::{self, Check, DB_FILE_NAME};
use frontdesk_core::{ApiError, Error};
use rusqlite::{Connection, OpenFlags};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// Back up at most this often while something changes.
pub const EVERY_MS: Millis = 30 * 60 * 1000;
/// How often the task looks.
const TICK: Duration = Duration::from_secs(60);

// ------------------------------------------------------------------ the log

/// Log to a file in `<data dir>/logs/`, rotated daily, the last 14 days
/// kept. Never a customer's personal fields: the shell logs start-up,
/// upgrades, backups, prints, refused commands (by code and field) and
/// errors. Returns the guard that flushes the file at exit.
pub fn start_log(data_dir: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = log_dir(data_dir);
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("frontdesk")
        .filename_suffix("log")
        .max_log_files(14)
        .build(&dir);
    let appender = match appender {
        Ok(a) => a,
        Err(e) => {
            eprintln!("Frontdesk: cannot write the log in {}: {e}", dir.display());
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
    Some(guard)
}

pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// A command the core refused, by its code and field (never the values).
pub fn log_refusal(session: &Session, e: &Error) {
    let api = ApiError::from(e);
    match e {
        Error::Storage(_) | Error::Io(_) | Error::Internal(_) | Error::Json(_) => {
            tracing::error!(staff = %session.staff_no, code = ?api.code, error = %e, "command failed");
        }
        _ => tracing::info!(
            staff = %session.staff_no,
            code = ?api.code,
            field = api.field.unwrap_or(""),
            reason = ?api.reason,
            "command refused"
        ),
    }
}

// ------------------------------------------------------------ the start-up

fn marker(data_dir: &Path) -> PathBuf {
    data_dir.join(format!("{DB_FILE_NAME}.running"))
}

/// How to check the file at this start: fully after an unclean shutdown (or
/// the first start of an app that did not leave the marker), else the
/// header only.
pub fn start_check(data_dir: &Path) -> Check {
    if marker(data_dir).exists() {
        tracing::warn!("the last run did not close cleanly: checking the whole file");
        Check::Full
    } else {
        Check::Header
    }
}

/// Mark the file in use (removed by [`on_exit`]).
pub fn mark_running(data_dir: &Path) {
    if let Err(e) = std::fs::write(marker(data_dir), std::process::id().to_string()) {
        tracing::warn!(error = %e, "cannot write the running marker");
    }
}

/// How long after start the background check waits, so the window, the
/// sign-in form and the first searches have both cores (docs/BENCHMARKS.md,
/// "Start-up").
const CHECK_DELAY: Duration = Duration::from_secs(5);

/// The full check after a header-only start, off the desk's connection: on
/// its own thread, [`CHECK_DELAY`] after start and at a low CPU priority,
/// so reading a large file never slows the desk. Until it has passed, the
/// safety status says `checking` and the desk asks for it more often.
pub fn check_in_background(app: &AppHandle) {
    let app = app.clone();
    let state = app.state::<AppState>();
    state.safety().checking = true;
    let path = state.db_path();
    let spawned = std::thread::Builder::new()
        .name("full-check".into())
        .spawn(move || {
            std::thread::sleep(CHECK_DELAY);
            lower_priority();
            full_check(&app, &path);
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the full check");
    }
}

/// Run this thread at the lowest CPU priority (Linux: a thread's nice value
/// is its own). Best effort: elsewhere the check runs at normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(None, 19) {
        tracing::debug!(error = %e, "could not lower the full check's priority");
    }
}

fn full_check(app: &AppHandle, path: &Path) {
    let started = std::time::Instant::now();
    let result = storage::check_file(path);
    let state = app.state::<AppState>();
    let mut safety = state.safety();
    safety.checking = false;
    match result {
        Ok(()) => tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "full check passed"
        ),
        Err(e) => {
            tracing::error!(error = %e, "the data file failed its full check");
            if matches!(e, Error::Corrupt(_)) {
                safety.damaged = Some(ApiError::from(&e));
            }
        }
    }
}

// ------------------------------------------------------------ the backups

/// What the backup task remembers between ticks.
struct Watch {
    conn: Option<Connection>,
    data_version: Option<i64>,
    changed: bool,
    last_at: Millis,
    last_close: Option<Millis>,
}

impl Watch {
    fn new(state: &AppState) -> Watch {
        let newest = backup::list(&backup::dir_of(&state.db_path()))
            .ok()
            .and_then(|l| l.into_iter().next());
        if let Some(b) = &newest {
            state.safety().last_backup = Some(b.clone());
        }
        Watch {
            conn: None,
            data_version: None,
            // Changes the last run made after its last backup count too.
            changed: true,
            last_at: newest.map_or(0, |b| b.at),
            last_close: None,
        }
    }

    /// Look at the file: did anything change since the last look, and the
    /// newest daily close.
    fn look(&mut self, path: &Path) -> rusqlite::Result<Option<Millis>> {
        if self.conn.is_none() {
            let c = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            c.busy_timeout(Duration::from_secs(5))?;
            self.conn = Some(c);
        }
        let Some(c) = &self.conn else { return Ok(None) };
        let version: i64 = c.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version.is_some_and(|v| v != version) {
            self.changed = true;
        }
        self.data_version = Some(version);
        c.query_row(
            "SELECT max(counted_at) FROM handovers WHERE kind = 'close' AND state <> 'abandoned'",
            [],
            |r| r.get(0),
        )
    }
}

/// How often the desk connection's map of the data file is released.
const RELEASE_MAP_EVERY: Duration = Duration::from_secs(5);

/// Start the task that keeps the data file's pages out of the app's memory:
/// every five seconds the file was used, the desk connection drops its map
/// (`AppState::release_file_map`). A search reads a different part of the
/// index each time; without this, an hour at the desk leaves most of a
/// million-customer file counted in the app (docs/BENCHMARKS.md).
pub fn spawn_map_release(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio::time::interval(RELEASE_MAP_EVERY);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticker.tick().await;
        loop {
            ticker.tick().await;
            let handle = app.clone();
            let released = tauri::async_runtime::spawn_blocking(move || {
                handle.state::<AppState>().release_file_map();
            })
            .await;
            if let Err(e) = released {
                tracing::error!(error = %e, "releasing the file's map failed");
            }
        }
    });
}

/// Start the backup task.
pub fn spawn_backups(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let watch = Arc::new(Mutex::new(Watch::new(&app.state::<AppState>())));
        let mut ticker = tokio::time::interval(TICK);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is at once: let the desk start first.
        ticker.tick().await;
        loop {
            ticker.tick().await;
            let (handle, watch) = (app.clone(), Arc::clone(&watch));
            let looked = tauri::async_runtime::spawn_blocking(move || {
                let mut w = watch.lock().unwrap_or_else(|p| p.into_inner());
                tick(&handle, &mut w);
            })
            .await;
            if let Err(e) = looked {
                tracing::error!(error = %e, "a backup tick failed");
            }
        }
    });
}

fn tick(app: &AppHandle, watch: &mut Watch) {
    let state = app.state::<AppState>();
    if state.open_error().is_some() {
        return;
    }
    let now = state.clock.now_ms();
    let close = match watch.look(&state.db_path()) {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "the backup task cannot read the file");
            watch.conn = None;
            return;
        }
    };
    let new_close = close.is_some_and(|c| watch.last_close.is_none_or(|seen| c > seen));
    let first_look = watch.last_close.is_none() && watch.data_version.is_some();
    watch.last_close = close.or(watch.last_close);
    let trigger = if new_close && !first_look && close.is_some_and(|c| c > watch.last_at) {
        Some(Trigger::DailyClose)
    } else if watch.changed && now - watch.last_at >= EVERY_MS {
        Some(Trigger::Auto)
    } else {
        None
    };
    if let Some(trigger) = trigger
        && run(&state, trigger).is_some()
    {
        watch.changed = false;
        watch.last_at = now;
    }
}

/// Take one backup now and record the outcome for the desk and the log.
pub fn run(state: &AppState, trigger: Trigger) -> Option<Taken> {
    // One backup at a time (the task's and a manager's 立即备份).
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let path = state.db_path();
    let mirror = state
        .with_db(|db| backup::mirror_dir(db.conn()).map_err(ApiError::from))
        .ok()
        .flatten();
    let now = state.clock.now_ms();
    let started = std::time::Instant::now();
    match backup::take_backup(&path, trigger, now, mirror.as_deref().map(Path::new)) {
        Ok(taken) => {
            tracing::info!(
                file = %taken.info.file,
                trigger = trigger.as_str(),
                size = taken.info.size,
                sha256 = %taken.info.sha256,
                ms = started.elapsed().as_millis() as u64,
                removed = taken.removed.len(),
                "backup taken"
            );
            let mut safety = state.safety();
            safety.last_backup = Some(taken.info.clone());
            safety.last_failure = None;
            match &taken.mirror {
                Mirror::Failed { dir, reason } => {
                    tracing::warn!(dir = %dir.display(), %reason, "the second backup folder cannot be written");
                    let since = safety.mirror_problem.as_ref().map_or(now, |p| p.since);
                    safety.mirror_problem = Some(MirrorProblem {
                        dir: dir.display().to_string(),
                        reason: reason.clone(),
                        since,
                    });
                }
                Mirror::Copied(_) | Mirror::NotSet => safety.mirror_problem = None,
            }
            Some(taken)
        }
        Err(e) => {
            tracing::error!(trigger = trigger.as_str(), error = %e, "backup failed");
            let mut safety = state.safety();
            safety.last_failure = Some(e.to_string());
            if matches!(e, Error::Corrupt(_)) {
                safety.damaged = Some(ApiError::from(&e));
            }
            None
        }
    }
}

/// On a clean exit: a last backup when the file changed after the newest
/// one (by the file system's times of the file and its journal), then the
/// running marker goes.
pub fn on_exit(state: &AppState) {
    if state.open_error().is_none() && changed_since_last_backup(state) {
        run(state, Trigger::Exit);
    }
    if let Some(damaged) = state.safety().damaged.clone() {
        // Found damaged while running: close without the checkpoint that
        // would write the journal into the damaged file.
        if let Ok(db) = state.take_db(damaged) {
            db.close_without_checkpoint();
        }
        tracing::warn!("closed with the data file damaged; it was not written to");
        return;
    }
    let _ = std::fs::remove_file(marker(&state.data_dir));
    tracing::info!("closed cleanly");
}

fn changed_since_last_backup(state: &AppState) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let path = state.db_path();
    let mut wal = path.clone().into_os_string();
    wal.push("-wal");
    let data = [modified(&path), modified(Path::new(&wal))]
        .into_iter()
        .flatten()
        .max();
    let newest = state
        .safety()
        .last_backup
        .as_ref()
        .and_then(|b| modified(&backup::dir_of(&path).join(&b.file)));
    match (data, newest) {
        (Some(d), Some(b)) => d > b,
        _ => true,
    }
}
