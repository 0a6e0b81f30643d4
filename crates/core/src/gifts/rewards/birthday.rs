//! The birthday gift: her membership tier's gift in her birthday month,
//! offered at checkout and on her card, given from stock once a year.

use chrono::Datelike;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::gifts::setup;
use crate::gifts::stock::{self, Move, MoveKind};
use crate::ids::{CustomerId, GiftItemId, VisitId};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

use super::received::{CustomerGifts, gifts_of};

/// Her tier's birthday gift, when this is her birthday month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BirthdayOffer {
    pub item_id: GiftItemId,
    pub name: String,
    pub quantity: i64,
    pub in_stock: i64,
    /// Already given this year.
    pub given: bool,
}

/// Her tier's birthday gift, when this is her birthday month.
pub(crate) fn birthday_offer(tx: &Tx<'_>, customer: CustomerId) -> Result<Option<BirthdayOffer>> {
    let birthday: Option<String> = tx
        .query_row(
            "SELECT birthday FROM customers WHERE id = ?1 AND erased_at IS NULL",
            [customer],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(month) = birthday
        .as_deref()
        .and_then(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
        .map(|d| d.month())
    else {
        return Ok(None);
    };
    let today = crate::shop::today(tx)?;
    if month != today.month() {
        return Ok(None);
    }
    let Some(tier) = crate::membership::tiers::current_tier(tx, customer)? else {
        return Ok(None);
    };
    let Some(gift) = setup::birthday_gifts(tx)?
        .into_iter()
        .find(|g| g.membership_tier_id == tier.id)
    else {
        return Ok(None);
    };
    let item = setup::item(tx, gift.item_id)?.ok_or(Error::NotFound(Entity::GiftItem))?;
    let given: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM gift_moves WHERE customer_id = ?1 AND birthday_year = ?2
             AND kind = 'issue')",
        params![customer, today.year()],
        |r| r.get(0),
    )?;
    Ok(Some(BirthdayOffer {
        item_id: item.id,
        name: item.name,
        quantity: gift.quantity,
        in_stock: item.stock,
        given,
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BirthdayGiftRequest {
    pub customer_id: CustomerId,
    /// The visit she is on, if any.
    pub visit_id: Option<VisitId>,
}

/// Give her tier's birthday gift from stock: in her birthday month, once a
/// year (the database refuses a second one too).
pub fn issue_birthday_gift(
    db: &mut Db,
    session: &Session,
    req: BirthdayGiftRequest,
) -> Result<CustomerGifts> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        crate::customers::check_active(tx, req.customer_id)?;
        let offer = birthday_offer(tx, req.customer_id)?
            .ok_or(Error::invalid("customer_id", Invalid::NotAvailable))?;
        if offer.given {
            return Err(Error::Duplicate {
                field: "customer_id",
            });
        }
        if let Some(v) = req.visit_id {
            check_her_visit(tx, v, req.customer_id)?;
        }
        let mut m = Move::new(offer.item_id, MoveKind::Issue, -offer.quantity);
        m.customer = Some(req.customer_id);
        m.visit = req.visit_id;
        m.birthday_year = Some(crate::shop::today(tx)?.year());
        let book_before = stock::book(tx, offer.item_id)?;
        stock::post(tx, "customer_id", m, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::GiftBirthday,
            Some(req.customer_id.0),
            Some(req.customer_id),
            Some(&serde_json::json!({ "book": book_before })),
            Some(&serde_json::json!({
                "item": offer.item_id, "quantity": offer.quantity,
                "book": stock::book(tx, offer.item_id)?
            })),
        )?;
        gifts_of(tx, req.customer_id)
    })
}

/// The visit a birthday gift is given on must be one of hers (a visit that
/// does not exist, or another customer's, is refused as not available).
fn check_her_visit(tx: &Tx<'_>, visit: VisitId, customer: CustomerId) -> Result<()> {
    let owner: Option<Option<CustomerId>> = tx
        .query_row(
            "SELECT customer_id FROM visits WHERE id = ?1",
            [visit],
            |r| r.get(0),
        )
        .optional()?;
    match owner {
        Some(Some(o)) if o == customer => Ok(()),
        _ => Err(Error::invalid("visit_id", Invalid::NotAvailable)),
    }
}
