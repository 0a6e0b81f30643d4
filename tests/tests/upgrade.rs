//! A shop's file written by the first release (schema 1) opens in this one:
//! upgraded in place, backed up first, and its customers found by the new
//! search index, which is filled on open.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::FixedClock;
use frontdesk_core::customers::{self, SearchRequest};
use frontdesk_core::schema::{SCHEMA_VERSION, migrations};
use frontdesk_core::staff::{Desk, SignInRequest};
use rusqlite::Connection;

#[test]
fn a_schema_1_file_with_customers_upgrades_and_its_customers_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    {
        let mut c = Connection::open(&path).unwrap();
        migrations().to_version(&mut c, 1).unwrap();
        let pin = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0bCMIj2Ut0TWXMJq8OPJ4DbOhxH0RqXsZFVtSsMVhm0";
        c.execute_batch(&format!(
            "INSERT INTO staff (id, staff_no, name, role, pin_hash, created_at, updated_at)
                 VALUES (1, '1001', '王店长', 'manager', '{pin}', 0, 0);
             INSERT INTO shop (id, name, created_at, updated_at) VALUES (1, '丽人坊', 0, 0);
             INSERT INTO customers (name, phone, created_at, created_by, updated_at, updated_by)
                 VALUES ('曾小红', '15888886666', 0, 1, 0, 1), ('李美华', '13812345678', 0, 1, 0, 1);"
        ))
        .unwrap();
    }
    let clock = Arc::new(FixedClock::at(1_795_395_600_000));
    let (mut db, report) = Db::open(&path, clock).unwrap();
    assert_eq!(
        (report.from_version, report.to_version),
        (1, SCHEMA_VERSION)
    );
    let backup = report.backup.expect("backed up before the upgrade");
    assert!(backup.exists());

    // Straight after opening, the index already holds the old customers.
    let q = customers::search::Query::parse("zeng");
    let hits = customers::search::search(db.conn(), &q, 20).unwrap();
    assert_eq!(hits.len(), 1, "the upgraded customer is in the new index");
    let q = customers::search::Query::parse("5678");
    assert_eq!(
        customers::search::search(db.conn(), &q, 20).unwrap().len(),
        1
    );

    // And the app works on it as usual: the old manager (acting through a
    // session for her row; her stored hash is a placeholder) adds a
    // receptionist, who signs in and finds the customer.
    let reset = frontdesk_core::staff::AddStaffRequest {
        staff_no: "2001".into(),
        name: "张敏".into(),
        role: frontdesk_core::staff::Role::Receptionist,
        pin: "2001".into(),
    };
    let manager = frontdesk_core::staff::Session::new(
        frontdesk_core::staff::StaffId(1),
        "1001",
        "王店长",
        frontdesk_core::staff::Role::Manager,
        frontdesk_core::staff::Language::ZhCn,
    );
    frontdesk_core::staff::add_staff(&mut db, &manager, reset).unwrap();
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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    {
        let mut c = Connection::open(&path).unwrap();
        migrations().to_version(&mut c, 7).unwrap();
        c.execute_batch(
            "INSERT INTO staff (id, staff_no, name, role, pin_hash, created_at, updated_at)
                 VALUES (1, '1001', '王  店长', 'manager', 'x', 0, 0);
             INSERT INTO shop (id, name, created_at, updated_at) VALUES (1, '丽人坊', 0, 0);
             INSERT INTO customers (id, name, phone, name_initials, name_pinyin,
                                    created_at, created_by, updated_at, updated_by)
                 VALUES (1, '仇  静', '13600000001', 'cj', 'choujing', 0, 1, 0, 1),
                        (2, '李长青', '13600000002', 'lzq', 'lizhangqing', 0, 1, 0, 1);
             INSERT INTO customer_search (term, rank, customer_id) VALUES
                 ('icj', 0, 1), ('fchoujing', 0, 1), ('n仇', 0, 1), ('p0001', 0, 1),
                 ('ilzq', 0, 2), ('flizhangqing', 0, 2), ('n李', 0, 2), ('n李长', 0, 2),
                 ('n长', 1, 2), ('n长青', 1, 2), ('n青', 1, 2), ('p0002', 0, 2);",
        )
        .unwrap();
    }
    let clock = Arc::new(FixedClock::at(1_795_395_600_000));
    let (db, report) = Db::open(&path, clock).unwrap();
    assert_eq!(report.from_version, 7);
    let name: String = db
        .conn()
        .query_row("SELECT name FROM customers WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "仇静");
    let staff: String = db
        .conn()
        .query_row("SELECT name FROM staff WHERE id = 1", [], |r| r.get(0))
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
    assert_eq!(find("仇静"), vec![1]);
    assert_eq!(find("qj"), vec![1]);
    assert_eq!(find("qiujing"), vec![1]);
    assert_eq!(find("lcq"), vec![2]);
    assert_eq!(find("lichangqing"), vec![2]);
    assert_eq!(find("0002"), vec![2], "phone terms are rebuilt too");
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
