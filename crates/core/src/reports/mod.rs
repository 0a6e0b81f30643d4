//! The manager's reports (SPEC 3.10). They only read: every figure comes
//! from the tables their owners write (visits, membership, follow-ups,
//! complaints, gifts), by the shop's business day in its time zone
//! (`clock`), money exact to the fen. The one thing they write is a
//! campaign's follow-ups, through `followups`.
//!
//! - [`daily`]: the daily summary (营业日报) for a day or a range;
//! - [`staff`]: per stylist and staff member, ranked (员工业绩);
//! - [`customers`]: sources, first visits, classes, tiers, dormant counts;
//! - [`lists`]: the dormant and birthday lists, paged, and their follow-ups;
//! - [`trends`]: figures by day, week or month, for the charts;
//! - [`drill`]: the visits behind a figure; [`rows`]: the money rows behind
//!   one; [`care_rows`]: the follow-ups and complaints behind one;
//! - [`sheets`]: every report as tables, for CSV and paper alike.

pub mod care_rows;
pub mod customers;
pub mod daily;
pub mod drill;
pub(crate) mod figures;
pub mod lists;
pub mod rows;
pub mod sheets;
pub mod staff;
pub mod trends;

pub use care_rows::{CareRow, CareRowKind, CareRows, CareRowsRequest, care_rows};
pub use customers::{ClassCount, CustomerReport, DormantCount, SourceCount, customer_report};
pub use daily::{
    ComplaintFigures, ConsultTimes, CustomerFigures, DailySummary, FollowupFigures, GiftFigure,
    MethodAmount, PackageSales, Revenue, ServiceCount, SummaryRequest, TopUps, VisitFigures,
    VoucherFigure, WaitTimes, daily_summary, daily_summary_in,
};
pub use drill::{ReportVisit, ReportVisits, ReportVisitsRequest, VisitFilter, report_visits};
pub use figures::Rating;
pub use lists::{
    CustomerList, CustomerListKind, CustomerListRequest, ListFollowUps, ListFollowUpsRequest,
    ListedCustomer, customer_list, list_follow_ups,
};
pub use rows::{MoneyRow, MoneyRowKind, MoneyRows, MoneyRowsRequest, money_rows};
pub use sheets::{ReportRequest, ReportTables, export_report};
pub use staff::{StaffFigures, StaffReport, staff_report};
pub use trends::{Bucket, Trend, TrendPoint, TrendRequest, trend};
