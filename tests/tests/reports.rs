//! The daily summary (issue #13, point 1) against a brute-force
//! recomputation: a shop runs for two weeks and a half across a month end
//! through the real commands (check-ins from appointments and walk-ins,
//! consultations of random length, ratings, checkouts paid by cash, card,
//! mobile, stored value, package sessions and vouchers, gifts handed over,
//! cancellations, voids, top-ups with bonuses, refunds, package sales,
//! follow-up calls, complaints answered or not), in a time zone picked by
//! the seed; then every figure of the report for random ranges is
//! recomputed from the raw rows in Rust, with each row's business day taken
//! from `clock::business_date` of its instant (not the report's SQL bounds).
//! Also: checkouts at 23:59 and 00:01 local across a month end fall on
//! their days, a voided visit counts nowhere in revenue, and the printed
//! summary reads back with its figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use frontdesk_core::appointments::{self, SaveAppointmentRequest};
use frontdesk_core::catalog::{self, Product, SaveProduct};
use frontdesk_core::clock;
use frontdesk_core::complaints::{self, ActionKind, ComplaintActionRequest};
use frontdesk_core::followups::{self, CallOutcome, RecordCallRequest};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::ids::{
    AppointmentId, ComplaintId, CustomerId, FollowUpId, GiftItemId, PackageId, ProductId,
    ServiceId, StaffId, VisitId, VoucherTypeId,
};
use frontdesk_core::membership::{
    self, PackagePayment, RefundRequest, SellPackageRequest, TopUpRequest,
};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::printing::{self, DocumentRequest};
use frontdesk_core::reports::{
    self, ComplaintFigures, ConsultTimes, CustomerFigures, DailySummary, FollowupFigures,
    GiftFigure, MethodAmount, PackageSales, Rating, Revenue, ServiceCount, SummaryRequest, TopUps,
    VisitFigures, VoucherFigure, WaitTimes,
};
use frontdesk_core::shop::{self, UpdateShopRequest};
use frontdesk_core::staff::Session;
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    PackageUse, Payment, ProductSale, QuoteRequest, ReconsultRequest, Stage, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, flow_support, gifts, setup_manager};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const MINUTE: i64 = 60_000;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The instant of a local wall-clock time in `tz`.
fn local(tz: Tz, day: &str, h: u32, m: u32) -> i64 {
    use chrono::TimeZone;
    tz.from_local_datetime(&date(day).and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
        .timestamp_millis()
}

fn set_zone(db: &mut Db, m: &Session, tz: &str) {
    let p = shop::get_shop(db, m).unwrap();
    shop::update_shop(
        db,
        m,
        UpdateShopRequest {
            name: p.name,
            address: p.address,
            phone: p.phone,
            idle_lock_minutes: p.idle_lock_minutes,
            greeting_style: p.greeting_style,
            time_zone: tz.into(),
        },
    )
    .unwrap();
}

fn summary(db: &mut Db, m: &Session, from: &str, to: &str) -> DailySummary {
    reports::daily_summary(
        db,
        m,
        SummaryRequest {
            from: from.into(),
            to: to.into(),
        },
    )
    .unwrap()
}

// ------------------------------------------------------------ the generated shop

struct Shop {
    t: TempShop,
    m: Session,
    tz: Tz,
    facial: ServiceId,
    /// A second service, 肩颈舒缓 ¥198.
    massage: ServiceId,
    stylist: StaffId,
    /// ¥100, not counted (never runs out).
    p100: ProductId,
    customers: Vec<CustomerId>,
    rng: StdRng,
    done: BTreeMap<&'static str, usize>,
}

fn product(db: &mut Db, m: &Session, name: &str, fen: i64) -> ProductId {
    catalog::save_product(
        db,
        m,
        SaveProduct {
            product: Product {
                id: ProductId(0),
                name: name.into(),
                price: Fen(fen),
                stock: None,
                active: true,
            },
        },
    )
    .unwrap()
    .id
}

fn massage(db: &mut Db, m: &Session) -> ServiceId {
    use frontdesk_core::catalog::{SaveService, Service};
    use frontdesk_core::staff::Role;
    catalog::save_service(
        db,
        m,
        SaveService {
            service: Service {
                id: ServiceId(0),
                name: "肩颈舒缓".into(),
                category: "身体护理".into(),
                price: Fen(19_800),
                duration_minutes: 45,
                performed_by: vec![Role::Stylist],
                active: true,
            },
        },
    )
    .unwrap()
    .id
}

impl Shop {
    fn new(seed: u64) -> Shop {
        let mut t = TempShop::new();
        let db = &mut t.db;
        let m = setup_manager(db);
        let zones = ["Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin"];
        let zone = zones[(seed % 3) as usize];
        set_zone(db, &m, zone);
        let (facial, _, _) = flow_support::menu(db, &m);
        let massage = massage(db, &m);
        let stylist = flow_support::stylist(db, &m);
        let p100 = product(db, &m, "精华小样", 10_000);
        gifts::counter(db, &m);
        let customers = (0..10)
            .map(|i| {
                flow_support::customer(db, &m, &format!("顾客{i}"), &format!("1390000{:04}", i))
            })
            .collect();
        Shop {
            t,
            m,
            tz: zone.parse().unwrap(),
            facial,
            massage,
            stylist,
            p100,
            customers,
            rng: StdRng::seed_from_u64(seed),
            done: BTreeMap::new(),
        }
    }

    fn db(&mut self) -> &mut Db {
        &mut self.t.db
    }

    fn count(&mut self, what: &'static str) {
        *self.done.entry(what).or_default() += 1;
    }

    fn ids<T: rusqlite::types::FromSql>(&self, sql: &str) -> Vec<T> {
        let conn = self.t.db.conn();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<T>>>()
            .unwrap()
    }

    fn pick<T: Clone>(&mut self, list: &[T]) -> Option<T> {
        if list.is_empty() {
            None
        } else {
            Some(list[self.rng.random_range(0..list.len())].clone())
        }
    }

    fn balance(&self, c: CustomerId) -> i64 {
        self.t
            .db
            .conn()
            .query_row(
                "SELECT coalesce((SELECT balance_fen FROM sv_balances WHERE customer_id = ?1), 0)",
                [c.0],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn check_in(&mut self) {
        let m = self.m.clone();
        let anonymous = self.rng.random_bool(0.15);
        let customer = if anonymous {
            None
        } else if self.rng.random_bool(0.1) {
            let n = self.customers.len();
            let c = flow_support::customer(
                self.db(),
                &m,
                &format!("新客{n}"),
                &format!("1380000{n:04}"),
            );
            self.customers.push(c);
            Some(c)
        } else {
            let cs = self.customers.clone();
            self.pick(&cs)
        };
        let mut appointment = None;
        if let Some(c) = customer
            && self.rng.random_bool(0.3)
        {
            let now = self.t.clock.now();
            let (facial, stylist) = (self.facial, self.stylist);
            if let Ok(a) = appointments::save_appointment(
                self.db(),
                &m,
                SaveAppointmentRequest {
                    id: AppointmentId(0),
                    customer_id: c,
                    stylist_id: Some(stylist),
                    start_at: now + 10 * MINUTE,
                    duration_minutes: None,
                    services: vec![facial],
                    note: String::new(),
                    allow_conflict: true,
                    from_visit_id: None,
                },
            ) {
                appointment = Some(a.id);
            }
        }
        // Refused when she is here already (one open visit at a time).
        let checked_in = visits::check_in(
            self.db(),
            &m,
            CheckInRequest {
                customer_id: customer,
                walk_in_label: if anonymous {
                    "穿红外套的女士".into()
                } else {
                    String::new()
                },
                appointment_id: appointment,
            },
        );
        if checked_in.is_err() {
            return;
        }
        self.count(if appointment.is_some() {
            "check in (appointment)"
        } else {
            "check in"
        });
    }

    /// Move a random open visit one step on (or check it out, or cancel it).
    fn step(&mut self) {
        let open: Vec<i64> = self.ids("SELECT id FROM visits WHERE status = 'open' ORDER BY id");
        let Some(v) = self.pick(&open).map(VisitId) else {
            return;
        };
        let m = self.m.clone();
        let stage: Stage = self
            .t
            .db
            .conn()
            .query_row("SELECT stage FROM visits WHERE id = ?1", [v.0], |r| {
                r.get(0)
            })
            .unwrap();
        if self.rng.random_bool(0.06) {
            visits::cancel_visit(
                self.db(),
                &m,
                CloseVisitRequest {
                    visit_id: v,
                    reason: "顾客临时有事".into(),
                },
            )
            .unwrap();
            self.count("cancel");
            return;
        }
        match stage {
            Stage::Greet if self.rng.random_bool(0.1) => self.checkout(v, false),
            Stage::Greet => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Consult,
                    },
                )
                .unwrap();
                let mut services = vec![if self.rng.random_bool(0.6) {
                    self.facial
                } else {
                    self.massage
                }];
                if self.rng.random_bool(0.2) {
                    services.push(self.massage);
                    services.dedup();
                }
                let stylist = self.stylist;
                visits::save_consult(
                    self.db(),
                    &m,
                    ConsultRequest {
                        visit_id: v,
                        needs: "补水".into(),
                        measurements: vec![],
                        services,
                        stylist_id: Some(stylist),
                        care_plan: String::new(),
                        care_interval_days: None,
                    },
                )
                .unwrap();
            }
            Stage::Consult => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Service,
                    },
                )
                .unwrap();
            }
            Stage::Service => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Reconsult,
                    },
                )
                .unwrap();
                let rating = |rng: &mut StdRng| match rng.random_range(0..10) {
                    0 => None,
                    1 => Some(0),
                    2 => Some(rng.random_range(1..=2)),
                    _ => Some(rng.random_range(3..=5)),
                };
                let (service_rating, stylist_rating) =
                    (rating(&mut self.rng), rating(&mut self.rng));
                visits::save_reconsult(
                    self.db(),
                    &m,
                    ReconsultRequest {
                        visit_id: v,
                        service_rating,
                        stylist_rating,
                        comments: String::new(),
                        comments_are_complaint: false,
                        measurements: vec![],
                        home_care: String::new(),
                        recommendations: String::new(),
                    },
                )
                .unwrap();
            }
            Stage::Reconsult | Stage::Done => self.checkout(v, true),
        }
    }

    fn checkout(&mut self, v: VisitId, with_services: bool) {
        let m = self.m.clone();
        let customer: Option<i64> = self
            .t
            .db
            .conn()
            .query_row("SELECT customer_id FROM visits WHERE id = ?1", [v.0], |r| {
                r.get(0)
            })
            .unwrap();
        let customer = customer.map(CustomerId);
        let mut products = vec![];
        if !with_services || self.rng.random_bool(0.4) {
            products.push(ProductSale {
                product_id: self.p100,
                qty: self.rng.random_range(1..=3),
            });
        }
        let mut package_uses = vec![];
        if let Some(c) = customer {
            let lines: Vec<i64> = self.ids(&format!(
                "SELECT item_id FROM visit_lines WHERE visit_id = {} AND kind = 'service'",
                v.0
            ));
            for s in lines {
                let pk: Vec<i64> = self.ids(&format!(
                    "SELECT id FROM packages WHERE customer_id = {} AND service_id = {s}
                     AND sessions_left > 0",
                    c.0
                ));
                if let Some(p) = pk.first()
                    && self.rng.random_bool(0.6)
                    && !package_uses
                        .iter()
                        .any(|u: &PackageUse| u.package_id.0 == *p)
                {
                    package_uses.push(PackageUse {
                        package_id: PackageId(*p),
                        service_id: ServiceId(s),
                    });
                }
            }
        }
        let mut vouchers = vec![];
        if self.rng.random_bool(0.35) {
            let issued: Vec<String> =
                self.ids("SELECT serial FROM vouchers WHERE state = 'issued' ORDER BY serial");
            if let Some(s) = self.pick(&issued) {
                vouchers.push(s);
            }
        }
        let quote = |db: &mut Db, vouchers: &Vec<String>| {
            visits::quote(
                db,
                &m,
                QuoteRequest {
                    visit_id: v,
                    products: products.clone(),
                    package_uses: package_uses.clone(),
                    vouchers: vouchers.clone(),
                },
            )
        };
        let q = match quote(self.db(), &vouchers) {
            Ok(q) => q,
            Err(_) => {
                vouchers.clear();
                quote(self.db(), &vouchers).unwrap()
            }
        };
        let mut due = q.due.0;
        let mut stored = 0;
        if let Some(c) = customer {
            let b = self.balance(c);
            if b > 0 && due > 0 && self.rng.random_bool(0.5) {
                stored = self.rng.random_range(1..=b.min(due));
                due -= stored;
            }
        }
        let mut payments = vec![];
        let mut methods = PayMethod::ALL.to_vec();
        let mut tendered = 0;
        while due > 0 {
            let i = self.rng.random_range(0..methods.len());
            let method = methods.remove(i);
            let amount = if methods.is_empty() || self.rng.random_bool(0.6) {
                due
            } else {
                self.rng.random_range(1..=due)
            };
            due -= amount;
            if method == PayMethod::Cash {
                tendered = (amount + 9_999) / 10_000 * 10_000;
            }
            payments.push(Payment {
                method,
                amount: Fen(amount),
            });
        }
        let gifts = q.offers.first().filter(|o| !o.short).and_then(|o| {
            self.rng.random_bool(0.7).then(|| GiftIssue {
                tiers: vec![TierIssue {
                    tier_id: o.tier_id,
                    items: o
                        .rewards
                        .iter()
                        .filter_map(|r| {
                            r.item_id.map(|item_id| ItemQty {
                                item_id,
                                quantity: r.quantity,
                            })
                        })
                        .collect(),
                    vouchers: o
                        .rewards
                        .iter()
                        .flat_map(|r| r.next_serials.iter().take(r.quantity as usize).cloned())
                        .collect(),
                }],
                receipts: 1,
                seconds: 30,
            })
        });
        let gave = gifts.is_some();
        let used_vouchers = !vouchers.is_empty();
        let used_packages = !package_uses.is_empty();
        visits::checkout(
            self.db(),
            &m,
            CheckoutRequest {
                visit_id: v,
                products,
                payments,
                tendered: Fen(tendered),
                belongings_checked: true,
                stored_value: Fen(stored),
                package_uses,
                vouchers,
                gifts,
            },
        )
        .unwrap();
        self.count("checkout");
        if gave {
            self.count("checkout with gifts");
        }
        if used_vouchers {
            self.count("checkout with a voucher");
        }
        if used_packages {
            self.count("checkout with a package session");
        }
        if stored > 0 {
            self.count("checkout with stored value");
        }
    }

    fn void(&mut self) {
        let out: Vec<i64> = self.ids("SELECT id FROM visits WHERE status = 'checked_out'");
        let Some(v) = self.pick(&out) else { return };
        let m = self.m.clone();
        let recovered = self.rng.random_bool(0.5);
        // Refused when her balance was spent since (the void would overdraw it).
        if visits::void_visit(
            self.db(),
            &m,
            VoidVisitRequest {
                visit_id: VisitId(v),
                reason: "收银录错".into(),
                gifts_recovered: recovered,
            },
        )
        .is_ok()
        {
            self.count("void");
        }
    }

    fn money(&mut self) {
        let m = self.m.clone();
        let cs = self.customers.clone();
        let c = self.pick(&cs).unwrap();
        let method = self.pick(PayMethod::ALL).unwrap();
        match self.rng.random_range(0..10) {
            0..5 => {
                let amount = Fen(self.rng.random_range(1..=30) * 10_000);
                let bonus = Fen(if self.rng.random_bool(0.5) {
                    amount.0 / 10
                } else {
                    0
                });
                membership::top_up(
                    self.db(),
                    &m,
                    TopUpRequest {
                        customer_id: c,
                        amount,
                        bonus,
                        method,
                    },
                )
                .unwrap();
                self.count("top up");
            }
            5 => {
                let holders: Vec<i64> =
                    self.ids("SELECT customer_id FROM sv_balances WHERE balance_fen > 0");
                let c = self.pick(&holders).map_or(c, CustomerId);
                let b = self.balance(c);
                if b > 0 {
                    let amount = self.rng.random_range(1..=b);
                    membership::refund_stored_value(
                        self.db(),
                        &m,
                        RefundRequest {
                            customer_id: c,
                            amount: Fen(amount),
                            method,
                            reason: "顾客搬家".into(),
                        },
                    )
                    .unwrap();
                    self.count("refund");
                }
            }
            _ => {
                let price = self.rng.random_range(5..=20) * 10_000;
                let b = self.balance(c);
                let method = match self.rng.random_range(0..4) {
                    0 if b >= price => PackagePayment::StoredValue,
                    0 | 1 => PackagePayment::Cash,
                    2 => PackagePayment::Card,
                    _ => PackagePayment::Mobile,
                };
                let service = if self.rng.random_bool(0.5) {
                    self.facial
                } else {
                    self.massage
                };
                let sessions = self.rng.random_range(3..=10);
                membership::sell_package(
                    self.db(),
                    &m,
                    SellPackageRequest {
                        customer_id: c,
                        service_id: service,
                        sessions,
                        price: Fen(price),
                        method,
                        expires_on: None,
                    },
                )
                .unwrap();
                self.count("package sale");
            }
        }
    }

    fn call(&mut self) {
        let m = self.m.clone();
        let now = self.t.clock.now();
        let open: Vec<i64> = self.ids(&format!(
            "SELECT id FROM followups WHERE status = 'open'
             AND (not_before IS NULL OR not_before <= {now}) ORDER BY id"
        ));
        let Some(f) = self.pick(&open) else { return };
        let outcome = match self.rng.random_range(0..6) {
            0 => CallOutcome::NoAnswer,
            1 => CallOutcome::WrongNumber,
            _ => CallOutcome::Reached,
        };
        if followups::record_call(
            self.db(),
            &m,
            RecordCallRequest {
                id: FollowUpId(f),
                outcome,
                words: "挺好的".into(),
                satisfaction: (outcome == CallOutcome::Reached).then_some(5),
                call_back_at: None,
                rebooked_appointment_id: None,
            },
        )
        .is_ok()
        {
            self.count("follow-up call");
        }
    }

    fn answer(&mut self) {
        let m = self.m.clone();
        let open: Vec<i64> =
            self.ids("SELECT id FROM complaints WHERE answered_at IS NULL ORDER BY id");
        let Some(c) = self.pick(&open) else { return };
        complaints::complaint_action(
            self.db(),
            &m,
            ComplaintActionRequest {
                id: ComplaintId(c),
                kind: ActionKind::Answer,
                text: "已向顾客致歉并免费补做".into(),
            },
        )
        .unwrap();
        self.count("complaint answered");
    }

    /// Days of business from `first`, each from 09:00 local until the work
    /// runs out (sometimes past midnight).
    fn run(&mut self, first: &str, days: i64) {
        for d in 0..days {
            let day = date(first) + chrono::Duration::days(d);
            let open = local(self.tz, &day.format("%Y-%m-%d").to_string(), 9, 0);
            if self.t.clock.now() < open {
                self.t.clock.set(open);
            }
            let ops = self.rng.random_range(25..60);
            for _ in 0..ops {
                let dt = if self.rng.random_bool(0.75) {
                    self.rng.random_range(0..=4) * MINUTE
                } else {
                    self.rng.random_range(5..=40) * MINUTE
                } + self.rng.random_range(0..60_000);
                self.t.clock.advance(dt);
                match self.rng.random_range(0..20) {
                    0..4 => self.check_in(),
                    4..14 => self.step(),
                    14 => self.void(),
                    15..17 => self.money(),
                    17..19 => self.call(),
                    _ => self.answer(),
                }
            }
        }
    }
}

