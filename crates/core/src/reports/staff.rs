//! Per stylist and staff member for a period (员工业绩): services done,
//! what her visits billed, the customers' ratings, how often the next
//! appointment was booked at re-consultation, complaints about her and the
//! follow-ups she was given; ranked by the stylist rating, the manual's
//! "customer-rated performance".
//!
//! A visit counts for its stylist on the day it was checked out (voided
//! visits nowhere). A visit is rebooked when an appointment was booked from
//! it at re-consultation, whatever became of that appointment later.
//! Complaints count on the day they were opened, for the staff member they
//! are about; follow-ups for the one they were given to, on their due day
//! (cancelled ones aside), handled when closed (reached or not).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::SummaryRequest;
use super::figures::{Period, Rating, RatingSum, permille};
use crate::access::Role;
use crate::error::Result;
use crate::ids::StaffId;
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffReport {
    pub from: String,
    pub to: String,
    /// Ranked: rated staff by stylist rating (then visits), then the rest.
    pub rows: Vec<StaffFigures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffFigures {
    pub staff_id: StaffId,
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Checked-out visits she was the stylist of.
    pub visits: i64,
    /// Service lines on them (quantities added).
    pub services: i64,
    /// What those visits billed, and the service lines' part of it.
    pub revenue: Fen,
    pub service_revenue: Fen,
    pub service_rating: Rating,
    pub stylist_rating: Rating,
    /// Visits from which the next appointment was booked.
    pub rebooked: i64,
    /// rebooked / visits, in tenths of a percent.
    pub rebooking_permille: Option<i64>,
    /// Complaints about her opened in the period.
    pub complaints: i64,
    /// Follow-ups given to her, due in the period, and how many are closed.
    pub followups_due: i64,
    pub followups_handled: i64,
    pub followups_permille: Option<i64>,
    /// 1 = best stylist rating; None when nobody rated her.
    pub rank: Option<i64>,
}

/// The staff report for the session (managers: `ViewReports`).
pub fn staff_report(db: &mut Db, session: &Session, req: SummaryRequest) -> Result<StaffReport> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        staff_report_in(tx, &req)
    })
}

#[derive(Default)]
struct Acc {
    visits: i64,
    services: i64,
    revenue: i64,
    service_revenue: i64,
    service_rating: RatingSum,
    stylist_rating: RatingSum,
    rebooked: i64,
    complaints: i64,
    followups_due: i64,
    followups_handled: i64,
}

/// The report read in `tx` (no permission check: the caller's).
pub fn staff_report_in(tx: &Tx<'_>, req: &SummaryRequest) -> Result<StaffReport> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let mut acc: BTreeMap<i64, Acc> = BTreeMap::new();
    visits(tx, &p, &mut acc)?;
    aftercare(tx, &p, &mut acc)?;
    let mut rows = Vec::new();
    let mut stmt = tx.prepare_cached("SELECT id, staff_no, name, role, active FROM staff")?;
    let staff = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Role>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, staff_no, name, role, active) in staff {
        let a = acc.remove(&id);
        // Every active stylist is listed, idle or not; anyone else only
        // with something to show.
        if a.is_none() && !(active && role == Role::Stylist) {
            continue;
        }
        let a = a.unwrap_or_default();
        rows.push(StaffFigures {
            staff_id: StaffId(id),
            staff_no,
            name,
            role,
            active,
            visits: a.visits,
            services: a.services,
            revenue: Fen(a.revenue),
            service_revenue: Fen(a.service_revenue),
            service_rating: a.service_rating.finish(),
            stylist_rating: a.stylist_rating.finish(),
            rebooked: a.rebooked,
            rebooking_permille: permille(a.rebooked, a.visits),
            complaints: a.complaints,
            followups_due: a.followups_due,
            followups_handled: a.followups_handled,
            followups_permille: permille(a.followups_handled, a.followups_due),
            rank: None,
        });
    }
    rank(&mut rows);
    Ok(StaffReport {
        from: p.from,
        to: p.to,
        rows,
    })
}

