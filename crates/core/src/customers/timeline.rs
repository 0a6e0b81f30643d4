//! The history timeline on a customer's card, newest first, a page at a time.
//!
//! Events come from several sources (today: the card's own changes from the
//! audit trail, and dated notes; later: visits, measurements, payments, tier and
//! balance changes, gifts, vouchers, follow-ups, complaints). Each source is one
//! arm of a `UNION ALL` yielding `(at, source, id, ...)`; pages are cut by the
//! keyset `(at, source, id)`, so a page costs the same deep in the history as
//! at its top.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CustomerId;
use crate::clock::Millis;
use crate::error::Result;
use crate::staff::{self, Permission, Session};
use crate::storage::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineKind {
    CardCreated,
    CardUpdated,
    Note,
    VipChanged,
    Erased,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TimelineEvent {
    pub at: Millis,
    pub kind: TimelineKind,
    /// Who did it: "2001 张敏".
    pub staff: Option<String>,
    /// For card changes: which fields changed (names, never values).
    pub fields: Vec<String>,
    /// For notes: the note.
    pub text: Option<String>,
    /// For VIP changes: on or off the register.
    pub vip: Option<bool>,
    pub cursor: TimelineCursor,
}

/// Where a page ends; pass it back as `before` for the next (older) page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineCursor {
    pub at: Millis,
    pub source: i64,
    pub id: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TimelineRequest {
    pub id: CustomerId,
    pub before: Option<TimelineCursor>,
    /// Events per page (default 20, at most 100).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    /// Set when older events remain.
    pub next: Option<TimelineCursor>,
}

const SOURCE_AUDIT: i64 = 1;
const SOURCE_NOTE: i64 = 2;

pub fn customer_timeline(
    db: &mut Db,
    session: &Session,
    req: TimelineRequest,
) -> Result<TimelinePage> {
    let limit = req.limit.unwrap_or(20).clamp(1, 100) as i64;
    let before = req.before.unwrap_or(TimelineCursor {
        at: i64::MAX,
        source: i64::MAX,
        id: i64::MAX,
    });
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        let mut stmt = tx.prepare_cached(
            "SELECT at, source, id, action, staff, payload FROM (
                SELECT a.at AS at, ?2 AS source, a.id AS id, a.action AS action,
                       s.staff_no || ' ' || s.name AS staff, a.after AS payload
                FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
                WHERE a.entity = 'customer' AND a.entity_id = ?1 AND a.action <> 'customer.note'
                UNION ALL
                SELECT n.at, ?3, n.id, 'note', s.staff_no || ' ' || s.name, n.text
                FROM customer_notes n JOIN staff s ON s.id = n.staff_id
                WHERE n.customer_id = ?1
             )
             WHERE (at, source, id) < (?4, ?5, ?6)
             ORDER BY at DESC, source DESC, id DESC
             LIMIT ?7",
        )?;
        let rows = stmt
            .query_map(
                params![
                    req.id.0,
                    SOURCE_AUDIT,
                    SOURCE_NOTE,
                    before.at,
                    before.source,
                    before.id,
                    limit + 1
                ],
                |r| {
                    Ok((
                        r.get::<_, Millis>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let more = rows.len() as i64 > limit;
        let mut events = Vec::new();
        for (at, source, id, action, staff, payload) in rows.into_iter().take(limit as usize) {
            let cursor = TimelineCursor { at, source, id };
            let json: serde_json::Value = payload
                .as_deref()
                .filter(|_| source == SOURCE_AUDIT)
                .and_then(|p| serde_json::from_str(p).ok())
                .unwrap_or_default();
            let fields = json
                .get("fields")
                .and_then(|f| f.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let (kind, text, vip) = match action.as_str() {
                "note" => (TimelineKind::Note, payload, None),
                "customer.create" => (TimelineKind::CardCreated, None, None),
                "customer.vip" => (
                    TimelineKind::VipChanged,
                    None,
                    json.get("vip").and_then(|v| v.as_bool()),
                ),
                "customer.erase" => (TimelineKind::Erased, None, None),
                _ => (TimelineKind::CardUpdated, None, None),
            };
            events.push(TimelineEvent {
                at,
                kind,
                staff,
                fields,
                text,
                vip,
                cursor,
            });
        }
        let next = if more {
            events.last().map(|e| e.cursor)
        } else {
            None
        };
        Ok(TimelinePage { events, next })
    })
}
