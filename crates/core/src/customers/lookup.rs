//! Search as you type (see [`super::search`] for the index): phone digits,
//! name, pinyin, card number; each hit as the desk lists it, with how she is
//! addressed and the red alert for allergies and contraindications.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::staff::{self, Permission, Session};
use crate::storage::Db;
use crate::validate;

use super::{CustomerId, Gender, MatchKind, names, search, show_phone};

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

pub const SEARCH_LIMIT_DEFAULT: u32 = 20;
pub const SEARCH_LIMIT_MAX: u32 = 50;

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
