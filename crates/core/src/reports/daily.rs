//! The daily summary (日报) for a business day or a range of days: what the
//! manager reads every morning about yesterday and at month-end about the
//! month.
//!
//! **Which day a figure falls on.** Every figure counts once, on the shop's
//! business day (its time zone) of one instant:
//! - a visit on the day it closed (checked out, cancelled; a voided visit
//!   keeps the day of its checkout), an open visit on the day it arrived —
//!   so a visit that arrived at 23:50 and checked out at 00:01 is the next
//!   day's;
//! - money, ratings, services, gifts and vouchers of a visit with the visit;
//!   only checked-out visits count (a voided visit's money, sessions,
//!   ratings, gifts and vouchers count nowhere: it is only counted as voided);
//! - top-ups, bonuses, refunds and package sales when they were made;
//! - follow-ups done when they were closed; overdue ones on the day they
//!   were due; complaints on the day they were opened.
//!
//! **Money.** Revenue is what checked-out visits billed: money taken (cash,
//! card, mobile), stored value spent and vouchers taken add up to it exactly.
//! Package sessions pay nothing at checkout (their price was received when
//! the package was sold); they are shown apart, with their menu value.
//! Top-ups and package sales are money received against a liability created
//! (a bonus is liability without money).

use std::collections::BTreeMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{self, Millis};
use crate::error::Result;
use crate::gifts::reconcile::{self, PeriodRequest};
use crate::ids::{GiftItemId, ServiceId, VoucherTypeId};
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::visits::Stage;
use crate::visits::board::timer_limits;
use crate::{flow, shop};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryRequest {
    /// Business dates, YYYY-MM-DD, inclusive (the same day twice for one day).
    pub from: String,
    pub to: String,
}

/// Visits by the stage they reached, and how they came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitFigures {
    pub total: i64,
    pub checked_out: i64,
    pub cancelled: i64,
    pub voided: i64,
    /// Arrived in the period and not closed yet.
    pub open: i64,
    pub walk_ins: i64,
    pub appointments: i64,
}

/// Checked-out visits by who came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerFigures {
    /// Visits of a customer with no checked-out visit before this one.
    pub new_customers: i64,
    /// Visits of a customer who had been checked out before.
    pub returning: i64,
    /// Visits of anonymous walk-ins (no card).
    pub anonymous: i64,
    /// Cards created in the period.
    pub cards_created: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MethodAmount {
    pub method: PayMethod,
    pub amount: Fen,
}

/// What checked-out visits billed, and how it was paid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Revenue {
    pub visits: i64,
    /// The bills' totals: `money_taken + stored_value + vouchers`.
    pub billed: Fen,
    pub services: Fen,
    pub products: Fen,
    /// Cash, card and mobile, each method once (zero included).
    pub by_method: Vec<MethodAmount>,
    pub money_taken: Fen,
    /// Paid from members' balances (no money taken now).
    pub stored_value: Fen,
    /// Paid by vouchers.
    pub vouchers: Fen,
    /// Service lines paid by a package session (no money taken now)...
    pub package_sessions: i64,
    /// ...and their menu value.
    pub package_value: Fen,
}

/// Stored value sold and given back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TopUps {
    pub count: i64,
    /// Money received, per method.
    pub by_method: Vec<MethodAmount>,
    pub received: Fen,
    /// Bonuses the shop added (liability without money).
    pub bonus: Fen,
    /// Balance created: received + bonus.
    pub liability_created: Fen,
    pub refunds: i64,
    /// Money given back from balances, per method...
    pub refunds_by_method: Vec<MethodAmount>,
    /// ...and in all.
    pub refunded: Fen,
}

/// Package cards sold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackageSales {
    pub count: i64,
    /// Sessions sold (the liability in sessions).
    pub sessions: i64,
    /// Money received, per method.
    pub by_method: Vec<MethodAmount>,
    pub received: Fen,
    /// Paid from balances (an exchange of one liability for another).
    pub from_stored_value: Fen,
    /// The packages' prices: the liability created in money.
    pub liability_created: Fen,
}

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

