//! The answers below are what CUPS 2.4 (Debian 12) prints with `LC_ALL=C`.

use super::*;
use crate::layout::Sheet;

const IDLE: &str = "printer Front is idle.  enabled since Tue Dec  1 02:26:39 2026
\tForm mounted:
\tAlerts: none
\tConnection: direct
Front accepting requests since Tue Dec  1 02:26:39 2026";

const PAUSED: &str = "printer Front disabled since Tue Dec  1 02:26:38 2026 -
\tPaper jam in tray 2
\tForm mounted:
\tAlerts: paused
Front accepting requests since Tue Dec  1 02:26:38 2026";

const REJECTING: &str = "printer Front is idle.  enabled since Tue Dec  1 02:26:39 2026
\tAlerts: none
Front not accepting requests since Tue Dec  1 02:26:38 2026 -
\tfull";

fn offline(reason: &str) -> Result<(), DeviceError> {
    Err(DeviceError::Offline {
        printer: "Front".into(),
        reason: reason.into(),
    })
}

#[test]
fn an_idle_accepting_queue_prints() {
    assert_eq!(check_status("Front", IDLE), Ok(()));
}

#[test]
fn a_paused_queue_is_offline_with_the_reason_cups_gives() {
    assert_eq!(
        check_status("Front", PAUSED),
        offline("Paper jam in tray 2")
    );
    let no_reason = "printer Front disabled since Tue Dec  1 02:26:38 2026\n\tAlerts: paused";
    assert_eq!(check_status("Front", no_reason), offline("paused"));
    assert_eq!(
        check_status("Front", REJECTING),
        offline("not accepting jobs: full")
    );
}

#[test]
fn a_printer_without_paper_is_out_of_paper() {
    for alerts in ["media-empty-error", "media-needed", "paused media-empty"] {
        let status = PAUSED.replace("Alerts: paused", &format!("Alerts: {alerts}"));
        assert_eq!(
            check_status("Front", &status),
            Err(DeviceError::OutOfPaper {
                printer: "Front".into()
            }),
            "{alerts}"
        );
    }
    let warning = IDLE.replace("Alerts: none", "Alerts: media-empty-warning");
    assert_eq!(check_status("Front", &warning), Ok(()));
}

#[test]
fn lpstat_and_lp_failures_are_classified() {
    let missing = DeviceError::NotFound {
        printer: "Nope".into(),
    };
    assert_eq!(
        lpstat_error("Nope", "lpstat: Invalid destination name in list \"Nope\"."),
        missing
    );
    assert_eq!(
        lp_error("Nope", "lp: Error - The printer or class does not exist."),
        missing
    );
    assert!(matches!(
        lpstat_error("Nope", "lpstat: Bad file descriptor"),
        DeviceError::Offline { reason, .. } if reason.contains("cupsd")
    ));
    assert!(matches!(
        lp_error("Front", "lp: Destination \"Front\" is not accepting jobs."),
        DeviceError::Offline { reason, .. } if reason.contains("not accepting")
    ));
    assert_eq!(
        lp_error("Front", "lp: Error - copies must be 1 or more."),
        DeviceError::Failed {
            printer: "Front".into(),
            message: "lp: Error - copies must be 1 or more.".into()
        }
    );
}

#[test]
fn a_missing_command_is_a_clear_failure_not_a_panic() {
    let e = run("frontdesk-no-such-lp", &[], Some(b"%PDF")).expect_err("no such program");
    let err = not_installed("Front", "lp", &e);
    assert!(
        matches!(&err, DeviceError::Failed { message, .. } if message.contains("CUPS") && message.contains("`lp`")),
        "{err}"
    );
}

#[test]
fn job_ids_come_from_lp() {
    assert_eq!(
        job_id("request id is Frontdesk-Test-PDF-12 (1 file(s))").as_deref(),
        Some("Frontdesk-Test-PDF-12")
    );
    assert_eq!(job_id(""), None);
}

#[test]
fn media_follows_the_pages() {
    let page = |width: f32, height: f32| Page {
        width,
        height,
        items: Vec::new(),
        ends_part: true,
    };
    let roll = [page(80.0, 120.4), page(80.0, 131.2)];
    assert_eq!(media(&roll, true), "Custom.80x132mm");
    let a5 = Sheet::A5;
    assert_eq!(
        media(&[page(a5.width, a5.height.unwrap_or(0.0))], false),
        "A5"
    );
    assert_eq!(media(&[page(210.0, 297.0)], false), "A4");
    assert_eq!(media(&[page(100.0, 150.0)], false), "Custom.100x150mm");
}
