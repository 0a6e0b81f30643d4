//! Gift items (`gift_items`): name, unit and unit cost, with the book (what
//! the ledger says is on the shelf) and the promotion tiers that earn each
//! one, for the card beside it on the counter.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Result};
use crate::ids::GiftItemId;
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::name_taken;

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

pub(crate) fn item(tx: &Tx<'_>, id: GiftItemId) -> Result<Option<GiftItem>> {
    Ok(load_items(tx, Some(id))?.into_iter().next())
}

pub(super) fn load_items(tx: &Tx<'_>, only: Option<GiftItemId>) -> Result<Vec<GiftItem>> {
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
