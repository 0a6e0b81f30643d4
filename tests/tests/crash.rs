//! Invariant 6 under real crashes: a child process loops checkouts paid partly
//! from stored value; it is killed with SIGKILL at random moments, many times.
//! After each kill the file passes `PRAGMA integrity_check`, every checkout the
//! child acknowledged is there, every checkout is whole (its payments and its
//! stored-value spend add up to its total) or absent, and every balance equals
//! its ledger and is not negative.
//!
//! The gift counter likewise: a child loops checkouts that redeem a voucher
//! and are handed the ¥500 tier's cream and a voucher, with a confirmed
//! handover every few; after each kill the gift-book and voucher invariants
//! hold (`frontdesk_tests::gift_invariants`), every acknowledged checkout's
//! gift moves and voucher events and every acknowledged handover are there,
//! and every checkout is whole or absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use frontdesk_core::gifts::stock::{self, ReceiveGiftsRequest};
use frontdesk_core::gifts::vouchers::{self, ReceiveVouchersRequest};
use frontdesk_core::membership::{self, TopUpRequest};
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_core::staff::{self, AddStaffRequest, Role};
use frontdesk_tests::gifts::{counter, uncounted_product};
use frontdesk_tests::{MORNING_MS, TempShop, flow_support, gift_invariants, setup_manager};
use rand::{Rng, SeedableRng};

const CYCLES: usize = 25;

#[test]
fn killing_the_desk_mid_checkout_never_loses_or_half_writes_one() {
    let shop = TempShop::new();
    let dir = shop.dir.path().to_path_buf();
    let mut db = shop.db;
    let m = setup_manager(&mut db);
    flow_support::menu(&mut db, &m);
    flow_support::stylist(&mut db, &m);
    for i in 0..8 {
        let c = flow_support::customer(&mut db, &m, &format!("顾客{i}"), &format!("1390000200{i}"));
        membership::top_up(
            &mut db,
            &m,
            TopUpRequest {
                customer_id: c,
                amount: Fen(10_000_000),
                bonus: Fen(0),
                method: PayMethod::Cash,
            },
        )
        .unwrap();
    }
    drop(db);

    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut acked: HashSet<i64> = HashSet::new();
    for cycle in 0..CYCLES {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crashloop"))
            .arg(&dir)
            .arg(m.staff_id.0.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<i64>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(id) = line.strip_prefix("ACK ") {
                    let _ = tx.send(id.parse().unwrap());
                }
            }
        });
        // Let it run a random while, then pull the plug.
        std::thread::sleep(Duration::from_millis(rng.random_range(80..600)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        let mut this_cycle = 0;
        while let Ok(id) = rx.try_recv() {
            acked.insert(id);
            this_cycle += 1;
        }

        let (db, _) = frontdesk_core::Db::open_in_dir(
            &dir,
            std::sync::Arc::new(frontdesk_core::clock::SystemClock),
        )
        .unwrap();
        let conn = db.conn();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "cycle {cycle}");
        let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        // Every acknowledged checkout is there, checked out.
        for id in &acked {
            let status: String = conn
                .query_row("SELECT status FROM visits WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|e| panic!("acknowledged visit {id} lost: {e}"));
            assert_eq!(status, "checked_out", "visit {id}");
        }
        // Whole or absent: a checked-out visit's payments + stored value = its total;
        // anything else has no money rows at all.
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM visits v WHERE v.status = 'checked_out' AND v.total_fen <>
                 (SELECT COALESCE(SUM(amount_fen), 0) FROM visit_payments p WHERE p.visit_id = v.id)
               - (SELECT COALESCE(SUM(amount_fen), 0) FROM sv_ledger l WHERE l.visit_id = v.id)"
            ),
            0,
            "cycle {cycle}: a checkout that does not add up"
        );
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM visits v WHERE v.status <> 'checked_out' AND (
                 EXISTS (SELECT 1 FROM visit_payments p WHERE p.visit_id = v.id)
                 OR EXISTS (SELECT 1 FROM sv_ledger l WHERE l.visit_id = v.id))"
            ),
            0,
            "cycle {cycle}: money rows of a visit that was not checked out"
        );
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM sv_balances b WHERE b.balance_fen < 0 OR b.balance_fen <>
                 (SELECT SUM(amount_fen) FROM sv_ledger l WHERE l.customer_id = b.customer_id)"
            ),
            0,
            "cycle {cycle}: a balance that is not its ledger"
        );
        eprintln!(
            "cycle {cycle}: {this_cycle} acknowledged, {} in all",
            acked.len()
        );
    }
    assert!(
        acked.len() >= CYCLES,
        "the child should get some checkouts done between kills ({} in all)",
        acked.len()
    );
}

