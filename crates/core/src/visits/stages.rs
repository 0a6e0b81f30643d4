//! Moving a visit through the stages: 迎客 check-in, 咨询 consultation,
//! 服务 service notes, 再咨询 re-consultation. Stages only move forward
//! ([`may_advance`]); every move is a `visit_stages` row (when, who).

use rusqlite::params;

use super::model::{
    AdvanceRequest, AttachCustomerRequest, CheckInRequest, ConsultRequest, LineKind,
    MeasurementInput, Phase, ReconsultRequest, ServiceNotesRequest, Stage, Visit, VisitStatus,
};
use super::pricing::{insert_lines, service_lines};
use super::read::{VisitRow, load_visit, open_row};
use crate::audit::{self, Action};
use crate::complaints::{self, ComplaintKind};
use crate::error::{Error, Invalid, Result};
use crate::ids::{CustomerId, ServiceId, StaffId, VisitId};
use crate::staff::{self, Permission, Role, Session};
use crate::storage::{Db, Tx};
use crate::{appointments, catalog, customers, shop, validate};

pub(crate) fn record_stage(
    tx: &Tx<'_>,
    visit: VisitId,
    stage: Stage,
    by: StaffId,
    note: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO visit_stages (visit_id, stage, at, staff_id, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![visit, stage, tx.now, by, note],
    )?;
    Ok(())
}

/// The next slip number of the business day: `20261123-007`.
fn next_slip_no(tx: &Tx<'_>) -> Result<String> {
    let date = shop::today(tx)?.format("%Y%m%d").to_string();
    let n: i64 = tx.query_row(
        "INSERT INTO slip_counters (business_date, last) VALUES (?1, 1)
         ON CONFLICT (business_date) DO UPDATE SET last = last + 1
         RETURNING last",
        [&date],
        |r| r.get(0),
    )?;
    Ok(format!("{date}-{n:03}"))
}

/// Give the visit its slip number if it has none yet (on entering consult,
/// or at checkout when consult was skipped).
pub(crate) fn ensure_slip(tx: &Tx<'_>, id: VisitId, v: &VisitRow) -> Result<()> {
    if v.slip_no.is_none() {
        let slip = next_slip_no(tx)?;
        tx.execute(
            "UPDATE visits SET slip_no = ?2 WHERE id = ?1",
            params![id, slip],
        )?;
    }
    Ok(())
}

/// A stylist may write only on visits assigned to her; the desk on any.
fn authorize_service_notes(tx: &Tx<'_>, session: &Session, v: &VisitRow) -> Result<Role> {
    let role = staff::authorize(tx, session, Permission::WriteServiceNotes)?;
    if role == Role::Stylist && v.stylist_id != Some(session.staff_id) {
        return Err(Error::Forbidden(Permission::RunVisits));
    }
    Ok(role)
}

/// Replace the visit's measurements of one phase. Each value must lie in its
/// metric's range; a metric may appear once.
fn write_measurements(
    tx: &Tx<'_>,
    visit: VisitId,
    phase: Phase,
    values: &[MeasurementInput],
    by: StaffId,
) -> Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    let metrics = catalog::metrics(tx)?;
    let mut seen = Vec::new();
    for m in values {
        let Some(metric) = metrics.iter().find(|x| x.id == m.metric_id) else {
            return Err(Error::invalid("measurements", Invalid::NotAvailable));
        };
        if seen.contains(&m.metric_id) {
            return Err(Error::invalid("measurements", Invalid::Repeated));
        }
        seen.push(m.metric_id);
        validate::in_range("measurements", m.value, metric.min_value, metric.max_value)?;
    }
    tx.execute(
        "DELETE FROM visit_measurements WHERE visit_id = ?1 AND phase = ?2",
        params![visit, phase],
    )?;
    for m in values {
        tx.execute(
            "INSERT INTO visit_measurements (visit_id, metric_id, phase, value, at, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![visit, m.metric_id, phase, m.value, tx.now, by],
        )?;
    }
    Ok(())
}

fn rating(field: &'static str, r: Option<i64>) -> Result<Option<i64>> {
    r.map(|v| validate::in_range(field, v, 0, 5)).transpose()
}

