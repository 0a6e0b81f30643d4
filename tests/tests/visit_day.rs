//! A whole day at the desk through the six stages (SPEC 2, 3.4, 3.5, 3.7),
//! with the clock moved by hand: an appointment checked in, a returning
//! customer by walk-in, an anonymous walk-in who becomes a customer, a
//! cancellation, a void, a rating of 2 that opens a complaint, and the
//! follow-up calls falling due on the right dates across the month end in the
//! shop's time zone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::appointments::{self, AppointmentOutcome, AppointmentStatus};
use frontdesk_core::clock::parse_rfc3339;
use frontdesk_core::complaints::{self, ActionKind, Level};
use frontdesk_core::customers;
use frontdesk_core::error::Invalid;
use frontdesk_core::flow::{self, CategoryDelay};
use frontdesk_core::followups::{self, CallOutcome, FollowUpStatus, QueueScope};
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};
use frontdesk_core::visits::board;
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    MeasurementInput, Payment, ProductSale, ReconsultRequest, ServiceNotesRequest, Stage,
    VisitStatus, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, flow_support, new_customer, setup_manager};

fn at(shop: &TempShop, rfc3339: &str) {
    shop.clock.set(parse_rfc3339(rfc3339).unwrap());
}

fn sign(db: &mut Db, no: &str, pin: &str) -> Session {
    staff::sign_in(
        db,
        staff::SignInRequest {
            staff_no: no.into(),
            pin: pin.into(),
        },
    )
    .unwrap()
}

fn add(db: &mut Db, manager: &Session, no: &str, name: &str, role: Role) -> Session {
    staff::add_staff(
        db,
        manager,
        AddStaffRequest {
            staff_no: no.into(),
            name: name.into(),
            role,
            pin: no.into(),
        },
    )
    .unwrap();
    sign(db, no, no)
}

fn pay(amount: i64, method: PayMethod) -> Vec<Payment> {
    vec![Payment {
        method,
        amount: Fen(amount),
    }]
}

fn due_dates(db: &Db, visit: frontdesk_core::ids::VisitId) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare("SELECT due_date FROM followups WHERE visit_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([visit], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap()
}

