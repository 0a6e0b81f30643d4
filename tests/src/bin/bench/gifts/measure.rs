//! The timings, printed as a Markdown table with the shape of the file
//! above it and the four targets below it.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use frontdesk_core::Db;
use frontdesk_core::gifts::reconcile::{self, PeriodRequest};
use frontdesk_core::gifts::vouchers::{self, VoucherRequest};
use frontdesk_core::ids::VisitId;
use frontdesk_core::visits::{self, CloseVisitRequest};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::desk::{self, CHECKOUTS};
use super::{Args, add_days, one, sign_in, ymd};
use crate::{percentile, us};

/// Timed reconciliations of each period.
const RECONCILIATIONS: usize = 100;

pub(super) fn run(db: &mut Db, args: &Args, path: &Path, first: NaiveDate, today: NaiveDate) {
    let manager = sign_in(db, "1001", "1234");
    shape(db, path, first, today);
    let desks = [sign_in(db, "2001", "2001"), sign_in(db, "2002", "2002")];
    // Visits left open (by a run that stopped half-way) are cancelled first.
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
        let reason = "bench".into();
        visits::cancel_visit(
            db,
            &manager,
            CloseVisitRequest {
                visit_id: id,
                reason,
            },
        )
        .unwrap();
    }

    let checkouts = desk::checkouts(db, &desks[0], today, args.seed);

    // A voucher looked up by serial, any serial of the year.
    let serials: Vec<String> = {
        let mut stmt = db.conn().prepare("SELECT serial FROM vouchers").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let mut rng = StdRng::seed_from_u64(args.seed ^ 0x5e71a1);
    let mut lookups = Vec::new();
    let mut events = 0;
    for _ in 0..args.queries {
        let serial = serials[rng.random_range(0..serials.len())].clone();
        let t = Instant::now();
        let v = vouchers::voucher(db, &desks[0], VoucherRequest { serial }).unwrap();
        lookups.push(t.elapsed());
        events += v.events.len();
    }

    // The manager's reconciliation: the whole year to today, and the last 30 days.
    let (mut year, mut month) = (Vec::new(), Vec::new());
    let mut size = String::new();
    for _ in 0..RECONCILIATIONS {
        for (from, times) in [(first, &mut year), (add_days(today, -29), &mut month)] {
            let t = Instant::now();
            let r = reconcile::gift_reconciliation(
                db,
                &manager,
                PeriodRequest {
                    from: ymd(from),
                    to: ymd(today),
                },
            )
            .unwrap();
            times.push(t.elapsed());
            if from == first {
                let runs: usize = r.vouchers.iter().map(|v| v.outstanding.len()).sum();
                size = format!(
                    "{} items, {} voucher types, {} serial runs, {} variances",
                    r.items.len(),
                    r.vouchers.len(),
                    runs,
                    r.variances.len()
                );
            }
        }
    }

    let handovers = desk::handovers(db, &desks);
    let lines = handovers.lines;

    println!();
    println!("| what | p50 µs | p99 µs | max µs | calls |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let plain = row("checkout, no gifts (commit)", checkouts.plain);
    let gift = row(
        "checkout paying with 1 voucher, issuing 1 gift + 1 voucher (commit)",
        checkouts.gift,
    );
    row("quote before it, no voucher", checkouts.quote_plain);
    row("quote before it, with the voucher", checkouts.quote_voucher);
    let lookup = row(
        &format!(
            "voucher by serial, with its history ({:.1} events)",
            events as f64 / args.queries as f64
        ),
        lookups,
    );
    let sheet = row(
        &format!("handover: the blind sheet, {lines} lines"),
        handovers.sheet,
    );
    let count = row(
        &format!("handover: count {lines} lines (commit)"),
        handovers.count,
    );
    let pin = row("handover: the incoming PIN alone (argon2)", handovers.pin);
    let confirm = row(
        "handover: confirm a shift (PIN + commit)",
        handovers.confirm,
    );
    row(
        "handover: confirm a daily close (PIN + expiry + commit)",
        handovers.close,
    );
    let year = row(&format!("reconciliation, the year ({size})"), year);
    let month = row("reconciliation, the last 30 days", month);

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let met = |ok: bool| if ok { "met" } else { "MISSED" };
    let extra = gift.p99.saturating_sub(plain.p99);
    println!();
    println!(
        "- checkout with a gift and a voucher: +{:.2} ms at p99 ({:.2} against {:.2}), \
         +{:.2} ms at p50; target ≤ 2 ms more: {}",
        ms(extra),
        ms(gift.p99),
        ms(plain.p99),
        ms(gift.p50.saturating_sub(plain.p50)),
        met(extra <= Duration::from_millis(2))
    );
    // The confirm's own work: the confirm less the PIN check, at p50.
    let confirm_own = confirm.p50.saturating_sub(pin.p50);
    let handover = sheet.p99 + count.p99 + confirm_own;
    println!(
        "- {lines}-line handover without the PIN: sheet {:.2} + count {:.2} (p99) + the \
         confirm's own {:.2} (p50, the confirm {:.1} less the PIN {:.1}) = {:.2} ms; \
         target ≤ 10 ms: {}",
        ms(sheet.p99),
        ms(count.p99),
        ms(confirm_own),
        ms(confirm.p50),
        ms(pin.p50),
        ms(handover),
        met(handover <= Duration::from_millis(10))
    );
    println!(
        "- reconciliation: the year {:.1} ms, 30 days {:.1} ms at p99; target ≤ 100 ms: {}",
        ms(year.p99),
        ms(month.p99),
        met(year.p99 <= Duration::from_millis(100))
    );
    println!(
        "- voucher by serial: {:.2} ms at p99; target ≤ 1 ms: {}",
        ms(lookup.p99),
        met(lookup.p99 <= Duration::from_millis(1))
    );
    println!("({CHECKOUTS} checkouts of each kind.)");
}

struct Stat {
    p50: Duration,
    p99: Duration,
}

/// Print a row of the table.
fn row(what: &str, mut times: Vec<Duration>) -> Stat {
    times.sort();
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    println!(
        "| {what} | {} | {} | {} | {} |",
        us(p50),
        us(p99),
        us(*times.last().unwrap()),
        times.len()
    );
    Stat { p50, p99 }
}

/// What the file holds: rows per table, as counted in it.
fn shape(db: &Db, path: &Path, first: NaiveDate, today: NaiveDate) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let count = |table: &str| -> i64 { one(db, &format!("SELECT count(*) FROM {table}"), &[]) };
    println!(
        "{}: {:.0} MB; the year {first} to {}, timed on {today} (a copy).",
        path.display(),
        size as f64 / 1e6,
        add_days(today, -1),
    );
    println!();
    println!("| table | rows |");
    println!("| --- | ---: |");
    for table in [
        "customers",
        "visits",
        "gift_items",
        "gift_moves",
        "gift_stock",
        "gift_daily",
        "voucher_types",
        "voucher_batches",
        "vouchers",
        "voucher_events",
        "voucher_daily",
        "promotions",
        "promotion_tiers",
        "handovers",
        "handover_lines",
        "handover_matters",
    ] {
        println!("| {table} | {} |", count(table));
    }
    let kinds = |sql: &str| -> String {
        let mut stmt = db.conn().prepare(sql).unwrap();
        stmt.query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect::<Vec<_>>()
        .join(", ")
    };
    println!();
    println!(
        "Ledger by kind: {}.",
        kinds("SELECT kind, count(*) FROM gift_moves GROUP BY kind ORDER BY 2 DESC")
    );
    println!(
        "Vouchers by state: {}.",
        kinds("SELECT state, count(*) FROM vouchers GROUP BY state ORDER BY 2 DESC")
    );
    println!(
        "In the drawer by type: {}.",
        kinds(
            "SELECT t.serial_prefix, count(v.serial) FROM voucher_types t
             LEFT JOIN vouchers v ON v.voucher_type_id = t.id AND v.state = 'in_stock'
             GROUP BY t.id ORDER BY t.serial_prefix"
        )
    );
    println!(
        "Handover lines, the last handover of the year: {}.",
        one::<i64>(
            db,
            "SELECT count(*) FROM handover_lines
             WHERE handover_id = (SELECT max(id) FROM handovers WHERE state = 'confirmed')",
            &[]
        )
    );
}
