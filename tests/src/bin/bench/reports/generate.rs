//! Years of a busy shop's visits written into a copy of the 1M-customer
//! file with plain SQL, the schema's triggers on: each visit is inserted
//! open with its service lines and payment, then checked out by an UPDATE
//! (so the `customer_visits` triggers keep each customer's row as in the
//! app). Top-ups before some visits and stored-value spends within the
//! balance, aftercare follow-ups, complaints, next appointments booked at
//! re-consultation, voids. One transaction per 30 days.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::clock::{self, SystemClock};
use frontdesk_core::staff::{self, AddStaffRequest, Role};
use rusqlite::params;

use super::Dice;

const MINUTE: i64 = 60_000;

/// Services of the menu: name, price in fen.
const MENU: &[(&str, i64)] = &[
    ("深层补水护理", 29_800),
    ("美白焕肤护理", 38_800),
    ("肩颈舒缓", 19_800),
    ("洗剪吹", 8_800),
    ("烫染造型", 48_800),
    ("眼部护理", 16_800),
];

pub struct Built {
    /// The customer with `history` visits (the card's benchmark).
    pub long_history: i64,
}

/// Write `visits` visits over `days` days ending yesterday (before `today`)
/// into the shop at `path` (its customers already there).
pub fn build(path: &Path, tz: Tz, today: NaiveDate, days: u64, visits: u64, history: u64) -> Built {
    let started = Instant::now();
    let (mut db, _) = Db::open(path, Arc::new(SystemClock)).unwrap();
    let manager = super::sign_in(&mut db, "1001", "1234");
    let mut stylists = Vec::new();
    for i in 0..8 {
        let s = staff::add_staff(
            &mut db,
            &manager,
            AddStaffRequest {
                staff_no: format!("38{:02}", i + 1),
                name: [
                    "陈静", "赵雪", "林晓", "周婷", "吴倩", "郑爽", "孙悦", "马丽",
                ][i]
                    .into(),
                role: Role::Stylist,
                pin: format!("38{:02}", i + 1),
            },
        )
        .unwrap();
        stylists.push(s.id.0);
    }
    let conn = db.conn();
    conn.execute_batch("PRAGMA synchronous = OFF; DELETE FROM sqlite_stat1;")
        .ok();
    let customers: i64 = conn
        .query_row("SELECT max(id) FROM customers", [], |r| r.get(0))
        .unwrap();
    let long_history = customers / 2;
    let per_day = visits / days;
    let mut dice = Dice(7);
    let mut balances: HashMap<i64, i64> = HashMap::new();
    let first = today - Days::new(days);
    let mut made = 0u64;
    let mut d = 0u64;
    while d < days {
        let tx = conn.unchecked_transaction().unwrap();
        {
            let mut w = Writer::new(&tx);
            for day_i in d..(d + 30).min(days) {
                let day = first + Days::new(day_i);
                let (open, _) = clock::day_bounds(day, tz);
                let ymd = day.format("%Y%m%d").to_string();
                let date = day.format("%Y-%m-%d").to_string();
                // The long history's customer comes every few days.
                let extra = u64::from(day_i % (days / history).max(1) == 0);
                for n in 0..per_day + extra {
                    let customer = if n == per_day {
                        long_history
                    } else if dice.chance(40) {
                        1 + dice.next((customers / 20) as u64) as i64
                    } else {
                        1 + dice.next(customers as u64) as i64
                    };
                    let stylist = stylists[dice.next(stylists.len() as u64) as usize];
                    let arrived = open + 9 * 60 * MINUTE + dice.next(12 * 60) as i64 * MINUTE;
                    w.visit(
                        &mut dice,
                        &mut balances,
                        V {
                            customer,
                            stylist,
                            arrived,
                            date: &date,
                            slip: format!("{ymd}-{:04}", n + 1),
                            manager: manager.staff_id.0,
                        },
                    );
                    made += 1;
                }
            }
        }
        tx.commit().unwrap();
        d += 30;
        eprintln!(
            "visits: {made} / {visits} ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    eprintln!("built in {:.0} s", started.elapsed().as_secs_f64());
    Built { long_history }
}

struct V<'a> {
    customer: i64,
    stylist: i64,
    arrived: i64,
    date: &'a str,
    slip: String,
    manager: i64,
}

struct Writer<'c> {
    visit: rusqlite::CachedStatement<'c>,
    line: rusqlite::CachedStatement<'c>,
    pay: rusqlite::CachedStatement<'c>,
    ledger: rusqlite::CachedStatement<'c>,
    close: rusqlite::CachedStatement<'c>,
    void: rusqlite::CachedStatement<'c>,
    followup: rusqlite::CachedStatement<'c>,
    complaint: rusqlite::CachedStatement<'c>,
    appointment: rusqlite::CachedStatement<'c>,
    conn: &'c rusqlite::Connection,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c rusqlite::Connection) -> Writer<'c> {
        let p = |sql: &str| conn.prepare_cached(sql).unwrap();
        Writer {
            visit: p("INSERT INTO visits (customer_id, source, stage, status, stage_since, business_date,
                        slip_no, arrived_at, greeted_by, consultant_id, stylist_id, consult_started_at,
                        consult_ended_at, service_started_at, service_ended_at, reconsult_at,
                        service_rating, stylist_rating, subtotal_fen, total_fen)
                      VALUES (?1, ?2, 'reconsult', 'open', ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?10, ?11,
                        ?3, ?12, ?13, ?14, ?14)"),
            line: p("INSERT INTO visit_lines (visit_id, kind, item_id, name, unit_fen, qty, amount_fen)
                     VALUES (?1, 'service', ?2, ?3, ?4, 1, ?4)"),
            pay: p("INSERT INTO visit_payments (visit_id, method, amount_fen) VALUES (?1, ?2, ?3)"),
            ledger: p("INSERT INTO sv_ledger (customer_id, kind, amount_fen, method, visit_id, at, staff_id)
                       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            close: p("UPDATE visits SET stage = 'done', status = 'checked_out', stage_since = ?2,
                        closed_at = ?2, closed_by = ?3, belongings_checked = 1 WHERE id = ?1"),
            void: p("UPDATE visits SET status = 'voided', voided_at = ?2, voided_by = ?3,
                       void_reason = '录入错误' WHERE id = ?1"),
            followup: p("INSERT INTO followups (customer_id, visit_id, reason, due_date, assigned_to,
                           status, attempts, satisfaction, created_at, closed_at, closed_by)
                         VALUES (?1, ?2, 'aftercare', ?3, ?4, ?5, 1, 5, ?6, ?7, ?4)"),
            complaint: p("INSERT INTO complaints (customer_id, visit_id, about_staff_id, source, channel,
                            kind, description, taken_by, severity, opened_at, answer_due_at, answered_at)
                          VALUES (?1, ?2, ?3, 'rating', 'in_person', 'quality', '不满意', ?4, 'simple',
                            ?5, ?5 + 86400000, ?5 + 3600000)"),
            appointment: p("INSERT INTO appointments (customer_id, stylist_id, start_at, duration_minutes,
                              status, booked_from_visit, created_at, created_by, updated_at, updated_by)
                            VALUES (?1, ?2, ?3, 60, 'arrived', ?4, ?5, ?6, ?5, ?6)"),
            conn,
        }
    }

    fn visit(&mut self, dice: &mut Dice, balances: &mut HashMap<i64, i64>, v: V<'_>) {
        let consult = v.arrived + (2 + dice.next(10) as i64) * MINUTE;
        let consult_end = consult + (5 + dice.next(15) as i64) * MINUTE;
        let service_end = consult_end + (40 + dice.next(50) as i64) * MINUTE;
        let reconsult = service_end + 2 * MINUTE;
        let closed = reconsult + (3 + dice.next(8) as i64) * MINUTE;
        let rating = |dice: &mut Dice| match dice.next(20) {
            0 => None,
            1 => Some(0),
            2 => Some(2 + dice.next(2) as i64),
            3..=8 => Some(4),
            _ => Some(5),
        };
        let (sr, yr) = (rating(dice), rating(dice));
        let a = MENU[dice.next(MENU.len() as u64) as usize];
        let mut lines = vec![a];
        if dice.chance(25) {
            lines.push(MENU[dice.next(MENU.len() as u64) as usize]);
        }
        let total: i64 = lines.iter().map(|l| l.1).sum();
        let source = if dice.chance(30) {
            "appointment"
        } else {
            "walk_in"
        };
        self.visit
            .execute(params![
                v.customer,
                source,
                reconsult,
                v.date,
                v.slip,
                v.arrived,
                v.manager,
                v.stylist,
                consult,
                consult_end,
                service_end,
                sr,
                yr,
                total
            ])
            .unwrap();
        let id = self.conn.last_insert_rowid();
        for (i, (name, fen)) in lines.iter().enumerate() {
            self.line
                .execute(params![id, i as i64 + 1, name, fen])
                .unwrap();
        }
        // Some top up first; members pay from the balance when it covers it.
        if dice.chance(4) {
            let amount = (1 + dice.next(5) as i64) * 100_000;
            self.ledger
                .execute(params![
                    v.customer,
                    "topup",
                    amount,
                    "mobile",
                    None::<i64>,
                    v.arrived,
                    v.manager
                ])
                .unwrap();
            *balances.entry(v.customer).or_default() += amount;
        }
        let balance = balances.get(&v.customer).copied().unwrap_or(0);
        if balance >= total {
            self.ledger
                .execute(params![
                    v.customer,
                    "spend",
                    -total,
                    None::<String>,
                    id,
                    closed,
                    v.manager
                ])
                .unwrap();
            balances.insert(v.customer, balance - total);
        } else {
            let method = ["cash", "card", "mobile"][dice.next(3) as usize];
            self.pay.execute(params![id, method, total]).unwrap();
        }
        self.close.execute(params![id, closed, v.manager]).unwrap();
        if dice.chance(30) {
            self.appointment
                .execute(params![
                    v.customer,
                    v.stylist,
                    closed + 21 * 86_400_000,
                    id,
                    reconsult,
                    v.manager
                ])
                .unwrap();
        }
        if dice.chance(40) {
            let due = chrono::NaiveDate::parse_from_str(v.date, "%Y-%m-%d").unwrap() + Days::new(3);
            let done = dice.chance(85);
            self.followup
                .execute(params![
                    v.customer,
                    id,
                    due.format("%Y-%m-%d").to_string(),
                    v.manager,
                    if done { "done" } else { "unreachable" },
                    closed,
                    closed + 3 * 86_400_000
                ])
                .unwrap();
        }
        if matches!(sr, Some(2 | 3)) && dice.chance(10) {
            self.complaint
                .execute(params![v.customer, id, v.stylist, v.manager, closed])
                .unwrap();
        }
        // One in two hundred is voided the same day (paid in money only).
        if dice.chance(1) && dice.chance(50) && balance < total {
            self.void
                .execute(params![id, closed + 30 * MINUTE, v.manager])
                .unwrap();
        }
    }
}
