//! The shop the command-table tests start from (`permissions.rs`,
//! `fuzz_commands.rs`): a populated shop built once per test binary and
//! copied per case, with a well-formed request for every core command.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{MORNING_MS, TempShop, new_customer};
use frontdesk_core::Db;
use frontdesk_core::appointments::{self, AppointmentOutcome};
use frontdesk_core::catalog;
use frontdesk_core::clock::{Clock, FixedClock};
use frontdesk_core::complaints::{self, ActionKind};
use frontdesk_core::customers::import;
use frontdesk_core::customers::timeline::TimelineRequest;
use frontdesk_core::customers::{
    self, AddNoteRequest, CustomerFields, EraseCustomerRequest, SearchRequest, SetVipRequest,
    UpdateCustomerRequest,
};
use frontdesk_core::flow;
use frontdesk_core::followups::{self, CallOutcome, FollowUpReason, QueueScope};
use frontdesk_core::gifts::{
    handover, issuance, reconcile, rewards, setup as gift_setup, stock, vouchers,
};
use frontdesk_core::ids::{
    AppointmentId, ComplaintId, CustomerId, FollowUpId, GiftItemId, HandoverId, HandoverLineId,
    MatterId, MetricId, ProductId, PromotionId, PromotionTierId, ServiceId, StaffId, TierId,
    VisitId,
};
use frontdesk_core::membership;
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::printing;
use frontdesk_core::shop::UpdateShopRequest;
use frontdesk_core::staff::{
    self, AddStaffRequest, Language, Permission, ResetPinRequest, Role, Session, UpdateStaffRequest,
};
use frontdesk_core::visits::{self, Payment, Stage, board};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json, to_value};

/// The ids of the shop every case starts from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fixture {
    pub manager: StaffId,
    pub receptionist: StaffId,
    pub stylist: StaffId,
    /// A receptionist the staff commands change.
    pub target: StaffId,
    /// A manager who has been deactivated: refused everything.
    pub former: StaffId,
    pub gifts: crate::gifts::GiftCounter,
    /// A confirmed handover with one line counted short, and a matter it
    /// passed on.
    pub handover: HandoverId,
    pub short_line: HandoverLineId,
    pub matter: MatterId,
    /// A customer whose birthday is this month, in a tier with a birthday gift.
    pub birthday_customer: CustomerId,
    pub customer: CustomerId,
    pub service: ServiceId,
    pub product: ProductId,
    pub metric: MetricId,
    /// The five customers of the flow fixture (the last checked out).
    pub flow_customers: Vec<CustomerId>,
    pub greet: VisitId,
    pub consult: VisitId,
    pub in_service: VisitId,
    pub reconsult: VisitId,
    pub done: VisitId,
    pub appointment: AppointmentId,
    pub followup: FollowUpId,
    pub complaint: ComplaintId,
}

impl Fixture {
    pub fn session(&self, role: Role) -> Session {
        let (id, no) = match role {
            Role::Manager => (self.manager, "1001"),
            Role::Receptionist => (self.receptionist, "2001"),
            Role::Stylist => (self.stylist, "3003"),
        };
        Session::new(id, no, "员工", role, Language::ZhCn)
    }
}

pub fn build(db: &mut Db) -> Fixture {
    let manager = crate::setup_manager(db);
    let mut add = |no: &str, role: Role| {
        staff::add_staff(
            db,
            &manager,
            AddStaffRequest {
                staff_no: no.into(),
                name: format!("员工{no}"),
                role,
                pin: "2580".into(),
            },
        )
        .unwrap()
        .id
    };
    let receptionist = add("2001", Role::Receptionist);
    let stylist = add("3003", Role::Stylist);
    let target = add("2009", Role::Receptionist);
    let former = add("1002", Role::Manager);
    staff::update_staff(
        db,
        &manager,
        staff::UpdateStaffRequest {
            id: former,
            name: "员工1002".into(),
            role: Role::Manager,
            active: false,
        },
    )
    .unwrap();
    let customer = customers::create_customer(db, &manager, new_customer("李美华", "13812345678"))
        .unwrap()
        .id;
    let flow = crate::flow_fixture(db, &manager, stylist);
    let gifts = crate::gifts::counter(db, &manager);
    let (handover, short_line, matter) = short_handover(db, &manager, receptionist);
    let birthday_customer = birthday_customer(db, &manager, gifts.cream);
    Fixture {
        gifts,
        handover,
        short_line,
        matter,
        birthday_customer,
        manager: manager.staff_id,
        receptionist,
        stylist,
        target,
        former,
        customer,
        service: flow.service,
        product: flow.product,
        metric: flow.metric,
        flow_customers: flow.customers,
        greet: flow.greet,
        consult: flow.consult,
        in_service: flow.in_service,
        reconsult: flow.reconsult,
        done: flow.done,
        appointment: flow.appointment,
        followup: flow.followup,
        complaint: flow.complaint,
    }
}