/// Ratings 1–5 given at checkout (0 "不知道" apart).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Rating {
    pub rated: i64,
    pub sum: i64,
    /// Answered "不知道".
    pub unknown: i64,
    /// sum / rated in tenths, rounded half up; None when nobody rated.
    pub average_tenths: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowupFigures {
    /// Closed as done in the period.
    pub done: i64,
    /// Closed as unreachable or a wrong number in the period.
    pub not_reached: i64,
    /// Due in the period and not done by the end of their due day (open
    /// still, or closed later); not cancelled.
    pub overdue: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ComplaintFigures {
    pub opened: i64,
    /// Of those opened: answered by their due time...
    pub answered_in_time: i64,
    /// ...after it...
    pub answered_late: i64,
    /// ...not answered and past due now...
    pub unanswered_overdue: i64,
    /// ...not answered and not due yet.
    pub unanswered_pending: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftFigure {
    pub item_id: GiftItemId,
    pub name: String,
    pub unit: String,
    pub issued: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherFigure {
    pub voucher_type_id: VoucherTypeId,
    pub name: String,
    pub face_value: Fen,
    pub issued: i64,
    pub redeemed: i64,
    /// What the redeemed vouchers paid.
    pub redeemed_amount: Fen,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DailySummary {
    pub from: String,
    pub to: String,
    pub days: i64,
    pub visits: VisitFigures,
    pub customers: CustomerFigures,
    pub revenue: Revenue,
    pub top_ups: TopUps,
    pub packages: PackageSales,
    /// Money into the till per method: visits, top-ups and package sales,
    /// less refunds.
    pub money_in: Vec<MethodAmount>,
    pub services: Vec<ServiceCount>,
    pub service_rating: Rating,
    pub stylist_rating: Rating,
    pub followups: FollowupFigures,
    pub complaints: ComplaintFigures,
    pub gifts: Vec<GiftFigure>,
    pub vouchers: Vec<VoucherFigure>,
    /// Consultations of the period's visits (voided ones aside).
    pub consultations: ConsultTimes,
    /// Arrival → consultation started.
    pub waiting_for_consult: WaitTimes,
    /// Re-consultation → checkout.
    pub waiting_to_leave: WaitTimes,
}

/// The daily summary for the session (managers: `ViewReports`).
pub fn daily_summary(db: &mut Db, session: &Session, req: SummaryRequest) -> Result<DailySummary> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        daily_summary_in(tx, &req)
    })
}

/// The summary read in `tx` (no permission check: the caller's).
pub fn daily_summary_in(tx: &Tx<'_>, req: &SummaryRequest) -> Result<DailySummary> {
    let (from, to) = reconcile::period(&PeriodRequest {
        from: req.from.clone(),
        to: req.to.clone(),
    })?;
    let tz = shop::time_zone(tx)?;
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    let (start, _) = clock::day_bounds(date(&from), tz);
    let (_, end) = clock::day_bounds(date(&to), tz);
    let p = Period {
        start,
        end,
        from: &from,
        to: &to,
    };
    let rules = flow::load(tx)?;
    let visits = visit_rows(tx, &p)?;

    let mut vf = VisitFigures::default();
    let mut cf = CustomerFigures::default();
    let mut service_rating = RatingSum::default();
    let mut stylist_rating = RatingSum::default();
    let mut consult = ConsultTimes {
        min_minutes: rules.consult_min_minutes,
        max_minutes: rules.consult_max_minutes,
        new_max_minutes: rules.consult_new_max_minutes,
        ..ConsultTimes::default()
    };
    let mut consult_ms = 0i64;
    let (amber, red) = timer_limits(Stage::Greet, false, 0, &rules);
    let (amber, red) = (amber.unwrap_or(0), red.unwrap_or(0));
    let mut to_consult = Wait::new(amber, red);
    let mut to_leave = Wait::new(amber, red);
    for v in &visits {
        vf.total += 1;
        match v.status.as_str() {
            "checked_out" => vf.checked_out += 1,
            "cancelled" => vf.cancelled += 1,
            "voided" => vf.voided += 1,
            _ => vf.open += 1,
        }
        if v.appointment {
            vf.appointments += 1;
        } else {
            vf.walk_ins += 1;
        }
        if v.status == "voided" {
            continue;
        }
        if v.status == "checked_out" {
            match (v.customer, v.first_time) {
                (false, _) => cf.anonymous += 1,
                (true, true) => cf.new_customers += 1,
                (true, false) => cf.returning += 1,
            }
            service_rating.add(v.service_rating);
            stylist_rating.add(v.stylist_rating);
            if let (Some(r), Some(c)) = (v.reconsult_at, v.closed_at) {
                to_leave.add(c - r);
            }
        }
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
        if let Some(s) = v.consult_started_at {
            to_consult.add(s - v.arrived_at);
        }
    }
    consult.average_seconds = average_seconds(consult_ms, consult.measured);
    cf.cards_created = tx.query_row(
        "SELECT count(*) FROM customers WHERE created_at >= ?1 AND created_at < ?2",
        params![p.start, p.end],
        |r| r.get(0),
    )?;

    let revenue = revenue(tx, &p)?;
    let top_ups = top_ups(tx, &p)?;
    let packages = package_sales(tx, &p)?;
    let money_in = PayMethod::ALL
        .iter()
        .map(|m| {
            let of = |list: &[MethodAmount]| {
                list.iter()
                    .find(|x| x.method == *m)
                    .map_or(0, |x| x.amount.0)
            };
            MethodAmount {
                method: *m,
                amount: Fen(of(&revenue.by_method)
                    + of(&top_ups.by_method)
                    + of(&packages.by_method)
                    - of(&top_ups.refunds_by_method)),
            }
        })
        .collect();

    Ok(DailySummary {
        days: (date(&to) - date(&from)).num_days() + 1,
        services: services(tx, &p)?,
        followups: followups(tx, &p, tz)?,
        complaints: complaints(tx, &p)?,
        gifts: gifts(tx, &p)?,
        vouchers: vouchers(tx, &p)?,
        from,
        to,
        visits: vf,
        customers: cf,
        revenue,
        top_ups,
        packages,
        money_in,
        service_rating: service_rating.finish(),
        stylist_rating: stylist_rating.finish(),
        consultations: consult,
        waiting_for_consult: to_consult.finish(),
        waiting_to_leave: to_leave.finish(),
    })
}

const MINUTE: i64 = 60_000;

/// The period as instants `[start, end)` and as business dates.
struct Period<'a> {
    start: Millis,
    end: Millis,
    from: &'a str,
    to: &'a str,
}

