//! The year, simulated day by day in memory and written as it goes: the
//! simulation ([`Sim`]) keeps what the shop knows (each item's book, each
//! serial's state and holder, who holds which voucher, what the promotions
//! ask for a day) and writes every row with plain SQL ([`rows`]); the
//! schema's triggers keep `gift_stock`, `gift_daily` and `voucher_daily` and
//! refuse any voucher move the state machine does not allow, as in the app.
//!
//! A day ([`day`]) runs from the manager's 09:00 settling of yesterday's
//! variances through deliveries, the day's checkouts ([`sale`]), the 15:00
//! shift handover and the 21:30 close. How many checkouts a day is set so
//! that the ledger reaches `--gift-moves` rows by the last day, weekends
//! busier (1.3) than weekdays (0.88).

mod day;
mod rows;
mod sale;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use frontdesk_core::clock;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rusqlite::Connection;

use super::catalogue::{
    Catalogue, FIRST_SEASONAL_ITEM, PromoSim, SEASONS, TYPES, VALID_DAYS, season_days,
};
use super::{DAYS, add_days, ymd};
use crate::Args;

/// A serial's state, as the `vouchers` table spells it (`Missing`: in a
/// received range but never arrived, so no row).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    Missing,
    InStock,
    Issued,
    Redeemed,
    Expired,
    Cancelled,
    Destroyed,
}

impl St {
    fn text(self) -> &'static str {
        match self {
            St::Missing => "missing",
            St::InStock => "in_stock",
            St::Issued => "issued",
            St::Redeemed => "redeemed",
            St::Expired => "expired",
            St::Cancelled => "cancelled",
            St::Destroyed => "destroyed",
        }
    }
}

/// A gift item as the shop knows it.
struct ItemSim {
    id: i64,
    /// Units on the shelf (the ledger's sum, kept in step with `gift_stock`).
    book: i64,
    /// Units a day the promotions ask for (moving average).
    est: f64,
    wanted: i64,
    active: bool,
    urgent_today: bool,
    /// Returned and retired on this day (seasonal items).
    retire_on: Option<usize>,
}

/// A received range of serials.
struct BatchSim {
    id: i64,
    in_stock: i64,
}

/// A voucher type and every serial of it received so far.
struct TypeSim {
    id: i64,
    prefix: &'static str,
    face: i64,
    min_spend: i64,
    valid_days: Option<i64>,
    valid_from: Option<usize>,
    valid_to: Option<usize>,
    next_no: i64,
    /// By number (index 0 unused).
    state: Vec<St>,
    batch: Vec<usize>,
    expires: Vec<usize>,
    holder: Vec<i64>,
    in_stock: BTreeSet<i64>,
    batches: Vec<BatchSim>,
    est: f64,
    wanted: i64,
    urgent_today: bool,
}

impl TypeSim {
    fn serial(&self, no: i64) -> String {
        format!("{}{:06}", self.prefix, no)
    }
}

/// One gift-ledger row.
struct Mv<'a> {
    item: usize,
    kind: &'static str,
    qty: i64,
    visit: Option<i64>,
    customer: Option<i64>,
    tier: Option<i64>,
    slip: &'a str,
    receipts: Option<i64>,
    seconds: Option<i64>,
    line: Option<i64>,
    reason: &'a str,
    at: i64,
    staff: i64,
}

impl<'a> Mv<'a> {
    fn new(item: usize, kind: &'static str, qty: i64, at: i64, staff: i64) -> Mv<'a> {
        Mv {
            item,
            kind,
            qty,
            visit: None,
            customer: None,
            tier: None,
            slip: "",
            receipts: None,
            seconds: None,
            line: None,
            reason: "",
            at,
            staff,
        }
    }
}

/// One voucher event.
#[derive(Default)]
struct Ev<'a> {
    visit: Option<i64>,
    customer: Option<i64>,
    tier: Option<i64>,
    amount: i64,
    reason: &'a str,
}

/// What the year wrote, counted as it goes.
#[derive(Default)]
pub(super) struct Totals {
    pub(super) moves: i64,
    pub(super) issue_rows: i64,
    pub(super) visits: i64,
    pub(super) events: i64,
    pub(super) received: i64,
    pub(super) batches: i64,
    /// Voucher offers the tiers made (before customers declined).
    pub(super) offered_vouchers: i64,
    pub(super) handovers: i64,
    pub(super) lines: i64,
    pub(super) variances: i64,
    pub(super) voids: i64,
    pub(super) short_items: i64,
    pub(super) short_vouchers: i64,
}

/// The shop through the year. The `next_*` ids are assigned here, so the
/// rows can refer to each other without reading them back.
struct Sim<'c> {
    rng: StdRng,
    /// None: a dry run, which only counts.
    conn: Option<&'c Connection>,
    first: NaiveDate,
    tz: Tz,
    day: usize,
    manager: i64,
    desks: [i64; 3],
    stylists: Vec<i64>,
    customers: i64,
    items: Vec<ItemSim>,
    types: Vec<TypeSim>,
    promos: Vec<PromoSim>,
    /// Vouchers (type, number) each customer was given.
    held: HashMap<i64, Vec<(usize, i64)>>,
    /// Issued vouchers by the day they expire.
    expiring: BTreeMap<usize, Vec<(usize, i64)>>,
    next_visit: i64,
    next_handover: i64,
    next_line: i64,
    next_batch: i64,
    next_matter: i64,
    /// Share of offered vouchers the customer takes.
    take: f64,
    /// At most this many serials received in the year.
    cap: i64,
    /// Count variances the manager settles the next morning: (handover
    /// line, item, units) and (type, range) a serial went missing from.
    adjusts: Vec<(i64, usize, i64)>,
    batch_shorts: Vec<(usize, usize)>,
    /// Matters passed on at a handover, resolved the next morning.
    matters: Vec<i64>,
    /// Today's slip, delivery-slip and handover numbers so far.
    slip_seq: i64,
    receipt_seq: i64,
    handover_seq: i64,
    t: Totals,
}

