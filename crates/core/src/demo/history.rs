//! The demo shop's past (`--demo --demo-history`): ten weeks of visits made
//! through the real commands at past instants, so the reports, the cards'
//! histories and the charts have something to show. Each visit goes through
//! the six stages: greeted, consulted (services, a stylist), served,
//! re-consulted (ratings; a third book the next appointment, which is kept
//! when its day comes), checked out and paid by cash, card or mobile, from
//! 10:00 to 19:00. A walk-in now and then gets a card (new customers by
//! source); two of the demo's customers stop coming after the third week
//! (the dormant list has them). The desk (张敏) runs it. Deterministic: the
//! same shop every time.

use std::sync::Arc;

use chrono::Days;

use crate::appointments::{self, SaveAppointmentRequest};
use crate::clock::{self, Clock, FixedClock, Millis};
use crate::customers::{self, CreateCustomerRequest, CustomerFields, Gender, Source};
use crate::error::Result;
use crate::followups::{self, CallOutcome, RecordCallRequest};
use crate::ids::{AppointmentId, CustomerId, FollowUpId, ServiceId, StaffId, VisitId};
use crate::money::{Fen, PayMethod};
use crate::shop;
use crate::staff::Session;
use crate::storage::Db;
use crate::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, ConsultRequest, Payment, QuoteRequest,
    ReconsultRequest, Stage,
};

const MINUTE: Millis = 60_000;

/// Days of history before today.
pub const HISTORY_DAYS: u64 = 70;

/// A small deterministic generator (64-bit LCG, the high bits).
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

/// Make the history; the db's own clock is put back afterwards, whatever
/// happened. Answers the visits made.
pub(super) fn seed_history(db: &mut Db, manager: &Session) -> Result<usize> {
    let past = Arc::new(FixedClock::at(db.now_ms()));
    let real = db.replace_clock(past.clone() as Arc<dyn Clock>);
    let made = visits_of_the_past(db, manager, &past, real.now_ms());
    db.replace_clock(real);
    made
}

struct Menu {
    services: Vec<ServiceId>,
    stylists: Vec<StaffId>,
    customers: Vec<CustomerId>,
}

fn menu(db: &mut Db) -> Result<Menu> {
    let ids = |db: &mut Db, sql: &str| -> Result<Vec<i64>> {
        db.read(|tx| {
            let mut stmt = tx.prepare(sql)?;
            let v = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(v)
        })
    };
    Ok(Menu {
        services: ids(db, "SELECT id FROM services WHERE active = 1 ORDER BY id")?
            .into_iter()
            .map(ServiceId)
            .collect(),
        stylists: ids(
            db,
            "SELECT id FROM staff WHERE role = 'stylist' AND active = 1 ORDER BY id",
        )?
        .into_iter()
        .map(StaffId)
        .collect(),
        customers: ids(
            db,
            "SELECT id FROM customers WHERE erased_at IS NULL ORDER BY id",
        )?
        .into_iter()
        .map(CustomerId)
        .collect(),
    })
}

/// New customers over the weeks: name, phone, source.
const NEWCOMERS: &[(&str, &str, Source)] = &[
    ("孙晓梅", "13701230001", Source::Referral),
    ("周雅琴", "13701230002", Source::WalkIn),
    ("吴倩倩", "13701230003", Source::Online),
    ("郑丽", "13701230004", Source::Flyer),
    ("冯婉婷", "13701230005", Source::Referral),
    ("陈思雨", "13701230006", Source::Online),
    ("褚佳怡", "13701230007", Source::WalkIn),
    ("卫红", "13701230008", Source::Referral),
    ("蒋欣然", "13701230009", Source::Online),
    ("沈梦洁", "13701230010", Source::WalkIn),
    ("韩雪", "13701230011", Source::Flyer),
    ("杨柳", "13701230012", Source::Referral),
];

