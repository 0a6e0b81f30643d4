//! What each printed document shows, built from the database by
//! [`super::build`] and drawn by the print crate. Privacy is decided here,
//! once: phones are masked, an erased customer's personal fields are gone,
//! and allergies travel only for the stylist's copy to print.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaints::Complaint;
use crate::followups::FollowUp;
use crate::gifts::handover::Handover;
use crate::gifts::issuance::IssuanceSummary;
use crate::gifts::reconcile::Reconciliation;
use crate::gifts::rewards::{VisitGift, VisitVoucher};
use crate::ids::{ComplaintId, HandoverId, VisitId};
use crate::money::Fen;
use crate::reports::{DailySummary, ReportRequest, ReportTables};
use crate::staff::StaffRef;

use super::settings::PrinterTarget;
use crate::visits::{BillLine, MeasurementPair, Payment, ProductUsed};

crate::text_enum! {
    /// The service slip's paper.
    pub enum SlipPaper {
        /// 80 mm thermal roll (72 mm printable).
        Roll80 = "roll80",
        /// A5 sheet.
        A5 = "a5",
    }
}

crate::text_enum! {
    /// Documents that share a printer and its number of copies.
    pub enum DocGroup {
        /// Service slips (服务单).
        Slip = "slip",
        /// Care-plan prescriptions (二联单).
        CarePlan = "care_plan",
        /// Handover records and the daily close (交接班记录).
        Sheet = "sheet",
        /// Reconciliation, follow-up lists, complaint records.
        Report = "report",
    }
}

/// A document to print, preview or save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentRequest {
    /// The service slip of a checked-out (or voided) visit.
    Slip { visit_id: VisitId },
    /// The care plan of a visit's consultation (二联单).
    CarePlan { visit_id: VisitId },
    /// A confirmed shift handover or daily close.
    Handover { handover_id: HandoverId },
    /// The day's gift and voucher issuance with its closing count.
    DailyClose { date: String },
    /// The gift/voucher reconciliation for a period.
    Reconciliation { from: String, to: String },
    /// The daily summary (日报) of a business day or a range of days.
    DailySummary { from: String, to: String },
    /// The follow-up calls due on a day (today's queue).
    Followups { date: String },
    /// Any report as its tables (the staff report, the customer report, a
    /// trend, a customer list; the daily summary too, though it has its own).
    Report { report: ReportRequest },
    /// A complaint, as the manual's complaint form.
    Complaint { complaint_id: ComplaintId },
    /// A test page for a printer.
    TestPage,
}

impl DocumentRequest {
    pub fn group(&self) -> DocGroup {
        match self {
            DocumentRequest::Slip { .. } | DocumentRequest::TestPage => DocGroup::Slip,
            DocumentRequest::CarePlan { .. } => DocGroup::CarePlan,
            DocumentRequest::Handover { .. } | DocumentRequest::DailyClose { .. } => {
                DocGroup::Sheet
            }
            DocumentRequest::Reconciliation { .. }
            | DocumentRequest::DailySummary { .. }
            | DocumentRequest::Report { .. }
            | DocumentRequest::Followups { .. }
            | DocumentRequest::Complaint { .. } => DocGroup::Report,
        }
    }
}

/// The shop as its paper names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShopHeader {
    pub name: String,
    pub address: String,
    pub phone: String,
}

/// Who printed a document and when (shop's local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    pub at: String,
    pub by: String,
}

