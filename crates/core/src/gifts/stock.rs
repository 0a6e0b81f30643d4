//! The gift ledger (赠品明细帐): every movement of a gift item is one
//! append-only row of `gift_moves`, and the book is their sum, kept in
//! `gift_stock` by the ledger's trigger, whose CHECK refuses a book below
//! zero — so the last unit cannot be issued twice, even by two desks at
//! once. This module is the only writer of both.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{CustomerId, GiftItemId, HandoverLineId, PromotionTierId, StaffId, VisitId};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::setup;

crate::text_enum! {
    /// What moved a gift item's book.
    pub enum MoveKind {
        /// In from the warehouse (出库单), counted on arrival.
        Receive = "receive",
        /// To a customer.
        Issue = "issue",
        /// Back from a customer (her purchase was voided).
        Recover = "recover",
        /// A voided purchase's gift the customer kept (recorded, book unchanged).
        NotRecovered = "not_recovered",
        /// Back to the warehouse after a promotion.
        Return = "return",
        /// Damaged (损毁) and taken off the shelf.
        Damage = "damage",
        /// A replacement for a damaged unit, from the warehouse.
        Replace = "replace",
        /// Destroyed by a manager, with a reason.
        Destroy = "destroy",
        /// A manager's count adjustment, settling a handover's variance.
        Adjust = "adjust",
    }
}

/// One movement to post.
pub(crate) struct Move<'a> {
    pub item: GiftItemId,
    pub kind: MoveKind,
    /// Signed change of the book.
    pub qty: i64,
    pub visit: Option<VisitId>,
    pub customer: Option<CustomerId>,
    pub tier: Option<PromotionTierId>,
    pub birthday_year: Option<i32>,
    pub slip_no: &'a str,
    pub receipts: Option<i64>,
    pub seconds: Option<i64>,
    pub handover_line: Option<HandoverLineId>,
    pub reason: &'a str,
}

impl<'a> Move<'a> {
    pub fn new(item: GiftItemId, kind: MoveKind, qty: i64) -> Move<'a> {
        Move {
            item,
            kind,
            qty,
            visit: None,
            customer: None,
            tier: None,
            birthday_year: None,
            slip_no: "",
            receipts: None,
            seconds: None,
            handover_line: None,
            reason: "",
        }
    }
}

