//! The daily summary (日报) for a business day or a range of days: what the
//! manager reads every morning about yesterday and at month-end about the
//! month.
//!
//! **Which day a figure falls on.** Every figure counts once, on the shop's
//! business day (its time zone) of one instant:
//! - a visit on the day it closed (checked out, cancelled; a voided visit
//!   keeps the day of its checkout), an open visit on the day it arrived —
//!   so a visit that arrived at 23:50 and checked out at 00:01 is the next
//!   day's;
//! - money, ratings, services, gifts and vouchers of a visit with the visit;
//!   only checked-out visits count (a voided visit's money, sessions,
//!   ratings, gifts and vouchers count nowhere: it is only counted as voided);
//! - top-ups, bonuses, refunds and package sales when they were made;
//! - follow-ups done when they were closed; overdue ones on the day they
//!   were due; complaints on the day they were opened.
//!
//! **Money.** Revenue is what checked-out visits billed: money taken (cash,
//! card, mobile), stored value spent and vouchers taken add up to it exactly.
//! Package sessions pay nothing at checkout (their price was received when
//! the package was sold); they are shown apart, with their menu value.
//! Top-ups and package sales are money received against a liability created
//! (a bonus is liability without money).

//!
//! One module per section of the report: `visits` (visits and customers),
//! `money` (revenue by method, stored value, packages, the till), `service`
//! (services done, ratings, times against the standards), `aftercare`
//! (follow-ups and complaints) and `gifts` (gifts and vouchers). This one
//! holds the request, the whole summary, its period and the entry points.

mod aftercare;
mod gifts;
mod money;
mod service;
mod visits;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::flow;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

pub use aftercare::{ComplaintFigures, FollowupFigures};
pub use gifts::{GiftFigure, VoucherFigure};
pub use money::{MethodAmount, PackageSales, Revenue, TopUps};
pub use service::{ConsultTimes, ServiceCount, WaitTimes};

use crate::reports::figures::{Period, Rating};
pub use visits::{CustomerFigures, VisitFigures};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryRequest {
    /// Business dates, YYYY-MM-DD, inclusive (the same day twice for one day).
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DailySummary {
    pub from: String,
    pub to: String,
    pub days: i64,
    pub visits: VisitFigures,
    pub customers: CustomerFigures,
    pub revenue: Revenue,
    pub top_ups: TopUps,
    pub packages: PackageSales,
    /// Money into the till per method: visits, top-ups and package sales,
    /// less refunds.
    pub money_in: Vec<MethodAmount>,
    pub services: Vec<ServiceCount>,
    pub service_rating: Rating,
    pub stylist_rating: Rating,
    pub followups: FollowupFigures,
    pub complaints: ComplaintFigures,
    pub gifts: Vec<GiftFigure>,
    pub vouchers: Vec<VoucherFigure>,
    /// Consultations of the period's visits (voided ones aside).
    pub consultations: ConsultTimes,
    /// Arrival → consultation started.
    pub waiting_for_consult: WaitTimes,
    /// Re-consultation → checkout.
    pub waiting_to_leave: WaitTimes,
}

/// The daily summary for the session (managers: `ViewReports`).
pub fn daily_summary(db: &mut Db, session: &Session, req: SummaryRequest) -> Result<DailySummary> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        daily_summary_in(tx, &req)
    })
}

/// The summary read in `tx` (no permission check: the caller's).
pub fn daily_summary_in(tx: &Tx<'_>, req: &SummaryRequest) -> Result<DailySummary> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let rules = flow::load(tx)?;
    let visits = visits::visit_rows(tx, &p)?;
    let (service_rating, stylist_rating) = service::ratings(&visits);
    let (waiting_for_consult, waiting_to_leave) = service::waits(&visits, &rules);
    let customers = visits::customer_figures(tx, &p, &visits)?;
    let revenue = money::revenue(tx, &p)?;
    let top_ups = money::top_ups(tx, &p)?;
    let packages = money::package_sales(tx, &p)?;
    Ok(DailySummary {
        days: p.days(),
        visits: visits::visit_figures(&visits),
        customers,
        money_in: money::money_in(&revenue, &top_ups, &packages),
        revenue,
        top_ups,
        packages,
        services: service::services(tx, &p)?,
        service_rating,
        stylist_rating,
        followups: aftercare::followups(tx, &p)?,
        complaints: aftercare::complaints(tx, &p)?,
        gifts: gifts::gifts(tx, &p)?,
        vouchers: gifts::vouchers(tx, &p)?,
        consultations: service::consultations(&visits, &rules),
        waiting_for_consult,
        waiting_to_leave,
        from: p.from.clone(),
        to: p.to.clone(),
    })
}

/// The checked-out visits of the period.
const CHECKED_OUT: &str =
    "SELECT id FROM visits WHERE status = 'checked_out' AND closed_at >= ?1 AND closed_at < ?2";
