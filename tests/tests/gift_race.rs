//! Gifts and vouchers under concurrency (SPEC 3.8): desks on their own
//! connections — threads, and other processes — racing for one voucher or
//! the last unit of a gift. Exactly one wins; every other is refused naming
//! the winner (a voucher) or what is left (a gift), and writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use frontdesk_core::clock::{Clock, FixedClock};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::stock::{self, DestroyGiftsRequest, ReceiveGiftsRequest};
use frontdesk_core::ids::{ProductId, ServiceId, StaffId, VisitId};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, AddStaffRequest, Language, Role, Session};
use frontdesk_core::visits::{self, CheckoutRequest, Payment, ProductSale, Stage};
use frontdesk_core::{Db, Error};
use frontdesk_tests::gifts::{
    GiftCounter, counter, race_for_voucher, ready_marker, uncounted_product,
};
use frontdesk_tests::{MORNING_MS, TempShop, flow_support, gift_invariants, setup_manager};

/// Desks racing at once.
const DESKS: usize = 8;

struct RaceShop {
    shop: TempShop,
    manager: Session,
    desk: Session,
    facial: ServiceId,
    stylist: StaffId,
    /// ¥100, not counted: never the reason a checkout is refused.
    p100: ProductId,
    gifts: GiftCounter,
    customers: usize,
}

fn race_shop() -> RaceShop {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = setup_manager(db);
    let (facial, _, _) = flow_support::menu(db, &manager);
    let stylist = flow_support::stylist(db, &manager);
    let desk_id = staff::add_staff(
        db,
        &manager,
        AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .unwrap()
    .id;
    let desk = Session::new(desk_id, "2001", "张敏", Role::Receptionist, Language::ZhCn);
    let gifts = counter(db, &manager);
    let p100 = uncounted_product(db, &manager, "精华小样", 10_000);
    RaceShop {
        shop,
        manager,
        desk,
        facial,
        stylist,
        p100,
        gifts,
        customers: 0,
    }
}

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::at(MORNING_MS))
}

impl RaceShop {
    fn dir(&self) -> PathBuf {
        self.shop.dir.path().to_path_buf()
    }

    /// `n` new customers, each on a visit at re-consultation with the facial.
    fn open_visits(&mut self, n: usize) -> Vec<VisitId> {
        (0..n)
            .map(|_| {
                self.customers += 1;
                let i = self.customers;
                let c = flow_support::customer(
                    &mut self.shop.db,
                    &self.manager,
                    &format!("顾客{i}"),
                    &format!("139000030{i:02}"),
                );
                flow_support::visit_at(
                    &mut self.shop.db,
                    &self.desk,
                    c,
                    Stage::Reconsult,
                    self.facial,
                    self.stylist,
                )
            })
            .collect()
    }

    /// Check a visit out at ¥598 (the ¥500 tier), handing over a cream and
    /// the voucher `serial`.
    fn issue_voucher(&mut self, serial: &str) {
        let v = self.open_visits(1)[0];
        visits::checkout(
            &mut self.shop.db,
            &self.desk,
            CheckoutRequest {
                visit_id: v,
                products: vec![ProductSale {
                    product_id: self.p100,
                    qty: 3,
                }],
                payments: vec![Payment {
                    method: PayMethod::Card,
                    amount: Fen(59_800),
                }],
                tendered: Fen(0),
                belongings_checked: true,
                stored_value: Fen(0),
                package_uses: vec![],
                vouchers: vec![],
                gifts: Some(GiftIssue {
                    tiers: vec![TierIssue {
                        tier_id: self.gifts.tier_500,
                        items: vec![ItemQty {
                            item_id: self.gifts.cream,
                            quantity: 1,
                        }],
                        vouchers: vec![serial.into()],
                    }],
                    receipts: 1,
                    seconds: 30,
                }),
            },
        )
        .unwrap();
    }

