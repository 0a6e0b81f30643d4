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
//!   The pages a connection has read through the map count in the app's
//!   memory until the map is dropped: the shell drops it every five seconds
//!   the file was used ([`Db::release_file_map`]); the pages stay in the
//!   operating system's file cache, so the next read maps them back cheaply.

mod migrate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::clock::{Clock, Millis};
use crate::error::{Error, Result};

pub use migrate::Schema;

/// The largest part of the data file a connection maps (see the module docs).
const MMAP_SIZE: i64 = 1 << 30;

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

/// How much of the file [`Db::open_with`] checks before it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// `PRAGMA quick_check`, reading every page: after an unclean shutdown,
    /// and in tests.
    Full,
    /// Only the header and the schema: the desk's normal start, with the full
    /// check run in the background on its own connection (see
    /// [`check_file`]) so a large file does not hold up the sign-in screen.
    Header,
}

/// `PRAGMA quick_check` on its own read-only connection without a memory
/// map, so the pages it reads stay out of the app's memory. For the
/// background check after a normal start, and for a backup's copy.
pub fn check_file(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    quick_check(&conn)
}

fn quick_check(conn: &Connection) -> Result<()> {
    let rows: std::result::Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(Error::Corrupt(rows.join("; "))),
        Err(e) if is_damage(&e) => Err(Error::Corrupt(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// SQLite's answers for a file that is damaged or is no database at all.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
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
        check: Check,
    ) -> Result<(Db, OpenReport)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Refuse a file from a newer app before anything is written to it
        // (setting the journal mode already writes to the file's header).
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| {
                if is_damage(&e) {
                    Error::Corrupt(e.to_string())
                } else {
                    e.into()
                }
            })?;
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
        // Damage in the pages these first statements read (the schema) is
        // damage, not a storage fault: the desk offers a backup for it.
        let damaged = |e: Error| match e {
            Error::Storage(ref s) if is_damage(s) => Error::Corrupt(s.to_string()),
            e => e,
        };
        db.configure().map_err(damaged)?;
        match check {
            Check::Full => db.check_integrity()?,
            Check::Header => db.check_header()?,
        }
        let report = migrate::upgrade(&mut db.conn, Some(path), schema)?;
        Ok((db, report))
    }

    /// Replace the whole content of this database with the file at `src`,
    /// through SQLite's online backup API in one step: every page is copied
    /// in one write transaction, so other connections to the file (the print
    /// queue's, the backup watcher's) see either the old file or the restored
    /// one, never a mix. The restored content is then brought up to `schema`.
    pub fn restore_from(&mut self, src: &Path, schema: &Schema) -> Result<()> {
        let source = Connection::open_with_flags(
            src,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => {}
                other => {
                    return Err(Error::Internal(format!(
                        "restore did not finish in one step: {other:?}"
                    )));
                }
            }
        }
        drop(source);
        self.configure()?;
        self.check_integrity()?;
        migrate::upgrade(&mut self.conn, self.path.clone().as_deref(), schema)?;
        Ok(())
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
             PRAGMA cache_size=-65536;",
        )?;
        self.set_mmap_size(MMAP_SIZE)
    }

    fn set_mmap_size(&self, bytes: i64) -> Result<()> {
        Ok(self
            .conn
            .execute_batch(&format!("PRAGMA mmap_size={bytes};"))?)
    }

    /// Drop this connection's map of the data file. Every page read through
    /// it (a search walks a different part of the index each time) stays
    /// counted in the process's memory while the map stands; unmapped, the
    /// pages are the operating system's file cache again, which it can give
    /// to any program, and the next read maps them back as it needs them.
    /// SQLite unmaps only when the size changes and no page is held: so the
    /// size goes to 0 and back, between transactions (`&mut self`).
    pub fn release_file_map(&mut self) -> Result<()> {
        self.set_mmap_size(0)?;
        self.set_mmap_size(MMAP_SIZE)
    }

    /// `PRAGMA quick_check`: catches a damaged file (torn copy, disk error)
    /// before anything is written to it. It reads every page of the file.
    fn check_integrity(&self) -> Result<()> {
        quick_check(&self.conn)
    }

    /// The cheap check of [`Check::Header`]: the header and the schema pages
    /// parse (a file that is not a database, or a torn first page, fails).
    fn check_header(&self) -> Result<()> {
        let objects: std::result::Result<i64, rusqlite::Error> =
            self.conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0));
        match objects {
            Ok(_) => Ok(()),
            Err(e) if is_damage(&e) => Err(Error::Corrupt(e.to_string())),
            Err(e) => Err(e.into()),
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

    /// Close without the checkpoint SQLite runs when the last connection
    /// closes, so a file found damaged is not written to on the way out.
    pub fn close_without_checkpoint(self) {
        let _ = self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
        drop(self);
    }

    /// The raw connection, for tests and benchmarks that inspect the file.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests;
