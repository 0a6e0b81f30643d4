//! The rows the year writes, one function per kind: a gift-ledger row, a
//! voucher event, a voucher's change of state, a visit, a delivery of gift
//! units or of a range of serials. Each also updates the simulation's own
//! view (book, serial states, in-stock counts), so the two cannot drift.

use rand::Rng;
use rusqlite::params;

use super::{BatchSim, Ev, Mv, Sim, St};
use crate::gifts::{add_days, ymd};

impl Sim<'_> {
    pub(super) fn post(&mut self, m: Mv<'_>) {
        let it = &mut self.items[m.item];
        it.book += m.qty;
        assert!(it.book >= 0, "book of item {} below zero", m.item);
        let item_id = it.id;
        self.t.moves += 1;
        if m.kind == "issue" {
            self.t.issue_rows += 1;
        }
        let date = self.date_text();
        self.exec(
            "INSERT INTO gift_moves (item_id, kind, qty, visit_id, customer_id, promotion_tier_id,
                slip_no, receipts, seconds, handover_line_id, reason, at, business_date, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                item_id, m.kind, m.qty, m.visit, m.customer, m.tier, m.slip, m.receipts, m.seconds,
                m.line, m.reason, m.at, date, m.staff
            ],
        );
    }

    pub(super) fn event(&mut self, t: usize, no: i64, kind: &str, e: Ev<'_>, at: i64, staff: i64) {
        self.t.events += 1;
        let serial = self.types[t].serial(no);
        let type_id = self.types[t].id;
        let date = self.date_text();
        self.exec(
            "INSERT INTO voucher_events (serial, voucher_type_id, kind, visit_id, customer_id,
                promotion_tier_id, amount_fen, reason, at, business_date, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                serial, type_id, kind, e.visit, e.customer, e.tier, e.amount, e.reason, at, date,
                staff
            ],
        );
    }

    /// Move a voucher to `to`, held by `customer`, expiring on day `expires`
    /// (None: no expiry, as in the drawer); in-stock bookkeeping follows.
    pub(super) fn set_state(
        &mut self,
        t: usize,
        no: i64,
        to: St,
        customer: Option<i64>,
        expires: Option<usize>,
        at: i64,
    ) {
        let ty = &mut self.types[t];
        let from = ty.state[no as usize];
        let b = ty.batch[no as usize];
        if from == St::InStock {
            ty.in_stock.remove(&no);
            ty.batches[b].in_stock -= 1;
        }
        if to == St::InStock {
            ty.in_stock.insert(no);
            ty.batches[b].in_stock += 1;
        }
        ty.state[no as usize] = to;
        ty.holder[no as usize] = customer.unwrap_or(0);
        if let Some(e) = expires {
            ty.expires[no as usize] = e;
        }
        let serial = ty.serial(no);
        let expires = expires.map(|e| ymd(add_days(self.first, e as i64)));
        self.exec(
            "UPDATE vouchers SET state = ?2, customer_id = ?3, expires_on = ?4, state_since = ?5
             WHERE serial = ?1",
            params![serial, to.text(), customer, expires, at],
        );
    }

    pub(super) fn visit_row(
        &mut self,
        customer: i64,
        total: i64,
        t: i64,
        desk: i64,
        voided: bool,
    ) -> i64 {
        let id = self.next_visit;
        self.next_visit += 1;
        self.t.visits += 1;
        self.slip_seq += 1;
        let slip = format!("{}-{:03}", self.date().format("%Y%m%d"), self.slip_seq);
        let stylist = self.stylists[self.rng.random_range(0..self.stylists.len())];
        let date = self.date_text();
        let (status, voided_at, voided_by, reason) = if voided {
            (
                "voided",
                Some(t + 3_600_000),
                Some(self.manager),
                "顾客退款",
            )
        } else {
            ("checked_out", None, None, "")
        };
        self.exec(
            "INSERT INTO visits (id, customer_id, source, stage, status, stage_since, business_date,
                slip_no, arrived_at, greeted_by, consultant_id, stylist_id, subtotal_fen, total_fen,
                belongings_checked, closed_at, closed_by, voided_at, voided_by, void_reason)
             VALUES (?1, ?2, 'walk_in', 'done', ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?10, 1, ?4, ?8,
                ?11, ?12, ?13)",
            params![
                id,
                customer,
                status,
                t,
                date,
                slip,
                t - 90 * 60_000,
                desk,
                stylist,
                total,
                voided_at,
                voided_by,
                reason
            ],
        );
        id
    }

    pub(super) fn slip(&mut self, prefix: &str) -> String {
        self.receipt_seq += 1;
        format!(
            "{prefix}{}-{:03}",
            self.date().format("%Y%m%d"),
            self.receipt_seq
        )
    }

    pub(super) fn receive_item(&mut self, i: usize, qty: i64, at: i64, staff: i64) {
        let slip = self.slip("CK");
        let mut m = Mv::new(i, "receive", qty.min(100_000), at, staff);
        m.slip = &slip;
        self.post(m);
    }

    /// Receive a range of `size` serials (a few may not arrive).
    pub(super) fn receive_batch(&mut self, t: usize, size: i64, at: i64, staff: i64) {
        let size = size.min(self.cap - self.t.received);
        if size <= 0 {
            return;
        }
        let first = self.types[t].next_no;
        let last = first + size - 1;
        let mut missing: Vec<i64> = Vec::new();
        if size > 100 && self.rng.random_bool(0.03) {
            for _ in 0..self.rng.random_range(1..=3) {
                let n = self.rng.random_range(first..=last);
                if !missing.contains(&n) {
                    missing.push(n);
                }
            }
        }
        let received = size - missing.len() as i64;
        let id = self.next_batch;
        self.next_batch += 1;
        self.t.batches += 1;
        self.t.received += received;
        let slip = self.slip("CK");
        let type_id = self.types[t].id;
        self.exec(
            "INSERT INTO voucher_batches (id, voucher_type_id, first_no, last_no, received, slip_no, at, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, type_id, first, last, received, slip, at, staff],
        );
        let b = self.types[t].batches.len();
        self.types[t].batches.push(BatchSim { id, in_stock: 0 });
        for no in first..=last {
            let ty = &mut self.types[t];
            ty.state.push(St::Missing);
            ty.batch.push(b);
            ty.expires.push(0);
            ty.holder.push(0);
            if missing.contains(&no) {
                continue;
            }
            ty.state[no as usize] = St::InStock;
            ty.in_stock.insert(no);
            ty.batches[b].in_stock += 1;
            let serial = ty.serial(no);
            self.exec(
                "INSERT INTO vouchers (serial, voucher_type_id, batch_id, number, state, state_since)
                 VALUES (?1, ?2, ?3, ?4, 'in_stock', ?5)",
                params![serial, type_id, id, no, at],
            );
            self.event(t, no, "receive", Ev::default(), at, staff);
        }
        self.types[t].next_no = last + 1;
    }

    pub(super) fn item_in_use(&self, i: usize) -> bool {
        (0..self.promos.len()).any(|p| {
            self.running(p)
                && self.promos[p]
                    .tiers
                    .iter()
                    .any(|t| t.items.iter().any(|(j, _)| *j == i))
        })
    }

    pub(super) fn type_in_use(&self, v: usize) -> bool {
        (0..self.promos.len())
            .any(|p| self.running(p) && self.promos[p].tiers.iter().any(|t| t.voucher == Some(v)))
    }

    pub(super) fn restock_qty(est: f64, days: f64, step: i64, min: i64) -> i64 {
        let want = (est * days).ceil() as i64;
        ((want.max(min) + step - 1) / step) * step
    }
}
