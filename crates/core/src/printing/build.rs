//! Each document's view, read from the database in one read transaction.
//! Nothing here checks a permission: [`super::document`] does that for a
//! person, and the print queue runs only jobs that a person was allowed to
//! ask for.

use crate::access::Role;
use crate::clock::{self, Millis};
use crate::error::{Error, Invalid, Result};
use crate::gifts::handover::{self, HandoverState};
use crate::gifts::issuance;
use crate::gifts::reconcile::{self, PeriodRequest};
use crate::ids::{CustomerId, VisitId};
use crate::storage::Tx;
use crate::visits::{self, Visit, VisitStatus};
use crate::{appointments, complaints, customers, followups, membership, reports, shop, validate};

use super::settings;
use super::views::*;

pub(crate) fn build(tx: &Tx<'_>, req: &DocumentRequest, by: &str) -> Result<Document> {
    let tz = shop::time_zone(tx)?;
    let header = header(tx)?;
    let printed = Printed {
        at: clock::local_minute(tx.now, tz),
        by: by.to_string(),
    };
    let at = |ms: Millis| clock::local_minute(ms, tz);
    Ok(match req {
        DocumentRequest::Slip { visit_id } => {
            Document::Slip(slip(tx, *visit_id, header, printed, &at)?)
        }
        DocumentRequest::CarePlan { visit_id } => {
            Document::CarePlan(care_plan(tx, *visit_id, header, printed, &at)?)
        }
        DocumentRequest::Handover { handover_id } => {
            let h = handover::load(tx, *handover_id)?;
            if h.state != HandoverState::Confirmed {
                return Err(Error::invalid("handover_id", Invalid::NotConfirmed));
            }
            Document::Handover(handover_view(h, header, printed, &at))
        }
        DocumentRequest::DailyClose { date } => {
            let date = validate::calendar_date("date", date)?
                .format("%Y-%m-%d")
                .to_string();
            let summary = issuance::summary_in(tx, &date)?;
            let close = handover::close_of_day(tx, &date)?
                .map(|h| handover_view(h, header.clone(), printed.clone(), &at));
            Document::DailyClose(DailyCloseView {
                shop: header,
                summary,
                close,
                printed,
            })
        }
        DocumentRequest::Reconciliation { from, to } => {
            let (from, to) = reconcile::period(&PeriodRequest {
                from: from.clone(),
                to: to.clone(),
            })?;
            Document::Reconciliation(ReconciliationView {
                shop: header,
                reconciliation: reconcile::reconciliation_in(tx, &from, &to)?,
                printed,
            })
        }
        DocumentRequest::DailySummary { from, to } => Document::DailySummary(DailySummaryView {
            shop: header,
            summary: reports::daily_summary_in(
                tx,
                &reports::SummaryRequest {
                    from: from.clone(),
                    to: to.clone(),
                },
            )?,
            printed,
        }),
        DocumentRequest::Report { report } => Document::Report(ReportView {
            shop: header,
            tables: reports::sheets::tables_in(tx, report)?,
            printed,
        }),
        DocumentRequest::Followups { date } => {
            let date = validate::calendar_date("date", date)?
                .format("%Y-%m-%d")
                .to_string();
            Document::Followups(FollowupListView {
                shop: header,
                tasks: followups::due_by(tx, &date)?,
                date,
                printed,
            })
        }
        DocumentRequest::Complaint { complaint_id } => {
            let complaint = complaints::load(tx, *complaint_id)?;
            let phone = match complaint.customer_id {
                Some(id) => masked_phone(tx, id)?,
                None => String::new(),
            };
            Document::Complaint(ComplaintView {
                shop: header,
                customer_phone: phone,
                opened_at: at(complaint.opened_at),
                answer_due_at: at(complaint.answer_due_at),
                answered_at: complaint.answered_at.map(at),
                closed_at: complaint.closed_at.map(at),
                action_times: complaint.actions.iter().map(|a| at(a.at)).collect(),
                complaint,
                printed,
            })
        }
        DocumentRequest::TestPage => Document::TestPage(TestPageView {
            shop: header,
            printed,
        }),
    })
}

fn header(tx: &Tx<'_>) -> Result<ShopHeader> {
    let p = shop::profile(tx)?;
    Ok(ShopHeader {
        name: p.name,
        address: p.address,
        phone: p.phone,
    })
}

/// Her phone as paper prints it: always masked, empty once erased.
fn masked_phone(tx: &Tx<'_>, id: CustomerId) -> Result<String> {
    let card = customers::load_card(tx, Role::Stylist, id)?;
    Ok(if card.erased {
        String::new()
    } else {
        customers::phone::mask(&card.card.phone)
    })
}

fn staff_label(s: &crate::staff::StaffRef) -> String {
    format!("{}号 {}", s.staff_no, s.name)
}

fn next_appointment(
    tx: &Tx<'_>,
    customer: Option<CustomerId>,
    after: Millis,
    at: &dyn Fn(Millis) -> String,
) -> Result<Option<String>> {
    let Some(customer) = customer else {
        return Ok(None);
    };
    Ok(
        appointments::next_booked(tx, customer, after)?.map(|a| match a.stylist {
            Some(s) => format!("{} · {}", at(a.start_at), staff_label(&s)),
            None => at(a.start_at),
        }),
    )
}