trait Now {
    fn now(&self) -> i64;
}
impl Now for frontdesk_core::clock::FixedClock {
    fn now(&self) -> i64 {
        use frontdesk_core::clock::Clock;
        self.now_ms()
    }
}

// ------------------------------------------------------------ brute force

struct VisitRaw {
    id: i64,
    status: String,
    source: String,
    customer: Option<i64>,
    business_date: String,
    arrived_at: i64,
    consult_started_at: Option<i64>,
    consult_ended_at: Option<i64>,
    reconsult_at: Option<i64>,
    closed_at: Option<i64>,
    total: i64,
    service_rating: Option<i64>,
    stylist_rating: Option<i64>,
}

/// visit, kind, item, qty, unit, amount, package.
type LineRow = (i64, String, i64, i64, i64, i64, Option<i64>);
/// kind, amount, method, visit, at.
type LedgerRow = (String, i64, Option<String>, Option<i64>, i64);

fn rows<T>(db: &Db, sql: &str, f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> Vec<T> {
    let conn = db.conn();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], f)
        .unwrap()
        .collect::<rusqlite::Result<Vec<T>>>()
        .unwrap()
}

fn methods(sums: &BTreeMap<String, i64>) -> Vec<MethodAmount> {
    PayMethod::ALL
        .iter()
        .map(|m| MethodAmount {
            method: *m,
            amount: Fen(*sums.get(m.as_str()).unwrap_or(&0)),
        })
        .collect()
}

