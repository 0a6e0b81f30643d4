//! Durability across a power cut, which the kill -9 test (`crash.rs`) cannot
//! show: a killed process loses nothing the OS already has in its page
//! cache, a power cut loses everything not yet synced to the disk.
//!
//! The app's own `Db::open` runs over the `powercut` VFS
//! (`tests/powercut`), which keeps each file's bytes as of its last sync and
//! the writes since; a cut drops every unsynced write (or keeps a random
//! part of them: the disk wrote some of its cache, in any order). Then:
//! - with the app's `synchronous=FULL`, every commit a command acknowledged
//!   survives the cut, wherever it falls (between commands, or after any
//!   number of writes and syncs: mid-commit, mid-checkpoint), and the file
//!   passes `integrity_check` and the app's own open;
//! - with `synchronous=OFF` or `NORMAL` on the same harness, acknowledged
//!   commits are lost: the harness sees the difference `FULL` makes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};

use frontdesk_core::Db;
use frontdesk_core::clock::{Clock, FixedClock};
use frontdesk_core::membership::{self, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_tests::{MORNING_MS, flow_support, setup_manager};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The VFS is the whole process's: one case at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn open(dir: &Path) -> Db {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(MORNING_MS));
    Db::open_in_dir(dir, clock).unwrap().0
}

/// What a run acknowledged and what of it the file holds after the cut.
struct Run {
    acked: Vec<i64>,
    lost: Vec<i64>,
}

/// Set up a shop, switch to `synchronous` (the app opens with FULL), then
/// top up a card 40 times (each amount its own, so each can be found),
/// checkpointing every seventh; the power goes off after `cut_after` writes
/// and syncs (or after the last top-up), and the disk keeps each unsynced
/// write with probability `keep`.
fn run(synchronous: &str, cut_after: Option<u64>, keep: f64, seed: u64) -> Run {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    frontdesk_powercut::install();
    frontdesk_powercut::reset();
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path());
    let m = setup_manager(&mut db);
    let c = flow_support::customer(&mut db, &m, "李美华", "13812345678");
    db.conn()
        .execute_batch(&format!("PRAGMA synchronous={synchronous};"))
        .unwrap();
    if let Some(n) = cut_after {
        frontdesk_powercut::power_off_after(n);
    }
    let mut acked = Vec::new();
    for i in 0..40 {
        let amount = 1_000 + i;
        let r = membership::top_up(
            &mut db,
            &m,
            TopUpRequest {
                customer_id: c,
                amount: Fen(amount),
                bonus: Fen(0),
                method: PayMethod::Cash,
            },
        );
        match r {
            Ok(_) => acked.push(amount),
            // The power went: nothing answers any more.
            Err(_) => break,
        }
        if i % 7 == 6 {
            let _ = db.conn().execute_batch("PRAGMA wal_checkpoint(PASSIVE);");
        }
    }
    frontdesk_powercut::power_off();
    drop(db);
    let mut rng = StdRng::seed_from_u64(seed);
    frontdesk_powercut::restore_after_cut(&mut || rng.random_bool(keep)).unwrap();

    // The app opens the file as after any restart (its quick_check included).
    let db = open(dir.path());
    let conn = db.conn();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{synchronous}, cut after {cut_after:?}");
    let customers: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(customers, 1, "the shop set up before the top-ups");
    let lost = acked
        .iter()
        .copied()
        .filter(|a| {
            conn.query_row(
                "SELECT count(*) FROM sv_ledger WHERE kind = 'topup' AND amount_fen = ?1",
                [a],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                != 1
        })
        .collect();
    // Whatever survived, the balance is its ledger.
    let off: i64 = conn
        .query_row(
            "SELECT count(*) FROM sv_balances b WHERE b.balance_fen <>
             (SELECT sum(amount_fen) FROM sv_ledger l WHERE l.customer_id = b.customer_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(off, 0, "a balance that is not its ledger");
    Run { acked, lost }
}

#[test]
fn with_synchronous_full_every_acknowledged_commit_survives_a_power_cut() {
    for keep in [0.0, 0.5, 1.0] {
        let r = run("FULL", None, keep, 1);
        assert_eq!(r.acked.len(), 40);
        assert!(r.lost.is_empty(), "keep {keep}: lost {:?}", r.lost);
    }
}

#[test]
fn with_synchronous_full_a_cut_mid_commit_or_mid_checkpoint_loses_nothing_acknowledged() {
    let mut rng = StdRng::seed_from_u64(5);
    let mut cut_mid_run = 0;
    for n in (1..=200).step_by(4) {
        let keep = [0.0, 0.5, 1.0][rng.random_range(0..3)];
        let r = run("FULL", Some(n), keep, rng.random());
        assert!(
            r.lost.is_empty(),
            "cut after {n} writes and syncs, keep {keep}: lost {:?} of {} acknowledged",
            r.lost,
            r.acked.len()
        );
        if r.acked.len() < 40 {
            cut_mid_run += 1;
        }
    }
    assert!(cut_mid_run > 15, "most cuts should fall within the run");
}

#[test]
fn with_synchronous_off_or_normal_acknowledged_commits_are_lost() {
    for synchronous in ["OFF", "NORMAL"] {
        let r = run(synchronous, None, 0.0, 1);
        assert_eq!(r.acked.len(), 40);
        assert!(
            !r.lost.is_empty(),
            "{synchronous}: the harness should lose unsynced commits"
        );
        eprintln!(
            "synchronous={synchronous}: {} of {} acknowledged top-ups lost",
            r.lost.len(),
            r.acked.len()
        );
    }
}