    fn count(&self, sql: &str, p: impl rusqlite::Params) -> i64 {
        self.shop.db.conn().query_row(sql, p, |r| r.get(0)).unwrap()
    }

    fn check_invariants(&mut self) {
        let today = self.shop.db.read(frontdesk_core::shop::today).unwrap();
        let split = gift_invariants::split_day(today, 7);
        if let Err(e) = gift_invariants::check(&mut self.shop.db, &self.manager, today, split) {
            panic!("{e}");
        }
    }
}

/// Every row that names `visit` (the visit itself, each table with a
/// `visit_id`, its audit rows), as text: equal before and after means a
/// refused checkout wrote nothing about it.
fn visit_rows(db: &Db, visit: VisitId) -> String {
    let conn = db.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table'
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'visit_id')
             ORDER BY m.name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    let mut out = String::new();
    let mut dump = |label: &str, sql: &str| {
        let mut stmt = conn.prepare(sql).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([visit.0], |r| {
                (0..cols)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|c| c.join(" | "))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        out.push_str(&format!("## {label}\n{}\n", rows.join("\n")));
    };
    dump("visits", "SELECT * FROM visits WHERE id = ?1");
    dump(
        "audit_log",
        "SELECT * FROM audit_log WHERE entity = 'visit' AND entity_id = ?1 ORDER BY id",
    );
    for t in &tables {
        dump(
            t,
            &format!("SELECT * FROM \"{t}\" WHERE visit_id = ?1 ORDER BY rowid"),
        );
    }
    out
}

#[test]
fn eight_desks_paying_with_one_voucher_at_once_redeem_it_once_and_the_rest_are_told_where() {
    let mut s = race_shop();
    // A few rounds, one voucher each: the order the desks get the lock varies.
    for round in 0..3 {
        let serial = format!("A{:06}", 101 + round);
        s.issue_voucher(&serial);
        let racers = s.open_visits(DESKS);
        let before: Vec<String> = racers.iter().map(|v| visit_rows(&s.shop.db, *v)).collect();
        let barrier = Arc::new(Barrier::new(DESKS));
        let handles: Vec<_> = racers
            .iter()
            .map(|&v| {
                let (dir, barrier, desk, serial) =
                    (s.dir(), barrier.clone(), s.desk.clone(), serial.clone());
                std::thread::spawn(move || {
                    let (mut db, _) = Db::open_in_dir(&dir, clock()).unwrap();
                    let req = CheckoutRequest {
                        visit_id: v,
                        products: vec![],
                        // ¥298 facial: ¥50 by the voucher, ¥248 by card.
                        payments: vec![Payment {
                            method: PayMethod::Card,
                            amount: Fen(24_800),
                        }],
                        tendered: Fen(0),
                        belongings_checked: true,
                        stored_value: Fen(0),
                        package_uses: vec![],
                        vouchers: vec![serial],
                        gifts: None,
                    };
                    barrier.wait();
                    visits::checkout(&mut db, &desk, req).map(|done| done.id)
                })
            })
            .collect();
        let results: Vec<(VisitId, Result<VisitId, Error>)> = racers
            .iter()
            .zip(handles)
            .map(|(v, h)| (*v, h.join().unwrap()))
            .collect();
        let winners: Vec<VisitId> = results
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok().copied())
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        let winner = winners[0];
        for (i, (v, r)) in results.iter().enumerate() {
            if *v == winner {
                continue;
            }
            match r {
                Err(Error::AlreadyRedeemed {
                    field: "vouchers",
                    prior,
                }) => assert_eq!(
                    prior.visit_id, winner,
                    "round {round}: {v:?} told {prior:?}"
                ),
                other => panic!("round {round}: visit {v:?} got {other:?}"),
            }
            assert_eq!(
                visit_rows(&s.shop.db, *v),
                before[i],
                "round {round}: the refused checkout of {v:?} wrote something"
            );
        }
        assert_eq!(
            s.count(
                "SELECT count(*) FROM voucher_events WHERE serial = ?1 AND kind = 'redeem'",
                [&serial]
            ),
            1,
            "round {round}: one redeem event"
        );
        assert_eq!(
            s.count(
                "SELECT visit_id FROM voucher_events WHERE serial = ?1 AND kind = 'redeem'",
                [&serial]
            ),
            winner.0
        );
        assert_eq!(
            s.count(
                "SELECT count(*) FROM vouchers WHERE serial = ?1 AND state = 'redeemed'",
                [&serial]
            ),
            1
        );
        s.check_invariants();
    }
}

