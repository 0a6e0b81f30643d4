//! Vouchers received from the warehouse: a range of serials on an out-slip
//! (`voucher_batches`), the serials missing on arrival recorded as gaps, each
//! serial entering the drawer with its `receive` event; and the ranges as the
//! drawer's list, a handover and the reconciliation read them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::gifts::setup;
use crate::gifts::stock::slip;
use crate::ids::{VoucherBatchId, VoucherTypeId};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

use super::{normalize, number_of, serial_of};

/// At most this many serials in one received range.
pub const MAX_BATCH: i64 = 10_000;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiveVouchersRequest {
    pub voucher_type_id: VoucherTypeId,
    /// The range on the out-slip, both ends included (A000101 – A000300).
    pub first_serial: String,
    pub last_serial: String,
    /// The warehouse out-slip (出库单号).
    pub slip_no: String,
    /// Serials of the range that did not arrive (counted on arrival).
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherBatch {
    pub id: VoucherBatchId,
    pub voucher_type_id: VoucherTypeId,
    pub first_serial: String,
    pub last_serial: String,
    pub received: i64,
    pub missing: Vec<String>,
    pub slip_no: String,
    /// Still in stock.
    pub in_stock: i64,
}

/// Take in a range of serials from the warehouse. A range overlapping one
/// received before, or serials not of the type's format, are refused.
pub fn receive_vouchers(
    db: &mut Db,
    session: &Session,
    req: ReceiveVouchersRequest,
) -> Result<VoucherBatch> {
    let slip_no = slip("slip_no", &req.slip_no)?;
    let first_typed = normalize(&req.first_serial);
    let last_typed = normalize(&req.last_serial);
    if first_typed.is_empty() {
        return Err(Error::invalid("first_serial", Invalid::Required));
    }
    if last_typed.is_empty() {
        return Err(Error::invalid("last_serial", Invalid::Required));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let t = setup::voucher_type(tx, req.voucher_type_id)?
            .filter(|t| t.active)
            .ok_or(Error::invalid("voucher_type_id", Invalid::NotAvailable))?;
        let first = number_of("first_serial", &t, &first_typed)?;
        let last = number_of("last_serial", &t, &last_typed)?;
        if last < first {
            return Err(Error::invalid("last_serial", Invalid::OutOfRange));
        }
        if last - first + 1 > MAX_BATCH {
            return Err(Error::invalid_limit(
                "last_serial",
                Invalid::TooMany,
                MAX_BATCH,
            ));
        }
        let mut missing: Vec<i64> = Vec::new();
        for m in &req.missing {
            let n = number_of("missing", &t, &normalize(m))?;
            if n < first || n > last {
                return Err(Error::invalid("missing", Invalid::OutOfRange));
            }
            if missing.contains(&n) {
                return Err(Error::invalid("missing", Invalid::Repeated));
            }
            missing.push(n);
        }
        let received = last - first + 1 - missing.len() as i64;
        if received < 1 {
            return Err(Error::invalid("missing", Invalid::TooMany));
        }
        let overlaps: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM voucher_batches WHERE voucher_type_id = ?1
                 AND last_no >= ?2 AND first_no <= ?3)",
            params![t.id, first, last],
            |r| r.get(0),
        )?;
        if overlaps {
            return Err(Error::invalid("first_serial", Invalid::Overlaps));
        }
        tx.execute(
            "INSERT INTO voucher_batches (voucher_type_id, first_no, last_no, received, slip_no, at, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![t.id, first, last, received, slip_no, tx.now, session.staff_id],
        )?;
        let batch = VoucherBatchId(tx.last_insert_rowid());
        let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
        {
            let mut row = tx.prepare_cached(
                "INSERT INTO vouchers (serial, voucher_type_id, batch_id, number, state, state_since)
                 VALUES (?1, ?2, ?3, ?4, 'in_stock', ?5)",
            )?;
            let mut ev = tx.prepare_cached(
                "INSERT INTO voucher_events (serial, voucher_type_id, kind, at, business_date, staff_id)
                 VALUES (?1, ?2, 'receive', ?3, ?4, ?5)",
            )?;
            for n in (first..=last).filter(|n| !missing.contains(n)) {
                let serial = serial_of(&t, n);
                row.execute(params![serial, t.id, batch, n, tx.now])?;
                ev.execute(params![serial, t.id, tx.now, today, session.staff_id])?;
            }
        }
        let view = batch_view(tx, batch)?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::VoucherReceive,
            Some(batch.0),
            audit::NONE,
            Some(&view),
        )?;
        Ok(view)
    })
}

/// A received range as a handover names it (`50元代金券 A000101–A000200`),
/// from the batch and its type alone: no serial is read.
pub(crate) fn batch_label(tx: &Tx<'_>, id: VoucherBatchId) -> Result<String> {
    let (type_id, first, last): (VoucherTypeId, i64, i64) = tx
        .query_row(
            "SELECT voucher_type_id, first_no, last_no FROM voucher_batches WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Voucher))?;
    let t = setup::voucher_type_terms(tx, type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    Ok(format!(
        "{} {}–{}",
        t.name,
        serial_of(&t, first),
        serial_of(&t, last)
    ))
}

pub(crate) fn batch_view(tx: &Tx<'_>, id: VoucherBatchId) -> Result<VoucherBatch> {
    let (type_id, first, last, received, slip_no): (VoucherTypeId, i64, i64, i64, String) = tx
        .query_row(
            "SELECT voucher_type_id, first_no, last_no, received, slip_no FROM voucher_batches WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Voucher))?;
    let t = setup::voucher_type_terms(tx, type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    let present: Vec<i64> = tx
        .prepare_cached("SELECT number FROM vouchers WHERE batch_id = ?1 ORDER BY number")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let missing = if received < last - first + 1 {
        gaps(first, last, &present)
            .into_iter()
            .flat_map(|(a, b)| (a..=b).map(|n| serial_of(&t, n)))
            .collect()
    } else {
        Vec::new()
    };
    let in_stock = tx.query_row(
        "SELECT count(*) FROM vouchers WHERE batch_id = ?1 AND state = 'in_stock'",
        [id],
        |r| r.get(0),
    )?;
    Ok(VoucherBatch {
        id,
        voucher_type_id: type_id,
        first_serial: serial_of(&t, first),
        last_serial: serial_of(&t, last),
        received,
        missing,
        slip_no,
        in_stock,
    })
}

/// The runs of numbers of `first..=last` not in `present` (sorted).
pub(crate) fn gaps(first: i64, last: i64, present: &[i64]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut next = first;
    for &n in present {
        if n > next {
            out.push((next, n - 1));
        }
        next = next.max(n + 1);
    }
    if next <= last {
        out.push((next, last));
    }
    out
}

/// Every received range, newest first, with what is left in stock.
pub fn voucher_batches(db: &mut Db, session: &Session) -> Result<Vec<VoucherBatch>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let ids: Vec<VoucherBatchId> = tx
            .prepare("SELECT id FROM voucher_batches ORDER BY id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| batch_view(tx, id)).collect()
    })
}