impl<'c> Sim<'c> {
    fn new(
        conn: Option<&'c Connection>,
        cat: &Catalogue,
        first: NaiveDate,
        customers: i64,
        seed: u64,
        take: f64,
        cap: i64,
    ) -> Sim<'c> {
        let items = cat
            .items
            .iter()
            .enumerate()
            .map(|(i, id)| ItemSim {
                id: id.0,
                book: 0,
                est: 0.0,
                wanted: 0,
                active: true,
                urgent_today: false,
                retire_on: (i >= FIRST_SEASONAL_ITEM).then(|| {
                    let k = SEASONS
                        .iter()
                        .position(|s| s.1 == i || s.2 == i || s.3 == i)
                        .unwrap();
                    season_days(k).1 + 1
                }),
            })
            .collect();
        let (d_start, d_end) = season_days(6);
        let types = cat
            .types
            .iter()
            .enumerate()
            .map(|(i, id)| TypeSim {
                id: id.0,
                prefix: TYPES[i].1,
                face: TYPES[i].2,
                min_spend: TYPES[i].3,
                valid_days: VALID_DAYS[i],
                valid_from: VALID_DAYS[i].is_none().then_some(d_start),
                valid_to: VALID_DAYS[i].is_none().then_some(d_end + 30),
                next_no: 1,
                state: vec![St::Missing],
                batch: vec![0],
                expires: vec![0],
                holder: vec![0],
                in_stock: BTreeSet::new(),
                batches: Vec::new(),
                est: 0.0,
                wanted: 0,
                urgent_today: false,
            })
            .collect();
        let promos = cat.promotions.clone();
        let next =
            |sql: &str| -> i64 { conn.map_or(1, |c| c.query_row(sql, [], |r| r.get(0)).unwrap()) };
        Sim {
            rng: StdRng::seed_from_u64(seed),
            conn,
            first,
            tz: clock::DEFAULT_TIME_ZONE,
            day: 0,
            manager: cat.manager.0,
            desks: [cat.desks[0].0, cat.desks[1].0, cat.desks[2].0],
            stylists: cat.stylists.iter().map(|s| s.0).collect(),
            customers,
            items,
            types,
            promos,
            held: HashMap::new(),
            expiring: BTreeMap::new(),
            next_visit: next("SELECT coalesce(max(id), 0) + 1 FROM visits"),
            next_handover: next("SELECT coalesce(max(id), 0) + 1 FROM handovers"),
            next_line: next("SELECT coalesce(max(id), 0) + 1 FROM handover_lines"),
            next_batch: next("SELECT coalesce(max(id), 0) + 1 FROM voucher_batches"),
            next_matter: next("SELECT coalesce(max(id), 0) + 1 FROM handover_matters"),
            take,
            cap,
            adjusts: Vec::new(),
            batch_shorts: Vec::new(),
            matters: Vec::new(),
            slip_seq: 0,
            receipt_seq: 0,
            handover_seq: 0,
            t: Totals::default(),
        }
    }

    fn exec(&self, sql: &str, p: &[&dyn rusqlite::ToSql]) {
        if let Some(c) = self.conn {
            c.prepare_cached(sql)
                .unwrap()
                .execute(p)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
    }

    fn date(&self) -> NaiveDate {
        add_days(self.first, self.day as i64)
    }

    fn date_text(&self) -> String {
        ymd(self.date())
    }

    /// The instant `h:m` on the current day.
    fn at(&self, h: i64, m: i64) -> i64 {
        clock::day_bounds(self.date(), self.tz).0 + (h * 3600 + m * 60) * 1000
    }

    fn running(&self, p: usize) -> bool {
        let p = &self.promos[p];
        p.start <= self.day && self.day <= p.end
    }
}

/// Run the year, on `conn` (None: a dry run that only counts).
pub(super) fn simulate(
    conn: Option<&Connection>,
    cat: &Catalogue,
    first: NaiveDate,
    args: &Args,
    customers: i64,
    take: f64,
    cap: i64,
) -> Totals {
    let mut sim = Sim::new(conn, cat, first, customers, args.seed ^ 0x9f7, take, cap);
    let weight = |d: NaiveDate| match d.weekday() {
        Weekday::Sat | Weekday::Sun => 1.3,
        _ => 0.88,
    };
    let weights: Vec<f64> = (0..DAYS)
        .map(|k| weight(add_days(first, k as i64)))
        .collect();
    let all: f64 = weights.iter().sum();
    let mut so_far = 0.0;
    let started = Instant::now();
    for (k, weight) in weights.iter().enumerate() {
        if let Some(c) = conn
            && k % 30 == 0
        {
            if k > 0 {
                c.execute_batch("COMMIT").unwrap();
            }
            c.execute_batch("BEGIN").unwrap();
        }
        so_far += weight;
        sim.day = k;
        let target = (args.gift_moves as f64 * so_far / all).round() as i64;
        sim.run_day(target, k + 1 == DAYS);
        if conn.is_some() && k % 30 == 29 {
            eprintln!(
                "day {} / {DAYS}: {} ledger rows, {} serials, {:.0} s",
                k + 1,
                sim.t.moves,
                sim.t.received,
                started.elapsed().as_secs_f64()
            );
        }
    }
    if let Some(c) = conn {
        c.execute_batch("COMMIT").unwrap();
    }
    sim.t
}
