//! Staff: the shop's people, their roles, PINs, sign-in and the first-run setup.
//!
//! Every command that acts for someone takes that person's [`Session`] and
//! calls [`authorize`] (or [`signed_in`]) first, inside its transaction, against
//! the staff row as it is now: a deactivated or demoted member loses access at
//! once, even with a session still open on the desk.

pub(crate) mod pin;
mod session;
mod throttle;
mod vouch;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::error::{Entity, Error, Invalid, Result};
use crate::storage::{Db, Tx};
use crate::validate;

pub use crate::access::{Permission, Role};
pub use crate::ids::StaffId;
pub use session::{Desk, OVERRIDE_MS};
pub use throttle::{LOCKOUT_MS, MAX_FAILED_ATTEMPTS};
pub use vouch::{OverrideRequest, colleague, manager_override};

crate::text_enum! {
    /// The language a staff member works in (the UI's default is Chinese).
    pub enum Language {
        ZhCn = "zh-CN",
        En = "en",
    }
}

/// The staff member acting at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    pub staff_id: StaffId,
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub language: Language,
    /// What her role may do, for the UI to show only what the core allows
    /// (the core still checks the staff row in every command).
    pub permissions: Vec<Permission>,
}

impl Session {
    pub fn new(id: StaffId, staff_no: &str, name: &str, role: Role, language: Language) -> Session {
        Session {
            staff_id: id,
            staff_no: staff_no.to_string(),
            name: name.to_string(),
            role,
            language,
            permissions: role.permissions(),
        }
    }
}

/// A staff member as other records show her: "3003 陈静".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffRef {
    pub id: StaffId,
    pub staff_no: String,
    pub name: String,
}

