//! Every command × every role, generated from the command table
//! (crates/commands): a role that has the command's permission gets through,
//! every other role gets `Forbidden` naming that permission, checked by the
//! core itself. Each (command, role) is its own test, run in parallel; the
//! shop they run against is built once per test binary and copied per case.
//! A command added to the table without a sample request
//! (`frontdesk_tests::command_fixture::sample`) fails its own cases, so no
//! command escapes the check.
// Integration tests: an unexpected Err should fail the test at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::Error;
use frontdesk_core::api::{self, Access, Runs};
use frontdesk_core::customers::import;
use frontdesk_core::printing;
use frontdesk_core::staff::{self, Language, Permission, Role, Session};
use frontdesk_tests::command_fixture::{import_request, sample, shop};

/// Run `command` as `role` against a fresh copy of the shop and check the
/// outcome against the table's access.
fn check(command: &str, role: Role) {
    let spec = api::command(command).expect("a command of the table");
    let (mut shop, f) = shop();
    let db = &mut shop.db;
    let request = sample(command, role, db, &f).unwrap_or_else(|| {
        panic!("no sample request for {command}: add one to tests/src/command_fixture.rs")
    });
    let outcome = api::call(db, &f.session(role), command, request);
    let allowed = match spec.access {
        Access::Public | Access::SignedIn => true,
        Access::Needs(p) => role.permits(p),
    };
    match (allowed, outcome, spec.access) {
        (true, Ok(_), _) => {}
        (false, Err(Error::Forbidden(got)), Access::Needs(want)) => {
            assert_eq!(
                got, want,
                "{command} as {role:?} names the wrong permission"
            )
        }
        (allowed, outcome, _) => panic!(
            "{command} as {role:?}: expected {}, got {outcome:?}",
            if allowed { "Ok" } else { "Forbidden" }
        ),
    }
}

/// Run `command` as a manager who has since been deactivated: refused by
/// every command that needs a signed-in member, whatever her role allowed.
fn check_deactivated(command: &str) {
    let spec = api::command(command).expect("a command of the table");
    let (mut shop, f) = shop();
    let db = &mut shop.db;
    let request = sample(command, Role::Manager, db, &f).unwrap_or_else(|| {
        panic!("no sample request for {command}: add one to tests/src/command_fixture.rs")
    });
    let before = frontdesk_tests::snapshot(db);
    let session = Session::new(f.former, "1002", "员工1002", Role::Manager, Language::ZhCn);
    let outcome = api::call(db, &session, command, request);
    match spec.access {
        Access::Public => {}
        _ => {
            assert!(
                matches!(outcome, Err(Error::StaffInactive)),
                "{command} as a deactivated manager: {outcome:?}"
            );
            assert_eq!(
                frontdesk_tests::snapshot(db),
                before,
                "{command} wrote something"
            );
        }
    }
}

/// One test module per core command of the table, one test per role.
macro_rules! permission_case {
    ($name:ident, core) => {
        mod $name {
            #[test]
            fn as_manager() {
                super::check(stringify!($name), super::Role::Manager);
            }
            #[test]
            fn as_receptionist() {
                super::check(stringify!($name), super::Role::Receptionist);
            }
            #[test]
            fn as_stylist() {
                super::check(stringify!($name), super::Role::Stylist);
            }
            #[test]
            fn as_a_deactivated_manager() {
                super::check_deactivated(stringify!($name));
            }
        }
    };
    ($name:ident, shell) => {};
}

macro_rules! permission_cases {
    ($($name:ident ( $($req:ty)? ) -> $res:ty, $access:ident, $kind:ident $($f:path)? ;)*) => {
        $(permission_case!($name, $kind);)*
    };
}

frontdesk_commands::commands!(permission_cases);

