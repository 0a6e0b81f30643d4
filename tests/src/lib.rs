//! Helpers shared by the scenario tests: a fresh shop in a temp SQLite file.
//! Test support only: a failed setup step should stop the test loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod command_fixture;
pub mod generate;
pub mod gift_invariants;
pub mod gifts;
pub mod printing;
pub mod reports_model;
pub mod reports_shop;

use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::{Clock, FixedClock};

/// A temp data directory with an opened database; the directory is removed
/// when this is dropped.
pub struct TempShop {
    pub dir: tempfile::TempDir,
    pub db: Db,
    pub clock: FixedClock,
}

/// 2026-11-23 09:00 in Shanghai.
pub const MORNING_MS: i64 = 1_795_395_600_000;

impl TempShop {
    pub fn new() -> TempShop {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = FixedClock::at(MORNING_MS);
        let c: Arc<dyn Clock> = Arc::new(clock.clone());
        let (db, _) = Db::open_in_dir(dir.path(), c).expect("open db");
        TempShop { dir, db, clock }
    }

    /// Open the same file again, as the app does after a restart.
    pub fn reopen(self) -> TempShop {
        let TempShop { dir, db, clock } = self;
        drop(db);
        let c: Arc<dyn Clock> = Arc::new(clock.clone());
        let (db, _) = Db::open_in_dir(dir.path(), c).expect("reopen db");
        TempShop { dir, db, clock }
    }
}

impl Default for TempShop {
    fn default() -> Self {
        Self::new()
    }
}

