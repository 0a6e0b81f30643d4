//! Membership (SPEC 3.6, invariants 1, 4, 6): tiers, stored value and
//! packages, on real SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use frontdesk_core::clock::{Clock, FixedClock};
use frontdesk_core::customers::CustomerId;
use frontdesk_core::membership::{
    self, PackagePayment, RefundRequest, SaveTier, SellPackageRequest, Tier, TopUpRequest,
};
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_core::staff::Session;
use frontdesk_core::visits::{
    self, CheckoutRequest, CloseVisitRequest, PackageUse, Payment, Stage, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, flow_support, setup_manager};
use proptest::prelude::*;

/// 普通顾客 / 银卡 (spend ≥ ¥2,000 or a top-up ≥ ¥1,000; services 95%) /
/// 金卡 (spend ≥ ¥5,000 or a top-up ≥ ¥3,000; services 88%, products 95%).
fn tiers(db: &mut Db, manager: &Session) -> Vec<frontdesk_core::ids::TierId> {
    let rows = [
        ("普通顾客", 0, None, None, 1000, 1000),
        ("银卡", 1, Some(200_000), Some(100_000), 950, 980),
        ("金卡", 2, Some(500_000), Some(300_000), 880, 950),
    ];
    rows.iter()
        .map(|(name, rank, spend, topup, service, product)| {
            membership::save_tier(
                db,
                manager,
                SaveTier {
                    tier: Tier {
                        id: frontdesk_core::ids::TierId(0),
                        name: (*name).into(),
                        rank: *rank,
                        color: "#d4a017".into(),
                        min_spend_12m: spend.map(Fen),
                        min_single_topup: topup.map(Fen),
                        service_rate_permille: *service,
                        product_rate_permille: *product,
                        birthday_gift: String::new(),
                        priority_booking: false,
                        active: true,
                    },
                },
            )
            .unwrap()
            .id
        })
        .collect()
}

fn top_up(db: &mut Db, s: &Session, c: CustomerId, amount: i64, bonus: i64) -> Result<(), Error> {
    membership::top_up(
        db,
        s,
        TopUpRequest {
            customer_id: c,
            amount: Fen(amount),
            bonus: Fen(bonus),
            method: PayMethod::Cash,
        },
    )
    .map(drop)
}

fn tier_name(db: &mut Db, s: &Session, c: CustomerId) -> String {
    membership::customer_membership(db, s, c)
        .unwrap()
        .tier
        .map(|t| t.name)
        .unwrap_or_default()
}

fn checkout(
    db: &mut Db,
    s: &Session,
    visit: frontdesk_core::ids::VisitId,
    stored_value: i64,
    other: Vec<Payment>,
    packages: Vec<PackageUse>,
) -> Result<visits::Visit, Error> {
    visits::checkout(
        db,
        s,
        CheckoutRequest {
            visit_id: visit,
            products: vec![],
            payments: other,
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(stored_value),
            package_uses: packages,
            vouchers: vec![],
            gifts: None,
        },
    )
}

#[test]
fn a_top_up_exactly_at_the_threshold_upgrades_at_once_and_one_fen_less_does_not() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    tiers(db, &m);
    let a = flow_support::customer(db, &m, "李美华", "13812345678");
    let b = flow_support::customer(db, &m, "王芳", "13900001234");
    assert_eq!(tier_name(db, &m, a), "普通顾客");
    top_up(db, &m, a, 299_999, 0).unwrap();
    assert_eq!(tier_name(db, &m, a), "银卡", "≥ ¥1,000 but below ¥3,000");
    top_up(db, &m, b, 300_000, 50_000).unwrap();
    assert_eq!(
        tier_name(db, &m, b),
        "金卡",
        "exactly ¥3,000 qualifies (inclusive)"
    );
    let card = membership::customer_membership(db, &m, b).unwrap();
    assert_eq!(card.balance, Fen(350_000), "top-up plus bonus");
    assert_eq!(card.ledger.len(), 2);
    assert_eq!(card.ledger[0].balance_after, Fen(350_000));
    assert_eq!(card.tier_history.len(), 1);
    // The change is on her card's timeline too.
    let page = frontdesk_core::customers::timeline::customer_timeline(
        db,
        &m,
        frontdesk_core::customers::timeline::TimelineRequest {
            id: b,
            before: None,
            limit: Some(20),
        },
    )
    .unwrap();
    assert!(page.events.iter().any(|e| {
        e.kind == frontdesk_core::customers::timeline::TimelineKind::TierChanged
            && e.summary.as_deref() == Some("金卡")
            && e.status.as_deref() == Some("upgrade")
    }));
}

