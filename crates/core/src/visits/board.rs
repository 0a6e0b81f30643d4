//! Today's board (the home screen) and the stylist's screen.
//!
//! The board lists every open visit by stage with when it entered the stage
//! and the limits its timer is held to (the manuals' consultation standard:
//! 3–15 minutes, a new customer's no more than 20; a service its menu
//! duration), plus today's appointments still to come and the follow-up calls
//! due. The UI runs the timers from `stage_since`; the core gives the limits.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Stage, VisitCustomer};
use super::read::{CustomerCols, customer_of};
use crate::clock::{self, Millis};
use crate::error::Result;
use crate::flow;
use crate::ids::{CustomerId, StaffId, VisitId};
use crate::staff::{self, Permission, Role, Session, StaffRef};
use crate::storage::{Db, Tx};
use crate::{appointments, followups, shop};

const MINUTE: i64 = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BoardVisit {
    pub id: VisitId,
    pub customer: Option<VisitCustomer>,
    pub walk_in_label: String,
    pub new_customer: bool,
    pub stage: Stage,
    pub stage_since: Millis,
    pub arrived_at: Millis,
    pub slip_no: Option<String>,
    pub stylist: Option<StaffRef>,
    /// The chosen services' names.
    pub services: Vec<String>,
    /// The timer turns amber after this long in the stage...
    pub amber_after_ms: Option<i64>,
    /// ...and red after this long.
    pub red_after_ms: Option<i64>,
    /// Not from today (left open overnight).
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Board {
    pub now: Millis,
    pub business_date: String,
    pub visits: Vec<BoardVisit>,
    pub appointments: Vec<appointments::Appointment>,
    pub followups_due: i64,
    pub followups_overdue: i64,
    pub open_complaints: i64,
    pub checked_out_today: i64,
    pub consult_min_minutes: i64,
    pub consult_max_minutes: i64,
    pub consult_new_max_minutes: i64,
}

/// The timer limits of a visit in `stage`: (amber, red) in ms.
pub fn timer_limits(
    stage: Stage,
    new_customer: bool,
    service_minutes: i64,
    rules: &flow::FlowSettings,
) -> (Option<i64>, Option<i64>) {
    match stage {
        Stage::Consult => {
            let max = if new_customer {
                rules.consult_new_max_minutes
            } else {
                rules.consult_max_minutes
            };
            // Amber in the last fifth of the allowed time, red beyond it.
            (Some(max * MINUTE * 4 / 5), Some(max * MINUTE))
        }
        Stage::Service if service_minutes > 0 => (
            Some((service_minutes - 5).max(1) * MINUTE),
            Some(service_minutes * MINUTE),
        ),
        // Nobody should wait at the desk to be consulted or seen off for long.
        Stage::Greet | Stage::Reconsult => (Some(5 * MINUTE), Some(10 * MINUTE)),
        _ => (None, None),
    }
}

fn board_visits(
    tx: &Tx<'_>,
    filter_stylist: Option<StaffId>,
    today: &str,
) -> Result<Vec<BoardVisit>> {
    let rules = flow::load(tx)?;
    let style = crate::shop::greeting_style(tx)?;
    // One statement for the whole board: the visit, its customer, its
    // stylist, its services and whether she has been here before.
    let mut stmt = tx.prepare_cached(
        "SELECT v.id, v.customer_id, v.walk_in_label, v.stage, v.stage_since, v.arrived_at,
                v.slip_no, v.stylist_id, v.business_date,
                (SELECT group_concat(l.name, '、' ORDER BY l.id) FROM visit_lines l
                  WHERE l.visit_id = v.id AND l.kind = 'service'),
                (SELECT COALESCE(SUM(s.duration_minutes), 0) FROM visit_lines l
                  JOIN services s ON s.id = l.item_id
                  WHERE l.visit_id = v.id AND l.kind = 'service'),
                (v.customer_id IS NULL OR NOT EXISTS (SELECT 1 FROM visits p
                  WHERE p.customer_id = v.customer_id AND p.status = 'checked_out')),
                c.name, c.gender, c.salutation, c.allergies, c.contraindications, c.vip,
                c.erased_at IS NOT NULL, st.staff_no, st.name
         FROM visits v
         LEFT JOIN customers c ON c.id = v.customer_id
         LEFT JOIN staff st ON st.id = v.stylist_id
         WHERE v.status = 'open' AND (?1 IS NULL OR v.stylist_id = ?1)
         ORDER BY v.stage_since",
    )?;
    let mut rows = stmt.query(params![filter_stylist])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let stage: Stage = r.get(3)?;
        let new: bool = r.get(11)?;
        let minutes: i64 = r.get(10)?;
        let (amber, red) = timer_limits(stage, new, minutes, &rules);
        let customer = match r.get::<_, Option<CustomerId>>(1)? {
            Some(id) => Some(customer_of(
                id,
                CustomerCols {
                    name: r.get(12)?,
                    gender: r.get(13)?,
                    salutation: r.get(14)?,
                    allergies: r.get(15)?,
                    contra: r.get(16)?,
                    vip: r.get(17)?,
                    erased: r.get(18)?,
                },
                style,
            )),
            None => None,
        };
        let stylist = match r.get::<_, Option<StaffId>>(7)? {
            Some(id) => Some(StaffRef {
                id,
                staff_no: r.get(19)?,
                name: r.get(20)?,
            }),
            None => None,
        };
        out.push(BoardVisit {
            id: r.get(0)?,
            customer,
            walk_in_label: r.get(2)?,
            new_customer: new,
            stage,
            stage_since: r.get(4)?,
            arrived_at: r.get(5)?,
            slip_no: r.get(6)?,
            stylist,
            services: r
                .get::<_, Option<String>>(9)?
                .map(|n| n.split('、').map(str::to_string).collect())
                .unwrap_or_default(),
            amber_after_ms: amber,
            red_after_ms: red,
            stale: r.get::<_, String>(8)? != today,
        });
    }
    Ok(out)
}

