//! Applying the schema's migrations (declared in `crate::schema`) in one
//! transaction with `rusqlite_migration` (the schema version is SQLite's
//! `user_version`). A file newer than the app is refused; a file that needs an
//! upgrade is first copied to `backups/` beside it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, SchemaVersion};

use super::OpenReport;
use crate::error::{Error, Result};

/// The migrations a file is brought up to, and how many there are: declared
/// by `crate::schema`, which may call domain code for derived data.
pub struct Schema {
    pub migrations: &'static Migrations<'static>,
    pub version: i64,
}

fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub(super) fn upgrade(
    conn: &mut Connection,
    path: Option<&Path>,
    schema: &Schema,
) -> Result<OpenReport> {
    let from = current_version(conn)?;
    if from > schema.version {
        return Err(Error::SchemaTooNew {
            found: from,
            supported: schema.version,
        });
    }
    let mut backup = None;
    if from < schema.version {
        if let (true, Some(path)) = (from > 0, path) {
            backup = Some(backup_before_upgrade(conn, path, from)?);
        }
        schema
            .migrations
            .to_latest(conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
    }
    match schema.migrations.current_version(conn) {
        Ok(SchemaVersion::Inside(v)) if v.get() as i64 == schema.version => {}
        other => {
            return Err(Error::Migration(format!(
                "schema is at {other:?} after upgrade, expected {}",
                schema.version
            )));
        }
    }
    Ok(OpenReport {
        from_version: from,
        to_version: schema.version,
        backup,
    })
}

/// Copy the whole database (a consistent snapshot, WAL included) to
/// `backups/frontdesk-v{from}-before-upgrade-{n}.db` next to the file.
fn backup_before_upgrade(conn: &Connection, path: &Path, from: i64) -> Result<PathBuf> {
    let dir = path
        .parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"));
    std::fs::create_dir_all(&dir)?;
    let mut n = 1;
    let target = loop {
        let candidate = dir.join(format!("frontdesk-v{from}-before-upgrade-{n}.db"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])?;
    Ok(target)
}
