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
//!
//! With `--reports` it times the manager's reports on years of visits
//! added to that shop (see `bench/reports/mod.rs`).
//!
//! With `--gifts` it times the gifts and vouchers instead, on a generated
//! year of a busy shop's gift ledger (see `bench/gifts/mod.rs`):
//!
//! ```sh
//! cargo run --release -p frontdesk-tests --bin bench -- --gifts --customers 50000
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use frontdesk_core::Db;
use frontdesk_core::clock::SystemClock;
use frontdesk_core::customers::{self, CustomerFields, CustomerId, SearchRequest};
use frontdesk_core::ids::{ServiceId, StaffId, VisitId};
use frontdesk_core::shop::SetupRequest;
use frontdesk_core::staff::{self, Desk, SignInRequest};
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
    /// Skip the search and card timings (run only the visit-flow ones).
    #[arg(long)]
    flow_only: bool,
    /// Open visits on the board for the flow timings.
    #[arg(long, default_value_t = 200)]
    open_visits: usize,
    /// Time the gifts and vouchers instead, on a generated year of them
    /// (kept in target/bench-data/gifts-<customers>-<moves>-<serials>.db).
    #[arg(long)]
    gifts: bool,
    /// Gift-ledger rows in the generated year (--gifts).
    #[arg(long, default_value_t = 2_000_000)]
    gift_moves: usize,
    /// Voucher serials received in the generated year (--gifts).
    #[arg(long, default_value_t = 200_000)]
    serials: usize,
    /// Time the reports instead, on years of visits added to the
    /// `--customers` shop (kept in target/bench-data/reports-<customers>-<visits>.db).
    #[arg(long)]
    reports: bool,
    /// Visits in the generated years (--reports).
    #[arg(long, default_value_t = 5_000_000)]
    visits: usize,
    /// After the timings, check the gift-book and voucher invariants on the
    /// timed file (--gifts).
    #[arg(long)]
    check: bool,
}

#[path = "bench/gifts/mod.rs"]
mod gifts;
#[path = "bench/reports/mod.rs"]
mod reports;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1e6)
}