fn rating_of(values: impl Iterator<Item = Option<i64>>) -> Rating {
    let mut r = Rating::default();
    for v in values.flatten() {
        if v == 0 {
            r.unknown += 1;
        } else {
            r.rated += 1;
            r.sum += v;
        }
    }
    r.average_tenths = (r.rated > 0).then(|| (r.sum as f64 / r.rated as f64 * 10.0).round() as i64);
    r
}

fn avg_seconds(ms: &[i64]) -> Option<i64> {
    (!ms.is_empty())
        .then(|| (ms.iter().sum::<i64>() as f64 / ms.len() as f64 / 1000.0).round() as i64)
}

/// Every figure of the summary from the raw rows, by the business day of
/// each row's instant.
fn brute_force(db: &Db, tz: Tz, now: i64, from: &str, to: &str) -> DailySummary {
    let (f, t) = (date(from), date(to));
    let day = |ms: i64| clock::business_date(ms, tz);
    let within = |d: NaiveDate| f <= d && d <= t;
    let within_ms = |ms: Option<i64>| ms.is_some_and(|ms| within(day(ms)));
    let visits: Vec<VisitRaw> = rows(
        db,
        "SELECT id, status, source, customer_id, business_date, arrived_at, consult_started_at,
                consult_ended_at, reconsult_at, closed_at, total_fen, service_rating, stylist_rating
         FROM visits",
        |r| {
            Ok(VisitRaw {
                id: r.get(0)?,
                status: r.get(1)?,
                source: r.get(2)?,
                customer: r.get(3)?,
                business_date: r.get(4)?,
                arrived_at: r.get(5)?,
                consult_started_at: r.get(6)?,
                consult_ended_at: r.get(7)?,
                reconsult_at: r.get(8)?,
                closed_at: r.get(9)?,
                total: r.get(10)?,
                service_rating: r.get(11)?,
                stylist_rating: r.get(12)?,
            })
        },
    );
    let visit_day = |v: &VisitRaw| match v.status.as_str() {
        "open" => date(&v.business_date),
        _ => day(v.closed_at.unwrap()),
    };
    let first_time = |v: &VisitRaw| match v.customer {
        None => true,
        Some(c) => !visits.iter().any(|e| {
            e.customer == Some(c)
                && e.status == "checked_out"
                && e.closed_at.unwrap() < v.arrived_at
        }),
    };
    let ours: Vec<&VisitRaw> = visits.iter().filter(|v| within(visit_day(v))).collect();
    let out: Vec<&VisitRaw> = ours
        .iter()
        .copied()
        .filter(|v| v.status == "checked_out")
        .collect();
    let out_ids: Vec<i64> = out.iter().map(|v| v.id).collect();
    let is_out = |id: Option<i64>| id.is_some_and(|id| out_ids.contains(&id));
    let n = |s: &str| ours.iter().filter(|v| v.status == s).count() as i64;

    let vf = VisitFigures {
        total: ours.len() as i64,
        checked_out: n("checked_out"),
        cancelled: n("cancelled"),
        voided: n("voided"),
        open: n("open"),
        walk_ins: ours.iter().filter(|v| v.source == "walk_in").count() as i64,
        appointments: ours.iter().filter(|v| v.source == "appointment").count() as i64,
    };
    let cf = CustomerFigures {
        new_customers: out
            .iter()
            .filter(|v| v.customer.is_some() && first_time(v))
            .count() as i64,
        returning: out
            .iter()
            .filter(|v| v.customer.is_some() && !first_time(v))
            .count() as i64,
        anonymous: out.iter().filter(|v| v.customer.is_none()).count() as i64,
        cards_created: rows(db, "SELECT created_at FROM customers", |r| {
            r.get::<_, i64>(0)
        })
        .into_iter()
        .filter(|ms| within(day(*ms)))
        .count() as i64,
    };

    // Revenue.
    let lines: Vec<LineRow> = rows(
        db,
        "SELECT visit_id, kind, item_id, qty, unit_fen, amount_fen, package_id FROM visit_lines",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    );
    let lines: Vec<_> = lines.into_iter().filter(|l| is_out(Some(l.0))).collect();
    let mut paid = BTreeMap::new();
    for (visit, method, amount) in rows(
        db,
        "SELECT visit_id, method, amount_fen FROM visit_payments",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    ) {
        if is_out(Some(visit)) {
            *paid.entry(method).or_insert(0) += amount;
        }
    }
    let ledger: Vec<LedgerRow> = rows(
        db,
        "SELECT kind, amount_fen, method, visit_id, at FROM sv_ledger",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    );
    let stored_value: i64 = ledger
        .iter()
        .filter(|l| l.0 == "spend" && is_out(l.3))
        .map(|l| -l.1)
        .sum();
    let events: Vec<(i64, String, Option<i64>, i64, String)> = rows(
        db,
        "SELECT voucher_type_id, kind, visit_id, amount_fen, business_date FROM voucher_events",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    );
    let vouchers_paid: i64 = events
        .iter()
        .filter(|e| e.1 == "redeem" && is_out(e.2))
        .map(|e| e.3)
        .sum();
    let by_method = methods(&paid);
    let money_taken: i64 = paid.values().sum();
    let revenue = Revenue {
        visits: out.len() as i64,
        billed: Fen(out.iter().map(|v| v.total).sum()),
        services: Fen(lines.iter().filter(|l| l.1 == "service").map(|l| l.5).sum()),
        products: Fen(lines.iter().filter(|l| l.1 == "product").map(|l| l.5).sum()),
        by_method,
        money_taken: Fen(money_taken),
        stored_value: Fen(stored_value),
        vouchers: Fen(vouchers_paid),
        package_sessions: lines.iter().filter(|l| l.6.is_some()).map(|l| l.3).sum(),
        package_value: Fen(lines
            .iter()
            .filter(|l| l.6.is_some())
            .map(|l| l.4 * l.3)
            .sum()),
    };

    // Top-ups and refunds.
    let mut top = BTreeMap::new();
    let mut refunds = BTreeMap::new();
    let mut top_ups = TopUps::default();
    for (kind, amount, method, _, at) in &ledger {
        if !within(day(*at)) {
            continue;
        }
        match kind.as_str() {
            "topup" => {
                top_ups.count += 1;
                *top.entry(method.clone().unwrap()).or_insert(0) += amount;
            }
            "bonus" => top_ups.bonus = Fen(top_ups.bonus.0 + amount),
            "refund" => {
                top_ups.refunds += 1;
                *refunds.entry(method.clone().unwrap()).or_insert(0) -= amount;
            }
            _ => {}
        }
    }
    top_ups.by_method = methods(&top);
    top_ups.received = Fen(top.values().sum());
    top_ups.liability_created = Fen(top_ups.received.0 + top_ups.bonus.0);
    top_ups.refunds_by_method = methods(&refunds);
    top_ups.refunded = Fen(refunds.values().sum());

    // Packages sold.
    let mut packages = PackageSales::default();
    let mut sold = BTreeMap::new();
    for (method, sessions, price, at) in rows(
        db,
        "SELECT method, sessions_total, price_fen, sold_at FROM packages",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    ) {
        if !within(day(at)) {
            continue;
        }
        packages.count += 1;
        packages.sessions += sessions;
        packages.liability_created = Fen(packages.liability_created.0 + price);
        if method == "stored_value" {
            packages.from_stored_value = Fen(packages.from_stored_value.0 + price);
        } else {
            *sold.entry(method).or_insert(0) += price;
        }
    }
    packages.by_method = methods(&sold);
    packages.received = Fen(sold.values().sum());
    let money_in = PayMethod::ALL
        .iter()
        .map(|m| {
            let k = m.as_str();
            MethodAmount {
                method: *m,
                amount: Fen(paid.get(k).unwrap_or(&0)
                    + top.get(k).unwrap_or(&0)
                    + sold.get(k).unwrap_or(&0)
                    - refunds.get(k).unwrap_or(&0)),
            }
        })
        .collect();

    // Services.
    let names: BTreeMap<i64, String> = rows(db, "SELECT id, name FROM services", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .into_iter()
    .collect();
    let mut done: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.1 == "service") {
        let e = done.entry(l.2).or_default();
        e.0 += l.3;
        if l.6.is_some() {
            e.1 += l.3;
        }
    }
    let mut services: Vec<ServiceCount> = done
        .into_iter()
        .map(|(id, (count, by_package))| ServiceCount {
            service_id: ServiceId(id),
            name: names[&id].clone(),
            count,
            by_package,
        })
        .collect();
    services.sort_by_key(|s| (-s.count, s.service_id.0));

    // Follow-ups and complaints.
    let today = day(now);
    let mut fu = FollowupFigures::default();
    for (status, due, closed) in rows(
        db,
        "SELECT status, due_date, closed_at FROM followups",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    ) {
        if within_ms(closed) {
            match status.as_str() {
                "done" => fu.done += 1,
                "unreachable" | "wrong_number" => fu.not_reached += 1,
                _ => {}
            }
        }
        let due = date(&due);
        if within(due)
            && status != "cancelled"
            && today > due
            && closed.is_none_or(|c| day(c) > due)
        {
            fu.overdue += 1;
        }
    }
    let mut co = ComplaintFigures::default();
    for (opened, due, answered) in rows(
        db,
        "SELECT opened_at, answer_due_at, answered_at FROM complaints",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    ) {
        if !within(day(opened)) {
            continue;
        }
        co.opened += 1;
        match answered {
            Some(a) if a <= due => co.answered_in_time += 1,
            Some(_) => co.answered_late += 1,
            None if due <= now => co.unanswered_overdue += 1,
            None => co.unanswered_pending += 1,
        }
    }

    // Gifts and vouchers: with a checked-out visit of the period, or on a
    // day of it without a visit or with one neither checked out nor voided.
    let status_of: BTreeMap<i64, &str> = visits.iter().map(|v| (v.id, v.status.as_str())).collect();
    let counts_here = |visit: Option<i64>, business_date: &str| match visit {
        Some(v) if status_of[&v] == "checked_out" => is_out(Some(v)),
        Some(v) if status_of[&v] == "voided" => false,
        _ => within(date(business_date)),
    };
    let mut issued: BTreeMap<i64, i64> = BTreeMap::new();
    for (item, qty, visit, bd) in rows(
        db,
        "SELECT item_id, qty, visit_id, business_date FROM gift_moves WHERE kind = 'issue'",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    ) {
        if counts_here(visit, &bd) {
            *issued.entry(item).or_default() -= qty;
        }
    }
    let items: BTreeMap<i64, (String, String)> =
        rows(db, "SELECT id, name, unit FROM gift_items", |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
        })
        .into_iter()
        .collect();
    let mut gifts: Vec<GiftFigure> = issued
        .into_iter()
        .map(|(id, n)| GiftFigure {
            item_id: GiftItemId(id),
            name: items[&id].0.clone(),
            unit: items[&id].1.clone(),
            issued: n,
        })
        .collect();
    gifts.sort_by(|a, b| a.name.cmp(&b.name));
    let types: BTreeMap<i64, (String, i64)> = rows(
        db,
        "SELECT id, name, face_value_fen FROM voucher_types",
        |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
    )
    .into_iter()
    .collect();
    let mut vt: BTreeMap<i64, (i64, i64, i64)> = BTreeMap::new();
    for (ty, kind, visit, amount, bd) in &events {
        if (kind == "issue" || kind == "redeem") && counts_here(*visit, bd) {
            let e = vt.entry(*ty).or_default();
            if kind == "issue" {
                e.0 += 1;
            } else {
                e.1 += 1;
                e.2 += amount;
            }
        }
    }
    let mut vouchers: Vec<VoucherFigure> = vt
        .into_iter()
        .map(|(id, (i, r, a))| VoucherFigure {
            voucher_type_id: VoucherTypeId(id),
            name: types[&id].0.clone(),
            face_value: Fen(types[&id].1),
            issued: i,
            redeemed: r,
            redeemed_amount: Fen(a),
        })
        .collect();
    vouchers.sort_by(|a, b| a.name.cmp(&b.name));

    // Times against the standards: consultation 3–15 minutes (a new
    // customer's at most 20); waits within 5 minutes, over 10.
    let (cmin, cmax, cnew) = (3, 15, 20);
    let not_void: Vec<&&VisitRaw> = ours.iter().filter(|v| v.status != "voided").collect();
    let mut consult = ConsultTimes {
        min_minutes: cmin,
        max_minutes: cmax,
        new_max_minutes: cnew,
        ..ConsultTimes::default()
    };
    let mut ms = vec![];
    for v in &not_void {
        if let (Some(s), Some(e)) = (v.consult_started_at, v.consult_ended_at) {
            let d = e - s;
            let max = if first_time(v) { cnew } else { cmax };
            consult.measured += 1;
            ms.push(d);
            if d < cmin * MINUTE {
                consult.too_short += 1;
            } else if d > max * MINUTE {
                consult.too_long += 1;
            } else {
                consult.within += 1;
            }
        }
    }
    consult.average_seconds = avg_seconds(&ms);
    let wait = |waits: Vec<i64>| WaitTimes {
        amber_minutes: 5,
        red_minutes: 10,
        measured: waits.len() as i64,
        within: waits.iter().filter(|w| **w <= 5 * MINUTE).count() as i64,
        over_red: waits.iter().filter(|w| **w > 10 * MINUTE).count() as i64,
        average_seconds: avg_seconds(&waits),
    };
    let waiting_for_consult = wait(
        not_void
            .iter()
            .filter_map(|v| v.consult_started_at.map(|s| s - v.arrived_at))
            .collect(),
    );
    let waiting_to_leave = wait(
        out.iter()
            .filter_map(|v| v.reconsult_at.map(|r| v.closed_at.unwrap() - r))
            .collect(),
    );

    DailySummary {
        from: from.into(),
        to: to.into(),
        days: (t - f).num_days() + 1,
        visits: vf,
        customers: cf,
        revenue,
        top_ups,
        packages,
        money_in,
        services,
        service_rating: rating_of(out.iter().map(|v| v.service_rating)),
        stylist_rating: rating_of(out.iter().map(|v| v.stylist_rating)),
        followups: fu,
        complaints: co,
        gifts,
        vouchers,
        consultations: consult,
        waiting_for_consult,
        waiting_to_leave,
    }
}