/// The template shop, built once per test binary (keyed by the binary's own
/// modification time, so a rebuilt test never reuses an old one): built in a
/// temp folder, then moved into place, so a case never sees half a file.
pub fn template() -> (PathBuf, Fixture) {
    let exe = std::env::current_exe().unwrap();
    let stamp = std::fs::metadata(&exe)
        .and_then(|m| m.modified())
        .map(|t| {
            t.duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos()
        })
        .unwrap_or_default();
    let bin = exe
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("frontdesk-fixture-{bin}-{stamp}"));
    let db_path = dir.join("frontdesk.db");
    let ids_path = dir.join("fixture.json");
    if !db_path.exists() {
        let work = tempfile::tempdir().unwrap();
        let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(MORNING_MS));
        let (mut db, _) = Db::open_in_dir(work.path(), clock).unwrap();
        let fixture = build(&mut db);
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        drop(db);
        std::fs::create_dir_all(&dir).unwrap();
        // Unique per process and thread: cases run as threads too (cargo test).
        let me = format!("{}.{:?}", std::process::id(), std::thread::current().id());
        let staged = dir.join(format!("frontdesk.db.{me}"));
        std::fs::copy(work.path().join("frontdesk.db"), &staged).unwrap();
        let staged_ids = dir.join(format!("fixture.json.{me}"));
        std::fs::write(&staged_ids, serde_json::to_vec(&fixture).unwrap()).unwrap();
        std::fs::rename(&staged_ids, &ids_path).unwrap();
        // Another case may have finished first: either file is the same shop.
        std::fs::rename(&staged, &db_path).unwrap();
    }
    let fixture: Fixture = serde_json::from_slice(&std::fs::read(&ids_path).unwrap()).unwrap();
    (db_path, fixture)
}

/// A fresh copy of the template shop for one case.
pub fn shop() -> (TempShop, Fixture) {
    let (path, fixture) = template();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&path, dir.path().join("frontdesk.db")).unwrap();
    let clock = FixedClock::at(MORNING_MS);
    let c: Arc<dyn Clock> = Arc::new(clock.clone());
    let (db, _) = Db::open_in_dir(Path::new(dir.path()), c).unwrap();
    (TempShop { dir, db, clock }, fixture)
}

/// The receptionist counts the stock with one 护手霜 short; target 2009
/// confirms and is told to call a customer back.
fn short_handover(
    db: &mut Db,
    manager: &Session,
    receptionist: StaffId,
) -> (HandoverId, HandoverLineId, MatterId) {
    let desk = Session::new(
        receptionist,
        "2001",
        "员工2001",
        Role::Receptionist,
        Language::ZhCn,
    );
    let sheet = handover::handover_sheet(db, manager).unwrap();
    let counts = sheet
        .lines
        .iter()
        .map(|l| handover::Count {
            item_id: l.item_id,
            batch_id: l.batch_id,
            counted: match l.item_id {
                Some(_) if l.label == "玫瑰护手霜" => 49,
                Some(_) => {
                    if l.label == "真丝丝巾" {
                        10
                    } else {
                        0
                    }
                }
                None => 100,
            },
        })
        .collect();
    let counted = handover::count_handover(
        db,
        &desk,
        handover::CountHandoverRequest {
            kind: handover::HandoverKind::Shift,
            counts,
        },
    )
    .unwrap();
    let done = handover::confirm_handover(
        db,
        &desk,
        handover::ConfirmHandoverRequest {
            handover_id: counted.id,
            incoming_staff_no: "2009".into(),
            incoming_pin: "2580".into(),
            notes: String::new(),
            matters: vec!["护手霜少一支，已报主管".into()],
        },
    )
    .unwrap();
    let short = done.lines.iter().find(|l| l.variance != 0).unwrap().id;
    (done.id, short, done.matters[0].id)
}

