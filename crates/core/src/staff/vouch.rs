//! A colleague vouching with her own staff number and PIN at someone
//! else's desk: the incoming receptionist confirming a handover, or a
//! manager authorising one action at a receptionist's desk (a manager's
//! override, as shops do it). Wrong PINs count in the same throttle as
//! sign-in ([`super::throttle`]).

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Permission, Role, Session, StaffId, pin, throttle};
use crate::audit::{self, Action};
use crate::error::{Error, Invalid, Result};
use crate::storage::Db;

/// A colleague vouching with her own staff number and PIN: her id and role
/// when they match an active member. Wrong ones are refused naming
/// `pin_field` (and `no_field` when it is empty), with the sign-in's
/// throttle.
pub fn colleague(
    db: &mut Db,
    no_field: &'static str,
    pin_field: &'static str,
    staff_no: &str,
    typed_pin: &str,
) -> Result<(StaffId, Role)> {
    let no = throttle::key(staff_no);
    if no.is_empty() {
        return Err(Error::invalid(no_field, Invalid::Required));
    }
    if pin::typed(typed_pin).is_empty() {
        return Err(Error::invalid(pin_field, Invalid::Required));
    }
    throttle::refuse_if_paused(db, &no)?;
    let row: Option<(StaffId, Role, bool, String)> = db.read(|tx| {
        Ok(tx
            .query_row(
                "SELECT id, role, active, pin_hash FROM staff WHERE staff_no = ?1",
                [&no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?)
    })?;
    let ok = match &row {
        Some((_, _, true, hash)) => pin::verify(typed_pin, hash)?,
        _ => false,
    };
    match (ok, row) {
        (true, Some((id, role, _, _))) => {
            throttle::succeeded(db, &no)?;
            Ok((id, role))
        }
        _ => Err(throttle::failed(
            db,
            &no,
            Error::invalid(pin_field, Invalid::Confirmation),
        )?),
    }
}

/// A manager's staff number and PIN, typed at a receptionist's desk to
/// authorise one action needing `permission`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OverrideRequest {
    pub staff_no: String,
    pub pin: String,
    pub permission: Permission,
}

/// Check a manager's override at `desk`'s desk: the PIN is hers, she may
/// do `permission`. The override is in the audit trail (the manager, the
/// permission, whose desk). Returns the manager's session for the one
/// action; the shell holds it ([`super::Desk::grant`]).
pub fn manager_override(db: &mut Db, desk: &Session, req: OverrideRequest) -> Result<Session> {
    db.read(|tx| super::signed_in(tx, desk))?;
    let (id, role) = colleague(db, "staff_no", "pin", &req.staff_no, &req.pin)?;
    if !role.permits(req.permission) {
        return Err(Error::Forbidden(req.permission));
    }
    let (staff_no, name): (String, String) = db.read(|tx| {
        Ok(tx.query_row(
            "SELECT staff_no, name FROM staff WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })?;
    db.transact(|tx| {
        audit::record(
            tx,
            Some(id),
            Action::StaffOverride,
            Some(desk.staff_id.0),
            audit::NONE,
            Some(&serde_json::json!({
                "permission": req.permission,
                "at_desk_of": desk.staff_no,
            })),
        )
    })?;
    Ok(Session::new(id, &staff_no, &name, role, desk.language))
}
