//! Storage: the one SQLite file, its connection settings, its migrations, and the
//! [`Db::transact`] helper through which every write goes.
//!
//! Connection settings (applied on every open, see docs/ARCHITECTURE.md):
//! - `journal_mode=WAL`: readers never block the writer; a crash leaves the file
//!   consistent.
//! - `synchronous=FULL`: every commit is fsynced before it is acknowledged, so a
//!   power cut at the front desk cannot lose a checkout the customer was told went
//!   through. Costs one fsync per write command, well inside the 10 ms budget.
//! - `foreign_keys=ON`, `busy_timeout=5000`.
//! - `secure_delete=ON`: freed pages are zeroed, so erasing a customer on
//!   request leaves no copy of her data in the file.
//! - `cache_size` 64 MiB and `mmap_size` 1 GiB: a million-customer file is
//!   ~600 MB; reading it through the memory map instead of a 2 MB page cache
//!   keeps search-as-you-type well under its 2 ms budget (docs/BENCHMARKS.md).

mod migrate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::clock::{Clock, Millis, SystemClock};
use crate::error::{Error, Result};

pub use migrate::{SCHEMA_VERSION, migrations};

/// The name of the data file inside the data directory.
pub const DB_FILE_NAME: &str = "frontdesk.db";

/// An open Frontdesk database: one connection plus the clock commands read.
pub struct Db {
    conn: Connection,
    clock: Arc<dyn Clock>,
    path: Option<PathBuf>,
}

/// A write transaction. `now` is read once when it begins, so every row a
/// command writes carries the same instant.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    pub now: Millis,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// What opening the file found and did, for the shell to log or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub from_version: i64,
    pub to_version: i64,
    /// Where the pre-upgrade copy was written, when an upgrade happened.
    pub backup: Option<PathBuf>,
}

impl Db {
    /// Open (creating if needed) the database in `data_dir`, check it, and bring
    /// its schema up to date.
    pub fn open_in_dir(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<(Db, OpenReport)> {
        std::fs::create_dir_all(data_dir)?;
        Db::open(&data_dir.join(DB_FILE_NAME), clock)
    }

    /// Open (creating if needed) the database file at `path`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<(Db, OpenReport)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Refuse a file from a newer app before anything is written to it
        // (setting the journal mode already writes to the file's header).
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let mut db = Db {
            conn,
            clock,
            path: Some(path.to_path_buf()),
        };
        db.configure()?;
        db.check_integrity()?;
        let report = migrate::upgrade(&mut db.conn, Some(path))?;
        crate::customers::search::backfill(&db.conn)?;
        Ok((db, report))
    }

    /// A private in-memory database with the real migrations, for unit tests.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        let mut db = Db {
            conn,
            clock,
            path: None,
        };
        db.configure()?;
        migrate::upgrade(&mut db.conn, None)?;
        crate::customers::search::backfill(&db.conn)?;
        Ok(db)
    }

    /// An in-memory database on the system clock.
    pub fn open_in_memory_now() -> Result<Db> {
        Db::open_in_memory(Arc::new(SystemClock))
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // journal_mode returns a row; in-memory databases answer "memory".
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous=FULL;
             PRAGMA foreign_keys=ON;
             PRAGMA secure_delete=ON;
             PRAGMA temp_store=MEMORY;
             PRAGMA cache_size=-65536;
             PRAGMA mmap_size=1073741824;",
        )?;
        Ok(())
    }

    /// `PRAGMA quick_check` on open: catches a damaged file (torn copy, disk
    /// error) before anything is written to it. `quick_check` skips index/table
    /// cross-checks, which keeps start-up fast on a million-customer file.
    fn check_integrity(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.len() == 1 && rows[0] == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt(rows.join("; ")))
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn now_ms(&self) -> Millis {
        self.clock.now_ms()
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    /// Run `f` in one `BEGIN IMMEDIATE` transaction: it commits if `f` returns
    /// `Ok` and rolls back otherwise, so a failed command leaves no trace.
    /// IMMEDIATE takes the write lock up front, so read-then-write rules (a
    /// balance check, a unique serial) cannot race another connection.
    pub fn transact<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wrapped = Tx { tx, now };
        let out = f(&wrapped)?;
        wrapped.tx.commit()?;
        Ok(out)
    }

    /// Run a read-only `f` in one deferred transaction, so it sees one snapshot.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let wrapped = Tx { tx, now };
        let out = f(&wrapped)?;
        // Nothing was written; finishing the transaction just releases the snapshot.
        wrapped.tx.rollback()?;
        Ok(out)
    }

    /// The raw connection, for tests and benchmarks that inspect the file.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

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
}