fn main() {
    let args = Args::parse();
    if args.gifts {
        gifts::run(&args);
        return;
    }
    if args.reports {
        reports::run(&args);
        return;
    }
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
        frontdesk_core::shop::setup_shop(
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
    let kinds: &[QueryKind] = if args.flow_only { &[] } else { &QueryKind::ALL };
    for &kind in kinds {
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
    let card_queries = if args.flow_only { 0 } else { args.queries };
    let mut times = Vec::with_capacity(card_queries);
    for _ in 0..card_queries {
        let (id, _) = sample(&db, &mut generator);
        let t = Instant::now();
        let card = customers::get_customer(&mut db, &session, id).unwrap();
        times.push(t.elapsed());
        assert_eq!(card.id, id);
    }
    if !times.is_empty() {
        times.sort();
        println!(
            "| open a profile card | {} | {} | {} | |",
            us(percentile(&times, 0.5)),
            us(percentile(&times, 0.99)),
            us(*times.last().unwrap())
        );
    }
    let ids: Vec<CustomerId> = (0..args.open_visits)
        .map(|_| sample(&db, &mut generator).0)
        .collect();
    flow::run(&mut db, &session, &ids, args.queries.min(1_000));
}

fn row(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "| {what} | {} | {} | {} | {} calls |",
        us(percentile(&times, 0.5)),
        us(percentile(&times, 0.99)),
        us(*times.last().unwrap()),
        times.len()
    );
}

/// The visit flow: a board with N open visits spread over the four stages,
/// every stage transition commit timed on the way (fsync'd: synchronous=FULL),
/// then the board and the stylist's screen read repeatedly.
mod flow {
    use super::*;
    use frontdesk_core::catalog::{self, SaveService, Service};
    use frontdesk_core::money::Fen;
    use frontdesk_core::staff::{AddStaffRequest, Role, Session};
    use frontdesk_core::visits::board;
    use frontdesk_core::visits::{
        self, AdvanceRequest, CheckInRequest, CloseVisitRequest, ConsultRequest, Stage,
    };

    /// The shop's stylists 3001–3005 (a salon's usual team).
    const STYLISTS: [&str; 5] = ["3001", "3002", "3003", "3004", "3005"];

    fn setup(db: &mut Db, session: &Session) -> (ServiceId, Vec<StaffId>) {
        let mut stylists = Vec::new();
        for no in STYLISTS {
            let found: Option<StaffId> = db
                .conn()
                .query_row("SELECT id FROM staff WHERE staff_no = ?1", [no], |r| {
                    r.get(0)
                })
                .ok();
            stylists.push(match found {
                Some(id) => id,
                None => {
                    staff::add_staff(
                        db,
                        session,
                        AddStaffRequest {
                            staff_no: no.into(),
                            name: format!("美容师{no}"),
                            role: Role::Stylist,
                            pin: no.into(),
                        },
                    )
                    .unwrap()
                    .id
                }
            });
        }
        let service: Option<ServiceId> = db
            .conn()
            .query_row(
                "SELECT id FROM services WHERE name = '基准补水护理'",
                [],
                |r| r.get(0),
            )
            .ok();
        let service = match service {
            Some(id) => id,
            None => {
                catalog::save_service(
                    db,
                    session,
                    SaveService {
                        service: Service {
                            id: frontdesk_core::ids::ServiceId(0),
                            name: "基准补水护理".into(),
                            category: "面部护理".into(),
                            price: Fen(29800),
                            duration_minutes: 60,
                            performed_by: vec![Role::Stylist],
                            active: true,
                        },
                    },
                )
                .unwrap()
                .id
            }
        };
        (service, stylists)
    }

    pub fn run(db: &mut Db, session: &Session, customers: &[CustomerId], reads: usize) {
        let (service, stylists) = setup(db, session);
        // Visits left open by an earlier run are cancelled first.
        let open: Vec<VisitId> = {
            let mut stmt = db
                .conn()
                .prepare("SELECT id FROM visits WHERE status = 'open'")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        for id in open {
            visits::cancel_visit(
                db,
                session,
                CloseVisitRequest {
                    visit_id: id,
                    reason: "bench".into(),
                },
            )
            .unwrap();
        }
        let mut check_in = Vec::new();
        let mut advance = Vec::new();
        let mut consult = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, c) in customers.iter().enumerate() {
            if !seen.insert(*c) {
                continue;
            }
            let t = Instant::now();
            let v = visits::check_in(
                db,
                session,
                CheckInRequest {
                    customer_id: Some(*c),
                    walk_in_label: String::new(),
                    appointment_id: None,
                },
            )
            .unwrap()
            .id;
            check_in.push(t.elapsed());
            let target = [
                Stage::Greet,
                Stage::Consult,
                Stage::Service,
                Stage::Reconsult,
            ][i % 4];
            for to in [Stage::Consult, Stage::Service, Stage::Reconsult] {
                if to.rank() > target.rank() {
                    break;
                }
                let t = Instant::now();
                visits::advance(db, session, AdvanceRequest { visit_id: v, to }).unwrap();
                advance.push(t.elapsed());
                if to == Stage::Consult {
                    let t = Instant::now();
                    visits::save_consult(
                        db,
                        session,
                        ConsultRequest {
                            visit_id: v,
                            needs: "补水".into(),
                            measurements: vec![],
                            services: vec![service],
                            stylist_id: Some(stylists[i % stylists.len()]),
                            care_plan: String::new(),
                            care_interval_days: None,
                        },
                    )
                    .unwrap();
                    consult.push(t.elapsed());
                }
            }
        }
        let stylist_session = Desk::default()
            .sign_in(
                db,
                SignInRequest {
                    staff_no: "3003".into(),
                    pin: "3003".into(),
                },
            )
            .unwrap();
        let mut board_times = Vec::new();
        let mut open_count = 0;
        for _ in 0..reads {
            let t = Instant::now();
            let b = board::today_board(db, session).unwrap();
            board_times.push(t.elapsed());
            open_count = b.visits.len();
        }
        let mut stylist_times = Vec::new();
        let mut hers = 0;
        for _ in 0..reads {
            let t = Instant::now();
            let d = board::stylist_day(
                db,
                &stylist_session,
                board::StylistDayRequest { stylist_id: None },
            )
            .unwrap();
            stylist_times.push(t.elapsed());
            hers = d.customers.len();
        }
        row("visit: check in (commit)", check_in);
        row("visit: stage transition (commit)", advance);
        row("visit: save consultation (commit)", consult);
        row(
            &format!("today's board, {open_count} open visits"),
            board_times,
        );
        row(
            &format!("stylist's screen, {hers} of her customers"),
            stylist_times,
        );
        money::run(db, session, reads);
    }
}

/// Membership money: checkouts paid partly from stored value with a tier
/// discount (each commit fsync'd), and the liability report over every
/// customer holding a balance.
mod money {
    use super::*;
    use frontdesk_core::membership::{self, SaveTier, Tier, TopUpRequest};
    use frontdesk_core::money::Fen;
    use frontdesk_core::money::PayMethod;
    use frontdesk_core::staff::Session;
    use frontdesk_core::visits::{self, CheckoutRequest, Payment, Stage};

    fn ensure_tiers(db: &mut Db, session: &Session) {
        if !membership::list_tiers(db, session).unwrap().is_empty() {
            return;
        }
        for (name, rank, spend, rate) in [
            ("普通顾客", 0, None, 1000),
            ("银卡", 1, Some(200_000), 950),
            ("金卡", 2, Some(500_000), 880),
        ] {
            membership::save_tier(
                db,
                session,
                SaveTier {
                    tier: Tier {
                        id: frontdesk_core::ids::TierId(0),
                        name: name.into(),
                        rank,
                        color: "#d4a017".into(),
                        min_spend_12m: spend.map(Fen),
                        min_single_topup: spend.map(Fen),
                        service_rate_permille: rate,
                        product_rate_permille: 1000,
                        birthday_gift: String::new(),
                        priority_booking: false,
                        active: true,
                    },
                },
            )
            .unwrap();
        }
    }

    /// Give every customer a stored-value balance (once): one ledger row each,
    /// written in bulk so the liability report has a million members to add up.
    fn ensure_balances(db: &mut Db, session: &Session) {
        let have: i64 = db
            .conn()
            .query_row("SELECT COUNT(*) FROM sv_balances", [], |r| r.get(0))
            .unwrap();
        let customers: i64 = db
            .conn()
            .query_row("SELECT COUNT(*) FROM customers", [], |r| r.get(0))
            .unwrap();
        if have * 2 >= customers {
            return;
        }
        let started = Instant::now();
        db.conn()
            .execute_batch(&format!(
                "BEGIN;
                 INSERT INTO sv_ledger (customer_id, kind, amount_fen, method, at, staff_id)
                 SELECT id, 'topup', 10000 + (id % 50) * 10000, 'cash', 0, {}
                 FROM customers WHERE id NOT IN (SELECT customer_id FROM sv_balances);
                 COMMIT;
                 ANALYZE;",
                session.staff_id.0
            ))
            .unwrap();
        eprintln!(
            "balances for {customers} customers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }

    pub fn run(db: &mut Db, session: &Session, reads: usize) {
        ensure_tiers(db, session);
        ensure_balances(db, session);
        let (service, stylist): (ServiceId, StaffId) = db
            .conn()
            .query_row(
                "SELECT (SELECT id FROM services WHERE name = '基准补水护理'),
                        (SELECT id FROM staff WHERE staff_no = '3001')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        // Customers with no open visit, spread over the file.
        let count: i64 = db
            .conn()
            .query_row("SELECT MAX(id) FROM customers", [], |r| r.get(0))
            .unwrap();
        let mut topups = Vec::new();
        let mut checkouts = Vec::new();
        let mut n = 0;
        let mut id = 7;
        while n < 200 {
            id = (id * 7919 + 13) % count + 1;
            let open: bool = db
                .conn()
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND status = 'open')",
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            if open {
                continue;
            }
            let c = CustomerId(id);
            let t = Instant::now();
            membership::top_up(
                db,
                session,
                TopUpRequest {
                    customer_id: c,
                    amount: Fen(50_000),
                    bonus: Fen(5_000),
                    method: PayMethod::Mobile,
                },
            )
            .unwrap();
            topups.push(t.elapsed());
            let v = flow_visit(db, session, c, service, stylist);
            let total = visits::quote(
                db,
                session,
                visits::QuoteRequest {
                    visit_id: v,
                    products: vec![],
                    package_uses: vec![],
                    vouchers: vec![],
                },
            )
            .unwrap()
            .bill
            .total
            .0;
            let t = Instant::now();
            visits::checkout(
                db,
                session,
                CheckoutRequest {
                    visit_id: v,
                    products: vec![],
                    payments: vec![Payment {
                        method: PayMethod::Card,
                        amount: Fen(total - 10_000),
                    }],
                    tendered: Fen(0),
                    belongings_checked: true,
                    stored_value: Fen(10_000),
                    package_uses: vec![],
                    vouchers: vec![],
                    gifts: None,
                },
            )
            .unwrap();
            checkouts.push(t.elapsed());
            n += 1;
        }
        let mut report_times = Vec::new();
        let mut members = 0;
        for _ in 0..reads.min(50) {
            let t = Instant::now();
            let r = membership::membership_report(db, session).unwrap();
            report_times.push(t.elapsed());
            members = r.customers_with_balance;
        }
        row("stored value: top-up (commit)", topups);
        row("checkout, split stored value + card (commit)", checkouts);
        row(
            &format!("liability report, {members} members with a balance"),
            report_times,
        );
    }

    fn flow_visit(
        db: &mut Db,
        session: &Session,
        c: CustomerId,
        service: ServiceId,
        stylist: StaffId,
    ) -> VisitId {
        use frontdesk_core::visits::{AdvanceRequest, CheckInRequest, ConsultRequest};
        let v = visits::check_in(
            db,
            session,
            CheckInRequest {
                customer_id: Some(c),
                walk_in_label: String::new(),
                appointment_id: None,
            },
        )
        .unwrap()
        .id;
        visits::advance(
            db,
            session,
            AdvanceRequest {
                visit_id: v,
                to: Stage::Consult,
            },
        )
        .unwrap();
        visits::save_consult(
            db,
            session,
            ConsultRequest {
                visit_id: v,
                needs: String::new(),
                measurements: vec![],
                services: vec![service],
                stylist_id: Some(stylist),
                care_plan: String::new(),
                care_interval_days: None,
            },
        )
        .unwrap();
        v
    }
}
