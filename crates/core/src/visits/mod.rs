//! Visits: the six-stage reception workflow (SPEC 3.4).
//!
//! 迎客 greet → 咨询 consult → 服务 service → 再咨询 re-consult → 送客 checkout
//! → 回访 follow-up (a task created at checkout, see [`crate::followups`]).
//!
//! A visit's `stage` only moves forward ([`Stage::rank`]); stages may be
//! skipped where it makes sense (a product-only purchase goes greet →
//! checkout), but a service needs a stylist and a chosen service, and a
//! re-consultation needs a service. Every move is a row in `visit_stages`
//! (when, who). Checkout closes the visit; from then on the database refuses
//! any change to it or its rows (triggers in 0005_visits.sql) except a
//! manager's void, which reverses the stock it moved and cancels the
//! follow-ups it created. Each command is one transaction.

pub mod board;
pub mod history;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::catalog::Metric;
use crate::clock::Millis;
use crate::customers::{self, CustomerId, StaffRef};
use crate::error::{Entity, Error, Invalid, Result};
use crate::money::Fen;
use crate::staff::{self, Permission, Role, Session, StaffId};
use crate::storage::{Db, Tx};
use crate::{complaints, flow, membership, shop, validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    Greet,
    Consult,
    Service,
    Reconsult,
    /// Checked out, cancelled or voided (see [`VisitStatus`]).
    Done,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Greet,
        Stage::Consult,
        Stage::Service,
        Stage::Reconsult,
        Stage::Done,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Greet => "greet",
            Stage::Consult => "consult",
            Stage::Service => "service",
            Stage::Reconsult => "reconsult",
            Stage::Done => "done",
        }
    }
    pub fn parse(s: &str) -> Result<Stage> {
        Stage::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| Error::Internal(format!("unknown stage {s}")))
    }
    /// The order stages are passed in.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VisitStatus {
    Open,
    CheckedOut,
    Cancelled,
    Voided,
}

