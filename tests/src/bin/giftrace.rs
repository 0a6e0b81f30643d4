//! A racer in another process for the voucher race (tests/gift_race.rs):
//! opens the data dir, prices the visit paying with the voucher, waits for
//! the go file (polling every millisecond), checks out, and prints one line:
//! `OK`, `ALREADY <visit id of the standing redemption>` or `ERR <debug>`.
//!
//! ```sh
//! giftrace <data dir> <staff id> <visit id> <serial> <go file> <clock ms>
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use frontdesk_core::ids::{StaffId, VisitId};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, staff, visit, serial, go, clock_ms] = args.as_slice() else {
        eprintln!("usage: giftrace <data dir> <staff id> <visit id> <serial> <go file> <clock ms>");
        std::process::exit(2);
    };
    let line = frontdesk_tests::gifts::race_for_voucher(
        &PathBuf::from(dir),
        StaffId(staff.parse().expect("staff id")),
        VisitId(visit.parse().expect("visit id")),
        serial,
        &PathBuf::from(go),
        clock_ms.parse().expect("clock ms"),
    );
    println!("{line}");
}
