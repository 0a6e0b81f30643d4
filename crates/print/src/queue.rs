//! The desk's printing thread: it takes the print queue's jobs one at a time
//! (`frontdesk_core::printing::jobs`), builds each document from the
//! database, lays it out, sends it, and writes down how it went. It has its
//! own connection to the data file, so a printer that takes seconds to
//! answer never holds up the desk; the desk only ever writes a job row.

use std::path::PathBuf;
use std::time::Duration;

use frontdesk_core::Db;
use frontdesk_core::printing::jobs::{self, Claimed};
use frontdesk_core::printing::{Document, PdfFile, PrinterTarget};

use crate::device::{self, DeviceError, Job};
use crate::docs::{self, Paper, Rendered};

/// How often the thread looks for new jobs: a queued slip starts printing
/// within this time.
const POLL: Duration = Duration::from_millis(400);

/// The code a failed job carries (translated by the desk).
pub fn error_code(e: &DeviceError) -> &'static str {
    match e {
        DeviceError::NotFound { .. } => "not_found",
        DeviceError::Offline { .. } => "offline",
        DeviceError::OutOfPaper { .. } => "out_of_paper",
        DeviceError::Failed { .. } => "failed",
    }
}

/// Lay a document out for the printer it goes to.
pub fn render_for(doc: &Document, target: &PrinterTarget) -> Rendered {
    docs::render(doc, docs::paper_for(doc, target))
}

/// The document as the preview and the save dialog get it.
pub fn pdf_file(doc: &Document, target: &PrinterTarget) -> (PdfFile, Vec<u8>) {
    let rendered = render_for(doc, target);
    let paper = match rendered.paper {
        Paper::Roll80 => "roll80",
        Paper::A5 => "a5",
        Paper::A4 => "a4",
    };
    let file = PdfFile {
        title: rendered.title.clone(),
        base64: base64_encode(&rendered.pdf),
        pages: rendered.pages.len() as u32,
        bytes: rendered.pdf.len() as u32,
        paper: paper.to_string(),
        file_name: frontdesk_core::printing::file_name(doc),
    };
    (file, rendered.pdf)
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Print the oldest queued job, if any. Answers whether there was one.
pub fn run_next(db: &mut Db) -> frontdesk_core::Result<bool> {
    let Some(Claimed { job, document }) = jobs::claim_next(db)? else {
        return Ok(false);
    };
    // Layout and sending know no SQLite and hold no lock on the data file.
    let outcome = std::panic::catch_unwind(|| {
        let rendered = render_for(&document, &job.target);
        let roll = rendered.paper == Paper::Roll80;
        device::send(
            &job.target,
            &Job {
                title: rendered.title,
                pdf: rendered.pdf,
                pages: rendered.pages,
                copies: job.copies,
                roll,
            },
        )
    });
    let outcome = match outcome {
        Ok(Ok(sent)) => {
            tracing::info!(job = job.id.0, target = ?job.target, "printed");
            Ok(sent.job_id)
        }
        Ok(Err(e)) => Err((error_code(&e), e.to_string())),
        Err(_) => Err(("failed", "the document could not be laid out".to_string())),
    };
    if let Err((code, reason)) = &outcome {
        tracing::warn!(job = job.id.0, target = ?job.target, code, %reason, "print failed");
    }
    jobs::finish(db, job.id, outcome)?;
    Ok(true)
}

/// Start the printing thread on its own connection to the data file in
/// `data_dir`. Jobs left half-done by a previous run are marked
/// `interrupted` first, for a person to reprint: never printed twice by
/// themselves.
pub fn spawn(
    data_dir: PathBuf,
    clock: std::sync::Arc<dyn frontdesk_core::clock::Clock>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("printing".into())
        .spawn(move || {
            // Parse the font now, off the desk's critical path.
            let _ = crate::font::Font::get();
            // The desk checked the file at start; the queue reads only
            // what it prints (a full check here would read every page).
            let path = data_dir.join(frontdesk_core::storage::DB_FILE_NAME);
            let opened = Db::open_checked(&path, clock, frontdesk_core::storage::Check::Header);
            let mut db = match opened {
                Ok((db, _)) => db,
                Err(e) => {
                    tracing::error!(error = %e, "printing is off: cannot open the data file");
                    return;
                }
            };
            if let Err(e) = jobs::recover_interrupted(&mut db) {
                tracing::error!(error = %e, "printing");
            }
            loop {
                loop {
                    match run_next(&mut db) {
                        Ok(true) => continue,
                        Ok(false) => break,
                        Err(e) => {
                            tracing::error!(error = %e, "printing");
                            break;
                        }
                    }
                }
                std::thread::sleep(POLL);
            }
        })?;
    Ok(())
}
