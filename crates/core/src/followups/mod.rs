//! Follow-up calls (回访, SPEC 3.5): created at checkout by the flow rules (or
//! by hand: a course reminder, a birthday, a dormant customer; or when a
//! complaint is closed), listed in a queue of due and overdue tasks, and
//! closed by the outcome of a call.
//!
//! A call that finds nobody ("no answer") is tried again later; after the
//! configured number of unanswered calls (default 3, spread over 2 working
//! days) the task closes as unreachable. "Call back later" keeps the task open
//! until the time she asked for. A wrong number closes it.

pub(crate) mod campaign;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::Millis;
use crate::customers::{self, phone};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{AppointmentId, ComplaintId, CustomerId, FollowUpId, StaffId, VisitId};
use crate::staff::{self, Permission, Role, Session, StaffRef};
use crate::storage::{Db, Tx};
use crate::{flow, shop, validate};

crate::text_enum! {
    /// Why she is called.
    pub enum FollowUpReason {
        /// After a service: how is her skin, was she happy (the flow rules' delay).
        Aftercare = "aftercare",
        /// A course (疗程) reminder.
        Course = "course",
        Birthday = "birthday",
        /// After a complaint was closed (within 24 hours).
        Complaint = "complaint",
        /// A customer who has not come for a long time.
        Dormant = "dormant",
    }
}

crate::text_enum! {
    pub enum FollowUpStatus {
        Open = "open",
        /// Reached.
        Done = "done",
        /// No answer after the configured attempts.
        Unreachable = "unreachable",
        WrongNumber = "wrong_number",
        /// Its visit was voided.
        Cancelled = "cancelled",
    }
}

