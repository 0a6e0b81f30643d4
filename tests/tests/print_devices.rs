//! Printing through real devices: a CUPS queue on the cups-pdf backend
//! (`scripts/test-printer.sh` creates it; `make test` runs that first), and
//! ESC/POS thermal printers played by a TCP listener and a plain file. What
//! each printer got is read back (the PDF cups-pdf wrote, through pdftotext;
//! the ESC/POS bytes, decoded) and compared with the document sent.
//! Pictures of the slips land in `target/print-check/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod print_check;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use frontdesk_print::device::{self, DeviceError, Job, Target};
use frontdesk_print::escpos;
use frontdesk_print::layout::{Align, Block, Cell, Part, Sheet, Style, lay_out};
use frontdesk_print::pdf;
use print_check::{out_dir, poppler_roll, run, same_print, save, shifted};

const QUEUE: &str = "Frontdesk-Test-PDF";
/// Where scripts/test-printer.sh makes cups-pdf write.
const CUPS_PDF_OUT: &str = "/var/spool/cups-pdf/frontdesk";

const NAME: &str = "欧阳娜仁托娅·玥堃喆";
const AMOUNTS: [&str; 3] = ["¥1,288.05", "¥36.90", "¥12,345.67"];

/// A 300-character aftercare note.
fn note() -> String {
    let sentence = "护理后二十四小时内请勿化妆，早晚洁面后使用补水精华，避免暴晒与高温环境。";
    let note: String = sentence.chars().cycle().take(297).collect();
    note + "第3次"
}

/// A three-part slip: the customer's, the shop's and the stylist's copy.
fn slip() -> Job {
    let parts: Vec<Part> = ["顾客联", "存根联", "技师联"]
        .iter()
        .map(|copy| {
            let mut blocks = vec![
                Block::Text(Style::new(12.0).bold().center(), format!("服务单·{copy}")),
                Block::Text(Style::new(11.0).bold(), NAME.into()),
                Block::Rule { dashed: true },
            ];
            blocks.extend((1..=30).map(|i| {
                Block::Row(
                    Style::new(9.0),
                    vec![
                        Cell::new(format!("{i:02} 深层补水护理"), 3.0, Align::Left),
                        Cell::new("×1", 1.0, Align::Center),
                        Cell::new(format!("¥{}.{:02}", 100 + i, i), 1.5, Align::Right),
                    ],
                )
            }));
            blocks.push(Block::Rule { dashed: false });
            for (label, amount) in ["合计", "储值卡", "现金"].iter().zip(AMOUNTS) {
                blocks.push(Block::Row(
                    Style::new(10.0).bold(),
                    vec![
                        Cell::new(*label, 1.0, Align::Left),
                        Cell::new(amount, 1.0, Align::Right),
                    ],
                ));
            }
            blocks.push(Block::Gap(2.0));
            blocks.push(Block::Text(Style::new(9.0), note()));
            Part {
                name: format!("服务单·{copy}"),
                blocks,
            }
        })
        .collect();
    let pages = lay_out(Sheet::ROLL_80, &parts);
    Job {
        title: "服务单 print_devices".into(),
        pdf: pdf::write("服务单", &pages),
        pages,
        copies: 1,
        roll: true,
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF cups-pdf wrote for CUPS job `job_id`, once the job has left the
/// queue (30 s at most).
fn cups_pdf_output(job_id: &str) -> PathBuf {
    let number = job_id.rsplit('-').next().unwrap();
    let prefix = format!("job_{number}-");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let completed =
            String::from_utf8(run("lpstat", &["-W", "completed", "-o", QUEUE])).unwrap();
        let done = completed
            .lines()
            .any(|l| l.split_whitespace().next() == Some(job_id));
        let file = std::fs::read_dir(CUPS_PDF_OUT)
            .unwrap_or_else(|e| panic!("{CUPS_PDF_OUT}: {e}; run scripts/test-printer.sh"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&prefix)
            });
        if let (true, Some(file)) = (done, file) {
            return file;
        }
        assert!(
            Instant::now() < deadline,
            "job {job_id} did not come out of {QUEUE} within 30 s (done: {done}); see /var/log/cups/error_log"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_slip_printed_on_a_cups_queue_comes_out_whole() {
    let job = slip();
    let target = Target::System {
        queue: Some(QUEUE.into()),
    };
    let sent = device::send(&target, &job).unwrap_or_else(|e| {
        panic!("{e}: the test printer is missing or not ready; run scripts/test-printer.sh")
    });
    let job_id = sent.job_id.expect("CUPS names the job");
    assert!(job_id.starts_with(QUEUE), "{job_id}");

    let output = cups_pdf_output(&job_id);
    let text = String::from_utf8(run(
        "pdftotext",
        &["-layout", &output.to_string_lossy(), "-"],
    ))
    .expect("UTF-8 text");
    let all = squeeze(&text);
    assert_eq!(
        all.matches(NAME).count(),
        3,
        "the whole name on each copy:\n{text}"
    );
    for amount in AMOUNTS {
        assert_eq!(all.matches(amount).count(), 3, "{amount}:\n{text}");
    }
    assert_eq!(
        all.matches(&squeeze(&note())).count(),
        3,
        "the whole note:\n{text}"
    );
    assert!(all.contains("30深层补水护理") && all.contains("¥130.30"));
    // One page per copy.
    let info = String::from_utf8(run("pdfinfo", &[&output.to_string_lossy()])).unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 3")),
        "{info}"
    );
    // Kept only when the test fails, to look at.
    let _ = std::fs::remove_file(&output);
}

/// A network thermal printer on 127.0.0.1: answers the paper status request
/// with `status`, then keeps every byte it is sent.
fn fake_printer(status: u8) -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let printer = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut got = vec![0u8; 3];
        conn.read_exact(&mut got).unwrap();
        assert_eq!(got, escpos::PAPER_STATUS, "the status request comes first");
        conn.write_all(&[status]).unwrap();
        conn.read_to_end(&mut got).unwrap();
        got
    });
    (port, printer)
}

