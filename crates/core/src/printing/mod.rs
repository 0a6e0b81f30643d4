//! Printed documents, as data: what each document shows ([`views`], built by
//! [`build`] from the database), who may print it, the print settings and
//! the print queue. Drawing them is the print crate's (`frontdesk-print`),
//! which depends on this module's types and never on SQLite.

mod build;
pub mod jobs;
pub mod settings;
pub mod views;

pub use jobs::{PrintJob, PrintRequest};
pub use settings::{PrintSettings, PrinterChoice, PrinterTarget};
pub use views::{
    DocGroup, Document, DocumentRequest, PdfFile, PreviewRequest, PrinterInfo, SaveDocumentRequest,
    SlipPaper,
};

use crate::error::Result;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

/// Who may print (or preview, or save) a document: whoever may see it.
pub fn permission(req: &DocumentRequest) -> Permission {
    match req {
        DocumentRequest::Slip { .. } | DocumentRequest::TestPage => Permission::RunVisits,
        DocumentRequest::CarePlan { .. } => Permission::ViewCustomers,
        DocumentRequest::Handover { .. } | DocumentRequest::DailyClose { .. } => {
            Permission::HandleGifts
        }
        DocumentRequest::Reconciliation { .. } => Permission::ReconcileGifts,
        DocumentRequest::DailySummary { .. } | DocumentRequest::Report { .. } => {
            Permission::ViewReports
        }
        DocumentRequest::Followups { .. } => Permission::MakeFollowUps,
        DocumentRequest::Complaint { .. } => Permission::HandleComplaints,
    }
}

/// Check the session may have this document; answer her name for
/// "printed by".
fn authorize_document(tx: &Tx<'_>, session: &Session, req: &DocumentRequest) -> Result<String> {
    staff::authorize(tx, session, permission(req))?;
    Ok(staff::staff_ref(tx, Some(session.staff_id))?
        .map(|s| format!("{} {}", s.staff_no, s.name))
        .unwrap_or_default())
}

/// A document for the session, to preview or save.
pub fn document(db: &mut Db, session: &Session, req: &DocumentRequest) -> Result<Document> {
    db.read(|tx| {
        let by = authorize_document(tx, session, req)?;
        build::build(tx, req, &by)
    })
}

/// A document for the session with the printer it would print on (the one
/// asked for, checked, or its group's), for the preview, which shows the
/// paper that printer takes.
pub fn document_for_printer(
    db: &mut Db,
    session: &Session,
    req: &DocumentRequest,
    target: Option<&PrinterTarget>,
) -> Result<(Document, PrinterTarget)> {
    db.read(|tx| {
        let by = authorize_document(tx, session, req)?;
        let doc = build::build(tx, req, &by)?;
        let target = match target {
            Some(t) => settings::check_target(t)?,
            None => settings::choice(tx, req.group())?.target,
        };
        Ok((doc, target))
    })
}

/// The document's title: the PDF's title, the print job's name and the
/// suggested file name.
pub fn title(doc: &Document) -> String {
    match doc {
        Document::Slip(s) => format!("服务单 {}", s.slip_no),
        Document::CarePlan(c) => format!("护理方案 {}", c.slip_no),
        Document::Handover(h) => {
            format!("交接班记录 {}", h.handover.no.clone().unwrap_or_default())
        }
        Document::DailyClose(d) => format!("闭店汇总 {}", d.summary.date),
        Document::Reconciliation(r) => format!(
            "赠品与礼券对账 {} 至 {}",
            r.reconciliation.from, r.reconciliation.to
        ),
        Document::DailySummary(d) if d.summary.from == d.summary.to => {
            format!("营业日报 {}", d.summary.from)
        }
        Document::DailySummary(d) => {
            format!("营业日报 {} 至 {}", d.summary.from, d.summary.to)
        }
        Document::Report(r) => format!("{} {}", r.tables.title, r.tables.subtitle),
        Document::Followups(f) => format!("回访清单 {}", f.date),
        Document::Complaint(c) => format!("顾客投诉记录 {}", c.complaint.id.0),
        Document::TestPage(_) => "打印测试页".to_string(),
    }
}

/// A file name for a document: its title with the characters Windows and
/// macOS refuse in names replaced.
pub fn file_name(doc: &Document) -> String {
    let safe: String = title(doc)
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    format!("{}.pdf", safe.trim())
}