/// Wait until `path` exists, or fail after a while naming `what`.
fn wait_for(path: &Path, what: &str) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} never got ready"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn desks_in_two_processes_and_three_threads_paying_with_one_voucher_redeem_it_once() {
    let mut s = race_shop();
    let signals = tempfile::tempdir().unwrap();
    for round in 0..3 {
        let serial = format!("A{:06}", 150 + round);
        s.issue_voucher(&serial);
        let racers = s.open_visits(5);
        let go = signals.path().join(format!("go-{round}"));
        // Two racers in their own processes ...
        let children: Vec<(VisitId, std::process::Child)> = racers[..2]
            .iter()
            .map(|&v| {
                let child = Command::new(env!("CARGO_BIN_EXE_giftrace"))
                    .arg(s.dir())
                    .arg(s.desk.staff_id.0.to_string())
                    .arg(v.0.to_string())
                    .arg(&serial)
                    .arg(&go)
                    .arg(MORNING_MS.to_string())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (v, child)
            })
            .collect();
        // ... and three here, each on its own connection.
        let threads: Vec<(VisitId, std::thread::JoinHandle<String>)> = racers[2..]
            .iter()
            .map(|&v| {
                let (dir, staff, serial, go) =
                    (s.dir(), s.desk.staff_id, serial.clone(), go.clone());
                let h = std::thread::spawn(move || {
                    race_for_voucher(&dir, staff, v, &serial, &go, MORNING_MS)
                });
                (v, h)
            })
            .collect();
        for v in &racers {
            wait_for(&ready_marker(&go, *v), &format!("the racer for {v:?}"));
        }
        std::fs::write(&go, b"go").unwrap();

        let mut lines: Vec<(VisitId, String)> = Vec::new();
        for (v, mut child) in children {
            let status = child.wait().unwrap();
            let (mut out, mut err) = (String::new(), String::new());
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            assert!(status.success(), "giftrace for {v:?}: {status}: {err}");
            let printed: Vec<&str> = out.lines().collect();
            assert_eq!(printed.len(), 1, "giftrace prints one line: {out:?}");
            lines.push((v, printed[0].to_string()));
        }
        for (v, h) in threads {
            lines.push((v, h.join().unwrap()));
        }
        let winners: Vec<VisitId> = lines
            .iter()
            .filter(|(_, l)| l == "OK")
            .map(|(v, _)| *v)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {lines:?}");
        let told = format!("ALREADY {}", winners[0].0);
        for (v, l) in &lines {
            assert!(
                *v == winners[0] || *l == told,
                "round {round}: {v:?} said {l:?}, not {told:?}: {lines:?}"
            );
        }
        assert_eq!(
            s.count(
                "SELECT count(*) FROM voucher_events WHERE serial = ?1 AND kind = 'redeem'",
                [&serial]
            ),
            1
        );
        assert_eq!(
            s.count(
                "SELECT visit_id FROM voucher_events WHERE serial = ?1 AND kind = 'redeem'",
                [&serial]
            ),
            winners[0].0
        );
        eprintln!("round {round}: {lines:?}");
        s.check_invariants();
    }
}

