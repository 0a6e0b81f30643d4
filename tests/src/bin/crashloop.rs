//! The child process of the crash tests (tests/tests/crash.rs): runs one
//! kind of write in a loop until it is killed with SIGKILL at a random
//! moment; the test checks the file afterwards. Each line it prints is
//! printed only after what it tells has committed (the test's list of
//! acknowledged writes).
//!
//! - `money`: checkouts of the first service and a ¥100 product, paid partly
//!   from stored value and every other one with a package session
//!   (`CHECKOUT <visit> <fen from balance> <package or ->`); every third a
//!   top-up (`TOPUP <ledger id> <customer> <fen>`); every fourth checkout
//!   voided again (`VOID <visit>`); every fifth a package sold
//!   (`PACKAGE <package id> <customer>`).
//! - `gifts`: checkouts of ¥598 that pay ¥50 with a voucher issued before
//!   (when there is one) and get the ¥500 tier's cream and a voucher from the
//!   drawer; prints `ACK <visit id> <serial handed over> <serial redeemed or
//!   ->` after each has committed. Every fifth one is followed by a blind
//!   handover (every line counted as the book says) confirmed with the
//!   incoming receptionist's PIN, then `HANDOVER <id> <no>`.
//! - `import`: customer imports of a CSV of [`IMPORT_ROWS`] rows each
//!   (`IMPORT <batch>`), batch numbers counting up from the one given; the
//!   rows of batch `b` have the phones `import_phone(b, 0..IMPORT_ROWS)`.
//! - `backups`: a checkout paid by card (`ACK <visit id>`), then a backup of
//!   the file with its copy to a second folder (`BACKUP <file>` once
//!   `take_backup` returned), in a loop.
//!
//! ```sh
//! crashloop money <data dir> <manager staff id> <start ms> <¥100 product id>
//! crashloop gifts <data dir> <manager staff id> <start ms> <gift counter json>
//!           <¥100 product id> <incoming staff no> <incoming pin>
//! crashloop import <data dir> <manager staff id> <first batch>
//! crashloop backups <data dir> <manager staff id> <second folder>
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::{Clock, OffsetClock, SystemClock};
use frontdesk_core::customers::import::{
    self, DuplicatePolicy, FileBytes, ImportColumn, ImportRequest,
};
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, HandoverKind,
};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::{setup, vouchers};
use frontdesk_core::ids::{CustomerId, PackageId, ProductId, ServiceId, StaffId, VisitId};
use frontdesk_core::membership::{self, PackagePayment, SellPackageRequest, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{Language, Role, Session};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    PackageUse, Payment, ProductSale, Stage, VoidVisitRequest,
};
use frontdesk_tests::gifts::GiftCounter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("money") => money_loop(&args[1..]),
        Some("gifts") => gifts_loop(&args[1..]),
        Some("import") => import_loop(&args[1..]),
        Some("backups") => backups_loop(&args[1..]),
        other => panic!("crashloop: unknown mode {other:?}"),
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

fn one(db: &Db, sql: &str, p: impl rusqlite::Params) -> Option<i64> {
    db.conn()
        .query_row(sql, p, |r| r.get::<_, Option<i64>>(0))
        .unwrap()
}

