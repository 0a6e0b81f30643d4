//! Reports (`--reports`, issue #13): years of a busy shop's visits on the
//! 1M-customer shop, then the manager's reports timed as the app calls them.
//!
//! ```sh
//! cargo run --release -p frontdesk-tests --bin bench -- --customers 1000000   # the shop, once
//! cargo run --release -p frontdesk-tests --bin bench -- --reports --customers 1000000
//! ```
//!
//! The visits (`--visits`, default 5,000,000 over five years ending
//! yesterday, ~2,740 a day) are written once into a copy of
//! `shop-<customers>.db` ([`generate`]): each with one or two service
//! lines, its payment or stored-value spend (top-ups before some), an
//! aftercare follow-up for two in five, the next appointment booked at
//! re-consultation for three in ten, a complaint after some low ratings,
//! one in two hundred voided; one customer comes every third day for the
//! five years (the card's benchmark). No `ANALYZE` (the app never gathers
//! statistics; the copy's are dropped).
//!
//! Timed, with the permission check, on a fresh copy of that file with the
//! clock at 10:00 today: the daily summary of single days of the last year,
//! the staff report of each month of the last year, a year's trend by day,
//! week and month, the customer report of a month, pages of the dormant
//! list where it holds about 100,000 customers, the visits behind a month's
//! figure, and the card of the long-history customer (the five calls the
//! card screen makes). Results: docs/BENCHMARKS.md.

mod generate;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::Db;
use frontdesk_core::clock::{self, Clock, OffsetClock, SystemClock};
use frontdesk_core::customers::{self, timeline::TimelineRequest};
use frontdesk_core::ids::CustomerId;
use frontdesk_core::reports::{
    self, Bucket, CustomerListKind, CustomerListRequest, ReportVisitsRequest, SummaryRequest,
    TrendRequest, VisitFilter,
};
use frontdesk_core::staff::{Desk, Session, SignInRequest};
use frontdesk_core::{membership, visits};

use super::Args;

/// Years of visits: days before today.
const DAYS: u64 = 1826;

/// A small deterministic generator (64-bit LCG, the high bits).
pub struct Dice(pub u64);

