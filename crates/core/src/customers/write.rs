//! Writing cards: creating one (refusing a taken phone or card number, and a
//! likely duplicate unless confirmed), many at once, editing one, adding a
//! dated note, and erasing one on request. Every write keeps the search
//! index in step and is audited by the fields it changed, never their values.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session, StaffId};
use crate::storage::{Db, Tx};
use crate::validate;

use super::card::{CustomerCard, load_card, load_fields};
use super::{
    BloodType, ContactChannel, CustomerClass, CustomerFields, CustomerId, Drink, Gender, Source,
    may_see_phone, names, search,
};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreateCustomerRequest {
    pub card: CustomerFields,
    /// Create even though a customer with the same name and birthday exists.
    pub confirm_duplicate: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateCustomerRequest {
    pub id: CustomerId,
    pub card: CustomerFields,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddNoteRequest {
    pub id: CustomerId,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EraseCustomerRequest {
    pub id: CustomerId,
    /// The customer's name typed again, so a card is never erased by a slip.
    pub confirm_name: String,
}

/// A preferred stylist must be someone who performs services.
fn check_stylist(tx: &Tx<'_>, id: Option<StaffId>) -> Result<()> {
    match id {
        Some(id) => crate::catalog::check_performer(tx, "preferred_stylist_id", id, &[]),
        None => Ok(()),
    }
}

fn check_unique(tx: &Tx<'_>, f: &CustomerFields, except: Option<CustomerId>) -> Result<()> {
    let except = except.map_or(0, |c| c.0);
    let phone_taken: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM customers WHERE phone = ?1 AND id <> ?2)",
        params![f.phone, except],
        |r| r.get(0),
    )?;
    if phone_taken {
        return Err(Error::Duplicate { field: "phone" });
    }
    if !f.card_no.is_empty() {
        let card_taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM customers WHERE card_no = ?1 AND id <> ?2)",
            params![f.card_no, except],
            |r| r.get(0),
        )?;
        if card_taken {
            return Err(Error::Duplicate { field: "card_no" });
        }
    }
    Ok(())
}

pub(crate) fn write_fields(
    tx: &Tx<'_>,
    id: CustomerId,
    f: &CustomerFields,
    by: StaffId,
) -> Result<()> {
    let (initials, pinyin) = names::pinyin_of(&f.name);
    tx.execute(
        "UPDATE customers SET name = ?2, salutation = ?3, gender = ?4, phone = ?5, birthday = ?6,
            card_no = ?7, source = ?8, referrer = ?9, class = ?10, tags = ?11, first_visit = ?12,
            notes = ?13, skin_type = ?14, blood_type = ?15, allergies = ?16,
            contraindications = ?17, treatments_elsewhere = ?18, products_in_use = ?19,
            care_times = ?20, workplace = ?21, home_phone = ?22, address = ?23, hobbies = ?24,
            eating_habits = ?25, preferred_stylist_id = ?26, drink = ?27, contact_channel = ?28,
            do_not_contact = ?29, name_initials = ?30, name_pinyin = ?31,
            updated_at = ?32, updated_by = ?33
         WHERE id = ?1",
        params![
            id.0,
            f.name,
            f.salutation,
            f.gender.as_str(),
            f.phone,
            f.birthday,
            (!f.card_no.is_empty()).then_some(&f.card_no),
            f.source.as_str(),
            f.referrer,
            f.class.map(CustomerClass::as_str),
            serde_json::to_string(&f.tags)?,
            f.first_visit,
            f.notes,
            f.skin_type,
            f.blood_type.map_or("", BloodType::as_str),
            f.allergies,
            f.contraindications,
            f.treatments_elsewhere,
            f.products_in_use,
            f.care_times,
            f.workplace,
            f.home_phone,
            f.address,
            f.hobbies,
            f.eating_habits,
            f.preferred_stylist_id.map(|s| s.0),
            f.drink.map_or("", Drink::as_str),
            f.contact_channel.as_str(),
            f.do_not_contact,
            initials,
            pinyin,
            tx.now,
            by.0,
        ],
    )?;
    search::index(
        tx,
        &search::Searchable {
            id,
            name: f.name.clone(),
            phone: Some(f.phone.clone()),
            card_no: (!f.card_no.is_empty()).then(|| f.card_no.clone()),
            initials,
            pinyin,
        },
    )
}

pub(crate) fn searchable(id: CustomerId, f: &CustomerFields) -> search::Searchable {
    let (initials, pinyin) = names::pinyin_of(&f.name);
    search::Searchable {
        id,
        name: f.name.clone(),
        phone: (!f.phone.is_empty()).then(|| f.phone.clone()),
        card_no: (!f.card_no.is_empty()).then(|| f.card_no.clone()),
        initials,
        pinyin,
    }
}

/// Customers with this name and birthday, for the duplicate warning.
fn same_name_and_birthday(tx: &Tx<'_>, f: &CustomerFields) -> Result<Vec<CustomerId>> {
    let Some(birthday) = &f.birthday else {
        return Ok(Vec::new());
    };
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM customers WHERE name = ?1 AND birthday = ?2 AND erased_at IS NULL",
    )?;
    let ids = stmt
        .query_map(params![f.name, birthday], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<CustomerId>>>()?;
    Ok(ids)
}

/// Insert a validated card (no permission check: callers have done it).
pub(crate) fn insert(tx: &Tx<'_>, f: &CustomerFields, by: StaffId) -> Result<CustomerId> {
    check_unique(tx, f, None)?;
    check_stylist(tx, f.preferred_stylist_id)?;
    tx.execute(
        "INSERT INTO customers (name, phone, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?3, ?4)",
        params![f.name, f.phone, tx.now, by.0],
    )?;
    let id = CustomerId(tx.last_insert_rowid());
    write_fields(tx, id, f, by)?;
    audit::record_about(
        tx,
        Some(by),
        crate::audit::Action::CustomerCreate,
        Some(id.0),
        Some(id),
        audit::NONE,
        Some(&serde_json::json!({ "fields": f.changed(&CustomerFields::default()) })),
    )?;
    Ok(id)
}

