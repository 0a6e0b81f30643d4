//! The rules of the reception flow, set by the manager: when the follow-up
//! call (回访) falls due after a service (default 3 days, per service category
//! if set), how many unanswered tries (within how many days) make a customer
//! unreachable, and the manuals' consultation time standards (front-desk
//! consultation 3–15 minutes; a new customer's no more than 20).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CategoryDelay {
    pub category: String,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FlowSettings {
    /// Days after a service that its follow-up call falls due, by default.
    pub followup_days: i64,
    /// Overrides per service category (e.g. 面部护理 → 3, 美发 → 7).
    pub category_delays: Vec<CategoryDelay>,
    /// Unanswered calls before the task closes as unreachable...
    pub followup_attempts: i64,
    /// ...spread over this many working days.
    pub followup_window_days: i64,
    pub consult_min_minutes: i64,
    pub consult_max_minutes: i64,
    /// The longest a new customer's consultation should take.
    pub consult_new_max_minutes: i64,
}

pub(crate) fn load(tx: &Tx<'_>) -> Result<FlowSettings> {
    let mut s = tx.query_row(
        "SELECT followup_days, followup_attempts, followup_window_days, consult_min_minutes,
                consult_max_minutes, consult_new_max_minutes FROM flow_settings WHERE id = 1",
        [],
        |r| {
            Ok(FlowSettings {
                followup_days: r.get(0)?,
                category_delays: Vec::new(),
                followup_attempts: r.get(1)?,
                followup_window_days: r.get(2)?,
                consult_min_minutes: r.get(3)?,
                consult_max_minutes: r.get(4)?,
                consult_new_max_minutes: r.get(5)?,
            })
        },
    )?;
    let mut stmt = tx.prepare("SELECT category, days FROM followup_delays ORDER BY category")?;
    s.category_delays = stmt
        .query_map([], |r| {
            Ok(CategoryDelay {
                category: r.get(0)?,
                days: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(s)
}

pub fn get_flow_settings(db: &mut Db, session: &Session) -> Result<FlowSettings> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        load(tx)
    })
}

/// Days until the follow-up of a service in `category` falls due.
pub fn followup_days_for(tx: &Tx<'_>, category: &str) -> Result<i64> {
    let s = load(tx)?;
    Ok(s.category_delays
        .iter()
        .find(|d| d.category == category)
        .map_or(s.followup_days, |d| d.days))
}

pub fn update_flow_settings(
    db: &mut Db,
    session: &Session,
    req: FlowSettings,
) -> Result<FlowSettings> {
    let days = validate::in_range("followup_days", req.followup_days, 0, 60)?;
    let attempts = validate::in_range("followup_attempts", req.followup_attempts, 1, 10)?;
    let window = validate::in_range("followup_window_days", req.followup_window_days, 1, 14)?;
    let min = validate::in_range("consult_min_minutes", req.consult_min_minutes, 1, 239)?;
    let max = validate::in_range("consult_max_minutes", req.consult_max_minutes, min + 1, 240)?;
    let new_max = validate::in_range(
        "consult_new_max_minutes",
        req.consult_new_max_minutes,
        max,
        240,
    )?;
    let mut delays: Vec<CategoryDelay> = Vec::new();
    for d in &req.category_delays {
        let category =
            validate::required_text("category_delays", &crate::text::fold(&d.category), 20)?;
        let days = validate::in_range("category_delays", d.days, 0, 60)?;
        if delays.iter().any(|x| x.category == category) {
            return Err(Error::invalid("category_delays", Invalid::Repeated));
        }
        delays.push(CategoryDelay { category, days });
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        let before = load(tx)?;
        tx.execute(
            "UPDATE flow_settings SET followup_days = ?1, followup_attempts = ?2,
                followup_window_days = ?3, consult_min_minutes = ?4, consult_max_minutes = ?5,
                consult_new_max_minutes = ?6, updated_at = ?7, updated_by = ?8 WHERE id = 1",
            params![
                days,
                attempts,
                window,
                min,
                max,
                new_max,
                tx.now,
                session.staff_id.0
            ],
        )?;
        tx.execute("DELETE FROM followup_delays", [])?;
        for d in &delays {
            tx.execute(
                "INSERT INTO followup_delays (category, days) VALUES (?1, ?2)",
                params![d.category, d.days],
            )?;
        }
        let after = load(tx)?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::FlowUpdate,
            Some(1),
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}