impl Dice {
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

pub fn sign_in(db: &mut Db, no: &str, pin: &str) -> Session {
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

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn run(args: &Args) {
    let tz = clock::DEFAULT_TIME_ZONE;
    let today = clock::business_date(SystemClock.now_ms(), tz);
    let shop = PathBuf::from(format!("target/bench-data/shop-{}.db", args.customers));
    assert!(
        shop.exists(),
        "build {} first (bench --customers N)",
        shop.display()
    );
    let path = PathBuf::from(format!(
        "target/bench-data/reports-{}-{}.db",
        args.customers, args.visits
    ));
    let marker = path.with_extension("long-history");
    if !path.exists() || !marker.exists() {
        std::fs::copy(&shop, &path).unwrap();
        let built = generate::build(&path, tz, today, DAYS, args.visits as u64, 500);
        std::fs::write(&marker, built.long_history.to_string()).unwrap();
    }
    let long: i64 = std::fs::read_to_string(&marker)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The file was made up to yesterday of the day it was built: time it
    // as of the day after its last visit.
    let last: String = {
        let (db, _) = Db::open(&path, Arc::new(SystemClock)).unwrap();
        db.conn()
            .query_row("SELECT max(business_date) FROM visits", [], |r| r.get(0))
            .unwrap()
    };
    let today = NaiveDate::parse_from_str(&last, "%Y-%m-%d").unwrap() + Days::new(1);
    let timed = path.with_extension("timed.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", timed.display()));
    }
    std::fs::copy(&path, &timed).unwrap();
    // Written back to disk before the clock starts, not during the timings.
    std::fs::File::open(&timed).unwrap().sync_all().unwrap();
    let clock: Arc<dyn Clock> = Arc::new(OffsetClock::starting_at(
        clock::day_bounds(today, tz).0 + 10 * 3_600_000,
    ));
    let (mut db, _) = Db::open(&timed, clock).unwrap();
    let m = sign_in(&mut db, "1001", "1234");
    let one = |db: &Db, sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    println!(
        "Shop: {} customers, {} visits, {} customers who came, {} ledger rows, file {:.0} MB.",
        one(&db, "SELECT count(*) FROM customers"),
        one(&db, "SELECT count(*) FROM visits"),
        one(&db, "SELECT count(*) FROM customer_visits"),
        one(&db, "SELECT count(*) FROM sv_ledger"),
        std::fs::metadata(&timed).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    println!();
    println!("| what | runs | p50 ms | p99 ms | max ms | target ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut dice = Dice(11);
    let period = |a: NaiveDate, b: NaiveDate| SummaryRequest {
        from: ymd(a),
        to: ymd(b),
    };
    let mut t = Vec::new();
    for _ in 0..60 {
        let d = today - Days::new(1 + dice.next(365));
        t.push(time(|| {
            reports::daily_summary(&mut db, &m, period(d, d)).unwrap();
        }));
    }
    row("daily summary, one day", t, 50);
    let months: Vec<(NaiveDate, NaiveDate)> = (1..=12)
        .map(|k| {
            let first = (today - Days::new(30 * k)).with_day(1).unwrap();
            let next = first + chrono::Months::new(1);
            (first, next - Days::new(1))
        })
        .collect();
    let mut t = Vec::new();
    for &(a, b) in &months {
        t.push(time(|| {
            reports::daily_summary(&mut db, &m, period(a, b)).unwrap();
        }));
    }
    row("daily summary, a month", t, 0);
    let mut t = Vec::new();
    for &(a, b) in &months {
        t.push(time(|| {
            reports::staff_report(&mut db, &m, period(a, b)).unwrap();
        }));
    }
    row("staff report, a month", t, 200);
    let year = (today - Days::new(365), today - Days::new(1));
    for bucket in Bucket::ALL.iter().copied() {
        let mut t = Vec::new();
        for _ in 0..5 {
            t.push(time(|| {
                reports::trend(
                    &mut db,
                    &m,
                    TrendRequest {
                        from: ymd(year.0),
                        to: ymd(year.1),
                        bucket,
                    },
                )
                .unwrap();
            }));
        }
        row(&format!("trend, a year by {}", bucket.as_str()), t, 300);
    }
    let mut t = Vec::new();
    for &(a, b) in months.iter().take(5) {
        t.push(time(|| {
            reports::customer_report(&mut db, &m, period(a, b)).unwrap();
        }));
    }
    row("customer report, a month", t, 0);
    // The dormant list where it holds about 100,000 customers.
    let mut days = 30;
    let total = |db: &mut Db, days: i64| {
        reports::customer_list(
            db,
            &m,
            CustomerListRequest {
                list: CustomerListKind::Dormant { days },
                page: 1,
                page_size: 100,
            },
        )
        .unwrap()
        .total
    };
    while days < 3650 && total(&mut db, days) > 100_000 {
        days += 30;
    }
    let n = total(&mut db, days);
    let pages = (n + 99) / 100;
    let mut t = Vec::new();
    for page in [1, 2, pages / 4, pages / 2, pages * 3 / 4, pages - 1, pages] {
        let page = page.max(1);
        t.push(time(|| {
            reports::customer_list(
                &mut db,
                &m,
                CustomerListRequest {
                    list: CustomerListKind::Dormant { days },
                    page,
                    page_size: 100,
                },
            )
            .unwrap();
        }));
    }
    row(
        &format!("dormant list ({days} days: {n} customers), a page of 100"),
        t,
        100,
    );
    let mut t = Vec::new();
    for &(a, b) in months.iter().take(5) {
        t.push(time(|| {
            reports::report_visits(
                &mut db,
                &m,
                ReportVisitsRequest {
                    from: ymd(a),
                    to: ymd(b),
                    filter: VisitFilter::All,
                    page: 1,
                    page_size: 50,
                },
            )
            .unwrap();
        }));
    }
    row("visits behind a month's figure, first page", t, 0);
    let id = CustomerId(long);
    let visits_of_long = one(
        &db,
        &format!(
            "SELECT count(*) FROM visits WHERE customer_id = {long} AND status = 'checked_out'"
        ),
    );
    // Each call the card screen makes, and the five together; the first
    // opening (cold) counts like any other.
    let mut parts: Vec<Vec<Duration>> = vec![Vec::new(); 5];
    let mut t = Vec::new();
    for _ in 0..200 {
        let mut each = [Duration::ZERO; 5];
        let started = Instant::now();
        each[0] = time(|| {
            customers::get_customer(&mut db, &m, id).unwrap();
        });
        each[1] = time(|| {
            visits::history::customer_visit_summary(&mut db, &m, id).unwrap();
        });
        each[2] = time(|| {
            let req = TimelineRequest {
                id,
                before: None,
                limit: Some(20),
            };
            customers::timeline::customer_timeline(&mut db, &m, req).unwrap();
        });
        each[3] = time(|| {
            membership::customer_membership(&mut db, &m, id).unwrap();
        });
        each[4] = time(|| {
            visits::history::customer_measurements(&mut db, &m, id).unwrap();
        });
        t.push(started.elapsed());
        for (p, d) in parts.iter_mut().zip(each) {
            p.push(d);
        }
    }
    let card = format!("card of a {visits_of_long}-visit customer (5 calls)");
    row(&card, t, 10);
    let names = [
        "get_customer",
        "customer_visit_summary",
        "customer_timeline (20)",
        "customer_membership",
        "customer_measurements",
    ];
    for (name, p) in names.iter().zip(parts) {
        row(&format!("… {name}"), p, 0);
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn row(what: &str, mut times: Vec<Duration>, target: u64) {
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "| {what} | {} | {} | {} | {} | {} |",
        times.len(),
        ms(p(0.5)),
        ms(p(0.99)),
        ms(*times.last().unwrap()),
        if target > 0 {
            format!("≤ {target}")
        } else {
            "—".into()
        }
    );
}
