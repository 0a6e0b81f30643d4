//! The print queue (`print_jobs`): a person asks for a document to be
//! printed (checked against her permission), the job is written down, and the
//! desk's printing thread takes jobs one at a time, so a slow or missing
//! printer never keeps the next customer waiting and no job is lost. A job
//! keeps the document's request, not its PDF: it is rebuilt from the
//! database when it runs.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Millis;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::PrintJobId;
use crate::staff::{self, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::settings::{self, PrinterTarget};
use super::views::{DocGroup, Document, DocumentRequest};
use super::{authorize_document, build, title};

crate::text_enum! {
    pub enum JobState {
        Queued = "queued",
        /// Being sent to the printer now.
        Printing = "printing",
        /// The printer (or the operating system's spooler) took it.
        Sent = "sent",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrintJob {
    pub id: PrintJobId,
    pub title: String,
    pub group: DocGroup,
    pub document: DocumentRequest,
    pub target: PrinterTarget,
    pub copies: u32,
    pub state: JobState,
    /// not_found, offline, out_of_paper, failed, interrupted, document.
    pub error_code: String,
    pub error: String,
    /// The operating system's job id, once sent.
    pub device_job: Option<String>,
    pub attempts: i64,
    pub requested_by: String,
    pub requested_at: Millis,
    pub updated_at: Millis,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintRequest {
    pub document: DocumentRequest,
    /// Another printer than the one set for the document's group.
    pub target: Option<PrinterTarget>,
    /// Copies; the group's setting when None.
    pub copies: Option<u32>,
}

const COLUMNS: &str = "j.id, j.title, j.doc_group, j.document, j.target, j.copies, j.state,
     j.error_code, j.error, j.device_job, j.attempts, s.staff_no || ' ' || s.name,
     j.requested_at, j.updated_at";

fn load(tx: &Tx<'_>, id: PrintJobId) -> Result<PrintJob> {
    tx.query_row(
        &format!(
            "SELECT {COLUMNS} FROM print_jobs j JOIN staff s ON s.id = j.requested_by
                 WHERE j.id = ?1"
        ),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound(Entity::PrintJob))?
}

type Row = Result<PrintJob>;

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let document: String = r.get(3)?;
    let target: String = r.get(4)?;
    let parsed = || -> Result<(DocumentRequest, PrinterTarget)> {
        Ok((
            serde_json::from_str(&document)?,
            serde_json::from_str(&target)?,
        ))
    };
    let head = (
        r.get::<_, PrintJobId>(0)?,
        r.get::<_, String>(1)?,
        r.get::<_, DocGroup>(2)?,
    );
    let rest = (
        r.get::<_, u32>(5)?,
        r.get::<_, JobState>(6)?,
        r.get::<_, String>(7)?,
        r.get::<_, String>(8)?,
        r.get::<_, Option<String>>(9)?,
        r.get::<_, i64>(10)?,
        r.get::<_, String>(11)?,
        r.get::<_, Millis>(12)?,
        r.get::<_, Millis>(13)?,
    );
    Ok(parsed().map(|(document, target)| PrintJob {
        id: head.0,
        title: head.1,
        group: head.2,
        document,
        target,
        copies: rest.0,
        state: rest.1,
        error_code: rest.2,
        error: rest.3,
        device_job: rest.4,
        attempts: rest.5,
        requested_by: rest.6,
        requested_at: rest.7,
        updated_at: rest.8,
    }))
}

fn insert(tx: &Tx<'_>, session: &Session, req: &PrintRequest, title: &str) -> Result<PrintJobId> {
    let group = req.document.group();
    let choice = settings::choice(tx, group)?;
    let chosen = req.target.is_some();
    let target = match &req.target {
        Some(t) => settings::check_target(t)?,
        None => choice.target,
    };
    let copies = match req.copies {
        Some(c) => validate::in_range("copies", i64::from(c), 1, 9)?,
        None => i64::from(choice.copies),
    };
    tx.execute(
        "INSERT INTO print_jobs (document, title, doc_group, target, chosen, copies,
                                 requested_by, requested_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        rusqlite::params![
            serde_json::to_string(&req.document)?,
            title,
            group,
            serde_json::to_string(&target)?,
            chosen,
            copies,
            session.staff_id,
            tx.now
        ],
    )?;
    Ok(PrintJobId(tx.last_insert_rowid()))
}

/// Put a document in the print queue. The document is built once here, so a
/// request for a visit that does not exist (or is still open) is refused now,
/// with the field named, and never reaches the queue.
pub fn print_document(db: &mut Db, session: &Session, req: PrintRequest) -> Result<PrintJob> {
    db.transact(|tx| {
        let by = authorize_document(tx, session, &req.document)?;
        let doc = build::build(tx, &req.document, &by)?;
        let id = insert(tx, session, &req, &title(&doc))?;
        load(tx, id)
    })
}

/// The newest jobs (at most 50), newest first.
pub fn print_jobs(db: &mut Db, session: &Session) -> Result<Vec<PrintJob>> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM print_jobs j JOIN staff s ON s.id = j.requested_by
             ORDER BY j.id DESC LIMIT 50"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<Row>>>()?;
        rows.into_iter().collect()
    })
}