fn check_range(s: &mut Shop, from: &str, to: &str) {
    let m = s.m.clone();
    let got = summary(s.db(), &m, from, to);
    let want = brute_force(&s.t.db, s.tz, s.t.clock.now(), from, to);
    assert_eq!(got, want, "the summary of {from} to {to} in {}", s.tz);
    let r = &got.revenue;
    assert_eq!(
        r.billed.0,
        r.money_taken.0 + r.stored_value.0 + r.vouchers.0,
        "billed = money + stored value + vouchers, {from} to {to}"
    );
    assert_eq!(r.billed.0, r.services.0 + r.products.0);
    let v = &got.visits;
    assert_eq!(v.total, v.checked_out + v.cancelled + v.voided + v.open);
    assert_eq!(v.total, v.walk_ins + v.appointments);
    let c = &got.customers;
    assert_eq!(v.checked_out, c.new_customers + c.returning + c.anonymous);
}

#[test]
fn every_figure_matches_a_recount_from_the_raw_rows_for_random_ranges() {
    let first = "2026-11-23";
    let days = 16;
    for seed in 1..=3u64 {
        let mut s = Shop::new(seed);
        s.run(first, days);
        if seed != 1 {
            // Some follow-ups and complaints fall overdue while nobody works.
            s.t.clock.advance(4 * 86_400_000);
        }
        let mut rng = StdRng::seed_from_u64(seed * 7919);
        let day = |i: i64| {
            (date(first) + chrono::Duration::days(i))
                .format("%Y-%m-%d")
                .to_string()
        };
        // Each single day (the day after the last too: work ran past midnight).
        for i in -1..=days {
            check_range(&mut s, &day(i), &day(i));
        }
        for _ in 0..12 {
            let a = rng.random_range(-2..=days + 1);
            let b = rng.random_range(a..=days + 1);
            check_range(&mut s, &day(a), &day(b));
        }
        check_range(&mut s, "2026-11-01", "2026-11-30");
        check_range(&mut s, "2026-12-01", "2026-12-31");
        // Adding up: the month's figures are November's and December's.
        let m = s.m.clone();
        let all = summary(s.db(), &m, "2026-11-01", "2026-12-31");
        let nov = summary(s.db(), &m, "2026-11-01", "2026-11-30");
        let dec = summary(s.db(), &m, "2026-12-01", "2026-12-31");
        assert_eq!(
            all.revenue.billed.0,
            nov.revenue.billed.0 + dec.revenue.billed.0
        );
        assert_eq!(all.visits.total, nov.visits.total + dec.visits.total);
        // The run reached every kind of thing the summary counts.
        for what in [
            "check in",
            "check in (appointment)",
            "checkout",
            "checkout with gifts",
            "checkout with a voucher",
            "checkout with a package session",
            "checkout with stored value",
            "cancel",
            "void",
            "top up",
            "refund",
            "package sale",
            "follow-up call",
            "complaint answered",
        ] {
            assert!(
                s.done.get(what).copied().unwrap_or(0) > 0,
                "seed {seed} never did: {what} ({:?})",
                s.done
            );
        }
        assert!(
            all.followups.overdue > 0 && all.followups.done > 0,
            "{:?}",
            all.followups
        );
        assert!(all.complaints.opened > 0, "{:?}", all.complaints);
        let c = &all.consultations;
        assert!(c.within > 0 && c.too_short > 0 && c.too_long > 0, "{c:?}");
        let w = &all.waiting_for_consult;
        assert!(w.within > 0 && w.over_red > 0, "{w:?}");
        assert!(all.revenue.package_sessions > 0 && all.revenue.vouchers.0 > 0);
        assert!(!all.gifts.is_empty() && !all.vouchers.is_empty());
    }
}

