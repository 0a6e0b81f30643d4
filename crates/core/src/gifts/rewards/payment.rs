//! Vouchers taken as payment at checkout.
//!
//! The voucher payment rule: a voucher pays at most what is still due on the
//! lines it may pay for (all of them, or its services and products when it
//! is restricted), once the bill reaches its minimum spend. A face value
//! above that is not given back as change or stored value: the rest of the
//! voucher is forfeited, and the desk says so before taking it. A voucher
//! that would pay nothing is refused rather than spent.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Entity, Error, Invalid, Result};
use crate::gifts::{setup, vouchers};
use crate::ids::{CustomerId, ProductId, ServiceId, StaffId, VisitId};
use crate::money::Fen;
use crate::storage::Tx;

/// A voucher as it would pay this bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppliedVoucher {
    pub serial: String,
    pub type_name: String,
    pub face_value: Fen,
    /// What it pays of this bill.
    pub amount: Fen,
    /// Face value it leaves unused (not given back).
    pub forfeited: Fen,
}

/// A bill line as a voucher sees it: what it is and what is due on it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Payable {
    pub service: Option<ServiceId>,
    pub product: Option<ProductId>,
    pub amount: Fen,
}

/// The vouchers offered as payment, as they would pay this bill (nothing
/// written): each known, issued, within its dates, the bill at its minimum
/// spend, paying what is still due on the lines it may pay for.
pub(crate) fn apply_vouchers(
    tx: &Tx<'_>,
    serials: &[String],
    total: Fen,
    lines: &[Payable],
) -> Result<Vec<AppliedVoucher>> {
    if serials.len() > 20 {
        return Err(Error::invalid_limit("vouchers", Invalid::TooMany, 20));
    }
    let mut due: Vec<Fen> = lines.iter().map(|l| l.amount).collect();
    let mut out: Vec<AppliedVoucher> = Vec::new();
    for typed in serials {
        let v = vouchers::find(tx, "vouchers", typed)?;
        if out.iter().any(|a| a.serial == v.serial) {
            return Err(Error::invalid("vouchers", Invalid::Repeated));
        }
        vouchers::check_redeemable(tx, "vouchers", &v)?;
        let t = setup::voucher_type_terms(tx, v.type_id)?
            .ok_or(Error::NotFound(Entity::VoucherType))?;
        if total < t.min_spend {
            return Err(Error::invalid_limit(
                "vouchers",
                Invalid::BelowMinimum,
                t.min_spend.0,
            ));
        }
        let restricted = !(t.services.is_empty() && t.products.is_empty());
        let mut left = t.face_value;
        let mut paid = Fen::ZERO;
        for (l, d) in lines.iter().zip(due.iter_mut()) {
            let may = !restricted
                || l.service.is_some_and(|s| t.services.contains(&s))
                || l.product.is_some_and(|p| t.products.contains(&p));
            if !may || !d.is_positive() || !left.is_positive() {
                continue;
            }
            let take = (*d).min(left);
            *d = d.minus(take, "vouchers")?;
            left = left.minus(take, "vouchers")?;
            paid = paid.plus(take, "vouchers")?;
        }
        if !paid.is_positive() {
            return Err(Error::invalid("vouchers", Invalid::NotAvailable));
        }
        out.push(AppliedVoucher {
            serial: v.serial,
            type_name: t.name,
            face_value: t.face_value,
            amount: paid,
            forfeited: left,
        });
    }
    Ok(out)
}

/// Redeem the applied vouchers on the visit.
pub(crate) fn redeem_vouchers(
    tx: &Tx<'_>,
    visit: VisitId,
    customer: Option<CustomerId>,
    applied: &[AppliedVoucher],
    by: StaffId,
) -> Result<()> {
    for a in applied {
        let v = vouchers::find(tx, "vouchers", &a.serial)?;
        vouchers::redeem(tx, "vouchers", &v, visit, customer, a.amount, by)?;
    }
    Ok(())
}