/// The visits of the period: closed in it, or open and arrived in it.
const IN_PERIOD: &str = "((v.status <> 'open' AND v.closed_at >= ?1 AND v.closed_at < ?2)
     OR (v.status = 'open' AND v.business_date BETWEEN ?3 AND ?4))";

/// The checked-out visits of the period.
const CHECKED_OUT: &str =
    "SELECT id FROM visits WHERE status = 'checked_out' AND closed_at >= ?1 AND closed_at < ?2";

struct VisitRow {
    status: String,
    appointment: bool,
    customer: bool,
    /// No checked-out visit of hers closed before this one arrived.
    first_time: bool,
    arrived_at: Millis,
    consult_started_at: Option<Millis>,
    consult_ended_at: Option<Millis>,
    reconsult_at: Option<Millis>,
    closed_at: Option<Millis>,
    service_rating: Option<i64>,
    stylist_rating: Option<i64>,
}

fn visit_rows(tx: &Tx<'_>, p: &Period<'_>) -> Result<Vec<VisitRow>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT v.status, v.source = 'appointment', v.customer_id IS NOT NULL,
                NOT EXISTS (SELECT 1 FROM visits e WHERE e.customer_id = v.customer_id
                    AND e.status = 'checked_out' AND e.closed_at < v.arrived_at),
                v.arrived_at, v.consult_started_at, v.consult_ended_at, v.reconsult_at,
                v.closed_at, v.service_rating, v.stylist_rating
         FROM visits v WHERE {IN_PERIOD}"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(VisitRow {
                status: r.get(0)?,
                appointment: r.get(1)?,
                customer: r.get(2)?,
                first_time: r.get(3)?,
                arrived_at: r.get(4)?,
                consult_started_at: r.get(5)?,
                consult_ended_at: r.get(6)?,
                reconsult_at: r.get(7)?,
                closed_at: r.get(8)?,
                service_rating: r.get(9)?,
                stylist_rating: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn average_seconds(total_ms: i64, n: i64) -> Option<i64> {
    (n > 0).then(|| (total_ms + n * 500) / (n * 1000))
}

#[derive(Default)]
struct RatingSum(Rating);