#[test]
fn checkout_with_stored_value_and_a_package_session_applies_the_tier_discount_and_a_void_reverses_it_all()
 {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    tiers(db, &m);
    let (facial, _, _) = flow_support::menu(db, &m);
    let stylist = flow_support::stylist(db, &m);
    let eye = frontdesk_core::catalog::save_service(
        db,
        &m,
        frontdesk_core::catalog::SaveService {
            service: frontdesk_core::catalog::Service {
                id: frontdesk_core::ids::ServiceId(0),
                name: "眼部护理".into(),
                category: "面部护理".into(),
                price: Fen(16800),
                duration_minutes: 30,
                performed_by: vec![frontdesk_core::staff::Role::Stylist],
                active: true,
            },
        },
    )
    .unwrap()
    .id;
    let li = flow_support::customer(db, &m, "李美华", "13812345678");
    top_up(db, &m, li, 300_000, 0).unwrap(); // 金卡: services at 88%
    membership::sell_package(
        db,
        &m,
        SellPackageRequest {
            customer_id: li,
            service_id: facial,
            sessions: 6,
            price: Fen(164_000),
            method: PackagePayment::StoredValue,
            expires_on: None,
        },
    )
    .unwrap();
    let before = membership::customer_membership(db, &m, li).unwrap();
    assert_eq!(before.balance, Fen(136_000));
    // Facial (by package) + eye care (¥168 at 88% = ¥147.84).
    let v = flow_support::visit_at(db, &m, li, Stage::Consult, facial, stylist);
    visits::save_consult(
        db,
        &m,
        visits::ConsultRequest {
            visit_id: v,
            needs: String::new(),
            measurements: vec![],
            services: vec![facial, eye],
            stylist_id: Some(stylist),
            care_plan: String::new(),
            care_interval_days: None,
        },
    )
    .unwrap();
    let use_facial = vec![PackageUse {
        package_id: before.packages[0].id,
        service_id: facial,
    }];
    // Not adding up is refused and changes nothing.
    let wrong = checkout(db, &m, v, 10_000, vec![], use_facial.clone());
    assert!(matches!(
        wrong,
        Err(Error::Invalid {
            field: "payments",
            limit: Some(14784),
            ..
        })
    ));
    // More stored value than the bill is refused.
    let too_much = checkout(db, &m, v, 200_000, vec![], vec![]);
    assert!(
        matches!(
            too_much,
            Err(Error::Invalid {
                field: "payments",
                ..
            })
        ),
        "{too_much:?}"
    );
    let done = checkout(
        db,
        &m,
        v,
        10_000,
        vec![Payment {
            method: PayMethod::Mobile,
            amount: Fen(4_784),
        }],
        use_facial,
    )
    .unwrap();
    assert_eq!(done.bill.total, Fen(14_784));
    assert_eq!(done.bill.discount, Fen(29_800 + 2_016));
    let after = membership::customer_membership(db, &m, li).unwrap();
    assert_eq!(after.balance, Fen(126_000));
    assert_eq!(after.packages[0].sessions_left, 5);
    // The manager's void gives back the balance and the session.
    visits::void_visit(
        db,
        &m,
        VoidVisitRequest {
            visit_id: v,
            reason: "录错".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    let voided = membership::customer_membership(db, &m, li).unwrap();
    assert_eq!(voided.balance, before.balance);
    assert_eq!(voided.packages[0].sessions_left, 6);
    // An expired package cannot be used.
    let report = membership::membership_report(db, &m).unwrap();
    assert_eq!(report.liability, Fen(136_000));
    assert_eq!(report.package_sessions, 6);
}

#[test]
fn paying_more_from_stored_value_than_she_has_names_her_balance_and_changes_nothing() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let (facial, _, _) = flow_support::menu(db, &m);
    let stylist = flow_support::stylist(db, &m);
    let li = flow_support::customer(db, &m, "李美华", "13812345678");
    top_up(db, &m, li, 10_000, 0).unwrap();
    let v = flow_support::visit_at(db, &m, li, Stage::Reconsult, facial, stylist);
    let before = frontdesk_tests::snapshot(db);
    // The facial is ¥298; she has ¥100.
    let r = checkout(db, &m, v, 29_800, vec![], vec![]);
    assert!(
        matches!(
            r,
            Err(Error::InsufficientBalance {
                field: "stored_value",
                available: Fen(10_000)
            })
        ),
        "{r:?}"
    );
    assert_eq!(frontdesk_tests::snapshot(db), before);
    // The same through the API carries the amount for the message.
    let e = frontdesk_core::error::ApiError::from(&r.unwrap_err());
    assert_eq!(e.available, Some(10_000));
    assert_eq!(e.field, Some("stored_value"));
}

#[test]
fn an_expired_package_is_shown_as_expired_and_cannot_be_used() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    let (facial, _, _) = flow_support::menu(&mut shop.db, &m);
    let stylist = flow_support::stylist(&mut shop.db, &m);
    let li = flow_support::customer(&mut shop.db, &m, "李美华", "13812345678");
    membership::sell_package(
        &mut shop.db,
        &m,
        SellPackageRequest {
            customer_id: li,
            service_id: facial,
            sessions: 3,
            price: Fen(80_000),
            method: PackagePayment::Card,
            expires_on: Some("2026-11-30".into()),
        },
    )
    .unwrap();
    // A week later (the shop's clock: 2026-12-01).
    shop.clock.advance(8 * 86_400_000);
    let db = &mut shop.db;
    let card = membership::customer_membership(db, &m, li).unwrap();
    assert!(card.packages[0].expired);
    let v = flow_support::visit_at(db, &m, li, Stage::Consult, facial, stylist);
    let r = checkout(
        db,
        &m,
        v,
        0,
        vec![],
        vec![PackageUse {
            package_id: card.packages[0].id,
            service_id: facial,
        }],
    );
    assert!(
        matches!(
            r,
            Err(Error::Expired {
                field: "package_uses"
            })
        ),
        "{r:?}"
    );
    assert_eq!(
        membership::customer_membership(db, &m, li)
            .unwrap()
            .packages[0]
            .sessions_left,
        3
    );
}

