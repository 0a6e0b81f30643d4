//! Package cards (次卡 / 疗程卡, `packages`): N sessions of one service,
//! optionally expiring, sold for money or from her balance; each session
//! used at checkout is a `package_uses` row moving `sessions_left`, which
//! cannot go below zero.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::Millis;
use crate::customers;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{CustomerId, PackageId, ServiceId, StaffId, VisitId};
use crate::membership::tiers;
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{catalog, shop, validate};

use super::MAX_FEN;
use super::card::{Membership, load_membership};
use super::stored_value::{LedgerKind, Move, balance, post};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SellPackageRequest {
    pub customer_id: CustomerId,
    pub service_id: ServiceId,
    pub sessions: i64,
    pub price: Fen,
    /// How it was paid; `stored_value` takes it from her balance.
    pub method: PackagePayment,
    /// YYYY-MM-DD, or None for no expiry.
    pub expires_on: Option<String>,
}

crate::text_enum! {
    /// How a package was paid for.
    pub enum PackagePayment {
        Cash = "cash",
        Card = "card",
        Mobile = "mobile",
        /// From her stored-value balance.
        StoredValue = "stored_value",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Package {
    pub id: PackageId,
    pub service_id: ServiceId,
    pub name: String,
    pub sessions_total: i64,
    pub sessions_left: i64,
    pub price: Fen,
    pub expires_on: Option<String>,
    pub expired: bool,
    pub sold_at: Millis,
}

/// Her packages with the sessions left just after `at`, and whether `visit`
/// used one of their sessions.
pub(crate) fn packages_at(
    tx: &Tx<'_>,
    customer: CustomerId,
    at: Millis,
    visit: VisitId,
) -> Result<Vec<(String, i64, bool)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT p.name,
                p.sessions_left - coalesce((SELECT sum(u.delta) FROM package_uses u
                                            WHERE u.package_id = p.id AND u.at > ?2), 0),
                EXISTS (SELECT 1 FROM package_uses u WHERE u.package_id = p.id
                          AND u.visit_id = ?3 AND u.delta < 0)
         FROM packages p WHERE p.customer_id = ?1 AND p.sold_at <= ?2 ORDER BY p.id",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![customer, at, visit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn sell_package(db: &mut Db, session: &Session, req: SellPackageRequest) -> Result<Membership> {
    let sessions = validate::in_range("sessions", req.sessions, 1, 200)?;
    let price = validate::in_range("price", req.price.0, 0, MAX_FEN)?;
    let expires = req
        .expires_on
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| Error::invalid("expires_on", Invalid::Date))
        })
        .transpose()?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        customers::check_active(tx, req.customer_id)?;
        let today = shop::today(tx)?;
        if expires.is_some_and(|e| e < today) {
            return Err(Error::invalid("expires_on", Invalid::Date));
        }
        let Some(service) = catalog::service(tx, req.service_id)?.filter(|s| s.active) else {
            return Err(Error::invalid("service_id", Invalid::NotAvailable));
        };
        let name = service.name;
        let c = req.customer_id;
        let method = req.method;
        tx.execute(
            "INSERT INTO packages (customer_id, service_id, name, sessions_total, sessions_left,
                price_fen, method, expires_on, sold_at, sold_by)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                c,
                req.service_id,
                format!("{name} ×{sessions}"),
                sessions,
                price,
                method,
                expires.map(|e| e.format("%Y-%m-%d").to_string()),
                tx.now,
                session.staff_id
            ],
        )?;
        let id = PackageId(tx.last_insert_rowid());
        let before = balance(tx, c)?;
        if req.method == PackagePayment::StoredValue && price > 0 {
            post(
                tx,
                "price",
                Move {
                    customer: c,
                    kind: LedgerKind::Spend,
                    amount: Fen(-price),
                    method: None,
                    visit: None,
                    note: &format!("package {}", id.0),
                },
                session.staff_id,
            )?;
        }
        tiers::upgrade_if_due(tx, c, None, None, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::PackageSell,
            Some(c.0),
            Some(c),
            Some(&serde_json::json!({ "balance": before })),
            Some(&serde_json::json!({
                "package": id, "sessions": sessions, "price": Fen(price), "method": method,
                "balance": balance(tx, c)?
            })),
        )?;
        load_membership(tx, c)
    })
}

/// Use one session of `package` for a service line at checkout. Refused
/// when the package is not hers or not for that service, is used up, or has
/// expired.
pub(crate) fn use_package(
    tx: &Tx<'_>,
    customer: CustomerId,
    package: PackageId,
    service: ServiceId,
    visit: VisitId,
    by: StaffId,
) -> Result<()> {
    let row: Option<(CustomerId, ServiceId, i64, Option<String>)> = tx
        .query_row(
            "SELECT customer_id, service_id, sessions_left, expires_on FROM packages WHERE id = ?1",
            [package],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((owner, svc, left, expires)) = row else {
        return Err(Error::NotFound(Entity::Package));
    };
    if owner != customer || svc != service {
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    if left < 1 {
        return Err(Error::PackageUsedUp);
    }
    let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
    if expires.is_some_and(|e| e < today) {
        return Err(Error::Expired {
            field: "package_uses",
        });
    }
    tx.execute(
        "INSERT INTO package_uses (package_id, visit_id, delta, at, staff_id) VALUES (?1, ?2, -1, ?3, ?4)",
        params![package, visit, tx.now, by],
    )?;
    Ok(())
}

pub(crate) fn load_packages(tx: &Tx<'_>, customer: CustomerId) -> Result<Vec<Package>> {
    let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
    let mut stmt = tx.prepare_cached(
        "SELECT id, service_id, name, sessions_total, sessions_left, price_fen, expires_on, sold_at
         FROM packages WHERE customer_id = ?1 ORDER BY sessions_left = 0, id DESC",
    )?;
    let rows = stmt
        .query_map([customer], |r| {
            let expires: Option<String> = r.get(6)?;
            Ok(Package {
                id: r.get(0)?,
                service_id: r.get(1)?,
                name: r.get(2)?,
                sessions_total: r.get(3)?,
                sessions_left: r.get(4)?,
                price: r.get(5)?,
                expired: expires.as_deref().is_some_and(|e| e < today.as_str()),
                expires_on: expires,
                sold_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
