//! The shop's profile and desk settings (SPEC 3.11): name, address and phone for
//! slips, the time zone its business day follows, and the idle-lock time.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::clock::Millis;
use crate::customers::GreetingStyle;
use crate::error::{Entity, Error, Invalid, Result};
use crate::staff::{self, Permission, Session, StaffId};
use crate::storage::{Db, Tx};
use crate::validate;

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

#[derive(Debug, Clone, Deserialize, TS)]
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

fn load(tx: &Tx<'_>) -> Result<ShopProfile> {
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
                greeting_style: GreetingStyle::parse(&r.get::<_, String>(4)?),
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
        load(tx)
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
        let before = load(tx)?;
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
                req.greeting_style.as_str(),
                zone
            ],
        )?;
        let after = load(tx)?;
        audit::record(
            tx,
            Some(session.staff_id),
            "shop.update",
            "shop",
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
    Ok(name
        .and_then(|n| n.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(crate::clock::DEFAULT_TIME_ZONE))
}

/// The shop's time zone, read on its own (no session: the app status and
/// file names need it before anyone signs in).
pub fn time_zone_of(db: &mut Db) -> Result<chrono_tz::Tz> {
    db.read(time_zone)
}

/// The shop's business date now.
pub fn today(tx: &Tx<'_>) -> Result<chrono::NaiveDate> {
    Ok(crate::clock::business_date(tx.now, time_zone(tx)?))
}
