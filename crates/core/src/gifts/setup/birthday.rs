//! Birthday gifts (`birthday_gifts`): the gift item and quantity each
//! membership tier gives in a customer's birthday month.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Error, Invalid, Result};
use crate::ids::{GiftItemId, TierId};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::item;

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
