//! The gift catalogue (managers): gift items, voucher types, promotions with
//! their spend tiers (档级) and what each tier earns, and the membership
//! tiers' birthday gifts. Deactivated, never deleted: the ledger points at
//! them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{
    GiftItemId, ProductId, PromotionId, PromotionTierId, ServiceId, TierId, VoucherTypeId,
};
use crate::money::{Fen, MAX_PRICE};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GiftItem {
    pub id: GiftItemId,
    pub name: String,
    /// 件, 盒, 瓶 ...
    pub unit: String,
    pub unit_cost: Fen,
    pub active: bool,
    /// The book: what the ledger says is on the shelf.
    pub stock: i64,
    /// The card beside it on the counter: which tiers earn it
    /// ("双十二 · 满 ¥500"), for the promotions running or to come.
    pub earned_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveGiftItem {
    /// 0 creates.
    pub id: GiftItemId,
    pub name: String,
    pub unit: String,
    pub unit_cost: Fen,
    pub active: bool,
}

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

/// What a spend tier earns: so many of a gift item, or of a voucher type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reward {
    pub item_id: Option<GiftItemId>,
    pub voucher_type_id: Option<VoucherTypeId>,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PromotionTier {
    /// 0 adds a tier.
    pub id: PromotionTierId,
    /// Spending at least this earns the rewards (inclusive).
    pub threshold: Fen,
    pub rewards: Vec<Reward>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Promotion {
    pub id: PromotionId,
    pub name: String,
    /// First and last day it runs (YYYY-MM-DD, inclusive).
    pub starts_on: String,
    pub ends_on: String,
    pub active: bool,
    /// Lowest threshold first.
    pub tiers: Vec<PromotionTier>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavePromotion {
    /// id 0 creates; tiers missing from the list are retired.
    pub promotion: Promotion,
}

/// A membership tier's birthday gift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BirthdayGift {
    pub membership_tier_id: TierId,
    pub item_id: GiftItemId,
    pub quantity: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveBirthdayGifts {
    /// The whole list: tiers left out have no birthday gift.
    pub gifts: Vec<BirthdayGift>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftCatalog {
    pub items: Vec<GiftItem>,
    pub voucher_types: Vec<VoucherType>,
    /// Newest first.
    pub promotions: Vec<Promotion>,
    pub birthday_gifts: Vec<BirthdayGift>,
}

// ---------------------------------------------------------------- reads

pub(crate) fn item(tx: &Tx<'_>, id: GiftItemId) -> Result<Option<GiftItem>> {
    Ok(load_items(tx, Some(id))?.into_iter().next())
}

fn load_items(tx: &Tx<'_>, only: Option<GiftItemId>) -> Result<Vec<GiftItem>> {
    let mut stmt = tx.prepare_cached(
        "SELECT i.id, i.name, i.unit, i.unit_cost_fen, i.active, coalesce(s.qty, 0)
         FROM gift_items i LEFT JOIN gift_stock s ON s.item_id = i.id
         WHERE ?1 IS NULL OR i.id = ?1
         ORDER BY i.active DESC, i.name",
    )?;
    let mut items = stmt
        .query_map([only], |r| {
            Ok(GiftItem {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                unit_cost: r.get(3)?,
                active: r.get(4)?,
                stock: r.get(5)?,
                earned_by: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
    let mut earned = tx.prepare_cached(
        "SELECT p.name, t.threshold_fen FROM tier_rewards w
         JOIN promotion_tiers t ON t.id = w.tier_id AND t.active = 1
         JOIN promotions p ON p.id = t.promotion_id AND p.active = 1 AND p.ends_on >= ?2
         WHERE w.item_id = ?1 ORDER BY p.starts_on, t.threshold_fen",
    )?;
    for item in &mut items {
        item.earned_by = earned
            .query_map(params![item.id, today], |r| {
                Ok(format!(
                    "{} · ≥ {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Fen>(1)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(items)
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

fn load_voucher_types(
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

/// Every promotion with its active tiers; or one.
pub(crate) fn load_promotions(tx: &Tx<'_>, only: Option<PromotionId>) -> Result<Vec<Promotion>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, name, starts_on, ends_on, active FROM promotions
         WHERE ?1 IS NULL OR id = ?1 ORDER BY starts_on DESC, id DESC",
    )?;
    let mut promotions = stmt
        .query_map([only], |r| {
            Ok(Promotion {
                id: r.get(0)?,
                name: r.get(1)?,
                starts_on: r.get(2)?,
                ends_on: r.get(3)?,
                active: r.get(4)?,
                tiers: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut tiers = tx.prepare_cached(
        "SELECT id, threshold_fen FROM promotion_tiers
         WHERE promotion_id = ?1 AND active = 1 ORDER BY threshold_fen",
    )?;
    for p in &mut promotions {
        p.tiers = tiers
            .query_map([p.id], |r| {
                Ok(PromotionTier {
                    id: r.get(0)?,
                    threshold: r.get(1)?,
                    rewards: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for t in &mut p.tiers {
            t.rewards = rewards_of(tx, t.id)?;
        }
    }
    Ok(promotions)
}

pub(crate) fn rewards_of(tx: &Tx<'_>, tier: PromotionTierId) -> Result<Vec<Reward>> {
    let mut stmt = tx.prepare_cached(
        "SELECT item_id, voucher_type_id, quantity FROM tier_rewards WHERE tier_id = ?1
         ORDER BY item_id IS NULL, item_id, voucher_type_id",
    )?;
    let rows = stmt
        .query_map([tier], |r| {
            Ok(Reward {
                item_id: r.get(0)?,
                voucher_type_id: r.get(1)?,
                quantity: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn birthday_gifts(tx: &Tx<'_>) -> Result<Vec<BirthdayGift>> {
    let mut stmt = tx.prepare_cached(
        "SELECT membership_tier_id, item_id, quantity FROM birthday_gifts ORDER BY membership_tier_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(BirthdayGift {
                membership_tier_id: r.get(0)?,
                item_id: r.get(1)?,
                quantity: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The whole gift catalogue, for every signed-in member (the counter cards,
/// the checkout's offers, the settings).
pub fn gift_catalog(db: &mut Db, session: &Session) -> Result<GiftCatalog> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        Ok(GiftCatalog {
            items: load_items(tx, None)?,
            voucher_types: load_voucher_types(tx, None, true)?,
            promotions: load_promotions(tx, None)?,
            birthday_gifts: birthday_gifts(tx)?,
        })
    })
}

// ---------------------------------------------------------------- writes

fn name_taken(tx: &Tx<'_>, table: &str, name: &str, id: i64) -> Result<bool> {
    Ok(tx.query_row(
        &format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE name = ?1 AND id <> ?2)"),
        params![name, id],
        |r| r.get(0),
    )?)
}

pub fn save_gift_item(db: &mut Db, session: &Session, req: SaveGiftItem) -> Result<GiftItem> {
    let name = validate::required_text("name", &req.name, 30)?;
    let unit = validate::required_text("unit", &req.unit, 4)?;
    let cost = Fen::price("unit_cost", req.unit_cost.0)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        if name_taken(tx, "gift_items", &name, req.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        let id = if req.id.0 == 0 {
            tx.execute(
                "INSERT INTO gift_items (name, unit, unit_cost_fen, active, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, unit, cost, req.active, tx.now, session.staff_id],
            )?;
            GiftItemId(tx.last_insert_rowid())
        } else {
            let n = tx.execute(
                "UPDATE gift_items SET name = ?2, unit = ?3, unit_cost_fen = ?4, active = ?5,
                    updated_at = ?6, updated_by = ?7 WHERE id = ?1",
                params![
                    req.id,
                    name,
                    unit,
                    cost,
                    req.active,
                    tx.now,
                    session.staff_id
                ],
            )?;
            if n == 0 {
                return Err(Error::NotFound(Entity::GiftItem));
            }
            req.id
        };
        let saved = item(tx, id)?.ok_or(Error::NotFound(Entity::GiftItem))?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::GiftItemSave,
            Some(id.0),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
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

/// At most this many tiers per promotion, and rewards per tier.
const MAX_TIERS: usize = 10;
const MAX_REWARDS: usize = 10;

pub fn save_promotion(db: &mut Db, session: &Session, req: SavePromotion) -> Result<Promotion> {
    let p = req.promotion;
    let name = validate::required_text("name", &p.name, 30)?;
    let starts = validate::calendar_date("starts_on", &p.starts_on)?;
    let ends = validate::calendar_date("ends_on", &p.ends_on)?;
    if ends < starts {
        return Err(Error::invalid("ends_on", Invalid::Date));
    }
    if p.tiers.is_empty() {
        return Err(Error::invalid("tiers", Invalid::Required));
    }
    if p.tiers.len() > MAX_TIERS {
        return Err(Error::invalid_limit(
            "tiers",
            Invalid::TooMany,
            MAX_TIERS as i64,
        ));
    }
    for (i, t) in p.tiers.iter().enumerate() {
        validate::in_range("tiers", t.threshold.0, 1, MAX_PRICE.0)?;
        if p.tiers[..i].iter().any(|u| u.threshold == t.threshold) {
            return Err(Error::invalid("tiers", Invalid::Repeated));
        }
        if t.rewards.is_empty() {
            return Err(Error::invalid("rewards", Invalid::Required));
        }
        if t.rewards.len() > MAX_REWARDS {
            return Err(Error::invalid_limit(
                "rewards",
                Invalid::TooMany,
                MAX_REWARDS as i64,
            ));
        }
        for (j, r) in t.rewards.iter().enumerate() {
            validate::in_range("rewards", r.quantity, 1, 99)?;
            if r.item_id.is_some() == r.voucher_type_id.is_some() {
                return Err(Error::invalid("rewards", Invalid::Required));
            }
            if t.rewards[..j]
                .iter()
                .any(|q| q.item_id == r.item_id && q.voucher_type_id == r.voucher_type_id)
            {
                return Err(Error::invalid("rewards", Invalid::Repeated));
            }
        }
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        if name_taken(tx, "promotions", &name, p.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        for r in p.tiers.iter().flat_map(|t| &t.rewards) {
            let known: bool = match (r.item_id, r.voucher_type_id) {
                (Some(i), _) => item(tx, i)?.is_some_and(|x| x.active),
                (_, Some(v)) => voucher_type_terms(tx, v)?.is_some_and(|x| x.active),
                _ => false,
            };
            if !known {
                return Err(Error::invalid("rewards", Invalid::NotAvailable));
            }
        }
        let (starts, ends) = (
            starts.format("%Y-%m-%d").to_string(),
            ends.format("%Y-%m-%d").to_string(),
        );
        let id = if p.id.0 == 0 {
            tx.execute(
                "INSERT INTO promotions (name, starts_on, ends_on, active, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, starts, ends, p.active, tx.now, session.staff_id],
            )?;
            PromotionId(tx.last_insert_rowid())
        } else {
            let n = tx.execute(
                "UPDATE promotions SET name = ?2, starts_on = ?3, ends_on = ?4, active = ?5,
                    updated_at = ?6, updated_by = ?7 WHERE id = ?1",
                params![p.id, name, starts, ends, p.active, tx.now, session.staff_id],
            )?;
            if n == 0 {
                return Err(Error::NotFound(Entity::Promotion));
            }
            p.id
        };
        // Tiers kept by id, new ones added, the rest retired (issues point at them).
        let mut kept: Vec<PromotionTierId> = Vec::new();
        for t in &p.tiers {
            let tier = if t.id.0 == 0 {
                PromotionTierId(0)
            } else {
                tx.query_row(
                    "SELECT id FROM promotion_tiers WHERE id = ?1 AND promotion_id = ?2 AND active = 1",
                    params![t.id, id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(Error::invalid("tiers", Invalid::NotAvailable))?
            };
            kept.push(tier);
        }
        let retired = tx.prepare(
            "SELECT id FROM promotion_tiers WHERE promotion_id = ?1 AND active = 1",
        )?
        .query_map([id], |r| r.get::<_, PromotionTierId>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
        for old in retired.into_iter().filter(|o| !kept.contains(o)) {
            tx.execute(
                "UPDATE promotion_tiers SET active = 0 WHERE id = ?1",
                [old],
            )?;
        }
        // Kept tiers may swap thresholds: move them out of the way first.
        for tier in kept.iter().filter(|t| t.0 != 0) {
            tx.execute(
                "UPDATE promotion_tiers SET threshold_fen = threshold_fen + 1000000000000 WHERE id = ?1",
                [tier],
            )?;
        }
        for (t, tier) in p.tiers.iter().zip(kept) {
            let tier = if tier.0 == 0 {
                tx.execute(
                    "INSERT INTO promotion_tiers (promotion_id, threshold_fen) VALUES (?1, ?2)",
                    params![id, t.threshold],
                )?;
                PromotionTierId(tx.last_insert_rowid())
            } else {
                tx.execute(
                    "UPDATE promotion_tiers SET threshold_fen = ?2 WHERE id = ?1",
                    params![tier, t.threshold],
                )?;
                tx.execute("DELETE FROM tier_rewards WHERE tier_id = ?1", [tier])?;
                tier
            };
            for r in &t.rewards {
                tx.execute(
                    "INSERT INTO tier_rewards (tier_id, item_id, voucher_type_id, quantity)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![tier, r.item_id, r.voucher_type_id, r.quantity],
                )?;
            }
        }
        let saved = load_promotions(tx, Some(id))?
            .into_iter()
            .next()
            .ok_or(Error::NotFound(Entity::Promotion))?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::PromotionSave,
            Some(id.0),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}

pub fn save_birthday_gifts(
    db: &mut Db,
    session: &Session,
    req: SaveBirthdayGifts,
) -> Result<Vec<BirthdayGift>> {
    for (i, g) in req.gifts.iter().enumerate() {
        validate::in_range("quantity", g.quantity, 1, 9)?;
        if req.gifts[..i]
            .iter()
            .any(|h| h.membership_tier_id == g.membership_tier_id)
        {
            return Err(Error::invalid("gifts", Invalid::Repeated));
        }
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        for g in &req.gifts {
            let tier: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM tiers WHERE id = ?1)",
                [g.membership_tier_id],
                |r| r.get(0),
            )?;
            if !tier {
                return Err(Error::invalid("membership_tier_id", Invalid::NotAvailable));
            }
            if !item(tx, g.item_id)?.is_some_and(|i| i.active) {
                return Err(Error::invalid("item_id", Invalid::NotAvailable));
            }
        }
        tx.execute("DELETE FROM birthday_gifts", [])?;
        for g in &req.gifts {
            tx.execute(
                "INSERT INTO birthday_gifts (membership_tier_id, item_id, quantity) VALUES (?1, ?2, ?3)",
                params![g.membership_tier_id, g.item_id, g.quantity],
            )?;
        }
        let saved = birthday_gifts(tx)?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::BirthdayGiftSave,
            None,
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}
