//! The schema: every migration in order, and the constructors that open a
//! file at it ([`Db::open`] and its siblings).
//!
//! Most migrations are numbered SQL files (`storage/migrations/`); a few carry
//! a Rust step for data derived by domain code, such as the customer search
//! index, which is rebuilt whenever the way names are read changes. This module
//! sits above every domain module so that storage itself knows none of them.
//! Never edit a released migration: add the next number.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult, M, Migrations};

use crate::clock::{Clock, SystemClock};
use crate::error::Result;
use crate::storage::{Check, DB_FILE_NAME, Db, OpenReport, Schema};

/// The SQL of every migration, in order.
const SQL: &[&str] = &[
    include_str!("storage/migrations/0001_init.sql"),
    include_str!("storage/migrations/0002_customer_card.sql"),
    include_str!("storage/migrations/0003_catalog.sql"),
    include_str!("storage/migrations/0004_flow_settings.sql"),
    include_str!("storage/migrations/0005_visits.sql"),
    include_str!("storage/migrations/0006_membership.sql"),
    include_str!("storage/migrations/0007_membership_totals.sql"),
    include_str!("storage/migrations/0008_name_readings.sql"),
    include_str!("storage/migrations/0009_gifts.sql"),
    include_str!("storage/migrations/0010_printing.sql"),
    include_str!("storage/migrations/0011_reports.sql"),
    include_str!("storage/migrations/0012_audit.sql"),
    include_str!("storage/migrations/0013_safety.sql"),
];

/// The Rust step run after a migration's SQL, in the same transaction.
fn step(version: usize) -> Option<fn(&Transaction) -> HookResult> {
    match version {
        8 => Some(|tx| {
            crate::staff::tidy_names(tx).map_err(hook_error)?;
            crate::customers::search::rebuild_index(tx).map_err(hook_error)?;
            Ok(())
        }),
        _ => None,
    }
}

fn hook_error(e: crate::error::Error) -> HookError {
    HookError::Hook(e.to_string())
}

/// The schema version this app writes.
pub const SCHEMA_VERSION: i64 = SQL.len() as i64;

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(
        SQL.iter()
            .enumerate()
            .map(|(i, sql)| match step(i + 1) {
                Some(hook) => M::up_with_hook(sql, hook),
                None => M::up(sql),
            })
            .collect(),
    )
});

/// Every migration, for tests that build files at earlier versions.
pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

fn schema() -> Schema {
    Schema {
        migrations: &MIGRATIONS,
        version: SCHEMA_VERSION,
    }
}

impl Db {
    /// Open (creating if needed) the database in `data_dir`, check it, and bring
    /// its schema up to date.
    pub fn open_in_dir(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<(Db, OpenReport)> {
        std::fs::create_dir_all(data_dir)?;
        Db::open(&data_dir.join(DB_FILE_NAME), clock)
    }

    /// Open (creating if needed) the database file at `path`, reading every
    /// page to check it first.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<(Db, OpenReport)> {
        Db::open_with(path, clock, &schema(), Check::Full)
    }

    /// Open the database file at `path` checking only as much as `check` says
    /// (the desk's start: see [`Check`]).
    pub fn open_checked(
        path: &Path,
        clock: Arc<dyn Clock>,
        check: Check,
    ) -> Result<(Db, OpenReport)> {
        Db::open_with(path, clock, &schema(), check)
    }

    /// Replace this database's content with the backup at `src` and bring it
    /// up to this app's schema (see [`Db::restore_from`]).
    pub fn restore_file(&mut self, src: &Path) -> Result<()> {
        self.restore_from(src, &schema())
    }

