//! A shop's file written by any earlier release opens in this one: upgraded in
//! place, backed up first, its data whole and found by today's search, and its
//! structure the same as a new file's. The files are frozen: each one was
//! written by that release's own code (`scripts/freeze-schema.sh`) and is
//! committed under `tests/fixtures/schemas/`, so editing a released migration
//! shows up here. The final schema is kept as a snapshot beside them.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::FixedClock;
use frontdesk_core::customers::{self, SearchRequest};
use frontdesk_core::schema::SCHEMA_VERSION;
use frontdesk_core::staff::{Desk, SignInRequest};
use rusqlite::Connection;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schemas");

/// A copy of the frozen file of schema `version` in a temporary folder.
fn frozen(version: i64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    std::fs::copy(format!("{FIXTURES}/v{version}.db"), &path).unwrap_or_else(|e| {
        panic!(
            "tests/fixtures/schemas/v{version}.db: {e} (freeze it with scripts/freeze-schema.sh)"
        )
    });
    (dir, path)
}

/// The file's structure, comparable across files: every table, index,
/// trigger and view as SQLite stores it, in name order.
fn structure(c: &Connection) -> String {
    let mut stmt = c
        .prepare(
            "SELECT type, name, sql FROM sqlite_master
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "-- {} {}\n{};\n",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect::<Vec<_>>();
    rows.join("\n")
}

/// Rows of every table of the old file, except the search index (derived,
/// rebuilt by an upgrade).
fn row_counts(c: &Connection) -> Vec<(String, i64)> {
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'customer_search' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = c
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn every_released_schema_is_frozen_and_upgrades_to_a_file_like_a_new_one() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let clock = || Arc::new(FixedClock::at(1_795_395_600_000));
    let (fresh, _) = Db::open(&fresh_dir.path().join("frontdesk.db"), clock()).unwrap();
    let want = structure(fresh.conn());
    for version in 1..=SCHEMA_VERSION {
        let (_dir, path) = frozen(version);
        let (before, customers_before) = {
            let c = Connection::open(&path).unwrap();
            let v: i64 = c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, version, "v{version}.db holds schema {v}");
            let people: Vec<(i64, String, String)> = c
                .prepare("SELECT id, name, phone FROM customers ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            (row_counts(&c), people)
        };
        assert!(!customers_before.is_empty(), "v{version}.db has customers");

        let (mut db, report) = Db::open(&path, clock()).unwrap();
        assert_eq!(
            (report.from_version, report.to_version),
            (version, SCHEMA_VERSION)
        );
        assert_eq!(
            report.backup.is_some(),
            version < SCHEMA_VERSION,
            "v{version}: backed up exactly when upgraded"
        );
        let c = db.conn();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "v{version}");
        let dangling: i64 = c
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(dangling, 0, "v{version}: no row points at nothing");
        assert_eq!(
            structure(c),
            want,
            "v{version} upgraded differs from a new file"
        );
        // No row is lost from any table the old file had.
        let after = row_counts(c);
        for (table, n) in &before {
            let now = after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
            assert_eq!(now, Some(*n), "v{version}: rows of {table}");
        }
        // Every customer is found by her name and by her phone's last four.
        for (id, name, phone) in &customers_before {
            for q in [name.as_str(), &phone[7..]] {
                let hits =
                    customers::search::search(c, &customers::search::Query::parse(q), 50).unwrap();
                assert!(
                    hits.iter().any(|(h, _)| h.0 == *id),
                    "v{version}: {name} not found by {q}"
                );
            }
        }
        // And the shop works on it: the manager signs in and the desk's
        // screens read.
        let manager = Desk::default()
            .sign_in(
                &mut db,
                SignInRequest {
                    staff_no: "1001".into(),
                    pin: "1234".into(),
                },
            )
            .unwrap();
        frontdesk_core::visits::board::today_board(&mut db, &manager).unwrap();
        frontdesk_core::membership::membership_report(&mut db, &manager).unwrap();
        frontdesk_core::catalog::catalog(&mut db, &manager).unwrap();
    }
    assert!(
        !std::path::Path::new(&format!("{FIXTURES}/v{}.db", SCHEMA_VERSION + 1)).exists(),
        "a frozen file newer than this app"
    );
}