#[test]
fn a_day_at_the_desk_across_the_month_end() {
    let mut shop = TempShop::new();
    // Sunday 29 November 2026, 09:00 in Shanghai.
    at(&shop, "2026-11-29T09:00:00+08:00");
    let db = &mut shop.db;
    let manager = setup_manager(db);
    let desk = add(db, &manager, "2001", "张敏", Role::Receptionist);
    let chen = add(db, &manager, "3003", "陈静", Role::Stylist);
    let liu = add(db, &manager, "3005", "刘芳", Role::Stylist);
    let (facial, cream, moisture) = flow_support::menu(db, &manager);
    let hair = frontdesk_core::catalog::save_service(
        db,
        &manager,
        frontdesk_core::catalog::SaveService {
            service: frontdesk_core::catalog::Service {
                id: frontdesk_core::ids::ServiceId(0),
                name: "精致剪发".into(),
                category: "美发".into(),
                price: Fen(8800),
                duration_minutes: 45,
                performed_by: vec![Role::Stylist],
                active: true,
            },
        },
    )
    .unwrap()
    .id;
    // Follow-up rules: 3 days by default, 7 after a haircut.
    let mut rules = flow::get_flow_settings(db, &manager).unwrap();
    rules.category_delays = vec![CategoryDelay {
        category: "美发".into(),
        days: 7,
    }];
    flow::update_flow_settings(db, &manager, rules).unwrap();

    let li = customers::create_customer(db, &desk, new_customer("李美华", "13812345678"))
        .unwrap()
        .id;
    let wang = customers::create_customer(db, &desk, new_customer("王芳", "13900001234"))
        .unwrap()
        .id;
    let zhao = customers::create_customer(db, &desk, new_customer("赵雪", "13700007777"))
        .unwrap()
        .id;

    // 09:05 王芳 books 10:00 with 3号; booking 陈静 again at 10:30 conflicts.
    let appt = appointments::save_appointment(
        db,
        &desk,
        appointments::SaveAppointmentRequest {
            id: frontdesk_core::ids::AppointmentId(0),
            customer_id: wang,
            stylist_id: Some(chen.staff_id),
            start_at: parse_rfc3339("2026-11-29T10:00:00+08:00").unwrap(),
            duration_minutes: None,
            services: vec![facial],
            note: String::new(),
            allow_conflict: false,
            from_visit_id: None,
        },
    )
    .unwrap();
    assert_eq!(appt.duration_minutes, 60, "the service's menu duration");
    let clash = appointments::SaveAppointmentRequest {
        id: frontdesk_core::ids::AppointmentId(0),
        customer_id: zhao,
        stylist_id: Some(chen.staff_id),
        start_at: parse_rfc3339("2026-11-29T10:30:00+08:00").unwrap(),
        duration_minutes: Some(30),
        services: vec![],
        note: String::new(),
        allow_conflict: false,
        from_visit_id: None,
    };
    match appointments::save_appointment(db, &desk, clash.clone()) {
        Err(Error::Conflict { existing }) => assert_eq!(existing, vec![appt.id]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let zhao_appt = appointments::save_appointment(
        db,
        &desk,
        appointments::SaveAppointmentRequest {
            allow_conflict: true,
            ..clash
        },
    )
    .unwrap();
    assert_eq!(zhao_appt.conflicts, vec![appt.id], "shown in the views");

    // The board shows both appointments still to come.
    let b = board::today_board(db, &desk).unwrap();
    assert_eq!(b.business_date, "2026-11-29");
    assert_eq!(b.appointments.len(), 2);

    // 09:58 王芳 arrives: check-in turns the appointment into a visit with its
    // stylist and service.
    at(&shop, "2026-11-29T09:58:00+08:00");
    let db = &mut shop.db;
    let w = visits::check_in(
        db,
        &desk,
        CheckInRequest {
            customer_id: None,
            walk_in_label: String::new(),
            appointment_id: Some(appt.id),
        },
    )
    .unwrap();
    assert_eq!(w.stage, Stage::Greet);
    assert_eq!(w.stylist.as_ref().unwrap().id, chen.staff_id);
    assert_eq!(w.bill.total, Fen(29800));
    assert!(w.slip_no.is_none(), "the slip number comes at consult");

    // 10:05 李美华 walks in.
    at(&shop, "2026-11-29T10:05:00+08:00");
    let db = &mut shop.db;
    let l = visits::check_in(
        db,
        &desk,
        CheckInRequest {
            customer_id: Some(li),
            walk_in_label: String::new(),
            appointment_id: None,
        },
    )
    .unwrap();
    // She cannot be checked in twice.
    assert!(matches!(
        visits::check_in(
            db,
            &desk,
            CheckInRequest {
                customer_id: Some(li),
                walk_in_label: String::new(),
                appointment_id: None
            }
        ),
        Err(Error::Duplicate {
            field: "customer_id"
        })
    ));
    // A stylist cannot run the desk's stages.
    assert!(matches!(
        visits::advance(
            db,
            &chen,
            AdvanceRequest {
                visit_id: l.id,
                to: Stage::Consult
            }
        ),
        Err(Error::Forbidden(_))
    ));
    // Service before a stylist and a service are chosen is refused, naming why.
    let v = visits::advance(
        db,
        &desk,
        AdvanceRequest {
            visit_id: l.id,
            to: Stage::Consult,
        },
    )
    .unwrap();
    assert_eq!(v.slip_no.as_deref(), Some("20261129-001"));
    assert!(matches!(
        visits::advance(
            db,
            &desk,
            AdvanceRequest {
                visit_id: l.id,
                to: Stage::Service
            }
        ),
        Err(Error::Invalid {
            field: "stylist_id",
            reason: Invalid::Required,
            ..
        })
    ));
    // A measurement outside its metric's range is refused and nothing is saved.
    let bad = visits::save_consult(
        db,
        &desk,
        ConsultRequest {
            visit_id: l.id,
            needs: "脸很干".into(),
            measurements: vec![MeasurementInput {
                metric_id: moisture,
                value: 1200,
            }],
            services: vec![facial],
            stylist_id: Some(liu.staff_id),
            care_plan: String::new(),
            care_interval_days: None,
        },
    );
    assert!(matches!(
        bad,
        Err(Error::Invalid {
            field: "measurements",
            ..
        })
    ));
    assert!(
        visits::get_visit(db, &desk, l.id)
            .unwrap()
            .bill
            .lines
            .is_empty()
    );
    visits::save_consult(
        db,
        &desk,
        ConsultRequest {
            visit_id: l.id,
            needs: "脸很干，想补水".into(),
            measurements: vec![MeasurementInput {
                metric_id: moisture,
                value: 355,
            }],
            services: vec![facial],
            stylist_id: Some(liu.staff_id),
            care_plan: "每周一次补水护理，连续四周".into(),
            care_interval_days: Some(7),
        },
    )
    .unwrap();
    // 王芳 moves to consult second: slip 002.
    let w = visits::advance(
        db,
        &desk,
        AdvanceRequest {
            visit_id: w.id,
            to: Stage::Consult,
        },
    )
    .unwrap();
    assert_eq!(w.slip_no.as_deref(), Some("20261129-002"));

    // The board: 李美华 in consult for 0 minutes, with a returning-customer
    // limit... she has no earlier visit, so she is new: 20 minutes.
    let b = board::today_board(db, &desk).unwrap();
    let card = b.visits.iter().find(|x| x.id == l.id).unwrap();
    assert_eq!(card.stage, Stage::Consult);
    assert!(card.new_customer);
    assert_eq!(card.red_after_ms, Some(20 * 60_000));
    assert_eq!(
        b.appointments.len(),
        1,
        "王芳's appointment has become a visit"
    );

    // 10:15 service with 5号 刘芳, who sees her customer with the allergy first.
    at(&shop, "2026-11-29T10:15:00+08:00");
    let db = &mut shop.db;
    customers::update_customer(
        db,
        &desk,
        customers::UpdateCustomerRequest {
            id: li,
            card: customers::CustomerFields {
                name: "李美华".into(),
                phone: "13812345678".into(),
                allergies: "果酸过敏".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();
    visits::advance(
        db,
        &liu,
        AdvanceRequest {
            visit_id: l.id,
            to: Stage::Service,
        },
    )
    .unwrap();
    let day = board::stylist_day(db, &liu, board::StylistDayRequest { stylist_id: None }).unwrap();
    assert_eq!(day.customers.len(), 1);
    assert_eq!(day.customers[0].alert.as_deref(), Some("果酸过敏"));
    // 陈静 may not write on 刘芳's visit.
    let notes = ServiceNotesRequest {
        visit_id: l.id,
        products_used: vec![visits::ProductUse {
            product_id: cream,
            amount: "2 ml".into(),
        }],
        notes: "皮肤偏干，避开果酸类产品".into(),
        remarks_for_consultant: "想了解疗程卡".into(),
        measurements: vec![],
    };
    assert!(matches!(
        visits::save_service_notes(db, &chen, notes.clone()),
        Err(Error::Forbidden(_))
    ));
    visits::save_service_notes(db, &liu, notes).unwrap();

    // 11:20 re-consultation: moisture up from 35.5 to 48.0; ratings 5 and 不知道.
    at(&shop, "2026-11-29T11:20:00+08:00");
    let db = &mut shop.db;
    visits::advance(
        db,
        &liu,
        AdvanceRequest {
            visit_id: l.id,
            to: Stage::Reconsult,
        },
    )
    .unwrap();
    let v = visits::save_reconsult(
        db,
        &desk,
        ReconsultRequest {
            visit_id: l.id,
            service_rating: Some(5),
            stylist_rating: Some(0),
            comments: "很舒服".into(),
            comments_are_complaint: false,
            measurements: vec![MeasurementInput {
                metric_id: moisture,
                value: 480,
            }],
            home_care: "早晚保湿，避免果酸".into(),
            recommendations: "玫瑰保湿霜".into(),
        },
    )
    .unwrap();
    assert_eq!(v.measurements[0].pre, Some(355));
    assert_eq!(v.measurements[0].post, Some(480));
    assert!(v.complaint_id.is_none());
    // Stages cannot go back.
    assert!(matches!(
        visits::advance(
            db,
            &desk,
            AdvanceRequest {
                visit_id: l.id,
                to: Stage::Service
            }
        ),
        Err(Error::WrongStage { .. })
    ));

    // 11:30 see-off: facial + a cream, paid ¥400 cash → change; must add up.
    at(&shop, "2026-11-29T11:30:00+08:00");
    let db = &mut shop.db;
    let wrong = visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: l.id,
            products: vec![ProductSale {
                product_id: cream,
                qty: 1,
            }],
            payments: pay(40000, PayMethod::Cash),
            tendered: Fen(50000),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    );
    assert!(matches!(
        wrong,
        Err(Error::Invalid {
            field: "payments",
            limit: Some(46600),
            ..
        })
    ));
    let v = visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: l.id,
            products: vec![ProductSale {
                product_id: cream,
                qty: 1,
            }],
            payments: vec![
                Payment {
                    method: PayMethod::Mobile,
                    amount: Fen(6600),
                },
                Payment {
                    method: PayMethod::Cash,
                    amount: Fen(40000),
                },
            ],
            tendered: Fen(50000),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .unwrap();
    assert_eq!(v.status, VisitStatus::CheckedOut);
    assert_eq!(v.bill.total, Fen(46600));
    assert_eq!(v.change, Fen(10000));
    assert_eq!(
        v.followup_due,
        vec!["2026-12-02".to_string()],
        "3 days, across the month end"
    );
    let stock: i64 = db
        .conn()
        .query_row("SELECT stock FROM products WHERE id = ?1", [cream], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stock, 9);
    // Immutable now.
    assert!(matches!(
        visits::cancel_visit(
            db,
            &desk,
            CloseVisitRequest {
                visit_id: l.id,
                reason: "x".into()
            }
        ),
        Err(Error::Closed(frontdesk_core::error::Entity::Visit))
    ));

    // 王芳: service, then a rating of 2 opens a complaint about 陈静.
    visits::save_consult(
        db,
        &desk,
        ConsultRequest {
            visit_id: w.id,
            needs: "剪短".into(),
            measurements: vec![],
            services: vec![hair],
            stylist_id: Some(chen.staff_id),
            care_plan: String::new(),
            care_interval_days: None,
        },
    )
    .unwrap();
    for to in [Stage::Service, Stage::Reconsult] {
        visits::advance(db, &chen, AdvanceRequest { visit_id: w.id, to }).unwrap();
    }
    let w2 = visits::save_reconsult(
        db,
        &desk,
        ReconsultRequest {
            visit_id: w.id,
            service_rating: Some(2),
            stylist_rating: Some(3),
            comments: "剪得太短了".into(),
            comments_are_complaint: false,
            measurements: vec![],
            home_care: String::new(),
            recommendations: String::new(),
        },
    )
    .unwrap();
    let complaint_id = w2.complaint_id.expect("a rating of 2 opens a complaint");
    let c = complaints::get_complaint(db, &desk, complaint_id).unwrap();
    assert!(c.from_rating);
    assert_eq!(c.about.as_ref().unwrap().id, chen.staff_id);
    assert_eq!(c.description, "剪得太短了");
    assert_eq!(c.answer_due_at - c.opened_at, 2 * 3_600_000);
    // Saving the re-consultation again does not open a second one.
    visits::save_reconsult(
        db,
        &desk,
        ReconsultRequest {
            visit_id: w.id,
            service_rating: Some(1),
            stylist_rating: Some(3),
            comments: "剪得太短了".into(),
            comments_are_complaint: false,
            measurements: vec![],
            home_care: String::new(),
            recommendations: String::new(),
        },
    )
    .unwrap();
    let n: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM complaints WHERE visit_id = ?1",
            [w.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    // It cannot close without a result; escalation goes desk → supervisor → manager.
    assert!(matches!(
        complaints::close_complaint(
            db,
            &desk,
            complaints::CloseComplaintRequest {
                id: complaint_id,
                result: "  ".into(),
                reaction: String::new()
            }
        ),
        Err(Error::Invalid {
            field: "result",
            reason: Invalid::Required,
            ..
        })
    ));
    let c = complaints::complaint_action(
        db,
        &desk,
        complaints::ComplaintActionRequest {
            id: complaint_id,
            kind: ActionKind::Escalate,
            text: "请主管处理".into(),
        },
    )
    .unwrap();
    assert_eq!(c.level, Level::Supervisor);
    at(&shop, "2026-11-29T12:10:00+08:00");
    let db = &mut shop.db;
    complaints::complaint_action(
        db,
        &manager,
        complaints::ComplaintActionRequest {
            id: complaint_id,
            kind: ActionKind::Answer,
            text: "向顾客致歉，免费修剪一次".into(),
        },
    )
    .unwrap();
    let w = visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: w.id,
            products: vec![],
            payments: pay(8800, PayMethod::Card),
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .unwrap();
    assert_eq!(
        w.followup_due,
        vec!["2026-12-06".to_string()],
        "7 days after a haircut"
    );
    let c = complaints::close_complaint(
        db,
        &manager,
        complaints::CloseComplaintRequest {
            id: complaint_id,
            result: "致歉并赠送一次修剪".into(),
            reaction: "表示理解".into(),
        },
    )
    .unwrap();
    assert!(!c.open);

    // An anonymous walk-in buys a cream, then registers: the visit becomes hers.
    let anon = visits::check_in(
        db,
        &desk,
        CheckInRequest {
            customer_id: None,
            walk_in_label: "穿红外套的女士".into(),
            appointment_id: None,
        },
    )
    .unwrap();
    let sun = customers::create_customer(db, &desk, new_customer("孙丽", "13600006666"))
        .unwrap()
        .id;
    visits::attach_customer(
        db,
        &desk,
        visits::AttachCustomerRequest {
            visit_id: anon.id,
            customer_id: sun,
        },
    )
    .unwrap();
    let a = visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: anon.id,
            products: vec![ProductSale {
                product_id: cream,
                qty: 2,
            }],
            payments: pay(33600, PayMethod::Mobile),
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .unwrap();
    assert!(
        a.followup_due.is_empty(),
        "product-only: no after-service call"
    );
    assert_eq!(
        a.slip_no.as_deref(),
        Some("20261129-003"),
        "greet → checkout gets a slip"
    );

    // 赵雪 cancels her booking; another walk-in leaves before consult.
    appointments::close_appointment(
        db,
        &desk,
        appointments::CloseAppointmentRequest {
            id: zhao_appt.id,
            outcome: AppointmentOutcome::Cancelled,
            reason: "临时出差".into(),
        },
    )
    .unwrap();
    let gone = visits::check_in(
        db,
        &desk,
        CheckInRequest {
            customer_id: Some(zhao),
            walk_in_label: String::new(),
            appointment_id: None,
        },
    )
    .unwrap();
    assert!(matches!(
        visits::cancel_visit(
            db,
            &desk,
            CloseVisitRequest {
                visit_id: gone.id,
                reason: " ".into()
            }
        ),
        Err(Error::Invalid {
            field: "reason",
            ..
        })
    ));
    visits::cancel_visit(
        db,
        &desk,
        CloseVisitRequest {
            visit_id: gone.id,
            reason: "等不及先走了".into(),
        },
    )
    .unwrap();

    // The manager voids the anonymous sale: the creams go back on the shelf.
    assert!(matches!(
        visits::void_visit(
            db,
            &desk,
            VoidVisitRequest {
                visit_id: anon.id,
                reason: "收错".into(),
                gifts_recovered: true,
            }
        ),
        Err(Error::Forbidden(_))
    ));
    visits::void_visit(
        db,
        &manager,
        VoidVisitRequest {
            visit_id: anon.id,
            reason: "顾客退货".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    let stock: i64 = db
        .conn()
        .query_row("SELECT stock FROM products WHERE id = ?1", [cream], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stock, 9);

    // A checkout after midnight UTC+8 but before midnight UTC belongs to the
    // next business day: 1 December 00:30 Shanghai is 30 November 16:30 UTC.
    at(&shop, "2026-11-30T16:30:00Z");
    let db = &mut shop.db;
    let late = flow_support::visit_at(db, &desk, zhao, Stage::Service, facial, liu.staff_id);
    let late = visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: late,
            products: vec![],
            payments: pay(29800, PayMethod::Cash),
            tendered: Fen(29800),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![],
            gifts: None,
        },
    )
    .unwrap();
    assert_eq!(late.business_date, "2026-12-01");
    assert_eq!(
        late.slip_no.as_deref(),
        Some("20261201-001"),
        "numbering restarts each day"
    );
    assert_eq!(due_dates(db, late.id), vec!["2026-12-04".to_string()]);

    // 2 December: 李美华's call is due, not before; 3 unanswered calls make
    // her unreachable.
    at(&shop, "2026-12-01T10:00:00+08:00");
    let db = &mut shop.db;
    let q = followups::followup_queue(
        db,
        &desk,
        followups::FollowUpQueueRequest {
            scope: QueueScope::All,
        },
    )
    .unwrap();
    assert!(
        q.iter().all(|f| f.customer_id != li),
        "not due yet on 1 December"
    );
    at(&shop, "2026-12-02T10:00:00+08:00");
    let db = &mut shop.db;
    let q = followups::followup_queue(
        db,
        &desk,
        followups::FollowUpQueueRequest {
            scope: QueueScope::All,
        },
    )
    .unwrap();
    let task = q
        .iter()
        .find(|f| f.customer_id == li)
        .expect("due on 2 December");
    assert_eq!(task.last_services, vec!["面部补水护理".to_string()]);
    assert_eq!(task.address_as, "李美华", "unknown gender: by name");
    let mut status = FollowUpStatus::Open;
    for i in 0..3 {
        let f = followups::record_call(
            db,
            &desk,
            followups::RecordCallRequest {
                id: task.id,
                outcome: CallOutcome::NoAnswer,
                words: String::new(),
                satisfaction: None,
                call_back_at: None,
                rebooked_appointment_id: None,
            },
        )
        .unwrap();
        status = f.status;
        if i < 2 {
            // Tried again later, not at once.
            let q = followups::followup_queue(
                db,
                &desk,
                followups::FollowUpQueueRequest {
                    scope: QueueScope::All,
                },
            )
            .unwrap();
            assert!(q.iter().all(|x| x.id != task.id));
            shop.clock.advance(6 * 3_600_000);
        }
    }
    assert_eq!(status, FollowUpStatus::Unreachable);

    // The month's statistics: 3 checked-out visits in November (the voided
    // one does not count), one complaint.
    let db = &mut shop.db;
    let s = complaints::complaint_stats(
        db,
        &manager,
        complaints::MonthRequest {
            month: "2026-11".into(),
        },
    )
    .unwrap();
    assert_eq!(s.complaints, 1);
    assert_eq!(
        s.visits, 2,
        "李美华 and 王芳; the void and the 1 December visit do not count"
    );
    assert_eq!(s.rate_per_100_centi, 5000);
    assert_eq!(
        s.avg_answer_minutes,
        Some(40),
        "opened 11:30, answered 12:10"
    );
    assert_eq!(s.by_staff[0].key, "3003 陈静");
    let stats = followups::followup_stats(
        db,
        &desk,
        followups::FollowUpStatsRequest {
            from_date: "2026-12-01".into(),
            to_date: "2026-12-31".into(),
        },
    )
    .unwrap();
    let mine = stats
        .iter()
        .find(|s| s.staff.as_ref().is_some_and(|x| x.id == desk.staff_id))
        .unwrap();
    assert_eq!(mine.unreachable, 1);
    // The card's timeline shows the visit and the follow-up.
    let page = customers::timeline::customer_timeline(
        db,
        &desk,
        customers::timeline::TimelineRequest {
            id: li,
            before: None,
            limit: Some(50),
        },
    )
    .unwrap();
    use frontdesk_core::customers::timeline::TimelineKind;
    assert!(page.events.iter().any(|e| e.kind == TimelineKind::Visit
        && e.amount == Some(46600)
        && e.summary.as_deref() == Some("面部补水护理、玫瑰保湿霜")));
    assert!(page
        .events
        .iter()
        .any(|e| e.kind == TimelineKind::FollowUp && e.status.as_deref() == Some("unreachable")));
    let trend = visits::history::customer_measurements(db, &desk, li).unwrap();
    assert_eq!(trend[0].points[0].pre, Some(355));
    assert_eq!(trend[0].points[0].post, Some(480));
    let appts = appointments::list_appointments(
        db,
        &desk,
        appointments::AppointmentsRequest {
            from_date: "2026-11-29".into(),
            days: 7,
            stylist_id: Some(chen.staff_id),
        },
    )
    .unwrap();
    assert_eq!(
        appts.iter().map(|a| a.status).collect::<Vec<_>>(),
        vec![AppointmentStatus::Arrived, AppointmentStatus::Cancelled]
    );
}

/// An appointment booked at re-consultation names the visit it was booked
/// from (the staff report counts that visit as rebooked): it must be one of
/// the customer's visits. Found by the command fuzzer: any number was stored.
#[test]
fn an_appointment_is_booked_only_from_a_visit_of_hers() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let stylist = flow_support::stylist(db, &m);
    let f = frontdesk_tests::flow_fixture(db, &m, stylist);
    let book = |db: &mut Db, from: frontdesk_core::ids::VisitId| {
        appointments::save_appointment(
            db,
            &m,
            appointments::SaveAppointmentRequest {
                id: frontdesk_core::ids::AppointmentId(0),
                customer_id: f.customers[3],
                stylist_id: Some(stylist),
                start_at: frontdesk_tests::MORNING_MS + 72 * 3_600_000,
                duration_minutes: None,
                services: vec![f.service],
                note: String::new(),
                allow_conflict: true,
                from_visit_id: Some(from),
            },
        )
    };
    let before = frontdesk_tests::snapshot(db);
    for from in [frontdesk_core::ids::VisitId(999_999), f.done] {
        assert!(
            matches!(
                book(db, from),
                Err(Error::Invalid {
                    field: "from_visit_id",
                    reason: Invalid::NotAvailable,
                    ..
                })
            ),
            "booked from visit {from:?}"
        );
    }
    assert_eq!(frontdesk_tests::snapshot(db), before, "a refusal wrote");
    book(db, f.reconsult).unwrap();
}