/// 王芳, born in November, in the entry tier, whose birthday gift is a cream.
fn birthday_customer(db: &mut Db, manager: &Session, cream: GiftItemId) -> CustomerId {
    let entry = membership::save_tier(
        db,
        manager,
        membership::SaveTier {
            tier: membership::Tier {
                min_spend_12m: None,
                min_single_topup: None,
                service_rate_permille: 1000,
                product_rate_permille: 1000,
                ..tier("普通顾客", 0)
            },
        },
    )
    .unwrap();
    frontdesk_core::gifts::setup::save_birthday_gifts(
        db,
        manager,
        frontdesk_core::gifts::setup::SaveBirthdayGifts {
            gifts: vec![frontdesk_core::gifts::setup::BirthdayGift {
                membership_tier_id: entry.id,
                item_id: cream,
                quantity: 1,
            }],
        },
    )
    .unwrap();
    let mut c = new_customer("王芳", "13900001111");
    c.card.birthday = Some("1988-11-05".into());
    customers::create_customer(db, manager, c).unwrap().id
}

pub fn tier(name: &str, rank: i64) -> membership::Tier {
    membership::Tier {
        id: TierId(0),
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

pub fn import_request() -> import::ImportRequest {
    import::ImportRequest {
        file: import::FileBytes("姓名,手机\n王芳,13900001234\n".as_bytes().to_vec()),
        mapping: vec![
            Some(import::ImportColumn::Name),
            Some(import::ImportColumn::Phone),
        ],
        duplicates: import::DuplicatePolicy::Skip,
    }
}

/// A well-formed request for `command`, after any setup it needs (done as
/// the manager). None: no sample yet, which fails the case (add one here).
pub fn sample(command: &str, role: Role, db: &mut Db, f: &Fixture) -> Option<Value> {
    let m = f.session(Role::Manager);
    Some(match command {
        "get_shop"
        | "list_staff"
        | "vip_register"
        | "list_stylists"
        | "get_catalog"
        | "get_flow_settings"
        | "get_today_board"
        | "list_tiers"
        | "review_tiers"
        | "membership_report"
        | "export_membership_report"
        | "get_membership_settings"
        | "review_tiers_if_due"
        | "export_customers" => Value::Null,
        "update_shop" => v(&UpdateShopRequest {
            name: "丽人坊".into(),
            address: "漕溪北路 88 号".into(),
            phone: "021-64881234".into(),
            idle_lock_minutes: 15,
            greeting_style: customers::GreetingStyle::Formal,
            time_zone: "Asia/Shanghai".into(),
        }),
        "add_staff" => v(&AddStaffRequest {
            staff_no: "4004".into(),
            name: "新员工".into(),
            role: Role::Stylist,
            pin: "4004".into(),
        }),
        "update_staff" => v(&UpdateStaffRequest {
            id: f.target,
            name: "改名".into(),
            role: Role::Stylist,
            active: false,
        }),
        "reset_pin" => v(&ResetPinRequest {
            id: f.target,
            pin: "8888".into(),
        }),
        "create_customer" => v(&new_customer("王芳", "13900001234")),
        "get_customer" | "customer_membership" => v(&f.customer),
        "search_customers" => v(&SearchRequest {
            query: "5678".into(),
            limit: None,
        }),
        "update_customer" => v(&UpdateCustomerRequest {
            id: f.customer,
            card: CustomerFields {
                name: "李美华".into(),
                phone: "13812345678".into(),
                allergies: "果酸".into(),
                ..Default::default()
            },
        }),
        "add_customer_note" => v(&AddNoteRequest {
            id: f.customer,
            text: "喜欢安静".into(),
        }),
        "customer_timeline" => v(&TimelineRequest {
            id: f.customer,
            before: None,
            limit: None,
        }),
        "set_vip" => v(&SetVipRequest {
            id: f.customer,
            vip: true,
            account_manager_id: Some(f.target),
        }),
        "erase_customer" => v(&EraseCustomerRequest {
            id: f.customer,
            confirm_name: "李美华".into(),
        }),
        "preview_import" => json!({ "file": to_value(import_request().file).unwrap() }),
        "dry_run_import" => v(&import_request()),
        "update_flow_settings" => v(&flow::FlowSettings {
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
        }),
        "save_service" => v(&catalog::SaveService {
            service: catalog::Service {
                id: ServiceId(0),
                name: "补水保湿护理".into(),
                category: "面部护理".into(),
                price: Fen(29_800),
                duration_minutes: 60,
                performed_by: vec![Role::Stylist],
                active: true,
            },
        }),
        "save_product" => v(&catalog::SaveProduct {
            product: catalog::Product {
                id: ProductId(0),
                name: "保湿面霜".into(),
                price: Fen(26_800),
                stock: Some(3),
                active: true,
            },
        }),
        "save_metric" => v(&catalog::SaveMetric {
            metric: catalog::Metric {
                id: MetricId(0),
                name: "水分".into(),
                unit: "%".into(),
                decimals: 1,
                min_value: 0,
                max_value: 1000,
                active: true,
            },
        }),
        "get_stylist_day" => v(&board::StylistDayRequest { stylist_id: None }),
        "check_in" => v(&visits::CheckInRequest {
            customer_id: None,
            walk_in_label: "穿红外套的女士".into(),
            appointment_id: None,
        }),
        "attach_customer" => {
            let anon = visits::check_in(
                db,
                &m,
                visits::CheckInRequest {
                    customer_id: None,
                    walk_in_label: "散客".into(),
                    appointment_id: None,
                },
            )
            .unwrap()
            .id;
            v(&visits::AttachCustomerRequest {
                visit_id: anon,
                customer_id: f.customer,
            })
        }
        "advance_visit" => v(&visits::AdvanceRequest {
            visit_id: f.greet,
            to: Stage::Consult,
        }),
        "save_consult" => v(&visits::ConsultRequest {
            visit_id: f.consult,
            needs: "补水".into(),
            measurements: vec![visits::MeasurementInput {
                metric_id: f.metric,
                value: 355,
            }],
            services: vec![f.service],
            stylist_id: Some(f.stylist),
            care_plan: String::new(),
            care_interval_days: None,
        }),
        // The fixture's stylist is the stylist role's session: her own visit.
        "save_service_notes" => v(&visits::ServiceNotesRequest {
            visit_id: f.in_service,
            products_used: vec![visits::ProductUse {
                product_id: f.product,
                amount: "2 ml".into(),
            }],
            notes: "皮肤偏干".into(),
            remarks_for_consultant: String::new(),
            measurements: vec![],
        }),
        "save_reconsult" => v(&visits::ReconsultRequest {
            visit_id: f.reconsult,
            service_rating: Some(5),
            stylist_rating: Some(0),
            comments: "很舒服".into(),
            comments_are_complaint: false,
            measurements: vec![],
            home_care: "多喝水".into(),
            recommendations: String::new(),
        }),
        "quote_visit" => v(&visits::QuoteRequest {
            visit_id: f.reconsult,
            products: vec![],
            package_uses: vec![],
            vouchers: vec![],
        }),
        "checkout_visit" => v(&visits::CheckoutRequest {
            visit_id: f.reconsult,
            products: vec![],
            payments: vec![Payment {
                method: PayMethod::Cash,
                amount: Fen(29800),
            }],
            tendered: Fen(30000),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        }),
        "cancel_visit" => v(&visits::CloseVisitRequest {
            visit_id: f.greet,
            reason: "临时有事".into(),
        }),
        "void_visit" => v(&visits::VoidVisitRequest {
            visit_id: f.done,
            reason: "收错了".into(),
            gifts_recovered: true,
        }),
        "get_visit" => v(&f.done),
        "customer_visit_summary" | "customer_measurements" => v(&f.flow_customers[4]),
        "list_appointments" => v(&appointments::AppointmentsRequest {
            from_date: "2026-11-23".into(),
            days: 7,
            stylist_id: None,
        }),
        "save_appointment" => v(&appointments::SaveAppointmentRequest {
            id: AppointmentId(0),
            customer_id: f.customer,
            stylist_id: Some(f.stylist),
            start_at: MORNING_MS + 48 * 3_600_000,
            duration_minutes: Some(60),
            services: vec![f.service],
            note: String::new(),
            allow_conflict: false,
            from_visit_id: None,
        }),
        "close_appointment" => v(&appointments::CloseAppointmentRequest {
            id: f.appointment,
            outcome: AppointmentOutcome::Cancelled,
            reason: "出差".into(),
        }),
        "followup_queue" => v(&followups::FollowUpQueueRequest {
            scope: QueueScope::All,
        }),
        "get_followup" => v(&f.followup),
        "record_followup_call" => v(&followups::RecordCallRequest {
            id: f.followup,
            outcome: CallOutcome::NoAnswer,
            words: String::new(),
            satisfaction: None,
            call_back_at: None,
            rebooked_appointment_id: None,
        }),
        "create_followup" => v(&followups::CreateFollowUpRequest {
            customer_id: f.customer,
            reason: FollowUpReason::Birthday,
            due_date: "2026-11-30".into(),
            assigned_to: None,
        }),
        "followup_stats" => v(&followups::FollowUpStatsRequest {
            from_date: "2026-11-01".into(),
            to_date: "2026-11-30".into(),
        }),
        "open_complaint" => v(&complaints::OpenComplaintRequest {
            customer_id: Some(f.customer),
            visit_id: None,
            about_staff_id: None,
            channel: complaints::Channel::InPerson,
            kind: complaints::ComplaintKind::Attitude,
            description: "等了很久没人理".into(),
            severity: complaints::Severity::Complex,
        }),
        "complaint_action" => v(&complaints::ComplaintActionRequest {
            id: f.complaint,
            kind: ActionKind::Escalate,
            text: "转主管处理".into(),
        }),
        "close_complaint" => v(&complaints::CloseComplaintRequest {
            id: f.complaint,
            result: "解释收费明细并致歉".into(),
            reaction: "接受".into(),
        }),
        "get_complaint" => v(&f.complaint),
        "list_complaints" => v(&complaints::ComplaintListRequest { open_only: true }),
        "complaint_stats" => v(&complaints::MonthRequest {
            month: "2026-11".into(),
        }),
        "save_tier" => v(&membership::SaveTier {
            tier: tier("金卡", 2),
        }),
        "override_tier" => {
            let gold = membership::save_tier(
                db,
                &m,
                membership::SaveTier {
                    tier: tier("金卡", 2),
                },
            )
            .unwrap()
            .id;
            v(&membership::OverrideTierRequest {
                customer_id: f.customer,
                tier_id: gold,
                reason: "老顾客介绍多位新客".into(),
            })
        }
        "top_up" => v(&membership::TopUpRequest {
            customer_id: f.customer,
            amount: Fen(100_000),
            bonus: Fen(10_000),
            method: PayMethod::Mobile,
        }),
        "refund_stored_value" => {
            membership::top_up(
                db,
                &m,
                membership::TopUpRequest {
                    customer_id: f.customer,
                    amount: Fen(100_000),
                    bonus: Fen(0),
                    method: PayMethod::Cash,
                },
            )
            .unwrap();
            v(&membership::RefundRequest {
                customer_id: f.customer,
                amount: Fen(50_000),
                method: PayMethod::Cash,
                reason: "搬家".into(),
            })
        }
        "sell_package" => v(&membership::SellPackageRequest {
            customer_id: f.customer,
            service_id: f.service,
            sessions: 10,
            price: Fen(238_000),
            method: membership::PackagePayment::Card,
            expires_on: Some("2027-11-30".into()),
        }),
        "update_membership_settings" => json!(6),
        "gift_catalog" | "handover_sheet" | "last_handover" | "voucher_batches" => json!(null),
        "save_gift_item" => v(&crate::gifts::item("保温杯", "个", 2_500)),
        "save_voucher_type" => v(&crate::gifts::voucher_type(
            "100元代金券",
            "B",
            10_000,
            50_000,
        )),
        "save_promotion" => v(&gift_setup::SavePromotion {
            promotion: gift_setup::Promotion {
                id: PromotionId(0),
                name: "元旦迎新".into(),
                starts_on: "2027-01-01".into(),
                ends_on: "2027-01-03".into(),
                active: true,
                tiers: vec![gift_setup::PromotionTier {
                    id: PromotionTierId(0),
                    threshold: Fen(80_000),
                    rewards: vec![gift_setup::Reward {
                        item_id: Some(f.gifts.scarf),
                        voucher_type_id: None,
                        quantity: 1,
                    }],
                }],
            },
        }),
        "save_birthday_gifts" => v(&gift_setup::SaveBirthdayGifts { gifts: vec![] }),
        "receive_gifts" => v(&stock::ReceiveGiftsRequest {
            item_id: f.gifts.cream,
            quantity: 20,
            slip_no: "CK-2001".into(),
        }),
        "record_damage" => v(&stock::DamageRequest {
            item_id: f.gifts.cream,
            quantity: 1,
            reason: "包装破损".into(),
            replaced: true,
            slip_no: "CK-2002".into(),
        }),
        "destroy_gifts" => v(&stock::DestroyGiftsRequest {
            item_id: f.gifts.cream,
            quantity: 1,
            reason: "过期".into(),
        }),
        "return_gifts" => v(&stock::ReturnGiftsRequest {
            item_id: f.gifts.scarf,
            quantity: 5,
            slip_no: "RK-0001".into(),
        }),
        "adjust_count" => v(&stock::AdjustCountRequest {
            handover_line_id: f.short_line,
            reason: "盘点短少一支，已查明遗失".into(),
        }),
        "gift_moves" => v(&stock::GiftMovesRequest {
            item_id: f.gifts.cream,
            limit: 50,
        }),
        "receive_vouchers" => v(&vouchers::ReceiveVouchersRequest {
            voucher_type_id: f.gifts.voucher_type,
            first_serial: "A000201".into(),
            last_serial: "A000250".into(),
            slip_no: "CK-2003".into(),
            missing: vec!["A000222".into()],
        }),
        "voucher" => v(&vouchers::VoucherRequest {
            serial: "a000150".into(),
        }),
        "destroy_vouchers" => v(&vouchers::DestroyVouchersRequest {
            serials: vec!["A000199".into(), "A000200".into()],
            reason: "受潮损坏".into(),
        }),
        "issue_birthday_gift" => v(&rewards::BirthdayGiftRequest {
            customer_id: f.birthday_customer,
            visit_id: None,
        }),
        "customer_gifts" => v(&f.birthday_customer),
        "count_handover" => {
            let sheet = handover::handover_sheet(db, &f.session(Role::Manager)).unwrap();
            v(&handover::CountHandoverRequest {
                kind: handover::HandoverKind::Close,
                counts: sheet
                    .lines
                    .iter()
                    .map(|l| handover::Count {
                        item_id: l.item_id,
                        batch_id: l.batch_id,
                        counted: 3,
                    })
                    .collect(),
            })
        }
        "get_handover" => v(&f.handover),
        "confirm_handover" => {
            // Counted by whoever confirms (a role that may not hand over
            // finds the manager's count), taken over by a colleague.
            let counter = if role.permits(Permission::HandleGifts) {
                f.session(role)
            } else {
                f.session(Role::Manager)
            };
            let sheet = handover::handover_sheet(db, &f.session(Role::Manager)).unwrap();
            let counted = handover::count_handover(
                db,
                &counter,
                handover::CountHandoverRequest {
                    kind: handover::HandoverKind::Shift,
                    counts: sheet
                        .lines
                        .iter()
                        .map(|l| handover::Count {
                            item_id: l.item_id,
                            batch_id: l.batch_id,
                            counted: 1,
                        })
                        .collect(),
                },
            )
            .unwrap();
            v(&handover::ConfirmHandoverRequest {
                handover_id: counted.id,
                incoming_staff_no: if role == Role::Receptionist {
                    "2009"
                } else {
                    "2001"
                }
                .into(),
                incoming_pin: "2580".into(),
                notes: "交接正常".into(),
                matters: vec![],
            })
        }
        "list_handovers" => v(&handover::HandoversRequest {
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
        }),
        "resolve_matter" => v(&handover::ResolveMatterRequest {
            matter_id: f.matter,
            note: "主管已补货".into(),
        }),
        "gift_reconciliation" | "export_gift_reconciliation" => v(&reconcile::PeriodRequest {
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
        }),
        "daily_summary" | "staff_report" | "customer_report" => {
            v(&frontdesk_core::reports::SummaryRequest {
                from: "2026-11-23".into(),
                to: "2026-11-23".into(),
            })
        }
        "trend" => v(&frontdesk_core::reports::TrendRequest {
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            bucket: frontdesk_core::reports::Bucket::Week,
        }),
        "customer_list" => v(&frontdesk_core::reports::CustomerListRequest {
            list: frontdesk_core::reports::CustomerListKind::Dormant { days: 30 },
            page: 1,
            page_size: 50,
        }),
        "list_follow_ups" => v(&frontdesk_core::reports::ListFollowUpsRequest {
            list: frontdesk_core::reports::CustomerListKind::Birthdays { month: 11 },
            due_date: "2026-11-30".into(),
            assigned_to: None,
        }),
        "report_visits" => v(&frontdesk_core::reports::ReportVisitsRequest {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
            filter: frontdesk_core::reports::VisitFilter::All,
            page: 1,
            page_size: 50,
        }),
        "money_rows" => v(&frontdesk_core::reports::MoneyRowsRequest {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
            kind: frontdesk_core::reports::MoneyRowKind::TopUps,
            page: 1,
            page_size: 50,
        }),
        "care_rows" => v(&frontdesk_core::reports::CareRowsRequest {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
            kind: frontdesk_core::reports::CareRowKind::FollowupsOverdue,
            page: 1,
            page_size: 50,
        }),
        "export_report" => v(&frontdesk_core::reports::ReportRequest::Staff {
            period: frontdesk_core::reports::SummaryRequest {
                from: "2026-11-23".into(),
                to: "2026-11-23".into(),
            },
        }),
        "issuance_summary" | "export_issuance_summary" => v(&issuance::DayRequest {
            date: "2026-11-23".into(),
        }),
        "get_print_settings" | "print_jobs" => Value::Null,
        "list_backups" | "backup_settings" => Value::Null,
        "list_audit" => v(&frontdesk_core::audit_view::AuditQuery {
            filter: frontdesk_core::audit_view::AuditFilter {
                kind: Some("visit".into()),
                from: Some("2026-11-23".into()),
                to: Some("2026-11-23".into()),
                ..Default::default()
            },
            page: 1,
            page_size: 50,
        }),
        "export_audit" => v(&frontdesk_core::audit_view::AuditFilter::default()),
        "set_backup_settings" => v(&frontdesk_core::backup::BackupSettings {
            mirror_dir: String::new(),
        }),
        "update_print_settings" => v(&printing::settings::get_print_settings(db, &m).unwrap()),
        "print_document" => v(&printing::PrintRequest {
            document: printable(role, db, f),
            target: None,
            copies: Some(2),
        }),
        "retry_print_job" | "cancel_print_job" => {
            let document = printable(role, db, f);
            let job = printing::jobs::print_document(
                db,
                &f.session(role),
                printing::PrintRequest {
                    document,
                    target: None,
                    copies: None,
                },
            )
            .unwrap();
            if command == "retry_print_job" {
                printing::jobs::finish(db, job.id, Err(("offline", "off".into()))).unwrap();
            }
            v(&job.id)
        }
        _ => return None,
    })
}

/// A request as the UI would send it.
/// A document `role` may print: the done visit's slip at the desk, the
/// consultation's care plan for a stylist.
pub fn printable(role: Role, db: &mut Db, f: &Fixture) -> printing::DocumentRequest {
    if role != Role::Stylist {
        return printing::DocumentRequest::Slip { visit_id: f.done };
    }
    let m = f.session(Role::Manager);
    visits::save_consult(
        db,
        &m,
        visits::ConsultRequest {
            visit_id: f.consult,
            needs: "补水".into(),
            measurements: vec![],
            services: vec![f.service],
            stylist_id: Some(f.stylist),
            care_plan: "每周一次补水护理，共四次。".into(),
            care_interval_days: Some(7),
        },
    )
    .unwrap();
    printing::DocumentRequest::CarePlan {
        visit_id: f.consult,
    }
}

pub fn v<T: Serialize>(request: &T) -> Value {
    to_value(request).unwrap()
}