#[test]
fn two_desks_spending_the_same_balance_at_once_cannot_both_succeed() {
    let shop = TempShop::new();
    let dir = shop.dir.path().to_path_buf();
    let mut db = shop.db;
    let m = setup_manager(&mut db);
    let li = flow_support::customer(&mut db, &m, "李美华", "13812345678");
    top_up(&mut db, &m, li, 10_000, 0).unwrap();
    drop(db);
    let (facial, _, _) = {
        let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(frontdesk_tests::MORNING_MS));
        let (mut db, _) = Db::open_in_dir(&dir, clock).unwrap();
        flow_support::menu(&mut db, &m)
    };
    // Two connections, two threads, each spending ¥80 of the ¥100 balance on
    // a package paid from stored value.
    let barrier = Arc::new(std::sync::Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let dir = dir.clone();
            let barrier = barrier.clone();
            let session = m.clone();
            std::thread::spawn(move || {
                let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(frontdesk_tests::MORNING_MS));
                let (mut db, _) = Db::open_in_dir(&dir, clock).unwrap();
                barrier.wait();
                membership::sell_package(
                    &mut db,
                    &session,
                    SellPackageRequest {
                        customer_id: li,
                        service_id: facial,
                        sessions: 1,
                        price: Fen(8_000),
                        method: PackagePayment::StoredValue,
                        expires_on: None,
                    },
                )
                .is_ok()
            })
        })
        .collect();
    let ok: Vec<bool> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(ok.iter().filter(|x| **x).count(), 1, "{ok:?}");
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(frontdesk_tests::MORNING_MS));
    let (mut db, _) = Db::open_in_dir(&dir, clock).unwrap();
    let card = membership::customer_membership(&mut db, &m, li).unwrap();
    assert_eq!(card.balance, Fen(2_000));
}

