//! Reading a visit: the row the commands check ([`VisitRow`]) and the whole
//! visit the desk sees ([`load_visit`]).

use rusqlite::{OptionalExtension, params};

use super::model::{
    Bill, MeasurementPair, Payment, Phase, ProductUsed, Stage, StageEvent, Visit, VisitCustomer,
    VisitStatus,
};
use super::pricing::{load_lines, price};
use crate::clock::Millis;
use crate::customers::{self, Gender, GreetingStyle};
use crate::error::{Entity, Error, Result};
use crate::ids::{AppointmentId, CustomerId, StaffId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{complaints, followups, membership};

/// What the commands check of a visit before they change it.
pub(crate) struct VisitRow {
    pub customer_id: Option<CustomerId>,
    pub stage: Stage,
    pub status: VisitStatus,
    pub stylist_id: Option<StaffId>,
    pub consultant_id: Option<StaffId>,
    pub slip_no: Option<String>,
    pub service_started_at: Option<Millis>,
}

pub(crate) fn row(tx: &Tx<'_>, id: VisitId) -> Result<VisitRow> {
    tx.query_row(
        "SELECT customer_id, stage, status, stylist_id, consultant_id, slip_no,
                service_started_at
         FROM visits WHERE id = ?1",
        [id],
        |r| {
            Ok(VisitRow {
                customer_id: r.get(0)?,
                stage: r.get(1)?,
                status: r.get(2)?,
                stylist_id: r.get(3)?,
                consultant_id: r.get(4)?,
                slip_no: r.get(5)?,
                service_started_at: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::Visit))
}

/// The visit, refused when it is no longer open (checked out, cancelled,
/// voided): a closed visit never changes.
pub(crate) fn open_row(tx: &Tx<'_>, id: VisitId) -> Result<VisitRow> {
    let v = row(tx, id)?;
    if v.status != VisitStatus::Open {
        return Err(Error::Closed(Entity::Visit));
    }
    Ok(v)
}

/// The customer columns a visit shows.
pub(crate) struct CustomerCols {
    pub name: String,
    pub gender: Gender,
    pub salutation: String,
    pub allergies: String,
    pub contra: String,
    pub vip: bool,
    pub erased: bool,
}

pub(crate) fn customer_of(id: CustomerId, c: CustomerCols, style: GreetingStyle) -> VisitCustomer {
    let alert = match (c.allergies.is_empty(), c.contra.is_empty()) {
        (true, true) => None,
        (false, true) => Some(c.allergies),
        (true, false) => Some(c.contra),
        (false, false) => Some(format!("{}；{}", c.allergies, c.contra)),
    };
    let address_as = if c.erased {
        String::new()
    } else {
        customers::names::form_of_address(&c.name, c.gender, style, &c.salutation)
    };
    VisitCustomer {
        id,
        name: c.name,
        address_as,
        alert,
        vip: c.vip,
    }
}

pub(crate) fn visit_customer(tx: &Tx<'_>, id: CustomerId) -> Result<Option<VisitCustomer>> {
    let cols: Option<CustomerCols> = tx
        .query_row(
            "SELECT name, gender, salutation, allergies, contraindications, vip,
                    erased_at IS NOT NULL FROM customers WHERE id = ?1",
            [id],
            |r| {
                Ok(CustomerCols {
                    name: r.get(0)?,
                    gender: r.get(1)?,
                    salutation: r.get(2)?,
                    allergies: r.get(3)?,
                    contra: r.get(4)?,
                    vip: r.get(5)?,
                    erased: r.get(6)?,
                })
            },
        )
        .optional()?;
    let Some(cols) = cols else { return Ok(None) };
    Ok(Some(customer_of(
        id,
        cols,
        crate::shop::greeting_style(tx)?,
    )))
}

/// Whether the visit's customer has no earlier checked-out visit.
pub(crate) fn is_new_customer(
    tx: &Tx<'_>,
    visit: VisitId,
    customer: Option<CustomerId>,
) -> Result<bool> {
    let Some(c) = customer else { return Ok(true) };
    let earlier: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND id <> ?2
                       AND status = ?3)",
        params![c, visit, VisitStatus::CheckedOut],
        |r| r.get(0),
    )?;
    Ok(!earlier)
}

/// Who handled the visit at each point (ids as stored).
struct People {
    greeter: StaffId,
    consultant: Option<StaffId>,
    stylist: Option<StaffId>,
    closed_by: Option<StaffId>,
    voided_by: Option<StaffId>,
}

pub(crate) fn load_visit(tx: &Tx<'_>, id: VisitId) -> Result<Visit> {
    let (mut visit, customer, people) = tx
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
                let visit = Visit {
                    id,
                    customer: None,
                    walk_in_label: r.get(1)?,
                    from_appointment: r.get::<_, Option<AppointmentId>>(2)?,
                    stage: r.get(3)?,
                    status: r.get(4)?,
                    stage_since: r.get(5)?,
                    business_date: r.get(6)?,
                    slip_no: r.get(7)?,
                    arrived_at: r.get(8)?,
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
                        subtotal: Fen::ZERO,
                        discount: Fen::ZERO,
                        total: Fen::ZERO,
                    },
                    payments: Vec::new(),
                    tendered: r.get(26)?,
                    change: r.get(27)?,
                    stored_value: Fen::ZERO,
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
                    rewards: Default::default(),
                };
                let people = People {
                    greeter: r.get(9)?,
                    consultant: r.get(10)?,
                    stylist: r.get(11)?,
                    closed_by: r.get(30)?,
                    voided_by: r.get(33)?,
                };
                Ok((visit, r.get::<_, Option<CustomerId>>(0)?, people))
            },
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Visit))?;
    visit.customer = match customer {
        Some(c) => visit_customer(tx, c)?,
        None => None,
    };
    visit.greeted_by = staff::staff_ref(tx, Some(people.greeter))?;
    visit.consultant = staff::staff_ref(tx, people.consultant)?;
    visit.stylist = staff::staff_ref(tx, people.stylist)?;
    visit.closed_by = staff::staff_ref(tx, people.closed_by)?;
    visit.voided_by = staff::staff_ref(tx, people.voided_by)?;
    visit.new_customer = is_new_customer(tx, id, customer)?;
    visit.bill = {
        let mut b = price(load_lines(tx, id, None)?)?;
        // Stored amounts win over today's prices.
        b.total = b.lines.iter().map(|l| &l.amount).sum();
        b
    };
    visit.products_used = products_used(tx, id)?;
    visit.measurements = measurement_pairs(tx, id)?;
    visit.payments = payments(tx, id)?;
    visit.stages = stages(tx, id)?;
    visit.stored_value = membership::spent_on_visit(tx, id)?;
    visit.complaint_id = complaints::of_visit(tx, id)?;
    visit.followup_due = followups::due_dates_for_visit(tx, id)?;
    visit.rewards = crate::gifts::rewards::of_visit(tx, id)?;
    Ok(visit)
}