    /// A private in-memory database with the real migrations, for unit tests.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Db> {
        Db::open_in_memory_with(clock, &schema())
    }

    /// An in-memory database on the system clock.
    pub fn open_in_memory_now() -> Result<Db> {
        Db::open_in_memory(Arc::new(SystemClock))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::error::Error;
    use rusqlite::Connection;

    fn clock() -> Arc<dyn Clock> {
        Arc::new(FixedClock::at(1_700_000_000_000))
    }

    #[test]
    fn a_new_file_is_created_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().unwrap();
        let (db, report) = Db::open_in_dir(dir.path(), clock()).unwrap();
        assert_eq!(report.from_version, 0);
        assert_eq!(report.to_version, SCHEMA_VERSION);
        assert!(report.backup.is_none(), "nothing to back up in a new file");
        let mode: String = db
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = db
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = db
            .conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert!(dir.path().join(DB_FILE_NAME).exists());
    }

    #[test]
    fn a_failed_transaction_leaves_nothing_behind() {
        let mut db = Db::open_in_memory(clock()).unwrap();
        let r: Result<()> = db.transact(|tx| {
            tx.execute(
                "INSERT INTO audit_log (at, staff_id, action, entity) VALUES (?1, NULL, 'x', 'y')",
                [tx.now],
            )?;
            Err(Error::Internal("boom".into()))
        });
        assert!(r.is_err());
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn reopening_an_up_to_date_file_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        drop(Db::open_in_dir(dir.path(), clock()).unwrap());
        let (_db, report) = Db::open_in_dir(dir.path(), clock()).unwrap();
        assert_eq!(report.from_version, SCHEMA_VERSION);
        assert_eq!(report.to_version, SCHEMA_VERSION);
        assert!(report.backup.is_none());
    }

    #[test]
    fn a_file_from_a_newer_app_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE_NAME);
        drop(Db::open(&path, clock()).unwrap());
        {
            // As a newer app might leave it: rollback journal, a newer version.
            let c = Connection::open(&path).unwrap();
            c.execute_batch("PRAGMA journal_mode=DELETE;").unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
                .unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        match Db::open(&path, clock()) {
            Err(Error::SchemaTooNew { found, supported }) => {
                assert_eq!(found, SCHEMA_VERSION + 5);
                assert_eq!(supported, SCHEMA_VERSION);
            }
            Err(e) => panic!("expected SchemaTooNew, got {e:?}"),
            Ok(_) => panic!("expected SchemaTooNew, got Ok"),
        }
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION + 5);
        drop(c);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "the newer file is not modified"
        );
    }

    #[test]
    fn a_damaged_file_is_refused_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE_NAME);
        std::fs::write(
            &path,
            b"this is not a database, just some bytes ...........",
        )
        .unwrap();
        match Db::open(&path, clock()) {
            Err(Error::Storage(_)) | Err(Error::Corrupt(_)) => {}
            Err(e) => panic!("expected Corrupt/Storage, got {e:?}"),
            Ok(_) => panic!("a garbage file must not open"),
        }
    }

    #[test]
    fn the_migration_list_is_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn every_earlier_schema_version_upgrades_to_the_latest() {
        // Build a file at each earlier version (0 = a new, empty file) with the
        // real migrations, then open it as the app does: it must reach the
        // latest version, and an existing file must be backed up first.
        for start in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("frontdesk.db");
            {
                let mut c = Connection::open(&path).unwrap();
                migrations().to_version(&mut c, start as usize).unwrap();
            }
            let (db, report) = Db::open(&path, clock()).unwrap();
            assert_eq!(report.from_version, start);
            assert_eq!(report.to_version, SCHEMA_VERSION);
            let v: i64 = db
                .conn()
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, SCHEMA_VERSION);
            match (start, report.backup) {
                (0, None) => {}
                (0, Some(b)) => panic!("a new file needs no backup, got {b:?}"),
                (_, None) => panic!("upgrading from {start} made no backup"),
                (_, Some(backup)) => {
                    let b = Connection::open(backup).unwrap();
                    let v: i64 = b
                        .query_row("PRAGMA user_version", [], |r| r.get(0))
                        .unwrap();
                    assert_eq!(v, start, "the backup keeps the old version");
                }
            }
        }
    }
}
