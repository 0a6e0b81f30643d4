//! A shop's first day, over a real SQLite file: first run, the manager adds
//! staff, a receptionist starts a customer's card and finds her again, a
//! stylist is refused a manager's command, and every refused input writes
//! nothing.
// Integration tests: an unexpected Err should fail the test at once.
#![allow(clippy::unwrap_used)]

use frontdesk_core::customers::{self, MatchKind, SearchRequest};
use frontdesk_core::error::Invalid;
use frontdesk_core::shop::SetupRequest;
use frontdesk_core::staff::{
    self, AddStaffRequest, Desk, Permission, Role, Session, SignInRequest,
};
use frontdesk_core::{ApiError, Db, Error, ErrorCode};
use frontdesk_tests::{TempShop, new_customer, snapshot};

fn setup(shop_name: &str) -> SetupRequest {
    SetupRequest {
        shop_name: shop_name.into(),
        staff_no: "1001".into(),
        name: "王店长".into(),
        pin: "1234".into(),
        pin_confirm: "1234".into(),
    }
}

fn add(db: &mut Db, by: &Session, no: &str, name: &str, role: Role, pin: &str) {
    staff::add_staff(
        db,
        by,
        AddStaffRequest {
            staff_no: no.into(),
            name: name.into(),
            role,
            pin: pin.into(),
        },
    )
    .unwrap();
}

fn sign_in(desk: &mut Desk, db: &mut Db, no: &str, pin: &str) -> Result<Session, Error> {
    desk.sign_in(
        db,
        SignInRequest {
            staff_no: no.into(),
            pin: pin.into(),
        },
    )
}

