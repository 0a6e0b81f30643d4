//! A customer's visits as the desk and the stylist need them: the summary
//! shown at check-in (last visit, open follow-ups and complaints, birthday
//! this month) and each metric's measurements over time, for the trend chart.

use chrono::Datelike;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::shop;
use crate::staff::{self, Permission, Session};
use crate::storage::Db;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitSummary {
    /// Checked-out visits.
    pub visits: i64,
    pub last_visit_date: Option<String>,
    pub days_since_last_visit: Option<i64>,
    pub last_stylist: Option<String>,
    pub last_services: Vec<String>,
    pub open_followups: i64,
    pub open_complaints: i64,
    pub birthday_this_month: bool,
    /// Her visit in progress, if she is checked in.
    pub open_visit_id: Option<i64>,
}

pub fn customer_visit_summary(
    db: &mut Db,
    session: &Session,
    id: CustomerId,
) -> Result<VisitSummary> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let birthday: Option<Option<String>> = tx
            .query_row("SELECT birthday FROM customers WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(birthday) = birthday else {
            return Err(Error::NotFound(Entity::Customer));
        };
        let today = shop::today(tx)?;
        // Her checked-out visits, kept by the visits' triggers (migration 11).
        let visits: i64 = tx.query_row(
            "SELECT coalesce((SELECT visits FROM customer_visits WHERE customer_id = ?1), 0)",
            [id.0],
            |r| r.get(0),
        )?;
        let last: Option<(i64, String, Option<String>)> = tx
            .query_row(
                "SELECT v.id, v.business_date, s.staff_no || '号 ' || s.name FROM visits v
                 LEFT JOIN staff s ON s.id = v.stylist_id
                 WHERE v.customer_id = ?1 AND v.status = 'checked_out'
                 ORDER BY v.arrived_at DESC LIMIT 1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let last_services = match &last {
            Some((v, _, _)) => {
                let mut stmt = tx.prepare_cached(
                    "SELECT name FROM visit_lines WHERE visit_id = ?1 AND kind = 'service' ORDER BY id",
                )?;
                stmt.query_map([v], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?
            }
            None => Vec::new(),
        };
        let days_since = last.as_ref().and_then(|(_, d, _)| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|d| (today - d).num_days())
        });
        let (open_followups, open_complaints): (i64, i64) = tx.query_row(
            "SELECT (SELECT COUNT(*) FROM followups WHERE customer_id = ?1 AND status = 'open'),
                    (SELECT COUNT(*) FROM complaints WHERE customer_id = ?1 AND status = 'open')",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let open_visit_id: Option<i64> = tx
            .query_row(
                "SELECT id FROM visits WHERE customer_id = ?1 AND status = 'open' LIMIT 1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?;
        let birthday_this_month = birthday
            .and_then(|b| chrono::NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok())
            .is_some_and(|b| b.month() == today.month());
        Ok(VisitSummary {
            visits,
            last_visit_date: last.as_ref().map(|l| l.1.clone()),
            days_since_last_visit: days_since,
            last_stylist: last.and_then(|l| l.2),
            last_services,
            open_followups,
            open_complaints,
            birthday_this_month,
            open_visit_id,
        })
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeasurementPoint {
    pub visit_id: i64,
    pub date: String,
    pub pre: Option<i64>,
    pub post: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MetricSeries {
    pub metric_id: i64,
    pub name: String,
    pub unit: String,
    pub decimals: i64,
    pub min_value: i64,
    pub max_value: i64,
    /// Oldest first; voided and cancelled visits left out.
    pub points: Vec<MeasurementPoint>,
}

/// Every metric measured on her, with its values visit by visit.
pub fn customer_measurements(
    db: &mut Db,
    session: &Session,
    id: CustomerId,
) -> Result<Vec<MetricSeries>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let mut stmt = tx.prepare_cached(
            "SELECT m.id, m.name, m.unit, m.decimals, m.min_value, m.max_value, v.id,
                    v.business_date,
                    MAX(CASE WHEN vm.phase = 'pre' THEN vm.value END),
                    MAX(CASE WHEN vm.phase = 'post' THEN vm.value END)
             FROM visits v
             JOIN visit_measurements vm ON vm.visit_id = v.id
             JOIN metrics m ON m.id = vm.metric_id
             WHERE v.customer_id = ?1 AND v.status IN ('open', 'checked_out')
             GROUP BY m.id, v.id
             ORDER BY m.id, v.arrived_at",
        )?;
        let rows = stmt
            .query_map(params![id.0], |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                    ),
                    MeasurementPoint {
                        visit_id: r.get(6)?,
                        date: r.get(7)?,
                        pre: r.get(8)?,
                        post: r.get(9)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: Vec<MetricSeries> = Vec::new();
        for ((mid, name, unit, decimals, min, max), point) in rows {
            match out.last_mut() {
                Some(s) if s.metric_id == mid => s.points.push(point),
                _ => out.push(MetricSeries {
                    metric_id: mid,
                    name,
                    unit,
                    decimals,
                    min_value: min,
                    max_value: max,
                    points: vec![point],
                }),
            }
        }
        Ok(out)
    })
}
