//! The shell's state: the open database (or why it could not be opened),
//! the desk's sign-in state, and the data file's safety (its background
//! check and its backups, see [`crate::safety`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use frontdesk_core::access::Permission;
use frontdesk_core::backup::SafetyStatus;
use frontdesk_core::clock::Clock;
use frontdesk_core::staff::{Desk, Session};
use frontdesk_core::storage::{Check, DB_FILE_NAME};
use frontdesk_core::{ApiError, Db, Error, shop};

pub struct AppState {
    pub data_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
    /// Replaced whole by a restore over a damaged file.
    db: Mutex<Result<Db, ApiError>>,
    desk: Mutex<Desk>,
    safety: Mutex<SafetyStatus>,
    printing: std::sync::atomic::AtomicBool,
    /// Set by every command on the file since its map was last released.
    used: std::sync::atomic::AtomicBool,
}

/// What to seed into an empty data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    No,
    Shop,
    /// The demo shop with ten weeks of past visits.
    WithHistory,
}

impl Demo {
    pub fn of(demo: bool, history: bool) -> Demo {
        match (demo, history) {
            (false, _) => Demo::No,
            (true, false) => Demo::Shop,
            (true, true) => Demo::WithHistory,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Open the data file in `data_dir`, checking it as `check` says.
    pub fn open(data_dir: PathBuf, clock: Arc<dyn Clock>, demo: Demo, check: Check) -> AppState {
        let path = data_dir.join(DB_FILE_NAME);
        let db = std::fs::create_dir_all(&data_dir)
            .map_err(Error::from)
            .and_then(|()| Db::open_checked(&path, clock.clone(), check))
            .and_then(|(mut db, report)| {
                if let Some(backup) = &report.backup {
                    tracing::info!(
                        from = report.from_version,
                        to = report.to_version,
                        kept = %backup.display(),
                        "upgraded the data file"
                    );
                }
                let seeded = match demo {
                    Demo::No => false,
                    Demo::Shop => frontdesk_core::demo::seed(&mut db)?,
                    Demo::WithHistory => frontdesk_core::demo::seed_with_history(&mut db)?,
                };
                if seeded {
                    tracing::info!(dir = %data_dir.display(), "seeded the demo shop");
                }
                Ok(db)
            });
        let mut safety = SafetyStatus::default();
        if let Err(e) = &db {
            tracing::error!(dir = %data_dir.display(), error = %e, "cannot open the data file");
            if matches!(e, Error::Corrupt(_)) {
                safety.damaged = Some(ApiError::from(e));
            }
        }
        AppState {
            data_dir,
            clock,
            db: Mutex::new(db.map_err(ApiError::from)),
            desk: Mutex::new(Desk::default()),
            safety: Mutex::new(safety),
            printing: std::sync::atomic::AtomicBool::new(false),
            used: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Start the print queue's thread, once (at start, or after a restore
    /// over a file that could not be opened).
    pub fn start_printing(&self) {
        if self
            .printing
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        // The print queue's own thread and connection: a slow printer never
        // holds up the desk.
        if let Err(e) = frontdesk_print::queue::spawn(self.data_dir.clone(), self.clock.clone()) {
            tracing::error!(error = %e, "printing is off");
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE_NAME)
    }

    pub fn open_error(&self) -> Option<ApiError> {
        if let Some(damaged) = &self.safety().damaged {
            return Some(damaged.clone());
        }
        lock(&self.db).as_ref().err().cloned()
    }

    /// Run `f` on the open file. Refused while the file is damaged.
    pub fn with_db<T>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if let Some(damaged) = &self.safety().damaged {
            return Err(damaged.clone());
        }
        self.used.store(true, std::sync::atomic::Ordering::Relaxed);
        match &mut *lock(&self.db) {
            Ok(db) => f(db),
            Err(e) => Err(e.clone()),
        }
    }

    /// Drop the desk connection's map of the data file if a command used the
    /// file since the last time (see `Db::release_file_map`; the shell's
    /// memory task calls this every five seconds).
    pub fn release_file_map(&self) {
        if !self.used.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        if let Ok(db) = &mut *lock(&self.db)
            && let Err(e) = db.release_file_map()
        {
            tracing::warn!(error = %e, "could not release the data file's map");
        }
    }

    /// Put `db` in place of the file that could not be used.
    pub fn replace_db(&self, db: Result<Db, ApiError>) {
        *lock(&self.db) = db;
    }

    /// The open file, taken out (for a restore over it): what remains says
    /// why there is none.
    pub fn take_db(&self, why: ApiError) -> Result<Db, ApiError> {
        std::mem::replace(&mut *lock(&self.db), Err(why))
    }

    pub fn desk(&self) -> MutexGuard<'_, Desk> {
        lock(&self.desk)
    }

    pub fn safety(&self) -> MutexGuard<'_, SafetyStatus> {
        lock(&self.safety)
    }

    /// The session for a command now, locking the desk if it sat idle too long.
    pub fn session(&self, db: &mut Db) -> Result<Session, ApiError> {
        self.session_for(db, None)
    }

    /// The session for a command needing `permission`: a manager's override
    /// granted at this desk is used here, once.
    fn session_for(
        &self,
        db: &mut Db,
        permission: Option<Permission>,
    ) -> Result<Session, ApiError> {
        let idle = shop::idle_limit_ms(db).map_err(ApiError::from)?;
        let now = db.now_ms();
        self.desk()
            .session_for(now, idle, permission)
            .map_err(ApiError::from)
    }

    /// Run one core command as the signed-in staff member.
    pub fn as_staff<T>(
        &self,
        f: impl FnOnce(&mut Db, &Session) -> Result<T, Error>,
    ) -> Result<T, ApiError> {
        self.as_staff_for(None, f)
    }

    /// Run one core command needing `permission` (the command table's)
    /// as the signed-in staff member, or as the manager who authorised it.
    pub fn as_staff_for<T>(
        &self,
        permission: Option<Permission>,
        f: impl FnOnce(&mut Db, &Session) -> Result<T, Error>,
    ) -> Result<T, ApiError> {
        self.with_db(|db| {
            let session = self.session_for(db, permission)?;
            f(db, &session).map_err(|e| {
                crate::safety::log_refusal(&session, &e);
                ApiError::from(e)
            })
        })
    }
}
