//! The manager's reports (SPEC 3.10). They only read: every figure comes
//! from the tables their owners write (visits, membership, follow-ups,
//! complaints, gifts), by the shop's business day in its time zone
//! (`clock`), money exact to the fen.
//!
//! So far: the daily summary ([`daily`]) for a business day or a range of
//! days.

pub mod daily;

pub use daily::{
    ComplaintFigures, ConsultTimes, CustomerFigures, DailySummary, FollowupFigures, GiftFigure,
    MethodAmount, PackageSales, Rating, Revenue, ServiceCount, SummaryRequest, TopUps,
    VisitFigures, VoucherFigure, WaitTimes, daily_summary, daily_summary_in,
};
