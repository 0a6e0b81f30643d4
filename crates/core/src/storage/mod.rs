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

use crate::clock::{Clock, Millis};
use crate::error::{Error, Result};

pub use migrate::Schema;

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
    /// Open (creating if needed) the database file at `path`, check it, and
    /// bring it up to `schema` (the app's is `crate::schema`; `Db::open` and
    /// its siblings there supply it).
    pub fn open_with(
        path: &Path,
        clock: Arc<dyn Clock>,
        schema: &Schema,
    ) -> Result<(Db, OpenReport)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Refuse a file from a newer app before anything is written to it
        // (setting the journal mode already writes to the file's header).
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema.version {
            return Err(Error::SchemaTooNew {
                found,
                supported: schema.version,
            });
        }
        let mut db = Db {
            conn,
            clock,
            path: Some(path.to_path_buf()),
        };
        db.configure()?;
        db.check_integrity()?;
        let report = migrate::upgrade(&mut db.conn, Some(path), schema)?;
        Ok((db, report))
    }

    /// A private in-memory database brought up to `schema`, for tests.
    pub fn open_in_memory_with(clock: Arc<dyn Clock>, schema: &Schema) -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        let mut db = Db {
            conn,
            clock,
            path: None,
        };
        db.configure()?;
        migrate::upgrade(&mut db.conn, None, schema)?;
        Ok(db)
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

    /// Read the time from `clock` from now on, answering the clock it
    /// replaces (the demo's history is made at past instants, then the
    /// real clock is put back).
    pub fn replace_clock(&mut self, clock: Arc<dyn Clock>) -> Arc<dyn Clock> {
        std::mem::replace(&mut self.clock, clock)
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
