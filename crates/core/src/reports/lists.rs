//! The customer lists a campaign starts from, paged: customers not seen
//! for N days (流失顾客, most recently lapsed first) and the month's
//! birthdays (by day of the month); each row with her tier, balance, last
//! visit and last stylist. One action makes a follow-up task for everyone
//! on a list.
//!
//! "Not seen for N days": her last checked-out visit was on business day
//! `today − N` or before (customers who never came are not on it); erased
//! customers are on no list. Phones are masked: the follow-up queue shows
//! the number to the one who calls.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{self, Millis};
use crate::customers::phone;
use crate::error::{Error, Invalid, Result};
use crate::followups::{FollowUpReason, campaign};
use crate::ids::{CustomerId, StaffId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{shop, validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CustomerListKind {
    /// Last visit `days` or more days ago (1–3650).
    Dormant { days: i64 },
    /// Born in `month` (1–12), by day of the month.
    Birthdays { month: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerListRequest {
    pub list: CustomerListKind,
    /// 1-based.
    pub page: i64,
    /// 1–500.
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerList {
    pub total: i64,
    pub page: i64,
    pub rows: Vec<ListedCustomer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListedCustomer {
    pub customer_id: CustomerId,
    pub name: String,
    pub phone_masked: String,
    pub tier: String,
    pub tier_color: String,
    pub balance: Fen,
    pub visits: i64,
    /// Business date of her last checked-out visit, and days since.
    pub last_visit: Option<String>,
    pub days_since: Option<i64>,
    /// "3003号 陈静".
    pub last_stylist: Option<String>,
    pub birthday: Option<String>,
    pub do_not_contact: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListFollowUpsRequest {
    pub list: CustomerListKind,
    /// YYYY-MM-DD, today or later.
    pub due_date: String,
    /// Whom the calls are given to (the one asking when absent).
    pub assigned_to: Option<StaffId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListFollowUps {
    pub created: i64,
    pub skipped_do_not_contact: i64,
    pub skipped_already_open: i64,
}

/// A page of a customer list (managers: `ViewReports`).
pub fn customer_list(
    db: &mut Db,
    session: &Session,
    req: CustomerListRequest,
) -> Result<CustomerList> {
    if !(1..=500).contains(&req.page_size) {
        return Err(Error::invalid("page_size", Invalid::OutOfRange));
    }
    if !(1..=1_000_000).contains(&req.page) {
        return Err(Error::invalid("page", Invalid::OutOfRange));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        let f = Filter::new(tx, req.list)?;
        let total = f.count(tx)?;
        let rows = f.rows(tx, req.page_size, (req.page - 1) * req.page_size)?;
        Ok(CustomerList {
            total,
            page: req.page,
            rows,
        })
    })
}

/// A follow-up task for everyone on the list (managers: `ViewReports` and
/// `MakeFollowUps`), dormant customers' as "dormant", birthdays' as
/// "birthday"; one transaction.
pub fn list_follow_ups(
    db: &mut Db,
    session: &Session,
    req: ListFollowUpsRequest,
) -> Result<ListFollowUps> {
    let due = validate::calendar_date("due_date", &req.due_date)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        staff::authorize(tx, session, Permission::MakeFollowUps)?;
        let today = shop::today(tx)?;
        if due < today || due > today + Days::new(400) {
            return Err(Error::invalid("due_date", Invalid::Date));
        }
        let assigned = req.assigned_to.unwrap_or(session.staff_id);
        if staff::active_role(tx, assigned)?.is_none() {
            return Err(Error::invalid("assigned_to", Invalid::NotAvailable));
        }
        let f = Filter::new(tx, req.list)?;
        let ids = f.ids(tx, None)?;
        let reason = match req.list {
            CustomerListKind::Dormant { .. } => FollowUpReason::Dormant,
            CustomerListKind::Birthdays { .. } => FollowUpReason::Birthday,
        };
        let due = due.format("%Y-%m-%d").to_string();
        let s = campaign::schedule(tx, session.staff_id, reason, &ids, &due, assigned)?;
        Ok(ListFollowUps {
            created: s.created,
            skipped_do_not_contact: s.do_not_contact,
            skipped_already_open: s.already_open,
        })
    })
}

/// A list as SQL: its rows (`FROM`/`WHERE`, `ORDER BY`) and one parameter.
struct Filter {
    /// The customer id column of `from_where`.
    id: &'static str,
    from_where: &'static str,
    order: &'static str,
    param: rusqlite::types::Value,
    today: NaiveDate,
    tz: chrono_tz::Tz,
}

// Both read one index only (customer_visits_by_last, customers_by_birthday).
const DORMANT: &str = "FROM customer_visits cv WHERE cv.erased = 0 AND cv.last_visit_at < ?1";
const BIRTHDAYS: &str = "FROM customers c
     WHERE substr(c.birthday, 6, 5) BETWEEN ?1 || '-01' AND ?1 || '-31'
       AND c.birthday IS NOT NULL AND c.erased_at IS NULL";

impl Filter {
    fn new(tx: &Tx<'_>, list: CustomerListKind) -> Result<Filter> {
        let tz = shop::time_zone(tx)?;
        let today = clock::business_date(tx.now, tz);
        Ok(match list {
            CustomerListKind::Dormant { days } => {
                if !(1..=3650).contains(&days) {
                    return Err(Error::invalid("days", Invalid::OutOfRange));
                }
                // Seen on today − days + 1 or later is not dormant.
                let first_recent = today - Days::new(days as u64 - 1);
                let (cutoff, _) = clock::day_bounds(first_recent, tz);
                Filter {
                    id: "cv.customer_id",
                    from_where: DORMANT,
                    order: "cv.last_visit_at DESC, cv.customer_id DESC",
                    param: cutoff.into(),
                    today,
                    tz,
                }
            }
            CustomerListKind::Birthdays { month } => {
                if !(1..=12).contains(&month) {
                    return Err(Error::invalid("month", Invalid::OutOfRange));
                }
                Filter {
                    id: "c.id",
                    from_where: BIRTHDAYS,
                    order: "substr(c.birthday, 6, 5), c.id",
                    param: format!("{month:02}").into(),
                    today,
                    tz,
                }
            }
        })
    }

    fn count(&self, tx: &Tx<'_>) -> Result<i64> {
        Ok(tx.query_row(
            &format!("SELECT count(*) {}", self.from_where),
            [&self.param],
            |r| r.get(0),
        )?)
    }

    /// Everyone on the list, in its order; `limit`/`offset` for a page.
    fn ids(&self, tx: &Tx<'_>, page: Option<(i64, i64)>) -> Result<Vec<CustomerId>> {
        let (limit, offset) = page.unwrap_or((-1, 0));
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {} {} ORDER BY {} LIMIT ?2 OFFSET ?3",
            self.id, self.from_where, self.order
        ))?;
        let ids = stmt
            .query_map(params![self.param, limit, offset], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<CustomerId>>>()?;
        Ok(ids)
    }

    fn rows(&self, tx: &Tx<'_>, limit: i64, offset: i64) -> Result<Vec<ListedCustomer>> {
        let mut stmt = tx.prepare_cached(
            "SELECT c.id, c.name, coalesce(c.phone, ''), coalesce(t.name, ''), coalesce(t.color, '#8c8c8c'),
                    coalesce(b.balance_fen, 0), coalesce(cv.visits, 0), cv.last_visit_at,
                    st.staff_no || '号 ' || st.name, c.birthday, c.do_not_contact
             FROM customers c
             LEFT JOIN customer_visits cv ON cv.customer_id = c.id
             LEFT JOIN visits lv ON lv.id = cv.last_visit_id
             LEFT JOIN staff st ON st.id = lv.stylist_id
             LEFT JOIN sv_balances b ON b.customer_id = c.id
             LEFT JOIN customer_tiers ct ON ct.customer_id = c.id
             LEFT JOIN tiers t ON t.id = coalesce(ct.tier_id, (SELECT id FROM tiers ORDER BY rank LIMIT 1))
             WHERE c.id = ?1",
        )?;
        let mut out = Vec::new();
        for id in self.ids(tx, Some((limit, offset)))? {
            out.push(stmt.query_row([id], |r| {
                let last: Option<Millis> = r.get(7)?;
                let last_date = last.map(|at| clock::business_date(at, self.tz));
                Ok(ListedCustomer {
                    customer_id: r.get(0)?,
                    name: r.get(1)?,
                    phone_masked: phone::mask(&r.get::<_, String>(2)?),
                    tier: r.get(3)?,
                    tier_color: r.get(4)?,
                    balance: r.get(5)?,
                    visits: r.get(6)?,
                    last_visit: last_date.map(|d| d.format("%Y-%m-%d").to_string()),
                    days_since: last_date.map(|d| (self.today - d).num_days()),
                    last_stylist: r.get(8)?,
                    birthday: r.get(9)?,
                    do_not_contact: r.get(10)?,
                })
            })?);
        }
        Ok(out)
    }
}

/// Everyone on a list, in its order (for the CSV and the printout).
pub(crate) fn all_rows(tx: &Tx<'_>, list: CustomerListKind) -> Result<Vec<ListedCustomer>> {
    Filter::new(tx, list)?.rows(tx, -1, 0)
}

/// How many living customers were last seen `days` ago or before, for
/// each of `days` (one pass over the index).
pub(crate) fn dormant_counts(tx: &Tx<'_>, days: &[i64]) -> Result<Vec<i64>> {
    let mut out = Vec::with_capacity(days.len());
    let mut cutoffs = Vec::with_capacity(days.len());
    for &d in days {
        let f = Filter::new(tx, CustomerListKind::Dormant { days: d })?;
        cutoffs.push(f.param);
    }
    let Some(widest) = cutoffs.iter().max_by(|a, b| cmp_value(a, b)).cloned() else {
        return Ok(out);
    };
    let mut stmt = tx.prepare_cached(
        "SELECT last_visit_at FROM customer_visits WHERE erased = 0 AND last_visit_at < ?1",
    )?;
    let mut counts = vec![0i64; cutoffs.len()];
    let limits: Vec<i64> = cutoffs.iter().map(as_i64).collect();
    let mut rows = stmt.query([widest])?;
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        for (n, &limit) in counts.iter_mut().zip(&limits) {
            *n += i64::from(at < limit);
        }
    }
    out.extend(counts);
    Ok(out)
}

fn as_i64(v: &rusqlite::types::Value) -> i64 {
    match v {
        rusqlite::types::Value::Integer(i) => *i,
        _ => 0,
    }
}

fn cmp_value(a: &rusqlite::types::Value, b: &rusqlite::types::Value) -> std::cmp::Ordering {
    as_i64(a).cmp(&as_i64(b))
}

/// How many customers are on a list.
pub(crate) fn count(tx: &Tx<'_>, list: CustomerListKind) -> Result<i64> {
    Filter::new(tx, list)?.count(tx)
}

/// The shop's month today (1–12), for "birthdays this month".
pub(crate) fn this_month(tx: &Tx<'_>) -> Result<i64> {
    Ok(i64::from(shop::today(tx)?.month()))
}
