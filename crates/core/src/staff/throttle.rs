//! The wrong-PIN throttle, kept in the data file (`pin_throttle`) so that
//! restarting the app does not reset it: after [`MAX_FAILED_ATTEMPTS`] wrong
//! PINs in a row for one staff number — at sign-in, unlocking, or vouching
//! as a colleague (a handover's confirmation, a manager's override) — that
//! number must wait [`LOCKOUT_MS`]. A wrong PIN is the one refusal that
//! writes: its count, in a transaction of its own.

use rusqlite::{OptionalExtension, params};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::storage::Db;

/// After this many wrong PINs in a row, that staff number pauses.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
/// How long the pause lasts.
pub const LOCKOUT_MS: Millis = 5 * 60 * 1000;

/// The throttle's key for a typed staff number: folded (full-width digits
/// typed on a Chinese keyboard count as the same number) and trimmed.
pub(crate) fn key(staff_no: &str) -> String {
    crate::text::fold(staff_no).trim().to_string()
}

/// Refuse while `key` is paused.
pub(crate) fn refuse_if_paused(db: &mut Db, key: &str) -> Result<()> {
    let now = db.now_ms();
    let until: Option<Millis> = db.read(|tx| {
        Ok(tx
            .query_row(
                "SELECT locked_until FROM pin_throttle WHERE staff_no = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    })?;
    match until.filter(|u| *u > now) {
        Some(u) => Err(Error::TooManyAttempts {
            retry_after_ms: u - now,
        }),
        None => Ok(()),
    }
}

/// Count a wrong PIN for `key`; answers `refusal`, or `TooManyAttempts`
/// when this one starts the pause.
pub(crate) fn failed(db: &mut Db, key: &str, refusal: Error) -> Result<Error> {
    let paused = db.transact(|tx| {
        let failures: u32 = tx
            .query_row(
                "SELECT failures FROM pin_throttle WHERE staff_no = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0)
            + 1;
        let (failures, until) = if failures >= MAX_FAILED_ATTEMPTS {
            (0, Some(tx.now + LOCKOUT_MS))
        } else {
            (failures, None)
        };
        tx.execute(
            "INSERT INTO pin_throttle (staff_no, failures, locked_until) VALUES (?1, ?2, ?3)
             ON CONFLICT (staff_no) DO UPDATE SET failures = ?2, locked_until = ?3",
            params![key, failures, until],
        )?;
        Ok(until.is_some())
    })?;
    Ok(if paused {
        Error::TooManyAttempts {
            retry_after_ms: LOCKOUT_MS,
        }
    } else {
        refusal
    })
}

/// A right PIN clears the count (writing only when there is one).
pub(crate) fn succeeded(db: &mut Db, key: &str) -> Result<()> {
    db.transact(|tx| {
        tx.execute("DELETE FROM pin_throttle WHERE staff_no = ?1", [key])?;
        Ok(())
    })
}
