//! Crash safety: a child process (`crashloop`) runs one kind of write in a
//! loop and is killed with SIGKILL at random moments, many times; after each
//! kill the file is opened as the app would open it and must pass
//! `PRAGMA integrity_check`, hold every write the child acknowledged (it
//! prints a line only after the commit returned), hold every write whole or
//! not at all, and keep the ledgers' invariants. One prepared shop per kind
//! of write, reused across its cycles:
//!
//! - money: checkouts paid partly from stored value and with package
//!   sessions, top-ups, voids, packages sold; balances = ledger sums ≥ 0,
//!   package sessions = sold + uses ≥ 0;
//! - gifts: checkouts that redeem a voucher and are handed a gift and a
//!   voucher, and counted-and-confirmed handovers; the gift-book and voucher
//!   invariants (`frontdesk_tests::gift_invariants`: book = ledger ≥ 0, each
//!   serial redeemed at most once);
//! - imports: customer imports of a few hundred rows, each one transaction:
//!   after a kill, all of a file's rows or none, each with its search index.
//! - backups: a backup with its copy to a second folder after each checkout;
//!   every acknowledged backup is listed, whole and checked.
//!
//! What this proves is atomicity against a killed process: SQLite's WAL
//! commit is atomic, and the OS keeps what the process wrote in its page
//! cache. It does not prove durability across a power cut; see
//! `power_loss.rs` and "Crash safety" in docs/ARCHITECTURE.md.
//!
//! `FRONTDESK_CRASH_CYCLES` sets the kill cycles across the three loops
//! (default 200: 40% money, 30% gifts, 30% imports, and 10% more for
//! backups); the long run:
//! `FRONTDESK_CRASH_CYCLES=10000 cargo nextest run -p frontdesk-tests --test crash`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use frontdesk_core::gifts::stock::{self, ReceiveGiftsRequest};
use frontdesk_core::gifts::vouchers::{self, ReceiveVouchersRequest};
use frontdesk_core::membership::{self, TopUpRequest};
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_core::staff::{self, AddStaffRequest, Role};
use frontdesk_tests::gifts::{counter, uncounted_product};
use frontdesk_tests::{
    MORNING_MS, TempShop, flow_support, gift_invariants, import_phone, setup_manager,
};
use rand::{Rng, SeedableRng};

/// The kill cycles of a loop that takes `percent` of them.
fn cycles(percent: usize) -> usize {
    let total: usize = std::env::var("FRONTDESK_CRASH_CYCLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    (total * percent / 100).max(1)
}

/// Milliseconds between the starts of two runs on the child's clock: the
/// runs stay in order on one business day (09:00 to 17:00 at most).
fn clock_step(cycles: usize) -> i64 {
    (8 * 3_600_000 / cycles as i64).clamp(5_000, 120_000)
}

/// How long a child runs before it is killed.
fn lifetime(rng: &mut rand::rngs::StdRng) -> u64 {
    rng.random_range(30..300)
}

/// Open the file after a kill, as the app does, on the child's clock, and
/// check it passes `PRAGMA integrity_check`.
fn reopen(dir: &std::path::Path, at: i64, cycle: usize) -> frontdesk_core::Db {
    let clock = std::sync::Arc::new(frontdesk_core::clock::FixedClock::at(at));
    let (db, _) = frontdesk_core::Db::open_in_dir(dir, clock).unwrap();
    let ok: String = db
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "cycle {cycle}");
    db
}