#[test]
fn eight_desks_issuing_the_last_scarf_at_once_give_it_once_and_the_rest_write_nothing() {
    let mut s = race_shop();
    let scarf = s.gifts.scarf;
    // The shelf has 10 scarves: destroy 9, and the last one is raced for;
    // then one more comes in and is raced for again.
    stock::destroy_gifts(
        &mut s.shop.db,
        &s.manager,
        DestroyGiftsRequest {
            item_id: scarf,
            quantity: 9,
            reason: "受潮".into(),
        },
    )
    .unwrap();
    for round in 0..2 {
        if round > 0 {
            stock::receive_gifts(
                &mut s.shop.db,
                &s.manager,
                ReceiveGiftsRequest {
                    item_id: scarf,
                    quantity: 1,
                    slip_no: "CK-5001".into(),
                },
            )
            .unwrap();
        }
        let book =
            |s: &RaceShop| s.count("SELECT qty FROM gift_stock WHERE item_id = ?1", [scarf.0]);
        assert_eq!(book(&s), 1);
        let racers = s.open_visits(DESKS);
        let before: Vec<String> = racers.iter().map(|v| visit_rows(&s.shop.db, *v)).collect();
        let barrier = Arc::new(Barrier::new(DESKS));
        let handles: Vec<_> = racers
            .iter()
            .map(|&v| {
                let (dir, barrier, desk) = (s.dir(), barrier.clone(), s.desk.clone());
                let (p100, tier_300) = (s.p100, s.gifts.tier_300);
                std::thread::spawn(move || {
                    let (mut db, _) = Db::open_in_dir(&dir, clock()).unwrap();
                    // ¥298 + ¥100 = ¥398: the ¥300 tier, one scarf.
                    let req = CheckoutRequest {
                        visit_id: v,
                        products: vec![ProductSale {
                            product_id: p100,
                            qty: 1,
                        }],
                        payments: vec![Payment {
                            method: PayMethod::Card,
                            amount: Fen(39_800),
                        }],
                        tendered: Fen(0),
                        belongings_checked: true,
                        stored_value: Fen(0),
                        package_uses: vec![],
                        vouchers: vec![],
                        gifts: Some(GiftIssue {
                            tiers: vec![TierIssue {
                                tier_id: tier_300,
                                items: vec![ItemQty {
                                    item_id: scarf,
                                    quantity: 1,
                                }],
                                vouchers: vec![],
                            }],
                            receipts: 1,
                            seconds: 20,
                        }),
                    };
                    barrier.wait();
                    visits::checkout(&mut db, &desk, req).map(|done| done.id)
                })
            })
            .collect();
        let results: Vec<(VisitId, Result<VisitId, Error>)> = racers
            .iter()
            .zip(handles)
            .map(|(v, h)| (*v, h.join().unwrap()))
            .collect();
        let winners: Vec<VisitId> = results
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok().copied())
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        for (i, (v, r)) in results.iter().enumerate() {
            if *v == winners[0] {
                continue;
            }
            assert!(
                matches!(
                    r,
                    Err(Error::OutOfStock {
                        field: "gifts",
                        available: 0
                    })
                ),
                "round {round}: visit {v:?} got {r:?}"
            );
            assert_eq!(
                visit_rows(&s.shop.db, *v),
                before[i],
                "round {round}: the refused checkout of {v:?} wrote something"
            );
            assert_eq!(
                s.count(
                    "SELECT count(*) FROM visits WHERE id = ?1 AND status = 'open'",
                    [v.0]
                ),
                1,
                "round {round}: {v:?} is still open"
            );
        }
        assert_eq!(book(&s), 0, "round {round}");
        assert_eq!(
            s.count(
                "SELECT count(*) FROM gift_moves WHERE item_id = ?1 AND kind = 'issue'
                 AND visit_id IN (SELECT id FROM visits WHERE id >= ?2)",
                [scarf.0, racers[0].0]
            ),
            1,
            "round {round}: one scarf issued"
        );
        s.check_invariants();
    }
}