const GIFT_CYCLES: usize = 12;

/// Run `child` for `ms` milliseconds, kill it with SIGKILL, and return the
/// lines it printed (each printed only after what it tells had committed).
fn run_and_kill(child: &mut Command, ms: u64) -> Vec<String> {
    let mut child = child
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<String>>()
    });
    std::thread::sleep(Duration::from_millis(ms));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    reader.join().unwrap()
}

#[test]
fn killing_the_gift_counter_mid_checkout_or_handover_never_loses_or_half_writes_one() {
    let shop = TempShop::new();
    let dir = shop.dir.path().to_path_buf();
    let mut db = shop.db;
    let m = setup_manager(&mut db);
    flow_support::menu(&mut db, &m);
    flow_support::stylist(&mut db, &m);
    staff::add_staff(
        &mut db,
        &m,
        AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .unwrap();
    let gifts = counter(&mut db, &m);
    // Enough creams and vouchers in the drawer for every checkout the child gets done.
    stock::receive_gifts(
        &mut db,
        &m,
        ReceiveGiftsRequest {
            item_id: gifts.cream,
            quantity: 10_000,
            slip_no: "CK-7001".into(),
        },
    )
    .unwrap();
    vouchers::receive_vouchers(
        &mut db,
        &m,
        ReceiveVouchersRequest {
            voucher_type_id: gifts.voucher_type,
            first_serial: "A000201".into(),
            last_serial: "A003200".into(),
            slip_no: "CK-7002".into(),
            missing: vec![],
        },
    )
    .unwrap();
    let p100 = uncounted_product(&mut db, &m, "精华小样", 10_000);
    for i in 0..8 {
        flow_support::customer(&mut db, &m, &format!("顾客{i}"), &format!("1390000300{i}"));
    }
    drop(db);
    let counter_json = serde_json::to_string(&gifts).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    // Acknowledged: (visit, serial handed over, serial redeemed), (handover, number).
    let mut checkouts: Vec<(i64, String, Option<String>)> = Vec::new();
    let mut handovers: Vec<(i64, String)> = Vec::new();
    for cycle in 0..GIFT_CYCLES {
        // Each run starts two minutes after the last, on the same business day.
        let start = MORNING_MS + cycle as i64 * 120_000;
        let lines = run_and_kill(
            Command::new(env!("CARGO_BIN_EXE_crashloop"))
                .arg("gifts")
                .arg(&dir)
                .arg(m.staff_id.0.to_string())
                .arg(start.to_string())
                .arg(&counter_json)
                .arg(p100.0.to_string())
                .arg("2001")
                .arg("2001"),
            rng.random_range(150..700),
        );
        let before = (checkouts.len(), handovers.len());
        for line in &lines {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["ACK", v, hand, redeemed] => checkouts.push((
                    v.parse().unwrap(),
                    hand.to_string(),
                    (*redeemed != "-").then(|| redeemed.to_string()),
                )),
                ["HANDOVER", id, no] => handovers.push((id.parse().unwrap(), no.to_string())),
                _ => panic!("cycle {cycle}: the child printed {line:?}"),
            }
        }

        let clock = std::sync::Arc::new(frontdesk_core::clock::FixedClock::at(start));
        let (mut db, _) = frontdesk_core::Db::open_in_dir(&dir, clock).unwrap();
        let ok: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "cycle {cycle}");
        let split = gift_invariants::split_day(today, rng.random());
        if let Err(e) = gift_invariants::check(&mut db, &m, today, split) {
            panic!("cycle {cycle}: {e}");
        }
        let conn = db.conn();
        let n = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
            conn.query_row(sql, p, |r| r.get(0)).unwrap()
        };
        // Every acknowledged checkout is there with its gift and vouchers.
        for (v, hand, redeemed) in &checkouts {
            assert_eq!(
                n(
                    "SELECT count(*) FROM visits WHERE id = ?1 AND status = 'checked_out'",
                    &[v]
                ),
                1,
                "cycle {cycle}: acknowledged visit {v} lost"
            );
            assert_eq!(
                n(
                    "SELECT count(*) FROM gift_moves WHERE visit_id = ?1 AND kind = 'issue'
                     AND item_id = ?2 AND qty = -1",
                    &[v, &gifts.cream.0]
                ),
                1,
                "cycle {cycle}: the cream of visit {v}"
            );
            assert_eq!(
                n(
                    "SELECT count(*) FROM voucher_events WHERE visit_id = ?1 AND kind = 'issue'
                     AND serial = ?2",
                    &[v, hand]
                ),
                1,
                "cycle {cycle}: {hand} handed over on visit {v}"
            );
            if let Some(r) = redeemed {
                assert_eq!(
                    n(
                        "SELECT count(*) FROM voucher_events WHERE visit_id = ?1
                         AND kind = 'redeem' AND serial = ?2 AND amount_fen = 5000",
                        &[v, r]
                    ),
                    1,
                    "cycle {cycle}: {r} redeemed on visit {v}"
                );
            }
        }
        // Every acknowledged handover is there, confirmed, numbered as told.
        for (id, no) in &handovers {
            assert_eq!(
                n(
                    "SELECT count(*) FROM handovers WHERE id = ?1 AND state = 'confirmed'
                     AND no = ?2 AND incoming_id IS NOT NULL",
                    &[id, no]
                ),
                1,
                "cycle {cycle}: acknowledged handover {id} {no} lost"
            );
        }
        // Whole or absent: gifts and vouchers only on checked-out visits; each
        // of those has its cream and voucher, and its payments and redeemed
        // vouchers add up to its total; every confirmed handover counted
        // lines, and at most one count waits for confirmation.
        assert_eq!(
            n(
                "SELECT (SELECT count(*) FROM gift_moves g JOIN visits v ON v.id = g.visit_id
                         WHERE v.status <> 'checked_out')
                      + (SELECT count(*) FROM voucher_events e JOIN visits v ON v.id = e.visit_id
                         WHERE v.status <> 'checked_out')",
                &[]
            ),
            0,
            "cycle {cycle}: gift rows of a visit that was not checked out"
        );
        assert_eq!(
            n(
                "SELECT count(*) FROM visits v WHERE v.status = 'checked_out' AND (
                     (SELECT count(*) FROM gift_moves g WHERE g.visit_id = v.id AND g.kind = 'issue') <> 1
                  OR (SELECT count(*) FROM voucher_events e WHERE e.visit_id = v.id AND e.kind = 'issue') <> 1
                  OR v.total_fen <>
                     (SELECT coalesce(sum(amount_fen), 0) FROM visit_payments p WHERE p.visit_id = v.id)
                   + (SELECT coalesce(sum(amount_fen), 0) FROM voucher_events e
                      WHERE e.visit_id = v.id AND e.kind = 'redeem'))",
                &[]
            ),
            0,
            "cycle {cycle}: a checkout that is not whole"
        );
        assert_eq!(
            n(
                "SELECT count(*) FROM handovers h WHERE h.state = 'confirmed'
                 AND NOT EXISTS (SELECT 1 FROM handover_lines l WHERE l.handover_id = h.id)",
                &[]
            ),
            0,
            "cycle {cycle}: a confirmed handover without its lines"
        );
        assert!(
            n(
                "SELECT count(*) FROM handovers WHERE state = 'counted'",
                &[]
            ) <= 1,
            "cycle {cycle}: two counts waiting"
        );
        eprintln!(
            "cycle {cycle}: {} checkouts and {} handovers acknowledged ({} and {} in all)",
            checkouts.len() - before.0,
            handovers.len() - before.1,
            checkouts.len(),
            handovers.len()
        );
    }
    assert!(
        checkouts.len() >= GIFT_CYCLES && !handovers.is_empty(),
        "the child should get checkouts and handovers done between kills \
         ({} checkouts, {} handovers)",
        checkouts.len(),
        handovers.len()
    );
    assert!(
        checkouts.iter().any(|(_, _, r)| r.is_some()),
        "some checkouts redeemed a voucher"
    );
}
