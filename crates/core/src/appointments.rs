//! Appointments (SPEC 3.5): a customer, her services, a stylist, a start and a
//! duration. Booked, then arrived (checked in: it becomes a visit), no-show or
//! cancelled. Two booked appointments of one stylist that overlap are a
//! conflict: shown in the day and week views, and booked only when the desk
//! confirms it.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::{self, Millis};
use crate::customers;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{AppointmentId, CustomerId, ServiceId, StaffId, VisitId};
use crate::staff::{self, Permission, Session, StaffRef};
use crate::storage::{Db, Tx};
use crate::{catalog, shop, validate};

crate::text_enum! {
    pub enum AppointmentStatus {
        Booked = "booked",
        /// Checked in: it became a visit.
        Arrived = "arrived",
        NoShow = "no_show",
        Cancelled = "cancelled",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Appointment {
    pub id: AppointmentId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub alert: Option<String>,
    pub stylist: Option<StaffRef>,
    pub start_at: Millis,
    pub duration_minutes: i64,
    pub services: Vec<ServiceId>,
    pub service_names: Vec<String>,
    pub note: String,
    pub status: AppointmentStatus,
    pub status_reason: String,
    /// The visit it became at check-in.
    pub visit_id: Option<VisitId>,
    /// Other booked appointments of the same stylist overlapping this one.
    pub conflicts: Vec<AppointmentId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveAppointmentRequest {
    /// 0 to book a new one.
    pub id: AppointmentId,
    pub customer_id: CustomerId,
    pub stylist_id: Option<StaffId>,
    pub start_at: Millis,
    /// None: the services' menu durations added up.
    pub duration_minutes: Option<i64>,
    pub services: Vec<ServiceId>,
    pub note: String,
    /// Book even though the stylist is already booked then.
    pub allow_conflict: bool,
    /// Booked at re-consultation of this visit.
    pub from_visit_id: Option<VisitId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppointmentOutcome {
    NoShow,
    Cancelled,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseAppointmentRequest {
    pub id: AppointmentId,
    pub outcome: AppointmentOutcome,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppointmentsRequest {
    /// The first business date shown (YYYY-MM-DD).
    pub from_date: String,
    /// 1 for a day view, 7 for a week.
    pub days: i64,
    pub stylist_id: Option<StaffId>,
}

const MINUTE: i64 = 60_000;

/// Appointments starting in `[start, end)`, optionally one stylist's, and
/// optionally only those still booked.
pub(crate) fn in_range(
    tx: &Tx<'_>,
    start: Millis,
    end: Millis,
    stylist: Option<StaffId>,
    booked_only: bool,
) -> Result<Vec<Appointment>> {
    let mut stmt = tx.prepare_cached(
        "SELECT a.id, a.customer_id, c.name, c.allergies, c.contraindications, a.stylist_id,
                a.start_at, a.duration_minutes, a.services, a.note, a.status, a.status_reason,
                (SELECT v.id FROM visits v WHERE v.appointment_id = a.id)
         FROM appointments a JOIN customers c ON c.id = a.customer_id
         WHERE a.start_at >= ?1 AND a.start_at < ?2 AND (?3 IS NULL OR a.stylist_id = ?3)
           AND (?4 = 0 OR a.status = 'booked')
         ORDER BY a.start_at, a.id",
    )?;
    let rows = stmt
        .query_map(params![start, end, stylist, booked_only], |r| {
            Ok((
                r.get::<_, AppointmentId>(0)?,
                r.get::<_, CustomerId>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<StaffId>>(5)?,
                r.get::<_, Millis>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, AppointmentStatus>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, Option<VisitId>>(12)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, cid, name, allergies, contra, sty, start_at, dur, svc, note, status, reason, visit) in
        rows
    {
        let services = services_of(&svc)?;
        let mut names = Vec::new();
        for s in &services {
            if let Some(service) = catalog::service(tx, *s)? {
                names.push(service.name);
            }
        }
        let alert = [allergies, contra]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；");
        let conflicts = if status == AppointmentStatus::Booked {
            conflicts_of(tx, id, sty, start_at, dur)?
        } else {
            Vec::new()
        };
        out.push(Appointment {
            id,
            customer_id: cid,
            customer_name: name,
            alert: (!alert.is_empty()).then_some(alert),
            stylist: crate::staff::staff_ref(tx, sty)?,
            start_at,
            duration_minutes: dur,
            services,
            service_names: names,
            note,
            status,
            status_reason: reason,
            visit_id: visit,
            conflicts,
        });
    }
    Ok(out)
}

/// The services stored with an appointment (a JSON list of ids).
fn services_of(json: &str) -> Result<Vec<ServiceId>> {
    serde_json::from_str(json)
        .map_err(|e| Error::Internal(format!("appointment services {json:?}: {e}")))
}

/// Booked appointments of `stylist` overlapping `[start, start + minutes)`.
fn conflicts_of(
    tx: &Tx<'_>,
    except: AppointmentId,
    stylist: Option<StaffId>,
    start: Millis,
    minutes: i64,
) -> Result<Vec<AppointmentId>> {
    let Some(stylist) = stylist else {
        return Ok(Vec::new());
    };
    let end = start + minutes * MINUTE;
    // The longest appointment is 600 minutes: look back that far on the index.
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM appointments
         WHERE stylist_id = ?1 AND status = 'booked' AND id <> ?2
           AND start_at >= ?3 - 600 * 60000 AND start_at < ?4
           AND start_at + duration_minutes * 60000 > ?3
         ORDER BY start_at",
    )?;
    let ids = stmt
        .query_map(params![stylist, except, start, end], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<AppointmentId>>>()?;
    Ok(ids)
}

fn load_one(tx: &Tx<'_>, id: AppointmentId) -> Result<Appointment> {
    let start: Millis = tx
        .query_row(
            "SELECT start_at FROM appointments WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Appointment))?;
    in_range(tx, start, start + 1, None, false)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(Error::NotFound(Entity::Appointment))
}

pub fn list_appointments(
    db: &mut Db,
    session: &Session,
    req: AppointmentsRequest,
) -> Result<Vec<Appointment>> {
    let from = NaiveDate::parse_from_str(req.from_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("from_date", Invalid::Date))?;
    let days = validate::in_range("days", req.days, 1, 31)?;
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let tz = shop::time_zone(tx)?;
        let (start, _) = clock::day_bounds(from, tz);
        let last = from + chrono::Days::new(days as u64 - 1);
        let (_, end) = clock::day_bounds(last, tz);
        in_range(tx, start, end, req.stylist_id, false)
    })
}

/// Book (id 0) or move an appointment.
pub fn save_appointment(
    db: &mut Db,
    session: &Session,
    req: SaveAppointmentRequest,
) -> Result<Appointment> {
    let note = validate::optional_text("note", &req.note, 200)?;
    if req.services.len() > 10 {
        return Err(Error::invalid_limit("services", Invalid::TooMany, 10));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageAppointments)?;
        customers::check_active(tx, req.customer_id)?;
        if let Some(s) = req.stylist_id {
            catalog::check_performer(tx, "stylist_id", s, &req.services)?;
        }
        // Booked from one of her visits (the staff report counts that visit
        // as rebooked): a visit that does not exist, or another customer's,
        // is refused.
        if let Some(v) = req.from_visit_id {
            let owner: Option<Option<CustomerId>> = tx
                .query_row(
                    "SELECT customer_id FROM visits WHERE id = ?1",
                    [v],
                    |r| r.get(0),
                )
                .optional()?;
            if owner != Some(Some(req.customer_id)) {
                return Err(Error::invalid("from_visit_id", Invalid::NotAvailable));
            }
        }
        // Not in the past (a minute's grace for the time it takes to type).
        if req.start_at < tx.now - 5 * MINUTE {
            return Err(Error::invalid("start_at", Invalid::Date));
        }
        if req.start_at > tx.now + 400 * 24 * 60 * MINUTE {
            return Err(Error::invalid("start_at", Invalid::Date));
        }
        let mut total = 0;
        for s in &req.services {
            match catalog::service(tx, *s)? {
                Some(service) if service.active => total += service.duration_minutes,
                _ => return Err(Error::invalid("services", Invalid::NotAvailable)),
            }
        }
        let minutes = match req.duration_minutes {
            Some(m) => validate::in_range("duration_minutes", m, 5, 600)?,
            None if total > 0 => total.min(600),
            None => return Err(Error::invalid("duration_minutes", Invalid::Required)),
        };
        let conflicts = conflicts_of(tx, req.id, req.stylist_id, req.start_at, minutes)?;
        if !conflicts.is_empty() && !req.allow_conflict {
            return Err(Error::Conflict {
                existing: conflicts,
            });
        }
        let services = serde_json::to_string(&req.services)?;
        let id = if req.id.0 == 0 {
            tx.execute(
                "INSERT INTO appointments (customer_id, stylist_id, start_at, duration_minutes,
                    services, note, booked_from_visit, created_at, created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
                params![
                    req.customer_id,
                    req.stylist_id,
                    req.start_at,
                    minutes,
                    services,
                    note,
                    req.from_visit_id,
                    tx.now,
                    session.staff_id
                ],
            )?;
            AppointmentId(tx.last_insert_rowid())
        } else {
            let status: Option<AppointmentStatus> = tx
                .query_row(
                    "SELECT status FROM appointments WHERE id = ?1",
                    [req.id],
                    |r| r.get(0),
                )
                .optional()?;
            match status {
                None => return Err(Error::NotFound(Entity::Appointment)),
                Some(AppointmentStatus::Booked) => {}
                Some(_) => return Err(Error::invalid("id", Invalid::NotAvailable)),
            }
            tx.execute(
                "UPDATE appointments SET customer_id = ?2, stylist_id = ?3, start_at = ?4,
                    duration_minutes = ?5, services = ?6, note = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    req.id,
                    req.customer_id,
                    req.stylist_id,
                    req.start_at,
                    minutes,
                    services,
                    note,
                    tx.now,
                    session.staff_id
                ],
            )?;
            req.id
        };
        audit::record_about(
            tx,
            Some(session.staff_id),
            if req.id.0 == 0 {
                Action::AppointmentBook
            } else {
                Action::AppointmentMove
            },
            Some(id.0),
            Some(req.customer_id),
            audit::NONE,
            Some(&serde_json::json!({ "start_at": req.start_at, "stylist": req.stylist_id })),
        )?;
        load_one(tx, id)
    })
}

/// Record a no-show or a cancellation (with the reason).
pub fn close_appointment(
    db: &mut Db,
    session: &Session,
    req: CloseAppointmentRequest,
) -> Result<Appointment> {
    let reason = validate::optional_text("reason", &req.reason, 200)?;
    if req.outcome == AppointmentOutcome::Cancelled && reason.is_empty() {
        return Err(Error::invalid("reason", Invalid::Required));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageAppointments)?;
        let a = load_one(tx, req.id)?;
        if a.status != AppointmentStatus::Booked {
            return Err(Error::invalid("id", Invalid::NotAvailable));
        }
        if req.outcome == AppointmentOutcome::NoShow && a.start_at > tx.now {
            // Nobody is a no-show before her time.
            return Err(Error::invalid("outcome", Invalid::NotAvailable));
        }
        let status = match req.outcome {
            AppointmentOutcome::NoShow => AppointmentStatus::NoShow,
            AppointmentOutcome::Cancelled => AppointmentStatus::Cancelled,
        };
        tx.execute(
            "UPDATE appointments SET status = ?2, status_reason = ?3, updated_at = ?4, updated_by = ?5
             WHERE id = ?1",
            params![req.id, status, reason, tx.now, session.staff_id],
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::AppointmentClose,
            Some(req.id.0),
            Some(a.customer_id),
            audit::NONE,
            Some(&serde_json::json!({ "status": status, "reason": reason })),
        )?;
        load_one(tx, req.id)
    })
}

/// What checking in a booked appointment carries into the visit.
pub(crate) struct Booked {
    pub customer: CustomerId,
    pub stylist: Option<StaffId>,
    pub services: Vec<ServiceId>,
}

/// A booked appointment, about to be checked in (refused if it is not booked).
/// Her next booked appointment starting after `after`, for the slip.
pub(crate) fn next_booked(
    tx: &Tx<'_>,
    customer: CustomerId,
    after: Millis,
) -> Result<Option<Appointment>> {
    let id: Option<AppointmentId> = tx
        .query_row(
            "SELECT id FROM appointments WHERE customer_id = ?1 AND status = 'booked'
               AND start_at > ?2 ORDER BY start_at LIMIT 1",
            rusqlite::params![customer, after],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| load_one(tx, id)).transpose()
}

pub(crate) fn booked(tx: &Tx<'_>, id: AppointmentId) -> Result<Booked> {
    let a: Option<(CustomerId, Option<StaffId>, String, AppointmentStatus)> = tx
        .query_row(
            "SELECT customer_id, stylist_id, services, status FROM appointments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((customer, stylist, services, status)) = a else {
        return Err(Error::NotFound(Entity::Appointment));
    };
    if status != AppointmentStatus::Booked {
        return Err(Error::invalid("appointment_id", Invalid::NotAvailable));
    }
    Ok(Booked {
        customer,
        stylist,
        services: services_of(&services)?,
    })
}

/// The appointment became a visit: she arrived.
pub(crate) fn mark_arrived(tx: &Tx<'_>, id: AppointmentId, by: StaffId) -> Result<()> {
    tx.execute(
        "UPDATE appointments SET status = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![id, AppointmentStatus::Arrived, tx.now, by],
    )?;
    Ok(())
}
