//! Follow-ups (回访) done, not reached and overdue; complaints opened and
//! whether they were answered in time.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{self, Millis};
use crate::error::Result;
use crate::reports::figures::Period;
use crate::storage::Tx;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowupFigures {
    /// Closed as done in the period.
    pub done: i64,
    /// Closed as unreachable or a wrong number in the period.
    pub not_reached: i64,
    /// Due in the period and not done by the end of their due day (open
    /// still, or closed later); not cancelled.
    pub overdue: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintFigures {
    pub opened: i64,
    /// Of those opened: answered by their due time...
    pub answered_in_time: i64,
    /// ...after it...
    pub answered_late: i64,
    /// ...not answered and past due now...
    pub unanswered_overdue: i64,
    /// ...not answered and not due yet.
    pub unanswered_pending: i64,
}

pub(super) fn followups(tx: &Tx<'_>, p: &Period) -> Result<FollowupFigures> {
    let tz = p.tz;
    let mut f = FollowupFigures::default();
    let closed: Vec<(String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT status, count(*) FROM followups
             WHERE closed_at >= ?1 AND closed_at < ?2 GROUP BY status",
        )?;
        stmt.query_map(params![p.start, p.end], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (status, n) in closed {
        match status.as_str() {
            "done" => f.done += n,
            "unreachable" | "wrong_number" => f.not_reached += n,
            _ => {}
        }
    }
    let due: Vec<(String, Option<Millis>)> = {
        let mut stmt = tx.prepare(
            "SELECT due_date, closed_at FROM followups
             WHERE due_date BETWEEN ?1 AND ?2 AND status <> 'cancelled'",
        )?;
        stmt.query_map(params![p.from, p.to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut ends: BTreeMap<String, Millis> = BTreeMap::new();
    for (d, closed_at) in due {
        let end = *ends.entry(d.clone()).or_insert_with(|| {
            let date = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap_or_default();
            clock::day_bounds(date, tz).1
        });
        if end <= tx.now && closed_at.is_none_or(|c| c >= end) {
            f.overdue += 1;
        }
    }
    Ok(f)
}

pub(super) fn complaints(tx: &Tx<'_>, p: &Period) -> Result<ComplaintFigures> {
    Ok(tx.query_row(
        "SELECT count(*),
                coalesce(sum(answered_at IS NOT NULL AND answered_at <= answer_due_at), 0),
                coalesce(sum(answered_at IS NOT NULL AND answered_at > answer_due_at), 0),
                coalesce(sum(answered_at IS NULL AND answer_due_at <= ?3), 0),
                coalesce(sum(answered_at IS NULL AND answer_due_at > ?3), 0)
         FROM complaints WHERE opened_at >= ?1 AND opened_at < ?2",
        params![p.start, p.end, tx.now],
        |r| {
            Ok(ComplaintFigures {
                opened: r.get(0)?,
                answered_in_time: r.get(1)?,
                answered_late: r.get(2)?,
                unanswered_overdue: r.get(3)?,
                unanswered_pending: r.get(4)?,
            })
        },
    )?)
}
