//! Customers: the profile card (顾客档案卡), finding it again, its timeline,
//! the VIP register, and erasure on request.
//!
//! Privacy by design: the audit trail records which card fields changed, never
//! their values, so erasing a customer leaves nothing personal anywhere.

pub mod export;
pub mod fields;
pub mod import;
pub mod names;
pub mod phone;
pub mod readings;
pub mod search;
pub mod timeline;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::error::{Entity, Error, Invalid, Result};
use crate::staff::{self, Permission, Role, Session, StaffId};
use crate::storage::{Db, Tx};
use crate::validate;

pub use crate::shop::GreetingStyle;
pub use crate::staff::StaffRef;
pub use fields::{BloodType, ContactChannel, CustomerClass, CustomerFields, Drink, Source};
pub use names::Gender;
pub use search::MatchKind;

pub use crate::ids::CustomerId;

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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchRequest {
    pub query: String,
    /// At most this many hits (default 20, at most 50).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerHit {
    pub id: CustomerId,
    pub name: String,
    pub phone: Option<String>,
    pub card_no: Option<String>,
    pub matched: MatchKind,
    pub address_as: String,
    /// Allergies and contraindications, for the red alert in the list.
    pub alert: Option<String>,
    pub vip: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddNoteRequest {
    pub id: CustomerId,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetVipRequest {
    pub id: CustomerId,
    pub vip: bool,
    pub account_manager_id: Option<StaffId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EraseCustomerRequest {
    pub id: CustomerId,
    /// The customer's name typed again, so a card is never erased by a slip.
    pub confirm_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VipEntry {
    pub id: CustomerId,
    pub name: String,
    pub phone: Option<String>,
    pub account_manager: Option<StaffRef>,
    pub since: Millis,
}

pub const SEARCH_LIMIT_DEFAULT: u32 = 20;
pub const SEARCH_LIMIT_MAX: u32 = 50;

fn may_see_phone(role: Role) -> bool {
    role.permits(Permission::ViewFullPhone)
}

fn show_phone(role: Role, phone: Option<String>) -> Option<String> {
    if may_see_phone(role) {
        phone
    } else {
        phone.map(|p| phone::mask(&p))
    }
}

/// She exists and was not erased: the check every command makes before it
/// records anything for a customer.
pub fn check_active(tx: &Tx<'_>, id: CustomerId) -> Result<()> {
    let erased: Option<Option<Millis>> = tx
        .query_row("SELECT erased_at FROM customers WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match erased {
        None => Err(Error::NotFound(Entity::Customer)),
        Some(Some(_)) => Err(Error::Erased),
        Some(None) => Ok(()),
    }
}

/// She asked not to be contacted (no follow-up calls, no reminders).
pub fn no_contact(tx: &Tx<'_>, id: CustomerId) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT do_not_contact FROM customers WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
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

pub fn get_customer(db: &mut Db, session: &Session, id: CustomerId) -> Result<CustomerCard> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        load_card(tx, role, id)
    })
}

/// Search as you type (see [`search`]): phone digits, name, pinyin, card number.
pub fn search_customers(
    db: &mut Db,
    session: &Session,
    req: SearchRequest,
) -> Result<Vec<CustomerHit>> {
    let query = validate::optional_text("query", &req.query, 40)?;
    let limit = req
        .limit
        .unwrap_or(SEARCH_LIMIT_DEFAULT)
        .clamp(1, SEARCH_LIMIT_MAX) as usize;
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        let q = search::Query::parse(&query);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let style = crate::shop::greeting_style(tx)?;
        let found = search::search(tx, &q, limit)?;
        let mut stmt = tx.prepare_cached(
            "SELECT name, phone, card_no, gender, salutation, allergies, contraindications, vip
             FROM customers WHERE id = ?1",
        )?;
        let mut hits = Vec::with_capacity(found.len());
        for (id, matched) in found {
            let hit = stmt.query_row([id.0], |r| {
                let name: String = r.get(0)?;
                let allergies: String = r.get(5)?;
                let contra: String = r.get(6)?;
                let alert = match (allergies.is_empty(), contra.is_empty()) {
                    (true, true) => None,
                    (false, true) => Some(allergies),
                    (true, false) => Some(contra),
                    (false, false) => Some(format!("{allergies}；{contra}")),
                };
                Ok(CustomerHit {
                    id,
                    address_as: names::form_of_address(
                        &name,
                        r.get::<_, Gender>(3)?,
                        style,
                        &r.get::<_, String>(4)?,
                    ),
                    name,
                    phone: show_phone(role, r.get(1)?),
                    card_no: r.get(2)?,
                    matched,
                    alert,
                    vip: r.get(7)?,
                })
            })?;
            hits.push(hit);
        }
        Ok(hits)
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

/// Put a customer on (or take her off) the VIP register, with her account manager.
pub fn set_vip(db: &mut Db, session: &Session, req: SetVipRequest) -> Result<CustomerCard> {
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::ManageVip)?;
        let (_, erased) = load_fields(tx, req.id)?;
        if erased {
            return Err(Error::Erased);
        }
        if let Some(m) = req.account_manager_id {
            let ok: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM staff WHERE id = ?1 AND active = 1)",
                [m.0],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(Error::invalid("account_manager_id", Invalid::NotAvailable));
            }
        }
        let manager = if req.vip { req.account_manager_id.map(|m| m.0) } else { None };
        tx.execute(
            "UPDATE customers SET vip = ?2, account_manager_id = ?3, updated_at = ?4, updated_by = ?5
             WHERE id = ?1",
            params![req.id.0, req.vip, manager, tx.now, session.staff_id.0],
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CustomerVip, Some(req.id.0),
            Some(req.id),
            audit::NONE,
            Some(&serde_json::json!({ "vip": req.vip, "account_manager_id": manager })),
        )?;
        load_card(tx, role, req.id)
    })
}

/// The VIP register: every VIP customer with her account manager.
pub fn vip_register(db: &mut Db, session: &Session) -> Result<Vec<VipEntry>> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        let mut stmt = tx.prepare(
            "SELECT c.id, c.name, c.phone, c.account_manager_id,
                    (SELECT max(a.at) FROM audit_log a
                      WHERE a.entity = 'customer' AND a.entity_id = c.id AND a.action = 'customer.vip')
             FROM customers c WHERE c.vip = 1 AND c.erased_at IS NULL ORDER BY c.name",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<StaffId>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, name, phone, manager, since)| {
                Ok(VipEntry {
                    id: CustomerId(id),
                    name,
                    phone: show_phone(role, phone),
                    account_manager: crate::staff::staff_ref(tx, manager)?,
                    since: since.unwrap_or_default(),
                })
            })
            .collect()
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
