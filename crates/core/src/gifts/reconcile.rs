//! The manager's reconciliation (赠品赠券对账) for any period. It reads the
//! per-day totals the ledgers' triggers keep (`gift_daily`, `voucher_daily`),
//! so a year over every item is a few thousand rows, not millions; it
//! exports to CSV and prints (`printing`). The day's issuance summary is
//! [`super::issuance`].

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};
use crate::ids::{GiftItemId, HandoverId, HandoverLineId, VoucherBatchId, VoucherTypeId};
use crate::money::Fen;
use crate::spreadsheet::{ExportResult, Sheet};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::vouchers::{self, VoucherState};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodRequest {
    /// Business dates, YYYY-MM-DD, inclusive.
    pub from: String,
    pub to: String,
}

/// A handover a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HandoverRef {
    pub id: HandoverId,
    pub no: String,
    pub confirmed_at: i64,
}

/// The last count of a line in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LastCount {
    pub line_id: HandoverLineId,
    pub handover: HandoverRef,
    pub book: i64,
    pub counted: i64,
    /// counted − book.
    pub variance: i64,
    /// Where this variance first appeared (the first count of the run of
    /// counts that all differed from the book); None when it matched.
    pub first_seen: Option<HandoverRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ItemReconciliation {
    pub item_id: GiftItemId,
    pub name: String,
    pub unit: String,
    pub opening: i64,
    pub received: i64,
    /// Units issued (positive).
    pub issued: i64,
    pub recovered: i64,
    /// Returned to the warehouse (positive).
    pub returned: i64,
    pub damaged: i64,
    pub replaced: i64,
    pub destroyed: i64,
    /// Count adjustments, signed.
    pub adjusted: i64,
    pub closing: i64,
    pub last_count: Option<LastCount>,
}

/// A run of consecutive serials in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SerialRun {
    pub first: String,
    pub last: String,
    pub count: i64,
    pub state: Option<VoucherState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherReconciliation {
    pub voucher_type_id: VoucherTypeId,
    pub name: String,
    pub face_value: Fen,
    pub opening_in_stock: i64,
    pub opening_issued: i64,
    pub received: i64,
    pub issued: i64,
    pub redeemed: i64,
    /// Redemptions undone by a void.
    pub unredeemed: i64,
    pub recovered: i64,
    pub cancelled: i64,
    pub expired: i64,
    pub destroyed: i64,
    pub closing_in_stock: i64,
    /// Issued and not yet redeemed, expired or cancelled at the period's end.
    pub closing_issued: i64,
    /// Now: every serial not in a terminal state, in runs.
    pub outstanding: Vec<SerialRun>,
    /// Serials of received ranges that never arrived.
    pub gaps: Vec<SerialRun>,
    /// The last count of each of its ranges in the period.
    pub last_counts: Vec<LastCount>,
}

/// A counted line that differed from the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Variance {
    pub line_id: HandoverLineId,
    /// The gift item counted (None: a voucher range, settled serial by serial).
    pub item_id: Option<GiftItemId>,
    pub handover: HandoverRef,
    pub label: String,
    pub book: i64,
    pub counted: i64,
    pub variance: i64,
    pub first_seen: HandoverRef,
    pub adjusted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reconciliation {
    pub from: String,
    pub to: String,
    pub items: Vec<ItemReconciliation>,
    pub vouchers: Vec<VoucherReconciliation>,
    /// Lines counted at confirmed handovers in the period, and how many
    /// matched the book: the match rate (账实相符率) is their ratio.
    pub lines_counted: i64,
    pub lines_matched: i64,
    /// Per mille; None when nothing was counted.
    pub match_permille: Option<i64>,
    pub variances: Vec<Variance>,
}

pub(crate) fn period(req: &PeriodRequest) -> Result<(String, String)> {
    let from = validate::calendar_date("from", &req.from)?;
    let to = validate::calendar_date("to", &req.to)?;
    if to < from {
        return Err(Error::invalid("to", Invalid::Date));
    }
    if (to - from).num_days() > 3 * 366 {
        return Err(Error::invalid("to", Invalid::OutOfRange));
    }
    Ok((
        from.format("%Y-%m-%d").to_string(),
        to.format("%Y-%m-%d").to_string(),
    ))
}

