//! Customers: the profile card (顾客档案卡), finding it again, its timeline,
//! the VIP register, and erasure on request.
//!
//! Privacy by design: the audit trail records which card fields changed, never
//! their values, so erasing a customer leaves nothing personal anywhere.
//!
//! The card's commands, by what they do:
//! - `card`: reading a card as a role may see it, and the stylists to choose
//!   from.
//! - `write`: creating, editing and erasing cards, and their dated notes,
//!   with the search index kept in step.
//! - `lookup`: search as you type, as the desk lists the hits.
//! - `vip`: the VIP register and its account managers.
//!
//! This file holds the checks other modules make before recording anything
//! for a customer, and who sees her phone in full.

pub mod export;
pub mod fields;
pub mod import;
pub mod names;
pub mod phone;
pub mod readings;
pub mod search;
pub mod timeline;

mod card;
mod lookup;
mod vip;
mod write;

use rusqlite::OptionalExtension;

use crate::clock::Millis;
use crate::error::{Entity, Error, Result};
use crate::staff::{Permission, Role};
use crate::storage::Tx;

pub use crate::shop::GreetingStyle;
pub use crate::staff::StaffRef;
pub use fields::{BloodType, ContactChannel, CustomerClass, CustomerFields, Drink, Source};
pub use names::Gender;
pub use search::MatchKind;

pub use crate::ids::CustomerId;

pub(crate) use card::{CARD_COLUMNS, fields_from_row, load_card, load_fields};
pub use card::{CustomerCard, get_customer, list_stylists};
pub use lookup::{
    CustomerHit, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SearchRequest, search_customers,
};
pub use vip::{SetVipRequest, VipEntry, set_vip, vip_register};
pub use write::{
    AddNoteRequest, CreateCustomerRequest, EraseCustomerRequest, UpdateCustomerRequest, add_note,
    create_customer, create_many, update_customer,
};
pub(crate) use write::{erase_card, insert, searchable, write_fields};

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