#[test]
fn killing_the_desk_mid_checkout_top_up_void_or_package_sale_never_loses_or_half_writes_one() {
    let shop = TempShop::new();
    let dir = shop.dir.path().to_path_buf();
    let mut db = shop.db;
    let m = setup_manager(&mut db);
    let (service, _, _) = flow_support::menu(&mut db, &m);
    flow_support::stylist(&mut db, &m);
    let p100 = uncounted_product(&mut db, &m, "精华小样", 10_000);
    for i in 0..8 {
        let c = flow_support::customer(&mut db, &m, &format!("顾客{i}"), &format!("1390000200{i}"));
        membership::top_up(
            &mut db,
            &m,
            TopUpRequest {
                customer_id: c,
                amount: Fen(200_000),
                bonus: Fen(0),
                method: PayMethod::Cash,
            },
        )
        .unwrap();
        membership::sell_package(
            &mut db,
            &m,
            membership::SellPackageRequest {
                customer_id: c,
                service_id: service,
                sessions: 10,
                price: Fen(200_000),
                method: membership::PackagePayment::Card,
                expires_on: None,
            },
        )
        .unwrap();
    }
    drop(db);

    let cycles = cycles(40);
    let step = clock_step(cycles);
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    // Acknowledged: checkouts (visit, fen from balance, package), voids,
    // top-ups (ledger id, customer, fen), packages (id, customer).
    let mut checkouts: Vec<(i64, i64, Option<i64>)> = Vec::new();
    let mut voids: HashSet<i64> = HashSet::new();
    let mut top_ups: Vec<(i64, i64, i64)> = Vec::new();
    let mut packages: Vec<(i64, i64)> = Vec::new();
    for cycle in 0..cycles {
        let start = MORNING_MS + cycle as i64 * step;
        let lines = run_and_kill(
            Command::new(env!("CARGO_BIN_EXE_crashloop"))
                .arg("money")
                .arg(&dir)
                .arg(m.staff_id.0.to_string())
                .arg(start.to_string())
                .arg(p100.0.to_string()),
            lifetime(&mut rng),
        );
        let before = checkouts.len();
        for line in &lines {
            let w: Vec<&str> = line.split(' ').collect();
            let n = |i: usize| -> i64 { w[i].parse().unwrap() };
            match w[0] {
                "CHECKOUT" => checkouts.push((n(1), n(2), (w[3] != "-").then(|| n(3)))),
                "VOID" => {
                    voids.insert(n(1));
                }
                "TOPUP" => top_ups.push((n(1), n(2), n(3))),
                "PACKAGE" => packages.push((n(1), n(2))),
                _ => panic!("cycle {cycle}: the child printed {line:?}"),
            }
        }

        let db = reopen(&dir, start, cycle);
        let conn = db.conn();
        let q = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
            conn.query_row(sql, p, |r| r.get(0)).unwrap()
        };
        // Every acknowledged write is there, as it was acknowledged.
        for (v, from_balance, package) in &checkouts {
            let status: String = conn
                .query_row("SELECT status FROM visits WHERE id = ?1", [v], |r| r.get(0))
                .unwrap_or_else(|e| panic!("cycle {cycle}: acknowledged visit {v} lost: {e}"));
            let want: &[&str] = if voids.contains(v) {
                &["voided"]
            } else {
                // Voided after its checkout, and killed before saying so.
                &["checked_out", "voided"]
            };
            assert!(
                want.contains(&status.as_str()),
                "cycle {cycle}: visit {v} is {status}"
            );
            assert_eq!(
                q(
                    "SELECT count(*) FROM sv_ledger WHERE visit_id = ?1 AND kind = 'spend'
                     AND amount_fen = -?2",
                    &[v, from_balance]
                ),
                i64::from(*from_balance > 0),
                "cycle {cycle}: the stored value visit {v} spent"
            );
            if let Some(p) = package {
                assert_eq!(
                    q(
                        "SELECT count(*) FROM package_uses WHERE visit_id = ?1
                         AND package_id = ?2 AND delta = -1",
                        &[v, p]
                    ),
                    1,
                    "cycle {cycle}: the session visit {v} used"
                );
            }
        }
        for (id, customer, amount) in &top_ups {
            assert_eq!(
                q(
                    "SELECT count(*) FROM sv_ledger WHERE id = ?1 AND customer_id = ?2
                     AND kind = 'topup' AND amount_fen = ?3",
                    &[id, customer, amount]
                ),
                1,
                "cycle {cycle}: acknowledged top-up {id} lost"
            );
        }
        for (id, customer) in &packages {
            assert_eq!(
                q(
                    "SELECT count(*) FROM packages WHERE id = ?1 AND customer_id = ?2
                     AND sessions_total = 3",
                    &[id, customer]
                ),
                1,
                "cycle {cycle}: acknowledged package {id} lost"
            );
        }
        // Whole or absent: a checked-out visit's payments + stored value =
        // its total; a voided one's stored value and sessions are given
        // back in full; any other visit has no money rows at all.
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM visits v WHERE v.status = 'checked_out' AND v.total_fen <>
                 (SELECT COALESCE(SUM(amount_fen), 0) FROM visit_payments p WHERE p.visit_id = v.id)
               - (SELECT COALESCE(SUM(amount_fen), 0) FROM sv_ledger l WHERE l.visit_id = v.id)",
                &[]
            ),
            0,
            "cycle {cycle}: a checkout that does not add up"
        );
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM visits v WHERE v.status = 'voided' AND (
                    (SELECT COALESCE(SUM(amount_fen), 0) FROM sv_ledger l WHERE l.visit_id = v.id) <> 0
                 OR (SELECT COALESCE(SUM(delta), 0) FROM package_uses u WHERE u.visit_id = v.id) <> 0)",
                &[]
            ),
            0,
            "cycle {cycle}: a void that did not give everything back"
        );
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM visits v WHERE v.status NOT IN ('checked_out', 'voided') AND (
                 EXISTS (SELECT 1 FROM visit_payments p WHERE p.visit_id = v.id)
                 OR EXISTS (SELECT 1 FROM sv_ledger l WHERE l.visit_id = v.id)
                 OR EXISTS (SELECT 1 FROM package_uses u WHERE u.visit_id = v.id))",
                &[]
            ),
            0,
            "cycle {cycle}: money rows of a visit that was not checked out"
        );
        // The ledgers: every balance is its ledger and not negative; every
        // package's sessions are those sold plus its uses, not negative.
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM sv_balances b WHERE b.balance_fen < 0 OR b.balance_fen <>
                 (SELECT SUM(amount_fen) FROM sv_ledger l WHERE l.customer_id = b.customer_id)",
                &[]
            ),
            0,
            "cycle {cycle}: a balance that is not its ledger"
        );
        assert_eq!(
            q(
                "SELECT COUNT(*) FROM packages p WHERE p.sessions_left < 0 OR p.sessions_left <>
                 p.sessions_total + (SELECT COALESCE(SUM(delta), 0) FROM package_uses u
                                     WHERE u.package_id = p.id)",
                &[]
            ),
            0,
            "cycle {cycle}: a package whose sessions are not its uses"
        );
        eprintln!(
            "cycle {cycle}: {} checkouts acknowledged, {} in all",
            checkouts.len() - before,
            checkouts.len()
        );
    }
    assert!(
        checkouts.len() >= cycles / 2
            && !voids.is_empty()
            && !top_ups.is_empty()
            && !packages.is_empty()
            && checkouts.iter().any(|c| c.2.is_some()),
        "the child should get every kind of write done between kills \
         ({} checkouts, {} voids, {} top-ups, {} packages)",
        checkouts.len(),
        voids.len(),
        top_ups.len(),
        packages.len()
    );
}

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
    let cycles = cycles(30);
    // Enough creams and vouchers in the drawer for every checkout the child
    // gets done (a few per cycle), received in batches of 10,000 at most.
    let needed = (cycles as i64 * 20).max(3_000);
    for (k, first) in (0..needed).step_by(10_000).enumerate() {
        let n = (needed - first).min(10_000);
        stock::receive_gifts(
            &mut db,
            &m,
            ReceiveGiftsRequest {
                item_id: gifts.cream,
                quantity: n,
                slip_no: format!("CK-7{k:03}"),
            },
        )
        .unwrap();
        vouchers::receive_vouchers(
            &mut db,
            &m,
            ReceiveVouchersRequest {
                voucher_type_id: gifts.voucher_type,
                first_serial: format!("A{:06}", 201 + first),
                last_serial: format!("A{:06}", 200 + first + n),
                slip_no: format!("CK-8{k:03}"),
                missing: vec![],
            },
        )
        .unwrap();
    }
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
    let step = clock_step(cycles);
    for cycle in 0..cycles {
        // Each run starts a while after the last, on the same business day.
        let start = MORNING_MS + cycle as i64 * step;
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
            lifetime(&mut rng),
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

        let mut db = reopen(&dir, start, cycle);
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
        checkouts.len() >= cycles / 2 && !handovers.is_empty(),
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

/// Rows in each file the import loop imports (crashloop's `IMPORT_ROWS`).
const IMPORT_ROWS: i64 = 250;

#[test]
fn killing_the_desk_mid_import_leaves_all_of_a_file_or_none() {
    let template = TempShop::new();
    let mut db = template.db;
    let m = setup_manager(&mut db);
    flow_support::menu(&mut db, &m);
    flow_support::stylist(&mut db, &m);
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(db);
    let prepared = std::fs::read(template.dir.path().join("frontdesk.db")).unwrap();

    let cycles = cycles(30);
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let mut acked_in_all = 0usize;
    // A fresh copy of the prepared shop every 100 cycles, so that a long run
    // does not grow one file to millions of customers.
    let mut shop: Option<tempfile::TempDir> = None;
    let mut acked: Vec<u64> = Vec::new();
    // Files are imported in order: the next is the number of files there.
    let mut next = 0;
    for cycle in 0..cycles {
        if cycle % 100 == 0 {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("frontdesk.db"), &prepared).unwrap();
            shop = Some(dir);
            acked.clear();
            next = 0;
        }
        let dir = shop.as_ref().unwrap().path();
        let lines = run_and_kill(
            Command::new(env!("CARGO_BIN_EXE_crashloop"))
                .arg("import")
                .arg(dir)
                .arg(m.staff_id.0.to_string())
                .arg(next.to_string()),
            lifetime(&mut rng) * 2,
        );
        for line in &lines {
            match line.strip_prefix("IMPORT ") {
                Some(b) => acked.push(b.parse().unwrap()),
                None => panic!("cycle {cycle}: the child printed {line:?}"),
            }
        }
        acked_in_all += lines.len();

        let db = reopen(dir, MORNING_MS, cycle);
        let conn = db.conn();
        let q = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
            conn.query_row(sql, p, |r| r.get(0)).unwrap()
        };
        // Every acknowledged file is there in full.
        for b in &acked {
            let prefix = &import_phone(*b, 0)[..6];
            assert_eq!(
                q(
                    "SELECT count(*) FROM customers WHERE substr(phone, 1, 6) = ?1",
                    &[&prefix]
                ),
                IMPORT_ROWS,
                "cycle {cycle}: acknowledged import {b}"
            );
        }
        // All of a file or none: every batch there has all its rows, and
        // every customer her search index.
        let mut stmt = conn
            .prepare("SELECT substr(phone, 1, 6), count(*) FROM customers GROUP BY 1")
            .unwrap();
        let batches: HashMap<String, i64> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (prefix, n) in &batches {
            assert_eq!(*n, IMPORT_ROWS, "cycle {cycle}: half of file {prefix}");
        }
        assert_eq!(
            q(
                "SELECT count(*) FROM customers
                 WHERE id NOT IN (SELECT customer_id FROM customer_search)",
                &[]
            ),
            0,
            "cycle {cycle}: a customer missing from the search index"
        );
        next = batches.len();
        eprintln!(
            "cycle {cycle}: {} imports acknowledged, {} files in the shop",
            lines.len(),
            batches.len()
        );
    }
    assert!(
        acked_in_all >= cycles / 4,
        "the child should get some imports done between kills ({acked_in_all} in all)"
    );
}

