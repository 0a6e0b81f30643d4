//! Shift handover (交接班) and daily close (闭店盘点). The outgoing
//! receptionist counts every gift item and every voucher range *blind*: the
//! sheet she fills names the lines but not the book. Only once her counts
//! are in does the app show book against counted and the variance of each
//! line. She passes on open matters (赠品短缺, a customer to call back), and
//! the incoming receptionist confirms with her own staff number and PIN.
//! A confirmed handover is numbered and never changes (the table's trigger
//! refuses it); the next shift sees it, and its open matters, on sign-in.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{GiftItemId, HandoverId, HandoverLineId, MatterId, StaffId, VoucherBatchId};
use crate::staff::{self, Permission, Session, StaffRef};
use crate::storage::{Db, Tx};
use crate::validate;

use super::{stock, vouchers};

crate::text_enum! {
    pub enum HandoverKind {
        /// 交接班: one receptionist to the next.
        Shift = "shift",
        /// 闭店盘点: the day's last count; expired vouchers are closed too.
        Close = "close",
    }
}

crate::text_enum! {
    pub enum HandoverState {
        /// Counted, waiting for the incoming receptionist.
        Counted = "counted",
        Confirmed = "confirmed",
        /// Replaced by a recount before it was confirmed.
        Abandoned = "abandoned",
    }
}

/// A line to count: a gift item, or a received voucher range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetLine {
    pub item_id: Option<GiftItemId>,
    pub batch_id: Option<VoucherBatchId>,
    /// 玫瑰护手霜, or 50 元代金券 A000101–A000300.
    pub label: String,
    pub unit: String,
}

