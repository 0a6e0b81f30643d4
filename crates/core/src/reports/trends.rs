//! Trends (趋势) by day, week (Monday to Sunday) or month over a period:
//! checked-out visits, what they billed, new customers (first checked-out
//! visit), the service rating, complaints opened and their rate per 100
//! visits, and the stored-value liability at the end of each step. A week or
//! month cut by the period's ends counts only its days inside it.
//!
//! Each figure is one aggregate over an index range per step, so a year by
//! day costs a few hundred index scans, never a pass over every row.

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::{Period, Rating, RatingSum, permille};
use crate::clock;
use crate::error::Result;
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

crate::text_enum! {
    /// How long one step of a trend is.
    pub enum Bucket {
        Day = "day",
        Week = "week",
        Month = "month",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrendRequest {
    pub from: String,
    pub to: String,
    pub bucket: Bucket,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Trend {
    pub from: String,
    pub to: String,
    pub bucket: Bucket,
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    /// Business dates of the step, inclusive.
    pub from: String,
    pub to: String,
    pub visits: i64,
    pub revenue: Fen,
    pub new_customers: i64,
    pub service_rating: Rating,
    pub complaints: i64,
    /// Complaints per visit in tenths of a percent.
    pub complaint_permille: Option<i64>,
    /// Stored value owed to members at the end of the step.
    pub liability: Fen,
}

/// The trend for the session (managers: `ViewReports`).
pub fn trend(db: &mut Db, session: &Session, req: TrendRequest) -> Result<Trend> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        trend_in(tx, &req)
    })
}

/// The steps `first..=last` cut into, each clipped to the period.
pub fn steps(first: NaiveDate, last: NaiveDate, bucket: Bucket) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        let natural_end = match bucket {
            Bucket::Day => start,
            Bucket::Week => {
                start + Days::new(6 - u64::from(start.weekday().num_days_from_monday()))
            }
            Bucket::Month => {
                let first_of_month = start.with_day(1).unwrap_or(start);
                first_of_month + Months::new(1) - Days::new(1)
            }
        };
        let end = natural_end.min(last);
        out.push((start, end));
        start = end + Days::new(1);
    }
    out
}

/// The trend read in `tx` (no permission check: the caller's).
pub fn trend_in(tx: &Tx<'_>, req: &TrendRequest) -> Result<Trend> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let mut visits = tx.prepare_cached(
        "SELECT count(*), coalesce(sum(total_fen), 0),
                coalesce(sum(service_rating BETWEEN 1 AND 5), 0),
                coalesce(sum(CASE WHEN service_rating BETWEEN 1 AND 5 THEN service_rating END), 0),
                coalesce(sum(service_rating = 0), 0)
         FROM visits WHERE closed_at >= ?1 AND closed_at < ?2 AND status = 'checked_out'",
    )?;
    let mut firsts = tx.prepare_cached(
        "SELECT count(*) FROM customer_visits WHERE first_visit_at >= ?1 AND first_visit_at < ?2",
    )?;
    let mut complaints = tx.prepare_cached(
        "SELECT count(*) FROM complaints WHERE opened_at >= ?1 AND opened_at < ?2",
    )?;
    let mut ledger_after =
        tx.prepare_cached("SELECT coalesce(sum(amount_fen), 0) FROM sv_ledger WHERE at >= ?1")?;
    let mut ledger_between = tx.prepare_cached(
        "SELECT coalesce(sum(amount_fen), 0) FROM sv_ledger WHERE at >= ?1 AND at < ?2",
    )?;
    let now_liability: i64 = tx.query_row(
        "SELECT coalesce((SELECT liability_fen FROM sv_totals WHERE id = 1), 0)",
        [],
        |r| r.get(0),
    )?;
    let steps = steps(p.first, p.last, req.bucket);
    // Liability at the end of the period: today's less what moved since.
    let period_end_after: i64 = ledger_after.query_row([p.end], |r| r.get(0))?;
    let mut bounds = Vec::with_capacity(steps.len());
    for &(a, b) in &steps {
        bounds.push((clock::day_bounds(a, p.tz).0, clock::day_bounds(b, p.tz).1));
    }
    // Walk back from the period's end: each step's end liability is the
    // next step's less what moved within the next step.
    let mut liability = vec![0i64; steps.len()];
    let mut at_end = now_liability - period_end_after;
    for i in (0..steps.len()).rev() {
        liability[i] = at_end;
        let moved: i64 =
            ledger_between.query_row(params![bounds[i].0, bounds[i].1], |r| r.get(0))?;
        at_end -= moved;
    }
    let mut points = Vec::with_capacity(steps.len());
    for (i, &(a, b)) in steps.iter().enumerate() {
        let (start, end) = bounds[i];
        let (n, revenue, rated, sum, unknown): (i64, i64, i64, i64, i64) = visits
            .query_row(params![start, end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let mut rating = RatingSum::default();
        rating.add_many(rated, sum, unknown);
        let c: i64 = complaints.query_row(params![start, end], |r| r.get(0))?;
        points.push(TrendPoint {
            from: a.format("%Y-%m-%d").to_string(),
            to: b.format("%Y-%m-%d").to_string(),
            visits: n,
            revenue: Fen(revenue),
            new_customers: firsts.query_row(params![start, end], |r| r.get(0))?,
            service_rating: rating.finish(),
            complaints: c,
            complaint_permille: permille(c, n),
            liability: Fen(liability[i]),
        });
    }
    Ok(Trend {
        from: p.from,
        to: p.to,
        bucket: req.bucket,
        points,
    })
}
