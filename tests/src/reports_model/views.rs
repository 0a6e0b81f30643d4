//! The staff report, the trends, the dormant list and the customer visit
//! rows recomputed by brute force from the raw rows, each row's business day
//! from `clock::business_date` of its instant.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::clock;
use frontdesk_core::ids::StaffId;
use frontdesk_core::money::Fen;
use frontdesk_core::reports::{Bucket, StaffFigures, TrendPoint};

use super::{rating_of, rows};
use crate::reports_shop::date;

/// A checked-out or other visit as the views need it.
struct V {
    id: i64,
    status: String,
    customer: Option<i64>,
    stylist: Option<i64>,
    closed_at: Option<i64>,
    total: i64,
    service_rating: Option<i64>,
    stylist_rating: Option<i64>,
}

fn visits(db: &Db) -> Vec<V> {
    rows(
        db,
        "SELECT id, status, customer_id, stylist_id, closed_at, total_fen, service_rating,
                stylist_rating FROM visits",
        |r| {
            Ok(V {
                id: r.get(0)?,
                status: r.get(1)?,
                customer: r.get(2)?,
                stylist: r.get(3)?,
                closed_at: r.get(4)?,
                total: r.get(5)?,
                service_rating: r.get(6)?,
                stylist_rating: r.get(7)?,
            })
        },
    )
}

fn permille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() as i64)
}

/// The staff report's rows, in its order, with ranks.
pub fn staff_rows(db: &Db, tz: Tz, from: &str, to: &str) -> Vec<StaffFigures> {
    let (f, t) = (date(from), date(to));
    let within = |ms: i64| {
        let d = clock::business_date(ms, tz);
        f <= d && d <= t
    };
    let vs = visits(db);
    let out: Vec<&V> = vs
        .iter()
        .filter(|v| v.status == "checked_out" && within(v.closed_at.unwrap()))
        .collect();
    let lines: Vec<(i64, String, i64, i64)> = rows(
        db,
        "SELECT visit_id, kind, qty, amount_fen FROM visit_lines",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    );
    let booked: Vec<i64> = rows(
        db,
        "SELECT booked_from_visit FROM appointments WHERE booked_from_visit IS NOT NULL",
        |r| r.get(0),
    );
    let complaints: Vec<(Option<i64>, i64)> = rows(
        db,
        "SELECT about_staff_id, opened_at FROM complaints",
        |r| Ok((r.get(0)?, r.get(1)?)),
    );
    let followups: Vec<(Option<i64>, String, String)> = rows(
        db,
        "SELECT assigned_to, due_date, status FROM followups",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    );
    let staff: Vec<(i64, String, String, String, bool)> = rows(
        db,
        "SELECT id, staff_no, name, role, active FROM staff",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    );
    let mut result = Vec::new();
    for (id, staff_no, name, role, active) in staff {
        let mine: Vec<&&V> = out.iter().filter(|v| v.stylist == Some(id)).collect();
        let ids: Vec<i64> = mine.iter().map(|v| v.id).collect();
        let service_lines = lines
            .iter()
            .filter(|l| l.1 == "service" && ids.contains(&l.0));
        let services: i64 = service_lines.clone().map(|l| l.2).sum();
        let service_revenue: i64 = service_lines.map(|l| l.3).sum();
        let rebooked = ids.iter().filter(|v| booked.contains(v)).count() as i64;
        let complaints_n = complaints
            .iter()
            .filter(|c| c.0 == Some(id) && within(c.1))
            .count() as i64;
        let due: Vec<&(Option<i64>, String, String)> = followups
            .iter()
            .filter(|x| x.0 == Some(id) && x.2 != "cancelled" && f <= date(&x.1) && date(&x.1) <= t)
            .collect();
        let handled = due.iter().filter(|x| x.2 != "open").count() as i64;
        let visits_n = mine.len() as i64;
        let anything = visits_n + complaints_n + due.len() as i64 > 0;
        if !(anything || active && role == "stylist") {
            continue;
        }
        result.push(StaffFigures {
            staff_id: StaffId(id),
            staff_no,
            name,
            role: frontdesk_core::access::Role::parse(&role).unwrap(),
            active,
            visits: visits_n,
            services,
            revenue: Fen(mine.iter().map(|v| v.total).sum()),
            service_revenue: Fen(service_revenue),
            service_rating: rating_of(mine.iter().map(|v| v.service_rating)),
            stylist_rating: rating_of(mine.iter().map(|v| v.stylist_rating)),
            rebooked,
            rebooking_permille: permille(rebooked, visits_n),
            complaints: complaints_n,
            followups_due: due.len() as i64,
            followups_handled: handled,
            followups_permille: permille(handled, due.len() as i64),
            rank: None,
        });
    }
    // Competition ranking: one more than the number of rated staff strictly
    // better (higher average, then more ratings, then more visits).
    let avg = |r: &StaffFigures| r.stylist_rating.sum as f64 / r.stylist_rating.rated as f64;
    let key = |r: &StaffFigures| (avg(r), r.stylist_rating.rated, r.visits);
    let snapshot = result.clone();
    for r in result.iter_mut().filter(|r| r.stylist_rating.rated > 0) {
        let better = snapshot
            .iter()
            .filter(|o| o.stylist_rating.rated > 0)
            .filter(|o| key(o).partial_cmp(&key(r)) == Some(std::cmp::Ordering::Greater))
            .count() as i64;
        r.rank = Some(better + 1);
    }
    result.sort_by(|a, b| {
        let rated = |x: &StaffFigures| x.stylist_rating.rated > 0;
        rated(b)
            .cmp(&rated(a))
            .then_with(|| match (rated(a), rated(b)) {
                (true, true) => key(b).partial_cmp(&key(a)).unwrap(),
                _ => b.visits.cmp(&a.visits),
            })
            .then_with(|| a.staff_no.cmp(&b.staff_no))
    });
    result
}