fn wrong_stage(from: Stage, to: Stage) -> Error {
    Error::WrongStage {
        from: from.as_str().to_string(),
        to: to.as_str().to_string(),
    }
}

// ---------------------------------------------------------------- 迎客 greet

/// Check a customer in (a walk-in, or her appointment). An anonymous walk-in
/// needs a label the desk will recognise her by.
pub fn check_in(db: &mut Db, session: &Session, req: CheckInRequest) -> Result<Visit> {
    let label = validate::optional_text(
        "walk_in_label",
        &crate::text::person_name(&req.walk_in_label),
        30,
    )?;
    if req.customer_id.is_none() && req.appointment_id.is_none() && label.is_empty() {
        return Err(Error::invalid("walk_in_label", Invalid::Required));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let mut customer = req.customer_id;
        let mut stylist: Option<StaffId> = None;
        let mut services: Vec<ServiceId> = Vec::new();
        if let Some(appt) = req.appointment_id {
            let booked = appointments::booked(tx, appt)?;
            if customer.is_some_and(|c| c != booked.customer) {
                return Err(Error::invalid("customer_id", Invalid::NotAvailable));
            }
            customer = Some(booked.customer);
            stylist = booked.stylist;
            services = booked.services;
        }
        if let Some(c) = customer {
            customers::check_active(tx, c)?;
            if has_open_visit(tx, c)? {
                return Err(Error::Duplicate {
                    field: "customer_id",
                });
            }
        }
        let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
        tx.execute(
            "INSERT INTO visits (customer_id, walk_in_label, source, appointment_id, stage,
                stage_since, business_date, arrived_at, greeted_by, stylist_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?8, ?9)",
            params![
                customer,
                label,
                if req.appointment_id.is_some() {
                    "appointment"
                } else {
                    "walk_in"
                },
                req.appointment_id,
                Stage::Greet,
                tx.now,
                today,
                session.staff_id,
                stylist
            ],
        )?;
        let id = VisitId(tx.last_insert_rowid());
        if let Some(appt) = req.appointment_id {
            appointments::mark_arrived(tx, appt, session.staff_id)?;
            // Services still on the menu carry over; the consultant confirms them.
            let lines: Vec<_> = services
                .iter()
                .filter_map(|s| service_lines(tx, &[*s]).ok())
                .flatten()
                .collect();
            insert_lines(tx, id, &lines)?;
        }
        record_stage(tx, id, Stage::Greet, session.staff_id, "")?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::VisitCheckIn,
            Some(id.0),
            customer,
            audit::NONE,
            Some(&serde_json::json!({ "customer": customer, "appointment": req.appointment_id })),
        )?;
        load_visit(tx, id)
    })
}

fn has_open_visit(tx: &Tx<'_>, customer: CustomerId) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND status = ?2)",
        params![customer, VisitStatus::Open],
        |r| r.get(0),
    )?)
}