crate::text_enum! {
    pub enum CallOutcome {
        Reached = "reached",
        NoAnswer = "no_answer",
        /// She asked to be called back later.
        CallBack = "call_back",
        WrongNumber = "wrong_number",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Call {
    pub at: Millis,
    pub staff: String,
    pub outcome: CallOutcome,
    pub words: String,
}

/// A task in the queue, with what the call script needs filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub address_as: String,
    /// Masked for roles that may not see phones.
    pub phone: String,
    pub reason: FollowUpReason,
    pub due_date: String,
    pub not_before: Option<Millis>,
    pub overdue: bool,
    pub assigned_to: Option<StaffRef>,
    pub status: FollowUpStatus,
    pub attempts: i64,
    pub max_attempts: i64,
    pub visit_id: Option<VisitId>,
    pub complaint_id: Option<ComplaintId>,
    /// The visit's services and date, and who served her, for the script.
    pub last_services: Vec<String>,
    pub last_visit_date: Option<String>,
    pub last_stylist: Option<String>,
    pub words: String,
    pub satisfaction: Option<i64>,
    pub rebooked_appointment_id: Option<AppointmentId>,
    pub calls: Vec<Call>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QueueScope {
    Mine,
    All,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUpQueueRequest {
    pub scope: QueueScope,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordCallRequest {
    pub id: FollowUpId,
    pub outcome: CallOutcome,
    /// What she said, as she said it.
    pub words: String,
    /// 1–5, 0 不知道 (when reached).
    pub satisfaction: Option<i64>,
    /// For "call back later": when.
    pub call_back_at: Option<Millis>,
    /// The appointment booked on the call, if any.
    pub rebooked_appointment_id: Option<AppointmentId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreateFollowUpRequest {
    pub customer_id: CustomerId,
    pub reason: FollowUpReason,
    pub due_date: String,
    pub assigned_to: Option<StaffId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUpStatsRequest {
    pub from_date: String,
    pub to_date: String,
}

/// Completion per staff member over tasks due in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpStaffStats {
    pub staff: Option<StaffRef>,
    pub due: i64,
    /// Reached (done).
    pub done: i64,
    pub unreachable: i64,
    pub wrong_number: i64,
    pub open: i64,
    /// done + unreachable + wrong number: tasks closed by calling, per mille of due.
    pub completion_permille: i64,
}

const HOUR: i64 = 3_600_000;

pub(crate) fn due_counts(tx: &Tx<'_>, today: &str) -> Result<(i64, i64)> {
    Ok(tx.query_row(
        "SELECT COUNT(*), COALESCE(SUM(due_date < ?1), 0) FROM followups
         WHERE status = 'open' AND due_date <= ?1",
        [today],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn load(tx: &Tx<'_>, role: Role, id: FollowUpId, today: &str) -> Result<FollowUp> {
    let max_attempts = flow::load(tx)?.followup_attempts;
    let row = tx
        .query_row(
            "SELECT f.customer_id, c.name, c.phone, f.reason, f.due_date, f.not_before,
                    f.assigned_to, f.status, f.attempts, f.visit_id, f.complaint_id, f.words,
                    f.satisfaction, f.rebooked_appointment_id, c.gender, c.salutation,
                    c.erased_at IS NOT NULL
             FROM followups f JOIN customers c ON c.id = f.customer_id WHERE f.id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, CustomerId>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, FollowUpReason>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<Millis>>(5)?,
                        r.get::<_, Option<StaffId>>(6)?,
                        r.get::<_, FollowUpStatus>(7)?,
                        r.get::<_, i64>(8)?,
                    ),
                    (
                        r.get::<_, Option<VisitId>>(9)?,
                        r.get::<_, Option<ComplaintId>>(10)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, Option<i64>>(12)?,
                        r.get::<_, Option<AppointmentId>>(13)?,
                        r.get::<_, customers::Gender>(14)?,
                        r.get::<_, String>(15)?,
                        r.get::<_, bool>(16)?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::FollowUp))?;
    let ((cid, name, ph, reason, due, not_before, assigned, status, attempts), rest) = row;
    let (visit, complaint, words, satisfaction, rebooked, gender, salutation, erased) = rest;
    let address_as = if erased {
        String::new()
    } else {
        customers::names::form_of_address(
            &name,
            gender,
            crate::shop::greeting_style(tx)?,
            &salutation,
        )
    };
    let phone = match ph {
        Some(p) if role == Role::Stylist => phone::mask(&p),
        Some(p) => p,
        None => String::new(),
    };
    // The visit the call is about: this task's, else her latest.
    let about: Option<VisitId> = match visit {
        Some(v) => Some(v),
        None => tx
            .query_row(
                "SELECT id FROM visits WHERE customer_id = ?1 AND status = 'checked_out'
                 ORDER BY arrived_at DESC LIMIT 1",
                [cid],
                |r| r.get(0),
            )
            .optional()?,
    };
    let (last_services, last_visit_date, last_stylist) = match about {
        Some(v) => {
            let mut stmt = tx.prepare_cached(
                "SELECT name FROM visit_lines WHERE visit_id = ?1 AND kind = 'service' ORDER BY id",
            )?;
            let names = stmt
                .query_map([v], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            let (date, stylist): (String, Option<String>) = tx.query_row(
                "SELECT v.business_date, s.staff_no || '号 ' || s.name FROM visits v
                 LEFT JOIN staff s ON s.id = v.stylist_id WHERE v.id = ?1",
                [v],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            (names, Some(date), stylist)
        }
        None => (Vec::new(), None, None),
    };
    let mut stmt = tx.prepare_cached(
        "SELECT k.at, s.staff_no || ' ' || s.name, k.outcome, k.words FROM followup_calls k
         JOIN staff s ON s.id = k.staff_id WHERE k.followup_id = ?1 ORDER BY k.id",
    )?;
    let calls = stmt
        .query_map([id], |r| {
            Ok(Call {
                at: r.get(0)?,
                staff: r.get(1)?,
                outcome: r.get(2)?,
                words: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(FollowUp {
        id,
        customer_id: cid,
        customer_name: name,
        address_as,
        phone,
        reason,
        overdue: status == FollowUpStatus::Open && due.as_str() < today,
        due_date: due,
        not_before,
        assigned_to: crate::staff::staff_ref(tx, assigned)?,
        status,
        attempts,
        max_attempts,
        visit_id: visit,
        complaint_id: complaint,
        last_services,
        last_visit_date,
        last_stylist,
        words,
        satisfaction,
        rebooked_appointment_id: rebooked,
        calls,
    })
}

/// Due and overdue open tasks (overdue first), mine or everyone's. A task
/// waiting for a call-back time, or for its next try after no answer, shows
/// once that time has come.
pub fn followup_queue(
    db: &mut Db,
    session: &Session,
    req: FollowUpQueueRequest,
) -> Result<Vec<FollowUp>> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
        let mine = matches!(req.scope, QueueScope::Mine);
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM followups WHERE status = 'open' AND due_date <= ?1
               AND (not_before IS NULL OR not_before <= ?2)
               AND (?3 = 0 OR assigned_to = ?4)
             ORDER BY due_date, id LIMIT 500",
        )?;
        let ids = stmt
            .query_map(params![today, tx.now, mine, session.staff_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<FollowUpId>>>()?;
        ids.into_iter()
            .map(|id| load(tx, role, id, &today))
            .collect()
    })
}

/// Open tasks due on or before `date`, overdue first, for the printed list:
/// loaded as a stylist sees them, so every phone is masked.
pub(crate) fn due_by(tx: &Tx<'_>, date: &str) -> Result<Vec<FollowUp>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM followups WHERE status = 'open' AND due_date <= ?1
         ORDER BY due_date, id LIMIT 500",
    )?;
    let ids = stmt
        .query_map([date], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<FollowUpId>>>()?;
    ids.into_iter()
        .map(|id| load(tx, Role::Stylist, id, date))
        .collect()
}

pub fn get_followup(db: &mut Db, session: &Session, id: FollowUpId) -> Result<FollowUp> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
        load(tx, role, id, &today)
    })
}

/// Record one call and what it means for the task.
pub fn record_call(db: &mut Db, session: &Session, req: RecordCallRequest) -> Result<FollowUp> {
    let words = validate::optional_text("words", &req.words, 1000)?;
    let satisfaction = req
        .satisfaction
        .map(|s| validate::in_range("satisfaction", s, 0, 5))
        .transpose()?;
    if req.outcome == CallOutcome::Reached && words.is_empty() {
        // The manual: record what the customer said, as she said it.
        return Err(Error::invalid("words", Invalid::Required));
    }
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let rules = flow::load(tx)?;
        let (status, attempts, customer): (FollowUpStatus, i64, CustomerId) = tx
            .query_row(
                "SELECT status, attempts, customer_id FROM followups WHERE id = ?1",
                [req.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::NotFound(Entity::FollowUp))?;
        if status != FollowUpStatus::Open {
            return Err(Error::invalid("id", Invalid::NotAvailable));
        }
        if let Some(a) = req.rebooked_appointment_id {
            let ok: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM appointments WHERE id = ?1)",
                [a],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(Error::invalid(
                    "rebooked_appointment_id",
                    Invalid::NotAvailable,
                ));
            }
        }
        tx.execute(
            "INSERT INTO followup_calls (followup_id, at, staff_id, outcome, words)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![req.id, tx.now, session.staff_id, req.outcome, words],
        )?;
        match req.outcome {
            CallOutcome::Reached => {
                tx.execute(
                    "UPDATE followups SET status = 'done', attempts = attempts + 1, words = ?2,
                        satisfaction = ?3, rebooked_appointment_id = ?4, closed_at = ?5,
                        closed_by = ?6 WHERE id = ?1",
                    params![
                        req.id,
                        words,
                        satisfaction,
                        req.rebooked_appointment_id,
                        tx.now,
                        session.staff_id
                    ],
                )?;
            }
            CallOutcome::WrongNumber => {
                tx.execute(
                    "UPDATE followups SET status = 'wrong_number', attempts = attempts + 1,
                        closed_at = ?2, closed_by = ?3 WHERE id = ?1",
                    params![req.id, tx.now, session.staff_id],
                )?;
            }
            CallOutcome::NoAnswer => {
                let tried = attempts + 1;
                if tried >= rules.followup_attempts {
                    tx.execute(
                        "UPDATE followups SET status = 'unreachable', attempts = ?2,
                            closed_at = ?3, closed_by = ?4 WHERE id = ?1",
                        params![req.id, tried, tx.now, session.staff_id],
                    )?;
                } else {
                    // Spread the tries over the window (in working hours: a
                    // working day counted as 8 hours), at least 2 hours apart.
                    let gap = (rules.followup_window_days * 8 * HOUR
                        / rules.followup_attempts.max(1))
                    .max(2 * HOUR);
                    tx.execute(
                        "UPDATE followups SET attempts = ?2, not_before = ?3 WHERE id = ?1",
                        params![req.id, tried, tx.now + gap],
                    )?;
                }
            }
            CallOutcome::CallBack => {
                let at = req.call_back_at.unwrap_or(tx.now + 2 * HOUR);
                if at <= tx.now || at > tx.now + 30 * 24 * HOUR {
                    return Err(Error::invalid("call_back_at", Invalid::Date));
                }
                tx.execute(
                    "UPDATE followups SET not_before = ?2 WHERE id = ?1",
                    params![req.id, at],
                )?;
            }
        }
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::FollowUpCall,
            Some(req.id.0),
            Some(customer),
            audit::NONE,
            Some(&serde_json::json!({ "outcome": req.outcome })),
        )?;
        let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
        load(tx, role, req.id, &today)
    })
}

/// A task made by hand: a course reminder, a birthday call, a dormant customer.
pub fn create_followup(
    db: &mut Db,
    session: &Session,
    req: CreateFollowUpRequest,
) -> Result<FollowUp> {
    let due = NaiveDate::parse_from_str(req.due_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("due_date", Invalid::Date))?;
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let today = shop::today(tx)?;
        if due < today || due > today + chrono::Days::new(400) {
            return Err(Error::invalid("due_date", Invalid::Date));
        }
        customers::check_active(tx, req.customer_id)?;
        if let Some(s) = req.assigned_to
            && staff::active_role(tx, s)?.is_none()
        {
            return Err(Error::invalid("assigned_to", Invalid::NotAvailable));
        }
        tx.execute(
            "INSERT INTO followups (customer_id, reason, due_date, assigned_to, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                req.customer_id,
                req.reason,
                due.format("%Y-%m-%d").to_string(),
                req.assigned_to.unwrap_or(session.staff_id),
                tx.now
            ],
        )?;
        let id = FollowUpId(tx.last_insert_rowid());
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::FollowUpCreate,
            Some(id.0),
            Some(req.customer_id),
            audit::NONE,
            Some(&serde_json::json!({ "reason": req.reason, "due": req.due_date })),
        )?;
        load(tx, role, id, &today.format("%Y-%m-%d").to_string())
    })
}

