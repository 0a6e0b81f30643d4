//! Complaints (投诉, SPEC 3.7): opened by hand (in person, by phone or
//! letter, through someone else, online) or by a re-consultation rating of 2
//! or below. A simple complaint is answered within 2 hours, a complex one
//! within 24; it escalates from the desk to the supervisor to the manager;
//! every action is recorded; it cannot close without a result; closing it
//! schedules a follow-up call within 24 hours.

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::{self, Millis};
use crate::customers;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{ComplaintId, CustomerId, StaffId, VisitId};
use crate::staff::{self, Permission, Session, StaffRef};
use crate::storage::{Db, Tx};
use crate::{followups, shop, validate};

const HOUR: i64 = 3_600_000;

crate::text_enum! {
    /// How the complaint reached the shop.
    pub enum Channel {
        InPerson = "in_person",
        PhoneLetter = "phone_letter",
        /// Through someone else.
        ThirdParty = "third_party",
        Online = "online",
    }
}

crate::text_enum! {
    pub enum ComplaintKind {
        /// Service attitude.
        Attitude = "attitude",
        /// Service quality.
        Quality = "quality",
        /// A billing error.
        Billing = "billing",
        Other = "other",
    }
}

crate::text_enum! {
    pub enum Severity {
        /// Answer within 2 hours.
        Simple = "simple",
        /// Answer within 24 hours.
        Complex = "complex",
    }
}

crate::text_enum! {
    /// Who handles it now: it escalates desk → supervisor → manager.
    pub enum Level {
        Desk = "desk",
        Supervisor = "supervisor",
        Manager = "manager",
    }
}

crate::text_enum! {
    pub enum ActionKind {
        Action = "action",
        /// The customer has had an answer.
        Answer = "answer",
        Escalate = "escalate",
        Close = "close",
    }
}

crate::text_enum! {
    /// Where a complaint came from: taken by hand, or opened by a low rating.
    enum Origin {
        Manual = "manual",
        Rating = "rating",
    }
}