/// Give an anonymous walk-in's visit to a customer (her card was just started).
pub fn attach_customer(
    db: &mut Db,
    session: &Session,
    req: AttachCustomerRequest,
) -> Result<Visit> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        if v.customer_id.is_some() {
            return Err(Error::invalid("customer_id", Invalid::NotAvailable));
        }
        customers::check_active(tx, req.customer_id)?;
        tx.execute(
            "UPDATE visits SET customer_id = ?2 WHERE id = ?1",
            params![req.visit_id, req.customer_id],
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::VisitAttachCustomer,
            Some(req.visit_id.0),
            Some(req.customer_id),
            audit::NONE,
            Some(&serde_json::json!({ "customer": req.customer_id })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

// ---------------------------------------------------------------- moving on

/// Whether `from → to` is a move the flow allows (forward only; checkout has
/// its own command and may follow any stage).
pub fn may_advance(from: Stage, to: Stage) -> bool {
    to.rank() > from.rank() && to != Stage::Done && from != Stage::Done
}

/// Set the timestamps of leaving `from` and entering `to`.
pub(crate) fn stage_times(
    tx: &Tx<'_>,
    id: VisitId,
    from: Stage,
    to: Stage,
    by: StaffId,
) -> Result<()> {
    let now = tx.now;
    if from == Stage::Consult {
        tx.execute(
            "UPDATE visits SET consult_ended_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
    }
    if from == Stage::Service {
        tx.execute(
            "UPDATE visits SET service_ended_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
    }
    match to {
        Stage::Consult => {
            tx.execute(
                "UPDATE visits SET consult_started_at = ?2,
                    consultant_id = COALESCE(consultant_id, ?3) WHERE id = ?1",
                params![id, now, by],
            )?;
        }
        Stage::Service => {
            tx.execute(
                "UPDATE visits SET service_started_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        Stage::Reconsult => {
            tx.execute(
                "UPDATE visits SET reconsult_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        Stage::Greet | Stage::Done => {}
    }
    Ok(())
}

/// Move an open visit forward to `to` (not checkout: see
/// [`super::checkout::checkout`]). The stylist may start and end her own
/// service; everything else is the desk's.
pub fn advance(db: &mut Db, session: &Session, req: AdvanceRequest) -> Result<Visit> {
    db.transact(|tx| {
        let v = open_row(tx, req.visit_id)?;
        let stylists_move = (v.stage == Stage::Consult && req.to == Stage::Service)
            || (v.stage == Stage::Service && req.to == Stage::Reconsult);
        let role = staff::signed_in(tx, session)?;
        if role == Role::Stylist && stylists_move {
            authorize_service_notes(tx, session, &v)?;
        } else {
            staff::authorize(tx, session, Permission::RunVisits)?;
        }
        advance_in(tx, session, req.visit_id, &v, req.to)?;
        load_visit(tx, req.visit_id)
    })
}

pub(crate) fn advance_in(
    tx: &Tx<'_>,
    session: &Session,
    id: VisitId,
    v: &VisitRow,
    to: Stage,
) -> Result<()> {
    if !may_advance(v.stage, to) {
        return Err(wrong_stage(v.stage, to));
    }
    if to == Stage::Service {
        if v.stylist_id.is_none() {
            return Err(Error::invalid("stylist_id", Invalid::Required));
        }
        let has_service: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM visit_lines WHERE visit_id = ?1 AND kind = ?2)",
            params![id, LineKind::Service],
            |r| r.get(0),
        )?;
        if !has_service {
            return Err(Error::invalid("services", Invalid::Required));
        }
    }
    if to == Stage::Reconsult && v.service_started_at.is_none() && v.stage != Stage::Service {
        return Err(wrong_stage(v.stage, to));
    }
    stage_times(tx, id, v.stage, to, session.staff_id)?;
    if to.rank() >= Stage::Consult.rank() {
        ensure_slip(tx, id, v)?;
    }
    tx.execute(
        "UPDATE visits SET stage = ?2, stage_since = ?3 WHERE id = ?1",
        params![id, to, tx.now],
    )?;
    record_stage(tx, id, to, session.staff_id, "")?;
    Ok(())
}

// ---------------------------------------------------------------- 咨询 consult

pub fn save_consult(db: &mut Db, session: &Session, req: ConsultRequest) -> Result<Visit> {
    let needs = validate::optional_text("needs", &req.needs, 500)?;
    let care_plan = validate::optional_text("care_plan", &req.care_plan, 1000)?;
    let interval = req
        .care_interval_days
        .map(|d| validate::in_range("care_interval_days", d, 1, 90))
        .transpose()?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        if v.stage == Stage::Greet {
            return Err(wrong_stage(v.stage, Stage::Consult));
        }
        if let Some(s) = req.stylist_id {
            catalog::check_performer(tx, "stylist_id", s, &req.services)?;
        }
        let lines = service_lines(tx, &req.services)?;
        if lines.is_empty() && v.stage.rank() >= Stage::Service.rank() {
            return Err(Error::invalid("services", Invalid::Required));
        }
        write_measurements(
            tx,
            req.visit_id,
            Phase::Pre,
            &req.measurements,
            session.staff_id,
        )?;
        tx.execute(
            "DELETE FROM visit_lines WHERE visit_id = ?1 AND kind = ?2",
            params![req.visit_id, LineKind::Service],
        )?;
        insert_lines(tx, req.visit_id, &lines)?;
        tx.execute(
            "UPDATE visits SET needs = ?2, care_plan = ?3, care_interval_days = ?4,
                stylist_id = ?5, consultant_id = COALESCE(consultant_id, ?6) WHERE id = ?1",
            params![
                req.visit_id,
                needs,
                care_plan,
                interval,
                req.stylist_id,
                session.staff_id
            ],
        )?;
        load_visit(tx, req.visit_id)
    })
}

// ---------------------------------------------------------------- 服务 service

pub fn save_service_notes(
    db: &mut Db,
    session: &Session,
    req: ServiceNotesRequest,
) -> Result<Visit> {
    let notes = validate::optional_text("notes", &req.notes, 1000)?;
    let remarks =
        validate::optional_text("remarks_for_consultant", &req.remarks_for_consultant, 500)?;
    if req.products_used.len() > 30 {
        return Err(Error::invalid_limit("products_used", Invalid::TooMany, 30));
    }
    let mut used = Vec::new();
    for u in &req.products_used {
        used.push((
            u.product_id,
            validate::optional_text("products_used", &u.amount, 20)?,
        ));
    }
    db.transact(|tx| {
        let v = open_row(tx, req.visit_id)?;
        authorize_service_notes(tx, session, &v)?;
        if v.stage.rank() < Stage::Service.rank() {
            return Err(wrong_stage(v.stage, Stage::Service));
        }
        for (p, _) in &used {
            if catalog::product(tx, *p)?.is_none() {
                return Err(Error::invalid("products_used", Invalid::NotAvailable));
            }
        }
        write_measurements(tx, req.visit_id, Phase::Post, &req.measurements, session.staff_id)?;
        tx.execute(
            "DELETE FROM visit_products_used WHERE visit_id = ?1",
            [req.visit_id],
        )?;
        for (p, amount) in &used {
            tx.execute(
                "INSERT INTO visit_products_used (visit_id, product_id, amount) VALUES (?1, ?2, ?3)",
                params![req.visit_id, p, amount],
            )?;
        }
        tx.execute(
            "UPDATE visits SET service_notes = ?2, remarks_for_consultant = ?3 WHERE id = ?1",
            params![req.visit_id, notes, remarks],
        )?;
        load_visit(tx, req.visit_id)
    })
}

// ---------------------------------------------------------------- 再咨询 re-consult

/// Record the re-consultation. A rating of 2 or below (for the service or the
/// stylist), or comments marked as a complaint, opens a complaint (once per
/// visit), due within 2 hours.
pub fn save_reconsult(db: &mut Db, session: &Session, req: ReconsultRequest) -> Result<Visit> {
    let service_rating = rating("service_rating", req.service_rating)?;
    let stylist_rating = rating("stylist_rating", req.stylist_rating)?;
    let comments = validate::optional_text("comments", &req.comments, 1000)?;
    let home_care = validate::optional_text("home_care", &req.home_care, 1000)?;
    let recommendations = validate::optional_text("recommendations", &req.recommendations, 500)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        if v.stage != Stage::Reconsult {
            return Err(wrong_stage(v.stage, Stage::Reconsult));
        }
        write_measurements(
            tx,
            req.visit_id,
            Phase::Post,
            &req.measurements,
            session.staff_id,
        )?;
        tx.execute(
            "UPDATE visits SET service_rating = ?2, stylist_rating = ?3, comments = ?4,
                home_care = ?5, recommendations = ?6 WHERE id = ?1",
            params![
                req.visit_id,
                service_rating,
                stylist_rating,
                comments,
                home_care,
                recommendations
            ],
        )?;
        let low = |r: Option<i64>| r.is_some_and(|x| (1..=2).contains(&x));
        if low(service_rating) || low(stylist_rating) || req.comments_are_complaint {
            let kind = if low(service_rating) || req.comments_are_complaint {
                ComplaintKind::Quality
            } else {
                ComplaintKind::Attitude
            };
            complaints::open_from_rating(
                tx,
                session,
                req.visit_id,
                v.customer_id,
                v.stylist_id,
                kind,
                &comments,
            )?;
        }
        load_visit(tx, req.visit_id)
    })
}
