//! Backups and restore (SPEC 3.12) on real files: backups taken while
//! checkouts run on another connection are whole and consistent; rotation
//! keeps the documented set over a simulated month; a restore gives back
//! exactly the data at backup time and saves the current data aside; a
//! damaged or tampered backup is refused; a damaged data file is moved aside
//! untouched and replaced by a backup; an unreachable second folder does
//! not stop the backup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use frontdesk_core::backup::{
    self, BackupSettings, DamagedRestoreRequest, Mirror, RestoreRequest, Trigger, rotation,
};
use frontdesk_core::clock::{Clock, SystemClock};
use frontdesk_core::error::Invalid;
use frontdesk_core::membership::{self, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};
use frontdesk_core::visits::{self, CheckoutRequest, Payment, QuoteRequest, Stage};
use frontdesk_core::{Db, Error, customers};
use frontdesk_tests::{TempShop, flow_support, new_customer, setup_manager, snapshot};
use rusqlite::{Connection, OpenFlags};

const DAY: i64 = 24 * 3_600_000;

/// A shop with a menu, a stylist and `n` members holding ¥100,000 each.
fn shop_with_members(n: usize) -> (TempShop, Session) {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    flow_support::menu(&mut shop.db, &m);
    flow_support::stylist(&mut shop.db, &m);
    for i in 0..n {
        let c = flow_support::customer(
            &mut shop.db,
            &m,
            &format!("顾客{i}"),
            &format!("1390000{i:04}"),
        );
        membership::top_up(
            &mut shop.db,
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
    (shop, m)
}

/// One checkout paid partly from stored value, on `db`.
fn checkout_one(db: &mut Db, s: &Session, i: usize) {
    let (customer, service, stylist): (i64, i64, i64) = db
        .conn()
        .query_row(
            "SELECT (SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?1 % (SELECT count(*) FROM customers)),
                    (SELECT id FROM services ORDER BY id LIMIT 1),
                    (SELECT id FROM staff WHERE role = 'stylist' LIMIT 1)",
            [i as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let v = flow_support::visit_at(
        db,
        s,
        frontdesk_core::ids::CustomerId(customer),
        Stage::Reconsult,
        frontdesk_core::ids::ServiceId(service),
        frontdesk_core::ids::StaffId(stylist),
    );
    let total = visits::quote(
        db,
        s,
        QuoteRequest {
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
        db,
        s,
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
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn backups_taken_while_checkouts_run_open_pass_their_check_and_add_up() {
    let (shop, m) = shop_with_members(6);
    let dir = shop.dir.path().to_path_buf();
    let live = dir.join(frontdesk_core::storage::DB_FILE_NAME);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (dir, stop, m) = (dir.clone(), Arc::clone(&stop), m.clone());
        std::thread::spawn(move || {
            let clock: Arc<dyn Clock> = Arc::new(SystemClock);
            let (mut db, _) = Db::open_in_dir(&dir, clock).unwrap();
            let mut done = 0;
            while !stop.load(Ordering::SeqCst) || done < 20 {
                checkout_one(&mut db, &m, done);
                done += 1;
            }
            done
        })
    };
    let mut taken = Vec::new();
    for i in 0..10 {
        let t = backup::take_backup(&live, Trigger::Auto, 1_800_000_000_000 + i, None).unwrap();
        taken.push(t.info);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    stop.store(true, Ordering::SeqCst);
    let done = writer.join().unwrap();
    assert!(done >= 20, "the desk kept checking out ({done})");
    let mut visits_seen = std::collections::BTreeSet::new();
    for info in &taken {
        let path = backup::dir_of(&live).join(&info.file);
        let conn = read_only(&path);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "{}", info.file);
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM sv_balances b WHERE b.balance_fen <>
                 (SELECT SUM(amount_fen) FROM sv_ledger l WHERE l.customer_id = b.customer_id)"
            ),
            0,
            "{}: a balance that is not its ledger",
            info.file
        );
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM visits v WHERE v.status = 'checked_out' AND v.total_fen <>
                 (SELECT COALESCE(SUM(amount_fen), 0) FROM visit_payments p WHERE p.visit_id = v.id)
               - (SELECT COALESCE(SUM(amount_fen), 0) FROM sv_ledger l WHERE l.visit_id = v.id)"
            ),
            0,
            "{}: a half-written checkout",
            info.file
        );
        let checked_out = count(
            &conn,
            "SELECT count(*) FROM visits WHERE status = 'checked_out'",
        );
        assert_eq!(info.visits, count(&conn, "SELECT count(*) FROM visits"));
        assert_eq!(info.customers, 6);
        let (size, _) = (std::fs::metadata(&path).unwrap().len(), ());
        assert_eq!(info.size, size as i64);
        visits_seen.insert(checked_out);
    }
    assert!(
        visits_seen.len() > 1,
        "the backups caught the desk at different moments: {visits_seen:?}"
    );
}

#[test]
fn rotation_on_disk_keeps_exactly_the_documented_set_over_a_simulated_month() {
    let (shop, _m) = shop_with_members(1);
    let live = shop.dir.path().join(frontdesk_core::storage::DB_FILE_NAME);
    let dir = backup::dir_of(&live);
    // 2026-11-01 10:00 Shanghai, six backups a working day for 35 days.
    let start = 1_793_498_400_000_i64;
    let mut every: Vec<backup::BackupInfo> = Vec::new();
    for day in 0..35 {
        for k in 0..6 {
            let at = start + day * DAY + k * 1_800_000;
            let trigger = if k == 5 {
                Trigger::DailyClose
            } else {
                Trigger::Auto
            };
            let t = backup::take_backup(&live, trigger, at, None).unwrap();
            every.push(t.info);
        }
    }
    let on_disk = backup::list(&dir).unwrap();
    let expected = rotation::keep(&every);
    let files: std::collections::BTreeSet<String> =
        on_disk.iter().map(|b| b.file.clone()).collect();
    assert_eq!(files, expected);
    // 48 recent (8 days of 6), then the newest of 14 days, then of 2 months.
    assert_eq!(files.len(), 48 + (14 - 8));
    let db_files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "db")
        })
        .count();
    assert_eq!(db_files, files.len(), "no file left without its manifest");
}

