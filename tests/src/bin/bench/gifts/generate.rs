//! Building the year's file: the shop and its customers, the catalogue
//! through the core's commands, then the year ([`super::year`]).
//!
//! The year is run twice. A dry run first, in memory only, counts how many
//! serials the promotions would hand out if every customer took every
//! voucher offered; the share customers take is then set so that the year
//! receives `--serials` serials without the drawer running dry (5% spare),
//! and the last delivery of the year tops the drawer up to exactly that
//! many. The second run writes the rows.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::clock::{self, Clock, OffsetClock, SystemClock};
use frontdesk_core::customers::{self, CustomerFields};
use frontdesk_core::gifts::setup::{self, SaveGiftItem};
use frontdesk_core::money::Fen;
use frontdesk_core::shop::SetupRequest;
use frontdesk_tests::generate::Generator;

use super::catalogue::{FIRST_SEASONAL_ITEM, ITEMS, catalogue};
use super::year::simulate;
use super::{Args, DAYS, add_days, morning, sign_in};

/// Build the file at `path`: the year ends yesterday (the shop's date now).
pub(super) fn build(args: &Args, path: &Path, tz: Tz) {
    let started = Instant::now();
    let today = clock::business_date(SystemClock.now_ms(), tz);
    let first = add_days(today, -(DAYS as i64));
    // The catalogue and the customers are set up the day before the year begins.
    let setup_clock: Arc<dyn Clock> =
        Arc::new(OffsetClock::starting_at(morning(add_days(first, -1), tz)));
    let (mut db, _) = Db::open(path, setup_clock).unwrap();
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
    let manager = sign_in(&mut db, "1001", "1234");
    let mut generator = Generator::new(args.seed);
    let mut left = args.customers;
    while left > 0 {
        let n = left.min(50_000);
        let batch: Vec<CustomerFields> = generator.customers(n);
        customers::create_many(&mut db, &manager, &batch, &mut |_, _| {}).unwrap();
        left -= n;
    }
    let customers_took = started.elapsed();
    let cat = catalogue(&mut db, &manager, first);
    let customers = args.customers as i64;
    // A dry run sizes how many offered vouchers customers take, so that the
    // drawer receives the year's serials without running dry.
    let dry = simulate(None, &cat, first, args, customers, 1.0, i64::MAX);
    let take = (0.95 * args.serials as f64 / dry.received as f64).min(1.0);
    eprintln!(
        "dry run: {} ledger rows, {} serials wanted over the year; customers take {:.0}% of the vouchers offered",
        dry.moves,
        dry.received,
        take * 100.0
    );
    let history = Instant::now();
    let t = simulate(
        Some(db.conn()),
        &cat,
        first,
        args,
        customers,
        take,
        args.serials as i64,
    );
    // The seasonal items returned to the warehouse are retired.
    for (i, (name, unit, cost)) in ITEMS.iter().enumerate().skip(FIRST_SEASONAL_ITEM) {
        setup::save_gift_item(
            &mut db,
            &manager,
            SaveGiftItem {
                id: cat.items[i],
                name: (*name).into(),
                unit: (*unit).into(),
                unit_cost: Fen(*cost),
                active: false,
            },
        )
        .unwrap();
    }
    let history_took = history.elapsed();
    // No ANALYZE: the app never runs it, so a shop's file has no statistics
    // and SQLite plans the gift statements without them; so does the bench.
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    eprintln!(
        "the year: {} ledger rows ({} issues), {} visits, {} serials in {} ranges, {} voucher \
         events ({} vouchers offered); {} handovers, {} lines, {} variances; {} voids; \
         short: {} item issues, {} vouchers",
        t.moves,
        t.issue_rows,
        t.visits,
        t.received,
        t.batches,
        t.events,
        t.offered_vouchers,
        t.handovers,
        t.lines,
        t.variances,
        t.voids,
        t.short_items,
        t.short_vouchers
    );
    eprintln!(
        "built {} in {:.1} s ({} customers in {:.1} s, the year in {:.1} s)",
        path.display(),
        started.elapsed().as_secs_f64(),
        args.customers,
        customers_took.as_secs_f64(),
        history_took.as_secs_f64()
    );
}