/// Every row of every table, as text: compare two snapshots to prove a refused
/// command wrote nothing at all. The wrong-PIN throttle (`pin_throttle`) is
/// left out: counting a wrong PIN is the one write a refusal makes, on
/// purpose (tests/tests/desk_override.rs checks it).
pub fn snapshot(db: &Db) -> String {
    let conn = db.conn();
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'pin_throttle'
             ORDER BY name",
        )
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .expect("list tables");
    for table in tables {
        out.push_str(&format!("## {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("select");
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = Vec::with_capacity(cols);
                for i in 0..cols {
                    line.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(line.join(" | "))
            })
            .expect("rows")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("collect");
        // Sorted here: WITHOUT ROWID tables have no rowid to order by.
        let mut rows = rows;
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The mobile of row `row` (< 100 000) of import batch `batch` (< 70 000) in
/// the crash test's imports: `1`, a digit 3–9, the batch in four digits, the
/// row in five, so that the first six digits name the batch.
pub fn import_phone(batch: u64, row: usize) -> String {
    format!(
        "1{}{:04}{:05}",
        3 + (batch / 10_000) % 7,
        batch % 10_000,
        row
    )
}

/// A create request for a customer with just a name and a mobile.
pub fn new_customer(name: &str, phone: &str) -> frontdesk_core::customers::CreateCustomerRequest {
    frontdesk_core::customers::CreateCustomerRequest {
        card: frontdesk_core::customers::CustomerFields {
            name: name.into(),
            phone: phone.into(),
            ..Default::default()
        },
        confirm_duplicate: false,
    }
}

/// First-run setup of 丽人坊 with manager 1001 王店长 (PIN 1234), signed in.
pub fn setup_manager(db: &mut Db) -> frontdesk_core::staff::Session {
    frontdesk_core::shop::setup_shop(
        db,
        frontdesk_core::shop::SetupRequest {
            shop_name: "丽人坊".into(),
            staff_no: "1001".into(),
            name: "王店长".into(),
            pin: "1234".into(),
            pin_confirm: "1234".into(),
        },
    )
    .expect("first-run setup")
}

/// A day in progress, for tests of the visit flow: a menu of one service
/// (面部补水护理, ¥298, 60 min, category 面部护理), one counted product
/// (玫瑰保湿霜, ¥168, 10 in stock), one metric (皮肤水分, %, one decimal, 0–100),
/// and one open visit at each stage plus a checked-out one, a booked
/// appointment tomorrow, the checkout's follow-up, and an open complaint.
pub struct FlowFixture {
    pub service: ServiceId,
    pub product: ProductId,
    pub metric: MetricId,
    pub stylist: StaffId,
    pub customers: Vec<CustomerId>,
    pub greet: VisitId,
    pub consult: VisitId,
    pub in_service: VisitId,
    pub reconsult: VisitId,
    pub done: VisitId,
    pub appointment: AppointmentId,
    pub followup: FollowUpId,
    pub complaint: ComplaintId,
}

pub use frontdesk_core::ids::{
    AppointmentId, ComplaintId, CustomerId, FollowUpId, MetricId, PackageId, ProductId, ServiceId,
    StaffId, TierId, VisitId,
};

pub mod flow_support {
    use frontdesk_core::Db;
    use frontdesk_core::catalog::{
        self, Metric, Product, SaveMetric, SaveProduct, SaveService, Service,
    };
    use frontdesk_core::customers;
    use frontdesk_core::ids::{CustomerId, MetricId, ProductId, ServiceId, StaffId, VisitId};
    use frontdesk_core::money::Fen;
    use frontdesk_core::staff::{Role, Session};
    use frontdesk_core::visits::{self, AdvanceRequest, CheckInRequest, ConsultRequest, Stage};

    pub fn menu(db: &mut Db, manager: &Session) -> (ServiceId, ProductId, MetricId) {
        let service = catalog::save_service(
            db,
            manager,
            SaveService {
                service: Service {
                    id: ServiceId(0),
                    name: "面部补水护理".into(),
                    category: "面部护理".into(),
                    price: Fen(29800),
                    duration_minutes: 60,
                    performed_by: vec![Role::Stylist],
                    active: true,
                },
            },
        )
        .expect("service")
        .id;
        let product = catalog::save_product(
            db,
            manager,
            SaveProduct {
                product: Product {
                    id: ProductId(0),
                    name: "玫瑰保湿霜".into(),
                    price: Fen(16800),
                    stock: Some(10),
                    active: true,
                },
            },
        )
        .expect("product")
        .id;
        let metric = catalog::save_metric(
            db,
            manager,
            SaveMetric {
                metric: Metric {
                    id: MetricId(0),
                    name: "皮肤水分".into(),
                    unit: "%".into(),
                    decimals: 1,
                    min_value: 0,
                    max_value: 1000,
                    active: true,
                },
            },
        )
        .expect("metric")
        .id;
        (service, product, metric)
    }

    pub fn customer(db: &mut Db, manager: &Session, name: &str, phone: &str) -> CustomerId {
        customers::create_customer(db, manager, crate::new_customer(name, phone))
            .expect("customer")
            .id
    }

    /// Add stylist 3003 陈静 (PIN 3003), who performs the menu's services.
    pub fn stylist(db: &mut Db, manager: &Session) -> StaffId {
        frontdesk_core::staff::add_staff(
            db,
            manager,
            frontdesk_core::staff::AddStaffRequest {
                staff_no: "3003".into(),
                name: "陈静".into(),
                role: Role::Stylist,
                pin: "3003".into(),
            },
        )
        .expect("stylist")
        .id
    }

    /// Check `customer` in and take the visit to `stage` (consult with the
    /// service and `stylist`).
    pub fn visit_at(
        db: &mut Db,
        desk: &Session,
        customer: CustomerId,
        stage: Stage,
        service: ServiceId,
        stylist: StaffId,
    ) -> VisitId {
        let v = visits::check_in(
            db,
            desk,
            CheckInRequest {
                customer_id: Some(customer),
                walk_in_label: String::new(),
                appointment_id: None,
            },
        )
        .expect("check in")
        .id;
        for to in [Stage::Consult, Stage::Service, Stage::Reconsult] {
            if to.rank() > stage.rank() {
                break;
            }
            visits::advance(db, desk, AdvanceRequest { visit_id: v, to }).expect("advance");
            if to == Stage::Consult {
                visits::save_consult(
                    db,
                    desk,
                    ConsultRequest {
                        visit_id: v,
                        needs: "补水".into(),
                        measurements: vec![],
                        services: vec![service],
                        stylist_id: Some(stylist),
                        care_plan: String::new(),
                        care_interval_days: None,
                    },
                )
                .expect("consult");
            }
        }
        v
    }
}

/// Build a [`FlowFixture`] with `manager` running the desk and `stylist`
/// doing the services.
pub fn flow_fixture(
    db: &mut Db,
    manager: &frontdesk_core::staff::Session,
    stylist: StaffId,
) -> FlowFixture {
    use frontdesk_core::money::PayMethod;
    use frontdesk_core::visits::{self, CheckoutRequest, Payment, Stage};
    use frontdesk_core::{appointments, complaints, money::Fen};
    let (service, product, metric) = flow_support::menu(db, manager);
    let names = [
        ("张丽", "13900000001"),
        ("赵敏", "13900000002"),
        ("钱芳", "13900000003"),
        ("孙燕", "13900000004"),
        ("周婷", "13900000005"),
    ];
    let customers: Vec<_> = names
        .iter()
        .map(|(n, p)| flow_support::customer(db, manager, n, p))
        .collect();
    let greet = flow_support::visit_at(db, manager, customers[0], Stage::Greet, service, stylist);
    let consult =
        flow_support::visit_at(db, manager, customers[1], Stage::Consult, service, stylist);
    let in_service =
        flow_support::visit_at(db, manager, customers[2], Stage::Service, service, stylist);
    let reconsult = flow_support::visit_at(
        db,
        manager,
        customers[3],
        Stage::Reconsult,
        service,
        stylist,
    );
    let done = flow_support::visit_at(
        db,
        manager,
        customers[4],
        Stage::Reconsult,
        service,
        stylist,
    );
    visits::checkout(
        db,
        manager,
        CheckoutRequest {
            visit_id: done,
            products: vec![],
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: Fen(29800),
            }],
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .expect("checkout");
    let followup: FollowUpId = db
        .conn()
        .query_row(
            "SELECT id FROM followups WHERE visit_id = ?1",
            [done],
            |r| r.get(0),
        )
        .expect("follow-up scheduled");
    let appointment = appointments::save_appointment(
        db,
        manager,
        appointments::SaveAppointmentRequest {
            id: AppointmentId(0),
            customer_id: customers[0],
            stylist_id: Some(stylist),
            start_at: MORNING_MS + 24 * 3_600_000,
            duration_minutes: None,
            services: vec![service],
            note: String::new(),
            allow_conflict: false,
            from_visit_id: None,
        },
    )
    .expect("appointment")
    .id;
    let complaint = complaints::open_complaint(
        db,
        manager,
        complaints::OpenComplaintRequest {
            customer_id: Some(customers[4]),
            visit_id: Some(done),
            about_staff_id: Some(stylist),
            channel: complaints::Channel::PhoneLetter,
            kind: complaints::ComplaintKind::Billing,
            description: "觉得收费不清楚".into(),
            severity: complaints::Severity::Simple,
        },
    )
    .expect("complaint")
    .id;
    FlowFixture {
        service,
        product,
        metric,
        stylist,
        customers,
        greet,
        consult,
        in_service,
        reconsult,
        done,
        appointment,
        followup,
        complaint,
    }
}
