//! Voucher types (`voucher_types`, `voucher_type_scope`): face value,
//! validity, minimum spend, the services and products they may pay for, and
//! the serial format. Value and serials are fixed once vouchers of the type
//! have been received.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{ProductId, ServiceId, VoucherTypeId};
use crate::money::{Fen, MAX_PRICE};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::name_taken;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VoucherType {
    pub id: VoucherTypeId,
    pub name: String,
    pub face_value: Fen,
    /// Valid between two dates (YYYY-MM-DD; `valid_from` optional) ...
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// ... or for this many days from issue.
    pub valid_days: Option<i64>,
    /// The bill must reach this before the voucher pays (0: no minimum).
    pub min_spend: Fen,
    /// Pays only for these services and products (empty: for anything).
    pub services: Vec<ServiceId>,
    pub products: Vec<ProductId>,
    /// Serials read prefix + number: `A` and 6 digits read A000101.
    pub serial_prefix: String,
    pub serial_digits: i64,
    pub active: bool,
    /// Vouchers of this type in stock now.
    pub in_stock: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveVoucherType {
    /// 0 creates.
    pub id: VoucherTypeId,
    pub name: String,
    pub face_value: Fen,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub valid_days: Option<i64>,
    pub min_spend: Fen,
    pub services: Vec<ServiceId>,
    pub products: Vec<ProductId>,
    pub serial_prefix: String,
    pub serial_digits: i64,
    pub active: bool,
}

pub(crate) fn voucher_type(tx: &Tx<'_>, id: VoucherTypeId) -> Result<Option<VoucherType>> {
    Ok(load_voucher_types(tx, Some(id), true)?.into_iter().next())
}

/// A voucher type's terms (face value, validity, minimum spend, scope,
/// serial format) without counting its drawer: `in_stock` is 0. For the
/// checkout's and the lookup's hot paths, where counting tens of thousands
/// of serials each time a voucher is read costs more than the rest.
pub(crate) fn voucher_type_terms(tx: &Tx<'_>, id: VoucherTypeId) -> Result<Option<VoucherType>> {
    Ok(load_voucher_types(tx, Some(id), false)?.into_iter().next())
}

pub(super) fn load_voucher_types(
    tx: &Tx<'_>,
    only: Option<VoucherTypeId>,
    count_stock: bool,
) -> Result<Vec<VoucherType>> {
    // CASE evaluates the count only when it is asked for.
    let mut stmt = tx.prepare_cached(
        "SELECT t.id, t.name, t.face_value_fen, t.valid_from, t.valid_to, t.valid_days,
                t.min_spend_fen, t.serial_prefix, t.serial_digits, t.active,
                CASE WHEN ?2 THEN (SELECT count(*) FROM vouchers v
                                   WHERE v.voucher_type_id = t.id AND v.state = 'in_stock')
                     ELSE 0 END
         FROM voucher_types t WHERE ?1 IS NULL OR t.id = ?1
         ORDER BY t.active DESC, t.name",
    )?;
    let mut types = stmt
        .query_map(rusqlite::params![only, count_stock], |r| {
            Ok(VoucherType {
                id: r.get(0)?,
                name: r.get(1)?,
                face_value: r.get(2)?,
                valid_from: r.get(3)?,
                valid_to: r.get(4)?,
                valid_days: r.get(5)?,
                min_spend: r.get(6)?,
                services: Vec::new(),
                products: Vec::new(),
                serial_prefix: r.get(7)?,
                serial_digits: r.get(8)?,
                active: r.get(9)?,
                in_stock: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut scope = tx.prepare_cached(
        "SELECT service_id, product_id FROM voucher_type_scope WHERE voucher_type_id = ?1
         ORDER BY service_id, product_id",
    )?;
    for t in &mut types {
        let rows = scope
            .query_map([t.id], |r| {
                Ok((
                    r.get::<_, Option<ServiceId>>(0)?,
                    r.get::<_, Option<ProductId>>(1)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        t.services = rows.iter().filter_map(|(s, _)| *s).collect();
        t.products = rows.iter().filter_map(|(_, p)| *p).collect();
    }
    Ok(types)
}

/// A serial prefix: 1–4 capital letters (full-width and lower case folded).
fn prefix(value: &str) -> Result<String> {
    let p = crate::text::fold(value).trim().to_uppercase();
    if p.is_empty() {
        return Err(Error::invalid("serial_prefix", Invalid::Required));
    }
    if p.chars().count() > 4 || !p.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::invalid("serial_prefix", Invalid::Format));
    }
    Ok(p)
}

pub fn save_voucher_type(
    db: &mut Db,
    session: &Session,
    req: SaveVoucherType,
) -> Result<VoucherType> {
    let name = validate::required_text("name", &req.name, 30)?;
    let face = validate::in_range("face_value", req.face_value.0, 1, MAX_PRICE.0)?;
    let min_spend = validate::in_range("min_spend", req.min_spend.0, 0, MAX_PRICE.0)?;
    let text_date = |field, v: &Option<String>| -> Result<Option<String>> {
        v.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| validate::calendar_date(field, s).map(|d| d.format("%Y-%m-%d").to_string()))
            .transpose()
    };
    let from = text_date("valid_from", &req.valid_from)?;
    let to = text_date("valid_to", &req.valid_to)?;
    let days = req
        .valid_days
        .map(|d| validate::in_range("valid_days", d, 1, 3650))
        .transpose()?;
    match (&to, days) {
        (None, None) => return Err(Error::invalid("valid_to", Invalid::Required)),
        (Some(_), Some(_)) => return Err(Error::invalid("valid_days", Invalid::NotAvailable)),
        _ => {}
    }
    if from.is_some() && to.is_none() {
        return Err(Error::invalid("valid_to", Invalid::Required));
    }
    if let (Some(f), Some(t)) = (&from, &to)
        && f > t
    {
        return Err(Error::invalid("valid_to", Invalid::Date));
    }
    let serial_prefix = prefix(&req.serial_prefix)?;
    let digits = validate::in_range("serial_digits", req.serial_digits, 3, 10)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        if name_taken(tx, "voucher_types", &name, req.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        for s in &req.services {
            if crate::catalog::service(tx, *s)?.is_none() {
                return Err(Error::invalid("services", Invalid::NotAvailable));
            }
        }
        for p in &req.products {
            if crate::catalog::product(tx, *p)?.is_none() {
                return Err(Error::invalid("products", Invalid::NotAvailable));
            }
        }
        let id = if req.id.0 == 0 {
            tx.execute(
                "INSERT INTO voucher_types (name, face_value_fen, valid_from, valid_to, valid_days,
                    min_spend_fen, restricted, serial_prefix, serial_digits, active, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    name,
                    face,
                    from,
                    to,
                    days,
                    min_spend,
                    !(req.services.is_empty() && req.products.is_empty()),
                    serial_prefix,
                    digits,
                    req.active,
                    tx.now,
                    session.staff_id
                ],
            )?;
            VoucherTypeId(tx.last_insert_rowid())
        } else {
            let before = voucher_type(tx, req.id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
            // Vouchers already received keep their value and serials.
            let received: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM voucher_batches WHERE voucher_type_id = ?1)",
                [req.id],
                |r| r.get(0),
            )?;
            if received {
                if before.face_value.0 != face {
                    return Err(Error::invalid("face_value", Invalid::NotAvailable));
                }
                if before.serial_prefix != serial_prefix || before.serial_digits != digits {
                    return Err(Error::invalid("serial_prefix", Invalid::NotAvailable));
                }
            }
            tx.execute(
                "UPDATE voucher_types SET name = ?2, face_value_fen = ?3, valid_from = ?4,
                    valid_to = ?5, valid_days = ?6, min_spend_fen = ?7, restricted = ?8,
                    serial_prefix = ?9, serial_digits = ?10, active = ?11, updated_at = ?12,
                    updated_by = ?13 WHERE id = ?1",
                params![
                    req.id,
                    name,
                    face,
                    from,
                    to,
                    days,
                    min_spend,
                    !(req.services.is_empty() && req.products.is_empty()),
                    serial_prefix,
                    digits,
                    req.active,
                    tx.now,
                    session.staff_id
                ],
            )?;
            tx.execute(
                "DELETE FROM voucher_type_scope WHERE voucher_type_id = ?1",
                [req.id],
            )?;
            req.id
        };
        // Two types with one serial format would share serials.
        let clash: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM voucher_types WHERE serial_prefix = ?1
                 AND serial_digits = ?2 AND id <> ?3)",
            params![serial_prefix, digits, id],
            |r| r.get(0),
        )?;
        if clash {
            return Err(Error::Duplicate {
                field: "serial_prefix",
            });
        }
        for s in &req.services {
            tx.execute(
                "INSERT OR IGNORE INTO voucher_type_scope (voucher_type_id, service_id) VALUES (?1, ?2)",
                params![id, s],
            )?;
        }
        for p in &req.products {
            tx.execute(
                "INSERT OR IGNORE INTO voucher_type_scope (voucher_type_id, product_id) VALUES (?1, ?2)",
                params![id, p],
            )?;
        }
        let saved = voucher_type(tx, id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::VoucherTypeSave,
            Some(id.0),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}