impl VisitStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VisitStatus::Open => "open",
            VisitStatus::CheckedOut => "checked_out",
            VisitStatus::Cancelled => "cancelled",
            VisitStatus::Voided => "voided",
        }
    }
    pub fn parse(s: &str) -> Result<VisitStatus> {
        [
            VisitStatus::Open,
            VisitStatus::CheckedOut,
            VisitStatus::Cancelled,
            VisitStatus::Voided,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
        .ok_or_else(|| Error::Internal(format!("unknown visit status {s}")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PayMethod {
    Cash,
    Card,
    Mobile,
}

impl PayMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PayMethod::Cash => "cash",
            PayMethod::Card => "card",
            PayMethod::Mobile => "mobile",
        }
    }
    fn parse(s: &str) -> PayMethod {
        match s {
            "card" => PayMethod::Card,
            "mobile" => PayMethod::Mobile,
            _ => PayMethod::Cash,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LineKind {
    Service,
    Product,
}

// ---------------------------------------------------------------- requests

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CheckInRequest {
    /// None for an anonymous walk-in.
    pub customer_id: Option<CustomerId>,
    /// How the desk tells an anonymous walk-in apart ("穿红外套的女士").
    pub walk_in_label: String,
    /// Checking in a booked appointment.
    pub appointment_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AdvanceRequest {
    pub visit_id: i64,
    /// The stage to move to; checkout has its own command.
    pub to: Stage,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasurementInput {
    pub metric_id: i64,
    /// In units of 10^-decimals of the metric (45.5 % with one decimal is 455).
    pub value: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConsultRequest {
    pub visit_id: i64,
    /// What she asked for, in her words.
    pub needs: String,
    /// Pre-service measurements.
    pub measurements: Vec<MeasurementInput>,
    /// Chosen services from the menu, one line each.
    pub services: Vec<i64>,
    pub stylist_id: Option<StaffId>,
    /// A care plan (疗程) for a new course: services, frequency, home care.
    pub care_plan: String,
    /// The course's frequency (every N days), used to suggest the next appointment.
    pub care_interval_days: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ProductUse {
    pub product_id: i64,
    /// How much ("2 ml", "半支"), free text.
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ServiceNotesRequest {
    pub visit_id: i64,
    pub products_used: Vec<ProductUse>,
    pub notes: String,
    /// What the customer asked for that the consultant should know.
    pub remarks_for_consultant: String,
    /// Post-service measurements taken at the chair (optional).
    pub measurements: Vec<MeasurementInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReconsultRequest {
    pub visit_id: i64,
    /// 1–5 (很不满意 … 非常满意), 0 for 不知道, None not asked.
    pub service_rating: Option<i64>,
    pub stylist_rating: Option<i64>,
    pub comments: String,
    /// The comments are a complaint (opens one even with good ratings).
    pub comments_are_complaint: bool,
    pub measurements: Vec<MeasurementInput>,
    pub home_care: String,
    pub recommendations: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ProductSale {
    pub product_id: i64,
    pub qty: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Payment {
    pub method: PayMethod,
    pub amount: Fen,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CheckoutRequest {
    pub visit_id: i64,
    /// Products bought (replaces any product lines).
    pub products: Vec<ProductSale>,
    /// Must add up to the bill's total exactly.
    pub payments: Vec<Payment>,
    /// Cash handed over, when paying cash; the change is worked out from it.
    pub tendered: Fen,
    /// The desk reminded her of her belongings (储物柜, 外套, 伞).
    pub belongings_checked: bool,
    /// Paid from her stored-value balance (0 for none); with `payments` it
    /// must add up to the total exactly.
    pub stored_value: Fen,
    /// Service lines paid by a package session.
    pub package_uses: Vec<PackageUse>,
}

/// One service line of the bill paid by a session of one of her packages.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageUse {
    pub package_id: i64,
    pub service_id: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CloseVisitRequest {
    pub visit_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AttachCustomerRequest {
    pub visit_id: i64,
    pub customer_id: CustomerId,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct QuoteRequest {
    pub visit_id: i64,
    pub products: Vec<ProductSale>,
    pub package_uses: Vec<PackageUse>,
}

// ---------------------------------------------------------------- responses

/// Who the visit is for, as the desk sees her at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitCustomer {
    pub id: CustomerId,
    pub name: String,
    /// 李姐 / 李女士.
    pub address_as: String,
    /// Allergies and contraindications, shown in red.
    pub alert: Option<String>,
    pub vip: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BillLine {
    pub kind: LineKind,
    pub item_id: i64,
    pub name: String,
    pub category: String,
    pub unit: Fen,
    pub qty: i64,
    /// The tier discount, or the whole price when a package session pays it.
    pub discount: Fen,
    pub amount: Fen,
    /// The package whose session pays this line.
    pub package_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Bill {
    pub lines: Vec<BillLine>,
    pub subtotal: Fen,
    pub discount: Fen,
    pub total: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductUsed {
    pub product_id: i64,
    pub name: String,
    pub amount: String,
}

/// One metric before and after the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeasurementPair {
    pub metric_id: i64,
    pub name: String,
    pub unit: String,
    pub decimals: i64,
    pub pre: Option<i64>,
    pub post: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StageEvent {
    pub stage: Stage,
    pub at: Millis,
    pub staff: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Visit {
    pub id: i64,
    pub customer: Option<VisitCustomer>,
    pub walk_in_label: String,
    pub from_appointment: Option<i64>,
    pub stage: Stage,
    pub status: VisitStatus,
    pub stage_since: Millis,
    pub business_date: String,
    pub slip_no: Option<String>,
    pub arrived_at: Millis,
    pub greeted_by: Option<StaffRef>,
    pub consultant: Option<StaffRef>,
    pub stylist: Option<StaffRef>,
    /// No earlier checked-out visit: the consult standard is 20 minutes, not 15.
    pub new_customer: bool,
    pub needs: String,
    pub care_plan: String,
    pub care_interval_days: Option<i64>,
    pub consult_started_at: Option<Millis>,
    pub consult_ended_at: Option<Millis>,
    pub service_started_at: Option<Millis>,
    pub service_ended_at: Option<Millis>,
    pub service_notes: String,
    pub remarks_for_consultant: String,
    pub products_used: Vec<ProductUsed>,
    pub service_rating: Option<i64>,
    pub stylist_rating: Option<i64>,
    pub comments: String,
    pub home_care: String,
    pub recommendations: String,
    pub measurements: Vec<MeasurementPair>,
    pub bill: Bill,
    pub payments: Vec<Payment>,
    pub tendered: Fen,
    pub change: Fen,
    /// Paid from her stored-value balance at checkout.
    pub stored_value: Fen,
    pub belongings_checked: bool,
    pub closed_at: Option<Millis>,
    pub closed_by: Option<StaffRef>,
    pub close_reason: String,
    pub voided_at: Option<Millis>,
    pub voided_by: Option<StaffRef>,
    pub void_reason: String,
    pub stages: Vec<StageEvent>,
    /// The complaint a low rating opened, if any.
    pub complaint_id: Option<i64>,
    /// Follow-up calls scheduled by this visit's checkout.
    pub followup_due: Vec<String>,
}

// ---------------------------------------------------------------- helpers

pub(crate) struct VisitRow {
    pub customer_id: Option<i64>,
    pub stage: Stage,
    pub status: VisitStatus,
    pub stylist_id: Option<i64>,
    pub consultant_id: Option<i64>,
    pub slip_no: Option<String>,
    pub service_started_at: Option<Millis>,
}

pub(crate) fn row(tx: &Tx<'_>, id: i64) -> Result<VisitRow> {
    tx.query_row(
        "SELECT customer_id, stage, status, stylist_id, consultant_id, slip_no,
                service_started_at
         FROM visits WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<Millis>>(6)?,
            ))
        },
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::Visit))
    .and_then(|(c, stage, status, st, co, slip, ss)| {
        Ok(VisitRow {
            customer_id: c,
            stage: Stage::parse(&stage)?,
            status: VisitStatus::parse(&status)?,
            stylist_id: st,
            consultant_id: co,
            slip_no: slip,
            service_started_at: ss,
        })
    })
}

fn open_row(tx: &Tx<'_>, id: i64) -> Result<VisitRow> {
    let v = row(tx, id)?;
    if v.status != VisitStatus::Open {
        return Err(Error::VisitClosed);
    }
    Ok(v)
}

/// A stylist may write only on visits assigned to her; the desk on any.
fn authorize_service_notes(tx: &Tx<'_>, session: &Session, v: &VisitRow) -> Result<Role> {
    let role = staff::authorize(tx, session, Permission::WriteServiceNotes)?;
    if role == Role::Stylist && v.stylist_id != Some(session.staff_id.0) {
        return Err(Error::Forbidden(Permission::RunVisits));
    }
    Ok(role)
}

/// She exists and was not erased.
pub(crate) fn check_customer(tx: &Tx<'_>, id: CustomerId) -> Result<()> {
    let erased: Option<Option<Millis>> = tx
        .query_row(
            "SELECT erased_at FROM customers WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()?;
    match erased {
        None => Err(Error::NotFound(Entity::Customer)),
        Some(Some(_)) => Err(Error::Erased),
        Some(None) => Ok(()),
    }
}

/// An active staff member who may perform services (a stylist, or a manager).
pub(crate) fn check_stylist(tx: &Tx<'_>, field: &'static str, id: StaffId) -> Result<()> {
    let ok: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM staff WHERE id = ?1 AND active = 1
                       AND role IN ('stylist', 'manager'))",
        [id.0],
        |r| r.get(0),
    )?;
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(field, Invalid::NotAvailable))
    }
}

fn record_stage(tx: &Tx<'_>, visit: i64, stage: Stage, by: StaffId, note: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO visit_stages (visit_id, stage, at, staff_id, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![visit, stage.as_str(), tx.now, by.0, note],
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

fn ensure_slip(tx: &Tx<'_>, id: i64, v: &VisitRow) -> Result<()> {
    if v.slip_no.is_none() {
        let slip = next_slip_no(tx)?;
        tx.execute(
            "UPDATE visits SET slip_no = ?2 WHERE id = ?1",
            params![id, slip],
        )?;
    }
    Ok(())
}

fn metrics_by_id(tx: &Tx<'_>) -> Result<Vec<Metric>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, name, unit, decimals, min_value, max_value, active FROM metrics",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Metric {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                decimals: r.get(3)?,
                min_value: r.get(4)?,
                max_value: r.get(5)?,
                active: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Replace the visit's measurements of one phase. Each value must lie in its
/// metric's range; a metric may appear once.
fn write_measurements(
    tx: &Tx<'_>,
    visit: i64,
    phase: &str,
    values: &[MeasurementInput],
    by: StaffId,
) -> Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    let metrics = metrics_by_id(tx)?;
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
            params![visit, m.metric_id, phase, m.value, tx.now, by.0],
        )?;
    }
    Ok(())
}

fn rating(field: &'static str, r: Option<i64>) -> Result<Option<i64>> {
    r.map(|v| validate::in_range(field, v, 0, 5)).transpose()
}

/// Service lines for the chosen service ids, at today's menu prices.
fn service_lines(tx: &Tx<'_>, ids: &[i64]) -> Result<Vec<BillLine>> {
    if ids.len() > 20 {
        return Err(Error::invalid_limit("services", Invalid::TooMany, 20));
    }
    let mut lines = Vec::new();
    for id in ids {
        let row: Option<(String, String, i64, bool)> = tx
            .query_row(
                "SELECT name, category, price_fen, active FROM services WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((name, category, price, true)) = row else {
            return Err(Error::invalid("services", Invalid::NotAvailable));
        };
        lines.push(BillLine {
            kind: LineKind::Service,
            item_id: *id,
            name,
            category,
            unit: Fen(price),
            qty: 1,
            discount: Fen(0),
            amount: Fen(price),
            package_id: None,
        });
    }
    Ok(lines)
}

fn product_lines(tx: &Tx<'_>, sales: &[ProductSale]) -> Result<Vec<BillLine>> {
    if sales.len() > 30 {
        return Err(Error::invalid_limit("products", Invalid::TooMany, 30));
    }
    let mut lines: Vec<BillLine> = Vec::new();
    for s in sales {
        validate::in_range("products", s.qty, 1, 99)?;
        if lines.iter().any(|l| l.item_id == s.product_id) {
            return Err(Error::invalid("products", Invalid::Repeated));
        }
        let row: Option<(String, i64, bool)> = tx
            .query_row(
                "SELECT name, price_fen, active FROM products WHERE id = ?1",
                [s.product_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((name, price, true)) = row else {
            return Err(Error::invalid("products", Invalid::NotAvailable));
        };
        let amount = price
            .checked_mul(s.qty)
            .ok_or_else(|| Error::invalid("products", Invalid::OutOfRange))?;
        lines.push(BillLine {
            kind: LineKind::Product,
            item_id: s.product_id,
            name,
            category: String::new(),
            unit: Fen(price),
            qty: s.qty,
            discount: Fen(0),
            amount: Fen(amount),
            package_id: None,
        });
    }
    Ok(lines)
}

/// Apply her tier's discount rates (services and products separately,
/// rounded half up to the fen per line) and mark the service lines a package
/// session pays (their whole price is the discount).
fn discount_lines(
    tx: &Tx<'_>,
    customer: Option<i64>,
    lines: &mut [BillLine],
    uses: &[PackageUse],
) -> Result<()> {
    let tier = match customer {
        Some(c) => membership::tiers::current_tier(tx, c)?,
        None => None,
    };
    if customer.is_none() && !uses.is_empty() {
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    let mut remaining: Vec<&PackageUse> = uses.iter().collect();
    for l in lines.iter_mut() {
        let gross = l.unit.0 * l.qty;
        l.package_id = None;
        let covered = if l.kind == LineKind::Service {
            remaining
                .iter()
                .position(|u| u.service_id == l.item_id)
                .map(|i| remaining.remove(i).package_id)
        } else {
            None
        };
        let paid = match (covered, &tier) {
            (Some(p), _) => {
                l.package_id = Some(p);
                0
            }
            (None, Some(t)) => membership::discounted(
                gross,
                if l.kind == LineKind::Service {
                    t.service_rate_permille
                } else {
                    t.product_rate_permille
                },
            ),
            (None, None) => gross,
        };
        l.discount = Fen(gross - paid);
        l.amount = Fen(paid);
    }
    if !remaining.is_empty() {
        // A package for a service not on the bill.
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    Ok(())
}

/// Add up the bill's lines.
fn price(lines: Vec<BillLine>) -> Result<Bill> {
    let mut subtotal: i64 = 0;
    let mut discount: i64 = 0;
    for l in &lines {
        subtotal = subtotal
            .checked_add(l.unit.0 * l.qty)
            .ok_or_else(|| Error::invalid("products", Invalid::OutOfRange))?;
        discount += l.discount.0;
    }
    Ok(Bill {
        lines,
        subtotal: Fen(subtotal),
        discount: Fen(discount),
        total: Fen(subtotal - discount),
    })
}

fn insert_lines(tx: &Tx<'_>, visit: i64, lines: &[BillLine]) -> Result<()> {
    for l in lines {
        tx.execute(
            "INSERT INTO visit_lines (visit_id, kind, item_id, name, category, unit_fen, qty,
                discount_fen, amount_fen, package_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                visit,
                match l.kind {
                    LineKind::Service => "service",
                    LineKind::Product => "product",
                },
                l.item_id,
                l.name,
                l.category,
                l.unit.0,
                l.qty,
                l.discount.0,
                l.amount.0,
                l.package_id
            ],
        )?;
    }
    Ok(())
}

fn load_lines(tx: &Tx<'_>, visit: i64, kind: Option<&str>) -> Result<Vec<BillLine>> {
    let mut stmt = tx.prepare_cached(
        "SELECT kind, item_id, name, category, unit_fen, qty, discount_fen, amount_fen, package_id
         FROM visit_lines WHERE visit_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![visit, kind], |r| {
            Ok(BillLine {
                kind: if r.get::<_, String>(0)? == "service" {
                    LineKind::Service
                } else {
                    LineKind::Product
                },
                item_id: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                unit: Fen(r.get(4)?),
                qty: r.get(5)?,
                discount: Fen(r.get(6)?),
                amount: Fen(r.get(7)?),
                package_id: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------- reading

pub(crate) fn visit_customer(tx: &Tx<'_>, id: i64) -> Result<Option<VisitCustomer>> {
    let row: Option<(String, String, String, String, String, bool, bool)> = tx
        .query_row(
            "SELECT name, gender, salutation, allergies, contraindications, vip,
                    erased_at IS NOT NULL FROM customers WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let Some((name, gender, salutation, allergies, contra, vip, erased)) = row else {
        return Ok(None);
    };
    let style = customers::greeting_style(tx)?;
    Ok(Some(customer_of(
        id,
        CustomerCols {
            name,
            gender,
            salutation,
            allergies,
            contra,
            vip,
            erased,
        },
        style,
    )))
}

/// The customer columns a visit shows.
pub(crate) struct CustomerCols {
    pub name: String,
    pub gender: String,
    pub salutation: String,
    pub allergies: String,
    pub contra: String,
    pub vip: bool,
    pub erased: bool,
}

pub(crate) fn customer_of(
    id: i64,
    c: CustomerCols,
    style: customers::GreetingStyle,
) -> VisitCustomer {
    let alert = match (c.allergies.is_empty(), c.contra.is_empty()) {
        (true, true) => None,
        (false, true) => Some(c.allergies),
        (true, false) => Some(c.contra),
        (false, false) => Some(format!("{}；{}", c.allergies, c.contra)),
    };
    let address_as = if c.erased {
        String::new()
    } else {
        customers::names::form_of_address(
            &c.name,
            customers::Gender::parse(&c.gender),
            style,
            &c.salutation,
        )
    };
    VisitCustomer {
        id: CustomerId(id),
        name: c.name,
        address_as,
        alert,
        vip: c.vip,
    }
}

/// Whether the visit's customer has no earlier checked-out visit.
pub(crate) fn is_new_customer(tx: &Tx<'_>, visit: i64, customer: Option<i64>) -> Result<bool> {
    let Some(c) = customer else { return Ok(true) };
    let earlier: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND id <> ?2
                       AND status = 'checked_out')",
        params![c, visit],
        |r| r.get(0),
    )?;
    Ok(!earlier)
}

pub(crate) fn load_visit(tx: &Tx<'_>, id: i64) -> Result<Visit> {
    let v = tx
        .query_row(
            "SELECT customer_id, walk_in_label, appointment_id, stage, status, stage_since,
                    business_date, slip_no, arrived_at, greeted_by, consultant_id, stylist_id,
                    needs, care_plan, care_interval_days, consult_started_at, consult_ended_at,
                    service_started_at, service_ended_at, service_notes, remarks_for_consultant,
                    service_rating, stylist_rating, comments, home_care, recommendations,
                    tendered_fen, change_fen, belongings_checked, closed_at, closed_by,
                    close_reason, voided_at, voided_by, void_reason
             FROM visits WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, Option<i64>>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Millis>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Millis>(8)?,
                        r.get::<_, i64>(9)?,
                        r.get::<_, Option<i64>>(10)?,
                        r.get::<_, Option<i64>>(11)?,
                    ),
                    Visit {
                        id,
                        customer: None,
                        walk_in_label: String::new(),
                        from_appointment: None,
                        stage: Stage::Greet,
                        status: VisitStatus::Open,
                        stage_since: 0,
                        business_date: String::new(),
                        slip_no: None,
                        arrived_at: 0,
                        greeted_by: None,
                        consultant: None,
                        stylist: None,
                        new_customer: false,
                        needs: r.get(12)?,
                        care_plan: r.get(13)?,
                        care_interval_days: r.get(14)?,
                        consult_started_at: r.get(15)?,
                        consult_ended_at: r.get(16)?,
                        service_started_at: r.get(17)?,
                        service_ended_at: r.get(18)?,
                        service_notes: r.get(19)?,
                        remarks_for_consultant: r.get(20)?,
                        products_used: Vec::new(),
                        service_rating: r.get(21)?,
                        stylist_rating: r.get(22)?,
                        comments: r.get(23)?,
                        home_care: r.get(24)?,
                        recommendations: r.get(25)?,
                        measurements: Vec::new(),
                        bill: Bill {
                            lines: Vec::new(),
                            subtotal: Fen(0),
                            discount: Fen(0),
                            total: Fen(0),
                        },
                        payments: Vec::new(),
                        tendered: Fen(r.get(26)?),
                        change: Fen(r.get(27)?),
                        stored_value: Fen(0),
                        belongings_checked: r.get(28)?,
                        closed_at: r.get(29)?,
                        closed_by: None,
                        close_reason: r.get(31)?,
                        voided_at: r.get(32)?,
                        voided_by: None,
                        void_reason: r.get(34)?,
                        stages: Vec::new(),
                        complaint_id: None,
                        followup_due: Vec::new(),
                    },
                    (r.get::<_, Option<i64>>(30)?, r.get::<_, Option<i64>>(33)?),
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Visit))?;
    let (
        (customer, label, appt, stage, status, since, date, slip, arrived, greeter, cons, sty),
        mut visit,
        (closed_by, voided_by),
    ) = (v.0, v.1, v.2);
    visit.customer = match customer {
        Some(c) => visit_customer(tx, c)?,
        None => None,
    };
    visit.walk_in_label = label;
    visit.from_appointment = appt;
    visit.stage = Stage::parse(&stage)?;
    visit.status = VisitStatus::parse(&status)?;
    visit.stage_since = since;
    visit.business_date = date;
    visit.slip_no = slip;
    visit.arrived_at = arrived;
    visit.greeted_by = customers::staff_ref(tx, Some(greeter))?;
    visit.consultant = customers::staff_ref(tx, cons)?;
    visit.stylist = customers::staff_ref(tx, sty)?;
    visit.closed_by = customers::staff_ref(tx, closed_by)?;
    visit.voided_by = customers::staff_ref(tx, voided_by)?;
    visit.new_customer = is_new_customer(tx, id, customer)?;
    visit.bill = {
        let lines = load_lines(tx, id, None)?;
        let mut b = price(lines)?;
        // Stored amounts win over today's prices.
        b.total = Fen(b.lines.iter().map(|l| l.amount.0).sum());
        b
    };
    {
        let mut stmt = tx.prepare_cached(
            "SELECT u.product_id, p.name, u.amount FROM visit_products_used u
             JOIN products p ON p.id = u.product_id WHERE u.visit_id = ?1 ORDER BY u.id",
        )?;
        visit.products_used = stmt
            .query_map([id], |r| {
                Ok(ProductUsed {
                    product_id: r.get(0)?,
                    name: r.get(1)?,
                    amount: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    visit.measurements = measurement_pairs(tx, id)?;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT method, amount_fen FROM visit_payments WHERE visit_id = ?1 ORDER BY id",
        )?;
        visit.payments = stmt
            .query_map([id], |r| {
                Ok(Payment {
                    method: PayMethod::parse(&r.get::<_, String>(0)?),
                    amount: Fen(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    {
        let mut stmt = tx.prepare_cached(
            "SELECT e.stage, e.at, s.staff_no || ' ' || s.name, e.note FROM visit_stages e
             JOIN staff s ON s.id = e.staff_id WHERE e.visit_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Millis>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (stage, at, staff, note) in rows {
            visit.stages.push(StageEvent {
                stage: Stage::parse(&stage)?,
                at,
                staff,
                note,
            });
        }
    }
    visit.stored_value = Fen(tx.query_row(
        "SELECT -COALESCE(SUM(amount_fen), 0) FROM sv_ledger WHERE visit_id = ?1 AND kind = 'spend'",
        [id],
        |r| r.get(0),
    )?);
    visit.complaint_id = tx
        .query_row(
            "SELECT id FROM complaints WHERE visit_id = ?1 ORDER BY id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT due_date FROM followups WHERE visit_id = ?1 AND status <> 'cancelled' ORDER BY id",
        )?;
        visit.followup_due = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(visit)
}

fn measurement_pairs(tx: &Tx<'_>, visit: i64) -> Result<Vec<MeasurementPair>> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.id, m.name, m.unit, m.decimals,
                MAX(CASE WHEN vm.phase = 'pre' THEN vm.value END),
                MAX(CASE WHEN vm.phase = 'post' THEN vm.value END)
         FROM visit_measurements vm JOIN metrics m ON m.id = vm.metric_id
         WHERE vm.visit_id = ?1 GROUP BY m.id ORDER BY m.id",
    )?;
    let rows = stmt
        .query_map([visit], |r| {
            Ok(MeasurementPair {
                metric_id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                decimals: r.get(3)?,
                pre: r.get(4)?,
                post: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get_visit(db: &mut Db, session: &Session, id: i64) -> Result<Visit> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        load_visit(tx, id)
    })
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
        let mut stylist: Option<i64> = None;
        let mut services: Vec<i64> = Vec::new();
        if let Some(appt) = req.appointment_id {
            let a: Option<(i64, Option<i64>, String, String)> = tx
                .query_row(
                    "SELECT customer_id, stylist_id, services, status FROM appointments WHERE id = ?1",
                    [appt],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((c, s, svc, status)) = a else {
                return Err(Error::NotFound(Entity::Appointment));
            };
            if status != "booked" {
                return Err(Error::invalid("appointment_id", Invalid::NotAvailable));
            }
            if customer.is_some_and(|x| x.0 != c) {
                return Err(Error::invalid("customer_id", Invalid::NotAvailable));
            }
            customer = Some(CustomerId(c));
            stylist = s;
            services = serde_json::from_str(&svc).unwrap_or_default();
        }
        if let Some(c) = customer {
            check_customer(tx, c)?;
            let open: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND status = 'open')",
                [c.0],
                |r| r.get(0),
            )?;
            if open {
                return Err(Error::Duplicate {
                    field: "customer_id",
                });
            }
        }
        let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
        tx.execute(
            "INSERT INTO visits (customer_id, walk_in_label, source, appointment_id, stage,
                stage_since, business_date, arrived_at, greeted_by, stylist_id)
             VALUES (?1, ?2, ?3, ?4, 'greet', ?5, ?6, ?5, ?7, ?8)",
            params![
                customer.map(|c| c.0),
                label,
                if req.appointment_id.is_some() {
                    "appointment"
                } else {
                    "walk_in"
                },
                req.appointment_id,
                tx.now,
                today,
                session.staff_id.0,
                stylist
            ],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(appt) = req.appointment_id {
            tx.execute(
                "UPDATE appointments SET status = 'arrived', updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                params![appt, tx.now, session.staff_id.0],
            )?;
            // Services still on the menu carry over; the consultant confirms them.
            let lines: Vec<BillLine> = services
                .iter()
                .filter_map(|s| service_lines(tx, &[*s]).ok())
                .flatten()
                .collect();
            insert_lines(tx, id, &lines)?;
        }
        record_stage(tx, id, Stage::Greet, session.staff_id, "")?;
        audit::record(
            tx,
            Some(session.staff_id),
            "visit.check_in",
            "visit",
            Some(id),
            audit::NONE,
            Some(&serde_json::json!({ "customer": customer.map(|c| c.0), "appointment": req.appointment_id })),
        )?;
        load_visit(tx, id)
    })
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
        check_customer(tx, req.customer_id)?;
        tx.execute(
            "UPDATE visits SET customer_id = ?2 WHERE id = ?1",
            params![req.visit_id, req.customer_id.0],
        )?;
        audit::record(
            tx,
            Some(session.staff_id),
            "visit.attach_customer",
            "visit",
            Some(req.visit_id),
            audit::NONE,
            Some(&serde_json::json!({ "customer": req.customer_id.0 })),
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
fn stage_times(tx: &Tx<'_>, id: i64, from: Stage, to: Stage, by: StaffId) -> Result<()> {
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
                params![id, now, by.0],
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

/// Move an open visit forward to `to` (not checkout: see [`checkout`]).
/// The stylist may start and end her own service; everything else is the
/// desk's.
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
    id: i64,
    v: &VisitRow,
    to: Stage,
) -> Result<()> {
    let wrong = || Error::WrongStage {
        from: v.stage.as_str().to_string(),
        to: to.as_str().to_string(),
    };
    if !may_advance(v.stage, to) {
        return Err(wrong());
    }
    if to == Stage::Service {
        if v.stylist_id.is_none() {
            return Err(Error::invalid("stylist_id", Invalid::Required));
        }
        let has_service: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM visit_lines WHERE visit_id = ?1 AND kind = 'service')",
            [id],
            |r| r.get(0),
        )?;
        if !has_service {
            return Err(Error::invalid("services", Invalid::Required));
        }
    }
    if to == Stage::Reconsult && v.service_started_at.is_none() && v.stage != Stage::Service {
        return Err(wrong());
    }
    stage_times(tx, id, v.stage, to, session.staff_id)?;
    if to.rank() >= Stage::Consult.rank() {
        ensure_slip(tx, id, v)?;
    }
    tx.execute(
        "UPDATE visits SET stage = ?2, stage_since = ?3 WHERE id = ?1",
        params![id, to.as_str(), tx.now],
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
            return Err(Error::WrongStage {
                from: v.stage.as_str().to_string(),
                to: Stage::Consult.as_str().to_string(),
            });
        }
        if let Some(s) = req.stylist_id {
            check_stylist(tx, "stylist_id", s)?;
        }
        let lines = service_lines(tx, &req.services)?;
        if lines.is_empty() && v.stage.rank() >= Stage::Service.rank() {
            return Err(Error::invalid("services", Invalid::Required));
        }
        write_measurements(tx, req.visit_id, "pre", &req.measurements, session.staff_id)?;
        tx.execute(
            "DELETE FROM visit_lines WHERE visit_id = ?1 AND kind = 'service'",
            [req.visit_id],
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
                req.stylist_id.map(|s| s.0),
                session.staff_id.0
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
            return Err(Error::WrongStage {
                from: v.stage.as_str().to_string(),
                to: Stage::Service.as_str().to_string(),
            });
        }
        for (p, _) in &used {
            let ok: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM products WHERE id = ?1)",
                [p],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(Error::invalid("products_used", Invalid::NotAvailable));
            }
        }
        write_measurements(tx, req.visit_id, "post", &req.measurements, session.staff_id)?;
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
            return Err(Error::WrongStage {
                from: v.stage.as_str().to_string(),
                to: Stage::Reconsult.as_str().to_string(),
            });
        }
        write_measurements(
            tx,
            req.visit_id,
            "post",
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
                complaints::ComplaintKind::Quality
            } else {
                complaints::ComplaintKind::Attitude
            };
            complaints::open_from_visit(tx, session, req.visit_id, &v, kind, &comments)?;
        }
        load_visit(tx, req.visit_id)
    })
}

// ---------------------------------------------------------------- 送客 checkout

/// Price the bill as checkout would, without writing anything.
pub fn quote(db: &mut Db, session: &Session, req: QuoteRequest) -> Result<Bill> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = row(tx, req.visit_id)?;
        let mut lines = load_lines(tx, req.visit_id, Some("service"))?;
        lines.extend(product_lines(tx, &req.products)?);
        discount_lines(tx, v.customer_id, &mut lines, &req.package_uses)?;
        price(lines)
    })
}

/// See the customer off: bill, payment, stock, follow-up. All or nothing.
pub fn checkout(db: &mut Db, session: &Session, req: CheckoutRequest) -> Result<Visit> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        let products = product_lines(tx, &req.products)?;
        let mut lines = load_lines(tx, req.visit_id, Some("service"))?;
        lines.extend(products.iter().cloned());
        discount_lines(tx, v.customer_id, &mut lines, &req.package_uses)?;
        let bill = price(lines)?;
        if bill.lines.is_empty() {
            return Err(Error::invalid("products", Invalid::Required));
        }
        let stored_value = req.stored_value.0;
        if stored_value < 0 || (stored_value > 0 && v.customer_id.is_none()) {
            return Err(Error::invalid("stored_value", Invalid::NotAvailable));
        }
        // Payments: each positive, at most one per method, adding up exactly.
        if req.payments.len() > 3 {
            return Err(Error::invalid_limit("payments", Invalid::TooMany, 3));
        }
        let mut paid: i64 = stored_value;
        let mut cash: i64 = 0;
        for (i, p) in req.payments.iter().enumerate() {
            if p.amount.0 <= 0 {
                return Err(Error::invalid_limit("payments", Invalid::OutOfRange, 1));
            }
            if req.payments[..i].iter().any(|q| q.method == p.method) {
                return Err(Error::invalid("payments", Invalid::Repeated));
            }
            paid = paid
                .checked_add(p.amount.0)
                .ok_or_else(|| Error::invalid("payments", Invalid::OutOfRange))?;
            if p.method == PayMethod::Cash {
                cash = p.amount.0;
            }
        }
        if paid != bill.total.0 {
            return Err(Error::invalid_limit(
                "payments",
                Invalid::OutOfRange,
                bill.total.0,
            ));
        }
        let (tendered, change) = if cash > 0 {
            if req.tendered.0 < cash {
                return Err(Error::invalid_limit("tendered", Invalid::OutOfRange, cash));
            }
            (req.tendered.0, req.tendered.0 - cash)
        } else {
            (0, 0)
        };
        // Stock: products the shop counts must be on the shelf.
        for l in &products {
            let stock: Option<i64> = tx.query_row(
                "SELECT stock FROM products WHERE id = ?1",
                [l.item_id],
                |r| r.get(0),
            )?;
            if let Some(s) = stock {
                if s < l.qty {
                    return Err(Error::invalid_limit("products", Invalid::OutOfRange, s));
                }
                tx.execute(
                    "UPDATE products SET stock = stock - ?2 WHERE id = ?1",
                    params![l.item_id, l.qty],
                )?;
                tx.execute(
                    "INSERT INTO stock_moves (product_id, visit_id, delta, reason, at, staff_id)
                     VALUES (?1, ?2, ?3, 'sale', ?4, ?5)",
                    params![l.item_id, req.visit_id, -l.qty, tx.now, session.staff_id.0],
                )?;
            }
        }
        // The bill as priced (tier discounts, package sessions) replaces the lines.
        tx.execute(
            "DELETE FROM visit_lines WHERE visit_id = ?1",
            [req.visit_id],
        )?;
        insert_lines(tx, req.visit_id, &bill.lines)?;
        if let Some(customer) = v.customer_id {
            if stored_value > 0 {
                membership::post(
                    tx,
                    "stored_value",
                    membership::Move {
                        customer,
                        kind: "spend",
                        amount: -stored_value,
                        method: None,
                        visit: Some(req.visit_id),
                        note: "",
                    },
                    session.staff_id,
                )?;
            }
            for l in bill.lines.iter().filter(|l| l.package_id.is_some()) {
                membership::use_package(
                    tx,
                    customer,
                    l.package_id.unwrap_or_default(),
                    l.item_id,
                    req.visit_id,
                    session.staff_id,
                )?;
            }
        }
        for p in &req.payments {
            tx.execute(
                "INSERT INTO visit_payments (visit_id, method, amount_fen) VALUES (?1, ?2, ?3)",
                params![req.visit_id, p.method.as_str(), p.amount.0],
            )?;
        }
        ensure_slip(tx, req.visit_id, &v)?;
        stage_times(tx, req.visit_id, v.stage, Stage::Done, session.staff_id)?;
        if v.consultant_id.is_none() {
            tx.execute(
                "UPDATE visits SET consultant_id = ?2 WHERE id = ?1",
                params![req.visit_id, session.staff_id.0],
            )?;
        }
        tx.execute(
            "UPDATE visits SET stage = 'done', status = 'checked_out', stage_since = ?2,
                subtotal_fen = ?3, discount_fen = ?4, total_fen = ?5, tendered_fen = ?6,
                change_fen = ?7, belongings_checked = ?8, closed_at = ?2, closed_by = ?9
             WHERE id = ?1",
            params![
                req.visit_id,
                tx.now,
                bill.subtotal.0,
                bill.discount.0,
                bill.total.0,
                tendered,
                change,
                req.belongings_checked,
                session.staff_id.0
            ],
        )?;
        record_stage(tx, req.visit_id, Stage::Done, session.staff_id, "checkout")?;
        schedule_followup(tx, req.visit_id, &v, session)?;
        if let Some(customer) = v.customer_id {
            membership::tiers::upgrade_if_due(
                tx,
                customer,
                None,
                Some(req.visit_id),
                session.staff_id,
            )?;
        }
        audit::record(
            tx,
            Some(session.staff_id),
            "visit.checkout",
            "visit",
            Some(req.visit_id),
            audit::NONE,
            Some(&serde_json::json!({
                "total": bill.total.0, "payments": req.payments, "change": change
            })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// The after-service call (回访): due the configured number of days after the
/// service (the shortest delay among the visit's service categories), assigned
/// to the visit's consultant. None for product-only visits, anonymous
/// walk-ins, and customers who asked not to be contacted.
fn schedule_followup(tx: &Tx<'_>, id: i64, v: &VisitRow, session: &Session) -> Result<()> {
    let Some(customer) = v.customer_id else {
        return Ok(());
    };
    let no_contact: bool = tx.query_row(
        "SELECT do_not_contact FROM customers WHERE id = ?1",
        [customer],
        |r| r.get(0),
    )?;
    if no_contact {
        return Ok(());
    }
    let lines = load_lines(tx, id, Some("service"))?;
    let mut days: Option<i64> = None;
    for l in &lines {
        let d = flow::followup_days_for(tx, &l.category)?;
        days = Some(days.map_or(d, |x: i64| x.min(d)));
    }
    let Some(days) = days else { return Ok(()) };
    let due = shop::today(tx)? + chrono::Days::new(days as u64);
    tx.execute(
        "INSERT INTO followups (customer_id, visit_id, reason, due_date, assigned_to, created_at)
         VALUES (?1, ?2, 'aftercare', ?3, ?4, ?5)",
        params![
            customer,
            id,
            due.format("%Y-%m-%d").to_string(),
            v.consultant_id.unwrap_or(session.staff_id.0),
            tx.now
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- cancel and void

/// Cancel an open visit (she left before checkout), with a reason.
pub fn cancel_visit(db: &mut Db, session: &Session, req: CloseVisitRequest) -> Result<Visit> {
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        open_row(tx, req.visit_id)?;
        tx.execute(
            "UPDATE visits SET stage = 'done', status = 'cancelled', stage_since = ?2,
                closed_at = ?2, closed_by = ?3, close_reason = ?4 WHERE id = ?1",
            params![req.visit_id, tx.now, session.staff_id.0, reason],
        )?;
        record_stage(tx, req.visit_id, Stage::Done, session.staff_id, "cancel")?;
        audit::record(
            tx,
            Some(session.staff_id),
            "visit.cancel",
            "visit",
            Some(req.visit_id),
            audit::NONE,
            Some(&serde_json::json!({ "reason": reason })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// A manager's void of a checked-out visit: stock sold goes back on the shelf,
/// the follow-ups it scheduled are cancelled, and its money no longer counts
/// anywhere (reports read checked-out visits only). Its rows stay, for the record.
pub fn void_visit(db: &mut Db, session: &Session, req: CloseVisitRequest) -> Result<Visit> {
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::VoidVisits)?;
        let v = row(tx, req.visit_id)?;
        if v.status != VisitStatus::CheckedOut {
            return Err(Error::VisitClosed);
        }
        let moves: Vec<(i64, i64)> = {
            let mut stmt = tx.prepare(
                "SELECT product_id, SUM(delta) FROM stock_moves WHERE visit_id = ?1
                 GROUP BY product_id HAVING SUM(delta) <> 0",
            )?;
            stmt.query_map([req.visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        for (product, delta) in moves {
            tx.execute(
                "UPDATE products SET stock = stock - ?2 WHERE id = ?1 AND stock IS NOT NULL",
                params![product, delta],
            )?;
            tx.execute(
                "INSERT INTO stock_moves (product_id, visit_id, delta, reason, at, staff_id)
                 VALUES (?1, ?2, ?3, 'void', ?4, ?5)",
                params![product, req.visit_id, -delta, tx.now, session.staff_id.0],
            )?;
        }
        membership::reverse_visit(tx, req.visit_id, session.staff_id)?;
        tx.execute(
            "UPDATE followups SET status = 'cancelled', closed_at = ?2, closed_by = ?3
             WHERE visit_id = ?1 AND status = 'open'",
            params![req.visit_id, tx.now, session.staff_id.0],
        )?;
        tx.execute(
            "UPDATE visits SET status = 'voided', voided_at = ?2, voided_by = ?3, void_reason = ?4
             WHERE id = ?1",
            params![req.visit_id, tx.now, session.staff_id.0, reason],
        )?;
        record_stage(tx, req.visit_id, Stage::Done, session.staff_id, "void")?;
        if let Some(customer) = v.customer_id {
            membership::tiers::undo_upgrade_of(tx, customer, req.visit_id, session.staff_id)?;
        }
        audit::record(
            tx,
            Some(session.staff_id),
            "visit.void",
            "visit",
            Some(req.visit_id),
            audit::NONE,
            Some(&serde_json::json!({ "reason": reason })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// Blank the customer's own words on her visits, complaints and calls
/// (erasure on request); the money and stock rows stay.
pub(crate) fn erase_words(tx: &Tx<'_>, customer: i64) -> Result<()> {
    tx.execute(
        "UPDATE visits SET needs = '', care_plan = '', service_notes = '',
            remarks_for_consultant = '', comments = '', home_care = '', recommendations = '',
            walk_in_label = '', text_erased = 1
         WHERE customer_id = ?1",
        [customer],
    )?;
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