/// The trend's points.
pub fn trend_points(db: &Db, tz: Tz, from: &str, to: &str, bucket: Bucket) -> Vec<TrendPoint> {
    let (f, t) = (date(from), date(to));
    let day = |ms: i64| clock::business_date(ms, tz);
    let vs = visits(db);
    let out: Vec<&V> = vs.iter().filter(|v| v.status == "checked_out").collect();
    let mut first: BTreeMap<i64, i64> = BTreeMap::new();
    for v in &out {
        if let Some(c) = v.customer {
            let at = v.closed_at.unwrap();
            let e = first.entry(c).or_insert(at);
            *e = (*e).min(at);
        }
    }
    let complaints: Vec<i64> = rows(db, "SELECT opened_at FROM complaints", |r| r.get(0));
    let ledger: Vec<(i64, i64)> = rows(db, "SELECT at, amount_fen FROM sv_ledger", |r| {
        Ok((r.get(0)?, r.get(1)?))
    });
    // The step a day belongs to: its first day, clipped to the period.
    let step_start = |d: NaiveDate| -> NaiveDate {
        let natural = match bucket {
            Bucket::Day => d,
            Bucket::Week => d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday())),
            Bucket::Month => d.with_day(1).unwrap(),
        };
        natural.max(f)
    };
    let mut starts: Vec<NaiveDate> = Vec::new();
    let mut d = f;
    while d <= t {
        let s = step_start(d);
        if starts.last() != Some(&s) {
            starts.push(s);
        }
        d = d.succ_opt().unwrap();
    }
    let mut points = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let e = starts
            .get(i + 1)
            .map(|n| n.pred_opt().unwrap())
            .unwrap_or(t);
        let inside = |ms: i64| (s..=e).contains(&day(ms));
        let mine: Vec<&&V> = out
            .iter()
            .filter(|v| inside(v.closed_at.unwrap()))
            .collect();
        let n = mine.len() as i64;
        let c = complaints.iter().filter(|&&at| inside(at)).count() as i64;
        points.push(TrendPoint {
            from: s.format("%Y-%m-%d").to_string(),
            to: e.format("%Y-%m-%d").to_string(),
            visits: n,
            revenue: Fen(mine.iter().map(|v| v.total).sum()),
            new_customers: first.values().filter(|&&at| inside(at)).count() as i64,
            service_rating: rating_of(mine.iter().map(|v| v.service_rating)),
            complaints: c,
            complaint_permille: permille(c, n),
            liability: Fen(ledger
                .iter()
                .filter(|(at, _)| day(*at) <= e)
                .map(|(_, a)| a)
                .sum()),
        });
    }
    points
}

/// customer → (visits, first closed_at, last closed_at, last visit id), from
/// the checked-out visits.
pub fn customer_visits(db: &Db) -> BTreeMap<i64, (i64, i64, i64, i64)> {
    let mut m: BTreeMap<i64, (i64, i64, i64, i64)> = BTreeMap::new();
    for v in visits(db).iter().filter(|v| v.status == "checked_out") {
        let (Some(c), Some(at)) = (v.customer, v.closed_at) else {
            continue;
        };
        let e = m.entry(c).or_insert((0, at, at, v.id));
        e.0 += 1;
        e.1 = e.1.min(at);
        if (at, v.id) >= (e.2, e.3) {
            e.2 = at;
            e.3 = v.id;
        }
    }
    m
}

/// The dormant list's customer ids in its order: living customers whose
/// last checked-out visit was on `today − days` or before, most recent first.
pub fn dormant_ids(db: &Db, tz: Tz, today: NaiveDate, days: i64) -> Vec<i64> {
    let erased: Vec<i64> = rows(
        db,
        "SELECT id FROM customers WHERE erased_at IS NOT NULL",
        |r| r.get(0),
    );
    let mut list: Vec<(i64, i64)> = customer_visits(db)
        .into_iter()
        .filter(|(c, _)| !erased.contains(c))
        .filter(|(_, (_, _, last, _))| (today - clock::business_date(*last, tz)).num_days() >= days)
        .map(|(c, (_, _, last, _))| (last, c))
        .collect();
    list.sort_by(|a, b| b.cmp(a));
    list.into_iter().map(|(_, c)| c).collect()
}
