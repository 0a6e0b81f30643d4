//! Invariants 4 and 5 under random use: whatever sequence of stage commands
//! the desk sends, a visit never moves backwards or past checkout, a closed
//! visit never changes (only a checked-out one may be voided), and a void
//! restores every total exactly: stock on the shelf, the day's takings, the
//! follow-ups still to call.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::customers::CustomerId;
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_core::staff::{self, AddStaffRequest, Language, Role, Session};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    Payment, ProductSale, Stage, VisitStatus, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, flow_support, setup_manager};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Cmd {
    Advance(usize, Stage),
    Consult(usize),
    Checkout(usize, i64),
    Cancel(usize),
    Void(usize),
}

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

fn cmd(visits: usize) -> impl Strategy<Value = Cmd> {
    prop_oneof![
        4 => (0..visits, stage()).prop_map(|(v, s)| Cmd::Advance(v, s)),
        2 => (0..visits).prop_map(Cmd::Consult),
        2 => (0..visits, 0i64..4).prop_map(|(v, q)| Cmd::Checkout(v, q)),
        1 => (0..visits).prop_map(Cmd::Cancel),
        1 => (0..visits).prop_map(Cmd::Void),
    ]
}

/// The visit's row and child rows, as text: a closed visit must keep these.
fn frozen(db: &Db, id: frontdesk_core::ids::VisitId) -> String {
    let conn = db.conn();
    let mut out = String::new();
    for sql in [
        "SELECT * FROM visits WHERE id = ?1",
        "SELECT * FROM visit_lines WHERE visit_id = ?1 ORDER BY id",
        "SELECT * FROM visit_payments WHERE visit_id = ?1 ORDER BY id",
        "SELECT * FROM visit_measurements WHERE visit_id = ?1 ORDER BY metric_id, phase",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([id], |r| {
                let mut line = Vec::new();
                for i in 0..cols {
                    line.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(line.join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        out.push_str(&rows.join("\n"));
        out.push('#');
    }
    out
}

struct Totals {
    stock: i64,
    takings: i64,
    open_followups: i64,
    ledger_stock: i64,
}

fn totals(db: &Db, product: frontdesk_core::ids::ProductId) -> Totals {
    let conn = db.conn();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [product], |r| r.get(0)).unwrap() };
    Totals {
        stock: q("SELECT stock FROM products WHERE id = ?1"),
        takings: q(
            "SELECT COALESCE(SUM(p.amount_fen), 0) + 0 * ?1 FROM visit_payments p
             JOIN visits v ON v.id = p.visit_id WHERE v.status = 'checked_out'",
        ),
        open_followups: q("SELECT COUNT(*) + 0 * ?1 FROM followups WHERE status = 'open'"),
        ledger_stock: q(
            "SELECT 10 + COALESCE(SUM(delta), 0) FROM stock_moves WHERE product_id = ?1",
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn stages_only_move_forward_closed_visits_never_change_and_voids_restore_totals(
        cmds in prop::collection::vec(cmd(4), 1..40)
    ) {
        let mut shop = TempShop::new();
        let db = &mut shop.db;
        let manager = setup_manager(db);
        let stylist = staff::add_staff(db, &manager, AddStaffRequest {
            staff_no: "3003".into(), name: "陈静".into(), role: Role::Stylist, pin: "3003".into(),
        }).unwrap().id;
        let desk: Session = Session::new(manager.staff_id, "1001", "王店长", Role::Manager, Language::ZhCn);
        let (service, product, _) = flow_support::menu(db, &manager);
        let customers: Vec<CustomerId> = (0..4)
            .map(|i| flow_support::customer(db, &manager, &format!("顾客{i}"), &format!("1390000100{i}")))
            .collect();
        let ids: Vec<frontdesk_core::ids::VisitId> = customers.iter().map(|c| {
            visits::check_in(db, &desk, CheckInRequest {
                customer_id: Some(*c), walk_in_label: String::new(), appointment_id: None,
            }).unwrap().id
        }).collect();
        // The model: each visit's stage rank, status, and what its checkout sold.
        let mut sold = [0i64; 4];
        for c in cmds {
            let v = match c { Cmd::Advance(v, _) | Cmd::Consult(v) | Cmd::Checkout(v, _)
                | Cmd::Cancel(v) | Cmd::Void(v) => v };
            let id = ids[v];
            let before = visits::get_visit(db, &desk, id).unwrap();
            let frozen_before = frozen(db, id);
            let result = match c.clone() {
                Cmd::Advance(_, to) => visits::advance(db, &desk, AdvanceRequest { visit_id: id, to }),
                Cmd::Consult(_) => visits::save_consult(db, &desk, ConsultRequest {
                    visit_id: id, needs: "补水".into(), measurements: vec![], services: vec![service],
                    stylist_id: Some(stylist), care_plan: String::new(), care_interval_days: None,
                }),
                Cmd::Checkout(_, qty) => {
                    let quote = visits::quote(db, &desk, visits::QuoteRequest {
                        visit_id: id,
                        products: if qty > 0 { vec![ProductSale { product_id: product, qty }] } else { vec![] },
                        package_uses: vec![],
                     vouchers: vec![], });
                    let total = quote.map(|q| q.bill.total.0).unwrap_or(0);
                    visits::checkout(db, &desk, CheckoutRequest {
                        visit_id: id,
                        products: if qty > 0 { vec![ProductSale { product_id: product, qty }] } else { vec![] },
                        payments: if total > 0 { vec![Payment { method: PayMethod::Mobile, amount: Fen(total) }] } else { vec![] },
                        tendered: Fen(0),
                        belongings_checked: true,
                    stored_value: Fen(0),
                    package_uses: vec![],
                     vouchers: vec![], gifts: None, })
                }
                Cmd::Cancel(_) => visits::cancel_visit(db, &desk, CloseVisitRequest { visit_id: id, reason: "走了".into() }),
                Cmd::Void(_) => visits::void_visit(db, &desk, VoidVisitRequest { visit_id: id, reason: "错单".into(),  gifts_recovered: true, }),
            };
            let after = visits::get_visit(db, &desk, id).unwrap();
            // Never backwards.
            prop_assert!(after.stage.rank() >= before.stage.rank(), "{:?} → {:?} by {:?}", before.stage, after.stage, c);
            match (&result, &c) {
                (Ok(_), Cmd::Advance(_, to)) => {
                    prop_assert!(to.rank() > before.stage.rank());
                    prop_assert_eq!(after.stage, *to);
                }
                (Ok(_), Cmd::Checkout(_, qty)) => {
                    prop_assert_eq!(before.status, VisitStatus::Open);
                    prop_assert_eq!(after.status, VisitStatus::CheckedOut);
                    sold[v] = *qty;
                }
                (Ok(_), Cmd::Void(_)) => {
                    prop_assert_eq!(before.status, VisitStatus::CheckedOut);
                    prop_assert_eq!(after.status, VisitStatus::Voided);
                    sold[v] = 0;
                }
                (Ok(_), Cmd::Cancel(_)) => prop_assert_eq!(before.status, VisitStatus::Open),
                (Ok(_), Cmd::Consult(_)) => {}
                (Err(e), _) => {
                    // A refused command changes nothing about the visit.
                    prop_assert_eq!(&frozen(db, id), &frozen_before, "{:?} refused with {:?} but wrote", c, e);
                    prop_assert!(matches!(e, Error::WrongStage { .. } | Error::Closed(frontdesk_core::error::Entity::Visit) | Error::Invalid { .. }), "{:?}", e);
                }
            }
            // Closed visits: nothing changes but a void of a checked-out one.
            if before.status != VisitStatus::Open && !matches!((&c, &result), (Cmd::Void(_), Ok(_))) {
                prop_assert_eq!(frozen(db, id), frozen_before);
            }
            // Totals follow the visits that stand.
            let t = totals(db, product);
            prop_assert_eq!(t.stock, 10 - sold.iter().sum::<i64>());
            prop_assert_eq!(t.stock, t.ledger_stock);
            let standing: i64 = db.conn().query_row(
                "SELECT COALESCE(SUM(total_fen), 0) FROM visits WHERE status = 'checked_out'", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(t.takings, standing);
            let with_service: i64 = db.conn().query_row(
                "SELECT COUNT(*) FROM visits v WHERE status = 'checked_out'
                 AND EXISTS (SELECT 1 FROM visit_lines l WHERE l.visit_id = v.id AND l.kind = 'service')",
                [], |r| r.get(0)).unwrap();
            prop_assert_eq!(t.open_followups, with_service);
        }
        // And the database agrees with itself.
        let ok: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(ok, "ok");
    }
}

#[test]
fn the_database_refuses_to_change_a_checked_out_visit_even_behind_the_core() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = setup_manager(db);
    let stylist = frontdesk_tests::flow_support::stylist(db, &manager);
    let f = frontdesk_tests::flow_fixture(db, &manager, stylist);
    let conn = db.conn();
    for sql in [
        "UPDATE visits SET total_fen = 1 WHERE id = ?1",
        "DELETE FROM visits WHERE id = ?1",
        "DELETE FROM visit_lines WHERE visit_id = ?1",
        "INSERT INTO visit_payments (visit_id, method, amount_fen) VALUES (?1, 'cash', 100)",
        "DELETE FROM visit_payments WHERE visit_id = ?1",
        "INSERT INTO visit_measurements (visit_id, metric_id, phase, value, at, staff_id)
         VALUES (?1, 1, 'post', 1, 0, 1)",
    ] {
        let r = conn.execute(sql, [f.done]);
        assert!(r.is_err(), "{sql} was allowed on a checked-out visit");
    }
}
