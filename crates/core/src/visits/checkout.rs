//! 送客 checkout: the bill priced as quoted, the payment checked to the fen,
//! stock taken off the shelf, stored value and package sessions spent, the
//! visit closed, the after-service call scheduled, and her tier upgraded if
//! the spend qualifies. One transaction: all of it, or none.

use rusqlite::params;

use super::model::{
    Bill, CheckoutRequest, LineKind, Payment, Quote, QuoteRequest, Stage, Visit, VisitStatus,
};
use super::pricing::{discount_lines, insert_lines, load_lines, price, product_lines};
use super::read::{VisitRow, load_visit, open_row, row};
use super::stages::{ensure_slip, record_stage, stage_times};
use crate::audit::{self, Action};
use crate::error::{Error, Invalid, Result};
use crate::gifts::rewards::{self, AppliedVoucher, Payable};
use crate::ids::CustomerId;
use crate::ids::{ProductId, ServiceId, VisitId};
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{catalog, flow, followups, membership};

/// How a bill is paid, checked: cash taken and the change to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settlement {
    pub tendered: Fen,
    pub change: Fen,
}

/// Check a payment against the bill's total: vouchers and stored value plus
/// at most one payment per method, each positive, adding up to the total
/// exactly; cash handed over covers the cash part, and the change is the rest.
pub(crate) fn settle(
    total: Fen,
    vouchers: Fen,
    stored_value: Fen,
    payments: &[Payment],
    tendered: Fen,
) -> Result<Settlement> {
    if stored_value.is_negative() {
        return Err(Error::invalid("stored_value", Invalid::NotAvailable));
    }
    if payments.len() > PayMethod::ALL.len() {
        return Err(Error::invalid_limit(
            "payments",
            Invalid::TooMany,
            PayMethod::ALL.len() as i64,
        ));
    }
    let mut paid = stored_value.plus(vouchers, "payments")?;
    let mut cash = Fen::ZERO;
    for (i, p) in payments.iter().enumerate() {
        if !p.amount.is_positive() {
            return Err(Error::invalid_limit("payments", Invalid::OutOfRange, 1));
        }
        if payments[..i].iter().any(|q| q.method == p.method) {
            return Err(Error::invalid("payments", Invalid::Repeated));
        }
        paid = paid.plus(p.amount, "payments")?;
        if p.method == PayMethod::Cash {
            cash = p.amount;
        }
    }
    if paid != total {
        return Err(Error::invalid_limit(
            "payments",
            Invalid::OutOfRange,
            total.0,
        ));
    }
    if cash.is_positive() {
        if tendered < cash {
            return Err(Error::invalid_limit(
                "tendered",
                Invalid::OutOfRange,
                cash.0,
            ));
        }
        Ok(Settlement {
            tendered,
            change: tendered.minus(cash, "tendered")?,
        })
    } else {
        Ok(Settlement {
            tendered: Fen::ZERO,
            change: Fen::ZERO,
        })
    }
}

/// What each bill line still owes, as a voucher sees it.
fn payable(bill: &Bill) -> Vec<Payable> {
    bill.lines
        .iter()
        .map(|l| Payable {
            service: (l.kind == LineKind::Service).then_some(ServiceId(l.item_id)),
            product: (l.kind == LineKind::Product).then_some(ProductId(l.item_id)),
            amount: l.amount,
        })
        .collect()
}

/// The bill, the vouchers applied to it and what is left, the spend that
/// counts for gifts.
fn priced(
    tx: &Tx<'_>,
    bill: &Bill,
    vouchers: &[String],
) -> Result<(Vec<AppliedVoucher>, Fen, Fen)> {
    let applied = rewards::apply_vouchers(tx, vouchers, bill.total, &payable(bill))?;
    let by_vouchers = Fen::total(applied.iter().map(|a| &a.amount), "vouchers")?;
    let due = bill.total.minus(by_vouchers, "vouchers")?;
    Ok((applied, by_vouchers, due))
}

fn birthday_of(
    tx: &Tx<'_>,
    customer: Option<CustomerId>,
) -> Result<Option<rewards::BirthdayOffer>> {
    match customer {
        Some(c) => rewards::birthday_offer(tx, c),
        None => Ok(None),
    }
}