/// The customer as a slip prints her: never her full phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlipCustomer {
    pub name: String,
    /// 138****5678; empty when she has none or was erased.
    pub phone: String,
    pub tier: Option<String>,
    /// Allergies and contraindications: printed on the stylist copy only.
    pub alert: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageLeft {
    pub name: String,
    pub sessions_left: i64,
    /// A session of it paid a line of this visit.
    pub used_here: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoidMark {
    pub at: String,
    pub by: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlipView {
    pub shop: ShopHeader,
    pub paper: SlipPaper,
    pub three_part: bool,
    pub slip_no: String,
    /// Checkout time, local.
    pub at: String,
    /// None: a walk-in with no card; `walk_in` names her.
    pub customer: Option<SlipCustomer>,
    pub walk_in: String,
    pub stylist: Option<StaffRef>,
    pub consultant: Option<StaffRef>,
    pub lines: Vec<BillLine>,
    pub subtotal: Fen,
    pub discount: Fen,
    pub total: Fen,
    pub vouchers_redeemed: Vec<VisitVoucher>,
    /// Paid from stored value.
    pub stored_value: Fen,
    pub payments: Vec<Payment>,
    pub tendered: Fen,
    pub change: Fen,
    /// Her stored-value balance after this visit.
    pub balance_after: Option<Fen>,
    pub packages: Vec<PackageLeft>,
    pub gifts: Vec<VisitGift>,
    pub vouchers_issued: Vec<VisitVoucher>,
    /// 12月15日 14:00 · 3号 王芳.
    pub next_appointment: Option<String>,
    pub home_care: String,
    pub recommendations: String,
    /// For the stylist copy.
    pub service_notes: String,
    pub products_used: Vec<ProductUsed>,
    pub measurements: Vec<MeasurementPair>,
    pub void: Option<VoidMark>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarePlanView {
    pub shop: ShopHeader,
    pub slip_no: String,
    pub date: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub consultant: Option<StaffRef>,
    pub stylist: Option<StaffRef>,
    pub needs: String,
    /// The plan: services and their course.
    pub care_plan: String,
    pub interval_days: Option<i64>,
    pub services: Vec<String>,
    /// Home-care products sold or recommended.
    pub products: Vec<String>,
    /// 叮嘱: home-care instructions.
    pub home_care: String,
    pub recommendations: String,
    pub next_appointment: Option<String>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverView {
    pub shop: ShopHeader,
    pub handover: Handover,
    pub counted_at: String,
    pub confirmed_at: Option<String>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyCloseView {
    pub shop: ShopHeader,
    pub summary: IssuanceSummary,
    /// The day's closing count, if it was made.
    pub close: Option<HandoverView>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconciliationView {
    pub shop: ShopHeader,
    pub reconciliation: Reconciliation,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailySummaryView {
    pub shop: ShopHeader,
    pub summary: DailySummary,
    pub printed: Printed,
}

/// A report as the tables its CSV carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportView {
    pub shop: ShopHeader,
    pub tables: ReportTables,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowupListView {
    pub shop: ShopHeader,
    pub date: String,
    /// Phones masked.
    pub tasks: Vec<FollowUp>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintView {
    pub shop: ShopHeader,
    pub complaint: Complaint,
    pub customer_phone: String,
    pub opened_at: String,
    pub answer_due_at: String,
    pub answered_at: Option<String>,
    pub closed_at: Option<String>,
    /// Each action's local time, in the order of `complaint.actions`.
    pub action_times: Vec<String>,
    pub printed: Printed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestPageView {
    pub shop: ShopHeader,
    pub printed: Printed,
}

/// A document ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Document {
    Slip(SlipView),
    CarePlan(CarePlanView),
    Handover(HandoverView),
    DailyClose(DailyCloseView),
    Reconciliation(ReconciliationView),
    DailySummary(DailySummaryView),
    Report(ReportView),
    Followups(FollowupListView),
    Complaint(ComplaintView),
    TestPage(TestPageView),
}

/// A document as a PDF, for the preview (the shell renders it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PdfFile {
    pub title: String,
    /// The PDF's bytes, base64.
    pub base64: String,
    pub pages: u32,
    pub bytes: u32,
    /// The paper it was laid out on: roll80, a5 or a4.
    pub paper: String,
    /// A file name to suggest when saving (the title, made safe).
    pub file_name: String,
}

/// A document to preview on a printer other than its group's (None: the
/// group's), so the preview shows the paper that printer takes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewRequest {
    pub document: DocumentRequest,
    pub target: Option<PrinterTarget>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveDocumentRequest {
    pub document: DocumentRequest,
    /// Where to write it, as the save dialog answered.
    pub path: String,
}

/// A printer the operating system knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrinterInfo {
    pub name: String,
    pub is_default: bool,
}
