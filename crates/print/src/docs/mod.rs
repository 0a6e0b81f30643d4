//! Every printed document: a view from the core to [`Part`]s on a paper,
//! then to pages and PDF bytes ([`render`]).

mod care_plan;
mod compose;
mod reports;
mod sheets;
pub mod slip;
mod summary;
mod tables;

use frontdesk_core::printing::{Document, PrinterTarget, SlipPaper, title};

use crate::layout::{Page, Part, Sheet, lay_out};
use compose::Compose;

/// The paper a document is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Roll80,
    A5,
    A4,
}

impl Paper {
    pub fn sheet(self) -> Sheet {
        match self {
            Paper::Roll80 => Sheet::ROLL_80,
            Paper::A5 => Sheet::A5,
            Paper::A4 => Sheet::A4,
        }
    }
}

/// The paper a document takes on a printer: a raw thermal printer has only
/// its roll; otherwise the slip follows the shop's setting, the care plan
/// and handover records are A5, the reports A4.
pub fn paper_for(doc: &Document, target: &PrinterTarget) -> Paper {
    if !matches!(target, PrinterTarget::System { .. }) {
        return Paper::Roll80;
    }
    match doc {
        Document::Slip(s) => match s.paper {
            SlipPaper::Roll80 => Paper::Roll80,
            SlipPaper::A5 => Paper::A5,
        },
        Document::CarePlan(_) | Document::Handover(_) | Document::TestPage(_) => Paper::A5,
        Document::DailyClose(_)
        | Document::Reconciliation(_)
        | Document::DailySummary(_)
        | Document::Report(_)
        | Document::Followups(_)
        | Document::Complaint(_) => Paper::A4,
    }
}

/// A document laid out and written.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub title: String,
    pub paper: Paper,
    pub pages: Vec<Page>,
    pub pdf: Vec<u8>,
}

/// The document's parts on `paper`.
pub fn parts(doc: &Document, paper: Paper) -> Vec<Part> {
    let sheet = paper.sheet();
    match doc {
        Document::Slip(v) => slip::parts(v, &sheet),
        Document::CarePlan(v) => care_plan::parts(v, &sheet),
        Document::Handover(v) => sheets::handover(v, &sheet),
        Document::DailyClose(v) => sheets::daily_close(v, &sheet),
        Document::Reconciliation(v) => reports::reconciliation(v, &sheet),
        Document::DailySummary(v) => summary::daily_summary(v, &sheet),
        Document::Report(v) => tables::report(v, &sheet),
        Document::Followups(v) => reports::followups(v, &sheet),
        Document::Complaint(v) => reports::complaint(v, &sheet),
        Document::TestPage(v) => {
            let mut c = Compose::new(&sheet);
            c.shop(&v.shop);
            c.title("打印测试页");
            c.text("欢迎您再次光临 迎客 咨询 服务 再咨询 送客 回访");
            c.text("0123456789 ¥1,234.50 ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            c.amount("深层补水护理", frontdesk_core::money::Fen(38_800));
            c.rule();
            c.small("如果这一页完整清晰，打印机设置正确。");
            c.printed(&v.printed);
            vec![c.finish("打印测试页")]
        }
    }
}

pub fn render(doc: &Document, paper: Paper) -> Rendered {
    let title = title(doc);
    let pages = lay_out(paper.sheet(), &parts(doc, paper));
    let pdf = crate::pdf::write(&title, &pages);
    Rendered {
        title,
        paper,
        pages,
        pdf,
    }
}