/// The staff member with this id as a [`StaffRef`] (None for None, or an id
/// no longer on file).
pub fn staff_ref(tx: &Tx<'_>, id: Option<StaffId>) -> Result<Option<StaffRef>> {
    let Some(id) = id else { return Ok(None) };
    Ok(tx
        .query_row(
            "SELECT staff_no, name FROM staff WHERE id = ?1",
            [id],
            |r| {
                Ok(StaffRef {
                    id,
                    staff_no: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The role of an active staff member; None when she is not on file or
/// deactivated.
pub fn active_role(tx: &Tx<'_>, id: StaffId) -> Result<Option<Role>> {
    Ok(tx
        .query_row(
            "SELECT role FROM staff WHERE id = ?1 AND active = 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Active staff members of these roles, by staff number.
pub fn active_with_roles(tx: &Tx<'_>, roles: &[Role]) -> Result<Vec<StaffRef>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, staff_no, name, role FROM staff WHERE active = 1 ORDER BY staff_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                StaffRef {
                    id: r.get(0)?,
                    staff_no: r.get(1)?,
                    name: r.get(2)?,
                },
                r.get::<_, Role>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|(_, role)| roles.contains(role))
        .map(|(s, _)| s)
        .collect())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffMember {
    pub id: StaffId,
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub language: Language,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Who last changed this record (staff number and name), if anyone.
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignInRequest {
    pub staff_no: String,
    pub pin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddStaffRequest {
    pub staff_no: String,
    pub name: String,
    pub role: Role,
    pub pin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateStaffRequest {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResetPinRequest {
    pub id: StaffId,
    pub pin: String,
}

// ---------------------------------------------------------------- checks

/// Check that `session`'s staff member is still active and has `permission`.
pub fn authorize(tx: &Tx<'_>, session: &Session, permission: Permission) -> Result<Role> {
    let role = signed_in(tx, session)?;
    if role.permits(permission) {
        Ok(role)
    } else {
        Err(Error::Forbidden(permission))
    }
}

/// Check that `session`'s staff member still exists and is active; returns
/// her current role (which may have changed since she signed in).
pub fn signed_in(tx: &Tx<'_>, session: &Session) -> Result<Role> {
    let row: Option<(Role, bool)> = tx
        .query_row(
            "SELECT role, active FROM staff WHERE id = ?1",
            [session.staff_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::NotSignedIn),
        Some((_, false)) => Err(Error::StaffInactive),
        Some((role, true)) => Ok(role),
    }
}

/// A staff number as typed: folded, letters and digits only.
pub(crate) fn staff_no(field: &'static str, value: &str) -> Result<String> {
    let v = validate::required_text(field, &crate::text::fold(value), 10)?;
    if v.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(v)
    } else {
        Err(Error::invalid(field, Invalid::Format))
    }
}

/// Create the shop's first manager (first-run setup, see `shop::setup_shop`):
/// the session she is signed in with.
pub(crate) fn create_first_manager(
    tx: &Tx<'_>,
    staff_no: &str,
    name: &str,
    pin_hash: &str,
) -> Result<Session> {
    tx.execute(
        "INSERT INTO staff (staff_no, name, role, pin_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![staff_no, name, Role::Manager, pin_hash, tx.now],
    )?;
    let id = StaffId(tx.last_insert_rowid());
    let session = Session::new(id, staff_no, name, Role::Manager, Language::ZhCn);
    audit::record(
        tx,
        Some(id),
        crate::audit::Action::StaffAdd,
        Some(id.0),
        audit::NONE,
        Some(&session),
    )?;
    Ok(session)
}

// ---------------------------------------------------------------- sign-in

/// Check a staff number and PIN. Writes nothing when refused; a successful
/// sign-in is recorded in the audit trail. An unknown staff number gets the
/// same answer as a wrong PIN. Repeated wrong PINs are throttled by the
/// [`Desk`] (see [`Desk::sign_in`]), which is how the shell calls this.
pub fn sign_in(db: &mut Db, req: SignInRequest) -> Result<Session> {
    let staff_no = crate::text::fold(&req.staff_no).trim().to_string();
    if staff_no.is_empty() {
        return Err(Error::invalid("staff_no", Invalid::Required));
    }
    if pin::typed(&req.pin).is_empty() {
        return Err(Error::invalid("pin", Invalid::Required));
    }
    type Row = (StaffId, String, Role, bool, String, Language);
    let row: Option<Row> =
        db.read(|tx| {
            Ok(tx
            .query_row(
                "SELECT id, name, role, active, pin_hash, language FROM staff WHERE staff_no = ?1",
                [&staff_no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?)
        })?;
    let Some((id, name, role, active, pin_hash, language)) = row else {
        return Err(Error::WrongCredentials);
    };
    if !pin::verify(&req.pin, &pin_hash)? {
        return Err(Error::WrongCredentials);
    }
    if !active {
        return Err(Error::StaffInactive);
    }
    let session = Session::new(id, &staff_no, &name, role, language);
    db.transact(|tx| {
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::StaffSignIn,
            Some(id.0),
            audit::NONE,
            audit::NONE,
        )
    })?;
    Ok(session)
}

// ---------------------------------------------------------------- management

/// Tidy every stored staff name by the name rule (a migration step, see
/// `crate::schema`): names saved before the rule may hold stray spaces.
pub(crate) fn tidy_names(conn: &rusqlite::Connection) -> Result<()> {
    let names: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM staff")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name) in names {
        let tidy = crate::text::person_name(&name);
        if tidy != name && !tidy.is_empty() {
            conn.execute(
                "UPDATE staff SET name = ?2 WHERE id = ?1",
                params![id, tidy],
            )?;
        }
    }
    Ok(())
}

fn member_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        id: r.get("id")?,
        staff_no: r.get("staff_no")?,
        name: r.get("name")?,
        role: r.get("role")?,
        active: r.get("active")?,
        language: r.get("language")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        updated_by: r.get("updated_by_label")?,
    })
}

const MEMBER_SELECT: &str = "SELECT s.id, s.staff_no, s.name, s.role, s.active, s.language,
        s.created_at, s.updated_at, u.staff_no || ' ' || u.name AS updated_by_label
    FROM staff s LEFT JOIN staff u ON u.id = s.updated_by";

fn load_member(tx: &Tx<'_>, id: StaffId) -> Result<StaffMember> {
    tx.query_row(
        &format!("{MEMBER_SELECT} WHERE s.id = ?1"),
        [id.0],
        member_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::Staff))
}

pub fn list_staff(db: &mut Db, session: &Session) -> Result<Vec<StaffMember>> {
    db.read(|tx| {
        authorize(tx, session, Permission::ManageStaff)?;
        let mut stmt = tx.prepare(&format!(
            "{MEMBER_SELECT} ORDER BY s.active DESC, s.role, s.staff_no"
        ))?;
        let rows = stmt
            .query_map([], member_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })
}

pub fn add_staff(db: &mut Db, session: &Session, req: AddStaffRequest) -> Result<StaffMember> {
    let staff_no = staff_no("staff_no", &req.staff_no)?;
    let name = validate::person_name("name", &req.name, 20)?;
    pin::validate("pin", &req.pin)?;
    // Check permission before the slow hash, so a refused caller costs nothing.
    db.read(|tx| authorize(tx, session, Permission::ManageStaff))?;
    let pin_hash = pin::hash(&req.pin)?;
    db.transact(|tx| {
        authorize(tx, session, Permission::ManageStaff)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM staff WHERE staff_no = ?1)",
            [&staff_no],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Duplicate { field: "staff_no" });
        }
        tx.execute(
            "INSERT INTO staff (staff_no, name, role, pin_hash, created_at, created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
            params![staff_no, name, req.role, pin_hash, tx.now, session.staff_id],
        )?;
        let id = StaffId(tx.last_insert_rowid());
        let member = load_member(tx, id)?;
        audit::record(tx, Some(session.staff_id), crate::audit::Action::StaffAdd, Some(id.0), audit::NONE, Some(&member))?;
        Ok(member)
    })
}

/// Change a staff member's name, role or active flag. The last active manager
/// can be neither deactivated nor demoted.
pub fn update_staff(
    db: &mut Db,
    session: &Session,
    req: UpdateStaffRequest,
) -> Result<StaffMember> {
    let name = validate::person_name("name", &req.name, 20)?;
    db.transact(|tx| {
        authorize(tx, session, Permission::ManageStaff)?;
        let before = load_member(tx, req.id)?;
        let loses_manager = before.role == Role::Manager
            && before.active
            && (req.role != Role::Manager || !req.active);
        if loses_manager {
            let others: i64 = tx.query_row(
                "SELECT count(*) FROM staff WHERE role = 'manager' AND active = 1 AND id <> ?1",
                [req.id.0],
                |r| r.get(0),
            )?;
            if others == 0 {
                return Err(Error::LastManager);
            }
        }
        tx.execute(
            "UPDATE staff SET name = ?2, role = ?3, active = ?4, updated_at = ?5, updated_by = ?6
             WHERE id = ?1",
            params![
                req.id.0,
                name,
                req.role,
                req.active,
                tx.now,
                session.staff_id.0
            ],
        )?;
        let after = load_member(tx, req.id)?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::StaffUpdate,
            Some(req.id.0),
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// A manager sets a new PIN for a staff member (who forgot hers).
pub fn reset_pin(db: &mut Db, session: &Session, req: ResetPinRequest) -> Result<()> {
    pin::validate("pin", &req.pin)?;
    db.read(|tx| authorize(tx, session, Permission::ManageStaff))?;
    let pin_hash = pin::hash(&req.pin)?;
    db.transact(|tx| {
        authorize(tx, session, Permission::ManageStaff)?;
        let n = tx.execute(
            "UPDATE staff SET pin_hash = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            params![req.id.0, pin_hash, tx.now, session.staff_id.0],
        )?;
        if n == 0 {
            return Err(Error::NotFound(Entity::Staff));
        }
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::StaffResetPin,
            Some(req.id.0),
            audit::NONE,
            audit::NONE,
        )?;
        Ok(())
    })
}

/// Remember the UI language for the signed-in staff member.
pub fn set_language(db: &mut Db, session: &Session, language: Language) -> Result<Session> {
    db.transact(|tx| {
        signed_in(tx, session)?;
        tx.execute(
            "UPDATE staff SET language = ?2, updated_at = ?3, updated_by = ?1 WHERE id = ?1",
            params![session.staff_id, language, tx.now],
        )?;
        Ok(Session {
            language,
            ..session.clone()
        })
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnlockRequest {
    pub pin: String,
}
