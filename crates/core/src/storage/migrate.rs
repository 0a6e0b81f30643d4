//! Schema migrations: numbered SQL files embedded in the binary, applied in one
//! transaction by `rusqlite_migration` (the schema version is SQLite's
//! `user_version`). A file newer than the app is refused; a file that needs an
//! upgrade is first copied to `backups/` beside it.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};

use super::OpenReport;
use crate::error::{Error, Result};

/// Every migration, in order. Never edit a released one: add the next number.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_customer_card.sql"),
    include_str!("migrations/0003_catalog.sql"),
    include_str!("migrations/0004_flow_settings.sql"),
    include_str!("migrations/0005_visits.sql"),
    include_str!("migrations/0006_membership.sql"),
    include_str!("migrations/0007_membership_totals.sql"),
];

/// The schema version this app writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

static ALL: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()));

pub fn migrations() -> &'static Migrations<'static> {
    &ALL
}

fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub(super) fn upgrade(conn: &mut Connection, path: Option<&Path>) -> Result<OpenReport> {
    let from = current_version(conn)?;
    if from > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    let mut backup = None;
    if from < SCHEMA_VERSION {
        if let (true, Some(path)) = (from > 0, path) {
            backup = Some(backup_before_upgrade(conn, path, from)?);
        }
        migrations()
            .to_latest(conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
    }
    match migrations().current_version(conn) {
        Ok(SchemaVersion::Inside(v)) if v.get() as i64 == SCHEMA_VERSION => {}
        other => {
            return Err(Error::Migration(format!(
                "schema is at {other:?} after upgrade, expected {SCHEMA_VERSION}"
            )));
        }
    }
    Ok(OpenReport {
        from_version: from,
        to_version: SCHEMA_VERSION,
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

#[cfg(test)]
mod tests {
    use super::*;

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
            let mut c = Connection::open(&path).unwrap();
            let report = upgrade(&mut c, Some(&path)).unwrap();
            assert_eq!(report.from_version, start);
            assert_eq!(report.to_version, SCHEMA_VERSION);
            assert_eq!(current_version(&c).unwrap(), SCHEMA_VERSION);
            let tables: i64 = c
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('shop', 'staff', 'customers', 'audit_log')",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(tables, 4);
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
