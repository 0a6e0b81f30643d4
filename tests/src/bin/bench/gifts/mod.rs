//! Gifts and vouchers (`--gifts`, issue #11): a year of a busy shop's gift
//! ledger and voucher serials, generated once, then the desk's gift commands
//! timed as the app calls them.
//!
//! ```sh
//! cargo run --release -p frontdesk-tests --bin bench -- --gifts --customers 50000
//! cargo run --release -p frontdesk-tests --bin bench -- --gifts --customers 50000 --check
//! ```
//!
//! # What is generated, and why those sizes
//!
//! The issue's targets are stated for "a year of a busy shop": about
//! 2,000,000 gift-ledger rows and 200,000 voucher serials (`--gift-moves`,
//! `--serials`). A rewarded checkout writes ~2.7 ledger rows (the items of
//! the one or two tiers it reaches), so 2M rows take ~740,000 checkouts,
//! ~2,000 a day: the generator takes the issue's sizes as given and sets
//! the number of checkouts a day to reach them. They are made by 50,000
//! customers (`--customers`; a third of the visits are the regulars', a
//! tenth of the customers).
//!
//! - [`catalogue`]: the staff, services, 20 gift items (5 of them seasonal),
//!   4 voucher types and 9 promotions, set up through the core's own
//!   commands (permission checks, validation), dated the day before the year.
//! - [`generate`] and [`year`]: the year (365 business days ending
//!   yesterday) simulated day by day and written with plain SQL, one
//!   transaction per 30 days, the schema's triggers on, so the
//!   book (`gift_stock`), the per-day totals (`gift_daily`, `voucher_daily`)
//!   and the voucher state machine are kept and checked as in the app.
//!   Receipts when a shelf runs low, voucher ranges of 1,000–10,000, issues at
//!   checkouts reaching a tier, vouchers redeemed on later visits, voids
//!   (recovered or not), damage, destruction, returns of seasonal items, two
//!   blind handovers a day (shift and close, ~20 lines each), count variances
//!   settled the next morning, expiry at the close. The last morning's
//!   delivery brings the year to exactly `--serials` serials, so the drawer
//!   ends full (12,159 50元 vouchers at the default sizes); the costs that
//!   count the drawer scale with it.
//! - No `ANALYZE`: the app never gathers statistics, so the bench plans the
//!   gift statements as a shop's file does.
//!
//! The file is `target/bench-data/gifts-<customers>-<moves>-<serials>.db`;
//! building it takes about a minute and a half and happens once. Each run
//! then times a fresh copy of it (`….timed.db`), so runs start from the same
//! year and can be compared. Results: docs/BENCHMARKS.md.
//!
//! # What is timed
//!
//! [`measure`] and [`desk`]: the bench's clock stands at 10:00 on the day
//! after the year, and every call is the core function the desk's command
//! calls, with its permission check: checkout with and without a gift and a
//! voucher on the same bill, the 20-line handover (sheet, count, confirm,
//! and the incoming PIN's argon2 check alone), the reconciliation of the
//! year and of the last 30 days, and a voucher looked up by serial. With
//! `--check` the gift-book and voucher invariants
//! (`frontdesk_tests::gift_invariants`) are checked on the timed copy after
//! the timings, so on the year and on everything the timed calls wrote.

mod catalogue;
mod desk;
mod generate;
mod measure;
mod year;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::clock::{self, Clock, OffsetClock, SystemClock};
use frontdesk_core::staff::{Desk, Session, SignInRequest};

use super::Args;

/// Days of history before the bench day.
const DAYS: usize = 365;

pub fn run(args: &Args) {
    let path = args.db.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "target/bench-data/gifts-{}-{}-{}.db",
            args.customers, args.gift_moves, args.serials
        ))
    });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let tz = clock::DEFAULT_TIME_ZONE;
    if !path.exists() {
        generate::build(args, &path, tz);
    }
    // The year's first day (opening the file also brings an older file up
    // to the app's schema, once, before it is copied).
    let first: String = {
        let (db, _) = Db::open(&path, Arc::new(SystemClock)).unwrap();
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        db.conn()
            .query_row("SELECT min(business_date) FROM gift_moves", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let first = NaiveDate::parse_from_str(&first, "%Y-%m-%d").unwrap();
    let today = add_days(first, DAYS as i64);
    let timed = fresh_copy(&path);
    let clock: Arc<dyn Clock> = Arc::new(OffsetClock::starting_at(morning(today, tz)));
    let (mut db, _) = Db::open(&timed, clock).unwrap();
    measure::run(&mut db, args, &path, first, today);
    if args.check {
        let started = Instant::now();
        let manager = sign_in(&mut db, "1001", "1234");
        let split = frontdesk_tests::gift_invariants::split_day(today, args.seed);
        frontdesk_tests::gift_invariants::check(&mut db, &manager, today, split).unwrap();
        eprintln!(
            "the gift-book and voucher invariants hold on {} ({:.1} s)",
            timed.display(),
            started.elapsed().as_secs_f64()
        );
    }
}

/// `path` copied to `<name>.timed.db` (replacing an earlier run's copy) and
/// flushed to disk, so that writing it back does not disturb the timings.
fn fresh_copy(path: &Path) -> PathBuf {
    let timed = path.with_extension("timed.db");
    for suffix in ["", "-wal", "-shm"] {
        let mut p = timed.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    std::fs::copy(path, &timed).unwrap();
    std::fs::File::open(&timed).unwrap().sync_all().unwrap();
    timed
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        d.checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

/// 10:00 in the shop's time zone on `day`.
fn morning(day: NaiveDate, tz: Tz) -> i64 {
    clock::day_bounds(day, tz).0 + 10 * 3_600_000
}

fn sign_in(db: &mut Db, no: &str, pin: &str) -> Session {
    Desk::default()
        .sign_in(
            db,
            SignInRequest {
                staff_no: no.into(),
                pin: pin.into(),
            },
        )
        .unwrap()
}

/// The one value `sql` selects.
fn one<T: rusqlite::types::FromSql>(db: &Db, sql: &str, p: &[&dyn rusqlite::ToSql]) -> T {
    db.conn()
        .query_row(sql, p, |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