#[test]
fn thermal_printers_get_each_copy_as_a_raster_cut_apart() {
    let job = slip();
    let (port, printer) = fake_printer(0x12);
    let tcp = Target::EscPosTcp {
        host: "127.0.0.1".into(),
        port,
    };
    assert_eq!(device::send(&tcp, &job).unwrap().job_id, None);
    let network_bytes = printer.join().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slip.escpos");
    let file = Target::EscPosFile { path: path.clone() };
    device::send(&file, &job).unwrap();
    let file_bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        network_bytes[3..],
        file_bytes[..],
        "the same bytes both ways"
    );

    let slips = escpos::decode(&network_bytes).expect("the printer's subset of ESC/POS");
    assert_eq!(slips.len(), 3, "one bitmap, then a cut, per copy");
    assert_eq!(escpos::decode(&file_bytes).unwrap(), slips);
    let pdf_path = out_dir().join("slip.pdf");
    std::fs::write(&pdf_path, &job.pdf).unwrap();
    for (i, slip) in slips.iter().enumerate() {
        assert_eq!(slip.width, 576);
        let reference = poppler_roll(&pdf_path, i + 1);
        save(&format!("escpos-copy{}", i + 1), slip, &reference);
        same_print(slip, &reference).unwrap_or_else(|e| panic!("copy {}: {e}", i + 1));
        // The comparison can fail: a slip moved 2 or 20 dots, or blank, does.
        for (dx, dy) in [(20, 0), (2, 0), (0, 2), (-2, -2)] {
            assert!(same_print(&shifted(slip, dx, dy), &reference).is_err());
        }
        let blank = frontdesk_print::raster::Bitmap::new(slip.width, slip.height);
        assert!(same_print(&blank, &reference).is_err());
    }
    // Copies: the whole slip again, cut apart again.
    let twice = Job { copies: 2, ..job };
    device::send(&file, &twice).unwrap();
    let again = escpos::decode(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(again.len(), 6);
    assert_eq!(again[3..], slips[..]);
}

#[test]
fn a_thermal_printer_out_of_paper_gets_no_job() {
    let (port, printer) = fake_printer(0x72);
    let target = Target::EscPosTcp {
        host: "127.0.0.1".into(),
        port,
    };
    assert_eq!(
        device::send(&target, &slip()),
        Err(DeviceError::OutOfPaper {
            printer: format!("127.0.0.1:{port}")
        })
    );
    assert_eq!(printer.join().unwrap(), escpos::PAPER_STATUS);
}

#[test]
fn missing_and_unreachable_printers_say_so() {
    let job = slip();
    let missing = Target::System {
        queue: Some("Frontdesk-No-Such-Printer".into()),
    };
    assert_eq!(
        device::send(&missing, &job),
        Err(DeviceError::NotFound {
            printer: "Frontdesk-No-Such-Printer".into()
        })
    );
    // A port nothing listens on: bound, then released.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = Target::EscPosTcp {
        host: "127.0.0.1".into(),
        port,
    };
    match device::send(&closed, &job) {
        Err(DeviceError::Offline { printer, reason }) => {
            assert_eq!(printer, format!("127.0.0.1:{port}"));
            assert!(reason.contains("refused"), "{reason}");
        }
        other => panic!("expected Offline, got {other:?}"),
    }
    let unplugged = Target::EscPosFile {
        path: Path::new("/dev/usb/frontdesk-no-such-lp9").into(),
    };
    assert!(matches!(
        device::send(&unplugged, &job),
        Err(DeviceError::NotFound { .. })
    ));
    assert!(
        device::list_printers().iter().any(|p| p.name == QUEUE),
        "{QUEUE} is listed; run scripts/test-printer.sh"
    );
}
