//! The model's follow-ups (done or not reached when closed, overdue on
//! their due day) and complaints (on the day they were opened).

use frontdesk_core::reports::{ComplaintFigures, FollowupFigures};

use super::{Recount, rows};
use crate::reports_shop::date;

pub(super) fn followups(rc: &Recount<'_>) -> FollowupFigures {
    let today = rc.day(rc.now);
    let mut fu = FollowupFigures::default();
    for (status, due, closed) in rows(
        rc.db,
        "SELECT status, due_date, closed_at FROM followups",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    ) {
        if rc.within_ms(closed) {
            match status.as_str() {
                "done" => fu.done += 1,
                "unreachable" | "wrong_number" => fu.not_reached += 1,
                _ => {}
            }
        }
        let due = date(&due);
        if rc.within(due)
            && status != "cancelled"
            && today > due
            && closed.is_none_or(|c| rc.day(c) > due)
        {
            fu.overdue += 1;
        }
    }
    fu
}

pub(super) fn complaints(rc: &Recount<'_>) -> ComplaintFigures {
    let mut co = ComplaintFigures::default();
    for (opened, due, answered) in rows(
        rc.db,
        "SELECT opened_at, answer_due_at, answered_at FROM complaints",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    ) {
        if !rc.within(rc.day(opened)) {
            continue;
        }
        co.opened += 1;
        match answered {
            Some(a) if a <= due => co.answered_in_time += 1,
            Some(_) => co.answered_late += 1,
            None if due <= rc.now => co.unanswered_overdue += 1,
            None => co.unanswered_pending += 1,
        }
    }

    co
}
