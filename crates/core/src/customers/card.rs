//! Reading a card: its stored fields (the columns every reader of a card
//! selects), the card as a role may see it (phones masked for those who may
//! not see them in full, the form of address, who made and last changed it),
//! and the stylists a preferred stylist is chosen from.

use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::Millis;
use crate::error::{Entity, Error, Result};
use crate::staff::{self, Permission, Role, Session, StaffId};
use crate::storage::{Db, Tx};

use super::{CustomerFields, CustomerId, StaffRef, may_see_phone, names, phone};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerCard {
    pub id: CustomerId,
    /// The card's fields. Phones are masked (138****5678) for roles that may
    /// not see them in full.
    pub card: CustomerFields,
    pub phone_masked: bool,
    /// How the desk addresses her: 李姐 / 李女士 (see the shop's greeting style).
    pub address_as: String,
    pub preferred_stylist: Option<StaffRef>,
    pub vip: bool,
    pub account_manager: Option<StaffRef>,
    /// Erased on request: every personal field is empty.
    pub erased: bool,
    pub created_at: Millis,
    pub created_by: String,
    pub updated_at: Millis,
    pub updated_by: String,
}

pub(crate) const CARD_COLUMNS: &str =
    "name, salutation, gender, phone, birthday, card_no, source, referrer,
    class, tags, first_visit, notes, skin_type, blood_type, allergies, contraindications,
    treatments_elsewhere, products_in_use, care_times, workplace, home_phone, address, hobbies,
    eating_habits, preferred_stylist_id, drink, contact_channel, do_not_contact";

pub(crate) fn fields_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CustomerFields> {
    let tags: String = r.get("tags")?;
    Ok(CustomerFields {
        name: r.get("name")?,
        salutation: r.get("salutation")?,
        gender: r.get("gender")?,
        phone: r.get::<_, Option<String>>("phone")?.unwrap_or_default(),
        birthday: r.get("birthday")?,
        card_no: r.get::<_, Option<String>>("card_no")?.unwrap_or_default(),
        source: r.get("source")?,
        referrer: r.get("referrer")?,
        class: crate::codes::optional(r, "class")?,
        tags: serde_json::from_str(&tags).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?,
        first_visit: r.get("first_visit")?,
        notes: r.get("notes")?,
        skin_type: r.get("skin_type")?,
        blood_type: crate::codes::optional(r, "blood_type")?,
        allergies: r.get("allergies")?,
        contraindications: r.get("contraindications")?,
        treatments_elsewhere: r.get("treatments_elsewhere")?,
        products_in_use: r.get("products_in_use")?,
        care_times: r.get("care_times")?,
        workplace: r.get("workplace")?,
        home_phone: r.get("home_phone")?,
        address: r.get("address")?,
        hobbies: r.get("hobbies")?,
        eating_habits: r.get("eating_habits")?,
        preferred_stylist_id: r.get("preferred_stylist_id")?,
        drink: crate::codes::optional(r, "drink")?,
        contact_channel: r.get("contact_channel")?,
        do_not_contact: r.get("do_not_contact")?,
    })
}

/// The stored fields of a customer, unmasked (for the core's own use).
pub(crate) fn load_fields(tx: &Tx<'_>, id: CustomerId) -> Result<(CustomerFields, bool)> {
    tx.query_row(
        &format!("SELECT {CARD_COLUMNS}, erased_at FROM customers WHERE id = ?1"),
        [id.0],
        |r| {
            Ok((
                fields_from_row(r)?,
                r.get::<_, Option<i64>>("erased_at")?.is_some(),
            ))
        },
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::Customer))
}

pub(crate) fn load_card(tx: &Tx<'_>, role: Role, id: CustomerId) -> Result<CustomerCard> {
    let (mut card, erased) = load_fields(tx, id)?;
    let meta = tx.query_row(
        "SELECT c.vip, c.account_manager_id, c.created_at, cb.staff_no || ' ' || cb.name,
                c.updated_at, ub.staff_no || ' ' || ub.name
         FROM customers c
         JOIN staff cb ON cb.id = c.created_by
         JOIN staff ub ON ub.id = c.updated_by
         WHERE c.id = ?1",
        [id.0],
        |r| {
            Ok((
                r.get::<_, bool>(0)?,
                r.get::<_, Option<StaffId>>(1)?,
                r.get::<_, Millis>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Millis>(4)?,
                r.get::<_, String>(5)?,
            ))
        },
    )?;
    let address_as = if erased {
        String::new()
    } else {
        names::form_of_address(
            &card.name,
            card.gender,
            crate::shop::greeting_style(tx)?,
            &card.salutation,
        )
    };
    let masked = !may_see_phone(role);
    if masked {
        if !card.phone.is_empty() {
            card.phone = phone::mask(&card.phone);
        }
        if !card.home_phone.is_empty() {
            card.home_phone = phone::mask(&card.home_phone);
        }
    }
    Ok(CustomerCard {
        id,
        preferred_stylist: crate::staff::staff_ref(tx, card.preferred_stylist_id)?,
        card,
        phone_masked: masked,
        address_as,
        vip: meta.0,
        account_manager: crate::staff::staff_ref(tx, meta.1)?,
        erased,
        created_at: meta.2,
        created_by: meta.3,
        updated_at: meta.4,
        updated_by: meta.5,
    })
}

pub fn get_customer(db: &mut Db, session: &Session, id: CustomerId) -> Result<CustomerCard> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        load_card(tx, role, id)
    })
}

/// Active stylists, for choosing a customer's preferred stylist.
pub fn list_stylists(db: &mut Db, session: &Session) -> Result<Vec<StaffRef>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let mut stmt = tx.prepare(
            "SELECT id, staff_no, name FROM staff WHERE role = 'stylist' AND active = 1 ORDER BY staff_no",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StaffRef {
                    id: StaffId(r.get(0)?),
                    staff_no: r.get(1)?,
                    name: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })
}