crate::text_enum! {
    enum Status {
        Open = "open",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintAction {
    pub at: Millis,
    pub staff: String,
    pub kind: ActionKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Complaint {
    pub id: ComplaintId,
    pub customer_id: Option<CustomerId>,
    pub customer_name: String,
    pub visit_id: Option<VisitId>,
    pub about: Option<StaffRef>,
    pub from_rating: bool,
    pub channel: Channel,
    pub kind: ComplaintKind,
    pub description: String,
    pub taken_by: Option<StaffRef>,
    pub severity: Severity,
    pub opened_at: Millis,
    pub answer_due_at: Millis,
    pub answered_at: Option<Millis>,
    pub level: Level,
    pub result: String,
    pub reaction: String,
    pub open: bool,
    pub closed_at: Option<Millis>,
    pub actions: Vec<ComplaintAction>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpenComplaintRequest {
    pub customer_id: Option<CustomerId>,
    pub visit_id: Option<VisitId>,
    pub about_staff_id: Option<StaffId>,
    pub channel: Channel,
    pub kind: ComplaintKind,
    /// What was said.
    pub description: String,
    pub severity: Severity,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintActionRequest {
    pub id: ComplaintId,
    /// Action, answer (the customer has had an answer) or escalate.
    pub kind: ActionKind,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseComplaintRequest {
    pub id: ComplaintId,
    pub result: String,
    /// How the customer took it.
    pub reaction: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComplaintListRequest {
    pub open_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthRequest {
    /// YYYY-MM.
    pub month: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CountBy {
    pub key: String,
    pub count: i64,
}

/// A satisfaction average: `sum / count` over ratings 1–5 (不知道 left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RatingAverage {
    pub key: String,
    pub sum: i64,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintStats {
    pub month: String,
    pub complaints: i64,
    /// Checked-out visits in the month.
    pub visits: i64,
    /// Complaints per 100 visits, in hundredths (e.g. 250 = 2.50).
    pub rate_per_100_centi: i64,
    /// Mean minutes from opening to the first answer, over answered complaints.
    pub avg_answer_minutes: Option<i64>,
    pub answered_late: i64,
    pub still_open: i64,
    pub by_kind: Vec<CountBy>,
    /// By the staff member the complaint is about ("" when nobody).
    pub by_staff: Vec<CountBy>,
    pub service_satisfaction: Vec<RatingAverage>,
    pub stylist_satisfaction: Vec<RatingAverage>,
}

pub(crate) fn load(tx: &Tx<'_>, id: ComplaintId) -> Result<Complaint> {
    let r = tx
        .query_row(
            "SELECT k.customer_id, COALESCE(c.name, ''), k.visit_id, k.about_staff_id, k.source,
                    k.channel, k.kind, k.description, k.taken_by, k.severity, k.opened_at,
                    k.answer_due_at, k.answered_at, k.level, k.result, k.reaction, k.status,
                    k.closed_at
             FROM complaints k LEFT JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, Option<CustomerId>>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<VisitId>>(2)?,
                        r.get::<_, Option<StaffId>>(3)?,
                        r.get::<_, Origin>(4)?,
                        r.get::<_, Channel>(5)?,
                        r.get::<_, ComplaintKind>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, StaffId>(8)?,
                    ),
                    (
                        r.get::<_, Severity>(9)?,
                        r.get::<_, Millis>(10)?,
                        r.get::<_, Millis>(11)?,
                        r.get::<_, Option<Millis>>(12)?,
                        r.get::<_, Level>(13)?,
                        r.get::<_, String>(14)?,
                        r.get::<_, String>(15)?,
                        r.get::<_, Status>(16)?,
                        r.get::<_, Option<Millis>>(17)?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Complaint))?;
    let ((cid, name, visit, about, source, channel, kind, description, taken), rest) = r;
    let (severity, opened, due, answered, level, result, reaction, status, closed) = rest;
    let mut stmt = tx.prepare_cached(
        "SELECT a.at, s.staff_no || ' ' || s.name, a.kind, a.text FROM complaint_actions a
         JOIN staff s ON s.id = a.staff_id WHERE a.complaint_id = ?1 ORDER BY a.id",
    )?;
    let actions = stmt
        .query_map([id], |r| {
            Ok(ComplaintAction {
                at: r.get(0)?,
                staff: r.get(1)?,
                kind: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Complaint {
        id,
        customer_id: cid,
        customer_name: name,
        visit_id: visit,
        about: staff::staff_ref(tx, about)?,
        from_rating: source == Origin::Rating,
        channel,
        kind,
        description,
        taken_by: staff::staff_ref(tx, Some(taken))?,
        severity,
        opened_at: opened,
        answer_due_at: due,
        answered_at: answered,
        level,
        result,
        reaction,
        open: status == Status::Open,
        closed_at: closed,
        actions,
    })
}

fn insert(
    tx: &Tx<'_>,
    session: &Session,
    req: &OpenComplaintRequest,
    description: &str,
    source: Origin,
) -> Result<ComplaintId> {
    let hours = match req.severity {
        Severity::Simple => 2,
        Severity::Complex => 24,
    };
    tx.execute(
        "INSERT INTO complaints (customer_id, visit_id, about_staff_id, source, channel, kind,
            description, taken_by, severity, opened_at, answer_due_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            req.customer_id,
            req.visit_id,
            req.about_staff_id,
            source,
            req.channel,
            req.kind,
            description,
            session.staff_id,
            req.severity,
            tx.now,
            tx.now + hours * HOUR
        ],
    )?;
    let id = ComplaintId(tx.last_insert_rowid());
    audit::record_about(
        tx,
        Some(session.staff_id),
        Action::ComplaintOpen,
        Some(id.0),
        req.customer_id,
        audit::NONE,
        Some(&serde_json::json!({ "source": source, "kind": req.kind })),
    )?;
    Ok(id)
}

/// Opened by a low rating at re-consultation: in person, simple (2 hours),
/// about the visit's stylist. Once per visit.
pub(crate) fn open_from_rating(
    tx: &Tx<'_>,
    session: &Session,
    visit: VisitId,
    customer: Option<CustomerId>,
    stylist: Option<StaffId>,
    kind: ComplaintKind,
    comments: &str,
) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM complaints WHERE visit_id = ?1 AND source = ?2)",
        params![visit, Origin::Rating],
        |r| r.get(0),
    )?;
    if exists {
        return Ok(());
    }
    let req = OpenComplaintRequest {
        customer_id: customer,
        visit_id: Some(visit),
        about_staff_id: stylist,
        channel: Channel::InPerson,
        kind,
        description: String::new(),
        severity: Severity::Simple,
    };
    insert(tx, session, &req, comments, Origin::Rating)?;
    Ok(())
}

/// The first complaint a visit's rating opened, if any.
pub(crate) fn of_visit(tx: &Tx<'_>, visit: VisitId) -> Result<Option<ComplaintId>> {
    Ok(tx
        .query_row(
            "SELECT id FROM complaints WHERE visit_id = ?1 ORDER BY id LIMIT 1",
            [visit],
            |r| r.get(0),
        )
        .optional()?)
}

/// Blank what a customer said in her complaints (erasure on request); a
/// closed complaint keeps a placeholder result (a closed one must have one).
pub(crate) fn erase_words(tx: &Tx<'_>, customer: CustomerId) -> Result<()> {
    tx.execute(
        "UPDATE complaints SET description = '', result = CASE WHEN status = 'closed' THEN '-' ELSE '' END,
            reaction = '' WHERE customer_id = ?1",
        [customer],
    )?;
    tx.execute(
        "UPDATE complaint_actions SET text = '' WHERE complaint_id IN
            (SELECT id FROM complaints WHERE customer_id = ?1)",
        [customer],
    )?;
    Ok(())
}

pub fn open_complaint(
    db: &mut Db,
    session: &Session,
    req: OpenComplaintRequest,
) -> Result<Complaint> {
    let description = validate::required_text("description", &req.description, 1000)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleComplaints)?;
        if let Some(c) = req.customer_id {
            customers::check_active(tx, c)?;
        }
        if let Some(v) = req.visit_id {
            let owner: Option<Option<CustomerId>> = tx
                .query_row("SELECT customer_id FROM visits WHERE id = ?1", [v], |r| {
                    r.get(0)
                })
                .optional()?;
            match owner {
                None => return Err(Error::invalid("visit_id", Invalid::NotAvailable)),
                Some(o) if req.customer_id.is_some() && o != req.customer_id => {
                    return Err(Error::invalid("visit_id", Invalid::NotAvailable));
                }
                _ => {}
            }
        }
        if let Some(s) = req.about_staff_id
            && staff::staff_ref(tx, Some(s))?.is_none()
        {
            return Err(Error::invalid("about_staff_id", Invalid::NotAvailable));
        }
        let id = insert(tx, session, &req, &description, Origin::Manual)?;
        load(tx, id)
    })
}

/// Record an action, an answer to the customer, or an escalation (desk →
/// supervisor → manager).
pub fn complaint_action(
    db: &mut Db,
    session: &Session,
    req: ComplaintActionRequest,
) -> Result<Complaint> {
    let text = validate::required_text("text", &req.text, 1000)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleComplaints)?;
        let c = load(tx, req.id)?;
        if !c.open {
            return Err(Error::invalid("id", Invalid::NotAvailable));
        }
        match req.kind {
            ActionKind::Action => {}
            ActionKind::Answer => {
                tx.execute(
                    "UPDATE complaints SET answered_at = COALESCE(answered_at, ?2) WHERE id = ?1",
                    params![req.id, tx.now],
                )?;
            }
            ActionKind::Escalate => {
                let next = match c.level {
                    Level::Desk => Level::Supervisor,
                    Level::Supervisor => Level::Manager,
                    Level::Manager => return Err(Error::invalid("kind", Invalid::NotAvailable)),
                };
                tx.execute(
                    "UPDATE complaints SET level = ?2 WHERE id = ?1",
                    params![req.id, next],
                )?;
            }
            ActionKind::Close => return Err(Error::invalid("kind", Invalid::NotAvailable)),
        }
        tx.execute(
            "INSERT INTO complaint_actions (complaint_id, at, staff_id, kind, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![req.id, tx.now, session.staff_id, req.kind, text],
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::ComplaintAction,
            Some(req.id.0),
            c.customer_id,
            audit::NONE,
            Some(&serde_json::json!({ "kind": req.kind })),
        )?;
        load(tx, req.id)
    })
}

/// Close with the result (required) and the customer's reaction; a
/// follow-up call is scheduled within 24 hours.
pub fn close_complaint(
    db: &mut Db,
    session: &Session,
    req: CloseComplaintRequest,
) -> Result<Complaint> {
    let result = validate::required_text("result", &req.result, 1000)?;
    let reaction = validate::optional_text("reaction", &req.reaction, 500)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleComplaints)?;
        let c = load(tx, req.id)?;
        if !c.open {
            return Err(Error::invalid("id", Invalid::NotAvailable));
        }
        tx.execute(
            "UPDATE complaints SET status = 'closed', result = ?2, reaction = ?3, closed_at = ?4,
                closed_by = ?5, answered_at = COALESCE(answered_at, ?4) WHERE id = ?1",
            params![req.id, result, reaction, tx.now, session.staff_id],
        )?;
        tx.execute(
            "INSERT INTO complaint_actions (complaint_id, at, staff_id, kind, text)
             VALUES (?1, ?2, ?3, 'close', ?4)",
            params![req.id, tx.now, session.staff_id, result],
        )?;
        if let Some(customer) = c.customer_id {
            followups::for_complaint(tx, req.id, customer, session.staff_id)?;
        }
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::ComplaintClose,
            Some(req.id.0),
            c.customer_id,
            audit::NONE,
            audit::NONE,
        )?;
        load(tx, req.id)
    })
}

