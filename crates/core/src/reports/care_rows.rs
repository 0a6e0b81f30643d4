//! The follow-ups and complaints behind a figure of the daily summary (明细),
//! by the summary's own rules (`daily::aftercare`): follow-ups done or not
//! reached on the day they were closed, overdue ones on their due day (due
//! in the period, not cancelled, not closed by the end of that day, the day
//! over); complaints on the day they were opened.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::Period;
use crate::clock::{self, Millis};
use crate::error::{Error, Invalid, Result};
use crate::ids::CustomerId;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

crate::text_enum! {
    /// Which follow-ups or complaints.
    pub enum CareRowKind {
        FollowupsDone = "followups_done",
        FollowupsNotReached = "followups_not_reached",
        FollowupsOverdue = "followups_overdue",
        Complaints = "complaints",
        ComplaintsLate = "complaints_late",
        ComplaintsOverdue = "complaints_overdue",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CareRowsRequest {
    pub from: String,
    pub to: String,
    pub kind: CareRowKind,
    /// 1-based; 1–500 rows a page.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CareRows {
    pub total: i64,
    pub rows: Vec<CareRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CareRow {
    /// What the row counts by, "2026-11-23 14:05" (closed, opened; an
    /// overdue follow-up: its due date).
    pub at: String,
    pub customer_id: Option<CustomerId>,
    pub customer: String,
    /// A follow-up's reason or a complaint's kind (their codes).
    pub what: String,
    /// The follow-up's or complaint's status code.
    pub status: String,
    /// Given to (a follow-up) or taken by (a complaint): "2001 张敏".
    pub staff: String,
    /// A follow-up's due date, a complaint's answer deadline.
    pub due: String,
}

/// A page of the follow-ups or complaints behind a figure (managers:
/// `ViewReports`).
pub fn care_rows(db: &mut Db, session: &Session, req: CareRowsRequest) -> Result<CareRows> {
    if !(1..=500).contains(&req.page_size) {
        return Err(Error::invalid("page_size", Invalid::OutOfRange));
    }
    if !(1..=1_000_000).contains(&req.page) {
        return Err(Error::invalid("page", Invalid::OutOfRange));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        let p = Period::resolve(tx, &req.from, &req.to)?;
        let mut all = match req.kind {
            CareRowKind::Complaints
            | CareRowKind::ComplaintsLate
            | CareRowKind::ComplaintsOverdue => complaints(tx, &p, req.kind)?,
            _ => followups(tx, &p, req.kind)?,
        };
        all.sort_by_key(|r| (r.0, r.1));
        let total = all.len() as i64;
        let rows = all
            .into_iter()
            .skip(((req.page - 1) * req.page_size) as usize)
            .take(req.page_size as usize)
            .map(|(_, _, row)| row)
            .collect();
        Ok(CareRows { total, rows })
    })
}

/// (instant, id, row).
type Found = (Millis, i64, CareRow);

fn followups(tx: &Tx<'_>, p: &Period, kind: CareRowKind) -> Result<Vec<Found>> {
    let (filter, a, b): (&str, rusqlite::types::Value, rusqlite::types::Value) = match kind {
        CareRowKind::FollowupsDone => (
            "f.closed_at >= ?1 AND f.closed_at < ?2 AND f.status = 'done'",
            p.start.into(),
            p.end.into(),
        ),
        CareRowKind::FollowupsNotReached => (
            "f.closed_at >= ?1 AND f.closed_at < ?2 AND f.status IN ('unreachable', 'wrong_number')",
            p.start.into(),
            p.end.into(),
        ),
        _ => (
            "f.due_date BETWEEN ?1 AND ?2 AND f.status <> 'cancelled'",
            p.from.clone().into(),
            p.to.clone().into(),
        ),
    };
    let mut stmt = tx.prepare(&format!(
        "SELECT f.id, f.closed_at, f.due_date, f.customer_id, coalesce(c.name, ''), f.reason, f.status,
                coalesce(s.staff_no || ' ' || s.name, '')
         FROM followups f LEFT JOIN customers c ON c.id = f.customer_id
         LEFT JOIN staff s ON s.id = f.assigned_to
         WHERE {filter}"
    ))?;
    let mut out = Vec::new();
    let mut ends: BTreeMap<String, Millis> = BTreeMap::new();
    let mut rows = stmt.query(params![a, b])?;
    while let Some(r) = rows.next()? {
        let (id, closed_at, due): (i64, Option<Millis>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let at = if kind == CareRowKind::FollowupsOverdue {
            let end = *ends.entry(due.clone()).or_insert_with(|| {
                let date = NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap_or_default();
                clock::day_bounds(date, p.tz).1
            });
            if !(end <= tx.now && closed_at.is_none_or(|c| c >= end)) {
                continue;
            }
            end - 1
        } else {
            closed_at.unwrap_or_default()
        };
        out.push((
            at,
            id,
            CareRow {
                at: if kind == CareRowKind::FollowupsOverdue {
                    due.clone()
                } else {
                    clock::local_minute(at, p.tz)
                },
                customer_id: r.get(3)?,
                customer: r.get(4)?,
                what: r.get(5)?,
                status: r.get(6)?,
                staff: r.get(7)?,
                due,
            },
        ));
    }
    Ok(out)
}

fn complaints(tx: &Tx<'_>, p: &Period, kind: CareRowKind) -> Result<Vec<Found>> {
    // (Each filter names ?3, the now the overdue ones are judged at.)
    let filter = match kind {
        CareRowKind::ComplaintsLate => {
            "k.answered_at IS NOT NULL AND k.answered_at > k.answer_due_at AND ?3 IS NOT NULL"
        }
        CareRowKind::ComplaintsOverdue => "k.answered_at IS NULL AND k.answer_due_at <= ?3",
        _ => "?3 IS NOT NULL",
    };
    let mut stmt = tx.prepare(&format!(
        "SELECT k.id, k.opened_at, k.answer_due_at, k.customer_id, coalesce(c.name, ''), k.kind,
                k.status, coalesce(s.staff_no || ' ' || s.name, '')
         FROM complaints k LEFT JOIN customers c ON c.id = k.customer_id
         LEFT JOIN staff s ON s.id = k.taken_by
         WHERE k.opened_at >= ?1 AND k.opened_at < ?2 AND {filter}"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, tx.now], |r| {
            let at: Millis = r.get(1)?;
            Ok((
                at,
                r.get::<_, i64>(0)?,
                CareRow {
                    at: clock::local_minute(at, p.tz),
                    customer_id: r.get(3)?,
                    customer: r.get(4)?,
                    what: r.get(5)?,
                    status: r.get(6)?,
                    staff: r.get(7)?,
                    due: clock::local_minute(r.get::<_, Millis>(2)?, p.tz),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