// ------------------------------------------------------------ boundaries

struct Small {
    t: TempShop,
    m: Session,
    facial: ServiceId,
    stylist: StaffId,
    customer: CustomerId,
}

fn small_shop() -> Small {
    let mut t = TempShop::new();
    let db = &mut t.db;
    let m = setup_manager(db);
    let (facial, _, _) = flow_support::menu(db, &m);
    let stylist = flow_support::stylist(db, &m);
    let customer = flow_support::customer(db, &m, "李美华", "13812345678");
    Small {
        t,
        m,
        facial,
        stylist,
        customer,
    }
}

/// Check in at `arrive`, go through every stage and check out at `leave`,
/// paying ¥298 by card.
fn visit(s: &mut Small, arrive: i64, leave: i64) -> VisitId {
    s.t.clock.set(arrive);
    let v = flow_support::visit_at(
        &mut s.t.db,
        &s.m,
        s.customer,
        Stage::Reconsult,
        s.facial,
        s.stylist,
    );
    s.t.clock.set(leave);
    visits::checkout(
        &mut s.t.db,
        &s.m,
        CheckoutRequest {
            visit_id: v,
            products: vec![],
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: Fen(29_800),
            }],
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .unwrap();
    v
}

#[test]
fn checkouts_at_23_59_and_00_01_fall_on_their_days_across_a_month_end() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    let mut s = small_shop();
    // Arrived 23:00 on 30 November, out at 23:59: November's.
    visit(
        &mut s,
        local(sh, "2026-11-30", 23, 0),
        local(sh, "2026-11-30", 23, 59),
    );
    // Back in at 23:59:30 (she forgot to buy the cream), out at 00:01: December's.
    visit(
        &mut s,
        local(sh, "2026-11-30", 23, 59) + 30_000,
        local(sh, "2026-12-01", 0, 1),
    );
    let m = s.m.clone();
    let nov30 = summary(&mut s.t.db, &m, "2026-11-30", "2026-11-30");
    let dec1 = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-01");
    let both = summary(&mut s.t.db, &m, "2026-11-30", "2026-12-01");
    let nov = summary(&mut s.t.db, &m, "2026-11-01", "2026-11-30");
    let dec = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-31");
    for (sum, visits, billed) in [
        (&nov30, 1, 29_800),
        (&dec1, 1, 29_800),
        (&both, 2, 59_600),
        (&nov, 1, 29_800),
        (&dec, 1, 29_800),
    ] {
        assert_eq!(sum.visits.checked_out, visits, "{} to {}", sum.from, sum.to);
        assert_eq!(
            sum.revenue.billed,
            Fen(billed),
            "{} to {}",
            sum.from,
            sum.to
        );
        assert_eq!(sum.revenue.money_taken, Fen(billed));
    }
    // Her first visit was November's; the one after midnight is a return.
    assert_eq!(nov30.customers.new_customers, 1);
    assert_eq!(dec1.customers.returning, 1);
    // UTC would put both on 30 November (15:59 and 16:01 UTC): the shop's
    // zone decides, not the computer's.
    assert_eq!(
        clock::business_date(local(sh, "2026-12-01", 0, 1), chrono_tz::UTC),
        date("2026-11-30")
    );
    // Still open across midnight: counted on the day she arrived.
    s.t.clock.set(local(sh, "2026-12-01", 23, 58));
    flow_support::visit_at(
        &mut s.t.db,
        &m,
        s.customer,
        Stage::Consult,
        s.facial,
        s.stylist,
    );
    s.t.clock.set(local(sh, "2026-12-02", 0, 30));
    let dec1 = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-01");
    let dec2 = summary(&mut s.t.db, &m, "2026-12-02", "2026-12-02");
    assert_eq!((dec1.visits.open, dec2.visits.open), (1, 0));
}

