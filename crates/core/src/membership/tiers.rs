//! Tiers: the ordered list, who is in which, upgrades, reviews, overrides.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::Millis;
use crate::customers;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{CustomerId, StaffId, TierId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

const DAY: i64 = 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Tier {
    pub id: TierId,
    pub name: String,
    /// 0 is the entry tier; higher is better.
    pub rank: i64,
    /// Badge colour, `#rrggbb`.
    pub color: String,
    /// Spend over the last 12 months that qualifies (inclusive), if that rule applies.
    pub min_spend_12m: Option<Fen>,
    /// One top-up of at least this (inclusive), if that rule applies.
    pub min_single_topup: Option<Fen>,
    /// Share of the menu price paid, per mille (880 = 12% off).
    pub service_rate_permille: i64,
    pub product_rate_permille: i64,
    pub birthday_gift: String,
    pub priority_booking: bool,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveTier {
    /// id 0 creates.
    pub tier: Tier,
}

crate::text_enum! {
    pub enum TierChangeKind {
        Upgrade = "upgrade",
        /// At a review, never mid-visit.
        Downgrade = "downgrade",
        /// A manager's, with a reason.
        Override = "override",
        /// The upgrade a voided visit caused, undone.
        Void = "void",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TierChange {
    pub at: Millis,
    pub from: Option<String>,
    pub to: String,
    pub kind: TierChangeKind,
    pub reason: String,
    pub visit_id: Option<VisitId>,
    pub staff: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OverrideTierRequest {
    pub customer_id: CustomerId,
    pub tier_id: TierId,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewReport {
    pub reviewed: i64,
    pub downgraded: i64,
    /// Customers with a visit in progress, left for the next review.
    pub skipped_open_visits: i64,
}

pub(crate) fn load_tiers(tx: &Tx<'_>) -> Result<Vec<Tier>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, name, rank, color, min_spend_12m_fen, min_single_topup_fen,
                service_rate_permille, product_rate_permille, birthday_gift, priority_booking, active
         FROM tiers ORDER BY rank",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Tier {
                id: r.get(0)?,
                name: r.get(1)?,
                rank: r.get(2)?,
                color: r.get(3)?,
                min_spend_12m: r.get(4)?,
                min_single_topup: r.get(5)?,
                service_rate_permille: r.get(6)?,
                product_rate_permille: r.get(7)?,
                birthday_gift: r.get(8)?,
                priority_booking: r.get(9)?,
                active: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn list_tiers(db: &mut Db, session: &Session) -> Result<Vec<Tier>> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        load_tiers(tx)
    })
}

fn color(field: &'static str, v: &str) -> Result<String> {
    let v = v.trim();
    let ok = v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(Error::invalid(field, Invalid::Format))
    }
}

pub fn save_tier(db: &mut Db, session: &Session, req: SaveTier) -> Result<Tier> {
    let t = req.tier;
    let name = validate::required_text("name", &t.name, 20)?;
    let rank = validate::in_range("rank", t.rank, 0, 20)?;
    let color = color("color", &t.color)?;
    let spend = t
        .min_spend_12m
        .map(|f| validate::in_range("min_spend_12m", f.0, 0, 10_000_000_000))
        .transpose()?;
    let topup = t
        .min_single_topup
        .map(|f| validate::in_range("min_single_topup", f.0, 1, 10_000_000_000))
        .transpose()?;
    let service_rate =
        validate::in_range("service_rate_permille", t.service_rate_permille, 100, 1000)?;
    let product_rate =
        validate::in_range("product_rate_permille", t.product_rate_permille, 100, 1000)?;
    let gift = validate::optional_text("birthday_gift", &t.birthday_gift, 60)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        let clash: Option<TierId> = tx
            .query_row(
                "SELECT id FROM tiers WHERE (name = ?1 OR rank = ?2) AND id <> ?3",
                params![name, rank, t.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            let by_name: bool = tx.query_row(
                "SELECT name = ?2 FROM tiers WHERE id = ?1",
                params![other, name],
                |r| r.get(0),
            )?;
            return Err(Error::Duplicate {
                field: if by_name { "name" } else { "rank" },
            });
        }
        let id = if t.id.0 == 0 {
            tx.execute(
                "INSERT INTO tiers (name, rank, color, min_spend_12m_fen, min_single_topup_fen,
                    service_rate_permille, product_rate_permille, birthday_gift, priority_booking,
                    active, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    name, rank, color, spend, topup, service_rate, product_rate, gift,
                    t.priority_booking, t.active, tx.now, session.staff_id
                ],
            )?;
            TierId(tx.last_insert_rowid())
        } else {
            let n = tx.execute(
                "UPDATE tiers SET name = ?2, rank = ?3, color = ?4, min_spend_12m_fen = ?5,
                    min_single_topup_fen = ?6, service_rate_permille = ?7, product_rate_permille = ?8,
                    birthday_gift = ?9, priority_booking = ?10, active = ?11, updated_at = ?12,
                    updated_by = ?13 WHERE id = ?1",
                params![
                    t.id, name, rank, color, spend, topup, service_rate, product_rate, gift,
                    t.priority_booking, t.active, tx.now, session.staff_id
                ],
            )?;
            if n == 0 {
                return Err(Error::NotFound(Entity::Tier));
            }
            t.id
        };
        audit::record(
            tx,
            Some(session.staff_id),
            Action::TierSave,
            Some(id.0),
            audit::NONE,
            Some(&serde_json::json!({ "name": name, "rank": rank })),
        )?;
        load_tiers(tx)?
            .into_iter()
            .find(|x| x.id == id)
            .ok_or(Error::NotFound(Entity::Tier))
    })
}

/// The customer's current tier (None when the shop has no tiers).
pub(crate) fn current_tier(tx: &Tx<'_>, customer: CustomerId) -> Result<Option<Tier>> {
    let tiers = load_tiers(tx)?;
    let id: Option<TierId> = tx
        .query_row(
            "SELECT tier_id FROM customer_tiers WHERE customer_id = ?1",
            [customer],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match id {
        Some(id) => tiers.into_iter().find(|t| t.id == id),
        None => tiers.into_iter().next(),
    })
}

/// What she spent in the 12 months before `now`: checked-out visits' totals
/// and packages bought.
pub(crate) fn spend_12m(tx: &Tx<'_>, customer: CustomerId, now: Millis) -> Result<Fen> {
    let since = now - 365 * DAY;
    Ok(tx.query_row(
        "SELECT (SELECT COALESCE(SUM(total_fen), 0) FROM visits
                  WHERE customer_id = ?1 AND status = 'checked_out' AND closed_at >= ?2)
              + (SELECT COALESCE(SUM(price_fen), 0) FROM packages
                  WHERE customer_id = ?1 AND sold_at >= ?2)",
        params![customer, since],
        |r| r.get(0),
    )?)
}

