//! Taking one backup: a consistent copy of the live file made by SQLite
//! (`VACUUM INTO` on a read-only connection of its own, so the desk keeps
//! working while it runs), checked, summed, and described by a manifest
//! beside it. A copy is only named as a backup once it has passed
//! `integrity_check`; a half-written one keeps its `.partial` name.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};

use super::{BackupInfo, MANIFEST_EXT, Trigger};
use crate::clock::{self, Millis};
use crate::error::{Error, Result};
use crate::storage::is_damage;

/// Copy the live database at `source` into `dir` and return what the copy
/// holds. `now` names it; the shop's time zone (read from the copy) gives
/// its business day for rotation.
pub(super) fn take(source: &Path, dir: &Path, trigger: Trigger, now: Millis) -> Result<BackupInfo> {
    fs::create_dir_all(dir)?;
    let stem = unique_stem(dir, now, trigger);
    let file = format!("{stem}.db");
    let partial = dir.join(format!("{stem}.db.partial"));
    let target = dir.join(&file);
    let _ = fs::remove_file(&partial);
    let made = (|| -> Result<BackupInfo> {
        {
            let conn = Connection::open_with_flags(
                source,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(std::time::Duration::from_secs(30))?;
            conn.execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])
                .map_err(damage)?;
        }
        sync_file(&partial)?;
        let contents = read_contents(&partial)?;
        let (size, sha256) = digest(&partial)?;
        let tz = contents.time_zone;
        let info = BackupInfo {
            file: file.clone(),
            at: now,
            business_date: clock::business_date(now, tz).to_string(),
            trigger,
            size,
            sha256,
            schema_version: contents.schema_version,
            customers: contents.customers,
            visits: contents.visits,
            last_checkout_at: contents.last_checkout_at,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        fs::rename(&partial, &target)?;
        write_manifest(dir, &info)?;
        sync_dir(dir);
        Ok(info)
    })();
    if made.is_err() {
        let _ = fs::remove_file(&partial);
    }
    made
}

/// A damaged source answers `VACUUM INTO` with SQLITE_CORRUPT: say so.
fn damage(e: rusqlite::Error) -> Error {
    if is_damage(&e) {
        Error::Corrupt(e.to_string())
    } else {
        e.into()
    }
}

/// `frontdesk-20261201-083000-auto`, with `-2`, `-3` … if taken twice in a second.
fn unique_stem(dir: &Path, now: Millis, trigger: Trigger) -> String {
    let stamp = clock::local_stamp(now, chrono_tz::UTC);
    let base = format!("frontdesk-{stamp}-{}", trigger.as_str());
    let mut stem = base.clone();
    let mut n = 2;
    while dir.join(format!("{stem}.db")).exists() {
        stem = format!("{base}-{n}");
        n += 1;
    }
    stem
}

/// What a checked copy holds, for the restore list.
pub(super) struct Contents {
    pub schema_version: i64,
    pub customers: i64,
    pub visits: i64,
    pub last_checkout_at: Option<Millis>,
    pub time_zone: chrono_tz::Tz,
}

/// Check the copy at `path` with `PRAGMA integrity_check` (every page, every
/// index against its table) and read what it holds. Opened read-only: a
/// backup is never written to.
pub(super) fn read_contents(path: &Path) -> Result<Contents> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(damage)?;
    if rows.len() != 1 || rows[0] != "ok" {
        return Err(Error::Corrupt(rows.join("; ")));
    }
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has = |table: &str| -> Result<bool> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    let customers = if has("customers")? {
        conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?
    } else {
        0
    };
    let (visits, last_checkout_at) = if has("visits")? {
        conn.query_row(
            "SELECT count(*), max(CASE WHEN status = 'checked_out' THEN closed_at END) FROM visits",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
    } else {
        (0, None)
    };
    let time_zone = if has("shop")? {
        conn.query_row("SELECT time_zone FROM shop WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|name| name.parse().ok())
        .unwrap_or(clock::DEFAULT_TIME_ZONE)
    } else {
        clock::DEFAULT_TIME_ZONE
    };
    Ok(Contents {
        schema_version,
        customers,
        visits,
        last_checkout_at,
        time_zone,
    })
}

/// The file's size and SHA-256 (lower-case hex).
pub(super) fn digest(path: &Path) -> Result<(i64, String)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size: i64 = 0;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size = size.saturating_add(i64::try_from(n).unwrap_or(i64::MAX));
    }
    Ok((size, hex::encode(hasher.finalize())))
}

pub(super) fn manifest_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!("{file}.{MANIFEST_EXT}"))
}

/// Write `info` beside its backup (written whole, then renamed).
pub(super) fn write_manifest(dir: &Path, info: &BackupInfo) -> Result<()> {
    let path = manifest_path(dir, &info.file);
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp)?;
        f.write_all(serde_json::to_string_pretty(info)?.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, &path)?;
    Ok(())
}

/// Copy a backup and its manifest into `to` (a second folder), checking the
/// copy's checksum before naming it.
pub(super) fn mirror(dir: &Path, info: &BackupInfo, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    let partial = to.join(format!("{}.partial", info.file));
    fs::copy(dir.join(&info.file), &partial)?;
    sync_file(&partial)?;
    let (size, sha) = digest(&partial)?;
    if size != info.size || sha != info.sha256 {
        let _ = fs::remove_file(&partial);
        return Err(Error::Corrupt(format!(
            "the copy of {} in {} does not match its checksum",
            info.file,
            to.display()
        )));
    }
    fs::rename(&partial, to.join(&info.file))?;
    write_manifest(to, info)?;
    sync_dir(to);
    Ok(())
}

fn sync_file(path: &Path) -> Result<()> {
    File::options()
        .read(true)
        .write(true)
        .open(path)?
        .sync_all()?;
    Ok(())
}

/// Make a rename durable (a directory fsync; not possible on every system,
/// where the rename is durable enough on its own).
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