/// Sums per kind: before the period (signed book change) and within it.
fn item_sums(
    tx: &Tx<'_>,
    item: GiftItemId,
    from: &str,
    to: &str,
) -> Result<(i64, Vec<(String, i64)>)> {
    let opening: i64 = tx.query_row(
        "SELECT coalesce(sum(qty), 0) FROM gift_daily WHERE item_id = ?1 AND business_date < ?2",
        params![item, from],
        |r| r.get(0),
    )?;
    let kinds = tx
        .prepare_cached(
            "SELECT kind, sum(qty) FROM gift_daily WHERE item_id = ?1
             AND business_date BETWEEN ?2 AND ?3 GROUP BY kind",
        )?
        .query_map(params![item, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((opening, kinds))
}

/// A confirmed count of a line.
#[derive(Debug, Clone)]
struct Counted {
    line: HandoverLineId,
    handover: HandoverRef,
    business_date: String,
    book: i64,
    counted: i64,
}

impl Counted {
    fn differs(&self) -> bool {
        self.counted != self.book
    }
}

/// The confirmed counts of an item or a voucher range up to `to`, newest first.
fn counts_of(
    tx: &Tx<'_>,
    item: Option<GiftItemId>,
    batch: Option<VoucherBatchId>,
    to: &str,
) -> Result<Vec<Counted>> {
    let rows = tx
        .prepare_cached(
            "SELECT l.id, h.id, h.no, h.confirmed_at, h.business_date, l.book, l.counted
             FROM handover_lines l JOIN handovers h ON h.id = l.handover_id
             WHERE h.state = 'confirmed' AND h.business_date <= ?3
               AND ((?1 IS NOT NULL AND l.item_id = ?1) OR (?2 IS NOT NULL AND l.batch_id = ?2))
             ORDER BY h.confirmed_at DESC, h.id DESC",
        )?
        .query_map(params![item, batch, to], |r| {
            Ok(Counted {
                line: r.get(0)?,
                handover: HandoverRef {
                    id: r.get(1)?,
                    no: r.get(2)?,
                    confirmed_at: r.get(3)?,
                },
                business_date: r.get(4)?,
                book: r.get(5)?,
                counted: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The newest count in the period and where its variance first appeared.
fn last_count(counts: &[Counted], from: &str) -> Option<LastCount> {
    let c = counts.first()?;
    if c.business_date.as_str() < from {
        return None;
    }
    Some(LastCount {
        line_id: c.line,
        handover: c.handover.clone(),
        book: c.book,
        counted: c.counted,
        variance: c.counted - c.book,
        first_seen: first_seen(counts, 0),
    })
}

/// Of the counts (newest first), the oldest of the unbroken run of
/// differing counts that includes `at`.
fn first_seen(counts: &[Counted], at: usize) -> Option<HandoverRef> {
    let differs = |i: usize| counts.get(i).is_some_and(Counted::differs);
    if !differs(at) {
        return None;
    }
    let mut i = at;
    while differs(i + 1) {
        i += 1;
    }
    counts.get(i).map(|c| c.handover.clone())
}

fn items(tx: &Tx<'_>, from: &str, to: &str) -> Result<Vec<ItemReconciliation>> {
    let list: Vec<(GiftItemId, String, String)> = tx
        .prepare_cached("SELECT id, name, unit FROM gift_items ORDER BY active DESC, name, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (item_id, name, unit) in list {
        let (opening, kinds) = item_sums(tx, item_id, from, to)?;
        let of = |k: &str| {
            kinds
                .iter()
                .find(|(kind, _)| kind == k)
                .map_or(0, |(_, q)| *q)
        };
        let moved: i64 = kinds.iter().map(|(_, q)| q).sum();
        let counts = counts_of(tx, Some(item_id), None, to)?;
        out.push(ItemReconciliation {
            item_id,
            name,
            unit,
            opening,
            received: of("receive"),
            issued: -of("issue"),
            recovered: of("recover"),
            returned: -of("return"),
            damaged: -of("damage"),
            replaced: of("replace"),
            destroyed: -of("destroy"),
            adjusted: of("adjust"),
            closing: opening + moved,
            last_count: last_count(&counts, from),
        });
    }
    Ok(out)
}

/// How each event kind moves the count in stock and the count issued.
fn deltas(kind: &str) -> (i64, i64) {
    match kind {
        "receive" => (1, 0),
        "issue" => (-1, 1),
        "recover" => (1, -1),
        "destroy" | "expire_unissued" => (-1, 0),
        "redeem" | "cancel" | "expire" => (0, -1),
        "unredeem" => (0, 1),
        _ => (0, 0),
    }
}

fn runs_of(
    t: &crate::gifts::setup::VoucherType,
    numbers: &[(i64, Option<VoucherState>)],
) -> Vec<SerialRun> {
    let serial = |n: i64| {
        format!(
            "{}{:0width$}",
            t.serial_prefix,
            n,
            width = t.serial_digits as usize
        )
    };
    let mut out: Vec<SerialRun> = Vec::new();
    let mut start = 0;
    for i in 0..numbers.len() {
        let ends = i + 1 == numbers.len()
            || numbers[i + 1].0 != numbers[i].0 + 1
            || numbers[i + 1].1 != numbers[i].1;
        if ends {
            out.push(SerialRun {
                first: serial(numbers[start].0),
                last: serial(numbers[i].0),
                count: (i - start + 1) as i64,
                state: numbers[i].1,
            });
            start = i + 1;
        }
    }
    out
}

fn voucher_rows(tx: &Tx<'_>, from: &str, to: &str) -> Result<Vec<VoucherReconciliation>> {
    let types: Vec<VoucherTypeId> = tx
        .prepare_cached("SELECT id FROM voucher_types ORDER BY active DESC, name, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for id in types {
        let t = super::setup::voucher_type_terms(tx, id)?
            .ok_or(Error::NotFound(crate::error::Entity::VoucherType))?;
        let before: Vec<(String, i64)> = tx
            .prepare_cached(
                "SELECT kind, sum(n) FROM voucher_daily WHERE voucher_type_id = ?1
                 AND business_date < ?2 GROUP BY kind",
            )?
            .query_map(params![id, from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let within: Vec<(String, i64)> = tx
            .prepare_cached(
                "SELECT kind, sum(n) FROM voucher_daily WHERE voucher_type_id = ?1
                 AND business_date BETWEEN ?2 AND ?3 GROUP BY kind",
            )?
            .query_map(params![id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let sum = |rows: &[(String, i64)]| {
            rows.iter().fold((0, 0), |(s, i), (k, n)| {
                let (ds, di) = deltas(k);
                (s + ds * n, i + di * n)
            })
        };
        let (open_stock, open_issued) = sum(&before);
        let (move_stock, move_issued) = sum(&within);
        let of = |k: &str| {
            within
                .iter()
                .find(|(kind, _)| kind == k)
                .map_or(0, |(_, n)| *n)
        };
        let batches: Vec<(VoucherBatchId, i64, i64, i64)> = tx
            .prepare_cached(
                "SELECT id, first_no, last_no, received FROM voucher_batches
                 WHERE voucher_type_id = ?1 ORDER BY first_no",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut outstanding = Vec::new();
        let mut gaps = Vec::new();
        let mut last_counts = Vec::new();
        let mut live = tx.prepare_cached(
            "SELECT number, state FROM vouchers WHERE batch_id = ?1
             AND state IN ('in_stock', 'issued') ORDER BY number",
        )?;
        for (batch, first, last, received) in batches {
            let numbers: Vec<(i64, Option<VoucherState>)> = live
                .query_map([batch], |r| Ok((r.get(0)?, Some(r.get(1)?))))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            outstanding.extend(runs_of(&t, &numbers));
            if received < last - first + 1 {
                let present: Vec<i64> = tx
                    .prepare_cached(
                        "SELECT number FROM vouchers WHERE batch_id = ?1 ORDER BY number",
                    )?
                    .query_map([batch], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for (a, b) in vouchers::gaps(first, last, &present) {
                    let run: Vec<(i64, Option<VoucherState>)> =
                        (a..=b).map(|n| (n, None)).collect();
                    gaps.extend(runs_of(&t, &run));
                }
            }
            if let Some(c) = last_count(&counts_of(tx, None, Some(batch), to)?, from) {
                last_counts.push(c);
            }
        }
        out.push(VoucherReconciliation {
            voucher_type_id: id,
            name: t.name.clone(),
            face_value: t.face_value,
            opening_in_stock: open_stock,
            opening_issued: open_issued,
            received: of("receive"),
            issued: of("issue"),
            redeemed: of("redeem"),
            unredeemed: of("unredeem"),
            recovered: of("recover"),
            cancelled: of("cancel"),
            expired: of("expire") + of("expire_unissued"),
            destroyed: of("destroy"),
            closing_in_stock: open_stock + move_stock,
            closing_issued: open_issued + move_issued,
            outstanding,
            gaps,
            last_counts,
        });
    }
    Ok(out)
}

fn variances(tx: &Tx<'_>, from: &str, to: &str) -> Result<(i64, i64, Vec<Variance>)> {
    let (counted, matched): (i64, i64) = tx.query_row(
        "SELECT count(*), coalesce(sum(l.counted = l.book), 0) FROM handover_lines l
         JOIN handovers h ON h.id = l.handover_id
         WHERE h.state = 'confirmed' AND h.business_date BETWEEN ?1 AND ?2",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let differing: Vec<(HandoverLineId, Option<GiftItemId>, Option<VoucherBatchId>)> = tx
        .prepare_cached(
            "SELECT l.id, l.item_id, l.batch_id FROM handover_lines l
             JOIN handovers h ON h.id = l.handover_id
             WHERE h.state = 'confirmed' AND h.business_date BETWEEN ?1 AND ?2
               AND l.counted <> l.book
             ORDER BY h.confirmed_at, l.id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (line, item, batch) in differing {
        let counts = counts_of(tx, item, batch, to)?;
        let Some(at) = counts.iter().position(|c| c.line == line) else {
            continue;
        };
        let Counted {
            handover,
            book,
            counted: count,
            ..
        } = counts[at].clone();
        let label = match (item, batch) {
            (Some(i), _) => {
                tx.query_row("SELECT name FROM gift_items WHERE id = ?1", [i], |r| {
                    r.get(0)
                })?
            }
            (_, Some(b)) => {
                let v = vouchers::batch_view(tx, b)?;
                format!("{}–{}", v.first_serial, v.last_serial)
            }
            _ => String::new(),
        };
        let adjusted: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM gift_moves WHERE kind = 'adjust' AND handover_line_id = ?1)",
            [line],
            |r| r.get(0),
        )?;
        out.push(Variance {
            line_id: line,
            item_id: item,
            first_seen: first_seen(&counts, at).unwrap_or_else(|| handover.clone()),
            handover,
            label,
            book,
            counted: count,
            variance: count - book,
            adjusted,
        });
    }
    Ok((counted, matched, out))
}

pub(crate) fn reconciliation_in(tx: &Tx<'_>, from: &str, to: &str) -> Result<Reconciliation> {
    let (lines_counted, lines_matched, variances) = variances(tx, from, to)?;
    Ok(Reconciliation {
        from: from.to_string(),
        to: to.to_string(),
        items: items(tx, from, to)?,
        vouchers: voucher_rows(tx, from, to)?,
        lines_counted,
        lines_matched,
        match_permille: (lines_counted > 0).then(|| lines_matched * 1000 / lines_counted),
        variances,
    })
}

/// The reconciliation of every gift item and voucher type over a period.
pub fn gift_reconciliation(
    db: &mut Db,
    session: &Session,
    req: PeriodRequest,
) -> Result<Reconciliation> {
    let (from, to) = period(&req)?;
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ReconcileGifts)?;
        reconciliation_in(tx, &from, &to)
    })
}

/// The reconciliation as CSV for Excel, in `exports/`.
pub fn export_gift_reconciliation(
    db: &mut Db,
    session: &Session,
    req: PeriodRequest,
) -> Result<ExportResult> {
    let (from, to) = period(&req)?;
    let r = db.read(|tx| {
        staff::authorize(tx, session, Permission::ReconcileGifts)?;
        reconciliation_in(tx, &from, &to)
    })?;
    let mut s = Sheet::new();
    s.header(&["对账期间", "起", "止"]);
    s.text("").text(&r.from).text(&r.to).end_row();
    s.end_row();
    s.header(&[
        "赠品",
        "单位",
        "期初",
        "入库",
        "发放",
        "收回",
        "退库",
        "损毁",
        "补换",
        "销毁",
        "调整",
        "期末账面",
        "最近盘点",
        "盘点数",
        "差异",
        "差异首次出现",
    ]);
    for i in &r.items {
        let c = i.last_count.as_ref();
        s.text(&i.name)
            .text(&i.unit)
            .number(i.opening)
            .number(i.received)
            .number(i.issued)
            .number(i.recovered)
            .number(i.returned)
            .number(i.damaged)
            .number(i.replaced)
            .number(i.destroyed)
            .number(i.adjusted)
            .number(i.closing)
            .text(c.map_or("", |c| c.handover.no.as_str()))
            .text(&c.map_or(String::new(), |c| c.counted.to_string()))
            .text(&c.map_or(String::new(), |c| c.variance.to_string()))
            .text(
                c.and_then(|c| c.first_seen.as_ref())
                    .map_or("", |h| h.no.as_str()),
            )
            .end_row();
    }
    s.end_row();
    s.header(&[
        "赠券",
        "面值（元）",
        "期初在库",
        "期初已发未用",
        "入库",
        "发放",
        "使用",
        "撤销使用",
        "收回",
        "作废",
        "过期",
        "销毁",
        "期末在库",
        "期末已发未用",
    ]);
    for v in &r.vouchers {
        s.text(&v.name)
            .number(v.face_value.plain_yuan())
            .number(v.opening_in_stock)
            .number(v.opening_issued)
            .number(v.received)
            .number(v.issued)
            .number(v.redeemed)
            .number(v.unredeemed)
            .number(v.recovered)
            .number(v.cancelled)
            .number(v.expired)
            .number(v.destroyed)
            .number(v.closing_in_stock)
            .number(v.closing_issued)
            .end_row();
    }
    s.end_row();
    s.header(&["赠券", "号段起", "号段止", "张数", "状态"]);
    for v in &r.vouchers {
        for run in &v.outstanding {
            s.text(&v.name)
                .digits(&run.first)
                .digits(&run.last)
                .number(run.count)
                .text(run.state.map_or("", |st| st.as_str()))
                .end_row();
        }
        for run in &v.gaps {
            s.text(&v.name)
                .digits(&run.first)
                .digits(&run.last)
                .number(run.count)
                .text("缺号")
                .end_row();
        }
    }
    s.end_row();
    s.header(&["盘点行数", "相符行数", "账实相符率"]);
    s.number(r.lines_counted)
        .number(r.lines_matched)
        .text(
            &r.match_permille
                .map_or(String::new(), |p| format!("{}.{}%", p / 10, p % 10)),
        )
        .end_row();
    let rows = s.rows();
    crate::spreadsheet::write_export(
        db,
        &format!("赠品赠券对账-{}-{}", r.from, r.to),
        &s.into_bytes(),
        rows,
    )
}

#[cfg(test)]
mod tests;