pub fn today_board(db: &mut Db, session: &Session) -> Result<Board> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let tz = shop::time_zone(tx)?;
        let today_date = shop::today(tx)?;
        let today = today_date.format("%Y-%m-%d").to_string();
        let rules = flow::load(tx)?;
        let visits = board_visits(tx, None, &today)?;
        let (start, end) = clock::day_bounds(today_date, tz);
        let appointments = appointments::in_range(tx, start, end, None, true)?;
        let (due, overdue) = followups::due_counts(tx, &today)?;
        let open_complaints: i64 = tx.query_row(
            "SELECT COUNT(*) FROM complaints WHERE status = 'open'",
            [],
            |r| r.get(0),
        )?;
        let checked_out_today: i64 = tx.query_row(
            "SELECT COUNT(*) FROM visits WHERE business_date = ?1 AND status = 'checked_out'",
            [&today],
            |r| r.get(0),
        )?;
        Ok(Board {
            now: tx.now,
            business_date: today,
            visits,
            appointments,
            followups_due: due,
            followups_overdue: overdue,
            open_complaints,
            checked_out_today,
            consult_min_minutes: rules.consult_min_minutes,
            consult_max_minutes: rules.consult_max_minutes,
            consult_new_max_minutes: rules.consult_new_max_minutes,
        })
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StylistDayRequest {
    /// Whose day; None for the signed-in stylist herself.
    pub stylist_id: Option<StaffId>,
}

/// One customer on the stylist's list, with what she must know before she starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StylistCustomer {
    pub visit: BoardVisit,
    pub customer_id: Option<CustomerId>,
    /// Allergies and contraindications (also in `visit.customer.alert`).
    pub alert: Option<String>,
    pub skin_type: String,
    pub preferences: String,
    /// The last time she was served here, and what was noted.
    pub last_visit_date: Option<String>,
    pub last_services: Vec<String>,
    pub last_notes: String,
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StylistDay {
    pub stylist: Option<StaffRef>,
    pub now: Millis,
    /// Open visits assigned to her, customers with allergies first.
    pub customers: Vec<StylistCustomer>,
    /// Her appointments still to come today.
    pub appointments: Vec<appointments::Appointment>,
    /// Visits she finished today.
    pub done_today: i64,
}

pub fn stylist_day(db: &mut Db, session: &Session, req: StylistDayRequest) -> Result<StylistDay> {
    db.read(|tx| {
        let role = staff::authorize(tx, session, Permission::ViewCustomers)?;
        let me = match (role, req.stylist_id) {
            (Role::Stylist, _) | (_, None) => session.staff_id,
            (_, Some(s)) => s,
        };
        let tz = shop::time_zone(tx)?;
        let today_date = shop::today(tx)?;
        let today = today_date.format("%Y-%m-%d").to_string();
        let mut customers_out = Vec::new();
        // One statement per customer: her card's care notes, today's needs,
        // and her last checked-out visit with its services and notes.
        let mut stmt = tx.prepare_cached(
            "SELECT c.skin_type, c.care_times, v.needs, lv.business_date, lv.service_notes,
                    (SELECT group_concat(l.name, '、' ORDER BY l.id) FROM visit_lines l
                      WHERE l.visit_id = lv.id AND l.kind = 'service')
             FROM visits v JOIN customers c ON c.id = v.customer_id
             LEFT JOIN visits lv ON lv.id = (SELECT p.id FROM visits p
                  WHERE p.customer_id = v.customer_id AND p.status = 'checked_out'
                    AND p.id <> v.id ORDER BY p.arrived_at DESC LIMIT 1)
             WHERE v.id = ?1",
        )?;
        for v in board_visits(tx, Some(me), &today)? {
            let customer_id = v.customer.as_ref().map(|c| c.id);
            type Extra = (
                String,
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let extra: Option<Extra> = match customer_id {
                Some(_) => rusqlite::OptionalExtension::optional(stmt.query_row([v.id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                }))?,
                None => None,
            };
            let (skin, prefs, needs, last_date, last_notes, last_services) =
                extra.unwrap_or_default();
            customers_out.push(StylistCustomer {
                alert: v.customer.as_ref().and_then(|c| c.alert.clone()),
                customer_id,
                skin_type: skin,
                preferences: prefs,
                last_visit_date: last_date,
                last_services: last_services
                    .map(|n| n.split('、').map(str::to_string).collect())
                    .unwrap_or_default(),
                last_notes: last_notes.unwrap_or_default(),
                needs,
                visit: v,
            });
        }
        // Allergies first, then by how long they have waited.
        customers_out.sort_by_key(|c| (c.alert.is_none(), c.visit.stage_since));
        let (start, end) = clock::day_bounds(today_date, tz);
        let appointments = appointments::in_range(tx, start, end, Some(me), true)?;
        let done_today: i64 = tx.query_row(
            "SELECT COUNT(*) FROM visits WHERE stylist_id = ?1 AND business_date = ?2
             AND status = 'checked_out'",
            params![me, today],
            |r| r.get(0),
        )?;
        Ok(StylistDay {
            stylist: staff::staff_ref(tx, Some(me))?,
            now: tx.now,
            customers: customers_out,
            appointments,
            done_today,
        })
    })
}
