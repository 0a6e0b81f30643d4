//! Every command × every role: a role that has the command's permission gets
//! through, every other role gets `Forbidden` naming that permission, checked
//! by the core itself. The table must list every command the desktop shell
//! exposes (read from src-tauri/build.rs), so a new command cannot be added
//! without its row here.
// Integration tests: an unexpected Err should fail the test at once.
#![allow(clippy::unwrap_used)]

use frontdesk_core::appointments::{self, AppointmentOutcome};
use frontdesk_core::catalog;
use frontdesk_core::complaints::{self, ActionKind};
use frontdesk_core::customers::import;
use frontdesk_core::customers::timeline::{self, TimelineRequest};
use frontdesk_core::customers::{
    self, AddNoteRequest, CustomerFields, CustomerId, EraseCustomerRequest, SearchRequest,
    SetVipRequest, UpdateCustomerRequest,
};
use frontdesk_core::flow;
use frontdesk_core::followups::{self, CallOutcome, FollowUpReason, QueueScope};
use frontdesk_core::membership;
use frontdesk_core::money::Fen;
use frontdesk_core::shop::{self, UpdateShopRequest};
use frontdesk_core::staff::{
    self, AddStaffRequest, Language, Permission, ResetPinRequest, Role, Session, UpdateStaffRequest,
};
use frontdesk_core::visits::{self, PayMethod, Payment, Stage, board, history};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{FlowFixture, TempShop, new_customer};

/// What a command requires of the acting staff member.
#[derive(Debug, Clone, Copy)]
enum Needs {
    /// Any active, signed-in staff member.
    SignedIn,
    Permission(Permission),
}

/// A shop with one staff member of each role and one customer.
struct Fixture {
    shop: TempShop,
    sessions: Vec<(Role, Session)>,
    customer: CustomerId,
    target: staff::StaffId,
    flow: FlowFixture,
}

fn fixture() -> Fixture {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = frontdesk_tests::setup_manager(db);
    let mut sessions = vec![(Role::Manager, manager.clone())];
    for (no, role) in [("2001", Role::Receptionist), ("3003", Role::Stylist)] {
        let m = staff::add_staff(
            db,
            &manager,
            AddStaffRequest {
                staff_no: no.into(),
                name: format!("员工{no}"),
                role,
                pin: "2580".into(),
            },
        )
        .unwrap();
        sessions.push((
            role,
            Session {
                staff_id: m.id,
                staff_no: m.staff_no,
                name: m.name,
                role,
                language: Language::ZhCn,
            },
        ));
    }
    let target = staff::add_staff(
        db,
        &manager,
        AddStaffRequest {
            staff_no: "2009".into(),
            name: "待修改".into(),
            role: Role::Receptionist,
            pin: "2580".into(),
        },
    )
    .unwrap()
    .id;
    let customer = customers::create_customer(db, &manager, new_customer("李美华", "13812345678"))
        .unwrap()
        .id;
    let stylist = sessions
        .iter()
        .find(|(r, _)| *r == Role::Stylist)
        .map(|(_, s)| s.staff_id)
        .unwrap();
    let flow = frontdesk_tests::flow_fixture(db, &manager, stylist);
    Fixture {
        shop,
        sessions,
        customer,
        target,
        flow,
    }
}

fn import_request() -> import::ImportRequest {
    import::ImportRequest {
        file: import::FileBytes("姓名,手机\n王芳,13900001234\n".as_bytes().to_vec()),
        mapping: vec![
            Some(import::ImportColumn::Name),
            Some(import::ImportColumn::Phone),
        ],
        duplicates: import::DuplicatePolicy::Skip,
    }
}

fn tier(name: &str, rank: i64) -> membership::Tier {
    membership::Tier {
        id: 0,
        name: name.into(),
        rank,
        color: "#d4a017".into(),
        min_spend_12m: Some(Fen(500_000)),
        min_single_topup: Some(Fen(300_000)),
        service_rate_permille: 880,
        product_rate_permille: 950,
        birthday_gift: String::new(),
        priority_booking: true,
        active: true,
    }
}

type Run = fn(&mut Db, &Session, &Fixture) -> Result<(), Error>;