pub fn get_complaint(db: &mut Db, session: &Session, id: ComplaintId) -> Result<Complaint> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleComplaints)?;
        load(tx, id)
    })
}

pub fn list_complaints(
    db: &mut Db,
    session: &Session,
    req: ComplaintListRequest,
) -> Result<Vec<Complaint>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleComplaints)?;
        let mut stmt = tx.prepare(
            "SELECT id FROM complaints WHERE (?1 = 0 OR status = 'open')
             ORDER BY status = 'open' DESC, answer_due_at DESC LIMIT 200",
        )?;
        let ids = stmt
            .query_map([req.open_only], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<ComplaintId>>>()?;
        ids.into_iter().map(|id| load(tx, id)).collect()
    })
}

/// The month's statistics (SPEC 3.7), in the shop's time zone.
pub fn complaint_stats(
    db: &mut Db,
    session: &Session,
    req: MonthRequest,
) -> Result<ComplaintStats> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", req.month.trim()), "%Y-%m-%d")
        .map_err(|_| Error::invalid("month", Invalid::Date))?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
    .ok_or_else(|| Error::invalid("month", Invalid::Date))?;
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        let tz = shop::time_zone(tx)?;
        let (start, _) = clock::day_bounds(first, tz);
        let (end, _) = clock::day_bounds(next, tz);
        let from = first.format("%Y-%m-%d").to_string();
        let to = next.format("%Y-%m-%d").to_string();
        let (complaints, answered, sum_answer, late, still_open): (i64, i64, i64, i64, i64) = tx
            .query_row(
                "SELECT COUNT(*), COUNT(answered_at),
                        COALESCE(SUM(answered_at - opened_at), 0),
                        COALESCE(SUM(COALESCE(answered_at, ?3) > answer_due_at), 0),
                        COALESCE(SUM(status = 'open'), 0)
                 FROM complaints WHERE opened_at >= ?1 AND opened_at < ?2",
                params![start, end, tx.now],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        let visits: i64 = tx.query_row(
            "SELECT COUNT(*) FROM visits WHERE business_date >= ?1 AND business_date < ?2
             AND status = 'checked_out'",
            params![from, to],
            |r| r.get(0),
        )?;
        let count_by = |sql: &str| -> Result<Vec<CountBy>> {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt
                .query_map(params![start, end], |r| {
                    Ok(CountBy {
                        key: r.get(0)?,
                        count: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let by_kind = count_by(
            "SELECT kind, COUNT(*) FROM complaints WHERE opened_at >= ?1 AND opened_at < ?2
             GROUP BY kind ORDER BY COUNT(*) DESC, kind",
        )?;
        let by_staff = count_by(
            "SELECT COALESCE(s.staff_no || ' ' || s.name, ''), COUNT(*) FROM complaints k
             LEFT JOIN staff s ON s.id = k.about_staff_id
             WHERE k.opened_at >= ?1 AND k.opened_at < ?2 GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let averages = |sql: &str| -> Result<Vec<RatingAverage>> {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt
                .query_map(params![from, to], |r| {
                    Ok(RatingAverage {
                        key: r.get(0)?,
                        sum: r.get(1)?,
                        count: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let service_satisfaction = averages(
            "SELECT l.name, SUM(v.service_rating), COUNT(*) FROM visits v
             JOIN visit_lines l ON l.visit_id = v.id AND l.kind = 'service'
             WHERE v.business_date >= ?1 AND v.business_date < ?2 AND v.status = 'checked_out'
               AND v.service_rating BETWEEN 1 AND 5
             GROUP BY l.name ORDER BY l.name",
        )?;
        let stylist_satisfaction = averages(
            "SELECT s.staff_no || ' ' || s.name, SUM(v.stylist_rating), COUNT(*) FROM visits v
             JOIN staff s ON s.id = v.stylist_id
             WHERE v.business_date >= ?1 AND v.business_date < ?2 AND v.status = 'checked_out'
               AND v.stylist_rating BETWEEN 1 AND 5
             GROUP BY s.id ORDER BY s.staff_no",
        )?;
        Ok(ComplaintStats {
            month: first.format("%Y-%m").to_string(),
            complaints,
            visits,
            rate_per_100_centi: if visits == 0 {
                0
            } else {
                complaints * 10_000 / visits
            },
            avg_answer_minutes: (answered > 0).then(|| sum_answer / answered / 60_000),
            answered_late: late,
            still_open,
            by_kind,
            by_staff,
            service_satisfaction,
            stylist_satisfaction,
        })
    })
}
