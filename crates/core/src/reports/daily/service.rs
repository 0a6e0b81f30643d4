//! Service: the services done, the customers' ratings at checkout, and the
//! consultation and waiting times against the flow's standards and the
//! board's limits.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::CHECKED_OUT;
use super::visits::VisitRow;
use crate::error::Result;
use crate::flow::FlowSettings;
use crate::ids::ServiceId;
use crate::reports::figures::Period;
use crate::reports::figures::{Rating, RatingSum};
use crate::storage::Tx;
use crate::visits::Stage;
use crate::visits::board::timer_limits;

const MINUTE: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServiceCount {
    pub service_id: ServiceId,
    pub name: String,
    /// Times done (a line's quantity counts).
    pub count: i64,
    /// Of which paid by a package session.
    pub by_package: i64,
}

/// Consultations (consult started → ended) against the manual's standard:
/// `min`–`max` minutes, a new customer's at most `new_max`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsultTimes {
    pub min_minutes: i64,
    pub max_minutes: i64,
    pub new_max_minutes: i64,
    pub measured: i64,
    pub within: i64,
    pub too_short: i64,
    pub too_long: i64,
    pub average_seconds: Option<i64>,
}

/// A wait at the desk against the board's limits (amber, red).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WaitTimes {
    pub amber_minutes: i64,
    pub red_minutes: i64,
    pub measured: i64,
    /// No longer than the amber limit.
    pub within: i64,
    /// Longer than the red limit.
    pub over_red: i64,
    pub average_seconds: Option<i64>,
}

pub(super) fn services(tx: &Tx<'_>, p: &Period) -> Result<Vec<ServiceCount>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT l.item_id, coalesce(s.name, max(l.name)), sum(l.qty),
                sum(CASE WHEN l.package_id IS NOT NULL THEN l.qty ELSE 0 END)
         FROM visit_lines l LEFT JOIN services s ON s.id = l.item_id
         WHERE l.kind = 'service' AND l.visit_id IN ({CHECKED_OUT})
         GROUP BY l.item_id ORDER BY sum(l.qty) DESC, l.item_id"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end], |r| {
            Ok(ServiceCount {
                service_id: r.get(0)?,
                name: r.get(1)?,
                count: r.get(2)?,
                by_package: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The service and stylist ratings of the checked-out visits.
pub(super) fn ratings(visits: &[VisitRow]) -> (Rating, Rating) {
    let mut service_rating = RatingSum::default();
    let mut stylist_rating = RatingSum::default();
    for v in visits.iter().filter(|v| v.status == "checked_out") {
        service_rating.add(v.service_rating);
        stylist_rating.add(v.stylist_rating);
    }
    (service_rating.finish(), stylist_rating.finish())
}

/// Consultations of the period's visits (voided ones aside) against the
/// standard; a new customer's (or an anonymous walk-in's) against `new_max`.
pub(super) fn consultations(visits: &[VisitRow], rules: &FlowSettings) -> ConsultTimes {
    let mut consult = ConsultTimes {
        min_minutes: rules.consult_min_minutes,
        max_minutes: rules.consult_max_minutes,
        new_max_minutes: rules.consult_new_max_minutes,
        ..ConsultTimes::default()
    };
    let mut consult_ms = 0i64;
    for v in visits.iter().filter(|v| v.status != "voided") {
        if let (Some(s), Some(e)) = (v.consult_started_at, v.consult_ended_at) {
            let d = e - s;
            let max = if v.first_time || !v.customer {
                rules.consult_new_max_minutes
            } else {
                rules.consult_max_minutes
            };
            consult.measured += 1;
            consult_ms += d;
            if d < rules.consult_min_minutes * MINUTE {
                consult.too_short += 1;
            } else if d > max * MINUTE {
                consult.too_long += 1;
            } else {
                consult.within += 1;
            }
        }
    }
    consult.average_seconds = average_seconds(consult_ms, consult.measured);
    consult
}

/// The waits at the desk against the board's greeting limits: arrival →
/// consultation started (voided visits aside), and re-consultation →
/// checkout (checked-out visits).
pub(super) fn waits(visits: &[VisitRow], rules: &FlowSettings) -> (WaitTimes, WaitTimes) {
    let (amber, red) = timer_limits(Stage::Greet, false, 0, rules);
    let (amber, red) = (amber.unwrap_or(0), red.unwrap_or(0));
    let mut to_consult = Wait::new(amber, red);
    let mut to_leave = Wait::new(amber, red);
    for v in visits.iter().filter(|v| v.status != "voided") {
        if v.status == "checked_out"
            && let (Some(r), Some(c)) = (v.reconsult_at, v.closed_at)
        {
            to_leave.add(c - r);
        }
        if let Some(s) = v.consult_started_at {
            to_consult.add(s - v.arrived_at);
        }
    }
    (to_consult.finish(), to_leave.finish())
}

fn average_seconds(total_ms: i64, n: i64) -> Option<i64> {
    (n > 0).then(|| (total_ms + n * 500) / (n * 1000))
}

struct Wait {
    amber: i64,
    red: i64,
    total_ms: i64,
    figures: WaitTimes,
}

impl Wait {
    fn new(amber: i64, red: i64) -> Wait {
        Wait {
            amber,
            red,
            total_ms: 0,
            figures: WaitTimes {
                amber_minutes: amber / MINUTE,
                red_minutes: red / MINUTE,
                ..WaitTimes::default()
            },
        }
    }
    fn add(&mut self, ms: i64) {
        let ms = ms.max(0);
        self.figures.measured += 1;
        self.total_ms += ms;
        if ms <= self.amber {
            self.figures.within += 1;
        }
        if ms > self.red {
            self.figures.over_red += 1;
        }
    }
    fn finish(mut self) -> WaitTimes {
        self.figures.average_seconds = average_seconds(self.total_ms, self.figures.measured);
        self.figures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_round_half_up() {
        let mut r = RatingSum::default();
        for n in [Some(5), Some(4), Some(0), None, Some(4)] {
            r.add(n);
        }
        let r = r.finish();
        // 13 / 3 = 4.333… → 4.3; "不知道" and not asked are not ratings.
        assert_eq!(
            (r.rated, r.sum, r.unknown, r.average_tenths),
            (3, 13, 1, Some(43))
        );
        assert_eq!(average_seconds(1_500, 1), Some(2));
        assert_eq!(average_seconds(1_499, 1), Some(1));
        assert_eq!(average_seconds(0, 0), None);
    }
}
