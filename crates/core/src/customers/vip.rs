//! The VIP register: putting a customer on it (or taking her off) with her
//! account manager, and the register as the desk reads it.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session, StaffId};
use crate::storage::Db;

use super::card::{CustomerCard, load_card, load_fields};
use super::{CustomerId, StaffRef, show_phone};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetVipRequest {
    pub id: CustomerId,
    pub vip: bool,
    pub account_manager_id: Option<StaffId>,
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
