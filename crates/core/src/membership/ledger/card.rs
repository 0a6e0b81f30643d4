//! Her membership as her card shows it: tier and progress to the next, the
//! balance with the newest ledger rows (each with the balance after it),
//! her packages and her tier history.

use serde::Serialize;
use ts_rs::TS;

use crate::clock::Millis;
use crate::customers;
use crate::error::{Error, Result};
use crate::ids::{CustomerId, VisitId};
use crate::membership::tiers::{self, Tier, TierChange};
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

use super::packages::{Package, load_packages};
use super::stored_value::{LedgerKind, balance};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LedgerRow {
    pub id: i64,
    pub at: Millis,
    pub kind: LedgerKind,
    pub amount: Fen,
    pub balance_after: Fen,
    pub method: Option<PayMethod>,
    pub visit_id: Option<VisitId>,
    pub note: String,
    pub staff: String,
}

/// Everything about her membership, for the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Membership {
    pub tier: Option<Tier>,
    pub next_tier: Option<Tier>,
    pub spend_12m: Fen,
    /// Spend still missing to reach the next tier by spending, if it has that rule.
    pub to_next_tier: Option<Fen>,
    pub balance: Fen,
    /// Newest first, at most 100.
    pub ledger: Vec<LedgerRow>,
    pub packages: Vec<Package>,
    pub tier_history: Vec<TierChange>,
}

pub(crate) fn load_membership(tx: &Tx<'_>, customer: CustomerId) -> Result<Membership> {
    let tiers::Progress {
        current: tier,
        next: next_tier,
        spend,
        missing,
    } = tiers::progress(tx, customer)?;
    let balance_now = balance(tx, customer)?;
    let mut stmt = tx.prepare_cached(
        "SELECT l.id, l.at, l.kind, l.amount_fen, l.method AS method, l.visit_id, l.note,
                s.staff_no || ' ' || s.name
         FROM sv_ledger l JOIN staff s ON s.id = l.staff_id
         WHERE l.customer_id = ?1 ORDER BY l.id DESC LIMIT 100",
    )?;
    let mut ledger = stmt
        .query_map([customer], |r| {
            Ok(LedgerRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                amount: r.get(3)?,
                balance_after: Fen::ZERO,
                method: crate::codes::optional(r, "method")?,
                visit_id: r.get(5)?,
                note: r.get(6)?,
                staff: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Balances after each row, walking back from today's balance.
    let mut after = balance_now;
    for row in &mut ledger {
        row.balance_after = after;
        after = Fen(after.0.saturating_sub(row.amount.0));
    }
    Ok(Membership {
        tier,
        next_tier,
        spend_12m: spend,
        to_next_tier: missing,
        balance: balance_now,
        ledger,
        packages: load_packages(tx, customer)?,
        tier_history: tiers::tier_history(tx, customer)?,
    })
}

pub fn customer_membership(db: &mut Db, session: &Session, id: CustomerId) -> Result<Membership> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        customers::check_active(tx, id).or_else(|e| match e {
            Error::Erased => Ok(()),
            other => Err(other),
        })?;
        load_membership(tx, id)
    })
}
