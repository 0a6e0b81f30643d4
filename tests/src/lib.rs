//! Helpers shared by the scenario tests: a fresh shop in a temp SQLite file.
//! Test support only: a failed setup step should stop the test loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod generate;

use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::{Clock, FixedClock};

/// A temp data directory with an opened database; the directory is removed
/// when this is dropped.
pub struct TempShop {
    pub dir: tempfile::TempDir,
    pub db: Db,
    pub clock: FixedClock,
}

/// 2026-11-23 09:00 in Shanghai.
pub const MORNING_MS: i64 = 1_795_395_600_000;

impl TempShop {
    pub fn new() -> TempShop {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = FixedClock::at(MORNING_MS);
        let c: Arc<dyn Clock> = Arc::new(clock.clone());
        let (db, _) = Db::open_in_dir(dir.path(), c).expect("open db");
        TempShop { dir, db, clock }
    }

    /// Open the same file again, as the app does after a restart.
    pub fn reopen(self) -> TempShop {
        let TempShop { dir, db, clock } = self;
        drop(db);
        let c: Arc<dyn Clock> = Arc::new(clock.clone());
        let (db, _) = Db::open_in_dir(dir.path(), c).expect("reopen db");
        TempShop { dir, db, clock }
    }
}

impl Default for TempShop {
    fn default() -> Self {
        Self::new()
    }
}

/// Every row of every table, as text: compare two snapshots to prove a refused
/// command wrote nothing at all.
pub fn snapshot(db: &Db) -> String {
    let conn = db.conn();
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .expect("list tables");
    for table in tables {
        out.push_str(&format!("## {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("select");
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = Vec::with_capacity(cols);
                for i in 0..cols {
                    line.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(line.join(" | "))
            })
            .expect("rows")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("collect");
        // Sorted here: WITHOUT ROWID tables have no rowid to order by.
        let mut rows = rows;
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// A create request for a customer with just a name and a mobile.
pub fn new_customer(name: &str, phone: &str) -> frontdesk_core::customers::CreateCustomerRequest {
    frontdesk_core::customers::CreateCustomerRequest {
        card: frontdesk_core::customers::CustomerFields {
            name: name.into(),
            phone: phone.into(),
            ..Default::default()
        },
        confirm_duplicate: false,
    }
}

/// First-run setup of 丽人坊 with manager 1001 王店长 (PIN 1234), signed in.
pub fn setup_manager(db: &mut Db) -> frontdesk_core::staff::Session {
    frontdesk_core::staff::setup_shop(
        db,
        frontdesk_core::staff::SetupRequest {
            shop_name: "丽人坊".into(),
            staff_no: "1001".into(),
            name: "王店长".into(),
            pin: "1234".into(),
            pin_confirm: "1234".into(),
        },
    )
    .expect("first-run setup")
}