/// Start a new customer's card. The mobile number must be unique; a customer
/// with the same name and birthday is refused as a likely duplicate unless
/// the request confirms it.
pub fn create_customer(
    db: &mut Db,
    session: &Session,
    req: CreateCustomerRequest,
) -> Result<CustomerCard> {
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::EditCustomers)?;
        let f = req.card.validated(crate::shop::today(tx)?)?;
        if !req.confirm_duplicate {
            let existing = same_name_and_birthday(tx, &f)?;
            if !existing.is_empty() {
                return Err(Error::LikelyDuplicate { existing });
            }
        }
        let id = insert(tx, &f, session.staff_id)?;
        load_card(tx, role, id)
    })
}

/// Save an edited card.
pub fn update_customer(
    db: &mut Db,
    session: &Session,
    req: UpdateCustomerRequest,
) -> Result<CustomerCard> {
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::EditCustomers)?;
        let (before, erased) = load_fields(tx, req.id)?;
        if erased {
            return Err(Error::Erased);
        }
        let mut f = req.card.validated(crate::shop::today(tx)?)?;
        if !may_see_phone(role) {
            // A masked phone sent back unchanged keeps the stored one.
            f.phone = before.phone.clone();
        }
        check_unique(tx, &f, Some(req.id))?;
        if f.preferred_stylist_id != before.preferred_stylist_id {
            check_stylist(tx, f.preferred_stylist_id)?;
        }
        let changed = before.changed(&f);
        if changed.is_empty() {
            return load_card(tx, role, req.id);
        }
        search::unindex(tx, &searchable(req.id, &before))?;
        write_fields(tx, req.id, &f, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CustomerUpdate,
            Some(req.id.0),
            Some(req.id),
            audit::NONE,
            Some(&serde_json::json!({ "fields": changed })),
        )?;
        load_card(tx, role, req.id)
    })
}

/// Add a dated note to the card (shown on its timeline).
pub fn add_note(db: &mut Db, session: &Session, req: AddNoteRequest) -> Result<()> {
    let text = validate::required_text("text", &req.text, 1000)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::EditCustomers)?;
        let (_, erased) = load_fields(tx, req.id)?;
        if erased {
            return Err(Error::Erased);
        }
        tx.execute(
            "INSERT INTO customer_notes (customer_id, at, staff_id, text) VALUES (?1, ?2, ?3, ?4)",
            params![req.id.0, tx.now, session.staff_id.0, text],
        )?;
        let note = tx.last_insert_rowid();
        audit::record_about(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CustomerNote,
            Some(req.id.0),
            Some(req.id),
            audit::NONE,
            Some(&serde_json::json!({ "note": note })),
        )?;
        Ok(())
    })
}

/// Wipe a customer's card on her request (see `crate::erasure`, which also
/// blanks her words everywhere else): every personal field, her notes and her
/// search entries; the row stays, so the money history that points at it
/// stays consistent (and anonymous). Returns the fields as they were.
pub(crate) fn erase_card(
    tx: &Tx<'_>,
    id: CustomerId,
    confirm_name: &str,
    by: StaffId,
) -> Result<CustomerFields> {
    let (before, erased) = load_fields(tx, id)?;
    if erased {
        return Err(Error::Erased);
    }
    if !crate::text::same_name(confirm_name, &before.name) {
        return Err(Error::invalid("confirm_name", Invalid::Confirmation));
    }
    search::unindex(tx, &searchable(id, &before))?;
    tx.execute("DELETE FROM customer_notes WHERE customer_id = ?1", [id])?;
    tx.execute(
        "UPDATE customers SET name = '', phone = NULL, card_no = NULL, birthday = NULL,
            first_visit = NULL, class = NULL, preferred_stylist_id = NULL, vip = 0,
            account_manager_id = NULL, name_initials = '', name_pinyin = '', tags = '[]',
            salutation = '', referrer = '', notes = '', skin_type = '', allergies = '',
            contraindications = '', treatments_elsewhere = '', products_in_use = '',
            care_times = '', workplace = '', home_phone = '', address = '', hobbies = '',
            eating_habits = '', gender = ?4, blood_type = '', drink = '', source = ?5,
            contact_channel = ?6, do_not_contact = 1,
            erased_at = ?2, updated_at = ?2, updated_by = ?3
         WHERE id = ?1",
        params![
            id,
            tx.now,
            by,
            Gender::Unknown,
            Source::WalkIn,
            ContactChannel::Phone
        ],
    )?;
    Ok(before)
}

/// Create many cards in one transaction: all or none (a shop's data moved
/// from another system, or generated test data). The first invalid card
/// refuses the whole batch, naming its field. `progress(done, total)` is called
/// every 1000 cards.
pub fn create_many(
    db: &mut Db,
    session: &Session,
    cards: &[CustomerFields],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<CustomerId>> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ImportCustomers)?;
        let today = crate::shop::today(tx)?;
        let mut ids = Vec::with_capacity(cards.len());
        for (i, card) in cards.iter().enumerate() {
            let f = card.validated(today)?;
            ids.push(insert(tx, &f, session.staff_id)?);
            if (i + 1) % 1000 == 0 {
                progress(i + 1, cards.len());
            }
        }
        progress(cards.len(), cards.len());
        Ok(ids)
    })
}