/// Backups taken in a loop while the desk checks out, killed at random
/// moments (crashloop's `backups` mode): after each kill the live file is
/// whole; every backup the child acknowledged is listed, in both folders,
/// matches its checksum, passes `integrity_check` and holds every checkout
/// acknowledged before it; no file under a backup's name fails its check
/// (a half-made copy keeps its `.partial` name and is never listed).
#[test]
fn killing_a_backup_never_leaves_a_half_written_one() {
    let cycles = cycles(10);
    let shop = TempShop::new();
    let dir = shop.dir.path().to_path_buf();
    let mut db = shop.db;
    let m = setup_manager(&mut db);
    flow_support::menu(&mut db, &m);
    flow_support::stylist(&mut db, &m);
    for i in 0..4 {
        flow_support::customer(&mut db, &m, &format!("顾客{i}"), &format!("1390000300{i}"));
    }
    drop(db);
    let mirror = tempfile::tempdir().unwrap();
    let live = dir.join(frontdesk_core::storage::DB_FILE_NAME);
    let backups = frontdesk_core::backup::dir_of(&live);
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut acked: Vec<i64> = Vec::new();
    let mut taken: Vec<(String, usize)> = Vec::new();
    for cycle in 0..cycles {
        let lines = run_and_kill(
            Command::new(env!("CARGO_BIN_EXE_crashloop"))
                .arg("backups")
                .arg(&dir)
                .arg(m.staff_id.0.to_string())
                .arg(mirror.path()),
            rng.random_range(30..400),
        );
        for line in &lines {
            if let Some(id) = line.strip_prefix("ACK ") {
                acked.push(id.parse().unwrap());
            } else if let Some(file) = line.strip_prefix("BACKUP ") {
                taken.push((file.to_string(), acked.len()));
            }
        }
        let (db, _) = frontdesk_core::Db::open_in_dir(
            &dir,
            std::sync::Arc::new(frontdesk_core::clock::SystemClock),
        )
        .unwrap();
        let ok: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "cycle {cycle}: the live file");
        drop(db);
        for folder in [backups.as_path(), mirror.path()] {
            let listed = frontdesk_core::backup::list(folder).unwrap();
            // Every file under a backup's name passes its check.
            // (A child killed before its first backup has made no folder yet.)
            let entries = std::fs::read_dir(folder).into_iter().flatten();
            for entry in entries {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "db") {
                    let conn = rusqlite::Connection::open_with_flags(
                        &path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                    )
                    .unwrap();
                    let ok: String = conn
                        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    assert_eq!(ok, "ok", "cycle {cycle}: {}", path.display());
                }
            }
            // Every acknowledged backup the rotation keeps is listed, whole,
            // with every checkout acknowledged before it.
            for info in &listed {
                let path = folder.join(&info.file);
                let bytes = std::fs::read(&path).unwrap();
                use sha2::Digest;
                assert_eq!(
                    hex::encode(sha2::Sha256::digest(&bytes)),
                    info.sha256,
                    "cycle {cycle}: {}",
                    info.file
                );
                if let Some((_, before)) = taken.iter().find(|(f, _)| *f == info.file) {
                    let conn = rusqlite::Connection::open_with_flags(
                        &path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                    )
                    .unwrap();
                    for id in &acked[..*before] {
                        let status: String = conn
                            .query_row("SELECT status FROM visits WHERE id = ?1", [id], |r| {
                                r.get(0)
                            })
                            .unwrap_or_else(|e| panic!("{}: visit {id}: {e}", info.file));
                        assert_eq!(status, "checked_out");
                    }
                }
            }
            if folder == backups.as_path() {
                let names: HashSet<&str> = listed.iter().map(|b| b.file.as_str()).collect();
                for (file, _) in taken
                    .iter()
                    .rev()
                    // The newest acknowledged ones: unacknowledged backups
                    // (killed before the line was read) count among the
                    // rotation's 48 newest too.
                    .take(5)
                {
                    assert!(
                        names.contains(file.as_str()),
                        "cycle {cycle}: {file} acknowledged, not listed; on disk: {:?}",
                        std::fs::read_dir(folder)
                            .unwrap()
                            .map(|e| e.unwrap().file_name())
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        eprintln!(
            "cycle {cycle}: {} checkouts, {} backups acknowledged",
            acked.len(),
            taken.len()
        );
    }
    assert!(
        !taken.is_empty(),
        "the child should finish some backups between kills"
    );
}
