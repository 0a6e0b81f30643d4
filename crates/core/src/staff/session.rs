//! Who is signed in at the desk, and the idle lock.
//!
//! The shell keeps one [`Desk`]; every command asks it for the current
//! [`Session`] with the time now, and a desk idle past the shop's limit locks:
//! the command is refused with `SessionLocked` and the same staff member must
//! re-enter her PIN (or another staff member signs in).
//!
//! Wrong PINs are counted in the data file ([`super::throttle`]), so the
//! pause survives a restart of the app.
//!
//! A receptionist's desk can carry a manager's override for one action
//! ([`Desk::grant`]): the manager typed her staff number and PIN at the
//! desk, and the next command needing that permission runs as her.

use crate::access::Permission;
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::staff::{Session, SignInRequest};
use crate::storage::Db;

use super::throttle;

/// How long a manager's override waits for its action.
pub const OVERRIDE_MS: Millis = 2 * 60 * 1000;

#[derive(Debug, Default)]
pub struct Desk {
    state: DeskState,
    granted: Option<Grant>,
}

/// A manager's override for one action at a receptionist's desk.
#[derive(Debug, Clone)]
struct Grant {
    manager: Session,
    permission: Permission,
    until: Millis,
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
        let key = throttle::key(&req.staff_no);
        throttle::refuse_if_paused(db, &key)?;
        match super::sign_in(db, req) {
            Ok(session) => {
                throttle::succeeded(db, &key)?;
                self.start(session.clone(), now);
                Ok(session)
            }
            Err(Error::WrongCredentials) => {
                Err(throttle::failed(db, &key, Error::WrongCredentials)?)
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

    /// Hold a manager's override for the next command needing `permission`
    /// (see [`super::manager_override`], which checked her PIN).
    pub fn grant(&mut self, manager: Session, permission: Permission, now: Millis) {
        self.granted = Some(Grant {
            manager,
            permission,
            until: now + OVERRIDE_MS,
        });
    }

    /// The session a command needing `permission` runs as: the desk's own,
    /// or — when the desk's staff member lacks it and a manager granted an
    /// override for it that has not expired — the manager's, once.
    pub fn session_for(
        &mut self,
        now: Millis,
        idle_limit_ms: Millis,
        permission: Option<Permission>,
    ) -> Result<Session> {
        let own = self.session(now, idle_limit_ms)?;
        let Some(p) = permission.filter(|p| !own.permissions.contains(p)) else {
            return Ok(own);
        };
        match self.granted.take() {
            Some(g) if g.permission == p && g.until >= now => Ok(g.manager),
            other => {
                self.granted = other.filter(|g| g.until >= now);
                Ok(own)
            }
        }
    }

    /// Start a session that was authenticated another way (first-run setup).
    pub fn start(&mut self, session: Session, now: Millis) {
        self.granted = None;
        self.state = DeskState::Active {
            session,
            last_activity: now,
        };
    }

    pub fn sign_out(&mut self) {
        self.granted = None;
        self.state = DeskState::SignedOut;
    }

    /// Lock now (the lock button, or the UI's own idle timer).
    pub fn lock(&mut self) {
        self.granted = None;
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