/// The shell runs these itself; the core functions they call still check.
#[test]
fn the_shell_commands_check_in_the_core_too() {
    for role in Role::ALL.iter().copied() {
        let (mut shop, f) = shop();
        let s = f.session(role);
        let db = &mut shop.db;
        let r = import::run_import(db, &s, &import_request(), &mut |_, _| {});
        match (role.permits(Permission::ImportCustomers), r) {
            (true, Ok(_)) => {}
            (false, Err(Error::Forbidden(Permission::ImportCustomers))) => {}
            (_, other) => panic!("run_import as {role:?}: {other:?}"),
        }
        staff::set_language(db, &s, Language::En).unwrap();
    }
    // document_pdf and save_document build the document through the core,
    // which checks the document's own permission.
    for role in Role::ALL.iter().copied() {
        let (mut shop, f) = shop();
        let r = printing::document(
            &mut shop.db,
            &f.session(role),
            &printing::DocumentRequest::Slip { visit_id: f.done },
        );
        match (role.permits(Permission::RunVisits), r) {
            (true, Ok(_)) => {}
            (false, Err(Error::Forbidden(Permission::RunVisits))) => {}
            (_, other) => panic!("a slip as {role:?}: {other:?}"),
        }
    }
    // backup_now and restore_backup check the manager's permission in the
    // core before anything is copied; the restore screen's commands work
    // only while the file is damaged, and the restore asks a manager's PIN
    // as the backup knows it (tests/tests/backups.rs).
    for role in Role::ALL.iter().copied() {
        let (mut shop, f) = shop();
        let s = f.session(role);
        let allowed = role.permits(Permission::ManageBackups);
        match (
            allowed,
            frontdesk_core::backup::authorize_backup(&mut shop.db, &s),
        ) {
            (true, Ok(())) | (false, Err(Error::Forbidden(Permission::ManageBackups))) => {}
            (_, other) => panic!("backup_now as {role:?}: {other:?}"),
        }
        let r = frontdesk_core::backup::restore_backup(
            &mut shop.db,
            &s,
            frontdesk_core::backup::RestoreRequest {
                file: "none.db".into(),
            },
        );
        match (allowed, r) {
            (true, Err(Error::NotFound(_))) => {}
            (false, Err(Error::Forbidden(Permission::ManageBackups))) => {}
            (_, other) => panic!("restore_backup as {role:?}: {other:?}"),
        }
    }
    for c in api::COMMANDS.iter().filter(|c| c.runs == Runs::Shell) {
        assert!(
            [
                "app_status",
                "setup_shop",
                "sign_in",
                "unlock",
                "sign_out",
                "lock",
                "keep_alive",
                "set_language",
                "run_import",
                "document_pdf",
                "save_document",
                "list_printers",
                "safety_status",
                "damaged_backups",
                "restore_damaged",
                "backup_now",
                "restore_backup",
                "manager_override"
            ]
            .contains(&c.name),
            "{} is new to the shell: check its permission here",
            c.name
        );
    }
}

#[test]
fn the_role_table_matches_the_spec() {
    use Permission::*;
    // SPEC 3.1: stylists read customer history; receptionists run the desk
    // and see full phones; managers also configure and manage staff.
    let expect = |role: Role, allowed: &[Permission]| {
        for p in Permission::ALL.iter().copied() {
            assert_eq!(role.permits(p), allowed.contains(&p), "{role:?} / {p:?}");
        }
    };
    // Stylists also write their own service notes and measurements;
    // receptionists run the whole visit flow, appointments, follow-ups and
    // complaints; voids and reports are the manager's.
    expect(Role::Stylist, &[ViewCustomers, WriteServiceNotes]);
    expect(
        Role::Receptionist,
        &[
            ViewCustomers,
            EditCustomers,
            ViewFullPhone,
            RunVisits,
            WriteServiceNotes,
            ManageAppointments,
            MakeFollowUps,
            HandleComplaints,
            // Receive, issue, recover and hand over gifts and vouchers;
            // configuring, destroying, adjusting, returning to the warehouse
            // and the reconciliation are the manager's.
            HandleGifts,
        ],
    );
    expect(Role::Manager, Permission::ALL);
}
