//! Sign-in hardening (SPEC 3.12, issue 14): the wrong-PIN pause is kept in
//! the data file, so restarting the app does not lift it; a manager
//! authorises one action at a receptionist's desk with her own PIN (a
//! manager's override), used once, within its time, for that permission
//! only, and recorded in the audit trail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::access::Permission;
use frontdesk_core::clock::Clock;
use frontdesk_core::error::Invalid;
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{
    self, AddStaffRequest, Desk, OverrideRequest, Role, Session, SignInRequest,
};
use frontdesk_core::visits::{self, CheckoutRequest, Payment, Stage, VoidVisitRequest};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, flow_support, setup_manager};

fn sign_in(desk: &mut Desk, db: &mut Db, no: &str, pin: &str) -> Result<Session, Error> {
    desk.sign_in(
        db,
        SignInRequest {
            staff_no: no.into(),
            pin: pin.into(),
        },
    )
}

fn receptionist(db: &mut Db, m: &Session) {
    staff::add_staff(
        db,
        m,
        AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .unwrap();
}

#[test]
fn the_wrong_pin_pause_survives_a_restart_of_the_app() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    receptionist(&mut shop.db, &m);
    let mut desk = Desk::default();
    for _ in 0..staff::MAX_FAILED_ATTEMPTS - 1 {
        assert!(matches!(
            sign_in(&mut desk, &mut shop.db, "2001", "0000"),
            Err(Error::WrongCredentials)
        ));
    }
    // The app is closed and opened again: the count goes on.
    let mut shop = shop.reopen();
    let mut desk = Desk::default();
    assert!(matches!(
        sign_in(&mut desk, &mut shop.db, "2001", "0000"),
        Err(Error::TooManyAttempts { .. })
    ));
    let mut shop = shop.reopen();
    let mut desk = Desk::default();
    // Full-width digits typed on a Chinese keyboard are the same number.
    assert!(matches!(
        sign_in(&mut desk, &mut shop.db, "２００１", "2001"),
        Err(Error::TooManyAttempts { .. })
    ));
    // A colleague's PIN check (a handover's confirmation) is paused too.
    assert!(matches!(
        staff::colleague(
            &mut shop.db,
            "incoming_staff_no",
            "incoming_pin",
            "2001",
            "2001"
        ),
        Err(Error::TooManyAttempts { .. })
    ));
    shop.clock.advance(staff::LOCKOUT_MS + 1);
    assert!(sign_in(&mut desk, &mut shop.db, "2001", "2001").is_ok());
    // A right PIN clears the count: four more wrong ones do not pause.
    for _ in 0..staff::MAX_FAILED_ATTEMPTS - 1 {
        assert!(matches!(
            sign_in(&mut desk, &mut shop.db, "2001", "0000"),
            Err(Error::WrongCredentials)
        ));
    }
    assert!(sign_in(&mut desk, &mut shop.db, "2001", "2001").is_ok());
}

