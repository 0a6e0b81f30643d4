//! The child process of the crash test (tests/tests/crash.rs): checks
//! customers in and out in a loop, paying partly from stored value, and
//! prints `ACK <visit id>` after each checkout has committed. The test kills it
//! with SIGKILL at random moments and checks the file afterwards.
//!
//! ```sh
//! crashloop <data dir> <manager staff id>
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use frontdesk_core::Db;
use frontdesk_core::clock::SystemClock;
use frontdesk_core::ids::{CustomerId, ServiceId, StaffId, VisitId};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{Language, Role, Session};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    Payment, Stage,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("data dir"));
    let manager: i64 = args.next().expect("staff id").parse().expect("a number");
    let (mut db, _) = Db::open_in_dir(&dir, Arc::new(SystemClock)).unwrap();
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
    let out = std::io::stdout();
    for i in 0usize.. {
        let c = customers[i % customers.len()];
        let v = visits::check_in(
            &mut db,
            &s,
            CheckInRequest {
                customer_id: Some(c),
                walk_in_label: String::new(),
                appointment_id: None,
            },
        )
        .unwrap()
        .id;
        visits::advance(
            &mut db,
            &s,
            AdvanceRequest {
                visit_id: v,
                to: Stage::Consult,
            },
        )
        .unwrap();
        visits::save_consult(
            &mut db,
            &s,
            ConsultRequest {
                visit_id: v,
                needs: String::new(),
                measurements: vec![],
                services: vec![service],
                stylist_id: Some(stylist),
                care_plan: String::new(),
                care_interval_days: None,
            },
        )
        .unwrap();
        let total = visits::quote(
            &mut db,
            &s,
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
            &mut db,
            &s,
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
        let mut lock = out.lock();
        writeln!(lock, "ACK {}", v.0).unwrap();
        lock.flush().unwrap();
    }
}
