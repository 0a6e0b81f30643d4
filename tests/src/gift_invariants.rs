//! The gift-book and voucher invariants (SPEC 3.8, 账实相符), checked in the
//! file as it is now. Shared by the property test (tests/gift_properties.rs),
//! the races (tests/gift_race.rs) and the crash test (tests/crash.rs).
//!
//! - Every gift item's book (`gift_stock`) is the sum of its ledger
//!   (`gift_moves`), never went below zero at any row of it, and the per-day
//!   totals (`gift_daily`) are the ledger grouped by day and kind.
//! - Every voucher's state is its events replayed through the state machine,
//!   each event allowed from the state before it; `voucher_daily` is the
//!   events counted by type, day and kind.
//! - No serial has more than one standing redemption (redeem − unredeem is 0
//!   or 1), and it is 1 exactly when the voucher is redeemed.
//! - The manager's reconciliation from [`PERIOD_START`] to today closes at
//!   the book of every item and at the serials in stock and issued of every
//!   voucher type, adds up line by line, and split at any day, the first
//!   part's closing is the second part's opening.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use frontdesk_core::Db;
use frontdesk_core::gifts::reconcile::{self, PeriodRequest, Reconciliation};
use frontdesk_core::staff::Session;

/// Reconciliations are taken from here: the test promotions' first day,
/// before anything was received.
pub const PERIOD_START: &str = "2026-11-01";

/// The state a voucher is in after an event of `kind` from `before` (None:
/// it did not exist yet); None when the state machine has no such move.
pub fn next_state(before: Option<&str>, kind: &str) -> Option<&'static str> {
    match (before, kind) {
        (None, "receive") => Some("in_stock"),
        (Some("in_stock"), "issue") => Some("issued"),
        (Some("issued"), "redeem") => Some("redeemed"),
        (Some("redeemed"), "unredeem") => Some("issued"),
        (Some("issued"), "recover") => Some("in_stock"),
        (Some("issued"), "cancel") => Some("cancelled"),
        (Some("issued"), "expire") => Some("expired"),
        (Some("in_stock"), "expire_unissued") => Some("expired"),
        (Some("in_stock"), "destroy") => Some("destroyed"),
        _ => None,
    }
}

/// A day in `[PERIOD_START, today)` chosen by `seed`, to split the period
/// at; None when the period is a single day.
pub fn split_day(today: NaiveDate, seed: u64) -> Option<NaiveDate> {
    let from = start();
    let span = (today - from).num_days();
    if span < 1 {
        return None;
    }
    from.checked_add_days(Days::new(seed % span as u64))
}

