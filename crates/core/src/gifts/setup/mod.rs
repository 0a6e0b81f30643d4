//! The gift catalogue (managers): gift items, voucher types, promotions with
//! their spend tiers (档级) and what each tier earns, and the membership
//! tiers' birthday gifts. Deactivated, never deleted: the ledger points at
//! them.
//!
//! - `items`: gift items (`gift_items`), with their book and the tiers that
//!   earn them.
//! - `voucher_types`: voucher types (`voucher_types`, `voucher_type_scope`):
//!   value, validity, minimum spend, what they pay for, serial format.
//! - `promotions`: promotions, their spend tiers and each tier's rewards
//!   (`promotions`, `promotion_tiers`, `tier_rewards`).
//! - `birthday`: each membership tier's birthday gift (`birthday_gifts`).
//!
//! This file holds the whole catalogue as the screens read it, and the name
//! rule the saves share.

mod birthday;
mod items;
mod promotions;
mod voucher_types;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::staff::{self, Session};
use crate::storage::{Db, Tx};

pub(crate) use birthday::birthday_gifts;
pub use birthday::{BirthdayGift, SaveBirthdayGifts, save_birthday_gifts};
pub(crate) use items::item;
use items::load_items;
pub use items::{GiftItem, SaveGiftItem, save_gift_item};
use promotions::load_promotions;
pub(crate) use promotions::rewards_of;
pub use promotions::{Promotion, PromotionTier, Reward, SavePromotion, save_promotion};
use voucher_types::load_voucher_types;
pub use voucher_types::{SaveVoucherType, VoucherType, save_voucher_type};
pub(crate) use voucher_types::{voucher_type, voucher_type_terms};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftCatalog {
    pub items: Vec<GiftItem>,
    pub voucher_types: Vec<VoucherType>,
    /// Newest first.
    pub promotions: Vec<Promotion>,
    pub birthday_gifts: Vec<BirthdayGift>,
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

fn name_taken(tx: &Tx<'_>, table: &str, name: &str, id: i64) -> Result<bool> {
    Ok(tx.query_row(
        &format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE name = ?1 AND id <> ?2)"),
        params![name, id],
        |r| r.get(0),
    )?)
}
