//! Follow-ups made at once for a list of customers: the campaign a report's
//! list starts (dormant customers, this month's birthdays).

use rusqlite::params;

use super::FollowUpReason;
use crate::audit::{self, Action};
use crate::error::Result;
use crate::ids::{CustomerId, StaffId};
use crate::storage::Tx;

/// What a campaign made and whom it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scheduled {
    pub(crate) created: i64,
    /// Asked not to be contacted.
    pub(crate) do_not_contact: i64,
    /// Already have an open follow-up for the same reason.
    pub(crate) already_open: i64,
}

/// One open follow-up per customer for `reason`, due `due` (YYYY-MM-DD),
/// given to `assigned`; erased customers are never in `customers` (the
/// caller's list leaves them out), those who asked not to be contacted and
/// those with such a task open already are skipped. One audit entry.
pub(crate) fn schedule(
    tx: &Tx<'_>,
    by: StaffId,
    reason: FollowUpReason,
    customers: &[CustomerId],
    due: &str,
    assigned: StaffId,
) -> Result<Scheduled> {
    let mut out = Scheduled::default();
    let mut check = tx.prepare_cached(
        "SELECT c.do_not_contact,
                EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = c.id
                        AND f.reason = ?2 AND f.status = 'open')
         FROM customers c WHERE c.id = ?1 AND c.erased_at IS NULL",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO followups (customer_id, reason, due_date, assigned_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for &c in customers {
        let (dnc, open): (bool, bool) =
            match check.query_row(params![c, reason], |r| Ok((r.get(0)?, r.get(1)?))) {
                Ok(v) => v,
                Err(rusqlite::Error::QueryReturnedNoRows) => continue,
                Err(e) => return Err(e.into()),
            };
        if dnc {
            out.do_not_contact += 1;
        } else if open {
            out.already_open += 1;
        } else {
            insert.execute(params![c, reason, due, assigned, tx.now])?;
            out.created += 1;
        }
    }
    audit::record(
        tx,
        Some(by),
        Action::FollowUpCampaign,
        None,
        audit::NONE,
        Some(&serde_json::json!({
            "reason": reason,
            "due": due,
            "assigned_to": assigned,
            "created": out.created,
            "skipped_do_not_contact": out.do_not_contact,
            "skipped_already_open": out.already_open,
        })),
    )?;
    Ok(out)
}
