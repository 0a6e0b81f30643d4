//! The visit's types: its stage and status, what each command asks, and
//! what the desk sees of a visit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Millis;
use crate::gifts::rewards::{AppliedVoucher, BirthdayOffer, GiftIssue, Offer, VisitRewards};
use crate::ids::{
    AppointmentId, ComplaintId, CustomerId, MetricId, PackageId, ProductId, ServiceId, StaffId,
    VisitId,
};
use crate::money::{Fen, PayMethod};
use crate::staff::StaffRef;

crate::text_enum! {
    /// Where a visit is in the six-stage flow; checkout, cancel and void all
    /// end at `done` (see [`VisitStatus`]).
    pub enum Stage {
        /// 迎客
        Greet = "greet",
        /// 咨询
        Consult = "consult",
        /// 服务
        Service = "service",
        /// 再咨询
        Reconsult = "reconsult",
        /// Checked out, cancelled or voided.
        Done = "done",
    }
}

impl Stage {
    /// The order stages are passed in.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

crate::text_enum! {
    pub enum VisitStatus {
        Open = "open",
        CheckedOut = "checked_out",
        Cancelled = "cancelled",
        Voided = "voided",
    }
}

crate::text_enum! {
    /// A line of the bill: a service or a retail product.
    pub enum LineKind {
        Service = "service",
        Product = "product",
    }
}

crate::text_enum! {
    /// Measurements are taken before the service and after it.
    pub enum Phase {
        Pre = "pre",
        Post = "post",
    }
}

// ---------------------------------------------------------------- requests

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckInRequest {
    /// None for an anonymous walk-in.
    pub customer_id: Option<CustomerId>,
    /// How the desk tells an anonymous walk-in apart ("穿红外套的女士").
    pub walk_in_label: String,
    /// Checking in a booked appointment.
    pub appointment_id: Option<AppointmentId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdvanceRequest {
    pub visit_id: VisitId,
    /// The stage to move to; checkout has its own command.
    pub to: Stage,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasurementInput {
    pub metric_id: MetricId,
    /// In units of 10^-decimals of the metric (45.5 % with one decimal is 455).
    pub value: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsultRequest {
    pub visit_id: VisitId,
    /// What she asked for, in her words.
    pub needs: String,
    /// Pre-service measurements.
    pub measurements: Vec<MeasurementInput>,
    /// Chosen services from the menu, one line each.
    pub services: Vec<ServiceId>,
    pub stylist_id: Option<StaffId>,
    /// A care plan (疗程) for a new course: services, frequency, home care.
    pub care_plan: String,
    /// The course's frequency (every N days), used to suggest the next appointment.
    pub care_interval_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductUse {
    pub product_id: ProductId,
    /// How much ("2 ml", "半支"), free text.
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceNotesRequest {
    pub visit_id: VisitId,
    pub products_used: Vec<ProductUse>,
    pub notes: String,
    /// What the customer asked for that the consultant should know.
    pub remarks_for_consultant: String,
    /// Post-service measurements taken at the chair (optional).
    pub measurements: Vec<MeasurementInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReconsultRequest {
    pub visit_id: VisitId,
    /// 1–5 (很不满意 … 非常满意), 0 for 不知道, None not asked.
    pub service_rating: Option<i64>,
    pub stylist_rating: Option<i64>,
    pub comments: String,
    /// The comments are a complaint (opens one even with good ratings).
    pub comments_are_complaint: bool,
    pub measurements: Vec<MeasurementInput>,
    pub home_care: String,
    pub recommendations: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductSale {
    pub product_id: ProductId,
    pub qty: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Payment {
    pub method: PayMethod,
    pub amount: Fen,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckoutRequest {
    pub visit_id: VisitId,
    /// Products bought (replaces any product lines).
    pub products: Vec<ProductSale>,
    /// Must add up to the bill's total exactly.
    pub payments: Vec<Payment>,
    /// Cash handed over, when paying cash; the change is worked out from it.
    pub tendered: Fen,
    /// The desk reminded her of her belongings (储物柜, 外套, 伞).
    pub belongings_checked: bool,
    /// Paid from her stored-value balance (0 for none); with `payments` it
    /// must add up to the total exactly.
    pub stored_value: Fen,
    /// Service lines paid by a package session.
    pub package_uses: Vec<PackageUse>,
    /// Voucher serials taken as payment (each pays at most what is due on
    /// the lines it may pay for; see `gifts::rewards`).
    pub vouchers: Vec<String>,
    /// The gifts and vouchers the spend earned, handed over now.
    pub gifts: Option<GiftIssue>,
}

/// One service line of the bill paid by a session of one of her packages.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageUse {
    pub package_id: PackageId,
    pub service_id: ServiceId,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseVisitRequest {
    pub visit_id: VisitId,
    pub reason: String,
}

/// A manager's void of a checked-out visit.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VoidVisitRequest {
    pub visit_id: VisitId,
    pub reason: String,
    /// The customer gave back the gifts and vouchers the visit issued
    /// (otherwise they are recorded as not recovered, and its vouchers cancelled).
    pub gifts_recovered: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachCustomerRequest {
    pub visit_id: VisitId,
    pub customer_id: CustomerId,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuoteRequest {
    pub visit_id: VisitId,
    pub products: Vec<ProductSale>,
    pub package_uses: Vec<PackageUse>,
    pub vouchers: Vec<String>,
}

// ---------------------------------------------------------------- responses

/// Who the visit is for, as the desk sees her at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitCustomer {
    pub id: CustomerId,
    pub name: String,
    /// 李姐 / 李女士.
    pub address_as: String,
    /// Allergies and contraindications, shown in red.
    pub alert: Option<String>,
    pub vip: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BillLine {
    pub kind: LineKind,
    /// The service's id (a service line) or the product's (a product line).
    pub item_id: i64,
    pub name: String,
    pub category: String,
    pub unit: Fen,
    pub qty: i64,
    /// The tier discount, or the whole price when a package session pays it.
    pub discount: Fen,
    pub amount: Fen,
    /// The package whose session pays this line.
    pub package_id: Option<PackageId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Bill {
    pub lines: Vec<BillLine>,
    pub subtotal: Fen,
    pub discount: Fen,
    pub total: Fen,
}

/// The bill as checkout would take it: vouchers applied, what is left to pay,
/// the spend that counts for gifts, and what it earns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Quote {
    pub bill: Bill,
    pub vouchers: Vec<AppliedVoucher>,
    /// The total less the vouchers: what stored value and payments must cover.
    pub due: Fen,
    /// What counts towards a promotion's tiers: the total less the vouchers.
    pub spend: Fen,
    /// Tiers the spend reaches today, highest first.
    pub offers: Vec<Offer>,
    /// Her tier's birthday gift, in her birthday month.
    pub birthday: Option<BirthdayOffer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductUsed {
    pub product_id: ProductId,
    pub name: String,
    pub amount: String,
}

/// One metric before and after the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeasurementPair {
    pub metric_id: MetricId,
    pub name: String,
    pub unit: String,
    pub decimals: i64,
    pub pre: Option<i64>,
    pub post: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StageEvent {
    pub stage: Stage,
    pub at: Millis,
    pub staff: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Visit {
    pub id: VisitId,
    pub customer: Option<VisitCustomer>,
    pub walk_in_label: String,
    pub from_appointment: Option<AppointmentId>,
    pub stage: Stage,
    pub status: VisitStatus,
    pub stage_since: Millis,
    pub business_date: String,
    pub slip_no: Option<String>,
    pub arrived_at: Millis,
    pub greeted_by: Option<StaffRef>,
    pub consultant: Option<StaffRef>,
    pub stylist: Option<StaffRef>,
    /// No earlier checked-out visit: the consult standard is 20 minutes, not 15.
    pub new_customer: bool,
    pub needs: String,
    pub care_plan: String,
    pub care_interval_days: Option<i64>,
    pub consult_started_at: Option<Millis>,
    pub consult_ended_at: Option<Millis>,
    pub service_started_at: Option<Millis>,
    pub service_ended_at: Option<Millis>,
    pub service_notes: String,
    pub remarks_for_consultant: String,
    pub products_used: Vec<ProductUsed>,
    pub service_rating: Option<i64>,
    pub stylist_rating: Option<i64>,
    pub comments: String,
    pub home_care: String,
    pub recommendations: String,
    pub measurements: Vec<MeasurementPair>,
    pub bill: Bill,
    pub payments: Vec<Payment>,
    pub tendered: Fen,
    pub change: Fen,
    /// Paid from her stored-value balance at checkout.
    pub stored_value: Fen,
    pub belongings_checked: bool,
    pub closed_at: Option<Millis>,
    pub closed_by: Option<StaffRef>,
    pub close_reason: String,
    pub voided_at: Option<Millis>,
    pub voided_by: Option<StaffRef>,
    pub void_reason: String,
    pub stages: Vec<StageEvent>,
    /// The complaint a low rating opened, if any.
    pub complaint_id: Option<ComplaintId>,
    /// Follow-up calls scheduled by this visit's checkout.
    pub followup_due: Vec<String>,
    /// Gifts and vouchers issued, vouchers redeemed.
    pub rewards: VisitRewards,
}
