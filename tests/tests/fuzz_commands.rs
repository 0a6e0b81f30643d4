//! Every command of the table, fuzzed: random and malformed requests through
//! the same JSON decoding the shell uses (`api::call` decodes with
//! `serde_json::from_value`, as the Tauri shell does with the `req` it is
//! sent), against a populated shop (`command_fixture`: staff of every role,
//! customers, members with balances and packages, a visit at each stage and
//! a checked-out one, gifts and vouchers in stock, a confirmed handover,
//! appointments, follow-ups, a complaint).
//!
//! For each core command, one test, generated from the table (a new command
//! is fuzzed without anyone remembering to; it fails until
//! `command_fixture::sample` has a request for it). The cases are the sample
//! request mutated (fields removed, wrong JSON types, null, huge and negative
//! numbers, floats for fen, 100k-character strings, NUL, right-to-left
//! marks, emoji, combining marks, empty and long arrays, nested junk, extra
//! fields) and wholly random JSON, most as the manager, some as a
//! receptionist. Each case must:
//! - not panic;
//! - when refused, leave the file exactly as it was (a refused command writes
//!   nothing): checked with the connection's change counter on every case and
//!   with a whole-file snapshot whenever the counter moved, and on every
//!   eighth refusal regardless. Every case starts from the same shop: after
//!   a case that changed it, the file is put back as it was;
//! - when refused, say why in a kind of its own (`Invalid{field}`,
//!   `NotFound`, `Forbidden`, …), never a storage, JSON, I/O or internal
//!   error.
//!
//! `FRONTDESK_FUZZ_CASES` sets the cases per command (default 100);
//! `FRONTDESK_FUZZ_SEED` changes the seed (default 1). A long run:
//! `FRONTDESK_FUZZ_CASES=20000 cargo nextest run -p frontdesk-tests --test fuzz_commands`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use frontdesk_core::api::{self, Runs};
use frontdesk_core::membership::{self, PackagePayment, SellPackageRequest, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::Role;
use frontdesk_core::{Db, Error};
use frontdesk_tests::command_fixture::{Fixture, sample, shop};
use frontdesk_tests::snapshot;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

fn cases() -> usize {
    std::env::var("FRONTDESK_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100)
}

fn seed(command: &str) -> u64 {
    let base: u64 = std::env::var("FRONTDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    // FNV-1a of the name: each command its own stream, stable across runs.
    command.bytes().fold(0xcbf2_9ce4_8422_2325 ^ base, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Members with money on the fuzzed shop: a balance for two of the flow's
/// customers, and a package of the menu's service for one.
fn members(db: &mut Db, f: &Fixture) {
    let m = f.session(Role::Manager);
    for c in [f.flow_customers[1], f.flow_customers[2], f.customer] {
        membership::top_up(
            db,
            &m,
            TopUpRequest {
                customer_id: c,
                amount: Fen(200_000),
                bonus: Fen(20_000),
                method: PayMethod::Cash,
            },
        )
        .unwrap();
    }
    for c in [f.flow_customers[1], f.customer] {
        membership::sell_package(
            db,
            &m,
            SellPackageRequest {
                customer_id: c,
                service_id: f.service,
                sessions: 5,
                price: Fen(100_000),
                method: PackagePayment::Card,
                expires_on: Some("2027-11-30".into()),
            },
        )
        .unwrap();
    }
}

/// Strings that have broken programs before.
fn nasty_string(rng: &mut StdRng) -> String {
    let long = |s: &str, n: usize| s.repeat(n);
    match rng.random_range(0..30) {
        0 => String::new(),
        1 => " ".into(),
        2 => "\0".into(),
        3 => "a\0b".into(),
        4 => long("a", 100_000),
        5 => long("汉", 100_000),
        6 => "\u{202E}لا\u{202C}abc".into(),
        7 => "👩‍👩‍👧‍👦🧴💇‍♀️".into(),
        8 => "\u{FFFF}\u{FFFE}\u{10FFFF}".into(),
        9 => "e\u{0301}\u{0301}\u{0301}\u{0336}".into(),
        10 => "１３８１２３４５６７８".into(),
        11 => "13812345678".into(),
        12 => "2026-02-30".into(),
        13 => "2026-11-23".into(),
        14 => "9999-12-31".into(),
        15 => "0000-01-01".into(),
        16 => "-1".into(),
        17 => "1e999".into(),
        18 => "NaN".into(),
        19 => "'; DROP TABLE customers; --".into(),
        20 => "%_\\".into(),
        21 => "A000150".into(),
        22 => "=1+1".into(),
        23 => "\r\n\t\u{3000}".into(),
        24 => "99999999999999999999".into(),
        25 => "12.345".into(),
        26 => "¥1,234.50".into(),
        27 => long("x", rng.random_range(1..2_000)),
        28 => "2026-11".into(),
        _ => "Asia/Shanghai".into(),
    }
}

/// Numbers at the edges: of i64 and u64, of fen, of ids near real ones.
fn nasty_number(rng: &mut StdRng) -> Value {
    match rng.random_range(0..16) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1),
        3 => json!(i64::MAX),
        4 => json!(i64::MIN),
        5 => json!(u64::MAX),
        6 => json!(i64::MAX - 1),
        7 => json!(i64::from(i32::MAX) + 1),
        8 => json!(0.5),
        9 => json!(-0.0),
        10 => json!(1e308),
        11 => json!(9_007_199_254_740_993_u64),
        12 => json!(100_000_000_000_i64),
        13 => json!(29_800.01),
        14 => json!(rng.random_range(-3..64)),
        _ => json!(rng.random_range(i64::MIN..i64::MAX)),
    }
}

/// Any JSON at all, at most `depth` deep.
fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    let pick = if depth == 0 {
        rng.random_range(0..5)
    } else {
        rng.random_range(0..8)
    };
    match pick {
        0 => Value::Null,
        1 => json!(rng.random_bool(0.5)),
        2 => nasty_number(rng),
        3 => json!(nasty_string(rng)),
        4 => json!(rng.random_range(0..40)),
        5 | 6 => {
            let n = rng.random_range(0..5);
            Value::Array((0..n).map(|_| random_value(rng, depth - 1)).collect())
        }
        _ => {
            let keys = [
                "id",
                "visit_id",
                "customer_id",
                "name",
                "amount",
                "kind",
                "items",
                "from",
                "to",
                "query",
                "serial",
                "x",
            ];
            let n = rng.random_range(0..5);
            Value::Object(
                (0..n)
                    .map(|_| {
                        (
                            keys[rng.random_range(0..keys.len())].to_string(),
                            random_value(rng, depth - 1),
                        )
                    })
                    .collect(),
            )
        }
    }
}

/// A path into a JSON value: object keys and array indices.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// One structural change somewhere in `v`.
fn mutate(rng: &mut StdRng, v: &mut Value) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = all[rng.random_range(0..all.len())].clone();
    // Remove a field outright (its parent is an object).
    if let Some(Step::Key(k)) = path.last()
        && rng.random_bool(0.2)
    {
        if let Value::Object(m) = at(v, &path[..path.len() - 1]) {
            m.remove(k);
        }
        return;
    }
    let node = at(v, &path);
    let replaced = match (rng.random_range(0..8), &*node) {
        // Something of another type, or junk.
        (0, _) => random_value(rng, 3),
        (1, _) => match rng.random_range(0..6) {
            0 => Value::Null,
            1 => json!([]),
            2 => json!({}),
            3 => json!(nasty_string(rng)),
            4 => nasty_number(rng),
            _ => (0..40).fold(json!(1), |v, _| json!([v])),
        },
        // Something of the same type, at its edges.
        (_, Value::Number(_)) => nasty_number(rng),
        (_, Value::String(s)) => match rng.random_range(0..4) {
            0 => json!(format!("{s}{}", nasty_string(rng))),
            1 => json!(s.to_uppercase()),
            2 => json!(
                s.chars()
                    .take(rng.random_range(0..=s.chars().count()))
                    .collect::<String>()
            ),
            _ => json!(nasty_string(rng)),
        },
        (_, Value::Bool(b)) => json!(!b),
        (_, Value::Array(a)) => match rng.random_range(0..4) {
            0 => json!([]),
            1 if !a.is_empty() => {
                // The same entry many times over.
                let n = rng.random_range(2..1_000);
                Value::Array(std::iter::repeat_n(a[0].clone(), n).collect())
            }
            _ => {
                let mut a = a.clone();
                a.push(random_value(rng, 2));
                Value::Array(a)
            }
        },
        (_, Value::Object(m)) => {
            let mut m: Map<String, Value> = m.clone();
            match rng.random_range(0..3) {
                0 => {
                    m.insert("unexpected_field".into(), random_value(rng, 2));
                }
                1 => m.clear(),
                _ => {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    if !keys.is_empty() {
                        m.remove(&keys[rng.random_range(0..keys.len())]);
                    }
                }
            }
            Value::Object(m)
        }
        (_, Value::Null) => random_value(rng, 2),
    };
    *node = replaced;
}

/// A request for one case: the sample as it is (now and then), mutated once
/// to a few times, or wholly random.
fn payload(rng: &mut StdRng, sample: &Value) -> Value {
    match rng.random_range(0..20) {
        0 => sample.clone(),
        1 | 2 => random_value(rng, 4),
        _ => {
            let mut v = sample.clone();
            for _ in 0..rng.random_range(1..3) {
                mutate(rng, &mut v);
            }
            v
        }
    }
}

/// An error that says nothing about the request: a fault of the core.
fn untyped(e: &Error) -> bool {
    matches!(
        e,
        Error::Storage(_)
            | Error::Internal(_)
            | Error::Json(_)
            | Error::Io(_)
            | Error::Migration(_)
            | Error::Corrupt(_)
    )
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 400 {
        format!(
            "{}… ({} chars)",
            s.chars().take(400).collect::<String>(),
            s.len()
        )
    } else {
        s
    }
}

/// The shop a command is fuzzed against: the fixture with its members and
/// the sample's setup, kept as bytes so that the file can be put back as it
/// was after a case that changed it (a case that succeeds closes the visit or
/// spends the balance the next one would work on).
struct Bench {
    shop: frontdesk_tests::TempShop,
    pristine: Vec<u8>,
}

impl Bench {
    fn path(&self) -> std::path::PathBuf {
        self.shop.dir.path().join("frontdesk.db")
    }

    fn keep(&mut self) {
        self.shop
            .db
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        self.pristine = std::fs::read(self.path()).unwrap();
    }

    fn restore(&mut self) {
        let clock: std::sync::Arc<dyn frontdesk_core::clock::Clock> =
            std::sync::Arc::new(self.shop.clock.clone());
        // Close the file before putting the old one back.
        let placeholder = Db::open_in_memory(clock.clone()).unwrap();
        drop(std::mem::replace(&mut self.shop.db, placeholder));
        let path = self.path();
        for ext in ["-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(ext);
            let _ = std::fs::remove_file(p);
        }
        std::fs::write(&path, &self.pristine).unwrap();
        self.shop.db = Db::open_in_dir(self.shop.dir.path(), clock).unwrap().0;
    }
}

fn fuzz(command: &str) {
    let (mut shop, f) = shop();
    members(&mut shop.db, &f);
    let sample = sample(command, Role::Manager, &mut shop.db, &f).unwrap_or_else(|| {
        panic!("no sample request for {command}: add one to tests/src/command_fixture.rs")
    });
    let mut bench = Bench {
        shop,
        pristine: Vec::new(),
    };
    bench.keep();
    let pristine_snapshot = snapshot(&bench.shop.db);
    let mut rng = StdRng::seed_from_u64(seed(command));
    let mut findings: Vec<String> = Vec::new();
    let (mut refusals, mut successes) = (0usize, 0usize);
    let n = cases();
    for case in 0..n {
        let request = payload(&mut rng, &sample);
        let role = if rng.random_bool(0.2) {
            Role::Receptionist
        } else {
            Role::Manager
        };
        let session = f.session(role);
        let db = &mut bench.shop.db;
        let changes = db.conn().total_changes();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            api::call(db, &session, command, request.clone())
        }));
        let wrote = db.conn().total_changes() != changes;
        let what = || format!("{command} case {case} as {role:?} with {}", shown(&request));
        let mut dirty = false;
        match outcome {
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                findings.push(format!("PANIC {msg:?}: {}", what()));
                dirty = true;
            }
            Ok(Ok(_)) => {
                successes += 1;
                dirty = wrote;
            }
            Ok(Err(e)) => {
                refusals += 1;
                if untyped(&e) {
                    findings.push(format!("UNTYPED {e:?}: {}", what()));
                }
                // The counter moved (something was written, then rolled
                // back, or not): compare the whole file; and now and then
                // regardless, in case a write escaped the counter.
                if (wrote || refusals.is_multiple_of(8)) && snapshot(db) != pristine_snapshot {
                    findings.push(format!("WROTE ON REFUSAL ({e:?}): {}", what()));
                    dirty = true;
                }
            }
        }
        if dirty {
            bench.restore();
        }
    }
    eprintln!("{command}: {n} cases, {successes} succeeded, {refusals} refused");
    assert!(
        findings.is_empty(),
        "{} finding(s) for {command}:\n{}",
        findings.len(),
        findings
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// One test per core command of the table.
macro_rules! fuzz_case {
    ($name:ident, core) => {
        #[test]
        fn $name() {
            super::fuzz(stringify!($name));
        }
    };
    ($name:ident, shell) => {};
}

macro_rules! fuzz_cases {
    ($($name:ident ( $($req:ty)? ) -> $res:ty, $access:ident, $kind:ident $($f:path)? ;)*) => {
        mod fuzz {
            $(fuzz_case!($name, $kind);)*
        }
    };
}

frontdesk_commands::commands!(fuzz_cases);

/// The shell runs these itself, so `api::call` refuses them (checked here,
/// with any payload, writing nothing); what they pass on to the core is
/// fuzzed elsewhere: sign-in, unlock and setup read a staff number and PIN
/// (`staff/session.rs` tests), `run_import` runs `dry_run_import`'s checks
/// (fuzzed here) and its bytes are fuzzed by `no_panic.rs`, the documents of
/// `document_pdf` and `save_document` are built by `print_document`'s
/// function (fuzzed here), and the rest take no request.
#[test]
fn the_shell_commands_are_skipped_for_a_reason() {
    let reasons = [
        ("app_status", "no request"),
        ("setup_shop", "first-run only: the fixture is set up"),
        ("sign_in", "the desk's in-memory sign-in state"),
        ("unlock", "the desk's in-memory sign-in state"),
        ("sign_out", "no request"),
        ("lock", "no request"),
        ("keep_alive", "no request"),
        ("set_language", "an enum of two values"),
        (
            "run_import",
            "dry_run_import fuzzed; bytes fuzzed in no_panic.rs",
        ),
        ("document_pdf", "print_document fuzzed"),
        ("save_document", "print_document fuzzed"),
        ("list_printers", "no request"),
        ("safety_status", "no request"),
        ("damaged_backups", "no request"),
        ("backup_now", "no request"),
        (
            "restore_backup",
            "backup::restore_backup takes only a listed file name (backups.rs)",
        ),
        (
            "restore_damaged",
            "a listed file name, then sign_in on the backup (backups.rs)",
        ),
        (
            "manager_override",
            "staff number and PIN through colleague, throttled (desk_override.rs)",
        ),
    ];
    let (mut shop, f) = shop();
    let before = snapshot(&shop.db);
    let mut rng = StdRng::seed_from_u64(seed("shell"));
    for c in api::COMMANDS.iter().filter(|c| c.runs == Runs::Shell) {
        assert!(
            reasons.iter().any(|(name, _)| *name == c.name),
            "{} is a new shell command: say here why it is not fuzzed",
            c.name
        );
        for _ in 0..10 {
            let r = api::call(
                &mut shop.db,
                &f.session(Role::Manager),
                c.name,
                random_value(&mut rng, 3),
            );
            assert!(r.is_err(), "{} ran in the core", c.name);
        }
    }
    assert_eq!(snapshot(&shop.db), before);
}
