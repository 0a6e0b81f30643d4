//! The history timeline on a customer's card, newest first, a page at a time.
//!
//! Events come from several sources: the card's own changes from the audit
//! trail, dated notes, visits, follow-ups, complaints, tier changes, gifts
//! received and vouchers given, used or taken back. Each source is one
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
    /// A visit (its services, status and total).
    Visit,
    /// A follow-up call task (its reason, status and what she said).
    FollowUp,
    /// A complaint (its type, status and what was said).
    Complaint,
    /// A tier change (status: upgrade, downgrade, override, void; summary: the new tier).
    TierChanged,
    /// A gift received, or taken back after a void (status: issue, recover,
    /// not_recovered; summary: the gift; amount: how many).
    Gift,
    /// A voucher given, used, or closed (status: issue, redeem, unredeem,
    /// recover, cancel, expire; summary: type and serial; amount: fen paid).
    Voucher,
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
    /// For visits, follow-ups and complaints: their id...
    pub ref_id: Option<i64>,
    /// ...status (checked_out, voided; done, unreachable; open, closed)...
    pub status: Option<String>,
    /// ...and what they were: services; the follow-up's reason; the complaint's type.
    pub summary: Option<String>,
    /// A visit's total in fen.
    pub amount: Option<i64>,
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
const SOURCE_VISIT: i64 = 3;
const SOURCE_FOLLOWUP: i64 = 4;
const SOURCE_COMPLAINT: i64 = 5;
const SOURCE_TIER: i64 = 6;
const SOURCE_GIFT: i64 = 7;
const SOURCE_VOUCHER: i64 = 8;

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
                UNION ALL
                -- Visits and follow-ups grow with every visit: each branch
                -- reads only its newest page before the cursor (a regular's
                -- hundreds of visits are never all built and sorted).
                SELECT * FROM (
                    SELECT v.arrived_at, ?8, v.id, 'visit', s.staff_no || ' ' || s.name,
                           json_object('status', v.status, 'amount', v.total_fen, 'summary',
                             (SELECT group_concat(l.name, '、' ORDER BY l.id) FROM visit_lines l WHERE l.visit_id = v.id))
                    FROM visits v LEFT JOIN staff s ON s.id = v.stylist_id
                    WHERE v.customer_id = ?1 AND (v.arrived_at, ?8, v.id) < (?4, ?5, ?6)
                    ORDER BY v.arrived_at DESC, v.id DESC LIMIT ?7)
                UNION ALL
                SELECT * FROM (
                    SELECT COALESCE(f.closed_at, f.created_at), ?9, f.id, 'followup',
                           s.staff_no || ' ' || s.name,
                           json_object('status', f.status, 'summary', f.reason, 'text', f.words)
                    FROM followups f LEFT JOIN staff s ON s.id = f.assigned_to
                    WHERE f.customer_id = ?1
                      AND (COALESCE(f.closed_at, f.created_at), ?9, f.id) < (?4, ?5, ?6)
                    ORDER BY COALESCE(f.closed_at, f.created_at) DESC, f.id DESC LIMIT ?7)
                UNION ALL
                SELECT k.opened_at, ?10, k.id, 'complaint', s.staff_no || ' ' || s.name,
                       json_object('status', k.status, 'summary', k.kind, 'text', k.description)
                FROM complaints k JOIN staff s ON s.id = k.taken_by
                WHERE k.customer_id = ?1
                UNION ALL
                SELECT c.at, ?11, c.id, 'tier', s.staff_no || ' ' || s.name,
                       json_object('status', c.kind, 'summary', t.name, 'text', c.reason)
                FROM tier_changes c JOIN tiers t ON t.id = c.to_tier
                LEFT JOIN staff s ON s.id = c.staff_id
                WHERE c.customer_id = ?1
                UNION ALL
                SELECT m.at, ?12, m.id, 'gift', s.staff_no || ' ' || s.name,
                       json_object('status', m.kind, 'summary', i.name, 'amount', abs(m.qty))
                FROM gift_moves m JOIN gift_items i ON i.id = m.item_id
                JOIN staff s ON s.id = m.staff_id
                WHERE m.customer_id = ?1 AND m.kind IN ('issue', 'recover', 'not_recovered')
                UNION ALL
                SELECT e.at, ?13, e.id, 'voucher', s.staff_no || ' ' || s.name,
                       json_object('status', e.kind, 'summary', t.name || ' ' || e.serial,
                                   'amount', e.amount_fen)
                FROM voucher_events e JOIN voucher_types t ON t.id = e.voucher_type_id
                JOIN staff s ON s.id = e.staff_id
                WHERE e.customer_id = ?1 AND e.kind IN ('issue', 'redeem', 'unredeem', 'recover', 'cancel', 'expire')
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
                    limit + 1,
                    SOURCE_VISIT,
                    SOURCE_FOLLOWUP,
                    SOURCE_COMPLAINT,
                    SOURCE_TIER,
                    SOURCE_GIFT,
                    SOURCE_VOUCHER
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
                .filter(|_| source != SOURCE_NOTE)
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
            let field = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let (status, summary, amount) = (
                field("status"),
                field("summary"),
                json.get("amount").and_then(|v| v.as_i64()),
            );
            let (kind, text, vip) = match action.as_str() {
                "note" => (TimelineKind::Note, payload, None),
                "visit" => (TimelineKind::Visit, None, None),
                "followup" => (TimelineKind::FollowUp, field("text"), None),
                "complaint" => (TimelineKind::Complaint, field("text"), None),
                "tier" => (TimelineKind::TierChanged, field("text"), None),
                "gift" => (TimelineKind::Gift, None, None),
                "voucher" => (TimelineKind::Voucher, None, None),
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
                ref_id: (source >= SOURCE_VISIT).then_some(id),
                status,
                summary,
                amount,
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
