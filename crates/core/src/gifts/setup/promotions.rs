//! Promotions (`promotions`): the days they run, their spend tiers (档级,
//! `promotion_tiers`) and what each tier earns (`tier_rewards`). Tiers left
//! out of a save are retired, never deleted: issues point at them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{GiftItemId, PromotionId, PromotionTierId, VoucherTypeId};
use crate::money::{Fen, MAX_PRICE};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::{item, name_taken, voucher_type_terms};

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