/// What to count, without the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverSheet {
    pub lines: Vec<SheetLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Count {
    pub item_id: Option<GiftItemId>,
    pub batch_id: Option<VoucherBatchId>,
    pub counted: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CountHandoverRequest {
    pub kind: HandoverKind,
    /// One count for every line of the sheet.
    pub counts: Vec<Count>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmHandoverRequest {
    pub handover_id: HandoverId,
    /// The incoming receptionist's own staff number and PIN.
    pub incoming_staff_no: String,
    pub incoming_pin: String,
    pub notes: String,
    /// Open matters passed on, one per line.
    pub matters: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResolveMatterRequest {
    pub matter_id: MatterId,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HandoversRequest {
    /// Business dates, YYYY-MM-DD, inclusive.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverLine {
    pub id: HandoverLineId,
    pub item_id: Option<GiftItemId>,
    pub batch_id: Option<VoucherBatchId>,
    pub label: String,
    pub unit: String,
    pub book: i64,
    pub counted: i64,
    /// counted − book: short below zero.
    pub variance: i64,
    /// A manager has settled this line's variance.
    pub adjusted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Matter {
    pub id: MatterId,
    pub handover_id: HandoverId,
    pub handover_no: String,
    pub text: String,
    pub resolved_at: Option<i64>,
    pub resolved_by: Option<String>,
    pub resolution: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Handover {
    pub id: HandoverId,
    /// JJ20261201-02, once confirmed.
    pub no: Option<String>,
    pub kind: HandoverKind,
    pub state: HandoverState,
    pub business_date: String,
    pub outgoing: StaffRef,
    pub incoming: Option<StaffRef>,
    pub counted_at: i64,
    pub confirmed_at: Option<i64>,
    pub notes: String,
    pub lines: Vec<HandoverLine>,
    pub matters: Vec<Matter>,
}

/// A confirmed handover in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverBrief {
    pub id: HandoverId,
    pub no: String,
    pub kind: HandoverKind,
    pub business_date: String,
    pub outgoing: StaffRef,
    pub incoming: StaffRef,
    pub confirmed_at: i64,
    pub lines: i64,
    /// Lines whose count differed from the book.
    pub variances: i64,
    pub notes: String,
}

/// What the next shift sees on sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LastHandover {
    pub handover: Option<HandoverBrief>,
    /// Matters passed on and not resolved yet, oldest first.
    pub open_matters: Vec<Matter>,
}

/// At most this many lines, matters.
const MAX_COUNTED: i64 = 1_000_000;
const MAX_MATTERS: usize = 20;

fn sheet(tx: &Tx<'_>) -> Result<Vec<SheetLine>> {
    let mut lines: Vec<SheetLine> = tx
        .prepare_cached(
            "SELECT i.id, i.name, i.unit FROM gift_items i LEFT JOIN gift_stock s ON s.item_id = i.id
             WHERE i.active = 1 OR coalesce(s.qty, 0) > 0 ORDER BY i.name, i.id",
        )?
        .query_map([], |r| {
            Ok(SheetLine {
                item_id: Some(r.get(0)?),
                batch_id: None,
                label: r.get(1)?,
                unit: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let batches: Vec<VoucherBatchId> = tx
        .prepare_cached(
            "SELECT b.id FROM voucher_batches b JOIN voucher_types t ON t.id = b.voucher_type_id
             WHERE EXISTS (SELECT 1 FROM vouchers v WHERE v.batch_id = b.id AND v.state = 'in_stock')
             ORDER BY t.name, b.first_no",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for b in batches {
        lines.push(SheetLine {
            item_id: None,
            batch_id: Some(b),
            label: batch_label(tx, b)?,
            unit: "张".into(),
        });
    }
    Ok(lines)
}

fn batch_label(tx: &Tx<'_>, b: VoucherBatchId) -> Result<String> {
    vouchers::batch_label(tx, b)
}

fn batch_book(tx: &Tx<'_>, b: VoucherBatchId) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT count(*) FROM vouchers WHERE batch_id = ?1 AND state = 'in_stock'",
        [b],
        |r| r.get(0),
    )?)
}

/// The lines to count, blind.
pub fn handover_sheet(db: &mut Db, session: &Session) -> Result<HandoverSheet> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        Ok(HandoverSheet { lines: sheet(tx)? })
    })
}

/// Record her counts against the book as it is now. A count not yet
/// confirmed is replaced by a recount.
pub fn count_handover(
    db: &mut Db,
    session: &Session,
    req: CountHandoverRequest,
) -> Result<Handover> {
    for c in &req.counts {
        validate::in_range("counts", c.counted, 0, MAX_COUNTED)?;
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let lines = sheet(tx)?;
        for (i, c) in req.counts.iter().enumerate() {
            if req.counts[..i]
                .iter()
                .any(|d| d.item_id == c.item_id && d.batch_id == c.batch_id)
            {
                return Err(Error::invalid("counts", Invalid::Repeated));
            }
            if !lines
                .iter()
                .any(|l| l.item_id == c.item_id && l.batch_id == c.batch_id)
            {
                return Err(Error::invalid("counts", Invalid::NotAvailable));
            }
        }
        if req.counts.len() != lines.len() {
            return Err(Error::invalid("counts", Invalid::Required));
        }
        tx.execute(
            "UPDATE handovers SET state = 'abandoned' WHERE state = 'counted'",
            [],
        )?;
        let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
        tx.execute(
            "INSERT INTO handovers (business_date, kind, state, outgoing_id, counted_at)
             VALUES (?1, ?2, 'counted', ?3, ?4)",
            params![today, req.kind, session.staff_id, tx.now],
        )?;
        let id = HandoverId(tx.last_insert_rowid());
        let mut counted_lines = Vec::new();
        let (mut book_total, mut counted_total) = (0_i64, 0_i64);
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO handover_lines (handover_id, item_id, batch_id, book, counted)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for c in &req.counts {
                let book = match (c.item_id, c.batch_id) {
                    (Some(i), _) => stock::book(tx, i)?,
                    (_, Some(b)) => batch_book(tx, b)?,
                    _ => return Err(Error::invalid("counts", Invalid::NotAvailable)),
                };
                ins.execute(params![id, c.item_id, c.batch_id, book, c.counted])?;
                book_total += book;
                counted_total += c.counted;
                counted_lines.push(serde_json::json!({
                    "item": c.item_id, "batch": c.batch_id, "book": book, "counted": c.counted
                }));
            }
        }
        audit::record(
            tx,
            Some(session.staff_id),
            Action::HandoverCount,
            Some(id.0),
            Some(&serde_json::json!({ "book": book_total })),
            Some(&serde_json::json!({
                "kind": req.kind, "counted": counted_total,
                "variance": counted_total - book_total, "lines": counted_lines
            })),
        )?;
        load(tx, id)
    })
}

/// The incoming receptionist confirms with her own PIN: the record is
/// numbered and final. A daily close also closes the vouchers that expired.
pub fn confirm_handover(
    db: &mut Db,
    session: &Session,
    req: ConfirmHandoverRequest,
) -> Result<Handover> {
    let notes = validate::optional_text("notes", &req.notes, 500)?;
    if req.matters.len() > MAX_MATTERS {
        return Err(Error::invalid_limit(
            "matters",
            Invalid::TooMany,
            MAX_MATTERS as i64,
        ));
    }
    let matters: Vec<String> = req
        .matters
        .iter()
        .map(|m| validate::optional_text("matters", m, 200))
        .filter(|m| !m.as_ref().is_ok_and(|t| t.is_empty()))
        .collect::<Result<_>>()?;
    // Only those who may hand over get to try a colleague's PIN.
    db.read(|tx| staff::authorize(tx, session, Permission::HandleGifts))?;
    let (incoming, _) = staff::colleague(
        db,
        "incoming_staff_no",
        "incoming_pin",
        &req.incoming_staff_no,
        &req.incoming_pin,
    )?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let row: Option<(HandoverState, StaffId, HandoverKind, String)> = tx
            .query_row(
                "SELECT state, outgoing_id, kind, business_date FROM handovers WHERE id = ?1",
                [req.handover_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((state, outgoing, kind, date)) = row else {
            return Err(Error::NotFound(Entity::Handover));
        };
        if state != HandoverState::Counted {
            return Err(Error::Closed(Entity::Handover));
        }
        if outgoing != session.staff_id {
            return Err(Error::invalid("handover_id", Invalid::NotAvailable));
        }
        if incoming == outgoing {
            return Err(Error::invalid("incoming_staff_no", Invalid::SamePerson));
        }
        // She must be one who may take over the stock, and still active.
        let role = staff::active_role(tx, incoming)?
            .ok_or(Error::invalid("incoming_staff_no", Invalid::NotAvailable))?;
        if !role.permits(Permission::HandleGifts) {
            return Err(Error::invalid("incoming_staff_no", Invalid::NotAvailable));
        }
        tx.execute(
            "INSERT INTO handover_counters (business_date, last_seq) VALUES (?1, 1)
             ON CONFLICT (business_date) DO UPDATE SET last_seq = last_seq + 1",
            [&date],
        )?;
        let seq: i64 = tx.query_row(
            "SELECT last_seq FROM handover_counters WHERE business_date = ?1",
            [&date],
            |r| r.get(0),
        )?;
        let no = format!("JJ{}-{seq:02}", date.replace('-', ""));
        tx.execute(
            "UPDATE handovers SET state = 'confirmed', no = ?2, incoming_id = ?3,
                confirmed_at = ?4, notes = ?5 WHERE id = ?1",
            params![req.handover_id, no, incoming, tx.now, notes],
        )?;
        for m in &matters {
            tx.execute(
                "INSERT INTO handover_matters (handover_id, text) VALUES (?1, ?2)",
                params![req.handover_id, m],
            )?;
        }
        if kind == HandoverKind::Close {
            vouchers::expire_due(tx, crate::shop::today(tx)?, session.staff_id)?;
        }
        audit::record(
            tx,
            Some(session.staff_id),
            Action::HandoverConfirm,
            Some(req.handover_id.0),
            audit::NONE,
            Some(&serde_json::json!({ "no": no, "incoming": incoming })),
        )?;
        load(tx, req.handover_id)
    })
}

pub(crate) fn load(tx: &Tx<'_>, id: HandoverId) -> Result<Handover> {
    type Head = (
        Option<String>,
        HandoverKind,
        HandoverState,
        String,
        StaffId,
        Option<StaffId>,
        i64,
        Option<i64>,
        String,
    );
    let head: Option<Head> = tx
        .query_row(
            "SELECT no, kind, state, business_date, outgoing_id, incoming_id, counted_at,
                    confirmed_at, notes FROM handovers WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some((no, kind, state, business_date, out, inc, counted_at, confirmed_at, notes)) = head
    else {
        return Err(Error::NotFound(Entity::Handover));
    };
    type Raw = (
        HandoverLineId,
        Option<GiftItemId>,
        Option<VoucherBatchId>,
        i64,
        i64,
        bool,
    );
    let raw: Vec<Raw> = tx
        .prepare_cached(
            "SELECT l.id, l.item_id, l.batch_id, l.book, l.counted,
                    EXISTS(SELECT 1 FROM gift_moves m WHERE m.kind = 'adjust' AND m.handover_line_id = l.id)
             FROM handover_lines l WHERE l.handover_id = ?1 ORDER BY l.id",
        )?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut lines = Vec::with_capacity(raw.len());
    for (line, item, batch, book, counted, adjusted) in raw {
        let (label, unit) = match (item, batch) {
            (Some(i), _) => tx.query_row(
                "SELECT name, unit FROM gift_items WHERE id = ?1",
                [i],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            (_, Some(b)) => (batch_label(tx, b)?, "张".to_string()),
            _ => (String::new(), String::new()),
        };
        lines.push(HandoverLine {
            id: line,
            item_id: item,
            batch_id: batch,
            label,
            unit,
            book,
            counted,
            variance: counted - book,
            adjusted,
        });
    }
    Ok(Handover {
        id,
        no,
        kind,
        state,
        business_date,
        outgoing: staff::staff_ref(tx, Some(out))?.ok_or(Error::NotFound(Entity::Staff))?,
        incoming: staff::staff_ref(tx, inc)?,
        counted_at,
        confirmed_at,
        notes,
        lines,
        matters: matters(tx, Some(id), false)?,
    })
}

fn matters(tx: &Tx<'_>, of: Option<HandoverId>, open_only: bool) -> Result<Vec<Matter>> {
    let rows = tx
        .prepare_cached(
            "SELECT m.id, m.handover_id, h.no, m.text, r.at, s.staff_no || ' ' || s.name, r.note
             FROM handover_matters m JOIN handovers h ON h.id = m.handover_id
             LEFT JOIN matter_resolutions r ON r.matter_id = m.id
             LEFT JOIN staff s ON s.id = r.staff_id
             WHERE (?1 IS NULL OR m.handover_id = ?1) AND (?2 = 0 OR r.matter_id IS NULL)
             ORDER BY m.id",
        )?
        .query_map(params![of, open_only], |r| {
            Ok(Matter {
                id: r.get(0)?,
                handover_id: r.get(1)?,
                handover_no: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                text: r.get(3)?,
                resolved_at: r.get(4)?,
                resolved_by: r.get(5)?,
                resolution: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn briefs(tx: &Tx<'_>, from: &str, to: &str, limit: i64) -> Result<Vec<HandoverBrief>> {
    type Raw = (
        HandoverId,
        String,
        HandoverKind,
        String,
        StaffId,
        StaffId,
        i64,
        i64,
        i64,
        String,
    );
    let raw: Vec<Raw> = tx
        .prepare_cached(
            "SELECT h.id, h.no, h.kind, h.business_date, h.outgoing_id, h.incoming_id, h.confirmed_at,
                    (SELECT count(*) FROM handover_lines l WHERE l.handover_id = h.id),
                    (SELECT count(*) FROM handover_lines l WHERE l.handover_id = h.id AND l.counted <> l.book),
                    h.notes
             FROM handovers h WHERE h.state = 'confirmed' AND h.business_date BETWEEN ?1 AND ?2
             ORDER BY h.confirmed_at DESC LIMIT ?3",
        )?
        .query_map(params![from, to, limit], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(
            |(id, no, kind, business_date, out, inc, confirmed_at, lines, variances, notes)| {
                Ok(HandoverBrief {
                    id,
                    no,
                    kind,
                    business_date,
                    outgoing: staff::staff_ref(tx, Some(out))?
                        .ok_or(Error::NotFound(Entity::Staff))?,
                    incoming: staff::staff_ref(tx, Some(inc))?
                        .ok_or(Error::NotFound(Entity::Staff))?,
                    confirmed_at,
                    lines,
                    variances,
                    notes,
                })
            },
        )
        .collect()
}

/// One handover, whole.
pub fn get_handover(db: &mut Db, session: &Session, id: HandoverId) -> Result<Handover> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        load(tx, id)
    })
}

/// The confirmed handovers of a period, newest first.
/// The day's confirmed closing count (the last, if it was redone).
pub(crate) fn close_of_day(tx: &Tx<'_>, date: &str) -> Result<Option<Handover>> {
    let id: Option<HandoverId> = tx
        .query_row(
            "SELECT id FROM handovers WHERE business_date = ?1 AND kind = 'close'
               AND state = 'confirmed' ORDER BY id DESC LIMIT 1",
            [date],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| load(tx, id)).transpose()
}

pub fn list_handovers(
    db: &mut Db,
    session: &Session,
    req: HandoversRequest,
) -> Result<Vec<HandoverBrief>> {
    let from = validate::calendar_date("from", &req.from)?;
    let to = validate::calendar_date("to", &req.to)?;
    if to < from {
        return Err(Error::invalid("to", Invalid::Date));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        briefs(
            tx,
            &from.format("%Y-%m-%d").to_string(),
            &to.format("%Y-%m-%d").to_string(),
            1000,
        )
    })
}

/// The last confirmed handover and every matter still open, for whoever
/// signs in.
pub fn last_handover(db: &mut Db, session: &Session) -> Result<LastHandover> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        Ok(LastHandover {
            handover: briefs(tx, "0000-00-00", "9999-99-99", 1)?
                .into_iter()
                .next(),
            open_matters: matters(tx, None, true)?,
        })
    })
}

/// Settle an open matter, with what was done.
pub fn resolve_matter(db: &mut Db, session: &Session, req: ResolveMatterRequest) -> Result<Matter> {
    let note = validate::required_text("note", &req.note, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let handover: Option<HandoverId> = tx
            .query_row(
                "SELECT handover_id FROM handover_matters WHERE id = ?1",
                [req.matter_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(handover) = handover else {
            return Err(Error::invalid("matter_id", Invalid::NotAvailable));
        };
        let done: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM matter_resolutions WHERE matter_id = ?1)",
            [req.matter_id],
            |r| r.get(0),
        )?;
        if done {
            return Err(Error::Duplicate { field: "matter_id" });
        }
        tx.execute(
            "INSERT INTO matter_resolutions (matter_id, note, at, staff_id) VALUES (?1, ?2, ?3, ?4)",
            params![req.matter_id, note, tx.now, session.staff_id],
        )?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::MatterResolve,
            Some(req.matter_id.0),
            audit::NONE,
            Some(&note),
        )?;
        matters(tx, Some(handover), false)?
            .into_iter()
            .find(|m| m.id == req.matter_id)
            .ok_or(Error::NotFound(Entity::Handover))
    })
}
