//! The shell's state: the open database (or why it could not be opened) and
//! the desk's sign-in state.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use frontdesk_core::clock::Clock;
use frontdesk_core::staff::{Desk, Session};
use frontdesk_core::{ApiError, Db, Error, shop};

pub struct AppState {
    pub data_dir: PathBuf,
    db: Result<Mutex<Db>, ApiError>,
    desk: Mutex<Desk>,
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

impl AppState {
    pub fn open(data_dir: PathBuf, clock: Arc<dyn Clock>, demo: Demo) -> AppState {
        let db = Db::open_in_dir(&data_dir, clock).and_then(|(mut db, report)| {
            if let Some(backup) = &report.backup {
                eprintln!(
                    "upgraded the data file from schema {} to {}; the old file is kept at {}",
                    report.from_version,
                    report.to_version,
                    backup.display()
                );
            }
            let seeded = match demo {
                Demo::No => false,
                Demo::Shop => frontdesk_core::demo::seed(&mut db)?,
                Demo::WithHistory => frontdesk_core::demo::seed_with_history(&mut db)?,
            };
            if seeded {
                eprintln!("seeded the demo shop in {}", data_dir.display());
            }
            Ok(db)
        });
        if let Err(e) = &db {
            eprintln!("cannot open the data file in {}: {e}", data_dir.display());
        }
        AppState {
            data_dir,
            db: db.map(Mutex::new).map_err(ApiError::from),
            desk: Mutex::new(Desk::default()),
        }
    }

    pub fn open_error(&self) -> Option<&ApiError> {
        self.db.as_ref().err()
    }

    pub fn db(&self) -> Result<MutexGuard<'_, Db>, ApiError> {
        match &self.db {
            Ok(m) => Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn desk(&self) -> MutexGuard<'_, Desk> {
        self.desk
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The session for a command now, locking the desk if it sat idle too long.
    pub fn session(&self, db: &mut Db) -> Result<Session, ApiError> {
        let idle = shop::idle_limit_ms(db).map_err(ApiError::from)?;
        let now = db.now_ms();
        self.desk().session(now, idle).map_err(ApiError::from)
    }

    /// Run one core command as the signed-in staff member.
    pub fn as_staff<T>(
        &self,
        f: impl FnOnce(&mut Db, &Session) -> Result<T, Error>,
    ) -> Result<T, ApiError> {
        let mut db = self.db()?;
        let session = self.session(&mut db)?;
        f(&mut db, &session).map_err(ApiError::from)
    }
}
