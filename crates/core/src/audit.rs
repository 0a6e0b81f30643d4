//! The audit trail: one append-only row per permission-sensitive change, with who,
//! when, what, and the values before and after. The UI can read it, never edit
//! it (the table's triggers refuse UPDATE and DELETE).

use serde::Serialize;

use crate::error::Result;
use crate::staff::StaffId;
use crate::storage::Tx;

/// Append one audit row inside the command's transaction.
pub fn record<B: Serialize, A: Serialize>(
    tx: &Tx<'_>,
    actor: Option<StaffId>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    tx.execute(
        "INSERT INTO audit_log (at, staff_id, action, entity, entity_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            tx.now,
            actor.map(|a| a.0),
            action,
            entity,
            entity_id,
            before,
            after
        ],
    )?;
    Ok(())
}

/// No value, for `before` of a creation or `after` of a removal.
pub const NONE: Option<&()> = None;
