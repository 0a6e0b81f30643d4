//! The child process of the crash tests (tests/tests/crash.rs): checks
//! customers in and out in a loop until it is killed with SIGKILL at a random
//! moment; the test checks the file afterwards.
//!
//! - Default mode: checkouts paid partly from stored value; prints
//!   `ACK <visit id>` after each checkout has committed.
//! - `gifts` mode: checkouts of ¥598 that pay ¥50 with a voucher issued
//!   before (when there is one) and get the ¥500 tier's cream and a voucher
//!   from the drawer; prints `ACK <visit id> <serial handed over> <serial
//!   redeemed or ->` after each has committed. Every fifth one is followed by
//!   a blind handover (every line counted as the book says) confirmed with
//!   the incoming receptionist's PIN, then `HANDOVER <id> <no>`.
//!
//! ```sh
//! crashloop <data dir> <manager staff id>
//! crashloop gifts <data dir> <manager staff id> <start ms> <gift counter json>
//!           <¥100 product id> <incoming staff no> <incoming pin>
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::{Clock, OffsetClock, SystemClock};
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, HandoverKind,
};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::{setup, vouchers};
use frontdesk_core::ids::{CustomerId, ProductId, ServiceId, StaffId, VisitId};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{Language, Role, Session};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    Payment, ProductSale, Stage,
};
use frontdesk_tests::gifts::GiftCounter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("gifts") {
        gifts_loop(&args[1..]);
    } else {
        let desk = start(&args[0], &args[1], Arc::new(SystemClock));
        checkout_loop(desk);
    }
}

/// The open file, the manager's session, and whom and what the loops check in.
struct Desk {
    db: Db,
    s: Session,
    service: ServiceId,
    stylist: StaffId,
    customers: Vec<CustomerId>,
}

fn start(dir: &str, manager: &str, clock: Arc<dyn Clock>) -> Desk {
    let dir = PathBuf::from(dir);
    let manager: i64 = manager.parse().expect("a number");
    let (mut db, _) = Db::open_in_dir(&dir, clock).unwrap();
    let s = Session::new(
        StaffId(manager),
        "1001",
        "王店长",
        Role::Manager,
        Language::ZhCn,
    );
    // Visits a killed run left open are cancelled (a real desk would too).
    let open: Vec<VisitId> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT id FROM visits WHERE status = 'open'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    for v in open {
        visits::cancel_visit(
            &mut db,
            &s,
            CloseVisitRequest {
                visit_id: v,
                reason: "restart".into(),
            },
        )
        .unwrap();
    }
    let service: ServiceId = db
        .conn()
        .query_row("SELECT id FROM services ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let stylist: StaffId = db
        .conn()
        .query_row(
            "SELECT id FROM staff WHERE role = 'stylist' AND active = 1 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let customers: Vec<CustomerId> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT id FROM customers ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    Desk {
        db,
        s,
        service,
        stylist,
        customers,
    }
}

/// Check customer number `i` (round the list) in and save her consultation
/// with the first service, ready to check out.
fn visit(desk: &mut Desk, i: usize) -> VisitId {
    let c = desk.customers[i % desk.customers.len()];
    let v = visits::check_in(
        &mut desk.db,
        &desk.s,
        CheckInRequest {
            customer_id: Some(c),
            walk_in_label: String::new(),
            appointment_id: None,
        },
    )
    .unwrap()
    .id;
    visits::advance(
        &mut desk.db,
        &desk.s,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Consult,
        },
    )
    .unwrap();
    visits::save_consult(
        &mut desk.db,
        &desk.s,
        ConsultRequest {
            visit_id: v,
            needs: String::new(),
            measurements: vec![],
            services: vec![desk.service],
            stylist_id: Some(desk.stylist),
            care_plan: String::new(),
            care_interval_days: None,
        },
    )
    .unwrap();
    v
}

fn ack(line: &str) {
    let out = std::io::stdout();
    let mut lock = out.lock();
    writeln!(lock, "{line}").unwrap();
    lock.flush().unwrap();
}

fn checkout_loop(mut desk: Desk) {
    for i in 0usize.. {
        let v = visit(&mut desk, i);
        let total = visits::quote(
            &mut desk.db,
            &desk.s,
            visits::QuoteRequest {
                visit_id: v,
                products: vec![],
                package_uses: vec![],
                vouchers: vec![],
            },
        )
        .unwrap()
        .bill
        .total
        .0;
        let from_balance = (1_000 + (i as i64 % 7) * 100).min(total);
        visits::checkout(
            &mut desk.db,
            &desk.s,
            CheckoutRequest {
                visit_id: v,
                products: vec![],
                payments: vec![Payment {
                    method: PayMethod::Card,
                    amount: Fen(total - from_balance),
                }],
                tendered: Fen(0),
                belongings_checked: true,
                stored_value: Fen(from_balance),
                package_uses: vec![],
                vouchers: vec![],
                gifts: None,
            },
        )
        .unwrap();
        ack(&format!("ACK {}", v.0));
    }
}

