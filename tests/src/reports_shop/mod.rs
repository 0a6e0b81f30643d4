//! The generated shop of the daily-summary tests (`tests/tests/reports.rs`):
//! a shop that runs for days through the real commands (check-ins from
//! appointments and walk-ins, consultations of random length, ratings,
//! checkouts paid every way, gifts, cancellations, voids, top-ups, refunds,
//! package sales, follow-up calls, complaint answers), in a time zone picked
//! by the seed; and a small shop for the boundary cases.
//!
//! The visit flow is in `flow`, the money at the desk in `money`.

mod flow;
mod money;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use frontdesk_core::Db;
use frontdesk_core::catalog::{self, Product, SaveProduct};
use frontdesk_core::complaints::{self, ActionKind, ComplaintActionRequest};
use frontdesk_core::followups::{self, CallOutcome, RecordCallRequest};
use frontdesk_core::ids::{
    ComplaintId, CustomerId, FollowUpId, ProductId, ServiceId, StaffId, VisitId,
};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::shop::{self, UpdateShopRequest};
use frontdesk_core::staff::Session;
use frontdesk_core::visits::{self, CheckoutRequest, Payment, Stage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::{TempShop, flow_support, gifts, setup_manager};

pub const MINUTE: i64 = 60_000;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The instant of a local wall-clock time in `tz`.
pub fn local(tz: Tz, day: &str, h: u32, m: u32) -> i64 {
    use chrono::TimeZone;
    tz.from_local_datetime(&date(day).and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
        .timestamp_millis()
}

pub fn set_zone(db: &mut Db, m: &Session, tz: &str) {
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

// ------------------------------------------------------------ the generated shop

/// The generated shop: `new(seed)` sets it up, `run` works its days.
pub struct Shop {
    pub t: TempShop,
    pub m: Session,
    pub tz: Tz,
    facial: ServiceId,
    /// A second service, 肩颈舒缓 ¥198.
    massage: ServiceId,
    stylist: StaffId,
    /// Both stylists (陈静 and 王芳): a consultation picks one.
    stylists: Vec<StaffId>,
    /// ¥100, not counted (never runs out).
    p100: ProductId,
    customers: Vec<CustomerId>,
    rng: StdRng,
    /// For the choices added after the daily summary's tests were written
    /// (which stylist, whether to rebook), so `rng`'s run stays as it was.
    extra: StdRng,
    pub done: BTreeMap<&'static str, usize>,
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
    pub fn new(seed: u64) -> Shop {
        let mut t = TempShop::new();
        let db = &mut t.db;
        let m = setup_manager(db);
        let zones = ["Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin"];
        let zone = zones[(seed % 3) as usize];
        set_zone(db, &m, zone);
        let (facial, _, _) = flow_support::menu(db, &m);
        let massage = massage(db, &m);
        let stylist = flow_support::stylist(db, &m);
        let second = frontdesk_core::staff::add_staff(
            db,
            &m,
            frontdesk_core::staff::AddStaffRequest {
                staff_no: "3004".into(),
                name: "王芳".into(),
                role: frontdesk_core::staff::Role::Stylist,
                pin: "3004".into(),
            },
        )
        .unwrap()
        .id;
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
            stylists: vec![stylist, second],
            p100,
            customers,
            rng: StdRng::seed_from_u64(seed),
            extra: StdRng::seed_from_u64(seed ^ 0x5EED),
            done: BTreeMap::new(),
        }
    }

    pub fn db(&mut self) -> &mut Db {
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
    pub fn run(&mut self, first: &str, days: i64) {
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

/// The fixed clock's time, as the shop reads it.
pub trait Now {
    fn now(&self) -> i64;
}
impl Now for frontdesk_core::clock::FixedClock {
    fn now(&self) -> i64 {
        use frontdesk_core::clock::Clock;
        self.now_ms()
    }
}
// ------------------------------------------------------------ boundaries

/// One customer, the menu and a stylist, for the boundary cases.
pub struct Small {
    pub t: TempShop,
    pub m: Session,
    pub facial: ServiceId,
    pub stylist: StaffId,
    pub customer: CustomerId,
}

pub fn small_shop() -> Small {
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
pub fn visit(s: &mut Small, arrive: i64, leave: i64) -> VisitId {
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
