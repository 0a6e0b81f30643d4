//! Time. Instants are stored as UTC milliseconds since the Unix epoch (`i64`);
//! the shop's business day is computed from them in the shop's time zone, here
//! and nowhere else. Commands read the time from a [`Clock`] so tests (and the
//! E2E suite, through `FRONTDESK_CLOCK`) can inject it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

pub trait Clock: Send + Sync {
    fn now_ms(&self) -> Millis;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> Millis {
        #[allow(clippy::disallowed_methods)] // the one place the real time is read
        let now = Utc::now();
        now.timestamp_millis()
    }
}

/// A clock that stands still until moved; for tests and injected demo time.
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<AtomicI64>);

impl FixedClock {
    pub fn at(ms: Millis) -> Self {
        FixedClock(Arc::new(AtomicI64::new(ms)))
    }
    pub fn set(&self, ms: Millis) {
        self.0.store(ms, Ordering::SeqCst);
    }
    pub fn advance(&self, ms: Millis) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now_ms(&self) -> Millis {
        self.0.load(Ordering::SeqCst)
    }
}

/// A clock offset from the system clock: "now" runs on, but from a chosen start.
/// Used when the E2E suite injects a date with `FRONTDESK_CLOCK`.
#[derive(Debug, Clone, Copy)]
pub struct OffsetClock {
    offset_ms: i64,
}

impl OffsetClock {
    pub fn starting_at(ms: Millis) -> Self {
        OffsetClock {
            offset_ms: ms - SystemClock.now_ms(),
        }
    }
}

impl Clock for OffsetClock {
    fn now_ms(&self) -> Millis {
        SystemClock.now_ms() + self.offset_ms
    }
}

/// The default shop time zone (most shops using Frontdesk are in mainland China).
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// The shop's business date of an instant, in the shop's time zone.
pub fn business_date(ms: Millis, tz: Tz) -> NaiveDate {
    match DateTime::<Utc>::from_timestamp_millis(ms) {
        Some(utc) => tz.from_utc_datetime(&utc.naive_utc()).date_naive(),
        None => NaiveDate::MIN,
    }
}

/// The instants `[start, end)` of a business date in `tz` (a day is 23 or 25
/// hours across a daylight-saving change).
pub fn day_bounds(date: NaiveDate, tz: Tz) -> (Millis, Millis) {
    let start = |d: NaiveDate| -> Millis {
        let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        match tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
                t.timestamp_millis()
            }
            chrono::LocalResult::None => Utc.from_utc_datetime(&naive).timestamp_millis(),
        }
    };
    let next = date.succ_opt().unwrap_or(date);
    (start(date), start(next))
}

/// `20261123-101500`: an instant in the shop's time zone, for file names.
pub fn local_stamp(ms: Millis, tz: Tz) -> String {
    match DateTime::<Utc>::from_timestamp_millis(ms) {
        Some(utc) => tz
            .from_utc_datetime(&utc.naive_utc())
            .format("%Y%m%d-%H%M%S")
            .to_string(),
        None => "0".to_string(),
    }
}

/// `ms` as the shop's wall clock to the minute, for paper: `2026-12-01 14:32`.
pub fn local_minute(ms: Millis, tz: Tz) -> String {
    match DateTime::<Utc>::from_timestamp_millis(ms) {
        Some(utc) => tz
            .from_utc_datetime(&utc.naive_utc())
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => String::new(),
    }
}

/// `ms` as the shop's wall clock to the second: `2026-12-01 14:32:05`.
pub fn local_second(ms: Millis, tz: Tz) -> String {
    match DateTime::<Utc>::from_timestamp_millis(ms) {
        Some(utc) => tz
            .from_utc_datetime(&utc.naive_utc())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        None => String::new(),
    }
}

/// Parse an RFC 3339 instant into milliseconds (used for `FRONTDESK_CLOCK`).
pub fn parse_rfc3339(s: &str) -> Option<Millis> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|d| d.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_date_follows_the_shop_time_zone_not_utc() {
        // 2026-11-23 17:30 UTC is already 2026-11-24 01:30 in Shanghai.
        let ms = parse_rfc3339("2026-11-23T17:30:00Z").unwrap();
        assert_eq!(
            business_date(ms, DEFAULT_TIME_ZONE),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        assert_eq!(
            business_date(ms, chrono_tz::UTC),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let c = FixedClock::at(1_000);
        assert_eq!(c.now_ms(), 1_000);
        c.advance(500);
        assert_eq!(c.now_ms(), 1_500);
        c.set(7);
        assert_eq!(c.now_ms(), 7);
    }
}
