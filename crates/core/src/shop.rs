//! The shop's profile and desk settings (SPEC 3.11): name, address and phone for
//! slips, the time zone its business day follows, and the idle-lock time.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::error::{Entity, Error, Invalid, Result};
use crate::staff::{self, Permission, Session, StaffId};
use crate::storage::{Db, Tx};
use crate::validate;

crate::text_enum! {
    /// How the shop addresses customers: 李姐 / 王哥 (familiar, as the manuals'
    /// "您好，李姐，感谢光临") or 李女士 / 王先生 (formal).
    pub enum GreetingStyle {
        Familiar = "familiar",
        Formal = "formal",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShopProfile {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// Minutes without any action before the desk locks.
    pub idle_lock_minutes: i64,
    /// 李姐 (familiar) or 李女士 (formal) in greeting hints.
    pub greeting_style: GreetingStyle,
    /// The IANA time zone the shop's clock and business day follow
    /// (Asia/Shanghai); every time on screen and on paper is shown in it.
    pub time_zone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateShopRequest {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub idle_lock_minutes: i64,
    pub greeting_style: GreetingStyle,
    pub time_zone: String,
}

pub const DEFAULT_IDLE_LOCK_MINUTES: i64 = 10;

pub(crate) fn create(tx: &Tx<'_>, name: &str, by: StaffId) -> Result<()> {
    tx.execute(
        "INSERT INTO shop (id, name, idle_lock_minutes, created_at, updated_at, updated_by)
         VALUES (1, ?1, ?2, ?3, ?3, ?4)",
        params![name, DEFAULT_IDLE_LOCK_MINUTES, tx.now, by.0],
    )?;
    Ok(())
}

/// The shop's profile (for the header of printed documents too).
pub(crate) fn profile(tx: &Tx<'_>) -> Result<ShopProfile> {
    tx.query_row(
        "SELECT name, address, phone, idle_lock_minutes, greeting_style, time_zone
         FROM shop WHERE id = 1",
        [],
        |r| {
            Ok(ShopProfile {
                name: r.get(0)?,
                address: r.get(1)?,
                phone: r.get(2)?,
                idle_lock_minutes: r.get(3)?,
                greeting_style: r.get(4)?,
                time_zone: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::Shop))
}

pub fn get_shop(db: &mut Db, session: &Session) -> Result<ShopProfile> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        profile(tx)
    })
}

/// How long the desk may sit idle before it locks (no session needed: the
/// shell asks before every command).
pub fn idle_limit_ms(db: &mut Db) -> Result<Millis> {
    let minutes = db.read(|tx| {
        Ok(tx
            .query_row("SELECT idle_lock_minutes FROM shop WHERE id = 1", [], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?)
    })?;
    Ok(minutes.unwrap_or(DEFAULT_IDLE_LOCK_MINUTES) * 60 * 1000)
}

pub fn update_shop(db: &mut Db, session: &Session, req: UpdateShopRequest) -> Result<ShopProfile> {
    let name = validate::required_text("name", &req.name, 60)?;
    let address = validate::optional_text("address", &req.address, 120)?;
    let phone = validate::optional_text("phone", &req.phone, 30)?;
    let idle = validate::in_range("idle_lock_minutes", req.idle_lock_minutes, 1, 480)?;
    let zone = crate::text::fold(&req.time_zone).trim().to_string();
    if zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error::invalid("time_zone", Invalid::Format));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        let before = profile(tx)?;
        tx.execute(
            "UPDATE shop SET name = ?1, address = ?2, phone = ?3, idle_lock_minutes = ?4,
                greeting_style = ?7, time_zone = ?8, updated_at = ?5, updated_by = ?6 WHERE id = 1",
            params![
                name,
                address,
                phone,
                idle,
                tx.now,
                session.staff_id.0,
                req.greeting_style,
                zone
            ],
        )?;
        let after = profile(tx)?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::ShopUpdate,
            Some(1),
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// The time zone the shop's business day follows (default Asia/Shanghai).
pub fn time_zone(tx: &Tx<'_>) -> Result<chrono_tz::Tz> {
    let name: Option<String> = tx
        .query_row("SELECT time_zone FROM shop WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    match name {
        None => Ok(crate::clock::DEFAULT_TIME_ZONE),
        // Zones are checked when saved: one that does not parse was not
        // written by this app.
        Some(n) => n
            .parse::<chrono_tz::Tz>()
            .map_err(|_| Error::Internal(format!("unknown time zone {n:?} in the data file"))),
    }
}

/// The shop's time zone, read on its own (no session: the app status and
/// file names need it before anyone signs in).
pub fn time_zone_of(db: &mut Db) -> Result<chrono_tz::Tz> {
    db.read(time_zone)
}

/// How the desk addresses customers (familiar unless the shop chose formal).
pub fn greeting_style(tx: &Tx<'_>) -> Result<GreetingStyle> {
    Ok(tx
        .query_row("SELECT greeting_style FROM shop WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(GreetingStyle::Familiar))
}

/// The shop's business date now.
pub fn today(tx: &Tx<'_>) -> Result<chrono::NaiveDate> {
    Ok(crate::clock::business_date(tx.now, time_zone(tx)?))
}

// ---------------------------------------------------------------- first run

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupRequest {
    pub shop_name: String,
    pub staff_no: String,
    pub name: String,
    pub pin: String,
    pub pin_confirm: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SetupStatus {
    pub set_up: bool,
    pub shop_name: Option<String>,
}

pub fn setup_status(db: &mut Db) -> Result<SetupStatus> {
    db.read(|tx| {
        let name: Option<String> = tx
            .query_row("SELECT name FROM shop WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(SetupStatus {
            set_up: name.is_some(),
            shop_name: name,
        })
    })
}

/// First run: name the shop and create its first manager, who is signed in.
pub fn setup_shop(db: &mut Db, req: SetupRequest) -> Result<Session> {
    let shop_name = validate::required_text("shop_name", &req.shop_name, 60)?;
    let staff_no = staff::staff_no("staff_no", &req.staff_no)?;
    let name = validate::person_name("name", &req.name, 20)?;
    staff::pin::validate("pin", &req.pin)?;
    if staff::pin::typed(&req.pin) != staff::pin::typed(&req.pin_confirm) {
        return Err(Error::invalid("pin_confirm", Invalid::PinMismatch));
    }
    let pin_hash = staff::pin::hash(&req.pin)?;
    db.transact(|tx| {
        let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM shop)", [], |r| r.get(0))?;
        if exists {
            return Err(Error::AlreadySetUp);
        }
        let session = staff::create_first_manager(tx, &staff_no, &name, &pin_hash)?;
        create(tx, &shop_name, session.staff_id)?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::ShopSetup,
            Some(1),
            audit::NONE,
            Some(&shop_name),
        )?;
        Ok(session)
    })
}

/// What the UI needs to decide its first screen: is the data file usable, is
/// the shop set up, who is signed in or locked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    /// Why the data file could not be opened (too new, damaged, unreadable).
    pub open_error: Option<crate::error::ApiError>,
    pub setup: Option<SetupStatus>,
    pub signed_in: Option<Session>,
    /// The staff member whose idle desk is locked, for the unlock screen.
    pub locked: Option<Session>,
    pub idle_lock_minutes: i64,
    /// The app's clock now (UTC ms): the UI's dates and timers follow it, so
    /// an injected clock (`--clock`) moves the screens too.
    pub now: crate::clock::Millis,
    /// The shop's time zone (IANA name): every time on screen is shown in
    /// it, whatever the computer's own zone.
    pub time_zone: String,
}
