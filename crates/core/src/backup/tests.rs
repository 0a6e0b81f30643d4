use std::collections::{BTreeMap, BTreeSet};

use super::rotation::{self, KEEP_BEFORE_RESTORE, KEEP_DAYS, KEEP_MONTHS, KEEP_RECENT};
use super::{BackupInfo, Trigger};
use crate::clock;

const HOUR: i64 = 3_600_000;

fn info(at: i64, trigger: Trigger) -> BackupInfo {
    let tz = clock::DEFAULT_TIME_ZONE;
    BackupInfo {
        file: format!(
            "frontdesk-{}-{}.db",
            clock::local_stamp(at, tz),
            trigger.as_str()
        ),
        at,
        business_date: clock::business_date(at, tz).to_string(),
        trigger,
        size: 1,
        sha256: String::new(),
        schema_version: 1,
        customers: 0,
        visits: 0,
        last_checkout_at: None,
        app_version: String::new(),
    }
}

/// The rule written out the slow way: for each backup, is it among the 48
/// newest, the newest of one of the 14 latest days with backups, or of one
/// of the 12 latest months with backups?
fn kept_by_hand(all: &[BackupInfo]) -> BTreeSet<String> {
    let rotating: Vec<&BackupInfo> = all
        .iter()
        .filter(|b| b.trigger != Trigger::BeforeRestore)
        .collect();
    let mut by_day: BTreeMap<&str, &BackupInfo> = BTreeMap::new();
    let mut by_month: BTreeMap<&str, &BackupInfo> = BTreeMap::new();
    for b in &rotating {
        let d = by_day.entry(b.business_date.as_str()).or_insert(b);
        if b.at > d.at {
            *d = b;
        }
        let m = by_month.entry(&b.business_date[..7]).or_insert(b);
        if b.at > m.at {
            *m = b;
        }
    }
    let mut out = BTreeSet::new();
    let mut sorted = rotating.clone();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.at));
    out.extend(sorted.iter().take(KEEP_RECENT).map(|b| b.file.clone()));
    out.extend(
        by_day
            .values()
            .rev()
            .take(KEEP_DAYS)
            .map(|b| b.file.clone()),
    );
    out.extend(
        by_month
            .values()
            .rev()
            .take(KEEP_MONTHS)
            .map(|b| b.file.clone()),
    );
    let mut aside: Vec<&BackupInfo> = all
        .iter()
        .filter(|b| b.trigger == Trigger::BeforeRestore)
        .collect();
    aside.sort_by_key(|b| std::cmp::Reverse(b.at));
    out.extend(
        aside
            .iter()
            .take(KEEP_BEFORE_RESTORE)
            .map(|b| b.file.clone()),
    );
    out
}

#[test]
fn a_simulated_year_of_desk_days_keeps_exactly_the_documented_set() {
    // 2026-01-01 10:00 Shanghai; the shop works 10:00–20:00, six days a week,
    // backing up every 30 minutes, at the daily close and on exit; it is
    // closed for the first week of February (holiday).
    let start = 1_767_232_800_000_i64;
    let mut kept: Vec<BackupInfo> = Vec::new();
    for day in 0..400_i64 {
        let open = start + day * 24 * HOUR;
        let date = clock::business_date(open, clock::DEFAULT_TIME_ZONE);
        let holiday =
            date.to_string().as_str() >= "2026-02-01" && date.to_string().as_str() <= "2026-02-07";
        if day % 7 == 6 || holiday {
            continue;
        }
        for half in 1..=20 {
            kept.push(info(open + half * HOUR / 2, Trigger::Auto));
        }
        kept.push(info(open + 10 * HOUR + 60_000, Trigger::DailyClose));
        kept.push(info(open + 10 * HOUR + 120_000, Trigger::Exit));
        if day % 50 == 0 {
            kept.push(info(open + 5 * HOUR + 1, Trigger::BeforeRestore));
        }
        // Rotate as the app does after every backup, with what is left.
        let keep = rotation::keep(&kept);
        assert_eq!(keep, kept_by_hand(&kept), "day {day}");
        kept.retain(|b| keep.contains(&b.file));
    }
    let rotating: Vec<&BackupInfo> = kept
        .iter()
        .filter(|b| b.trigger != Trigger::BeforeRestore)
        .collect();
    let days: BTreeSet<&str> = rotating.iter().map(|b| b.business_date.as_str()).collect();
    let months: BTreeSet<&str> = rotating.iter().map(|b| &b.business_date[..7]).collect();
    // 48 recent cover the last two days (22 a day, so 3 days); the 14 days
    // and 12 months each add their newest.
    assert!(days.len() >= KEEP_DAYS, "{} days", days.len());
    assert_eq!(months.len(), KEEP_MONTHS);
    assert!(rotating.len() <= KEEP_RECENT + KEEP_DAYS + KEEP_MONTHS);
    let aside = kept.len() - rotating.len();
    assert_eq!(aside, KEEP_BEFORE_RESTORE.min(aside));
    // The newest backup is always kept, and each kept month's copy is that
    // month's last.
    let newest = kept.iter().max_by_key(|b| b.at).map(|b| b.file.clone());
    assert!(newest.is_some());
}

#[test]
fn a_shop_closed_for_months_keeps_its_last_copies() {
    let start = 1_767_232_800_000_i64;
    let all: Vec<BackupInfo> = (0..5)
        .map(|i| info(start + i * 60 * 24 * HOUR, Trigger::Auto))
        .collect();
    assert_eq!(rotation::keep(&all).len(), 5, "five backups, five months");
}