/// Price the bill as checkout would, without writing anything: vouchers
/// applied, and the gifts the spend earns.
pub fn quote(db: &mut Db, session: &Session, req: QuoteRequest) -> Result<Quote> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = row(tx, req.visit_id)?;
        let mut lines = load_lines(tx, req.visit_id, Some(LineKind::Service))?;
        lines.extend(product_lines(tx, &req.products)?);
        discount_lines(tx, v.customer_id, &mut lines, &req.package_uses)?;
        let bill = price(lines)?;
        let (vouchers, _, due) = priced(tx, &bill, &req.vouchers)?;
        Ok(Quote {
            offers: rewards::offers(tx, due)?,
            birthday: birthday_of(tx, v.customer_id)?,
            bill,
            vouchers,
            due,
            spend: due,
        })
    })
}

/// See the customer off: bill, payment, stock, follow-up. All or nothing.
pub fn checkout(db: &mut Db, session: &Session, req: CheckoutRequest) -> Result<Visit> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        let products = product_lines(tx, &req.products)?;
        let mut lines = load_lines(tx, req.visit_id, Some(LineKind::Service))?;
        lines.extend(products.iter().cloned());
        discount_lines(tx, v.customer_id, &mut lines, &req.package_uses)?;
        let bill = price(lines)?;
        if bill.lines.is_empty() {
            return Err(Error::invalid("products", Invalid::Required));
        }
        if req.stored_value.is_positive() && v.customer_id.is_none() {
            return Err(Error::invalid("stored_value", Invalid::NotAvailable));
        }
        let (applied, by_vouchers, due) = priced(tx, &bill, &req.vouchers)?;
        let settled = settle(
            bill.total,
            by_vouchers,
            req.stored_value,
            &req.payments,
            req.tendered,
        )?;
        for l in &products {
            catalog::take_stock(
                tx,
                ProductId(l.item_id),
                l.qty,
                req.visit_id,
                session.staff_id,
            )?;
        }
        // The bill as priced (tier discounts, package sessions) replaces the lines.
        tx.execute(
            "DELETE FROM visit_lines WHERE visit_id = ?1",
            [req.visit_id],
        )?;
        insert_lines(tx, req.visit_id, &bill.lines)?;
        let balance_before = v
            .customer_id
            .map(|c| membership::balance(tx, c))
            .transpose()?;
        if let Some(customer) = v.customer_id {
            if req.stored_value.is_positive() {
                membership::spend_stored_value(
                    tx,
                    customer,
                    req.stored_value,
                    req.visit_id,
                    session.staff_id,
                )?;
            }
            for l in &bill.lines {
                if let Some(package) = l.package_id {
                    membership::use_package(
                        tx,
                        customer,
                        package,
                        ServiceId(l.item_id),
                        req.visit_id,
                        session.staff_id,
                    )?;
                }
            }
        }
        for p in &req.payments {
            tx.execute(
                "INSERT INTO visit_payments (visit_id, method, amount_fen) VALUES (?1, ?2, ?3)",
                params![req.visit_id, p.method, p.amount],
            )?;
        }
        rewards::redeem_vouchers(tx, req.visit_id, v.customer_id, &applied, session.staff_id)?;
        if let Some(gifts) = &req.gifts {
            rewards::issue_rewards(
                tx,
                req.visit_id,
                v.customer_id,
                due,
                gifts,
                session.staff_id,
            )?;
        }
        ensure_slip(tx, req.visit_id, &v)?;
        stage_times(tx, req.visit_id, v.stage, Stage::Done, session.staff_id)?;
        tx.execute(
            "UPDATE visits SET stage = 'done', status = 'checked_out', stage_since = ?2,
                subtotal_fen = ?3, discount_fen = ?4, total_fen = ?5, tendered_fen = ?6,
                change_fen = ?7, belongings_checked = ?8, closed_at = ?2, closed_by = ?9,
                consultant_id = COALESCE(consultant_id, ?9)
             WHERE id = ?1",
            params![
                req.visit_id,
                tx.now,
                bill.subtotal,
                bill.discount,
                bill.total,
                settled.tendered,
                settled.change,
                req.belongings_checked,
                session.staff_id
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
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::VisitCheckout,
            Some(req.visit_id.0),
            v.customer_id,
            Some(&serde_json::json!({ "status": v.status, "balance": balance_before })),
            Some(&serde_json::json!({
                "status": VisitStatus::CheckedOut, "total": bill.total,
                "payments": req.payments, "stored_value": req.stored_value,
                "change": settled.change,
                "balance": v.customer_id.map(|c| membership::balance(tx, c)).transpose()?,
                "vouchers": applied.iter().map(|a| (&a.serial, a.amount)).collect::<Vec<_>>(),
                "gifts": req.gifts
            })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// The after-service call (回访): due the configured number of days after the
/// service (the shortest delay among the visit's service categories),
/// assigned to the visit's consultant. None for product-only visits and
/// anonymous walk-ins (and, as followups decides, customers who asked not to
/// be contacted).
fn schedule_followup(tx: &Tx<'_>, id: VisitId, v: &VisitRow, session: &Session) -> Result<()> {
    let Some(customer) = v.customer_id else {
        return Ok(());
    };
    let mut days: Option<i64> = None;
    for l in load_lines(tx, id, Some(LineKind::Service))? {
        let d = flow::followup_days_for(tx, &l.category)?;
        days = Some(days.map_or(d, |x: i64| x.min(d)));
    }
    let Some(days) = days else { return Ok(()) };
    followups::schedule_aftercare(
        tx,
        id,
        customer,
        days,
        v.consultant_id.unwrap_or(session.staff_id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn pay(method: PayMethod, fen: i64) -> Payment {
        Payment {
            method,
            amount: Fen(fen),
        }
    }

    #[rstest]
    #[case::cash_with_change(29_800, 0, 0, vec![pay(PayMethod::Cash, 29_800)], 30_000, 30_000, 200)]
    #[case::exact_cash(29_800, 0, 0, vec![pay(PayMethod::Cash, 29_800)], 29_800, 29_800, 0)]
    #[case::card_only(29_800, 0, 0, vec![pay(PayMethod::Card, 29_800)], 0, 0, 0)]
    #[case::stored_value_and_card(29_800, 0, 10_000, vec![pay(PayMethod::Card, 19_800)], 0, 0, 0)]
    #[case::all_stored_value(29_800, 0, 29_800, vec![], 0, 0, 0)]
    #[case::voucher_and_cash(29_800, 5_000, 0, vec![pay(PayMethod::Cash, 24_800)], 25_000, 25_000, 200)]
    #[case::vouchers_pay_it_all(29_800, 29_800, 0, vec![], 0, 0, 0)]
    #[case::voucher_stored_value_and_card(29_800, 5_000, 10_000, vec![pay(PayMethod::Card, 14_800)], 0, 0, 0)]
    #[case::split_three_ways(50_000, 0, 10_000, vec![pay(PayMethod::Card, 20_000), pay(PayMethod::Mobile, 15_000), pay(PayMethod::Cash, 5_000)], 10_000, 10_000, 5_000)]
    fn a_payment_that_adds_up_is_settled(
        #[case] total: i64,
        #[case] vouchers: i64,
        #[case] stored: i64,
        #[case] payments: Vec<Payment>,
        #[case] tendered: i64,
        #[case] want_tendered: i64,
        #[case] want_change: i64,
    ) {
        let s = settle(
            Fen(total),
            Fen(vouchers),
            Fen(stored),
            &payments,
            Fen(tendered),
        )
        .unwrap();
        assert_eq!((s.tendered.0, s.change.0), (want_tendered, want_change));
    }

    #[rstest]
    #[case::short_by_a_fen(29_800, 0, 0, vec![pay(PayMethod::Card, 29_799)], 0, "payments")]
    #[case::over_by_a_fen(29_800, 0, 0, vec![pay(PayMethod::Card, 29_801)], 0, "payments")]
    #[case::method_twice(29_800, 0, 0, vec![pay(PayMethod::Card, 10_000), pay(PayMethod::Card, 19_800)], 0, "payments")]
    #[case::zero_amount(29_800, 0, 0, vec![pay(PayMethod::Card, 29_800), pay(PayMethod::Mobile, 0)], 0, "payments")]
    #[case::negative_amount(29_800, 0, 0, vec![pay(PayMethod::Card, 39_800), pay(PayMethod::Mobile, -10_000)], 0, "payments")]
    #[case::too_little_cash_handed(29_800, 0, 0, vec![pay(PayMethod::Cash, 29_800)], 20_000, "tendered")]
    #[case::negative_stored_value(29_800, 0, -100, vec![pay(PayMethod::Card, 29_900)], 0, "stored_value")]
    #[case::voucher_and_too_much_card(29_800, 5_000, 0, vec![pay(PayMethod::Card, 29_800)], 0, "payments")]
    #[case::overflowing(1, 0, 0, vec![pay(PayMethod::Card, i64::MAX), pay(PayMethod::Cash, 1)], i64::MAX, "payments")]
    fn a_payment_that_does_not_add_up_is_refused_by_field(
        #[case] total: i64,
        #[case] vouchers: i64,
        #[case] stored: i64,
        #[case] payments: Vec<Payment>,
        #[case] tendered: i64,
        #[case] field: &str,
    ) {
        match settle(
            Fen(total),
            Fen(vouchers),
            Fen(stored),
            &payments,
            Fen(tendered),
        ) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected a refusal of {field}, got {other:?}"),
        }
    }
}