/// The best active tier her record qualifies for (`topup`: a top-up just made).
fn qualifying(tiers: &[Tier], spend: Fen, best_topup: Fen) -> Option<&Tier> {
    tiers
        .iter()
        .filter(|t| t.active)
        .filter(|t| {
            let by_spend = t.min_spend_12m.is_some_and(|m| spend >= m);
            let by_topup = t.min_single_topup.is_some_and(|m| best_topup >= m);
            let entry = t.min_spend_12m.is_none() && t.min_single_topup.is_none();
            entry || by_spend || by_topup
        })
        .max_by_key(|t| t.rank)
}

/// Why and by whom a tier changes.
struct Change<'a> {
    kind: TierChangeKind,
    reason: &'a str,
    visit: Option<VisitId>,
    by: Option<StaffId>,
    overridden: bool,
}

fn set_tier(
    tx: &Tx<'_>,
    customer: CustomerId,
    from: Option<&Tier>,
    to: &Tier,
    c: Change<'_>,
) -> Result<()> {
    let Change {
        kind,
        reason,
        visit,
        by,
        overridden,
    } = c;
    tx.execute(
        "INSERT INTO customer_tiers (customer_id, tier_id, since, overridden) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (customer_id) DO UPDATE SET tier_id = ?2, since = ?3, overridden = ?4",
        params![customer, to.id, tx.now, overridden],
    )?;
    tx.execute(
        "INSERT INTO tier_changes (customer_id, from_tier, to_tier, kind, reason, visit_id, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            customer,
            from.map(|f| f.id),
            to.id,
            kind,
            reason,
            visit,
            tx.now,
            by
        ],
    )?;
    Ok(())
}

/// Upgrade her at once if her record now qualifies for a higher tier.
/// `topup`: the amount of a top-up just made (the single-top-up rule).
pub(crate) fn upgrade_if_due(
    tx: &Tx<'_>,
    customer: CustomerId,
    topup: Option<Fen>,
    visit: Option<VisitId>,
    by: StaffId,
) -> Result<()> {
    let tiers = load_tiers(tx)?;
    if tiers.is_empty() {
        return Ok(());
    }
    let current = current_tier(tx, customer)?;
    let spend = spend_12m(tx, customer, tx.now)?;
    let Some(best) = qualifying(&tiers, spend, topup.unwrap_or(Fen::ZERO)) else {
        return Ok(());
    };
    if current.as_ref().is_none_or(|c| best.rank > c.rank) {
        set_tier(
            tx,
            customer,
            current.as_ref(),
            best,
            Change {
                kind: TierChangeKind::Upgrade,
                reason: "",
                visit,
                by: Some(by),
                overridden: false,
            },
        )?;
    }
    Ok(())
}

