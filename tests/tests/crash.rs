//! Invariant 6 under real crashes: a child process loops checkouts paid partly
//! from stored value; it is killed with SIGKILL at random moments, many times.
//! After each kill the file passes `PRAGMA integrity_check`, every checkout the
//! child acknowledged is there, every checkout is whole (its payments and its
//! stored-value spend add up to its total) or absent, and every balance equals
//! its ledger and is not negative.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use frontdesk_core::membership::{self, TopUpRequest};
use frontdesk_core::money::Fen;
use frontdesk_core::money::PayMethod;
use frontdesk_tests::{TempShop, flow_support, setup_manager};
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