#[test]
fn first_run_to_a_found_customer_and_a_refused_stylist() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    assert!(!frontdesk_core::shop::setup_status(db).unwrap().set_up);

    // An empty shop name is refused, naming the field, and nothing is written.
    let empty = snapshot(db);
    let err = frontdesk_core::shop::setup_shop(db, setup("   ")).unwrap_err();
    assert!(matches!(
        err,
        Error::Invalid {
            field: "shop_name",
            reason: Invalid::Required,
            ..
        }
    ));
    let api = ApiError::from(&err);
    assert_eq!(api.code, ErrorCode::Invalid);
    assert_eq!(api.field, Some("shop_name"));
    assert_eq!(snapshot(db), empty);

    // First run creates the shop and its manager, who is signed in.
    let manager = frontdesk_core::shop::setup_shop(db, setup("丽人坊")).unwrap();
    assert_eq!(manager.role, Role::Manager);
    let status = frontdesk_core::shop::setup_status(db).unwrap();
    assert!(status.set_up);
    assert_eq!(status.shop_name.as_deref(), Some("丽人坊"));
    assert!(matches!(
        frontdesk_core::shop::setup_shop(db, setup("Another")),
        Err(Error::AlreadySetUp)
    ));

    add(db, &manager, "2001", "张敏", Role::Receptionist, "2001");
    add(db, &manager, "3003", "陈静", Role::Stylist, "3003");

    // A wrong PIN is refused and writes nothing but its count in the
    // wrong-PIN throttle (kept in the file so a restart does not reset it).
    let mut desk = Desk::default();
    let before = snapshot(db);
    let err = sign_in(&mut desk, db, "2001", "9999").unwrap_err();
    assert!(matches!(err, Error::WrongCredentials));
    assert_eq!(ApiError::from(&err).field, Some("pin"));
    assert_eq!(snapshot(db), before);
    let counted: i64 = db
        .conn()
        .query_row(
            "SELECT failures FROM pin_throttle WHERE staff_no = '2001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counted, 1, "the wrong PIN is counted");
    // An unknown staff number gets the very same answer.
    assert!(matches!(
        sign_in(&mut desk, db, "7777", "2001"),
        Err(Error::WrongCredentials)
    ));

    let reception = sign_in(&mut desk, db, "2001", "2001").unwrap();
    assert_eq!(reception.role, Role::Receptionist);
    assert_eq!(reception.name, "张敏");

    // The receptionist starts 李美华's card.
    let card =
        customers::create_customer(db, &reception, new_customer(" 李美华 ", "138 1234 5678"))
            .unwrap();
    assert_eq!(card.card.name, "李美华");
    assert_eq!(card.card.phone, "13812345678");
    assert_eq!(card.created_by, "2001 张敏");

    // An invalid phone and a duplicate phone are refused; nothing is written.
    let before = snapshot(db);
    let err =
        customers::create_customer(db, &reception, new_customer("王芳", "1381234567")).unwrap_err();
    assert!(matches!(
        err,
        Error::Invalid {
            field: "phone",
            reason: Invalid::Format,
            ..
        }
    ));
    let err = customers::create_customer(db, &reception, new_customer("王芳", "+86 138-1234-5678"))
        .unwrap_err();
    assert!(matches!(err, Error::Duplicate { field: "phone" }));
    assert_eq!(ApiError::from(&err).code, ErrorCode::Duplicate);
    assert_eq!(snapshot(db), before);

    // Found by the last four digits of her phone.
    let hits = customers::search_customers(
        db,
        &reception,
        SearchRequest {
            query: "5678".into(),
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, card.id);
    assert_eq!(hits[0].matched, MatchKind::PhoneSuffix);
    assert_eq!(hits[0].phone.as_deref(), Some("13812345678"));

    // The stylist finds her too, with the phone masked, and is refused a
    // manager-only command with the Forbidden code naming the permission.
    let stylist = sign_in(&mut desk, db, "3003", "3003").unwrap();
    let hits = customers::search_customers(
        db,
        &stylist,
        SearchRequest {
            query: "李美".into(),
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(hits[0].phone.as_deref(), Some("138****5678"));
    let err = staff::list_staff(db, &stylist).unwrap_err();
    let api = ApiError::from(&err);
    assert_eq!(api.code, ErrorCode::Forbidden);
    assert_eq!(api.permission, Some(Permission::ManageStaff));

    // After a restart everything is still there, and the audit trail says who
    // did what.
    let mut shop = shop.reopen();
    let db = &mut shop.db;
    let again = customers::get_customer(db, &reception, card.id).unwrap();
    assert_eq!(again, card);
    let who: Vec<(String, Option<i64>)> = db
        .conn()
        .prepare("SELECT action, staff_id FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(who.contains(&("customer.create".into(), Some(reception.staff_id.0))));
    assert!(who.contains(&("staff.add".into(), Some(manager.staff_id.0))));
}

#[test]
fn the_audit_trail_cannot_be_edited_or_deleted() {
    let mut shop = TempShop::new();
    frontdesk_core::shop::setup_shop(&mut shop.db, setup("丽人坊")).unwrap();
    let conn = shop.db.conn();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
    assert!(
        conn.execute("UPDATE audit_log SET action = 'x'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    let after: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, n);
}

#[test]
fn repeated_wrong_pins_pause_sign_in_for_that_staff_number() {
    let mut shop = TempShop::new();
    let manager = frontdesk_core::shop::setup_shop(&mut shop.db, setup("丽人坊")).unwrap();
    add(
        &mut shop.db,
        &manager,
        "2001",
        "张敏",
        Role::Receptionist,
        "2001",
    );
    let mut desk = Desk::default();
    for _ in 0..staff::MAX_FAILED_ATTEMPTS - 1 {
        assert!(matches!(
            sign_in(&mut desk, &mut shop.db, "2001", "0000"),
            Err(Error::WrongCredentials)
        ));
    }
    assert!(matches!(
        sign_in(&mut desk, &mut shop.db, "2001", "0000"),
        Err(Error::TooManyAttempts { .. })
    ));
    // Even the right PIN waits now; other staff are not affected.
    assert!(matches!(
        sign_in(&mut desk, &mut shop.db, "2001", "2001"),
        Err(Error::TooManyAttempts { .. })
    ));
    assert!(sign_in(&mut desk, &mut shop.db, "1001", "1234").is_ok());
    shop.clock.advance(staff::LOCKOUT_MS + 1);
    assert!(sign_in(&mut desk, &mut shop.db, "2001", "2001").is_ok());
}

#[test]
fn an_idle_desk_locks_after_the_shops_limit_and_unlocks_with_the_same_pin() {
    let mut shop = TempShop::new();
    let manager = frontdesk_core::shop::setup_shop(&mut shop.db, setup("丽人坊")).unwrap();
    frontdesk_core::shop::update_shop(
        &mut shop.db,
        &manager,
        frontdesk_core::shop::UpdateShopRequest {
            name: "丽人坊".into(),
            address: String::new(),
            phone: String::new(),
            idle_lock_minutes: 2,
            greeting_style: frontdesk_core::customers::GreetingStyle::Familiar,
            time_zone: "Asia/Shanghai".into(),
        },
    )
    .unwrap();
    let limit = frontdesk_core::shop::idle_limit_ms(&mut shop.db).unwrap();
    assert_eq!(limit, 2 * 60 * 1000);

    let mut desk = Desk::default();
    sign_in(&mut desk, &mut shop.db, "1001", "1234").unwrap();
    shop.clock.advance(60_000);
    assert!(desk.session(shop.db.now_ms(), limit).is_ok());
    shop.clock.advance(limit + 1);
    assert!(matches!(
        desk.session(shop.db.now_ms(), limit),
        Err(Error::SessionLocked)
    ));
    assert!(matches!(
        desk.unlock(&mut shop.db, "9999".into()),
        Err(Error::WrongCredentials)
    ));
    assert!(
        desk.locked_session().is_some(),
        "still locked after a wrong PIN"
    );
    let back = desk.unlock(&mut shop.db, "1234".into()).unwrap();
    assert_eq!(back.staff_no, "1001");
    assert!(desk.session(shop.db.now_ms(), limit).is_ok());
}

#[test]
fn a_deactivated_staff_member_loses_access_at_once_and_cannot_sign_in() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = frontdesk_core::shop::setup_shop(db, setup("丽人坊")).unwrap();
    add(db, &manager, "2001", "张敏", Role::Receptionist, "2001");
    let mut desk = Desk::default();
    let reception = sign_in(&mut desk, db, "2001", "2001").unwrap();
    let member = staff::list_staff(db, &manager)
        .unwrap()
        .into_iter()
        .find(|m| m.staff_no == "2001")
        .unwrap();
    staff::update_staff(
        db,
        &manager,
        staff::UpdateStaffRequest {
            id: member.id,
            name: member.name.clone(),
            role: member.role,
            active: false,
        },
    )
    .unwrap();
    // Her session, still open on the desk, no longer works.
    assert!(matches!(
        customers::search_customers(
            db,
            &reception,
            SearchRequest {
                query: "5678".into(),
                limit: None
            }
        ),
        Err(Error::StaffInactive)
    ));
    assert!(matches!(
        sign_in(&mut desk, db, "2001", "2001"),
        Err(Error::StaffInactive)
    ));
    let after = staff::list_staff(db, &manager).unwrap();
    let m = after.iter().find(|m| m.staff_no == "2001").unwrap();
    assert!(!m.active);
    assert_eq!(
        m.updated_by.as_deref(),
        Some("1001 王店长"),
        "who made the change"
    );
}

#[test]
fn the_last_active_manager_can_be_neither_deactivated_nor_demoted() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = frontdesk_core::shop::setup_shop(db, setup("丽人坊")).unwrap();
    let req = |role, active| staff::UpdateStaffRequest {
        id: manager.staff_id,
        name: "王店长".into(),
        role,
        active,
    };
    assert!(matches!(
        staff::update_staff(db, &manager, req(Role::Manager, false)),
        Err(Error::LastManager)
    ));
    assert!(matches!(
        staff::update_staff(db, &manager, req(Role::Receptionist, true)),
        Err(Error::LastManager)
    ));
    add(db, &manager, "1002", "李主管", Role::Manager, "5555");
    // With a second manager, the first may step down.
    let demoted = staff::update_staff(db, &manager, req(Role::Receptionist, true)).unwrap();
    assert_eq!(demoted.role, Role::Receptionist);
    // ...and her open session loses manager rights at once.
    assert!(matches!(
        staff::list_staff(db, &manager),
        Err(Error::Forbidden(Permission::ManageStaff))
    ));
}

#[test]
fn the_demo_shop_seeds_once_with_every_role_and_signs_in() {
    let mut shop = TempShop::new();
    assert!(frontdesk_core::demo::seed(&mut shop.db).unwrap());
    assert!(
        !frontdesk_core::demo::seed(&mut shop.db).unwrap(),
        "second run does nothing"
    );
    let mut desk = Desk::default();
    for (no, _, role, pin) in frontdesk_core::demo::DEMO_STAFF {
        let s = sign_in(&mut desk, &mut shop.db, no, pin).unwrap();
        assert_eq!(s.role, *role);
    }
}

#[test]
fn the_shop_time_zone_must_be_real_and_moves_the_business_day() {
    let mut shop = TempShop::new();
    let manager = frontdesk_core::shop::setup_shop(&mut shop.db, setup("丽人坊")).unwrap();
    let req = |zone: &str| frontdesk_core::shop::UpdateShopRequest {
        name: "丽人坊".into(),
        address: String::new(),
        phone: String::new(),
        idle_lock_minutes: 10,
        greeting_style: frontdesk_core::customers::GreetingStyle::Familiar,
        time_zone: zone.into(),
    };
    for bad in ["", "Mars/Olympus", "UTC+8; DROP TABLE shop"] {
        assert!(
            matches!(
                frontdesk_core::shop::update_shop(&mut shop.db, &manager, req(bad)),
                Err(frontdesk_core::Error::Invalid {
                    field: "time_zone",
                    ..
                })
            ),
            "{bad:?}"
        );
    }
    // 2026-11-23 09:00 in Shanghai is 01:00 UTC: still the 22nd in Los Angeles.
    let zone = |db: &mut frontdesk_core::Db| frontdesk_core::shop::time_zone_of(db).unwrap();
    assert_eq!(zone(&mut shop.db), chrono_tz::Asia::Shanghai);
    let saved =
        frontdesk_core::shop::update_shop(&mut shop.db, &manager, req("America/Los_Angeles"))
            .unwrap();
    assert_eq!(saved.time_zone, "America/Los_Angeles");
    let tz = zone(&mut shop.db);
    assert_eq!(
        frontdesk_core::clock::business_date(frontdesk_tests::MORNING_MS, tz).to_string(),
        "2026-11-22"
    );
}