/// Print a job again: a failed or cancelled job goes back in the queue; a
/// job that was sent is reprinted as a new job (the first stays in the
/// history). Unless the person chose its printer, it goes to the group's
/// printer as set now, so fixing the setting and pressing 重新打印 works.
pub fn retry_print_job(db: &mut Db, session: &Session, id: PrintJobId) -> Result<PrintJob> {
    db.transact(|tx| {
        let job = load(tx, id)?;
        authorize_document(tx, session, &job.document)?;
        let chosen: bool =
            tx.query_row("SELECT chosen FROM print_jobs WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        let target = if chosen {
            job.target.clone()
        } else {
            settings::choice(tx, job.group)?.target
        };
        match job.state {
            JobState::Failed | JobState::Cancelled => {
                tx.execute(
                    "UPDATE print_jobs SET state = 'queued', error_code = '', error = '',
                            target = ?3, updated_at = ?2 WHERE id = ?1",
                    rusqlite::params![id, tx.now, serde_json::to_string(&target)?],
                )?;
                load(tx, id)
            }
            JobState::Sent => {
                let req = PrintRequest {
                    document: job.document,
                    target: chosen.then_some(target),
                    copies: Some(job.copies),
                };
                let new = insert(tx, session, &req, &job.title)?;
                load(tx, new)
            }
            JobState::Queued | JobState::Printing => {
                Err(Error::invalid("id", Invalid::NotAvailable))
            }
        }
    })
}

/// Take a job out of the queue before it prints.
pub fn cancel_print_job(db: &mut Db, session: &Session, id: PrintJobId) -> Result<PrintJob> {
    db.transact(|tx| {
        let job = load(tx, id)?;
        authorize_document(tx, session, &job.document)?;
        if !matches!(job.state, JobState::Queued | JobState::Failed) {
            return Err(Error::invalid("id", Invalid::NotAvailable));
        }
        tx.execute(
            "UPDATE print_jobs SET state = 'cancelled', updated_at = ?2 WHERE id = ?1",
            rusqlite::params![id, tx.now],
        )?;
        load(tx, id)
    })
}

// ---------------------------------------------------------------- the printing thread

/// A job the printing thread has taken, with its document built.
pub struct Claimed {
    pub job: PrintJob,
    pub document: Document,
}

/// Take the oldest queued job and build its document. A job whose document
/// can no longer be built (its record was erased since) fails with
/// `document` and the next one is taken.
pub fn claim_next(db: &mut Db) -> Result<Option<Claimed>> {
    loop {
        let claimed = db.transact(|tx| {
            let id: Option<PrintJobId> = tx
                .query_row(
                    "SELECT id FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = id else { return Ok(None) };
            tx.execute(
                "UPDATE print_jobs SET state = 'printing', attempts = attempts + 1,
                        updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, tx.now],
            )?;
            let job = load(tx, id)?;
            let by = job.requested_by.clone();
            Ok(Some((job.clone(), build::build(tx, &job.document, &by))))
        })?;
        match claimed {
            None => return Ok(None),
            Some((job, Ok(document))) => return Ok(Some(Claimed { job, document })),
            Some((job, Err(e))) => finish(db, job.id, Err(("document", e.to_string())))?,
        }
    }
}

/// Record how a job went: the device's job id, or its error code and message.
pub fn finish(
    db: &mut Db,
    id: PrintJobId,
    outcome: std::result::Result<Option<String>, (&str, String)>,
) -> Result<()> {
    db.transact(|tx| {
        match outcome {
            Ok(device_job) => tx.execute(
                "UPDATE print_jobs SET state = 'sent', device_job = ?2, error_code = '',
                        error = '', updated_at = ?3 WHERE id = ?1",
                rusqlite::params![id, device_job, tx.now],
            )?,
            Err((code, message)) => tx.execute(
                "UPDATE print_jobs SET state = 'failed', error_code = ?2, error = ?3,
                        updated_at = ?4 WHERE id = ?1",
                rusqlite::params![id, code, message, tx.now],
            )?,
        };
        Ok(())
    })
}

/// At start-up: a job the app was printing when it stopped may or may not
/// have reached paper, so it fails as `interrupted` for the desk to decide,
/// rather than printing twice by itself.
pub fn recover_interrupted(db: &mut Db) -> Result<usize> {
    db.transact(|tx| {
        Ok(tx.execute(
            "UPDATE print_jobs SET state = 'failed', error_code = 'interrupted',
                    updated_at = ?1 WHERE state = 'printing'",
            [tx.now],
        )?)
    })
}