/// A complaint's follow-up call, due within 24 hours of its closing.
pub(crate) fn for_complaint(
    tx: &Tx<'_>,
    complaint: ComplaintId,
    customer: CustomerId,
    assigned: StaffId,
) -> Result<()> {
    let tz = shop::time_zone(tx)?;
    let due = crate::clock::business_date(tx.now + 24 * HOUR, tz);
    tx.execute(
        "INSERT INTO followups (customer_id, complaint_id, reason, due_date, assigned_to, created_at)
         VALUES (?1, ?2, 'complaint', ?3, ?4, ?5)",
        params![
            customer,
            complaint,
            due.format("%Y-%m-%d").to_string(),
            assigned,
            tx.now
        ],
    )?;
    Ok(())
}

/// The after-service call of a checked-out visit, due `days` after today,
/// assigned to `assigned` (the visit's consultant). Customers who asked not
/// to be contacted get none.
pub(crate) fn schedule_aftercare(
    tx: &Tx<'_>,
    visit: VisitId,
    customer: CustomerId,
    days: i64,
    assigned: StaffId,
) -> Result<()> {
    if customers::no_contact(tx, customer)? {
        return Ok(());
    }
    let due = shop::today(tx)? + chrono::Days::new(days.max(0) as u64);
    tx.execute(
        "INSERT INTO followups (customer_id, visit_id, reason, due_date, assigned_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            customer,
            visit,
            FollowUpReason::Aftercare,
            due.format("%Y-%m-%d").to_string(),
            assigned,
            tx.now
        ],
    )?;
    Ok(())
}

