//! The model's gifts and vouchers: with a checked-out visit of the range,
//! or on a day of it without a visit or with one neither checked out nor
//! voided.

use std::collections::BTreeMap;

use frontdesk_core::ids::{GiftItemId, VoucherTypeId};
use frontdesk_core::money::Fen;
use frontdesk_core::reports::{GiftFigure, VoucherFigure};

use super::{Recount, VisitRaw, rows};
use crate::reports_shop::date;

pub(super) fn gifts_and_vouchers(
    rc: &Recount<'_>,
    visits: &[VisitRaw],
) -> (Vec<GiftFigure>, Vec<VoucherFigure>) {
    let status_of: BTreeMap<i64, &str> = visits.iter().map(|v| (v.id, v.status.as_str())).collect();
    let counts_here = |visit: Option<i64>, business_date: &str| match visit {
        Some(v) if status_of[&v] == "checked_out" => rc.is_out(Some(v)),
        Some(v) if status_of[&v] == "voided" => false,
        _ => rc.within(date(business_date)),
    };
    let mut issued: BTreeMap<i64, i64> = BTreeMap::new();
    for (item, qty, visit, bd) in rows(
        rc.db,
        "SELECT item_id, qty, visit_id, business_date FROM gift_moves WHERE kind = 'issue'",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    ) {
        if counts_here(visit, &bd) {
            *issued.entry(item).or_default() -= qty;
        }
    }
    let items: BTreeMap<i64, (String, String)> =
        rows(rc.db, "SELECT id, name, unit FROM gift_items", |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
        })
        .into_iter()
        .collect();
    let mut gifts: Vec<GiftFigure> = issued
        .into_iter()
        .map(|(id, n)| GiftFigure {
            item_id: GiftItemId(id),
            name: items[&id].0.clone(),
            unit: items[&id].1.clone(),
            issued: n,
        })
        .collect();
    gifts.sort_by(|a, b| a.name.cmp(&b.name));
    let types: BTreeMap<i64, (String, i64)> = rows(
        rc.db,
        "SELECT id, name, face_value_fen FROM voucher_types",
        |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
    )
    .into_iter()
    .collect();
    let events = rc.voucher_events();
    let mut vt: BTreeMap<i64, (i64, i64, i64)> = BTreeMap::new();
    for (ty, kind, visit, amount, bd) in &events {
        if (kind == "issue" || kind == "redeem") && counts_here(*visit, bd) {
            let e = vt.entry(*ty).or_default();
            if kind == "issue" {
                e.0 += 1;
            } else {
                e.1 += 1;
                e.2 += amount;
            }
        }
    }
    let mut vouchers: Vec<VoucherFigure> = vt
        .into_iter()
        .map(|(id, (i, r, a))| VoucherFigure {
            voucher_type_id: VoucherTypeId(id),
            name: types[&id].0.clone(),
            face_value: Fen(types[&id].1),
            issued: i,
            redeemed: r,
            redeemed_amount: Fen(a),
        })
        .collect();
    vouchers.sort_by(|a, b| a.name.cmp(&b.name));
    (gifts, vouchers)
}