impl RatingSum {
    fn add(&mut self, r: Option<i64>) {
        match r {
            Some(0) => self.0.unknown += 1,
            Some(n) => {
                self.0.rated += 1;
                self.0.sum += n;
            }
            None => {}
        }
    }
    fn finish(mut self) -> Rating {
        let r = &mut self.0;
        r.average_tenths = (r.rated > 0).then(|| (r.sum * 20 + r.rated) / (r.rated * 2));
        self.0
    }
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

/// Each method once, in order, from (method, amount) sums.
fn by_method(sums: &[(PayMethod, Fen)]) -> Vec<MethodAmount> {
    PayMethod::ALL
        .iter()
        .map(|m| MethodAmount {
            method: *m,
            amount: Fen(sums.iter().filter(|(x, _)| x == m).map(|(_, a)| a.0).sum()),
        })
        .collect()
}

fn sum_of(list: &[MethodAmount]) -> Fen {
    Fen(list.iter().map(|m| m.amount.0).sum())
}

fn revenue(tx: &Tx<'_>, p: &Period<'_>) -> Result<Revenue> {
    let a = params![p.start, p.end];
    let (visits, billed): (i64, Fen) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(total_fen), 0) FROM visits WHERE id IN ({CHECKED_OUT})"
        ),
        a,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (services, products, package_value): (Fen, Fen, Fen) = tx.query_row(
        &format!(
            "SELECT coalesce(sum(CASE WHEN kind = 'service' THEN amount_fen END), 0),
                    coalesce(sum(CASE WHEN kind = 'product' THEN amount_fen END), 0),
                    coalesce(sum(CASE WHEN package_id IS NOT NULL THEN unit_fen * qty END), 0)
             FROM visit_lines WHERE visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let sums: Vec<(PayMethod, Fen)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT method, sum(amount_fen) FROM visit_payments
             WHERE visit_id IN ({CHECKED_OUT}) GROUP BY method"
        ))?;
        stmt.query_map(a, |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let by_method = by_method(&sums);
    let stored_value: Fen = tx.query_row(
        &format!(
            "SELECT -coalesce(sum(amount_fen), 0) FROM sv_ledger
             WHERE kind = 'spend' AND visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    let vouchers: Fen = tx.query_row(
        &format!(
            "SELECT coalesce(sum(amount_fen), 0) FROM voucher_events
             WHERE kind = 'redeem' AND visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    let package_sessions: i64 = tx.query_row(
        &format!(
            "SELECT -coalesce(sum(delta), 0) FROM package_uses WHERE visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    Ok(Revenue {
        visits,
        billed,
        services,
        products,
        money_taken: sum_of(&by_method),
        by_method,
        stored_value,
        vouchers,
        package_sessions,
        package_value,
    })
}

fn top_ups(tx: &Tx<'_>, p: &Period<'_>) -> Result<TopUps> {
    let rows: Vec<(String, Option<PayMethod>, i64, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT kind, method, count(*), sum(amount_fen) FROM sv_ledger
             WHERE at >= ?1 AND at < ?2 AND kind IN ('topup', 'bonus', 'refund')
             GROUP BY kind, method",
        )?;
        stmt.query_map(params![p.start, p.end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut t = TopUps::default();
    let mut received = Vec::new();
    let mut refunded = Vec::new();
    for (kind, method, n, amount) in rows {
        match kind.as_str() {
            "topup" => {
                t.count += n;
                if let Some(m) = method {
                    received.push((m, amount));
                }
            }
            "bonus" => t.bonus = Fen(t.bonus.0 + amount.0),
            _ => {
                t.refunds += n;
                if let Some(m) = method {
                    refunded.push((m, amount.negated()));
                }
            }
        }
    }
    t.refunds_by_method = by_method(&refunded);
    t.refunded = sum_of(&t.refunds_by_method);
    t.by_method = by_method(&received);
    t.received = sum_of(&t.by_method);
    t.liability_created = Fen(t.received.0 + t.bonus.0);
    Ok(t)
}

fn package_sales(tx: &Tx<'_>, p: &Period<'_>) -> Result<PackageSales> {
    let rows: Vec<(String, i64, i64, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT method, count(*), sum(sessions_total), sum(price_fen) FROM packages
             WHERE sold_at >= ?1 AND sold_at < ?2 GROUP BY method",
        )?;
        stmt.query_map(params![p.start, p.end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut s = PackageSales::default();
    let mut received = Vec::new();
    for (method, n, sessions, price) in rows {
        s.count += n;
        s.sessions += sessions;
        s.liability_created = Fen(s.liability_created.0 + price.0);
        match PayMethod::ALL.iter().find(|m| m.as_str() == method) {
            Some(m) => received.push((*m, price)),
            None => s.from_stored_value = Fen(s.from_stored_value.0 + price.0),
        }
    }
    s.by_method = by_method(&received);
    s.received = sum_of(&s.by_method);
    Ok(s)
}

fn services(tx: &Tx<'_>, p: &Period<'_>) -> Result<Vec<ServiceCount>> {
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

fn followups(tx: &Tx<'_>, p: &Period<'_>, tz: chrono_tz::Tz) -> Result<FollowupFigures> {
    let mut f = FollowupFigures::default();
    let closed: Vec<(String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT status, count(*) FROM followups
             WHERE closed_at >= ?1 AND closed_at < ?2 GROUP BY status",
        )?;
        stmt.query_map(params![p.start, p.end], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (status, n) in closed {
        match status.as_str() {
            "done" => f.done += n,
            "unreachable" | "wrong_number" => f.not_reached += n,
            _ => {}
        }
    }
    let due: Vec<(String, Option<Millis>)> = {
        let mut stmt = tx.prepare(
            "SELECT due_date, closed_at FROM followups
             WHERE due_date BETWEEN ?1 AND ?2 AND status <> 'cancelled'",
        )?;
        stmt.query_map(params![p.from, p.to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut ends: BTreeMap<String, Millis> = BTreeMap::new();
    for (d, closed_at) in due {
        let end = *ends.entry(d.clone()).or_insert_with(|| {
            let date = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap_or_default();
            clock::day_bounds(date, tz).1
        });
        if end <= tx.now && closed_at.is_none_or(|c| c >= end) {
            f.overdue += 1;
        }
    }
    Ok(f)
}

fn complaints(tx: &Tx<'_>, p: &Period<'_>) -> Result<ComplaintFigures> {
    Ok(tx.query_row(
        "SELECT count(*),
                coalesce(sum(answered_at IS NOT NULL AND answered_at <= answer_due_at), 0),
                coalesce(sum(answered_at IS NOT NULL AND answered_at > answer_due_at), 0),
                coalesce(sum(answered_at IS NULL AND answer_due_at <= ?3), 0),
                coalesce(sum(answered_at IS NULL AND answer_due_at > ?3), 0)
         FROM complaints WHERE opened_at >= ?1 AND opened_at < ?2",
        params![p.start, p.end, tx.now],
        |r| {
            Ok(ComplaintFigures {
                opened: r.get(0)?,
                answered_in_time: r.get(1)?,
                answered_late: r.get(2)?,
                unanswered_overdue: r.get(3)?,
                unanswered_pending: r.get(4)?,
            })
        },
    )?)
}

/// Issued with checked-out visits of the period, or on a day of it without
/// a visit or with one not checked out (a birthday gift handed over while the
/// visit is open, or cancelled after); never with a voided visit.
const ISSUED_HERE: &str = "(visit_id IN (SELECT id FROM visits WHERE status = 'checked_out'
        AND closed_at >= ?1 AND closed_at < ?2)
     OR ((visit_id IS NULL OR visit_id IN (SELECT id FROM visits WHERE status IN ('open', 'cancelled')))
         AND business_date BETWEEN ?3 AND ?4))";

fn gifts(tx: &Tx<'_>, p: &Period<'_>) -> Result<Vec<GiftFigure>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT i.id, i.name, i.unit, -sum(m.qty)
         FROM (SELECT item_id, qty FROM gift_moves WHERE kind = 'issue' AND {ISSUED_HERE}) m
         JOIN gift_items i ON i.id = m.item_id
         GROUP BY i.id ORDER BY i.name"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(GiftFigure {
                item_id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                issued: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn vouchers(tx: &Tx<'_>, p: &Period<'_>) -> Result<Vec<VoucherFigure>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT t.id, t.name, t.face_value_fen, sum(e.kind = 'issue'), sum(e.kind = 'redeem'),
                coalesce(sum(CASE WHEN e.kind = 'redeem' THEN e.amount_fen END), 0)
         FROM (SELECT voucher_type_id, kind, amount_fen FROM voucher_events
               WHERE kind IN ('issue', 'redeem') AND {ISSUED_HERE}) e
         JOIN voucher_types t ON t.id = e.voucher_type_id
         GROUP BY t.id ORDER BY t.name"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(VoucherFigure {
                voucher_type_id: r.get(0)?,
                name: r.get(1)?,
                face_value: r.get(2)?,
                issued: r.get(3)?,
                redeemed: r.get(4)?,
                redeemed_amount: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