/// Undo the upgrade a voided visit caused, if it still stands.
pub(crate) fn undo_upgrade_of(
    tx: &Tx<'_>,
    customer: CustomerId,
    visit: VisitId,
    by: StaffId,
) -> Result<()> {
    let change: Option<(Option<TierId>, TierId)> = tx
        .query_row(
            "SELECT from_tier, to_tier FROM tier_changes
             WHERE customer_id = ?1 AND visit_id = ?2 AND kind = 'upgrade' ORDER BY id DESC LIMIT 1",
            params![customer, visit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((from, to)) = change else {
        return Ok(());
    };
    let current = current_tier(tx, customer)?;
    if current.as_ref().map(|c| c.id) != Some(to) {
        return Ok(()); // something later changed her tier: leave it
    }
    let tiers = load_tiers(tx)?;
    let back = match from {
        Some(f) => tiers.iter().find(|t| t.id == f),
        None => tiers.first(),
    };
    if let Some(back) = back {
        set_tier(
            tx,
            customer,
            current.as_ref(),
            back,
            Change {
                kind: TierChangeKind::Void,
                reason: "visit voided",
                visit: Some(visit),
                by: Some(by),
                overridden: false,
            },
        )?;
    }
    Ok(())
}

pub fn override_tier(db: &mut Db, session: &Session, req: OverrideTierRequest) -> Result<()> {
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::OverrideTiers)?;
        let tiers = load_tiers(tx)?;
        let Some(to) = tiers.iter().find(|t| t.id == req.tier_id && t.active) else {
            return Err(Error::invalid("tier_id", Invalid::NotAvailable));
        };
        customers::check_active(tx, req.customer_id)?;
        let current = current_tier(tx, req.customer_id)?;
        set_tier(
            tx,
            req.customer_id,
            current.as_ref(),
            to,
            Change {
                kind: TierChangeKind::Override,
                reason: &reason,
                visit: None,
                by: Some(session.staff_id),
                overridden: true,
            },
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::TierOverride,
            Some(req.customer_id.0),
            Some(req.customer_id),
            audit::NONE,
            Some(&serde_json::json!({ "tier": to.id })),
        )?;
        Ok(())
    })
}

/// The end-of-period review: everyone whose record no longer qualifies for
/// her tier moves down to the one it does. Customers with a visit in progress
/// are left for the next review (never mid-visit). Overrides are reviewed too:
/// an override lasts until the next review.
pub fn review_tiers(db: &mut Db, session: &Session) -> Result<ReviewReport> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::OverrideTiers)?;
        let tiers = load_tiers(tx)?;
        let members: Vec<(CustomerId, TierId)> = {
            let mut stmt = tx.prepare("SELECT customer_id, tier_id FROM customer_tiers")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut report = ReviewReport {
            reviewed: 0,
            downgraded: 0,
            skipped_open_visits: 0,
        };
        for (customer, tier) in members {
            report.reviewed += 1;
            let open: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM visits WHERE customer_id = ?1 AND status = 'open')",
                [customer],
                |r| r.get(0),
            )?;
            if open {
                report.skipped_open_visits += 1;
                continue;
            }
            let current = tiers.iter().find(|t| t.id == tier);
            let spend = spend_12m(tx, customer, tx.now)?;
            let best_topup: Fen = tx.query_row(
                "SELECT COALESCE(MAX(amount_fen), 0) FROM sv_ledger
                 WHERE customer_id = ?1 AND kind = 'topup' AND at >= ?2",
                params![customer, tx.now - 365 * DAY],
                |r| r.get(0),
            )?;
            if let (Some(cur), Some(best)) = (current, qualifying(&tiers, spend, best_topup)) {
                if best.rank < cur.rank {
                    set_tier(
                        tx,
                        customer,
                        Some(cur),
                        best,
                        Change {
                            kind: TierChangeKind::Downgrade,
                            reason: "review",
                            visit: None,
                            by: Some(session.staff_id),
                            overridden: false,
                        },
                    )?;
                    report.downgraded += 1;
                } else {
                    tx.execute(
                        "UPDATE customer_tiers SET overridden = 0 WHERE customer_id = ?1",
                        [customer],
                    )?;
                }
            }
        }
        tx.execute(
            "UPDATE membership_settings SET last_review_date = ?1, updated_at = ?2, updated_by = ?3
             WHERE id = 1",
            params![
                crate::shop::today(tx)?.format("%Y-%m-%d").to_string(),
                tx.now,
                session.staff_id
            ],
        )?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::TierReview,
            None,
            audit::NONE,
            Some(&report),
        )?;
        Ok(report)
    })
}