fn visits_of_the_past(db: &mut Db, m: &Session, clock: &FixedClock, now: Millis) -> Result<usize> {
    let mut menu = menu(db)?;
    if menu.services.is_empty() || menu.stylists.is_empty() || menu.customers.is_empty() {
        return Ok(0);
    }
    let tz = shop::time_zone_of(db)?;
    let today = clock::business_date(now, tz);
    let mut dice = Dice(20_261_123);
    let mut made = 0;
    // The last two of the demo's customers stop coming after the third week.
    let lapsing: Vec<CustomerId> = menu.customers.iter().rev().take(2).copied().collect();
    let mut newcomers = NEWCOMERS.iter();
    // Appointments booked at re-consultation, kept when their day comes.
    let mut booked: Vec<(Millis, AppointmentId, CustomerId)> = Vec::new();
    for back in (1..=HISTORY_DAYS).rev() {
        let day = today - Days::new(back);
        let (opening, closing) = clock::day_bounds(day, tz);
        let weekend = matches!(day.format("%u").to_string().as_str(), "6" | "7");
        let n = 2 + dice.next(4) + if weekend { 3 } else { 0 };
        // Arrivals spread over 10:00–19:00.
        let mut arrivals: Vec<(Millis, Option<CustomerId>, Option<AppointmentId>)> = Vec::new();
        for i in 0..n {
            let slot = 540 * i / n;
            let at = opening + (600 + slot + dice.next(540 / n)) as i64 * MINUTE;
            let pool: Vec<CustomerId> = menu
                .customers
                .iter()
                .copied()
                .filter(|c| back > HISTORY_DAYS - 21 || !lapsing.contains(c))
                .collect();
            let customer = if dice.chance(20) {
                None
            } else if dice.chance(4)
                && let Some(&(name, phone, source)) = newcomers.next()
            {
                clock.set(at);
                let c = new_card(db, m, name, phone, source)?;
                menu.customers.push(c);
                Some(c)
            } else {
                Some(pool[dice.next(pool.len() as u64) as usize])
            };
            arrivals.push((at, customer, None));
        }
        // Today's appointments arrive at their time.
        // (Those who stopped coming miss theirs.)
        let lapsed = back <= HISTORY_DAYS - 21;
        booked.retain(|&(start, appt, c)| {
            if (opening..closing).contains(&start) {
                if !(lapsed && lapsing.contains(&c)) {
                    arrivals.push((start, Some(c), Some(appt)));
                }
                false
            } else {
                true
            }
        });
        arrivals.sort_by_key(|a| a.0);
        // Before the first customer, the desk makes the day's follow-up calls.
        clock.set(opening + 9 * 60 * MINUTE + 30 * MINUTE);
        follow_up_calls(db, m, &mut dice, &day.format("%Y-%m-%d").to_string())?;
        for (at, customer, appointment) in arrivals {
            clock.set(at);
            if let Some(next) =
                one_visit(db, m, clock, &menu, &mut dice, customer, appointment, at)?
            {
                booked.push(next);
            }
            made += 1;
        }
    }
    Ok(made)
}