/// The final schema as text, so a change to it is seen in review. After a
/// deliberate change, rewrite it with `FRONTDESK_BLESS=1 cargo test -p
/// frontdesk-tests --test upgrade`.
#[test]
fn the_schema_matches_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = Db::open(
        &dir.path().join("frontdesk.db"),
        Arc::new(FixedClock::at(1_795_395_600_000)),
    )
    .unwrap();
    let now = format!(
        "-- The schema of a new data file at version {SCHEMA_VERSION} (tests/tests/upgrade.rs).\n\n{}",
        structure(db.conn())
    );
    let path = format!("{FIXTURES}/schema.sql");
    if std::env::var_os("FRONTDESK_BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let snapshot = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        snapshot == now,
        "the schema differs from tests/fixtures/schemas/schema.sql; if that is intended, \
         run FRONTDESK_BLESS=1 cargo test -p frontdesk-tests --test upgrade and review the diff"
    );
}

#[test]
fn a_schema_1_file_with_customers_upgrades_and_its_customers_are_found() {
    let (_dir, path) = frozen(1);
    let clock = Arc::new(FixedClock::at(1_795_395_600_000));
    let (mut db, report) = Db::open(&path, clock).unwrap();
    assert_eq!(
        (report.from_version, report.to_version),
        (1, SCHEMA_VERSION)
    );
    let backup = report.backup.expect("backed up before the upgrade");
    assert!(backup.exists());
    let old: i64 = Connection::open(&backup)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old, 1, "the backup is the file as it was");

    // Straight after opening, the index already holds the old customers,
    // read as today's tables read them (曾 as a surname is zeng).
    let find = |db: &Db, q: &str| -> Vec<i64> {
        let q = customers::search::Query::parse(q);
        customers::search::search(db.conn(), &q, 20)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id.0)
            .collect()
    };
    assert_eq!(find(&db, "zeng"), vec![4]);
    assert_eq!(find(&db, "zxh"), vec![4]);
    assert_eq!(find(&db, "6666"), vec![4]);
    assert_eq!(find(&db, "shan"), vec![7], "单 as a surname is shan");

    // And the app works on it as usual: the first release's receptionist
    // signs in with her PIN and finds the customer.
    let r = Desk::default()
        .sign_in(
            &mut db,
            SignInRequest {
                staff_no: "2001".into(),
                pin: "2001".into(),
            },
        )
        .unwrap();
    let hits = customers::search_customers(
        &mut db,
        &r,
        SearchRequest {
            query: "曾".into(),
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(hits[0].name, "曾小红");
    assert_eq!(
        hits[0].address_as, "曾小红",
        "gender unknown after upgrade: addressed by name"
    );
}

/// A schema-7 file holds names saved before the name rule (stray spaces)
/// and search entries made with the old readings (李长青 as lzq, 仇静 as cj):
/// the upgrade tidies the names and rebuilds the index, so the desk finds
/// them by their real readings and nothing stale is left.
#[test]
fn a_schema_7_file_gets_tidy_names_and_todays_readings() {
    let (_dir, path) = frozen(7);
    {
        // What the release before the name rule let in, written as it wrote it.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "INSERT INTO staff (id, staff_no, name, role, pin_hash, created_at, updated_at)
                 VALUES (101, '1009', '王  店长', 'manager', 'x', 0, 0);
             INSERT INTO customers (id, name, phone, name_initials, name_pinyin,
                                    created_at, created_by, updated_at, updated_by)
                 VALUES (101, '仇  静', '13600000001', 'cj', 'choujing', 0, 1, 0, 1),
                        (102, '李长青', '13600000002', 'lzq', 'lizhangqing', 0, 1, 0, 1);
             INSERT INTO customer_search (term, rank, customer_id) VALUES
                 ('icj', 0, 101), ('fchoujing', 0, 101), ('n仇', 0, 101), ('p0001', 0, 101),
                 ('ilzq', 0, 102), ('flizhangqing', 0, 102), ('n李', 0, 102), ('n李长', 0, 102),
                 ('n长', 1, 102), ('n长青', 1, 102), ('n青', 1, 102), ('p0002', 0, 102);",
        )
        .unwrap();
    }
    let clock = Arc::new(FixedClock::at(1_795_395_600_000));
    let (db, report) = Db::open(&path, clock).unwrap();
    assert_eq!(report.from_version, 7);
    let name: String = db
        .conn()
        .query_row("SELECT name FROM customers WHERE id = 101", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "仇静");
    let staff: String = db
        .conn()
        .query_row("SELECT name FROM staff WHERE id = 101", [], |r| r.get(0))
        .unwrap();
    assert_eq!(staff, "王店长");
    let find = |q: &str| -> Vec<i64> {
        let q = customers::search::Query::parse(q);
        customers::search::search(db.conn(), &q, 20)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id.0)
            .collect()
    };
    assert_eq!(find("仇静"), vec![101]);
    assert_eq!(find("qj"), vec![101]);
    assert_eq!(find("qiujing"), vec![101]);
    assert_eq!(find("lcq"), vec![102]);
    assert_eq!(find("lichangqing"), vec![102]);
    assert_eq!(find("0002"), vec![102], "phone terms are rebuilt too");
    let stale: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM customer_search WHERE term IN ('icj', 'fchoujing')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0, "no entry of the old readings is left");
}