#[test]
fn a_voided_visit_counts_nowhere_in_revenue() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    let mut s = small_shop();
    let kept = visit(
        &mut s,
        local(sh, "2026-11-23", 10, 0),
        local(sh, "2026-11-23", 11, 0),
    );
    let voided = visit(
        &mut s,
        local(sh, "2026-11-23", 12, 0),
        local(sh, "2026-11-23", 13, 0),
    );
    let m = s.m.clone();
    let before = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-23");
    assert_eq!(before.revenue.billed, Fen(59_600));
    // Voided the next morning: the 23rd's figures lose it, the 24th's do not gain it.
    s.t.clock.set(local(sh, "2026-11-24", 9, 0));
    visits::void_visit(
        &mut s.t.db,
        &m,
        VoidVisitRequest {
            visit_id: voided,
            reason: "收银录错".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    let day = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-23");
    let next = summary(&mut s.t.db, &m, "2026-11-24", "2026-11-24");
    let both = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-24");
    for sum in [&day, &both] {
        assert_eq!(sum.visits.voided, 1);
        assert_eq!(sum.visits.checked_out, 1);
        assert_eq!(sum.visits.total, 2);
        assert_eq!(sum.revenue.visits, 1);
        assert_eq!(sum.revenue.billed, Fen(29_800));
        assert_eq!(sum.revenue.money_taken, Fen(29_800));
        assert_eq!(sum.money_in.iter().map(|m| m.amount.0).sum::<i64>(), 29_800);
        assert_eq!(sum.services[0].count, 1);
        assert_eq!(sum.service_rating.rated + sum.service_rating.unknown, 0);
    }
    assert_eq!(next.visits.total, 0);
    assert_eq!(next.revenue.billed, Fen(0));
    let _ = kept;
}

#[test]
fn the_period_is_refused_by_field_and_the_summary_is_the_managers() {
    let mut s = small_shop();
    let m = s.m.clone();
    for (from, to, field) in [
        ("2026-11-31", "2026-12-01", "from"),
        ("2026-12-01", "昨天", "to"),
        ("2026-12-02", "2026-12-01", "to"),
        ("2020-01-01", "2026-12-01", "to"),
    ] {
        match reports::daily_summary(
            &mut s.t.db,
            &m,
            SummaryRequest {
                from: from.into(),
                to: to.into(),
            },
        ) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field, "{from} {to}"),
            other => panic!("{from} {to}: {other:?}"),
        }
    }
    // Full-width digits from an IME are read as digits.
    let s1 = summary(&mut s.t.db, &m, "２０２６-11-23", "2026-11-23");
    assert_eq!((s1.from.as_str(), s1.days), ("2026-11-23", 1));
    assert_eq!(
        printing::permission(&DocumentRequest::DailySummary {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
        }),
        frontdesk_core::access::Permission::ViewReports
    );
}

