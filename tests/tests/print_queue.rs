//! The print queue as the desk uses it: a slip is asked for (checked and
//! written down at once), the printing thread's step takes it, builds it from
//! the database and sends it; a missing printer fails the job with a code the
//! desk translates and leaves the visit as it was; a retry after the printer
//! is fixed prints it; a job cut off by a crash is not printed twice by itself.
//! The printer is the real CUPS test queue (`scripts/test-printer.sh`) or an
//! ESC/POS device file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use frontdesk_core::printing::jobs::{self, JobState};
use frontdesk_core::printing::{self, DocumentRequest, PrintRequest, PrinterTarget};
use frontdesk_print::{escpos, queue};
use frontdesk_tests::printing::{SlipCase, print_shop, squeezed};
use frontdesk_tests::snapshot;

const QUEUE: &str = "Frontdesk-Test-PDF";
const CUPS_PDF_OUT: &str = "/var/spool/cups-pdf/frontdesk";

fn slip(visit: frontdesk_core::ids::VisitId, target: PrinterTarget) -> PrintRequest {
    PrintRequest {
        document: DocumentRequest::Slip { visit_id: visit },
        target: Some(target),
        copies: None,
    }
}

#[test]
fn a_slip_goes_through_the_queue_to_a_cups_printer() {
    let mut s = print_shop(&SlipCase::default());
    let desk = s.desk.clone();
    let before: Vec<_> = std::fs::read_dir(CUPS_PDF_OUT)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    let job = jobs::print_document(
        &mut s.shop.db,
        &desk,
        slip(
            s.visit,
            PrinterTarget::System {
                queue: Some(QUEUE.into()),
            },
        ),
    )
    .expect("queued");
    assert_eq!(job.state, JobState::Queued);
    assert!(job.title.starts_with("服务单 "), "{}", job.title);
    assert!(
        queue::run_next(&mut s.shop.db).unwrap(),
        "the step took the job"
    );
    let done = &jobs::print_jobs(&mut s.shop.db, &desk).unwrap()[0];
    assert_eq!(
        done.state,
        JobState::Sent,
        "{}: {}",
        done.error_code,
        done.error
    );
    assert!(
        done.device_job
            .as_deref()
            .is_some_and(|j| j.starts_with(QUEUE)),
        "{:?}",
        done.device_job
    );
    assert!(!queue::run_next(&mut s.shop.db).unwrap(), "nothing left");
    // cups-pdf writes the job out: it is the slip.
    let deadline = Instant::now() + Duration::from_secs(30);
    let out = loop {
        let fresh: Vec<_> = std::fs::read_dir(CUPS_PDF_OUT)
            .expect("cups-pdf output folder (run scripts/test-printer.sh)")
            .flatten()
            .map(|e| e.path())
            .filter(|p| !before.contains(p) && p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        let text: Option<String> = fresh
            .iter()
            .map(|p| frontdesk_tests::printing::pdf_text(p))
            .find(|t| t.contains(&job.title[job.title.len() - 12..]));
        if let Some(t) = text {
            break t;
        }
        assert!(
            Instant::now() < deadline,
            "the slip never reached the spool"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    let flat = squeezed(&out);
    assert!(
        flat.contains("合计¥634.00") && flat.contains("138****5678"),
        "{out}"
    );
}

fn set_slip_printer(s: &mut frontdesk_tests::printing::PrintShop, target: PrinterTarget) {
    let m = s.manager.clone();
    let mut settings = printing::settings::get_print_settings(&mut s.shop.db, &m).unwrap();
    settings.printers[0].target = target;
    printing::settings::update_print_settings(&mut s.shop.db, &m, settings).unwrap();
}

#[test]
fn a_missing_printer_fails_the_job_leaves_the_visit_and_a_retry_prints_it() {
    let mut s = print_shop(&SlipCase::default());
    let desk = s.desk.clone();
    set_slip_printer(
        &mut s,
        PrinterTarget::System {
            queue: Some("No-Such-Printer".into()),
        },
    );
    let visit_before = frontdesk_core::visits::get_visit(&mut s.shop.db, &desk, s.visit).unwrap();
    let job = jobs::print_document(
        &mut s.shop.db,
        &desk,
        PrintRequest {
            document: DocumentRequest::Slip { visit_id: s.visit },
            target: None,
            copies: None,
        },
    )
    .unwrap();
    queue::run_next(&mut s.shop.db).unwrap();
    let failed = jobs::print_jobs(&mut s.shop.db, &desk).unwrap()[0].clone();
    assert_eq!(failed.state, JobState::Failed);
    assert_eq!(failed.error_code, "not_found");
    assert!(failed.error.contains("No-Such-Printer"), "{}", failed.error);
    let visit_after = frontdesk_core::visits::get_visit(&mut s.shop.db, &desk, s.visit).unwrap();
    assert_eq!(visit_before, visit_after, "a failed print leaves the visit");
    // The manager points the slips at the thermal printer; the desk presses
    // 重新打印 and the same job goes to the printer as set now.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("thermal.bin");
    std::fs::write(&file, b"").unwrap();
    set_slip_printer(&mut s, PrinterTarget::EscPosFile { path: file.clone() });
    let retried = jobs::retry_print_job(&mut s.shop.db, &desk, job.id).unwrap();
    assert_eq!((retried.id, retried.state), (job.id, JobState::Queued));
    queue::run_next(&mut s.shop.db).unwrap();
    let sent = jobs::print_jobs(&mut s.shop.db, &desk).unwrap()[0].clone();
    assert_eq!(sent.state, JobState::Sent, "{}", sent.error);
    assert_eq!(sent.attempts, 2);
    let bitmaps = escpos::decode(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(bitmaps.len(), 1, "one copy of a one-part slip");
    assert_eq!(bitmaps[0].width, 576);
    // A sent job is reprinted as a new job; the first stays in the history.
    let again = jobs::retry_print_job(&mut s.shop.db, &desk, job.id).unwrap();
    assert_ne!(again.id, job.id);
    assert_eq!(again.state, JobState::Queued);
    // A printer the person chose stays chosen on a retry.
    let chosen = jobs::print_document(
        &mut s.shop.db,
        &desk,
        slip(
            s.visit,
            PrinterTarget::System {
                queue: Some("No-Such-Printer".into()),
            },
        ),
    )
    .unwrap();
    while queue::run_next(&mut s.shop.db).unwrap() {}
    let retried = jobs::retry_print_job(&mut s.shop.db, &desk, chosen.id).unwrap();
    assert_eq!(
        retried.target,
        PrinterTarget::System {
            queue: Some("No-Such-Printer".into())
        }
    );
}

#[test]
fn bad_requests_never_reach_the_queue() {
    let mut s = print_shop(&SlipCase::default());
    let desk = s.desk.clone();
    let before = snapshot(&s.shop.db);
    let stylist = s.stylist.clone();
    let r = jobs::print_document(
        &mut s.shop.db,
        &stylist,
        slip(s.visit, PrinterTarget::System { queue: None }),
    );
    assert!(
        matches!(r, Err(frontdesk_core::Error::Forbidden(_))),
        "{r:?}"
    );
    let r = jobs::print_document(
        &mut s.shop.db,
        &desk,
        PrintRequest {
            copies: Some(0),
            ..slip(s.visit, PrinterTarget::System { queue: None })
        },
    );
    assert!(
        matches!(
            r,
            Err(frontdesk_core::Error::Invalid {
                field: "copies",
                ..
            })
        ),
        "{r:?}"
    );
    let m = s.manager.clone();
    let mut settings = printing::settings::get_print_settings(&mut s.shop.db, &m).unwrap();
    settings.printers[0].target = PrinterTarget::EscPosTcp {
        host: "打印机 ; rm".into(),
        port: 9100,
    };
    let r = printing::settings::update_print_settings(&mut s.shop.db, &m, settings);
    assert!(
        matches!(r, Err(frontdesk_core::Error::Invalid { field: "host", .. })),
        "{r:?}"
    );
    assert_eq!(snapshot(&s.shop.db), before, "nothing was written");
}

#[test]
fn a_job_cut_off_by_a_crash_waits_for_a_person_instead_of_printing_twice() {
    let mut s = print_shop(&SlipCase::default());
    let desk = s.desk.clone();
    let job = jobs::print_document(
        &mut s.shop.db,
        &desk,
        slip(s.visit, PrinterTarget::System { queue: None }),
    )
    .unwrap();
    // The printing thread took it, then the app died before it finished.
    let claimed = jobs::claim_next(&mut s.shop.db).unwrap().expect("claimed");
    assert_eq!(claimed.job.id, job.id);
    assert_eq!(jobs::recover_interrupted(&mut s.shop.db).unwrap(), 1);
    assert!(
        !queue::run_next(&mut s.shop.db).unwrap(),
        "not printed again by itself"
    );
    let j = jobs::print_jobs(&mut s.shop.db, &desk).unwrap()[0].clone();
    assert_eq!(
        (j.state, j.error_code.as_str()),
        (JobState::Failed, "interrupted")
    );
}