#[test]
fn a_schema_10_file_with_visits_gets_each_customers_visit_row() {
    let (_dir, path) = frozen(10);
    {
        // Visits as release 10 wrote them: two checked out for customer 1
        // (the later one last), one checked out then voided for customer 2,
        // an anonymous walk-in.
        let c = Connection::open(&path).unwrap();
        let visit = |id: i64, customer: Option<i64>, closed: i64, status: &str| {
            c.execute(
                "INSERT INTO visits (id, customer_id, walk_in_label, source, stage, status,
                    stage_since, business_date, arrived_at, greeted_by)
                 VALUES (?1, ?2, CASE WHEN ?2 IS NULL THEN '散客' ELSE '' END, 'walk_in',
                    'reconsult', 'open', ?3, '2026-11-20', ?3 - 3600000, 1)",
                rusqlite::params![id, customer, closed],
            )
            .unwrap();
            c.execute(
                "UPDATE visits SET stage = 'done', status = 'checked_out', closed_at = ?2
                 WHERE id = ?1",
                rusqlite::params![id, closed],
            )
            .unwrap();
            if status == "voided" {
                c.execute("UPDATE visits SET status = 'voided' WHERE id = ?1", [id])
                    .unwrap();
            }
        };
        visit(901, Some(1), 1_795_000_000_000, "checked_out");
        visit(902, Some(1), 1_795_100_000_000, "checked_out");
        visit(903, Some(2), 1_795_050_000_000, "voided");
        visit(904, None, 1_795_060_000_000, "checked_out");
    }
    let clock = Arc::new(FixedClock::at(1_795_395_600_000));
    let (db, report) = Db::open(&path, clock).unwrap();
    assert_eq!(report.from_version, 10);
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> = {
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT customer_id, visits, first_visit_at, last_visit_at, last_visit_id, erased
                 FROM customer_visits ORDER BY customer_id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    assert_eq!(
        rows,
        vec![(1, 2, 1_795_000_000_000, 1_795_100_000_000, 902, 0)],
        "customer 1's two visits; the voided one and the walk-in count nowhere"
    );
}