pub(crate) fn tier_history(tx: &Tx<'_>, customer: CustomerId) -> Result<Vec<TierChange>> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.at, f.name, t.name, c.kind, c.reason, c.visit_id, s.staff_no || ' ' || s.name
         FROM tier_changes c JOIN tiers t ON t.id = c.to_tier
         LEFT JOIN tiers f ON f.id = c.from_tier LEFT JOIN staff s ON s.id = c.staff_id
         WHERE c.customer_id = ?1 ORDER BY c.id DESC LIMIT 50",
    )?;
    let rows = stmt
        .query_map([customer], |r| {
            Ok(TierChange {
                at: r.get(0)?,
                from: r.get(1)?,
                to: r.get(2)?,
                kind: r.get(3)?,
                reason: r.get(4)?,
                visit_id: r.get(5)?,
                staff: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Her tier, the next one up, her 12-month spend and what it lacks.
pub(crate) struct Progress {
    pub current: Option<Tier>,
    pub next: Option<Tier>,
    pub spend: Fen,
    pub missing: Option<Fen>,
}

/// The next tier up and what is missing to reach it by spending.
pub(crate) fn progress(tx: &Tx<'_>, customer: CustomerId) -> Result<Progress> {
    let tiers = load_tiers(tx)?;
    let current = current_tier(tx, customer)?;
    let spend = spend_12m(tx, customer, tx.now)?;
    let next = tiers
        .iter()
        .filter(|t| t.active && current.as_ref().is_none_or(|c| t.rank > c.rank))
        .min_by_key(|t| t.rank)
        .cloned();
    let missing = next
        .as_ref()
        .and_then(|n| n.min_spend_12m)
        .map(|m| Fen((m.0 - spend.0).max(0)));
    Ok(Progress {
        current,
        next,
        spend,
        missing,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MembershipSettings {
    /// Downgrades are evaluated at the end of each period of this many months.
    pub review_months: i64,
    pub last_review_date: Option<String>,
    /// When the next review falls due (the end of the current period).
    pub next_review_date: String,
}

fn load_settings(tx: &Tx<'_>) -> Result<MembershipSettings> {
    let (months, last): (i64, Option<String>) = tx.query_row(
        "SELECT review_months, last_review_date FROM membership_settings WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let base = match &last {
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
        None => None,
    };
    let base = match base {
        Some(b) => b,
        None => {
            let created: Millis =
                tx.query_row("SELECT created_at FROM shop WHERE id = 1", [], |r| r.get(0))?;
            crate::clock::business_date(created, crate::shop::time_zone(tx)?)
        }
    };
    let next = base
        .checked_add_months(chrono::Months::new(months as u32))
        .unwrap_or(base);
    Ok(MembershipSettings {
        review_months: months,
        last_review_date: last,
        next_review_date: next.format("%Y-%m-%d").to_string(),
    })
}

pub fn get_membership_settings(db: &mut Db, session: &Session) -> Result<MembershipSettings> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        load_settings(tx)
    })
}

pub fn update_membership_settings(
    db: &mut Db,
    session: &Session,
    review_months: i64,
) -> Result<MembershipSettings> {
    let months = validate::in_range("review_months", review_months, 1, 36)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        tx.execute(
            "UPDATE membership_settings SET review_months = ?1, updated_at = ?2, updated_by = ?3
             WHERE id = 1",
            params![months, tx.now, session.staff_id],
        )?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::TierSettings,
            None,
            audit::NONE,
            Some(&serde_json::json!({ "review_months": months })),
        )?;
        load_settings(tx)
    })
}

/// Run the review if its period has ended (the app asks when a manager signs
/// in); None when it is not due yet.
pub fn review_tiers_if_due(db: &mut Db, session: &Session) -> Result<Option<ReviewReport>> {
    let due = db.read(|tx| {
        staff::authorize(tx, session, Permission::OverrideTiers)?;
        let s = load_settings(tx)?;
        Ok(crate::shop::today(tx)?.format("%Y-%m-%d").to_string() >= s.next_review_date)
    })?;
    if due {
        review_tiers(db, session).map(Some)
    } else {
        Ok(None)
    }
}