/// The follow-up calls due by `date`: most reach her, some do not answer.
fn follow_up_calls(db: &mut Db, m: &Session, dice: &mut Dice, date: &str) -> Result<()> {
    let now = db.now_ms();
    let due: Vec<FollowUpId> = db.read(|tx| {
        let mut stmt = tx.prepare(
            "SELECT id FROM followups WHERE status = 'open' AND due_date <= ?1
             AND (not_before IS NULL OR not_before <= ?2) ORDER BY id",
        )?;
        let ids = stmt
            .query_map(rusqlite::params![date, now], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<FollowUpId>>>()?;
        Ok(ids)
    })?;
    for id in due {
        let reached = dice.chance(85);
        followups::record_call(
            db,
            m,
            RecordCallRequest {
                id,
                outcome: if reached {
                    CallOutcome::Reached
                } else {
                    CallOutcome::NoAnswer
                },
                words: if reached {
                    "皮肤状态很好，谢谢关心".into()
                } else {
                    String::new()
                },
                satisfaction: reached.then(|| 4 + dice.next(2) as i64),
                call_back_at: None,
                rebooked_appointment_id: None,
            },
        )?;
    }
    Ok(())
}

fn new_card(
    db: &mut Db,
    m: &Session,
    name: &str,
    phone: &str,
    source: Source,
) -> Result<CustomerId> {
    Ok(customers::create_customer(
        db,
        m,
        CreateCustomerRequest {
            card: CustomerFields {
                name: name.into(),
                phone: phone.into(),
                gender: Gender::Female,
                source,
                ..Default::default()
            },
            confirm_duplicate: false,
        },
    )?
    .id)
}

/// One visit from greeting to checkout, arriving at `t` (from an
/// appointment or not); answers the next appointment if one was booked.
#[allow(clippy::too_many_arguments)]
fn one_visit(
    db: &mut Db,
    m: &Session,
    clock: &FixedClock,
    menu: &Menu,
    dice: &mut Dice,
    customer: Option<CustomerId>,
    appointment: Option<AppointmentId>,
    mut t: Millis,
) -> Result<Option<(Millis, AppointmentId, CustomerId)>> {
    // Time passes: `minutes` later.
    let later = |t: &mut Millis, minutes: u64| {
        *t += minutes as i64 * MINUTE;
        clock.set(*t);
    };
    let v: VisitId = visits::check_in(
        db,
        m,
        CheckInRequest {
            customer_id: customer,
            walk_in_label: if customer.is_none() {
                "散客".into()
            } else {
                String::new()
            },
            appointment_id: appointment,
        },
    )?
    .id;
    later(&mut t, 2 + dice.next(12));
    visits::advance(
        db,
        m,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Consult,
        },
    )?;
    let stylist = menu.stylists[dice.next(menu.stylists.len() as u64) as usize];
    let mut services = vec![menu.services[dice.next(menu.services.len() as u64) as usize]];
    if dice.chance(25) {
        let extra = menu.services[dice.next(menu.services.len() as u64) as usize];
        if extra != services[0] {
            services.push(extra);
        }
    }
    visits::save_consult(
        db,
        m,
        ConsultRequest {
            visit_id: v,
            needs: "补水保湿".into(),
            measurements: vec![],
            services,
            stylist_id: Some(stylist),
            care_plan: String::new(),
            care_interval_days: None,
        },
    )?;
    later(&mut t, 5 + dice.next(15));
    visits::advance(
        db,
        m,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Service,
        },
    )?;
    later(&mut t, 40 + dice.next(40));
    visits::advance(
        db,
        m,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Reconsult,
        },
    )?;
    let rating = |dice: &mut Dice| match dice.next(20) {
        0 => None,
        1 => Some(0),
        2 => Some(3),
        3..=8 => Some(4),
        _ => Some(5),
    };
    let (service_rating, stylist_rating) = (rating(dice), rating(dice));
    visits::save_reconsult(
        db,
        m,
        ReconsultRequest {
            visit_id: v,
            service_rating,
            stylist_rating,
            comments: String::new(),
            comments_are_complaint: false,
            measurements: vec![],
            home_care: "早晚保湿，注意防晒".into(),
            recommendations: String::new(),
        },
    )?;
    let mut next = None;
    if let Some(c) = customer
        && dice.chance(35)
    {
        // Two to four weeks on, between 10:00 and 17:00.
        let tz = shop::time_zone_of(db)?;
        let day = clock::business_date(t, tz) + Days::new(14 + dice.next(14));
        let start = clock::day_bounds(day, tz).0 + (600 + dice.next(420) as i64) * MINUTE;
        let a = appointments::save_appointment(
            db,
            m,
            SaveAppointmentRequest {
                id: AppointmentId(0),
                customer_id: c,
                stylist_id: Some(stylist),
                start_at: start,
                duration_minutes: None,
                services: vec![menu.services[0]],
                note: String::new(),
                allow_conflict: true,
                from_visit_id: Some(v),
            },
        )?;
        next = Some((start, a.id, c));
    }
    later(&mut t, 3 + dice.next(8));
    let q = visits::quote(
        db,
        m,
        QuoteRequest {
            visit_id: v,
            products: vec![],
            package_uses: vec![],
            vouchers: vec![],
        },
    )?;
    let method = PayMethod::ALL[dice.next(PayMethod::ALL.len() as u64) as usize];
    let due = q.due.0;
    visits::checkout(
        db,
        m,
        CheckoutRequest {
            visit_id: v,
            products: vec![],
            payments: if due > 0 {
                vec![Payment {
                    method,
                    amount: Fen(due),
                }]
            } else {
                vec![]
            },
            tendered: Fen(if method == PayMethod::Cash {
                (due + 9_999) / 10_000 * 10_000
            } else {
                0
            }),
            belongings_checked: true,
            stored_value: Fen::ZERO,
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )?;
    Ok(next)
}