fn printable_visit(tx: &Tx<'_>, id: VisitId) -> Result<Visit> {
    let visit = visits::read::load_visit(tx, id)?;
    if !matches!(visit.status, VisitStatus::CheckedOut | VisitStatus::Voided) {
        return Err(Error::invalid("visit_id", Invalid::NotFinished));
    }
    Ok(visit)
}

fn slip(
    tx: &Tx<'_>,
    id: VisitId,
    shop: ShopHeader,
    printed: Printed,
    at: &dyn Fn(Millis) -> String,
) -> Result<SlipView> {
    let v = printable_visit(tx, id)?;
    let closed = v.closed_at.unwrap_or(v.arrived_at);
    let cid = v.customer.as_ref().map(|c| c.id);
    let settings = settings::load(tx)?;
    let customer = match &v.customer {
        None => None,
        Some(c) => {
            let card = customers::load_card(tx, Role::Stylist, c.id)?;
            Some(if card.erased {
                SlipCustomer {
                    name: c.name.clone(),
                    phone: String::new(),
                    tier: None,
                    alert: None,
                }
            } else {
                SlipCustomer {
                    name: c.name.clone(),
                    phone: customers::phone::mask(&card.card.phone),
                    tier: membership::tiers::current_tier(tx, c.id)?.map(|t| t.name),
                    alert: c.alert.clone(),
                }
            })
        }
    };
    let (balance_after, packages) = match cid {
        Some(c) => (
            membership::ledger::balance_at(tx, c, closed)?,
            membership::ledger::packages_at(tx, c, closed, id)?
                .into_iter()
                .map(|(name, sessions_left, used_here)| PackageLeft {
                    name,
                    sessions_left,
                    used_here,
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    Ok(SlipView {
        shop,
        paper: settings.slip_paper,
        three_part: settings.three_part,
        slip_no: v.slip_no.clone().unwrap_or_default(),
        at: at(closed),
        walk_in: v.walk_in_label.clone(),
        stylist: v.stylist.clone(),
        consultant: v.consultant.clone(),
        subtotal: v.bill.subtotal,
        discount: v.bill.discount,
        total: v.bill.total,
        lines: v.bill.lines.clone(),
        vouchers_redeemed: v.rewards.redeemed_vouchers.clone(),
        stored_value: v.stored_value,
        payments: v.payments.clone(),
        tendered: v.tendered,
        change: v.change,
        balance_after,
        packages,
        gifts: v.rewards.gifts.clone(),
        vouchers_issued: v.rewards.issued_vouchers.clone(),
        next_appointment: next_appointment(tx, cid, closed, at)?,
        home_care: v.home_care.clone(),
        recommendations: v.recommendations.clone(),
        service_notes: v.service_notes.clone(),
        products_used: v.products_used.clone(),
        measurements: v.measurements.clone(),
        void: v.voided_at.map(|when| VoidMark {
            at: at(when),
            by: v.voided_by.as_ref().map(staff_label).unwrap_or_default(),
            reason: v.void_reason.clone(),
        }),
        customer,
        printed,
    })
}

fn care_plan(
    tx: &Tx<'_>,
    id: VisitId,
    shop: ShopHeader,
    printed: Printed,
    at: &dyn Fn(Millis) -> String,
) -> Result<CarePlanView> {
    let v = visits::read::load_visit(tx, id)?;
    if v.care_plan.trim().is_empty() && v.home_care.trim().is_empty() {
        return Err(Error::invalid("visit_id", Invalid::NothingToPrint));
    }
    let cid = v.customer.as_ref().map(|c| c.id);
    let (name, phone) = match &v.customer {
        Some(c) => (c.name.clone(), masked_phone(tx, c.id)?),
        None => (v.walk_in_label.clone(), String::new()),
    };
    let from = v.consult_ended_at.unwrap_or(v.arrived_at);
    let products = v
        .bill
        .lines
        .iter()
        .filter(|l| l.kind == visits::LineKind::Product)
        .map(|l| format!("{} × {}", l.name, l.qty))
        .collect();
    Ok(CarePlanView {
        shop,
        slip_no: v.slip_no.clone().unwrap_or_default(),
        date: v.business_date.clone(),
        customer_name: name,
        customer_phone: phone,
        consultant: v.consultant.clone(),
        stylist: v.stylist.clone(),
        needs: v.needs.clone(),
        care_plan: v.care_plan.clone(),
        interval_days: v.care_interval_days,
        services: v
            .bill
            .lines
            .iter()
            .filter(|l| l.kind == visits::LineKind::Service)
            .map(|l| l.name.clone())
            .collect(),
        products,
        home_care: v.home_care.clone(),
        recommendations: v.recommendations.clone(),
        next_appointment: next_appointment(tx, cid, from, at)?,
        printed,
    })
}

fn handover_view(
    h: crate::gifts::handover::Handover,
    shop: ShopHeader,
    printed: Printed,
    at: &dyn Fn(Millis) -> String,
) -> HandoverView {
    HandoverView {
        shop,
        counted_at: at(h.counted_at),
        confirmed_at: h.confirmed_at.map(at),
        handover: h,
        printed,
    }
}