/// Cancel the open calls a (voided) visit scheduled.
pub(crate) fn cancel_for_visit(tx: &Tx<'_>, visit: VisitId, by: StaffId) -> Result<()> {
    tx.execute(
        "UPDATE followups SET status = ?2, closed_at = ?3, closed_by = ?4
         WHERE visit_id = ?1 AND status = ?5",
        params![
            visit,
            FollowUpStatus::Cancelled,
            tx.now,
            by,
            FollowUpStatus::Open
        ],
    )?;
    Ok(())
}

/// The due dates of the calls a visit scheduled (not cancelled), for the visit page.
pub(crate) fn due_dates_for_visit(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT due_date FROM followups WHERE visit_id = ?1 AND status <> ?2 ORDER BY id",
    )?;
    let dates = stmt
        .query_map(params![visit, FollowUpStatus::Cancelled], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(dates)
}

/// Blank what a customer said on her calls (erasure on request).
pub(crate) fn erase_words(tx: &Tx<'_>, customer: CustomerId) -> Result<()> {
    tx.execute(
        "UPDATE followups SET words = '' WHERE customer_id = ?1",
        [customer],
    )?;
    tx.execute(
        "UPDATE followup_calls SET words = '' WHERE followup_id IN
            (SELECT id FROM followups WHERE customer_id = ?1)",
        [customer],
    )?;
    Ok(())
}

