//! Customers: the profile card (顾客档案卡) and finding it again.
//!
//! This first slice holds identity (name, mobile) and search by phone digits or
//! name; the full card, the search index and import/export build on it.

pub mod phone;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::error::{Entity, Error, Result};
use crate::staff::{self, Permission, Role, Session};
use crate::storage::{Db, Tx};
use crate::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, type = "number")]
pub struct CustomerId(pub i64);

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CreateCustomerRequest {
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerCard {
    pub id: CustomerId,
    pub name: String,
    /// Full for roles that may see it, masked (138****5678) otherwise; None once erased.
    pub phone: Option<String>,
    pub phone_masked: bool,
    pub created_at: Millis,
    pub created_by: String,
    pub updated_at: Millis,
    pub updated_by: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SearchRequest {
    pub query: String,
    /// At most this many hits (default 20, at most 50).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    Phone,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerHit {
    pub id: CustomerId,
    pub name: String,
    pub phone: Option<String>,
    pub matched: MatchKind,
}

pub const NAME_MAX: usize = 30;
pub const SEARCH_LIMIT_DEFAULT: u32 = 20;
pub const SEARCH_LIMIT_MAX: u32 = 50;

fn show_phone(role: Role, phone: Option<String>) -> (Option<String>, bool) {
    if role.permits(Permission::ViewFullPhone) {
        (phone, false)
    } else {
        (phone.map(|p| phone::mask(&p)), true)
    }
}

fn load_card(tx: &Tx<'_>, role: Role, id: CustomerId) -> Result<CustomerCard> {
    let row = tx
        .query_row(
            "SELECT c.name, c.phone, c.created_at, cb.staff_no || ' ' || cb.name,
                    c.updated_at, ub.staff_no || ' ' || ub.name
             FROM customers c
             JOIN staff cb ON cb.id = c.created_by
             JOIN staff ub ON ub.id = c.updated_by
             WHERE c.id = ?1",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Millis>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Millis>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Customer))?;
    let (phone, phone_masked) = show_phone(role, row.1);
    Ok(CustomerCard {
        id,
        name: row.0,
        phone,
        phone_masked,
        created_at: row.2,
        created_by: row.3,
        updated_at: row.4,
        updated_by: row.5,
    })
}

/// Start a new customer's card. The mobile number is the shop's lookup key
/// and must be unique.
pub fn create_customer(
    db: &mut Db,
    session: &Session,
    req: CreateCustomerRequest,
) -> Result<CustomerCard> {
    let name = validate::required_text("name", &req.name, NAME_MAX)?;
    let phone = phone::normalise("phone", &req.phone)?;
    db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::EditCustomers)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM customers WHERE phone = ?1)",
            [&phone],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Duplicate { field: "phone" });
        }
        tx.execute(
            "INSERT INTO customers (name, phone, created_at, created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?3, ?4)",
            params![name, phone, tx.now, session.staff_id.0],
        )?;
        let id = CustomerId(tx.last_insert_rowid());
        let card = load_card(tx, Role::Manager, id)?;
        audit::record(
            tx,
            Some(session.staff_id),
            "customer.create",
            "customer",
            Some(id.0),
            audit::NONE,
            Some(&card),
        )?;
        load_card(tx, role, id)
    })
}

pub fn get_customer(db: &mut Db, session: &Session, id: CustomerId) -> Result<CustomerCard> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        load_card(tx, role, id)
    })
}

/// Search as you type: four or more digits match anywhere in the phone number
/// (the last four is the usual case); anything else matches within the name.
/// Fewer than four digits find nothing yet.
pub fn search_customers(
    db: &mut Db,
    session: &Session,
    req: SearchRequest,
) -> Result<Vec<CustomerHit>> {
    let query = validate::optional_text("query", &req.query, 40)?;
    let limit = req
        .limit
        .unwrap_or(SEARCH_LIMIT_DEFAULT)
        .clamp(1, SEARCH_LIMIT_MAX);
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let digits = query.chars().all(|c| c.is_ascii_digit());
        let (sql, kind) = if digits {
            if query.len() < 4 {
                return Ok(Vec::new());
            }
            (
                "SELECT id, name, phone FROM customers
                 WHERE instr(phone, ?1) > 0
                 ORDER BY (phone = ?1) DESC, (substr(phone, -length(?1)) = ?1) DESC, id
                 LIMIT ?2",
                MatchKind::Phone,
            )
        } else {
            (
                "SELECT id, name, phone FROM customers
                 WHERE instr(name, ?1) > 0
                 ORDER BY (name = ?1) DESC, (substr(name, 1, length(?1)) = ?1) DESC, id
                 LIMIT ?2",
                MatchKind::Name,
            )
        };
        let mut stmt = tx.prepare(sql)?;
        let hits = stmt
            .query_map(params![query, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(id, name, phone)| CustomerHit {
                id: CustomerId(id),
                name,
                phone: show_phone(role, phone).0,
                matched: kind,
            })
            .collect();
        Ok(hits)
    })
}
