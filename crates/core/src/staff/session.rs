//! Who is signed in at the desk, and the idle lock.
//!
//! The shell keeps one [`Desk`]; every command asks it for the current
//! [`Session`] with the time now, and a desk idle past the shop's limit locks:
//! the command is refused with `SessionLocked` and the same staff member must
//! re-enter her PIN (or another staff member signs in).
//!
//! Wrong PINs are counted here, in memory, per staff number: after
//! [`MAX_FAILED_ATTEMPTS`] in a row that number must wait [`LOCKOUT_MS`]. A
//! refused sign-in therefore writes nothing to the data file.

use std::collections::HashMap;

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::staff::{Session, SignInRequest};
use crate::storage::Db;

/// After this many wrong PINs in a row, sign-in for that staff number pauses.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
/// How long the pause lasts.
pub const LOCKOUT_MS: Millis = 5 * 60 * 1000;

#[derive(Debug, Default)]
pub struct Desk {
    state: DeskState,
    failures: HashMap<String, Failures>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Failures {
    count: u32,
    locked_until: Option<Millis>,
}

#[derive(Debug, Default)]
enum DeskState {
    #[default]
    SignedOut,
    Active {
        session: Session,
        last_activity: Millis,
    },
    Locked {
        session: Session,
    },
}

impl Desk {
    /// Sign in at the desk by staff number and PIN, with the wrong-PIN throttle.
    pub fn sign_in(&mut self, db: &mut Db, req: SignInRequest) -> Result<Session> {
        let now = db.now_ms();
        let key = crate::text::fold(&req.staff_no).trim().to_string();
        if let Some(until) = self
            .failures
            .get(&key)
            .and_then(|f| f.locked_until)
            .filter(|until| *until > now)
        {
            return Err(Error::TooManyAttempts {
                retry_after_ms: until - now,
            });
        }
        match super::sign_in(db, req) {
            Ok(session) => {
                self.failures.remove(&key);
                self.start(session.clone(), now);
                Ok(session)
            }
            Err(Error::WrongCredentials) => {
                let f = self.failures.entry(key).or_default();
                f.count += 1;
                if f.count >= MAX_FAILED_ATTEMPTS {
                    *f = Failures {
                        count: 0,
                        locked_until: Some(now + LOCKOUT_MS),
                    };
                    Err(Error::TooManyAttempts {
                        retry_after_ms: LOCKOUT_MS,
                    })
                } else {
                    Err(Error::WrongCredentials)
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Unlock an idle-locked desk with the locked staff member's own PIN.
    pub fn unlock(&mut self, db: &mut Db, pin: String) -> Result<Session> {
        let staff_no = self
            .locked_session()
            .map(|s| s.staff_no.clone())
            .ok_or(Error::NotSignedIn)?;
        self.sign_in(db, SignInRequest { staff_no, pin })
    }

    /// Start a session that was authenticated another way (first-run setup).
    pub fn start(&mut self, session: Session, now: Millis) {
        self.state = DeskState::Active {
            session,
            last_activity: now,
        };
    }

    pub fn sign_out(&mut self) {
        self.state = DeskState::SignedOut;
    }

    /// Lock now (the lock button, or the UI's own idle timer).
    pub fn lock(&mut self) {
        if let DeskState::Active { session, .. } = std::mem::take(&mut self.state) {
            self.state = DeskState::Locked { session };
        }
    }

    /// The session for a command at `now`, refreshing the idle timer; locks the
    /// desk and refuses if it has been idle longer than `idle_limit_ms`.
    pub fn session(&mut self, now: Millis, idle_limit_ms: Millis) -> Result<Session> {
        match &mut self.state {
            DeskState::SignedOut => Err(Error::NotSignedIn),
            DeskState::Locked { .. } => Err(Error::SessionLocked),
            DeskState::Active {
                session,
                last_activity,
            } => {
                if now.saturating_sub(*last_activity) > idle_limit_ms {
                    self.lock();
                    Err(Error::SessionLocked)
                } else {
                    *last_activity = now.max(*last_activity);
                    Ok(session.clone())
                }
            }
        }
    }

    /// Who the locked desk belongs to, for the unlock screen.
    pub fn locked_session(&self) -> Option<&Session> {
        match &self.state {
            DeskState::Locked { session } => Some(session),
            _ => None,
        }
    }

    /// The signed-in session without touching the idle timer (for status).
    pub fn peek(&self) -> Option<&Session> {
        match &self.state {
            DeskState::Active { session, .. } => Some(session),
            _ => None,
        }
    }

    /// Replace the stored session (e.g. after the staff member changed language).
    pub fn update(&mut self, f: impl FnOnce(&mut Session)) {
        match &mut self.state {
            DeskState::Active { session, .. } | DeskState::Locked { session } => f(session),
            DeskState::SignedOut => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{Language, Role, StaffId};

    fn session() -> Session {
        Session::new(
            StaffId(1),
            "1001",
            "王丽",
            Role::Receptionist,
            Language::ZhCn,
        )
    }

    #[test]
    fn a_desk_idle_past_its_limit_locks_and_stays_locked() {
        let mut desk = Desk::default();
        assert!(matches!(desk.session(0, 1000), Err(Error::NotSignedIn)));
        desk.start(session(), 0);
        assert!(desk.session(900, 1000).is_ok());
        // Activity at 900 restarts the timer: 1800 is only 900 ms idle.
        assert!(desk.session(1800, 1000).is_ok());
        assert!(matches!(
            desk.session(2801, 1000),
            Err(Error::SessionLocked)
        ));
        assert!(matches!(
            desk.session(2802, 1000),
            Err(Error::SessionLocked)
        ));
        assert_eq!(desk.locked_session().map(|s| s.staff_id), Some(StaffId(1)));
        desk.start(session(), 3000);
        assert!(desk.session(3001, 1000).is_ok());
        desk.sign_out();
        assert!(matches!(desk.session(3002, 1000), Err(Error::NotSignedIn)));
    }
}
