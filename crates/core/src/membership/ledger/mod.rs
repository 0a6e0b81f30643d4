//! Stored value and packages: top-ups, refunds, package sales, their use at
//! checkout, a void's reversal, the member's card and the liability report.
//!
//! - `stored_value`: the stored-value ledger (`sv_ledger`, whose trigger
//!   moves `sv_balances`): top-ups, refunds, spending at checkout, balances.
//! - `packages`: package cards (`packages`, `package_uses`): sales, a session
//!   used at checkout, the sessions left.
//! - `card`: her membership as her card shows it.
//! - `report`: what the shop owes its customers, on screen and as CSV.
//!
//! This file holds the largest single amount, and a void's reversal, which
//! gives back both the stored value and the sessions a visit used.

mod card;
mod packages;
mod report;
mod stored_value;

use rusqlite::params;

use crate::error::Result;
use crate::ids::{CustomerId, PackageId, StaffId, VisitId};
use crate::money::Fen;
use crate::storage::Tx;

pub use card::*;
pub use packages::*;
pub use report::*;
pub use stored_value::*;

/// The largest single top-up or package price: ¥1,000,000.
const MAX_FEN: i64 = 100_000_000;

/// A void gives back the stored value and package sessions a visit used.
pub(crate) fn reverse_visit(tx: &Tx<'_>, visit: VisitId, by: StaffId) -> Result<()> {
    let spends: Vec<(CustomerId, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT customer_id, SUM(amount_fen) FROM sv_ledger WHERE visit_id = ?1
             GROUP BY customer_id HAVING SUM(amount_fen) <> 0",
        )?;
        stmt.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (customer, sum) in spends {
        post(
            tx,
            "payments",
            Move {
                customer,
                kind: LedgerKind::Void,
                amount: sum.negated(),
                method: None,
                visit: Some(visit),
                note: "visit voided",
            },
            by,
        )?;
    }
    let uses: Vec<(PackageId, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT package_id, SUM(delta) FROM package_uses WHERE visit_id = ?1
             GROUP BY package_id HAVING SUM(delta) <> 0",
        )?;
        stmt.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (package, sum) in uses {
        for _ in 0..(-sum) {
            tx.execute(
                "INSERT INTO package_uses (package_id, visit_id, delta, at, staff_id) VALUES (?1, ?2, 1, ?3, ?4)",
                params![package, visit, tx.now, by],
            )?;
        }
    }
    Ok(())
}
