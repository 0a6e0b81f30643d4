//! The daily summary recomputed by brute force, for `tests/tests/reports.rs`:
//! every figure from the raw rows in Rust, with each row's business day
//! taken from `clock::business_date` of its instant (not the report's SQL
//! bounds). Visits, customers, services, ratings and times here; money in
//! `money`, follow-ups and complaints in `aftercare`, gifts and vouchers in
//! `gifts`.

mod aftercare;
mod gifts;
mod money;
pub mod views;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::clock;
use frontdesk_core::ids::ServiceId;
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::reports::{
    ConsultTimes, CustomerFigures, DailySummary, MethodAmount, Rating, ServiceCount, VisitFigures,
    WaitTimes,
};

use crate::reports_shop::{MINUTE, date};

struct VisitRaw {
    id: i64,
    status: String,
    source: String,
    customer: Option<i64>,
    business_date: String,
    arrived_at: i64,
    consult_started_at: Option<i64>,
    consult_ended_at: Option<i64>,
    reconsult_at: Option<i64>,
    closed_at: Option<i64>,
    total: i64,
    service_rating: Option<i64>,
    stylist_rating: Option<i64>,
}

/// visit, kind, item, qty, unit, amount, package.
type LineRow = (i64, String, i64, i64, i64, i64, Option<i64>);
/// kind, amount, method, visit, at.
type LedgerRow = (String, i64, Option<String>, Option<i64>, i64);

fn rows<T>(db: &Db, sql: &str, f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> Vec<T> {
    let conn = db.conn();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], f)
        .unwrap()
        .collect::<rusqlite::Result<Vec<T>>>()
        .unwrap()
}

fn methods(sums: &BTreeMap<String, i64>) -> Vec<MethodAmount> {
    PayMethod::ALL
        .iter()
        .map(|m| MethodAmount {
            method: *m,
            amount: Fen(*sums.get(m.as_str()).unwrap_or(&0)),
        })
        .collect()
}

fn rating_of(values: impl Iterator<Item = Option<i64>>) -> Rating {
    let mut r = Rating::default();
    for v in values.flatten() {
        if v == 0 {
            r.unknown += 1;
        } else {
            r.rated += 1;
            r.sum += v;
        }
    }
    r.average_tenths = (r.rated > 0).then(|| (r.sum as f64 / r.rated as f64 * 10.0).round() as i64);
    r
}

fn avg_seconds(ms: &[i64]) -> Option<i64> {
    (!ms.is_empty())
        .then(|| (ms.iter().sum::<i64>() as f64 / ms.len() as f64 / 1000.0).round() as i64)
}

/// voucher type, kind, visit, amount, business date.
type EventRow = (i64, String, Option<i64>, i64, String);

/// The range being recounted: its business days in the shop's zone, and its
/// checked-out visits.
struct Recount<'a> {
    db: &'a Db,
    tz: Tz,
    now: i64,
    from: NaiveDate,
    to: NaiveDate,
    out_ids: Vec<i64>,
}

