//! The search and card benchmark over a generated shop.
//!
//! ```sh
//! cargo run --release -p frontdesk-tests --bin bench -- --customers 1000000
//! ```
//!
//! Builds (once, then reuses) `target/bench-data/shop-<N>.db` with N
//! generated customers through the core's own bulk-create path, then times
//! each kind of search as the desk calls it (`search_customers`, limit 20,
//! including the permission check and building the hits) and opening a card
//! (`get_customer`), and prints p50/p99/max as a Markdown table.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use frontdesk_core::Db;
use frontdesk_core::clock::SystemClock;
use frontdesk_core::customers::{self, CustomerFields, CustomerId, SearchRequest};
use frontdesk_core::staff::{self, Desk, SetupRequest, SignInRequest};
use frontdesk_tests::generate::{Generator, QueryKind};

#[derive(Parser)]
struct Args {
    /// How many customers the shop has.
    #[arg(long, default_value_t = 5_000)]
    customers: usize,
    /// Timed calls per kind of search.
    #[arg(long, default_value_t = 2_000)]
    queries: usize,
    /// Where the shop file is kept (default target/bench-data/shop-<N>.db).
    #[arg(long)]
    db: Option<PathBuf>,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1e6)
}

fn main() {
    let args = Args::parse();
    let path = args
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("target/bench-data/shop-{}.db", args.customers)));
    let fresh = !path.exists();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let (mut db, _) = Db::open(&path, Arc::new(SystemClock)).unwrap();
    if fresh {
        let started = Instant::now();
        staff::setup_shop(
            &mut db,
            SetupRequest {
                shop_name: "基准测试店".into(),
                staff_no: "1001".into(),
                name: "王店长".into(),
                pin: "1234".into(),
                pin_confirm: "1234".into(),
            },
        )
        .unwrap();
        let manager = Desk::default()
            .sign_in(
                &mut db,
                SignInRequest {
                    staff_no: "1001".into(),
                    pin: "1234".into(),
                },
            )
            .unwrap();
        let mut generator = Generator::new(args.seed);
        let mut left = args.customers;
        while left > 0 {
            let n = left.min(50_000);
            let batch: Vec<CustomerFields> = generator.customers(n);
            customers::create_many(&mut db, &manager, &batch, &mut |_, _| {}).unwrap();
            left -= n;
            eprintln!("generated {} / {}", args.customers - left, args.customers);
        }
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .unwrap();
        eprintln!(
            "built {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let session = Desk::default()
        .sign_in(
            &mut db,
            SignInRequest {
                staff_no: "1001".into(),
                pin: "1234".into(),
            },
        )
        .unwrap();
    let count: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut generator = Generator::new(args.seed ^ 0x5eed);

    let sample = |db: &Db, generator: &mut Generator| -> (CustomerId, CustomerFields) {
        let id = generator.index(count as usize) as i64 + 1;
        let (name, phone, card_no): (String, String, Option<String>) = db
            .conn()
            .query_row(
                "SELECT name, phone, card_no FROM customers WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        (
            CustomerId(id),
            CustomerFields {
                name,
                phone,
                card_no: card_no.unwrap_or_default(),
                ..Default::default()
            },
        )
    };

    println!(
        "Shop: {count} customers, file {:.0} MB ({}).",
        size as f64 / 1e6,
        path.display()
    );
    println!();
    println!("| what | p50 µs | p99 µs | max µs | hits (mean) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for kind in QueryKind::ALL {
        let mut times = Vec::with_capacity(args.queries);
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        let mut hits = 0usize;
        for _ in 0..args.queries {
            let (_, c) = sample(&db, &mut generator);
            let query = kind.query_for(&c);
            let t = Instant::now();
            let found = customers::search_customers(
                &mut db,
                &session,
                SearchRequest {
                    query: query.clone(),
                    limit: Some(20),
                },
            )
            .unwrap();
            let took = t.elapsed();
            times.push(took);
            slowest.push((took, query));
            hits += found.len();
        }
        times.sort();
        slowest.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        let worst: Vec<String> = slowest
            .iter()
            .take(6)
            .map(|(d, q)| format!("{q} ({} µs)", us(*d)))
            .collect();
        eprintln!("slowest {}: {}", kind.label(), worst.join(", "));
        println!(
            "| search: {} | {} | {} | {} | {:.1} |",
            kind.label(),
            us(percentile(&times, 0.5)),
            us(percentile(&times, 0.99)),
            us(*times.last().unwrap()),
            hits as f64 / args.queries as f64
        );
    }
    let mut times = Vec::with_capacity(args.queries);
    for _ in 0..args.queries {
        let (id, _) = sample(&db, &mut generator);
        let t = Instant::now();
        let card = customers::get_customer(&mut db, &session, id).unwrap();
        times.push(t.elapsed());
        assert_eq!(card.id, id);
    }
    times.sort();
    println!(
        "| open a profile card | {} | {} | {} | |",
        us(percentile(&times, 0.5)),
        us(percentile(&times, 0.99)),
        us(*times.last().unwrap())
    );
}
