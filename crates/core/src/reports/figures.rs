//! What every report shares: its period (business dates and the instants
//! they span in the shop's time zone) and how a rating is averaged.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{self, Millis};
use crate::error::Result;
use crate::gifts::reconcile::{self, PeriodRequest};
use crate::shop;
use crate::storage::Tx;

/// A report's period: business dates `first..=last` and the instants
/// `[start, end)` they span in the shop's time zone.
pub(crate) struct Period {
    pub(crate) start: Millis,
    pub(crate) end: Millis,
    /// YYYY-MM-DD.
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) first: NaiveDate,
    pub(crate) last: NaiveDate,
    pub(crate) tz: Tz,
}

impl Period {
    /// `from`..=`to` checked like every period (calendar dates, `to` not
    /// before `from`, at most three years; the field named).
    pub(crate) fn resolve(tx: &Tx<'_>, from: &str, to: &str) -> Result<Period> {
        let (from, to) = reconcile::period(&PeriodRequest {
            from: from.to_string(),
            to: to.to_string(),
        })?;
        let tz = shop::time_zone(tx)?;
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let (first, last) = (date(&from), date(&to));
        let (start, _) = clock::day_bounds(first, tz);
        let (_, end) = clock::day_bounds(last, tz);
        Ok(Period {
            start,
            end,
            from,
            to,
            first,
            last,
            tz,
        })
    }

    /// Days in the period, both ends counted.
    pub(crate) fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

/// Ratings 1–5 given at checkout (0 "不知道" apart).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Rating {
    pub rated: i64,
    pub sum: i64,
    /// Answered "不知道".
    pub unknown: i64,
    /// sum / rated in tenths, rounded half up; None when nobody rated.
    pub average_tenths: Option<i64>,
}

/// Adds ratings up; `finish` gives the [`Rating`].
#[derive(Default)]
pub(crate) struct RatingSum(Rating);

impl RatingSum {
    pub(crate) fn add(&mut self, r: Option<i64>) {
        match r {
            Some(0) => self.0.unknown += 1,
            Some(n) => {
                self.0.rated += 1;
                self.0.sum += n;
            }
            None => {}
        }
    }
    /// `rated` ratings 1–5 adding up to `sum`, and `unknown` "不知道".
    pub(crate) fn add_many(&mut self, rated: i64, sum: i64, unknown: i64) {
        self.0.rated += rated;
        self.0.sum += sum;
        self.0.unknown += unknown;
    }
    pub(crate) fn finish(mut self) -> Rating {
        let r = &mut self.0;
        r.average_tenths = (r.rated > 0).then(|| (r.sum * 20 + r.rated) / (r.rated * 2));
        self.0
    }
}

/// `part / whole` in tenths of a percent, rounded half up; None of nothing.
pub(crate) fn permille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 2000 + whole) / (whole * 2))
}
