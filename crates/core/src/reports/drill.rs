//! The visits behind a figure (明细): a click on a number of a report lists
//! the visits it counts, by the same rules — the period's visits as the
//! daily summary takes them (closed in it, or open and arrived in it), then
//! narrowed to the figure's kind.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::Period;
use crate::clock::{self, Millis};
use crate::error::{Error, Invalid, Result};
use crate::ids::{CustomerId, StaffId, VisitId};
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::visits::VisitStatus;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VisitFilter {
    /// Every visit of the period, voided ones too.
    All,
    Status {
        status: VisitStatus,
    },
    WalkIns,
    Appointments,
    /// Checked out, a customer's first.
    NewCustomers,
    /// Checked out, a customer who had been before.
    Returning,
    /// Checked out, paid (partly) by this method.
    PaidBy {
        method: PayMethod,
    },
    /// Checked out, paid (partly) from stored value.
    StoredValue,
    /// Checked out, with this staff member as stylist.
    Stylist {
        staff_id: StaffId,
    },
    /// Checked out, her stylist's, the next appointment booked from it.
    Rebooked {
        staff_id: StaffId,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportVisitsRequest {
    pub from: String,
    pub to: String,
    pub filter: VisitFilter,
    /// 1-based; 1–500 rows a page.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportVisits {
    pub total: i64,
    pub rows: Vec<ReportVisit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportVisit {
    pub visit_id: VisitId,
    pub slip_no: Option<String>,
    pub status: VisitStatus,
    /// "2026-11-23 14:05" in the shop's zone: closed, or arrived if open.
    pub at: String,
    pub customer_id: Option<CustomerId>,
    /// The card's name, or the walk-in's label.
    pub customer: String,
    pub stylist: Option<String>,
    pub total: Fen,
    pub service_rating: Option<i64>,
    pub stylist_rating: Option<i64>,
}

const IN_PERIOD: &str = "((v.status <> 'open' AND v.closed_at >= ?1 AND v.closed_at < ?2)
     OR (v.status = 'open' AND v.business_date BETWEEN ?3 AND ?4))";

/// The narrowing for a filter (`?5`: its one parameter).
fn narrowing(f: &VisitFilter) -> (&'static str, Option<rusqlite::types::Value>) {
    match f {
        VisitFilter::All => ("1", None),
        VisitFilter::Status { status } => {
            ("v.status = ?5", Some(status.as_str().to_string().into()))
        }
        VisitFilter::WalkIns => ("v.source = 'walk_in'", None),
        VisitFilter::Appointments => ("v.source = 'appointment'", None),
        VisitFilter::NewCustomers => (
            "v.status = 'checked_out' AND v.customer_id IS NOT NULL AND coalesce((SELECT
                cv.first_visit_at >= v.arrived_at FROM customer_visits cv
                WHERE cv.customer_id = v.customer_id), 1)",
            None,
        ),
        VisitFilter::Returning => (
            "v.status = 'checked_out' AND (SELECT cv.first_visit_at < v.arrived_at
                FROM customer_visits cv WHERE cv.customer_id = v.customer_id)",
            None,
        ),
        VisitFilter::PaidBy { method } => (
            "v.status = 'checked_out' AND EXISTS (SELECT 1 FROM visit_payments pm
                WHERE pm.visit_id = v.id AND pm.method = ?5)",
            Some(method.as_str().to_string().into()),
        ),
        VisitFilter::StoredValue => (
            "v.status = 'checked_out' AND EXISTS (SELECT 1 FROM sv_ledger l
                WHERE l.visit_id = v.id AND l.kind = 'spend')",
            None,
        ),
        VisitFilter::Stylist { staff_id } => (
            "v.status = 'checked_out' AND v.stylist_id = ?5",
            Some(staff_id.0.into()),
        ),
        VisitFilter::Rebooked { staff_id } => (
            "v.status = 'checked_out' AND v.stylist_id = ?5 AND EXISTS (SELECT 1
                FROM appointments a WHERE a.booked_from_visit = v.id)",
            Some(staff_id.0.into()),
        ),
    }
}

/// A page of the visits behind a figure (managers: `ViewReports`).
pub fn report_visits(
    db: &mut Db,
    session: &Session,
    req: ReportVisitsRequest,
) -> Result<ReportVisits> {
    if !(1..=500).contains(&req.page_size) {
        return Err(Error::invalid("page_size", Invalid::OutOfRange));
    }
    if !(1..=1_000_000).contains(&req.page) {
        return Err(Error::invalid("page", Invalid::OutOfRange));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        report_visits_in(tx, &req)
    })
}

fn report_visits_in(tx: &Tx<'_>, req: &ReportVisitsRequest) -> Result<ReportVisits> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let (narrow, param) = narrowing(&req.filter);
    let param = param.unwrap_or(rusqlite::types::Value::Null);
    // "?5 IS NULL OR 1" binds ?5 whether or not the filter uses it.
    let base = format!("FROM visits v WHERE {IN_PERIOD} AND ({narrow}) AND (?5 IS NULL OR 1)");
    let total: i64 = tx.query_row(
        &format!("SELECT count(*) {base}"),
        params![p.start, p.end, p.from, p.to, param],
        |r| r.get(0),
    )?;
    let mut stmt = tx.prepare(&format!(
        "SELECT v.id, v.slip_no, v.status, coalesce(v.closed_at, v.arrived_at), v.customer_id,
                coalesce(c.name, v.walk_in_label), st.staff_no || '号 ' || st.name, v.total_fen,
                v.service_rating, v.stylist_rating
         FROM (SELECT v.id AS id, coalesce(v.closed_at, v.arrived_at) AS at {base}
               ORDER BY at, v.id LIMIT ?6 OFFSET ?7) page
         JOIN visits v ON v.id = page.id
         LEFT JOIN customers c ON c.id = v.customer_id
         LEFT JOIN staff st ON st.id = v.stylist_id
         ORDER BY page.at, page.id"
    ))?;
    let rows = stmt
        .query_map(
            params![
                p.start,
                p.end,
                p.from,
                p.to,
                param,
                req.page_size,
                (req.page - 1) * req.page_size
            ],
            |r| {
                Ok(ReportVisit {
                    visit_id: r.get(0)?,
                    slip_no: r.get(1)?,
                    status: r.get(2)?,
                    at: clock::local_minute(r.get::<_, Millis>(3)?, p.tz),
                    customer_id: r.get(4)?,
                    customer: r.get(5)?,
                    stylist: r.get(6)?,
                    total: r.get(7)?,
                    service_rating: r.get(8)?,
                    stylist_rating: r.get(9)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ReportVisits { total, rows })
}