/// Completion per staff member over tasks due in `[from, to]`.
pub fn followup_stats(
    db: &mut Db,
    session: &Session,
    req: FollowUpStatsRequest,
) -> Result<Vec<FollowUpStaffStats>> {
    let from = NaiveDate::parse_from_str(req.from_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("from_date", Invalid::Date))?;
    let to = NaiveDate::parse_from_str(req.to_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("to_date", Invalid::Date))?;
    if to < from {
        return Err(Error::invalid("to_date", Invalid::Date));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let mut stmt = tx.prepare(
            "SELECT assigned_to, COUNT(*),
                    SUM(status = 'done'), SUM(status = 'unreachable'),
                    SUM(status = 'wrong_number'), SUM(status = 'open')
             FROM followups WHERE due_date BETWEEN ?1 AND ?2 AND status <> 'cancelled'
             GROUP BY assigned_to ORDER BY assigned_to",
        )?;
        let rows = stmt
            .query_map(
                params![
                    from.format("%Y-%m-%d").to_string(),
                    to.format("%Y-%m-%d").to_string()
                ],
                |r| {
                    Ok((
                        r.get::<_, Option<StaffId>>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(staff_id, due, done, unreachable, wrong, open)| {
                Ok(FollowUpStaffStats {
                    staff: crate::staff::staff_ref(tx, staff_id)?,
                    due,
                    done,
                    unreachable,
                    wrong_number: wrong,
                    open,
                    completion_permille: if due == 0 {
                        0
                    } else {
                        (done + unreachable + wrong) * 1000 / due
                    },
                })
            })
            .collect()
    })
}
