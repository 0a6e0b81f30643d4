//! The connection's memory map of the data file (Linux: read from
//! /proc/self/smaps, the kernel's own account of this process's memory).

use std::path::Path;
use std::sync::Arc;

use crate::Db;
use crate::clock::FixedClock;

/// Resident kilobytes of this process's maps of `path`.
fn mapped_kb(path: &Path) -> u64 {
    let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
    let name = path.to_str().expect("utf-8 path");
    let mut ours = false;
    let mut kb = 0;
    for line in smaps.lines() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            ours = line.ends_with(name);
        } else if ours && let Some(rss) = line.strip_prefix("Rss:") {
            kb += rss
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .unwrap_or(0);
        }
    }
    kb
}

fn read_everything(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT sum(length(b)) FROM filler", [], |r| r.get(0))
        .expect("read")
}

#[test]
fn releasing_the_map_gives_back_the_pages_read_and_reading_maps_them_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("frontdesk.db");
    let (mut db, _) = Db::open(&path, Arc::new(FixedClock::at(1_000))).expect("open");
    db.conn()
        .execute_batch(
            "CREATE TABLE filler (b BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
             INSERT INTO filler SELECT randomblob(3000) FROM n;",
        )
        .expect("fill");
    // Move the rows from the WAL into the file, where the map reads them.
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");

    assert_eq!(read_everything(&db), 4000 * 3000);
    let before = mapped_kb(&path);
    assert!(
        before > 8_000,
        "reading ~12 MB mapped {before} kB of the file"
    );

    db.release_file_map().expect("release");
    assert_eq!(
        mapped_kb(&path),
        0,
        "nothing of the file is mapped after the release"
    );

    // The map is still in use: the next read goes through it again.
    assert_eq!(read_everything(&db), 4000 * 3000);
    let again = mapped_kb(&path);
    assert!(again > 8_000, "reading again mapped {again} kB");
    let mmap: i64 = db
        .conn()
        .query_row("PRAGMA mmap_size", [], |r| r.get(0))
        .expect("mmap_size");
    assert_eq!(mmap, 1 << 30);
}