/// The first serial in `state` (of `type_id` when given), by serial.
fn first_serial(db: &Db, state: &str, type_id: Option<i64>) -> Option<String> {
    db.conn()
        .query_row(
            "SELECT serial FROM vouchers WHERE state = ?1
             AND (?2 IS NULL OR voucher_type_id = ?2) ORDER BY serial LIMIT 1",
            rusqlite::params![state, type_id],
            |r| r.get(0),
        )
        .ok()
}

fn gifts_loop(args: &[String]) {
    let [
        dir,
        manager,
        start_ms,
        counter,
        product,
        incoming_no,
        incoming_pin,
    ] = args
    else {
        panic!("crashloop gifts: expected 7 arguments, got {args:?}");
    };
    // The test's day, running on from where it says (each run later than the last).
    let clock = Arc::new(OffsetClock::starting_at(start_ms.parse().expect("ms")));
    let mut desk = start(dir, manager, clock);
    let gifts: GiftCounter = serde_json::from_str(counter).expect("gift counter");
    let product = ProductId(product.parse().expect("product id"));
    for i in 0usize.. {
        let v = visit(&mut desk, i);
        let redeem = first_serial(&desk.db, "issued", None);
        let hand = first_serial(&desk.db, "in_stock", Some(gifts.voucher_type.0))
            .expect("vouchers in the drawer");
        // ¥298 + 3 × ¥100 = ¥598; ¥548 after a voucher: the ¥500 tier either way.
        let due = 59_800 - if redeem.is_some() { 5_000 } else { 0 };
        visits::checkout(
            &mut desk.db,
            &desk.s,
            CheckoutRequest {
                visit_id: v,
                products: vec![ProductSale {
                    product_id: product,
                    qty: 3,
                }],
                payments: vec![Payment {
                    method: PayMethod::Card,
                    amount: Fen(due),
                }],
                tendered: Fen(0),
                belongings_checked: true,
                stored_value: Fen(0),
                package_uses: vec![],
                vouchers: redeem.iter().cloned().collect(),
                gifts: Some(GiftIssue {
                    tiers: vec![TierIssue {
                        tier_id: gifts.tier_500,
                        items: vec![ItemQty {
                            item_id: gifts.cream,
                            quantity: 1,
                        }],
                        vouchers: vec![hand.clone()],
                    }],
                    receipts: 1 + (i as i64 % 4),
                    seconds: 20 + (i as i64 % 90),
                }),
            },
        )
        .unwrap();
        ack(&format!(
            "ACK {} {hand} {}",
            v.0,
            redeem.as_deref().unwrap_or("-")
        ));
        if i % 5 == 4 {
            let (id, no) = hand_over(&mut desk, i % 10 == 9, incoming_no, incoming_pin);
            ack(&format!("HANDOVER {id} {no}"));
        }
    }
}

/// Count every line of the sheet as the book says, and have the incoming
/// receptionist confirm: the handover's id and number.
fn hand_over(desk: &mut Desk, close: bool, incoming_no: &str, incoming_pin: &str) -> (i64, String) {
    let (db, s) = (&mut desk.db, &desk.s);
    let sheet = handover::handover_sheet(db, s).unwrap();
    let catalog = setup::gift_catalog(db, s).unwrap();
    let batches = vouchers::voucher_batches(db, s).unwrap();
    let counts = sheet
        .lines
        .iter()
        .map(|l| Count {
            item_id: l.item_id,
            batch_id: l.batch_id,
            counted: match (l.item_id, l.batch_id) {
                (Some(i), _) => catalog.items.iter().find(|x| x.id == i).unwrap().stock,
                (_, Some(b)) => batches.iter().find(|x| x.id == b).unwrap().in_stock,
                _ => 0,
            },
        })
        .collect();
    let counted = handover::count_handover(
        db,
        s,
        CountHandoverRequest {
            kind: if close {
                HandoverKind::Close
            } else {
                HandoverKind::Shift
            },
            counts,
        },
    )
    .unwrap();
    let done = handover::confirm_handover(
        db,
        s,
        ConfirmHandoverRequest {
            handover_id: counted.id,
            incoming_staff_no: incoming_no.into(),
            incoming_pin: incoming_pin.into(),
            notes: String::new(),
            matters: vec!["交接测试".into()],
        },
    )
    .unwrap();
    (
        done.id.0,
        done.no.expect("a confirmed handover is numbered"),
    )
}