fn products_used(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<ProductUsed>> {
    let mut stmt = tx.prepare_cached(
        "SELECT u.product_id, p.name, u.amount FROM visit_products_used u
         JOIN products p ON p.id = u.product_id WHERE u.visit_id = ?1 ORDER BY u.id",
    )?;
    let rows = stmt
        .query_map([visit], |r| {
            Ok(ProductUsed {
                product_id: r.get(0)?,
                name: r.get(1)?,
                amount: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn payments(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<Payment>> {
    let mut stmt = tx.prepare_cached(
        "SELECT method, amount_fen FROM visit_payments WHERE visit_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([visit], |r| {
            Ok(Payment {
                method: r.get(0)?,
                amount: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn stages(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<StageEvent>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.stage, e.at, s.staff_no || ' ' || s.name, e.note FROM visit_stages e
         JOIN staff s ON s.id = e.staff_id WHERE e.visit_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt
        .query_map([visit], |r| {
            Ok(StageEvent {
                stage: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn measurement_pairs(tx: &Tx<'_>, visit: VisitId) -> Result<Vec<MeasurementPair>> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.id, m.name, m.unit, m.decimals,
                MAX(CASE WHEN vm.phase = ?2 THEN vm.value END),
                MAX(CASE WHEN vm.phase = ?3 THEN vm.value END)
         FROM visit_measurements vm JOIN metrics m ON m.id = vm.metric_id
         WHERE vm.visit_id = ?1 GROUP BY m.id ORDER BY m.id",
    )?;
    let rows = stmt
        .query_map(params![visit, Phase::Pre, Phase::Post], |r| {
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

pub fn get_visit(db: &mut Db, session: &Session, id: VisitId) -> Result<Visit> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        load_visit(tx, id)
    })
}