/// A checked-out visit of ¥298 paid by card.
fn checked_out_visit(db: &mut Db, m: &Session) -> frontdesk_core::ids::VisitId {
    let (service, _, _) = flow_support::menu(db, m);
    let stylist = flow_support::stylist(db, m);
    let c = flow_support::customer(db, m, "李美华", "13812345678");
    let v = flow_support::visit_at(db, m, c, Stage::Reconsult, service, stylist);
    let total = visits::quote(
        db,
        m,
        visits::QuoteRequest {
            visit_id: v,
            products: vec![],
            package_uses: vec![],
            vouchers: vec![],
        },
    )
    .unwrap()
    .bill
    .total;
    visits::checkout(
        db,
        m,
        CheckoutRequest {
            visit_id: v,
            products: vec![],
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: total,
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
fn a_managers_override_at_the_receptionists_desk_runs_one_action_as_her() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    receptionist(&mut shop.db, &m);
    let v = checked_out_visit(&mut shop.db, &m);
    let mut desk = Desk::default();
    let r = sign_in(&mut desk, &mut shop.db, "2001", "2001").unwrap();
    let idle = 10 * 60_000;
    let void = |db: &mut Db, s: &Session| {
        visits::void_visit(
            db,
            s,
            VoidVisitRequest {
                visit_id: v,
                reason: "顾客要求退单".into(),
                gifts_recovered: true,
            },
        )
    };
    // Without an override the receptionist's own session is refused.
    let own = desk
        .session_for(shop.clock.now_ms(), idle, Some(Permission::VoidVisits))
        .unwrap();
    assert_eq!(own.staff_no, "2001");
    assert!(matches!(
        void(&mut shop.db, &own),
        Err(Error::Forbidden(Permission::VoidVisits))
    ));
    let ask = |no: &str, pin: &str, p: Permission| OverrideRequest {
        staff_no: no.into(),
        pin: pin.into(),
        permission: p,
    };
    // A wrong PIN is refused by field; the receptionist's own PIN cannot
    // authorise what she may not do.
    assert!(matches!(
        staff::manager_override(
            &mut shop.db,
            &r,
            ask("1001", "0000", Permission::VoidVisits)
        ),
        Err(Error::Invalid {
            field: "pin",
            reason: Invalid::Confirmation,
            ..
        })
    ));
    assert!(matches!(
        staff::manager_override(
            &mut shop.db,
            &r,
            ask("2001", "2001", Permission::VoidVisits)
        ),
        Err(Error::Forbidden(Permission::VoidVisits))
    ));
    let manager = staff::manager_override(
        &mut shop.db,
        &r,
        ask("1001", "1234", Permission::VoidVisits),
    )
    .unwrap();
    assert_eq!(manager.role, Role::Manager);
    desk.grant(manager, Permission::VoidVisits, shop.clock.now_ms());
    // A command needing another permission does not take it.
    let other = desk
        .session_for(
            shop.clock.now_ms(),
            idle,
            Some(Permission::RefundStoredValue),
        )
        .unwrap();
    assert_eq!(other.staff_no, "2001");
    // The void takes it, once.
    let as_manager = desk
        .session_for(shop.clock.now_ms(), idle, Some(Permission::VoidVisits))
        .unwrap();
    assert_eq!(as_manager.staff_no, "1001");
    void(&mut shop.db, &as_manager).unwrap();
    let again = desk
        .session_for(shop.clock.now_ms(), idle, Some(Permission::VoidVisits))
        .unwrap();
    assert_eq!(again.staff_no, "2001", "an override is used once");
    // The trail names the manager for the void and for the override, and
    // whose desk it was.
    let rows: Vec<(String, Option<i64>, Option<String>)> = shop
        .db
        .conn()
        .prepare("SELECT action, staff_id, after FROM audit_log WHERE action IN ('staff.override', 'visit.void') ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].0, "staff.override");
    assert_eq!(rows[0].1, Some(m.staff_id.0));
    assert!(
        rows[0]
            .2
            .as_deref()
            .unwrap()
            .contains("\"at_desk_of\":\"2001\"")
    );
    assert_eq!(rows[1].0, "visit.void");
    assert_eq!(rows[1].1, Some(m.staff_id.0));
}

#[test]
fn an_override_not_used_in_time_lapses() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    receptionist(&mut shop.db, &m);
    let mut desk = Desk::default();
    let r = sign_in(&mut desk, &mut shop.db, "2001", "2001").unwrap();
    let manager = staff::manager_override(
        &mut shop.db,
        &r,
        OverrideRequest {
            staff_no: "1001".into(),
            pin: "1234".into(),
            permission: Permission::ManageBackups,
        },
    )
    .unwrap();
    let t0 = shop.clock.now_ms();
    desk.grant(manager, Permission::ManageBackups, t0);
    let later = desk
        .session_for(
            t0 + staff::OVERRIDE_MS + 1,
            60 * 60_000,
            Some(Permission::ManageBackups),
        )
        .unwrap();
    assert_eq!(later.staff_no, "2001");
    // Signing out drops a pending override too.
    desk.grant(later.clone(), Permission::ManageBackups, t0);
    desk.sign_out();
    assert!(
        desk.session_for(t0, 60_000, Some(Permission::ManageBackups))
            .is_err()
    );
}
