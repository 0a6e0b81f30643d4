//! Erasure on request (SPEC 3.2): a customer's personal data wiped from her
//! card and her own words blanked wherever the shop wrote them down (visits,
//! complaints, follow-up calls), in one transaction. Her anonymous money and
//! stock history stays, so every ledger still adds up. This module sits above
//! the ones it asks, each of which blanks its own tables.

use crate::audit::{self, Action};
use crate::customers::{self, CustomerCard, CustomerFields, EraseCustomerRequest};
use crate::error::Result;
use crate::staff::{self, Permission, Session};
use crate::storage::Db;
use crate::{complaints, followups, visits};

/// Erase a customer on her request, once the manager has typed her name again.
/// SQLite's `secure_delete` overwrites the freed bytes, and the WAL is
/// checkpointed afterwards, so no old copy of a page is left in it either.
pub fn erase_customer(
    db: &mut Db,
    session: &Session,
    req: EraseCustomerRequest,
) -> Result<CustomerCard> {
    let card = db.transact(|tx| {
        let role = staff::authorize(tx, session, Permission::EraseCustomers)?;
        let before = customers::erase_card(tx, req.id, &req.confirm_name, session.staff_id)?;
        visits::erase_words(tx, req.id)?;
        complaints::erase_words(tx, req.id)?;
        followups::erase_words(tx, req.id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::CustomerErase,
            Some(req.id.0),
            Some(req.id),
            audit::NONE,
            Some(&serde_json::json!({ "fields": before.changed(&CustomerFields::default()) })),
        )?;
        customers::load_card(tx, role, req.id)
    })?;
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(card)
}
