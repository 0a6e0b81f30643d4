//! Visits by the stage they reached and how they came, and who came: the
//! period's visit rows, read once and shared with the service figures.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::Millis;
use crate::error::Result;
use crate::reports::figures::Period;
use crate::storage::Tx;

/// Visits by the stage they reached, and how they came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitFigures {
    pub total: i64,
    pub checked_out: i64,
    pub cancelled: i64,
    pub voided: i64,
    /// Arrived in the period and not closed yet.
    pub open: i64,
    pub walk_ins: i64,
    pub appointments: i64,
}

/// Checked-out visits by who came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerFigures {
    /// Visits of a customer with no checked-out visit before this one.
    pub new_customers: i64,
    /// Visits of a customer who had been checked out before.
    pub returning: i64,
    /// Visits of anonymous walk-ins (no card).
    pub anonymous: i64,
    /// Cards created in the period.
    pub cards_created: i64,
}

/// The visits of the period: closed in it, or open and arrived in it.
const IN_PERIOD: &str = "((v.status <> 'open' AND v.closed_at >= ?1 AND v.closed_at < ?2)
     OR (v.status = 'open' AND v.business_date BETWEEN ?3 AND ?4))";

pub(super) struct VisitRow {
    pub(super) status: String,
    pub(super) appointment: bool,
    pub(super) customer: bool,
    /// No checked-out visit of hers closed before this one arrived.
    pub(super) first_time: bool,
    pub(super) arrived_at: Millis,
    pub(super) consult_started_at: Option<Millis>,
    pub(super) consult_ended_at: Option<Millis>,
    pub(super) reconsult_at: Option<Millis>,
    pub(super) closed_at: Option<Millis>,
    pub(super) service_rating: Option<i64>,
    pub(super) stylist_rating: Option<i64>,
}

pub(super) fn visit_rows(tx: &Tx<'_>, p: &Period) -> Result<Vec<VisitRow>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT v.status, v.source = 'appointment', v.customer_id IS NOT NULL,
                coalesce(cv.first_visit_at >= v.arrived_at, 1),
                v.arrived_at, v.consult_started_at, v.consult_ended_at, v.reconsult_at,
                v.closed_at, v.service_rating, v.stylist_rating
         FROM visits v LEFT JOIN customer_visits cv ON cv.customer_id = v.customer_id
         WHERE {IN_PERIOD}"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(VisitRow {
                status: r.get(0)?,
                appointment: r.get(1)?,
                customer: r.get(2)?,
                first_time: r.get(3)?,
                arrived_at: r.get(4)?,
                consult_started_at: r.get(5)?,
                consult_ended_at: r.get(6)?,
                reconsult_at: r.get(7)?,
                closed_at: r.get(8)?,
                service_rating: r.get(9)?,
                stylist_rating: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every visit of the period by its status and how it came (voided ones too).
pub(super) fn visit_figures(visits: &[VisitRow]) -> VisitFigures {
    let mut vf = VisitFigures::default();
    for v in visits {
        vf.total += 1;
        match v.status.as_str() {
            "checked_out" => vf.checked_out += 1,
            "cancelled" => vf.cancelled += 1,
            "voided" => vf.voided += 1,
            _ => vf.open += 1,
        }
        if v.appointment {
            vf.appointments += 1;
        } else {
            vf.walk_ins += 1;
        }
    }
    vf
}

/// The checked-out visits by who came, and the cards created in the period.
pub(super) fn customer_figures(
    tx: &Tx<'_>,
    p: &Period,
    visits: &[VisitRow],
) -> Result<CustomerFigures> {
    let mut cf = CustomerFigures::default();
    for v in visits.iter().filter(|v| v.status == "checked_out") {
        match (v.customer, v.first_time) {
            (false, _) => cf.anonymous += 1,
            (true, true) => cf.new_customers += 1,
            (true, false) => cf.returning += 1,
        }
    }
    cf.cards_created = tx.query_row(
        "SELECT count(*) FROM customers WHERE created_at >= ?1 AND created_at < ?2",
        params![p.start, p.end],
        |r| r.get(0),
    )?;
    Ok(cf)
}
