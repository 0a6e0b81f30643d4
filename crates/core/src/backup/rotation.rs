//! Which backups to keep. The rule (docs/ARCHITECTURE.md → Data safety):
//!
//! - the [`KEEP_RECENT`] newest backups (at one every 30 minutes of work,
//!   about two working days);
//! - the newest backup of each of the [`KEEP_DAYS`] most recent business days
//!   that have one;
//! - the newest backup of each of the [`KEEP_MONTHS`] most recent months that
//!   have one;
//! - safety copies saved aside before a restore: the [`KEEP_BEFORE_RESTORE`]
//!   newest.
//!
//! Days and months are counted among those that have backups, not on the
//! calendar, so a shop closed for a holiday never loses its last good copy.

use std::collections::BTreeSet;

use super::{BackupInfo, Trigger};

pub const KEEP_RECENT: usize = 48;
pub const KEEP_DAYS: usize = 14;
pub const KEEP_MONTHS: usize = 12;
pub const KEEP_BEFORE_RESTORE: usize = 10;

/// The files of `all` the rule keeps.
pub fn keep(all: &[BackupInfo]) -> BTreeSet<String> {
    let mut newest_first: Vec<&BackupInfo> = all.iter().collect();
    newest_first.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.file.cmp(&a.file)));
    let (aside, rotating): (Vec<&BackupInfo>, Vec<&BackupInfo>) = newest_first
        .into_iter()
        .partition(|b| b.trigger == Trigger::BeforeRestore);
    let mut kept = BTreeSet::new();
    kept.extend(
        aside
            .iter()
            .take(KEEP_BEFORE_RESTORE)
            .map(|b| b.file.clone()),
    );
    kept.extend(rotating.iter().take(KEEP_RECENT).map(|b| b.file.clone()));
    kept.extend(newest_per(&rotating, KEEP_DAYS, |b| {
        b.business_date.as_str()
    }));
    kept.extend(newest_per(&rotating, KEEP_MONTHS, |b| {
        b.business_date.get(..7).unwrap_or(&b.business_date)
    }));
    kept
}

/// The first (newest) backup of each of the `n` first distinct periods.
fn newest_per<'a>(
    newest_first: &[&'a BackupInfo],
    n: usize,
    period: impl Fn(&'a BackupInfo) -> &'a str,
) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for b in newest_first {
        let p = period(b);
        if seen.contains(&p) {
            continue;
        }
        if seen.len() == n {
            break;
        }
        seen.push(p);
        out.push(b.file.clone());
    }
    out
}
