//! Vouchers (赠券) one by one: received as serial ranges, then each serial
//! moves in stock → issued → redeemed / expired / cancelled, or in stock →
//! destroyed, every change an append-only event. The table's trigger refuses
//! any other change of state, so a serial is redeemed at most once whatever
//! writes to the file; the code names the first redemption when a second is
//! tried. This module is the only writer of `vouchers`, `voucher_batches`
//! and `voucher_events`.
//!
//! - `batches`: ranges received from the warehouse (`voucher_batches` and
//!   the serials they bring into the drawer), and the ranges as the drawer,
//!   a handover and the reconciliation read them.
//! - `life`: every change of a serial's state with its event: issue,
//!   redemption, a void's reversal, expiry at the daily close, destruction.
//! - `lookup`: a serial's view and history, and whether it may pay now.
//!
//! This file holds what they share: the states and events, the voucher row,
//! the serial format, and `find`, which reads a serial as typed.

mod batches;
mod life;
mod lookup;
#[cfg(test)]
mod tests;

use rusqlite::OptionalExtension;

use crate::error::{Error, Invalid, Result};
use crate::ids::{CustomerId, VoucherTypeId};
use crate::storage::Tx;

use super::setup::VoucherType;

pub use batches::{
    MAX_BATCH, ReceiveVouchersRequest, VoucherBatch, receive_vouchers, voucher_batches,
};
pub(crate) use batches::{batch_label, batch_view, gaps};
pub use life::{DestroyVouchersRequest, destroy_vouchers};
pub(crate) use life::{expire_due, issue, redeem, reverse_visit};
pub(crate) use lookup::check_redeemable;
pub use lookup::{VoucherEventRow, VoucherRequest, VoucherView, voucher};

crate::text_enum! {
    /// Where a voucher is in its life.
    pub enum VoucherState {
        /// In the drawer, not given to anyone.
        InStock = "in_stock",
        /// Given to a customer, not used yet.
        Issued = "issued",
        Redeemed = "redeemed",
        Expired = "expired",
        /// Its visit was voided and the customer kept it: it can no longer be used.
        Cancelled = "cancelled",
        Destroyed = "destroyed",
    }
}

crate::text_enum! {
    /// What happened to a voucher.
    pub enum VoucherEvent {
        Receive = "receive",
        Issue = "issue",
        Redeem = "redeem",
        /// The redeeming visit was voided: the voucher is hers again.
        Unredeem = "unredeem",
        /// Back from the customer (the issuing visit was voided).
        Recover = "recover",
        Cancel = "cancel",
        Expire = "expire",
        ExpireUnissued = "expire_unissued",
        Destroy = "destroy",
    }
}

/// A voucher row.
#[derive(Debug, Clone)]
pub(crate) struct Voucher {
    pub serial: String,
    pub type_id: VoucherTypeId,
    pub state: VoucherState,
    pub customer: Option<CustomerId>,
    pub expires_on: Option<String>,
}

/// A serial as typed or scanned: full-width folded, upper case, spaces and
/// dashes dropped (A-000101, ａ０００１０１).
pub(crate) fn normalize(typed: &str) -> String {
    crate::text::fold(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The number of a serial of this type, or a format refusal naming `field`.
fn number_of(field: &'static str, t: &VoucherType, serial: &str) -> Result<i64> {
    let digits = serial
        .strip_prefix(t.serial_prefix.as_str())
        .filter(|d| d.len() == t.serial_digits as usize && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(Error::invalid(field, Invalid::Format))?;
    digits
        .parse()
        .map_err(|_| Error::invalid(field, Invalid::Format))
}

fn serial_of(t: &VoucherType, number: i64) -> String {
    format!(
        "{}{:0width$}",
        t.serial_prefix,
        number,
        width = t.serial_digits as usize
    )
}

/// The voucher a typed serial names, wherever the app asks for one; an
/// unknown serial (mistyped, never received) is refused naming `field`.
pub(crate) fn find(tx: &Tx<'_>, field: &'static str, typed: &str) -> Result<Voucher> {
    let serial = normalize(typed);
    if serial.is_empty() {
        return Err(Error::invalid(field, Invalid::Required));
    }
    tx.query_row(
        "SELECT serial, voucher_type_id, state, customer_id, expires_on FROM vouchers WHERE serial = ?1",
        [&serial],
        |r| {
            Ok(Voucher {
                serial: r.get(0)?,
                type_id: r.get(1)?,
                state: r.get(2)?,
                customer: r.get(3)?,
                expires_on: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::invalid(field, Invalid::UnknownSerial))
}
