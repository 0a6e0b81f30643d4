//! The ids of the shop's records, one type each, so a visit id cannot be
//! passed where a complaint id belongs. Each is an `i64` row id underneath:
//! it is stored in SQLite as an integer, crosses to the UI as a number, and
//! prints as `#42`. Human numbers (slip numbers, staff numbers, card numbers)
//! are separate fields with their own formats, never these.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
        )]
        #[serde(transparent)]
        #[ts(export, type = "number")]
        pub struct $name(pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "#{}", self.0)
            }
        }
    )*};
}

ids! {
    /// A customer's card (顾客档案卡).
    CustomerId;
    /// A staff member (not her staff number, which people type).
    StaffId;
    /// A visit (not its slip number).
    VisitId;
    AppointmentId;
    /// A follow-up call task (回访).
    FollowUpId;
    /// A complaint (投诉).
    ComplaintId;
    /// A membership tier (会员等级).
    TierId;
    /// A package card (次卡 / 疗程卡) a customer bought.
    PackageId;
    /// A service on the menu.
    ServiceId;
    /// A retail product.
    ProductId;
    /// A measurement metric (skin moisture, oil, ...).
    MetricId;
    /// A dated note on a customer's card.
    NoteId;
    /// A gift item (赠品) the shop gives away.
    GiftItemId;
    /// A kind of voucher (赠券): face value, validity, serial format.
    VoucherTypeId;
    /// A received range of voucher serials (one warehouse out-slip).
    VoucherBatchId;
    /// A promotion (活动) with its spend tiers.
    PromotionId;
    /// A spend tier (档级) of a promotion.
    PromotionTierId;
    /// A shift handover or daily close (交接班 / 闭店盘点).
    HandoverId;
    /// A counted line of a handover.
    HandoverLineId;
    /// An open matter a handover passes on.
    MatterId;
    /// A job in the print queue.
    PrintJobId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_integers_in_sqlite_and_numbers_in_json() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: VisitId = c
            .query_row("SELECT ?1", [VisitId(42)], |r| r.get(0))
            .unwrap();
        assert_eq!(back, VisitId(42));
        let kind: String = c
            .query_row("SELECT typeof(?1)", [ComplaintId(7)], |r| r.get(0))
            .unwrap();
        assert_eq!(kind, "integer");
        assert_eq!(serde_json::to_string(&CustomerId(5)).unwrap(), "5");
        assert_eq!(
            serde_json::from_str::<FollowUpId>("9").unwrap(),
            FollowUpId(9)
        );
        assert_eq!(VisitId(3).to_string(), "#3");
    }
}
