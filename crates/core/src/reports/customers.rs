//! Who the shop's customers are (顾客分析) for a period: new cards by how
//! she found the shop, customers whose first visit fell in the period, the
//! A/B/C class mix and members per tier today, how many have not come for
//! 30 / 60 / 90 / 180 days, and this month's birthdays (the lists behind
//! the last two: [`super::lists`]).

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::SummaryRequest;
use super::figures::Period;
use super::lists::{self, CustomerListKind};
use crate::customers::fields::{CustomerClass, Source};
use crate::error::Result;
use crate::membership::{self, MembershipReport};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerReport {
    pub from: String,
    pub to: String,
    /// Cards created in the period, per source (every source, zero too).
    pub new_cards: Vec<SourceCount>,
    /// Customers whose first checked-out visit closed in the period.
    pub first_visits: i64,
    /// Customers today (erased ones aside) per class; `None`: not classed.
    pub classes: Vec<ClassCount>,
    /// Customers whose last visit was that many days ago or more.
    pub dormant: Vec<DormantCount>,
    /// The shop's month today (1–12) and how many were born in it.
    pub birthday_month: i64,
    pub birthdays: i64,
    /// Members per tier, stored-value liability, package sessions (today).
    pub membership: MembershipReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceCount {
    pub source: Source,
    pub customers: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClassCount {
    pub class: Option<CustomerClass>,
    pub customers: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DormantCount {
    pub days: i64,
    pub customers: i64,
}

/// The thresholds the report counts dormant customers at.
pub const DORMANT_DAYS: [i64; 4] = [30, 60, 90, 180];

/// The customer report for the session (managers: `ViewReports`).
pub fn customer_report(
    db: &mut Db,
    session: &Session,
    req: SummaryRequest,
) -> Result<CustomerReport> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        customer_report_in(tx, &req)
    })
}

/// The report read in `tx` (no permission check: the caller's).
pub fn customer_report_in(tx: &Tx<'_>, req: &SummaryRequest) -> Result<CustomerReport> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let mut new_cards: Vec<SourceCount> = Source::ALL
        .iter()
        .map(|&source| SourceCount {
            source,
            customers: 0,
        })
        .collect();
    let mut stmt = tx.prepare_cached(
        "SELECT source, count(*) FROM customers WHERE created_at >= ?1 AND created_at < ?2
         GROUP BY source",
    )?;
    let mut rows = stmt.query(params![p.start, p.end])?;
    while let Some(r) = rows.next()? {
        let source: Source = r.get(0)?;
        if let Some(s) = new_cards.iter_mut().find(|s| s.source == source) {
            s.customers = r.get(1)?;
        }
    }
    let first_visits = tx.query_row(
        "SELECT count(*) FROM customer_visits WHERE first_visit_at >= ?1 AND first_visit_at < ?2",
        params![p.start, p.end],
        |r| r.get(0),
    )?;
    // Everyone per class, less the erased (a short partial index).
    let mut classes: Vec<ClassCount> = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT class, count(*) FROM customers GROUP BY class ORDER BY class IS NULL, class",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        classes.push(ClassCount {
            class: r.get(0)?,
            customers: r.get(1)?,
        });
    }
    let mut stmt = tx.prepare_cached(
        "SELECT class, count(*) FROM customers WHERE erased_at IS NOT NULL GROUP BY class",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let class: Option<CustomerClass> = r.get(0)?;
        if let Some(c) = classes.iter_mut().find(|c| c.class == class) {
            c.customers -= r.get::<_, i64>(1)?;
        }
    }
    let dormant = DORMANT_DAYS
        .iter()
        .zip(lists::dormant_counts(tx, &DORMANT_DAYS)?)
        .map(|(&days, customers)| DormantCount { days, customers })
        .collect();
    let birthday_month = lists::this_month(tx)?;
    let birthdays = lists::count(
        tx,
        CustomerListKind::Birthdays {
            month: birthday_month,
        },
    )?;
    Ok(CustomerReport {
        from: p.from,
        to: p.to,
        new_cards,
        first_visits,
        classes,
        dormant,
        birthday_month,
        birthdays,
        membership: membership::membership_report_in(tx)?,
    })
}