fn money_loop(args: &[String]) {
    let [dir, manager, start_ms, product] = args else {
        panic!("crashloop money: expected 4 arguments, got {args:?}");
    };
    let clock = Arc::new(OffsetClock::starting_at(start_ms.parse().expect("ms")));
    let mut desk = start(dir, manager, clock);
    let product = ProductId(product.parse().expect("product id"));
    let products = vec![ProductSale {
        product_id: product,
        qty: 1,
    }];
    for i in 0usize.. {
        let v = visit(&mut desk, i);
        let c = desk.customers[i % desk.customers.len()];
        let package: Option<PackageId> = if i % 2 == 0 {
            one(
                &desk.db,
                "SELECT min(id) FROM packages WHERE customer_id = ?1 AND service_id = ?2
                 AND sessions_left > 0",
                rusqlite::params![c, desk.service],
            )
            .map(PackageId)
        } else {
            None
        };
        let package_uses: Vec<PackageUse> = package
            .iter()
            .map(|&package_id| PackageUse {
                package_id,
                service_id: desk.service,
            })
            .collect();
        let total = visits::quote(
            &mut desk.db,
            &desk.s,
            visits::QuoteRequest {
                visit_id: v,
                products: products.clone(),
                package_uses: package_uses.clone(),
                vouchers: vec![],
            },
        )
        .unwrap()
        .bill
        .total
        .0;
        let balance = one(
            &desk.db,
            "SELECT balance_fen FROM sv_balances WHERE customer_id = ?1",
            [c],
        )
        .unwrap_or(0);
        let from_balance = (1_000 + (i as i64 % 7) * 100).min(total).min(balance);
        visits::checkout(
            &mut desk.db,
            &desk.s,
            CheckoutRequest {
                visit_id: v,
                products: products.clone(),
                payments: vec![Payment {
                    method: PayMethod::Card,
                    amount: Fen(total - from_balance),
                }],
                tendered: Fen(0),
                belongings_checked: true,
                stored_value: Fen(from_balance),
                package_uses,
                vouchers: vec![],
                gifts: None,
            },
        )
        .unwrap();
        ack(&format!(
            "CHECKOUT {} {from_balance} {}",
            v.0,
            package.map_or("-".to_string(), |p| p.0.to_string())
        ));
        if i % 3 == 0 {
            let amount = 20_000 + (i as i64 % 5) * 1_000;
            membership::top_up(
                &mut desk.db,
                &desk.s,
                TopUpRequest {
                    customer_id: c,
                    amount: Fen(amount),
                    bonus: Fen(0),
                    method: PayMethod::Cash,
                },
            )
            .unwrap();
            // The desk is the only writer: the customer's last ledger row is the top-up.
            let id = one(
                &desk.db,
                "SELECT max(id) FROM sv_ledger WHERE customer_id = ?1",
                [c],
            )
            .unwrap();
            ack(&format!("TOPUP {id} {} {amount}", c.0));
        }
        if i % 4 == 3 {
            visits::void_visit(
                &mut desk.db,
                &desk.s,
                VoidVisitRequest {
                    visit_id: v,
                    reason: "收错了".into(),
                    gifts_recovered: true,
                },
            )
            .unwrap();
            ack(&format!("VOID {}", v.0));
        }
        if i % 5 == 0 {
            membership::sell_package(
                &mut desk.db,
                &desk.s,
                SellPackageRequest {
                    customer_id: c,
                    service_id: desk.service,
                    sessions: 3,
                    price: Fen(60_000),
                    method: PackagePayment::Card,
                    expires_on: None,
                },
            )
            .unwrap();
            let id = one(
                &desk.db,
                "SELECT max(id) FROM packages WHERE customer_id = ?1",
                [c],
            )
            .unwrap();
            ack(&format!("PACKAGE {id} {}", c.0));
        }
    }
}

/// Rows in each imported file.
const IMPORT_ROWS: usize = 250;

fn import_loop(args: &[String]) {
    let [dir, manager, first] = args else {
        panic!("crashloop import: expected 3 arguments, got {args:?}");
    };
    let mut desk = start(dir, manager, Arc::new(SystemClock));
    let first: u64 = first.parse().expect("batch");
    const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    const GIVEN: [&str; 10] = ["芳", "敏", "静", "丽", "娟", "艳", "燕", "霞", "玲", "婷"];
    for batch in first.. {
        let mut csv = String::from("姓名,手机\n");
        for r in 0..IMPORT_ROWS {
            csv.push_str(&format!(
                "{}{}{},{}\n",
                SURNAMES[r % 10],
                GIVEN[(r / 10) % 10],
                GIVEN[(r / 100) % 10],
                frontdesk_tests::import_phone(batch, r)
            ));
        }
        let req = ImportRequest {
            file: FileBytes(csv.into_bytes()),
            mapping: vec![Some(ImportColumn::Name), Some(ImportColumn::Phone)],
            duplicates: DuplicatePolicy::Skip,
        };
        import::run_import(&mut desk.db, &desk.s, &req, &mut |_, _| {}).unwrap();
        ack(&format!("IMPORT {batch}"));
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

fn backups_loop(args: &[String]) {
    let [dir, manager, mirror] = args else {
        panic!("crashloop backups: expected 3 arguments, got {args:?}");
    };
    let mut desk = start(dir, manager, Arc::new(SystemClock));
    let live = PathBuf::from(dir).join(frontdesk_core::storage::DB_FILE_NAME);
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
        .total;
        visits::checkout(
            &mut desk.db,
            &desk.s,
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
        ack(&format!("ACK {}", v.0));
        let taken = frontdesk_core::backup::take_backup(
            &live,
            frontdesk_core::backup::Trigger::Auto,
            desk.db.now_ms(),
            Some(std::path::Path::new(mirror)),
        )
        .unwrap();
        assert!(
            matches!(taken.mirror, frontdesk_core::backup::Mirror::Copied(_)),
            "{:?}",
            taken.mirror
        );
        ack(&format!("BACKUP {}", taken.info.file));
    }
}