impl Recount<'_> {
    fn day(&self, ms: i64) -> NaiveDate {
        clock::business_date(ms, self.tz)
    }

    fn within(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    fn within_ms(&self, ms: Option<i64>) -> bool {
        ms.is_some_and(|ms| self.within(self.day(ms)))
    }

    /// Whether a row's visit is one of the range's checked-out visits.
    fn is_out(&self, id: Option<i64>) -> bool {
        id.is_some_and(|id| self.out_ids.contains(&id))
    }

    /// A visit's day: the day it closed, or the day it arrived while open.
    fn visit_day(&self, v: &VisitRaw) -> NaiveDate {
        match v.status.as_str() {
            "open" => date(&v.business_date),
            _ => self.day(v.closed_at.unwrap()),
        }
    }

    /// The lines of the range's checked-out visits.
    fn checked_out_lines(&self) -> Vec<LineRow> {
        let lines: Vec<LineRow> = rows(
            self.db,
            "SELECT visit_id, kind, item_id, qty, unit_fen, amount_fen, package_id FROM visit_lines",
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        );
        lines
            .into_iter()
            .filter(|l| self.is_out(Some(l.0)))
            .collect()
    }

    fn voucher_events(&self) -> Vec<EventRow> {
        rows(
            self.db,
            "SELECT voucher_type_id, kind, visit_id, amount_fen, business_date FROM voucher_events",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
    }
}

/// Every figure of the summary from the raw rows, by the business day of
/// each row's instant.
pub fn brute_force(db: &Db, tz: Tz, now: i64, from: &str, to: &str) -> DailySummary {
    let (f, t) = (date(from), date(to));
    let mut rc = Recount {
        db,
        tz,
        now,
        from: f,
        to: t,
        out_ids: vec![],
    };
    let visits: Vec<VisitRaw> = rows(
        db,
        "SELECT id, status, source, customer_id, business_date, arrived_at, consult_started_at,
                consult_ended_at, reconsult_at, closed_at, total_fen, service_rating, stylist_rating
         FROM visits",
        |r| {
            Ok(VisitRaw {
                id: r.get(0)?,
                status: r.get(1)?,
                source: r.get(2)?,
                customer: r.get(3)?,
                business_date: r.get(4)?,
                arrived_at: r.get(5)?,
                consult_started_at: r.get(6)?,
                consult_ended_at: r.get(7)?,
                reconsult_at: r.get(8)?,
                closed_at: r.get(9)?,
                total: r.get(10)?,
                service_rating: r.get(11)?,
                stylist_rating: r.get(12)?,
            })
        },
    );
    let first_time = |v: &VisitRaw| match v.customer {
        None => true,
        Some(c) => !visits.iter().any(|e| {
            e.customer == Some(c)
                && e.status == "checked_out"
                && e.closed_at.unwrap() < v.arrived_at
        }),
    };
    let ours: Vec<&VisitRaw> = visits
        .iter()
        .filter(|v| rc.within(rc.visit_day(v)))
        .collect();
    let out: Vec<&VisitRaw> = ours
        .iter()
        .copied()
        .filter(|v| v.status == "checked_out")
        .collect();
    rc.out_ids = out.iter().map(|v| v.id).collect();
    let n = |s: &str| ours.iter().filter(|v| v.status == s).count() as i64;

    let vf = VisitFigures {
        total: ours.len() as i64,
        checked_out: n("checked_out"),
        cancelled: n("cancelled"),
        voided: n("voided"),
        open: n("open"),
        walk_ins: ours.iter().filter(|v| v.source == "walk_in").count() as i64,
        appointments: ours.iter().filter(|v| v.source == "appointment").count() as i64,
    };
    let cf = CustomerFigures {
        new_customers: out
            .iter()
            .filter(|v| v.customer.is_some() && first_time(v))
            .count() as i64,
        returning: out
            .iter()
            .filter(|v| v.customer.is_some() && !first_time(v))
            .count() as i64,
        anonymous: out.iter().filter(|v| v.customer.is_none()).count() as i64,
        cards_created: rows(rc.db, "SELECT created_at FROM customers", |r| {
            r.get::<_, i64>(0)
        })
        .into_iter()
        .filter(|ms| rc.within(rc.day(*ms)))
        .count() as i64,
    };
    let money::Money {
        revenue,
        top_ups,
        packages,
        money_in,
    } = money::recount(&rc, &out);
    let services = services(&rc);
    let (gifts, vouchers) = gifts::gifts_and_vouchers(&rc, &visits);

    // Times against the standards: consultation 3–15 minutes (a new
    // customer's at most 20); waits within 5 minutes, over 10.
    let (cmin, cmax, cnew) = (3, 15, 20);
    let not_void: Vec<&&VisitRaw> = ours.iter().filter(|v| v.status != "voided").collect();
    let mut consult = ConsultTimes {
        min_minutes: cmin,
        max_minutes: cmax,
        new_max_minutes: cnew,
        ..ConsultTimes::default()
    };
    let mut ms = vec![];
    for v in &not_void {
        if let (Some(s), Some(e)) = (v.consult_started_at, v.consult_ended_at) {
            let d = e - s;
            let max = if first_time(v) { cnew } else { cmax };
            consult.measured += 1;
            ms.push(d);
            if d < cmin * MINUTE {
                consult.too_short += 1;
            } else if d > max * MINUTE {
                consult.too_long += 1;
            } else {
                consult.within += 1;
            }
        }
    }
    consult.average_seconds = avg_seconds(&ms);
    let wait = |waits: Vec<i64>| WaitTimes {
        amber_minutes: 5,
        red_minutes: 10,
        measured: waits.len() as i64,
        within: waits.iter().filter(|w| **w <= 5 * MINUTE).count() as i64,
        over_red: waits.iter().filter(|w| **w > 10 * MINUTE).count() as i64,
        average_seconds: avg_seconds(&waits),
    };
    let waiting_for_consult = wait(
        not_void
            .iter()
            .filter_map(|v| v.consult_started_at.map(|s| s - v.arrived_at))
            .collect(),
    );
    let waiting_to_leave = wait(
        out.iter()
            .filter_map(|v| v.reconsult_at.map(|r| v.closed_at.unwrap() - r))
            .collect(),
    );

    DailySummary {
        from: from.into(),
        to: to.into(),
        days: (t - f).num_days() + 1,
        visits: vf,
        customers: cf,
        revenue,
        top_ups,
        packages,
        money_in,
        services,
        service_rating: rating_of(out.iter().map(|v| v.service_rating)),
        stylist_rating: rating_of(out.iter().map(|v| v.stylist_rating)),
        followups: aftercare::followups(&rc),
        complaints: aftercare::complaints(&rc),
        gifts,
        vouchers,
        consultations: consult,
        waiting_for_consult,
        waiting_to_leave,
    }
}

/// The services done in the range's checked-out visits, most done first.
fn services(rc: &Recount<'_>) -> Vec<ServiceCount> {
    let lines = rc.checked_out_lines();
    let names: BTreeMap<i64, String> = rows(rc.db, "SELECT id, name FROM services", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .into_iter()
    .collect();
    let mut done: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.1 == "service") {
        let e = done.entry(l.2).or_default();
        e.0 += l.3;
        if l.6.is_some() {
            e.1 += l.3;
        }
    }
    let mut services: Vec<ServiceCount> = done
        .into_iter()
        .map(|(id, (count, by_package))| ServiceCount {
            service_id: ServiceId(id),
            name: names[&id].clone(),
            count,
            by_package,
        })
        .collect();
    services.sort_by_key(|s| (-s.count, s.service_id.0));
    services
}