#[derive(Debug, Clone)]
enum Op {
    TopUp(usize, i64, i64),
    Refund(usize, i64),
    SellPackage(usize, i64, bool),
    Visit(usize, i64, bool),
    VoidLast,
    Review,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 1i64..400_000, 0i64..50_000).prop_map(|(c, a, b)| Op::TopUp(c, a, b)),
        1 => (0..3usize, 1i64..300_000).prop_map(|(c, a)| Op::Refund(c, a)),
        1 => (0..3usize, 1i64..4, any::<bool>()).prop_map(|(c, n, sv)| Op::SellPackage(c, n, sv)),
        3 => (0..3usize, 0i64..40_000, any::<bool>()).prop_map(|(c, sv, pkg)| Op::Visit(c, sv, pkg)),
        1 => Just(Op::VoidLast),
        1 => Just(Op::Review),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn balances_equal_their_ledgers_never_go_negative_and_liability_adds_up(
        ops in prop::collection::vec(op(), 1..30)
    ) {
        let mut shop = TempShop::new();
        let db = &mut shop.db;
        let m = setup_manager(db);
        tiers(db, &m);
        let (facial, _, _) = flow_support::menu(db, &m);
        let stylist = flow_support::stylist(db, &m);
        let cs: Vec<CustomerId> = (0..3)
            .map(|i| flow_support::customer(db, &m, &format!("会员{i}"), &format!("1370000000{i}")))
            .collect();
        let mut checked_out: Vec<frontdesk_core::ids::VisitId> = Vec::new();
        for o in ops {
            match o {
                Op::TopUp(c, a, b) => { let _ = top_up(db, &m, cs[c], a, b); }
                Op::Refund(c, a) => {
                    let _ = membership::refund_stored_value(db, &m, RefundRequest {
                        customer_id: cs[c], amount: Fen(a), method: PayMethod::Cash, reason: "退".into() });
                }
                Op::SellPackage(c, n, sv) => {
                    let _ = membership::sell_package(db, &m, SellPackageRequest {
                        customer_id: cs[c], service_id: facial, sessions: n, price: Fen(n * 25_000),
                        method: if sv { PackagePayment::StoredValue } else { PackagePayment::Card },
                        expires_on: None });
                }
                Op::Visit(c, sv, pkg) => {
                    let v = flow_support::visit_at(db, &m, cs[c], Stage::Consult, facial, stylist);
                    let card = membership::customer_membership(db, &m, cs[c]).unwrap();
                    let uses: Vec<PackageUse> = card.packages.iter()
                        .filter(|p| pkg && p.sessions_left > 0)
                        .take(1)
                        .map(|p| PackageUse { package_id: p.id, service_id: facial })
                        .collect();
                    let total = visits::quote(db, &m, visits::QuoteRequest {
                        visit_id: v, products: vec![], package_uses: uses.clone(),  vouchers: vec![], }).unwrap().bill.total.0;
                    let from_balance = sv.min(total);
                    let rest = total - from_balance;
                    let r = checkout(db, &m, v, from_balance,
                        if rest > 0 { vec![Payment { method: PayMethod::Card, amount: Fen(rest) }] } else { vec![] },
                        uses);
                    match r {
                        Ok(_) => checked_out.push(v),
                        Err(_) => {
                            visits::cancel_visit(db, &m, CloseVisitRequest { visit_id: v, reason: "x".into() }).unwrap();
                        }
                    }
                }
                Op::VoidLast => {
                    if let Some(v) = checked_out.pop() {
                        visits::void_visit(db, &m, VoidVisitRequest { visit_id: v, reason: "错".into(),  gifts_recovered: true, }).unwrap();
                    }
                }
                Op::Review => { membership::review_tiers(db, &m).unwrap(); }
            }
            // Invariant 1, in the database: balance = ledger sum ≥ 0; sessions ≥ 0
            // and equal to the total plus their ledger.
            let conn = db.conn();
            let bad: i64 = conn.query_row(
                "SELECT COUNT(*) FROM sv_balances b WHERE b.balance_fen < 0 OR b.balance_fen <>
                   (SELECT COALESCE(SUM(amount_fen), 0) FROM sv_ledger l WHERE l.customer_id = b.customer_id)",
                [], |r| r.get(0)).unwrap();
            prop_assert_eq!(bad, 0);
            let missing: i64 = conn.query_row(
                "SELECT COUNT(DISTINCT customer_id) FROM sv_ledger
                 WHERE customer_id NOT IN (SELECT customer_id FROM sv_balances)", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(missing, 0);
            let bad_sessions: i64 = conn.query_row(
                "SELECT COUNT(*) FROM packages p WHERE p.sessions_left < 0 OR p.sessions_left <>
                   p.sessions_total + (SELECT COALESCE(SUM(delta), 0) FROM package_uses u WHERE u.package_id = p.id)",
                [], |r| r.get(0)).unwrap();
            prop_assert_eq!(bad_sessions, 0);
            // Voided visits leave no net stored-value or session movement.
            let voided_net: i64 = conn.query_row(
                "SELECT COALESCE(SUM(l.amount_fen), 0) FROM sv_ledger l JOIN visits v ON v.id = l.visit_id
                 WHERE v.status = 'voided'", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(voided_net, 0);
            let voided_sessions: i64 = conn.query_row(
                "SELECT COALESCE(SUM(u.delta), 0) FROM package_uses u JOIN visits v ON v.id = u.visit_id
                 WHERE v.status = 'voided'", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(voided_sessions, 0);
            let sum: i64 = conn.query_row("SELECT COALESCE(SUM(balance_fen), 0) FROM sv_balances", [], |r| r.get(0)).unwrap();
            let report = membership::membership_report(db, &m).unwrap();
            prop_assert_eq!(report.liability.0, sum);
        }
    }
}

#[test]
fn downgrades_wait_for_the_review_at_the_end_of_the_period_and_never_happen_mid_visit() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    tiers(&mut shop.db, &m);
    let (facial, _, _) = flow_support::menu(&mut shop.db, &m);
    let stylist = flow_support::stylist(&mut shop.db, &m);
    let a = flow_support::customer(&mut shop.db, &m, "李美华", "13812345678");
    let b = flow_support::customer(&mut shop.db, &m, "王芳", "13900001234");
    top_up(&mut shop.db, &m, a, 300_000, 0).unwrap();
    top_up(&mut shop.db, &m, b, 300_000, 0).unwrap();
    let settings = membership::get_membership_settings(&mut shop.db, &m).unwrap();
    assert_eq!(settings.review_months, 12);
    assert_eq!(settings.next_review_date, "2027-11-23");
    // Not due yet: nothing happens.
    assert!(
        membership::review_tiers_if_due(&mut shop.db, &m)
            .unwrap()
            .is_none()
    );
    // 13 months later her top-up is older than 12 months.
    shop.clock.advance(396 * 86_400_000);
    let db = &mut shop.db;
    assert_eq!(
        tier_name(db, &m, a),
        "金卡",
        "no downgrade before the review"
    );
    flow_support::visit_at(db, &m, b, Stage::Greet, facial, stylist);
    let r = membership::review_tiers_if_due(db, &m)
        .unwrap()
        .expect("due");
    assert_eq!(r.downgraded, 1);
    assert_eq!(r.skipped_open_visits, 1);
    assert_eq!(tier_name(db, &m, a), "普通顾客");
    assert_eq!(
        tier_name(db, &m, b),
        "金卡",
        "she is in the shop: left for the next review"
    );
    let card = membership::customer_membership(db, &m, a).unwrap();
    assert_eq!(
        card.tier_history[0].kind,
        membership::TierChangeKind::Downgrade
    );
    // The next review is a period after this one.
    assert_eq!(
        membership::get_membership_settings(db, &m)
            .unwrap()
            .next_review_date,
        "2028-12-24"
    );
}