fn start() -> NaiveDate {
    NaiveDate::parse_from_str(PERIOD_START, "%Y-%m-%d").expect("period start")
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn rows<T>(
    db: &Db,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, String> {
    let mut stmt = db.conn().prepare(sql).map_err(|e| format!("{sql}: {e}"))?;
    stmt.query_map([], f)
        .and_then(|r| r.collect::<rusqlite::Result<Vec<T>>>())
        .map_err(|e| format!("{sql}: {e}"))
}

fn reconciliation(
    db: &mut Db,
    manager: &Session,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Reconciliation, String> {
    reconcile::gift_reconciliation(
        db,
        manager,
        PeriodRequest {
            from: day(from),
            to: day(to),
        },
    )
    .map_err(|e| format!("reconciliation {from}..{to} refused: {e:?}"))
}

/// Check every invariant; `today` is the shop's business date now (nothing
/// may be dated after it) and `split` a day in `[PERIOD_START, today)` to
/// split the period at. Err says which invariant broke, and where.
pub fn check(
    db: &mut Db,
    manager: &Session,
    today: NaiveDate,
    split: Option<NaiveDate>,
) -> Result<(), String> {
    let books = check_gift_book(db)?;
    let states = check_vouchers(db)?;
    check_reconciliation(db, manager, today, split, &books, &states)
}

/// Book = ledger ≥ 0 per item, never negative along the ledger, and the
/// daily totals are the ledger grouped. Returns the book of every item.
fn check_gift_book(db: &Db) -> Result<BTreeMap<i64, i64>, String> {
    let items: Vec<(i64, Option<i64>, i64, i64)> = rows(
        db,
        "SELECT i.id, (SELECT s.qty FROM gift_stock s WHERE s.item_id = i.id),
                (SELECT coalesce(sum(m.qty), 0) FROM gift_moves m WHERE m.item_id = i.id),
                (SELECT count(*) FROM gift_moves m WHERE m.item_id = i.id)
         FROM gift_items i ORDER BY i.id",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut books = BTreeMap::new();
    for (item, stock, ledger, moves) in items {
        if moves > 0 && stock.is_none() {
            return Err(format!(
                "item {item}: {moves} ledger rows but no gift_stock row"
            ));
        }
        let book = stock.unwrap_or(0);
        if book != ledger {
            return Err(format!(
                "item {item}: gift_stock {book} <> sum(gift_moves) {ledger}"
            ));
        }
        if book < 0 {
            return Err(format!("item {item}: book {book} below zero"));
        }
        books.insert(item, book);
    }
    let orphans: Vec<i64> = rows(
        db,
        "SELECT item_id FROM gift_stock WHERE item_id NOT IN (SELECT id FROM gift_items)",
        |r| r.get(0),
    )?;
    if !orphans.is_empty() {
        return Err(format!("gift_stock rows of no item: {orphans:?}"));
    }
    let negative: Vec<(i64, i64, i64)> = rows(
        db,
        "SELECT id, item_id, running FROM (
             SELECT id, item_id, sum(qty) OVER (PARTITION BY item_id ORDER BY id) AS running
             FROM gift_moves)
         WHERE running < 0",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if !negative.is_empty() {
        return Err(format!(
            "the book went below zero along the ledger (move, item, book): {negative:?}"
        ));
    }
    type Daily = (i64, String, String, i64);
    let daily_not_ledger: Vec<Daily> = rows(
        db,
        "SELECT item_id, business_date, kind, qty FROM gift_daily
         EXCEPT SELECT item_id, business_date, kind, sum(qty) FROM gift_moves GROUP BY 1, 2, 3",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let ledger_not_daily: Vec<Daily> = rows(
        db,
        "SELECT item_id, business_date, kind, sum(qty) FROM gift_moves GROUP BY 1, 2, 3
         EXCEPT SELECT item_id, business_date, kind, qty FROM gift_daily",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if !daily_not_ledger.is_empty() || !ledger_not_daily.is_empty() {
        return Err(format!(
            "gift_daily is not the ledger by day and kind: in gift_daily only {daily_not_ledger:?}, \
             in gift_moves only {ledger_not_daily:?}"
        ));
    }
    Ok(books)
}

/// Replay every voucher's events; check standing redemptions and the daily
/// counts. Returns the state of every serial with its type.
fn check_vouchers(db: &Db) -> Result<BTreeMap<String, (i64, String)>, String> {
    let vouchers: Vec<(String, i64, String)> = rows(
        db,
        "SELECT serial, voucher_type_id, state FROM vouchers ORDER BY serial",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let events: Vec<(i64, String, i64, String)> = rows(
        db,
        "SELECT id, serial, voucher_type_id, kind FROM voucher_events ORDER BY serial, id",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut by_serial: BTreeMap<&str, Vec<(i64, i64, &str)>> = BTreeMap::new();
    for (id, serial, type_id, kind) in &events {
        by_serial
            .entry(serial.as_str())
            .or_default()
            .push((*id, *type_id, kind.as_str()));
    }
    let mut states = BTreeMap::new();
    for (serial, type_id, state) in &vouchers {
        let mut replayed: Option<&'static str> = None;
        let (mut redeems, mut unredeems) = (0i64, 0i64);
        for (id, ev_type, kind) in by_serial.remove(serial.as_str()).unwrap_or_default() {
            if ev_type != *type_id {
                return Err(format!(
                    "{serial}: event {id} of type {ev_type}, the voucher is of type {type_id}"
                ));
            }
            replayed = Some(next_state(replayed, kind).ok_or_else(|| {
                format!("{serial}: event {id} '{kind}' is not allowed after {replayed:?}")
            })?);
            match kind {
                "redeem" => redeems += 1,
                "unredeem" => unredeems += 1,
                _ => {}
            }
            let standing = redeems - unredeems;
            if !(0..=1).contains(&standing) {
                return Err(format!(
                    "{serial}: {standing} standing redemptions after event {id}"
                ));
            }
        }
        if replayed != Some(state.as_str()) {
            return Err(format!(
                "{serial}: state '{state}' but its events replay to {replayed:?}"
            ));
        }
        let standing = redeems - unredeems;
        if (standing == 1) != (state == "redeemed") {
            return Err(format!(
                "{serial}: {redeems} redeem and {unredeems} unredeem events, state '{state}'"
            ));
        }
        states.insert(serial.clone(), (*type_id, state.clone()));
    }
    if let Some((serial, _)) = by_serial.into_iter().next() {
        return Err(format!("events of serial {serial}, which is no voucher"));
    }
    type Daily = (i64, String, String, i64);
    let daily_not_events: Vec<Daily> = rows(
        db,
        "SELECT voucher_type_id, business_date, kind, n FROM voucher_daily
         EXCEPT SELECT voucher_type_id, business_date, kind, count(*) FROM voucher_events GROUP BY 1, 2, 3",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let events_not_daily: Vec<Daily> = rows(
        db,
        "SELECT voucher_type_id, business_date, kind, count(*) FROM voucher_events GROUP BY 1, 2, 3
         EXCEPT SELECT voucher_type_id, business_date, kind, n FROM voucher_daily",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if !daily_not_events.is_empty() || !events_not_daily.is_empty() {
        return Err(format!(
            "voucher_daily is not the events by day and kind: in voucher_daily only \
             {daily_not_events:?}, in voucher_events only {events_not_daily:?}"
        ));
    }
    Ok(states)
}

fn check_reconciliation(
    db: &mut Db,
    manager: &Session,
    today: NaiveDate,
    split: Option<NaiveDate>,
    books: &BTreeMap<i64, i64>,
    states: &BTreeMap<String, (i64, String)>,
) -> Result<(), String> {
    let late: Vec<String> = rows(
        db,
        &format!(
            "SELECT business_date FROM gift_moves WHERE business_date > '{d}'
             UNION SELECT business_date FROM voucher_events WHERE business_date > '{d}'",
            d = day(today)
        ),
        |r| r.get(0),
    )?;
    if !late.is_empty() {
        return Err(format!("rows dated after today {today}: {late:?}"));
    }
    let whole = reconciliation(db, manager, start(), today)?;
    if whole.items.len() != books.len() {
        return Err(format!(
            "the reconciliation has {} items, the shop {}",
            whole.items.len(),
            books.len()
        ));
    }
    for i in &whole.items {
        let book = books.get(&i.item_id.0).copied().unwrap_or(-1);
        if i.closing != book {
            return Err(format!(
                "item {} ({}): reconciliation closes at {}, the book is {book}",
                i.item_id.0, i.name, i.closing
            ));
        }
        let moved = i.received - i.issued + i.recovered - i.returned - i.damaged + i.replaced
            - i.destroyed
            + i.adjusted;
        if i.opening + moved != i.closing {
            return Err(format!(
                "item {} ({}): opening {} + movements {moved} <> closing {}: {i:?}",
                i.item_id.0, i.name, i.opening, i.closing
            ));
        }
    }
    let count = |type_id: i64, state: &str| {
        states
            .values()
            .filter(|(t, s)| *t == type_id && s == state)
            .count() as i64
    };
    for v in &whole.vouchers {
        let (in_stock, issued) = (
            count(v.voucher_type_id.0, "in_stock"),
            count(v.voucher_type_id.0, "issued"),
        );
        if v.closing_in_stock != in_stock || v.closing_issued != issued {
            return Err(format!(
                "voucher type {} ({}): reconciliation closes at {} in stock and {} issued, \
                 the serials say {in_stock} and {issued}",
                v.voucher_type_id.0, v.name, v.closing_in_stock, v.closing_issued
            ));
        }
        let outstanding: i64 = v.outstanding.iter().map(|r| r.count).sum();
        if outstanding != in_stock + issued {
            return Err(format!(
                "voucher type {} ({}): {outstanding} outstanding serials, {} in stock or issued",
                v.voucher_type_id.0,
                v.name,
                in_stock + issued
            ));
        }
    }
    let Some(d) = split else { return Ok(()) };
    let next = d.succ_opt().ok_or("no day after the split")?;
    if d < start() || next > today {
        return Err(format!("split day {d} outside {PERIOD_START}..{today}"));
    }
    let first = reconciliation(db, manager, start(), d)?;
    let second = reconciliation(db, manager, next, today)?;
    for (a, b) in first.items.iter().zip(&second.items) {
        if a.item_id != b.item_id || a.closing != b.opening {
            return Err(format!(
                "split at {d}: item {} closes at {}, item {} opens at {}",
                a.item_id.0, a.closing, b.item_id.0, b.opening
            ));
        }
    }
    for (a, b) in first.vouchers.iter().zip(&second.vouchers) {
        if a.voucher_type_id != b.voucher_type_id
            || a.closing_in_stock != b.opening_in_stock
            || a.closing_issued != b.opening_issued
        {
            return Err(format!(
                "split at {d}: voucher type {} closes at {} in stock / {} issued, \
                 type {} opens at {} / {}",
                a.voucher_type_id.0,
                a.closing_in_stock,
                a.closing_issued,
                b.voucher_type_id.0,
                b.opening_in_stock,
                b.opening_issued
            ));
        }
    }
    if first.items.len() != second.items.len() || first.vouchers.len() != second.vouchers.len() {
        return Err(format!("split at {d}: the two parts list different rows"));
    }
    Ok(())
}