#[test]
fn a_restore_gives_back_the_data_at_backup_time_and_saves_the_current_data_aside() {
    let (mut shop, m) = shop_with_members(3);
    checkout_one(&mut shop.db, &m, 0);
    let at_backup = snapshot(&shop.db);
    let live = shop.db.path().unwrap().to_path_buf();
    let taken = backup::take_backup(&live, Trigger::Manual, shop.db.now_ms(), None).unwrap();
    // The desk goes on: a new card and a checkout.
    shop.clock.advance(3_600_000);
    customers::create_customer(&mut shop.db, &m, new_customer("新顾客", "13711112222")).unwrap();
    checkout_one(&mut shop.db, &m, 1);
    let before_restore = snapshot(&shop.db);

    // A receptionist may not restore; a name outside the folder is unknown.
    let r = staff::add_staff(
        &mut shop.db,
        &m,
        AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .unwrap();
    let desk = Session::new(r.id, "2001", "张敏", Role::Receptionist, m.language);
    let asked = |file: &str| RestoreRequest { file: file.into() };
    assert!(matches!(
        backup::restore_backup(&mut shop.db, &desk, asked(&taken.info.file)),
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        backup::restore_backup(&mut shop.db, &m, asked("../frontdesk.db")),
        Err(Error::NotFound(_))
    ));
    let with_staff = snapshot(&shop.db);
    assert_ne!(with_staff, before_restore);

    let report = backup::restore_backup(&mut shop.db, &m, asked(&taken.info.file)).unwrap();
    assert_eq!(report.restored.file, taken.info.file);
    assert_eq!(report.saved_aside.trigger, Trigger::BeforeRestore);
    // Everything but the restore's own audit row is as it was at backup time.
    let restored = snapshot(&shop.db);
    assert_eq!(without_audit(&restored), without_audit(&at_backup));
    let audit = shop
        .db
        .conn()
        .query_row(
            "SELECT action, before FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    assert_eq!(audit.0, "backup.restore");
    assert!(audit.1.contains(&report.saved_aside.file));
    // The data it replaced is kept whole: restoring the copy set aside gives it back.
    backup::restore_backup(&mut shop.db, &m, asked(&report.saved_aside.file)).unwrap();
    assert_eq!(
        without_audit(&snapshot(&shop.db)),
        without_audit(&with_staff)
    );
    // And the file works on: a new checkout after the restores.
    checkout_one(&mut shop.db, &m, 2);
    let shop = shop.reopen();
    let ok: String = shop
        .db
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

fn without_audit(snapshot: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in snapshot.lines() {
        if let Some(table) = line.strip_prefix("## ") {
            skip = table == "audit_log";
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_tampered_backup_is_refused_and_the_data_is_left_as_it_was() {
    let (mut shop, m) = shop_with_members(2);
    let live = shop.db.path().unwrap().to_path_buf();
    let taken = backup::take_backup(&live, Trigger::Manual, shop.db.now_ms(), None).unwrap();
    let path = backup::dir_of(&live).join(&taken.info.file);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&path, &bytes).unwrap();
    let before = snapshot(&shop.db);
    let r = backup::restore_backup(
        &mut shop.db,
        &m,
        RestoreRequest {
            file: taken.info.file.clone(),
        },
    );
    assert!(
        matches!(
            r,
            Err(Error::Invalid {
                field: "file",
                reason: Invalid::Damaged,
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(snapshot(&shop.db), before);
    assert_eq!(
        backup::list(&backup::dir_of(&live)).unwrap().len(),
        1,
        "nothing saved aside for a refused restore"
    );
}

#[test]
fn a_damaged_data_file_is_moved_aside_untouched_and_replaced_by_a_manager_chosen_backup() {
    let (mut shop, m) = shop_with_members(4);
    checkout_one(&mut shop.db, &m, 0);
    let at_backup = snapshot(&shop.db);
    let dir = shop.dir.path().to_path_buf();
    let live = dir.join(frontdesk_core::storage::DB_FILE_NAME);
    let taken = backup::take_backup(&live, Trigger::Auto, shop.db.now_ms(), None).unwrap();
    let clock = shop.clock.clone();
    let tempdir = shop.dir;
    drop(shop.db);
    // A disk error: a stretch of pages overwritten.
    let mut bytes = std::fs::read(&live).unwrap();
    let from = bytes.len() / 3;
    for b in &mut bytes[from..from + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&live, &bytes).unwrap();
    let c: Arc<dyn Clock> = Arc::new(clock.clone());
    assert!(matches!(
        Db::open_in_dir(&dir, Arc::clone(&c)),
        Err(Error::Corrupt(_))
    ));
    assert_eq!(
        std::fs::read(&live).unwrap(),
        bytes,
        "the check wrote nothing"
    );

    let ask = |staff_no: &str, pin: &str| DamagedRestoreRequest {
        file: taken.info.file.clone(),
        staff_no: staff_no.into(),
        pin: pin.into(),
    };
    assert!(matches!(
        backup::restore_over_damaged(&dir, ask("1001", "9999"), Arc::clone(&c)),
        Err(Error::WrongCredentials)
    ));
    assert_eq!(
        std::fs::read(&live).unwrap(),
        bytes,
        "a refused restore moves nothing"
    );
    let (db, session) =
        backup::restore_over_damaged(&dir, ask(&m.staff_no, "1234"), Arc::clone(&c))
            .unwrap_or_else(|e| panic!("restore: {e:?}"));
    assert_eq!(session.role, Role::Manager);
    assert_eq!(without_audit(&snapshot(&db)), without_audit(&at_backup));
    drop(db);
    let aside: Vec<_> = std::fs::read_dir(backup::dir_of(&live))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].join("frontdesk.db")).unwrap(),
        bytes,
        "the damaged file is kept exactly as it was"
    );
    drop(tempdir);
}

#[test]
fn a_second_folder_gets_each_backup_and_an_unreachable_one_does_not_stop_it() {
    let (mut shop, m) = shop_with_members(1);
    let live = shop.db.path().unwrap().to_path_buf();
    let stick = tempfile::tempdir().unwrap();
    let set = |db: &mut Db, dir: &str| {
        backup::set_backup_settings(
            db,
            &m,
            BackupSettings {
                mirror_dir: dir.into(),
            },
        )
    };
    assert!(matches!(
        set(&mut shop.db, "relative/path"),
        Err(Error::Invalid {
            field: "mirror_dir",
            ..
        })
    ));
    set(&mut shop.db, &stick.path().display().to_string()).unwrap();
    let mirror = backup::mirror_dir(shop.db.conn()).unwrap().unwrap();
    let t = backup::take_backup(
        &live,
        Trigger::Auto,
        shop.db.now_ms(),
        Some(Path::new(&mirror)),
    )
    .unwrap();
    assert!(matches!(t.mirror, Mirror::Copied(_)));
    let copied = backup::list(stick.path()).unwrap();
    assert_eq!(copied, vec![t.info.clone()]);
    assert_eq!(
        std::fs::read(stick.path().join(&t.info.file)).unwrap(),
        std::fs::read(backup::dir_of(&live).join(&t.info.file)).unwrap()
    );
    // The stick is pulled out: a folder that cannot be made (its parent is a file).
    let blocker = stick.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let gone = blocker.join("backups");
    let t2 = backup::take_backup(&live, Trigger::Auto, shop.db.now_ms() + 1, Some(&gone)).unwrap();
    assert!(
        matches!(t2.mirror, Mirror::Failed { .. }),
        "{:?}",
        t2.mirror
    );
    assert_eq!(backup::list(&backup::dir_of(&live)).unwrap().len(), 2);
}