/// The table: command name (as the shell exposes it), what it needs, and a
/// well-formed call of it.
const TABLE: &[(&str, Needs, Run)] = &[
    ("set_language", Needs::SignedIn, |db, s, _| {
        staff::set_language(db, s, Language::En).map(drop)
    }),
    ("get_shop", Needs::SignedIn, |db, s, _| {
        shop::get_shop(db, s).map(drop)
    }),
    (
        "update_shop",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            shop::update_shop(
                db,
                s,
                UpdateShopRequest {
                    name: "丽人坊".into(),
                    address: "漕溪北路 88 号".into(),
                    phone: "021-64881234".into(),
                    idle_lock_minutes: 15,
                    greeting_style: customers::GreetingStyle::Formal,
                    time_zone: "Asia/Shanghai".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "list_staff",
        Needs::Permission(Permission::ManageStaff),
        |db, s, _| staff::list_staff(db, s).map(drop),
    ),
    (
        "add_staff",
        Needs::Permission(Permission::ManageStaff),
        |db, s, _| {
            staff::add_staff(
                db,
                s,
                AddStaffRequest {
                    staff_no: "4004".into(),
                    name: "新员工".into(),
                    role: Role::Stylist,
                    pin: "4004".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "update_staff",
        Needs::Permission(Permission::ManageStaff),
        |db, s, f| {
            staff::update_staff(
                db,
                s,
                UpdateStaffRequest {
                    id: f.target,
                    name: "改名".into(),
                    role: Role::Stylist,
                    active: false,
                },
            )
            .map(drop)
        },
    ),
    (
        "reset_pin",
        Needs::Permission(Permission::ManageStaff),
        |db, s, f| {
            staff::reset_pin(
                db,
                s,
                ResetPinRequest {
                    id: f.target,
                    pin: "8888".into(),
                },
            )
        },
    ),
    (
        "create_customer",
        Needs::Permission(Permission::EditCustomers),
        |db, s, _| customers::create_customer(db, s, new_customer("王芳", "13900001234")).map(drop),
    ),
    (
        "get_customer",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| customers::get_customer(db, s, f.customer).map(drop),
    ),
    (
        "search_customers",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| {
            customers::search_customers(
                db,
                s,
                SearchRequest {
                    query: "5678".into(),
                    limit: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "update_customer",
        Needs::Permission(Permission::EditCustomers),
        |db, s, f| {
            customers::update_customer(
                db,
                s,
                UpdateCustomerRequest {
                    id: f.customer,
                    card: CustomerFields {
                        name: "李美华".into(),
                        phone: "13812345678".into(),
                        allergies: "果酸".into(),
                        ..Default::default()
                    },
                },
            )
            .map(drop)
        },
    ),
    (
        "add_customer_note",
        Needs::Permission(Permission::EditCustomers),
        |db, s, f| {
            customers::add_note(
                db,
                s,
                AddNoteRequest {
                    id: f.customer,
                    text: "喜欢安静".into(),
                },
            )
        },
    ),
    (
        "customer_timeline",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| {
            timeline::customer_timeline(
                db,
                s,
                TimelineRequest {
                    id: f.customer,
                    before: None,
                    limit: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "set_vip",
        Needs::Permission(Permission::ManageVip),
        |db, s, f| {
            customers::set_vip(
                db,
                s,
                SetVipRequest {
                    id: f.customer,
                    vip: true,
                    account_manager_id: Some(f.target),
                },
            )
            .map(drop)
        },
    ),
    (
        "vip_register",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| customers::vip_register(db, s).map(drop),
    ),
    (
        "erase_customer",
        Needs::Permission(Permission::EraseCustomers),
        |db, s, f| {
            customers::erase_customer(
                db,
                s,
                EraseCustomerRequest {
                    id: f.customer,
                    confirm_name: "李美华".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "preview_import",
        Needs::Permission(Permission::ImportCustomers),
        |db, s, _| {
            import::preview_import(db, s, "姓名,手机\n王芳,13900001234\n".as_bytes()).map(drop)
        },
    ),
    (
        "dry_run_import",
        Needs::Permission(Permission::ImportCustomers),
        |db, s, _| import::dry_run_import(db, s, &import_request()).map(drop),
    ),
    (
        "run_import",
        Needs::Permission(Permission::ImportCustomers),
        |db, s, _| import::run_import(db, s, &import_request(), &mut |_, _| {}).map(drop),
    ),
    (
        "export_customers",
        Needs::Permission(Permission::ExportCustomers),
        |db, s, _| frontdesk_core::customers::export::export_csv(db, s).map(drop),
    ),
    ("get_flow_settings", Needs::SignedIn, |db, s, _| {
        flow::get_flow_settings(db, s).map(drop)
    }),
    (
        "update_flow_settings",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            flow::update_flow_settings(
                db,
                s,
                flow::FlowSettings {
                    followup_days: 3,
                    category_delays: vec![flow::CategoryDelay {
                        category: "美发".into(),
                        days: 7,
                    }],
                    followup_attempts: 3,
                    followup_window_days: 2,
                    consult_min_minutes: 3,
                    consult_max_minutes: 15,
                    consult_new_max_minutes: 20,
                },
            )
            .map(drop)
        },
    ),
    ("get_catalog", Needs::SignedIn, |db, s, _| {
        catalog::catalog(db, s).map(drop)
    }),
    (
        "save_service",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            catalog::save_service(
                db,
                s,
                catalog::SaveService {
                    service: catalog::Service {
                        id: 0,
                        name: "补水保湿护理".into(),
                        category: "面部护理".into(),
                        price: Fen(29_800),
                        duration_minutes: 60,
                        performed_by: vec![Role::Stylist],
                        active: true,
                    },
                },
            )
            .map(drop)
        },
    ),
    (
        "save_product",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            catalog::save_product(
                db,
                s,
                catalog::SaveProduct {
                    product: catalog::Product {
                        id: 0,
                        name: "保湿面霜".into(),
                        price: Fen(26_800),
                        stock: Some(3),
                        active: true,
                    },
                },
            )
            .map(drop)
        },
    ),
    (
        "save_metric",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            catalog::save_metric(
                db,
                s,
                catalog::SaveMetric {
                    metric: catalog::Metric {
                        id: 0,
                        name: "水分".into(),
                        unit: "%".into(),
                        decimals: 1,
                        min_value: 0,
                        max_value: 1000,
                        active: true,
                    },
                },
            )
            .map(drop)
        },
    ),
    (
        "list_stylists",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| customers::list_stylists(db, s).map(drop),
    ),
    (
        "get_today_board",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| board::today_board(db, s).map(drop),
    ),
    (
        "get_stylist_day",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| {
            board::stylist_day(db, s, board::StylistDayRequest { stylist_id: None }).map(drop)
        },
    ),
    (
        "check_in",
        Needs::Permission(Permission::RunVisits),
        |db, s, _| {
            visits::check_in(
                db,
                s,
                visits::CheckInRequest {
                    customer_id: None,
                    walk_in_label: "穿红外套的女士".into(),
                    appointment_id: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "attach_customer",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            let anon = visits::check_in(
                db,
                &f.sessions[0].1,
                visits::CheckInRequest {
                    customer_id: None,
                    walk_in_label: "散客".into(),
                    appointment_id: None,
                },
            )
            .unwrap()
            .id;
            visits::attach_customer(
                db,
                s,
                visits::AttachCustomerRequest {
                    visit_id: anon,
                    customer_id: f.customer,
                },
            )
            .map(drop)
        },
    ),
    (
        "advance_visit",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::advance(
                db,
                s,
                visits::AdvanceRequest {
                    visit_id: f.flow.greet,
                    to: Stage::Consult,
                },
            )
            .map(drop)
        },
    ),
    (
        "save_consult",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::save_consult(
                db,
                s,
                visits::ConsultRequest {
                    visit_id: f.flow.consult,
                    needs: "补水".into(),
                    measurements: vec![visits::MeasurementInput {
                        metric_id: f.flow.metric,
                        value: 355,
                    }],
                    services: vec![f.flow.service],
                    stylist_id: Some(f.flow.stylist),
                    care_plan: String::new(),
                    care_interval_days: None,
                },
            )
            .map(drop)
        },
    ),
    // The stylist of the visit may write its notes (the fixture's stylist is
    // the stylist role's session).
    (
        "save_service_notes",
        Needs::Permission(Permission::WriteServiceNotes),
        |db, s, f| {
            visits::save_service_notes(
                db,
                s,
                visits::ServiceNotesRequest {
                    visit_id: f.flow.in_service,
                    products_used: vec![visits::ProductUse {
                        product_id: f.flow.product,
                        amount: "2 ml".into(),
                    }],
                    notes: "皮肤偏干".into(),
                    remarks_for_consultant: String::new(),
                    measurements: vec![],
                },
            )
            .map(drop)
        },
    ),
    (
        "save_reconsult",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::save_reconsult(
                db,
                s,
                visits::ReconsultRequest {
                    visit_id: f.flow.reconsult,
                    service_rating: Some(5),
                    stylist_rating: Some(0),
                    comments: "很舒服".into(),
                    comments_are_complaint: false,
                    measurements: vec![],
                    home_care: "多喝水".into(),
                    recommendations: String::new(),
                },
            )
            .map(drop)
        },
    ),
    (
        "quote_visit",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::quote(
                db,
                s,
                visits::QuoteRequest {
                    visit_id: f.flow.reconsult,
                    products: vec![],
                    package_uses: vec![],
                },
            )
            .map(drop)
        },
    ),
    (
        "checkout_visit",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::checkout(
                db,
                s,
                visits::CheckoutRequest {
                    visit_id: f.flow.reconsult,
                    products: vec![],
                    payments: vec![Payment {
                        method: PayMethod::Cash,
                        amount: Fen(29800),
                    }],
                    tendered: Fen(30000),
                    belongings_checked: true,
                    stored_value: Fen(0),
                    package_uses: vec![],
                },
            )
            .map(drop)
        },
    ),
    (
        "cancel_visit",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            visits::cancel_visit(
                db,
                s,
                visits::CloseVisitRequest {
                    visit_id: f.flow.greet,
                    reason: "临时有事".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "void_visit",
        Needs::Permission(Permission::VoidVisits),
        |db, s, f| {
            visits::void_visit(
                db,
                s,
                visits::CloseVisitRequest {
                    visit_id: f.flow.done,
                    reason: "收错了".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "get_visit",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| visits::get_visit(db, s, f.flow.done).map(drop),
    ),
    (
        "customer_visit_summary",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| history::customer_visit_summary(db, s, f.flow.customers[4]).map(drop),
    ),
    (
        "customer_measurements",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| history::customer_measurements(db, s, f.flow.customers[4]).map(drop),
    ),
    (
        "list_appointments",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, _| {
            appointments::list_appointments(
                db,
                s,
                appointments::AppointmentsRequest {
                    from_date: "2026-11-23".into(),
                    days: 7,
                    stylist_id: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "save_appointment",
        Needs::Permission(Permission::ManageAppointments),
        |db, s, f| {
            appointments::save_appointment(
                db,
                s,
                appointments::SaveAppointmentRequest {
                    id: 0,
                    customer_id: f.customer,
                    stylist_id: Some(f.flow.stylist),
                    start_at: frontdesk_tests::MORNING_MS + 48 * 3_600_000,
                    duration_minutes: Some(60),
                    services: vec![f.flow.service],
                    note: String::new(),
                    allow_conflict: false,
                    from_visit_id: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "close_appointment",
        Needs::Permission(Permission::ManageAppointments),
        |db, s, f| {
            appointments::close_appointment(
                db,
                s,
                appointments::CloseAppointmentRequest {
                    id: f.flow.appointment,
                    outcome: AppointmentOutcome::Cancelled,
                    reason: "出差".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "followup_queue",
        Needs::Permission(Permission::MakeFollowUps),
        |db, s, _| {
            followups::followup_queue(
                db,
                s,
                followups::FollowUpQueueRequest {
                    scope: QueueScope::All,
                },
            )
            .map(drop)
        },
    ),
    (
        "get_followup",
        Needs::Permission(Permission::MakeFollowUps),
        |db, s, f| followups::get_followup(db, s, f.flow.followup).map(drop),
    ),
    (
        "record_followup_call",
        Needs::Permission(Permission::MakeFollowUps),
        |db, s, f| {
            followups::record_call(
                db,
                s,
                followups::RecordCallRequest {
                    id: f.flow.followup,
                    outcome: CallOutcome::NoAnswer,
                    words: String::new(),
                    satisfaction: None,
                    call_back_at: None,
                    rebooked_appointment_id: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "create_followup",
        Needs::Permission(Permission::MakeFollowUps),
        |db, s, f| {
            followups::create_followup(
                db,
                s,
                followups::CreateFollowUpRequest {
                    customer_id: f.customer,
                    reason: FollowUpReason::Birthday,
                    due_date: "2026-11-30".into(),
                    assigned_to: None,
                },
            )
            .map(drop)
        },
    ),
    (
        "followup_stats",
        Needs::Permission(Permission::MakeFollowUps),
        |db, s, _| {
            followups::followup_stats(
                db,
                s,
                followups::FollowUpStatsRequest {
                    from_date: "2026-11-01".into(),
                    to_date: "2026-11-30".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "open_complaint",
        Needs::Permission(Permission::HandleComplaints),
        |db, s, f| {
            complaints::open_complaint(
                db,
                s,
                complaints::OpenComplaintRequest {
                    customer_id: Some(f.customer),
                    visit_id: None,
                    about_staff_id: None,
                    channel: complaints::Channel::InPerson,
                    kind: complaints::ComplaintKind::Attitude,
                    description: "等了很久没人理".into(),
                    severity: complaints::Severity::Complex,
                },
            )
            .map(drop)
        },
    ),
    (
        "complaint_action",
        Needs::Permission(Permission::HandleComplaints),
        |db, s, f| {
            complaints::complaint_action(
                db,
                s,
                complaints::ComplaintActionRequest {
                    id: f.flow.complaint,
                    kind: ActionKind::Escalate,
                    text: "转主管处理".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "close_complaint",
        Needs::Permission(Permission::HandleComplaints),
        |db, s, f| {
            complaints::close_complaint(
                db,
                s,
                complaints::CloseComplaintRequest {
                    id: f.flow.complaint,
                    result: "解释收费明细并致歉".into(),
                    reaction: "接受".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "get_complaint",
        Needs::Permission(Permission::HandleComplaints),
        |db, s, f| complaints::get_complaint(db, s, f.flow.complaint).map(drop),
    ),
    (
        "list_complaints",
        Needs::Permission(Permission::HandleComplaints),
        |db, s, _| {
            complaints::list_complaints(db, s, complaints::ComplaintListRequest { open_only: true })
                .map(drop)
        },
    ),
    (
        "complaint_stats",
        Needs::Permission(Permission::ViewReports),
        |db, s, _| {
            complaints::complaint_stats(
                db,
                s,
                complaints::MonthRequest {
                    month: "2026-11".into(),
                },
            )
            .map(drop)
        },
    ),
    ("list_tiers", Needs::SignedIn, |db, s, _| {
        membership::list_tiers(db, s).map(drop)
    }),
    (
        "save_tier",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| {
            membership::save_tier(
                db,
                s,
                membership::SaveTier {
                    tier: tier("金卡", 2),
                },
            )
            .map(drop)
        },
    ),
    (
        "override_tier",
        Needs::Permission(Permission::OverrideTiers),
        |db, s, f| {
            let gold = membership::save_tier(
                db,
                &f.sessions[0].1,
                membership::SaveTier {
                    tier: tier("金卡", 2),
                },
            )
            .unwrap()
            .id;
            membership::override_tier(
                db,
                s,
                membership::OverrideTierRequest {
                    customer_id: f.customer,
                    tier_id: gold,
                    reason: "老顾客介绍多位新客".into(),
                },
            )
        },
    ),
    (
        "review_tiers",
        Needs::Permission(Permission::OverrideTiers),
        |db, s, _| membership::review_tiers(db, s).map(drop),
    ),
    (
        "top_up",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            membership::top_up(
                db,
                s,
                membership::TopUpRequest {
                    customer_id: f.customer,
                    amount: Fen(100_000),
                    bonus: Fen(10_000),
                    method: PayMethod::Mobile,
                },
            )
            .map(drop)
        },
    ),
    (
        "refund_stored_value",
        Needs::Permission(Permission::RefundStoredValue),
        |db, s, f| {
            membership::top_up(
                db,
                &f.sessions[0].1,
                membership::TopUpRequest {
                    customer_id: f.customer,
                    amount: Fen(100_000),
                    bonus: Fen(0),
                    method: PayMethod::Cash,
                },
            )
            .unwrap();
            membership::refund_stored_value(
                db,
                s,
                membership::RefundRequest {
                    customer_id: f.customer,
                    amount: Fen(50_000),
                    method: PayMethod::Cash,
                    reason: "搬家".into(),
                },
            )
            .map(drop)
        },
    ),
    (
        "sell_package",
        Needs::Permission(Permission::RunVisits),
        |db, s, f| {
            membership::sell_package(
                db,
                s,
                membership::SellPackageRequest {
                    customer_id: f.customer,
                    service_id: f.flow.service,
                    sessions: 10,
                    price: Fen(238_000),
                    method: membership::PackagePayment::Card,
                    expires_on: Some("2027-11-30".into()),
                },
            )
            .map(drop)
        },
    ),
    (
        "customer_membership",
        Needs::Permission(Permission::ViewCustomers),
        |db, s, f| membership::customer_membership(db, s, f.customer).map(drop),
    ),
    (
        "membership_report",
        Needs::Permission(Permission::ViewReports),
        |db, s, _| membership::membership_report(db, s).map(drop),
    ),
    // The shell writes these bytes to <data dir>/exports.
    (
        "export_membership_report",
        Needs::Permission(Permission::ViewReports),
        |db, s, _| membership::membership_report_csv(db, s).map(drop),
    ),
    ("get_membership_settings", Needs::SignedIn, |db, s, _| {
        membership::get_membership_settings(db, s).map(drop)
    }),
    (
        "update_membership_settings",
        Needs::Permission(Permission::ManageSettings),
        |db, s, _| membership::update_membership_settings(db, s, 6).map(drop),
    ),
    (
        "review_tiers_if_due",
        Needs::Permission(Permission::OverrideTiers),
        |db, s, _| membership::review_tiers_if_due(db, s).map(drop),
    ),
];

/// Commands that act before anyone is signed in, or only on the desk's own
/// sign-in state; they need no permission row.
const DESK_COMMANDS: &[&str] = &[
    "app_status",
    "setup_shop",
    "sign_in",
    "unlock",
    "sign_out",
    "lock",
    "keep_alive",
];

#[test]
fn every_command_allows_exactly_the_roles_with_its_permission() {
    let mut checked = 0;
    for (name, needs, run) in TABLE {
        for role in Role::ALL {
            // A fresh shop for each call, so one call cannot change another's outcome.
            let mut f = fixture();
            let session = f
                .sessions
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, s)| s.clone())
                .unwrap();
            let mut db = std::mem::replace(&mut f.shop.db, Db::open_in_memory_now().unwrap());
            let outcome = run(&mut db, &session, &f);
            let allowed = match needs {
                Needs::SignedIn => true,
                Needs::Permission(p) => role.permits(*p),
            };
            match (allowed, outcome, needs) {
                (true, Ok(()), _) => {}
                (false, Err(Error::Forbidden(got)), Needs::Permission(want)) => {
                    assert_eq!(got, *want, "{name} as {role:?} names the wrong permission")
                }
                (allowed, outcome, _) => panic!(
                    "{name} as {role:?}: expected {}, got {outcome:?}",
                    if allowed { "Ok" } else { "Forbidden" }
                ),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, TABLE.len() * Role::ALL.len());
}

#[test]
fn the_table_covers_every_command_the_shell_exposes() {
    let build_rs = include_str!("../../src-tauri/build.rs");
    let start = build_rs
        .find("const COMMANDS")
        .expect("COMMANDS list in build.rs");
    let end = start + build_rs[start..].find("];").expect("end of COMMANDS");
    let exposed: Vec<&str> = build_rs[start..end].split('"').skip(1).step_by(2).collect();
    assert!(exposed.len() > DESK_COMMANDS.len(), "parsed {exposed:?}");
    for command in &exposed {
        let listed = TABLE.iter().any(|(n, _, _)| n == command) || DESK_COMMANDS.contains(command);
        assert!(
            listed,
            "command {command} has no row in the permission table"
        );
    }
    for (n, _, _) in TABLE {
        assert!(exposed.contains(n), "table row {n} is not a shell command");
    }
}

#[test]
fn the_role_table_matches_the_spec() {
    use Permission::*;
    // SPEC 3.1: stylists read customer history; receptionists run the desk
    // and see full phones; managers also configure and manage staff.
    let expect = |role: Role, allowed: &[Permission]| {
        for p in Permission::ALL {
            assert_eq!(role.permits(p), allowed.contains(&p), "{role:?} / {p:?}");
        }
    };
    // Stylists also write their own service notes and measurements;
    // receptionists run the whole visit flow, appointments, follow-ups and
    // complaints; voids and reports are the manager's.
    expect(Role::Stylist, &[ViewCustomers, WriteServiceNotes]);
    expect(
        Role::Receptionist,
        &[
            ViewCustomers,
            EditCustomers,
            ViewFullPhone,
            RunVisits,
            WriteServiceNotes,
            ManageAppointments,
            MakeFollowUps,
            HandleComplaints,
        ],
    );
    expect(Role::Manager, &Permission::ALL);
}