/// The book of an item now.
pub(crate) fn book(tx: &Tx<'_>, item: GiftItemId) -> Result<i64> {
    Ok(tx
        .query_row(
            "SELECT qty FROM gift_stock WHERE item_id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Post a movement. A book that would go below zero refuses (naming
/// `field`, with what is there) and the whole command rolls back.
pub(crate) fn post(tx: &Tx<'_>, field: &'static str, m: Move<'_>, by: StaffId) -> Result<()> {
    let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
    let r = tx.execute(
        "INSERT INTO gift_moves (item_id, kind, qty, visit_id, customer_id, promotion_tier_id,
            birthday_year, slip_no, receipts, seconds, handover_line_id, reason, at,
            business_date, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            m.item,
            m.kind,
            m.qty,
            m.visit,
            m.customer,
            m.tier,
            m.birthday_year,
            m.slip_no,
            m.receipts,
            m.seconds,
            m.handover_line,
            m.reason,
            tx.now,
            today,
            by
        ],
    );
    match r {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, msg))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            if msg
                .as_deref()
                .is_some_and(|m| m.contains("gift_stock_not_negative"))
            {
                Err(Error::OutOfStock {
                    field,
                    available: book(tx, m.item)?,
                })
            } else {
                Err(rusqlite::Error::SqliteFailure(e, msg).into())
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// An active item, or a refusal naming `field`.
pub(crate) fn active_item(tx: &Tx<'_>, field: &'static str, id: GiftItemId) -> Result<()> {
    match setup::item(tx, id)? {
        Some(i) if i.active => Ok(()),
        _ => Err(Error::invalid(field, Invalid::NotAvailable)),
    }
}

/// A warehouse out-slip number (出库单号): required, as typed or scanned.
pub(crate) fn slip(field: &'static str, value: &str) -> Result<String> {
    let s = validate::code(field, value, 30)?;
    if s.is_empty() {
        return Err(Error::invalid(field, Invalid::Required));
    }
    Ok(s)
}

// ---------------------------------------------------------------- commands

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiveGiftsRequest {
    pub item_id: GiftItemId,
    /// As counted on arrival.
    pub quantity: i64,
    /// The warehouse out-slip (出库单号).
    pub slip_no: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DamageRequest {
    pub item_id: GiftItemId,
    pub quantity: i64,
    /// What happened.
    pub reason: String,
    /// Replaced from the warehouse at once (then `slip_no` is its out-slip).
    pub replaced: bool,
    pub slip_no: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DestroyGiftsRequest {
    pub item_id: GiftItemId,
    pub quantity: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReturnGiftsRequest {
    pub item_id: GiftItemId,
    pub quantity: i64,
    /// The warehouse's receipt for the return.
    pub slip_no: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdjustCountRequest {
    /// The counted line whose variance this settles: the book moves by
    /// counted − book as they were at that count.
    pub handover_line_id: HandoverLineId,
    pub reason: String,
}

/// One row of an item's ledger, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftMoveRow {
    pub at: i64,
    pub kind: MoveKind,
    pub qty: i64,
    /// The book after it.
    pub book_after: i64,
    pub slip_no: String,
    pub customer: Option<String>,
    pub visit_slip: Option<String>,
    pub reason: String,
    pub staff: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GiftMovesRequest {
    pub item_id: GiftItemId,
    /// The newest this many (at most 500).
    pub limit: i64,
}

fn quantity(q: i64) -> Result<i64> {
    validate::in_range("quantity", q, 1, 100_000)
}

fn simple_move<'a>(
    db: &mut Db,
    session: &Session,
    permission: Permission,
    action: Action,
    build: impl FnOnce(&Tx<'_>) -> Result<Vec<Move<'a>>>,
    item: GiftItemId,
) -> Result<setup::GiftItem> {
    db.transact(|tx| {
        staff::authorize(tx, session, permission)?;
        if setup::item(tx, item)?.is_none() {
            return Err(Error::NotFound(Entity::GiftItem));
        }
        let moves = build(tx)?;
        let before = book(tx, item)?;
        let summary: Vec<serde_json::Value> = moves
            .iter()
            .map(|m| serde_json::json!({ "kind": m.kind, "qty": m.qty, "reason": m.reason }))
            .collect();
        for m in moves {
            post(tx, "quantity", m, session.staff_id)?;
        }
        audit::record(
            tx,
            Some(session.staff_id),
            action,
            Some(item.0),
            Some(&serde_json::json!({ "book": before })),
            Some(&serde_json::json!({ "book": book(tx, item)?, "moves": summary })),
        )?;
        setup::item(tx, item)?.ok_or(Error::NotFound(Entity::GiftItem))
    })
}

/// Take in gifts from the warehouse, as counted on arrival.
pub fn receive_gifts(
    db: &mut Db,
    session: &Session,
    req: ReceiveGiftsRequest,
) -> Result<setup::GiftItem> {
    let qty = quantity(req.quantity)?;
    let slip_no = slip("slip_no", &req.slip_no)?;
    simple_move(
        db,
        session,
        Permission::HandleGifts,
        Action::GiftReceive,
        |tx| {
            active_item(tx, "item_id", req.item_id)?;
            let mut m = Move::new(req.item_id, MoveKind::Receive, qty);
            m.slip_no = &slip_no;
            Ok(vec![m])
        },
        req.item_id,
    )
}

/// Record damaged units (损毁), and their replacement if it came at once.
pub fn record_damage(
    db: &mut Db,
    session: &Session,
    req: DamageRequest,
) -> Result<setup::GiftItem> {
    let qty = quantity(req.quantity)?;
    let reason = validate::required_text("reason", &req.reason, 100)?;
    let slip_no = if req.replaced {
        slip("slip_no", &req.slip_no)?
    } else {
        String::new()
    };
    simple_move(
        db,
        session,
        Permission::HandleGifts,
        Action::GiftDamage,
        |_| {
            let mut damage = Move::new(req.item_id, MoveKind::Damage, -qty);
            damage.reason = &reason;
            let mut moves = vec![damage];
            if req.replaced {
                let mut replace = Move::new(req.item_id, MoveKind::Replace, qty);
                replace.slip_no = &slip_no;
                replace.reason = &reason;
                moves.push(replace);
            }
            Ok(moves)
        },
        req.item_id,
    )
}

/// Destroy units (manager), with a reason.
pub fn destroy_gifts(
    db: &mut Db,
    session: &Session,
    req: DestroyGiftsRequest,
) -> Result<setup::GiftItem> {
    let qty = quantity(req.quantity)?;
    let reason = validate::required_text("reason", &req.reason, 100)?;
    simple_move(
        db,
        session,
        Permission::ManageGifts,
        Action::GiftDestroy,
        |_| {
            let mut m = Move::new(req.item_id, MoveKind::Destroy, -qty);
            m.reason = &reason;
            Ok(vec![m])
        },
        req.item_id,
    )
}

/// Return units to the warehouse after a promotion (manager).
pub fn return_gifts(
    db: &mut Db,
    session: &Session,
    req: ReturnGiftsRequest,
) -> Result<setup::GiftItem> {
    let qty = quantity(req.quantity)?;
    let slip_no = slip("slip_no", &req.slip_no)?;
    simple_move(
        db,
        session,
        Permission::ManageGifts,
        Action::GiftReturn,
        |_| {
            let mut m = Move::new(req.item_id, MoveKind::Return, -qty);
            m.slip_no = &slip_no;
            Ok(vec![m])
        },
        req.item_id,
    )
}

/// Settle a handover's variance on a gift item (manager, with a reason):
/// only from a confirmed count, once per counted line.
pub fn adjust_count(
    db: &mut Db,
    session: &Session,
    req: AdjustCountRequest,
) -> Result<setup::GiftItem> {
    let reason = validate::required_text("reason", &req.reason, 100)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        let line: Option<(Option<GiftItemId>, i64, i64, String)> = tx
            .query_row(
                "SELECT l.item_id, l.book, l.counted, h.state FROM handover_lines l
                 JOIN handovers h ON h.id = l.handover_id WHERE l.id = ?1",
                [req.handover_line_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((item, book_then, counted, state)) = line else {
            return Err(Error::invalid("handover_line_id", Invalid::NotAvailable));
        };
        // Voucher lines are settled serial by serial (destroy), not by count.
        let Some(item) = item else {
            return Err(Error::invalid("handover_line_id", Invalid::NotAvailable));
        };
        if state != "confirmed" || counted == book_then {
            return Err(Error::invalid("handover_line_id", Invalid::NotAvailable));
        }
        let done: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM gift_moves WHERE kind = 'adjust' AND handover_line_id = ?1)",
            [req.handover_line_id],
            |r| r.get(0),
        )?;
        if done {
            return Err(Error::Duplicate {
                field: "handover_line_id",
            });
        }
        let mut m = Move::new(item, MoveKind::Adjust, counted - book_then);
        m.handover_line = Some(req.handover_line_id);
        m.reason = &reason;
        let before = book(tx, item)?;
        post(tx, "handover_line_id", m, session.staff_id)?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::GiftAdjust,
            Some(item.0),
            Some(&serde_json::json!({ "book": before })),
            Some(&serde_json::json!({
                "book": book(tx, item)?, "handover_line": req.handover_line_id,
                "qty": counted - book_then, "reason": reason
            })),
        )?;
        setup::item(tx, item)?.ok_or(Error::NotFound(Entity::GiftItem))
    })
}

/// An item's ledger, newest first, with the book after each row.
pub fn gift_moves(
    db: &mut Db,
    session: &Session,
    req: GiftMovesRequest,
) -> Result<Vec<GiftMoveRow>> {
    let limit = validate::in_range("limit", req.limit, 1, 500)?;
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        if setup::item(tx, req.item_id)?.is_none() {
            return Err(Error::NotFound(Entity::GiftItem));
        }
        let mut book_after = book(tx, req.item_id)?;
        let mut stmt = tx.prepare_cached(
            "SELECT m.at, m.kind, m.qty, m.slip_no, c.name, v.slip_no, m.reason,
                    s.staff_no || ' ' || s.name
             FROM gift_moves m JOIN staff s ON s.id = m.staff_id
             LEFT JOIN customers c ON c.id = m.customer_id
             LEFT JOIN visits v ON v.id = m.visit_id
             WHERE m.item_id = ?1 ORDER BY m.id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![req.item_id, limit], |r| {
                Ok(GiftMoveRow {
                    at: r.get(0)?,
                    kind: r.get(1)?,
                    qty: r.get(2)?,
                    book_after: 0,
                    slip_no: r.get(3)?,
                    customer: r.get(4)?,
                    visit_slip: r.get(5)?,
                    reason: r.get(6)?,
                    staff: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|mut row| {
                row.book_after = book_after;
                book_after -= row.qty;
                row
            })
            .collect())
    })
}