/// Best stylist rating first (the exact average, then more ratings, then
/// more visits); equal figures share a rank. Unrated staff follow by visits.
fn rank(rows: &mut [StaffFigures]) {
    rows.sort_by(|a, b| better(b, a).then_with(|| a.staff_no.cmp(&b.staff_no)));
    let mut rank = 0;
    for i in 0..rows.len() {
        if rows[i].stylist_rating.rated == 0 {
            break;
        }
        if i == 0 || better(&rows[i - 1], &rows[i]) != Ordering::Equal {
            rank = i as i64 + 1;
        }
        rows[i].rank = Some(rank);
    }
}

/// How `a` compares with `b` as a performance: rated before unrated, the
/// higher average (compared exactly, as fractions), more ratings, more visits.
fn better(a: &StaffFigures, b: &StaffFigures) -> Ordering {
    let (ra, rb) = (&a.stylist_rating, &b.stylist_rating);
    (ra.rated > 0)
        .cmp(&(rb.rated > 0))
        .then_with(|| {
            (i128::from(ra.sum) * i128::from(rb.rated))
                .cmp(&(i128::from(rb.sum) * i128::from(ra.rated)))
        })
        .then_with(|| ra.rated.cmp(&rb.rated))
        .then_with(|| a.visits.cmp(&b.visits))
}

fn visits(tx: &Tx<'_>, p: &Period, acc: &mut BTreeMap<i64, Acc>) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT v.stylist_id, v.total_fen, v.service_rating, v.stylist_rating,
                EXISTS (SELECT 1 FROM appointments a WHERE a.booked_from_visit = v.id)
         FROM visits v
         WHERE v.closed_at >= ?1 AND v.closed_at < ?2 AND v.status = 'checked_out'",
    )?;
    // (Visits without a stylist are skipped here, not in SQL: a condition
    // on stylist_id would tempt SQLite into the stylist index, a scan of
    // every visit the shop ever had.)
    let mut rows = stmt.query(params![p.start, p.end])?;
    while let Some(r) = rows.next()? {
        let Some(stylist) = r.get::<_, Option<i64>>(0)? else {
            continue;
        };
        let a = acc.entry(stylist).or_default();
        a.visits += 1;
        a.revenue += r.get::<_, i64>(1)?;
        a.service_rating.add(r.get(2)?);
        a.stylist_rating.add(r.get(3)?);
        a.rebooked += i64::from(r.get::<_, bool>(4)?);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT v.stylist_id, sum(l.qty), sum(l.amount_fen)
         FROM visits v JOIN visit_lines l ON l.visit_id = v.id
         WHERE v.closed_at >= ?1 AND v.closed_at < ?2 AND v.status = 'checked_out'
           AND l.kind = 'service'
         GROUP BY v.stylist_id",
    )?;
    let mut rows = stmt.query(params![p.start, p.end])?;
    while let Some(r) = rows.next()? {
        if let Some(stylist) = r.get::<_, Option<i64>>(0)? {
            let a = acc.entry(stylist).or_default();
            a.services += r.get::<_, i64>(1)?;
            a.service_revenue += r.get::<_, i64>(2)?;
        }
    }
    Ok(())
}

fn aftercare(tx: &Tx<'_>, p: &Period, acc: &mut BTreeMap<i64, Acc>) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT about_staff_id, count(*) FROM complaints
         WHERE opened_at >= ?1 AND opened_at < ?2 AND about_staff_id IS NOT NULL
         GROUP BY about_staff_id",
    )?;
    let mut rows = stmt.query(params![p.start, p.end])?;
    while let Some(r) = rows.next()? {
        acc.entry(r.get(0)?).or_default().complaints += r.get::<_, i64>(1)?;
    }
    let mut stmt = tx.prepare_cached(
        "SELECT assigned_to, count(*), coalesce(sum(status <> 'open'), 0) FROM followups
         WHERE due_date BETWEEN ?1 AND ?2 AND status <> 'cancelled' AND assigned_to IS NOT NULL
         GROUP BY assigned_to",
    )?;
    let mut rows = stmt.query(params![p.from, p.to])?;
    while let Some(r) = rows.next()? {
        let a = acc.entry(r.get(0)?).or_default();
        a.followups_due += r.get::<_, i64>(1)?;
        a.followups_handled += r.get::<_, i64>(2)?;
    }
    Ok(())
}