// ------------------------------------------------------------ printing

#[test]
fn the_printed_summary_reads_back_with_its_figures() {
    use frontdesk_print::docs::{self, Paper};
    use frontdesk_tests::printing::{SlipCase, page_texts, print_shop, squeezed};
    let mut p = print_shop(&SlipCase::default());
    let manager = p.manager.clone();
    let desk = p.desk.clone();
    let req = DocumentRequest::DailySummary {
        from: "2026-11-23".into(),
        to: "2026-11-23".into(),
    };
    // The desk may not see the shop's figures.
    assert!(matches!(
        printing::document(&mut p.shop.db, &desk, &req),
        Err(Error::Forbidden(_))
    ));
    let doc = printing::document(&mut p.shop.db, &manager, &req).unwrap();
    let target = frontdesk_core::printing::PrinterTarget::System {
        queue: Some("Frontdesk-Test-PDF".into()),
    };
    assert_eq!(docs::paper_for(&doc, &target), Paper::A4);
    assert_eq!(printing::title(&doc), "营业日报 2026-11-23");
    let rendered = docs::render(&doc, Paper::A4);
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/print-check");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("daily-summary.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "110"])
        .arg(&path)
        .arg(dir.join("daily-summary"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let text: String = page_texts(&path).iter().map(|t| squeezed(t)).collect();
    // ¥298 facial + 2 × ¥168 cream = ¥634: ¥200 from her balance, ¥434 by
    // card; her ¥1,000 top-up by mobile; the ¥500 tier's cream and voucher.
    for want in [
        "丽人坊美容会所",
        "营业日报",
        "营业日2026-11-23",
        "账单合计（1单）¥634.00",
        "其中服务¥298.00",
        "其中产品¥336.00",
        "实收·银行卡¥434.00",
        "实收合计¥434.00",
        "储值卡消费（不计实收）¥200.00",
        "充值收款·移动支付¥1,000.00",
        "新增储值余额（负债）¥1,000.00",
        "银行卡¥434.00",
        "移动支付¥1,000.00",
        "合计¥1,434.00",
        "面部补水护理10",
        "服务满意度5.0分（1人评价，不知道0人）",
        "玫瑰护手霜（支）1",
        "50元代金券（面值¥50.00）10¥0.00",
        "标准：3至15分钟，新顾客不超过20分钟。",
        "打印：",
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }
    let s = match &doc {
        frontdesk_core::printing::Document::DailySummary(v) => &v.summary,
        _ => unreachable!(),
    };
    assert_eq!(s.revenue.billed, Fen(63_400));
    assert_eq!(s.top_ups.received, Fen(100_000));
}
