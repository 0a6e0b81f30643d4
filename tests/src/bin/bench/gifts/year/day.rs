//! A business day of the shop, from the manager's 09:00 to the 21:30 close.

use rand::Rng;
use rusqlite::params;

use super::{Ev, Mv, Sim, St};
use crate::gifts::catalogue::TYPE_A;

/// A line of a handover: an item (its index), or a voucher range (its
/// type's and its own index), with its book.
type SheetLine = (Option<usize>, Option<(usize, usize)>, i64);

impl Sim<'_> {
    pub(super) fn run_day(&mut self, target_by_tonight: i64, last_day: bool) {
        let desk_am = self.desks[self.day % 2];
        let desk_pm = self.desks[(self.day + 1) % 2];
        self.slip_seq = 0;
        self.receipt_seq = 0;
        self.handover_seq = 0;
        for it in &mut self.items {
            it.wanted = 0;
            it.urgent_today = false;
        }
        for ty in &mut self.types {
            ty.wanted = 0;
            ty.urgent_today = false;
        }
        self.manager_morning();
        // 09:20 seasonal items whose promotion ended go back to the warehouse.
        for i in 0..self.items.len() {
            if self.items[i].retire_on == Some(self.day) {
                let book = self.items[i].book;
                if book > 0 {
                    let slip = self.slip("TK");
                    let mut m = Mv::new(i, "return", -book, self.at(9, 20), self.manager);
                    m.slip = &slip;
                    self.post(m);
                }
                self.items[i].active = false;
            }
        }
        // 09:30 the delivery: items running low.
        for i in 0..self.items.len() {
            if !self.items[i].active || !self.item_in_use(i) {
                continue;
            }
            let it = &self.items[i];
            if it.book as f64 <= 2.5 * it.est || it.est == 0.0 {
                let qty = Self::restock_qty(it.est, 10.0, 100, 500);
                self.receive_item(i, qty, self.at(9, 30), desk_am);
            }
        }
        // 09:40 voucher ranges.
        for v in 0..self.types.len() {
            if !self.type_in_use(v) {
                continue;
            }
            let ty = &self.types[v];
            if (ty.in_stock.len() as f64) < 3.0 * ty.est
                || (ty.est == 0.0 && ty.in_stock.is_empty())
            {
                let size = Self::restock_qty(ty.est, 14.0, 500, 1_000).min(10_000);
                self.receive_batch(v, size, self.at(9, 40), desk_am);
            }
        }
        if last_day && self.cap < i64::MAX {
            // The last delivery of the year brings the drawer to the year's total.
            while self.t.received < self.cap {
                let before = self.t.received;
                self.receive_batch(TYPE_A, 10_000, self.at(9, 45), desk_am);
                if self.t.received == before {
                    break;
                }
            }
        }
        // 11:00 damage found on the shelf, sometimes replaced at once.
        for i in 0..self.items.len() {
            if self.items[i].active && self.items[i].book > 50 && self.rng.random_bool(0.12) {
                let n = self.rng.random_range(1..=3);
                let reason = ["运输破损", "包装受潮", "顾客试用损坏"][self.rng.random_range(0..3)];
                let mut m = Mv::new(i, "damage", -n, self.at(11, 0), desk_am);
                m.reason = reason;
                self.post(m);
                if self.rng.random_bool(0.5) {
                    let slip = self.slip("CK");
                    let mut m = Mv::new(i, "replace", n, self.at(11, 5), desk_am);
                    m.reason = reason;
                    m.slip = &slip;
                    self.post(m);
                }
            }
        }
        // The day's checkouts that reach a tier or pay with a voucher.
        let per_visit = if self.t.visits > 0 {
            self.t.issue_rows as f64 / self.t.visits as f64
        } else {
            2.7
        };
        let n = (((target_by_tonight - self.t.moves) as f64) / per_visit)
            .round()
            .max(0.0) as usize;
        let open = self.at(10, 0);
        let span = 11 * 3_600_000;
        let mut times: Vec<i64> = (0..n)
            .map(|_| open + self.rng.random_range(0..span))
            .collect();
        times.sort_unstable();
        let shift_at = self.at(15, 0);
        let mut shift_done = false;
        for t in times {
            if !shift_done && t >= shift_at {
                self.handover("shift", shift_at, desk_am, desk_pm);
                shift_done = true;
            }
            let desk = if t < shift_at { desk_am } else { desk_pm };
            self.checkout(t, desk);
        }
        if !shift_done {
            self.handover("shift", shift_at, desk_am, desk_pm);
        }
        // 21:30 the daily close: counted, confirmed, what ran out expired.
        let close = self.at(21, 30);
        self.handover("close", close, desk_pm, self.desks[2]);
        self.expire_due(close + 120_000);
        for it in &mut self.items {
            if it.wanted > 0 || it.est > 0.0 {
                it.est = if it.est == 0.0 {
                    it.wanted as f64
                } else {
                    0.7 * it.est + 0.3 * it.wanted as f64
                };
            }
        }
        for ty in &mut self.types {
            if ty.wanted > 0 || ty.est > 0.0 {
                ty.est = if ty.est == 0.0 {
                    ty.wanted as f64
                } else {
                    0.7 * ty.est + 0.3 * ty.wanted as f64
                };
            }
        }
        let compact = self.date().format("%Y%m%d").to_string();
        self.exec(
            "INSERT INTO slip_counters (business_date, last) VALUES (?1, ?2)",
            params![compact, self.slip_seq],
        );
        let date = self.date_text();
        self.exec(
            "INSERT INTO handover_counters (business_date, last_seq) VALUES (?1, ?2)",
            params![date, self.handover_seq],
        );
    }

    /// 09:00: the manager settles yesterday's count variances and matters,
    /// and destroys what expired on the shelf.
    pub(super) fn manager_morning(&mut self) {
        let at = self.at(9, 0);
        let manager = self.manager;
        for (line, i, qty) in std::mem::take(&mut self.adjusts) {
            if self.items[i].book + qty >= 0 {
                let mut m = Mv::new(i, "adjust", qty, at, manager);
                m.line = Some(line);
                m.reason = "交接盘点差异，已核实";
                self.post(m);
            }
        }
        for (t, b) in std::mem::take(&mut self.batch_shorts) {
            let gone = self.types[t]
                .in_stock
                .iter()
                .rev()
                .find(|no| self.types[t].batch[**no as usize] == b)
                .copied();
            if let Some(no) = gone {
                self.set_state(t, no, St::Destroyed, None, None, at);
                self.event(
                    t,
                    no,
                    "destroy",
                    Ev {
                        reason: "交接盘点缺失",
                        ..Ev::default()
                    },
                    at,
                    manager,
                );
            }
        }
        for matter in std::mem::take(&mut self.matters) {
            self.exec(
                "INSERT INTO matter_resolutions (matter_id, note, at, staff_id) VALUES (?1, ?2, ?3, ?4)",
                params![matter, "已核实处理", at + 60_000, manager],
            );
        }
        for i in 0..self.items.len() {
            if self.items[i].book >= 5 && self.rng.random_bool(0.005) {
                let n = self.rng.random_range(1..=5);
                let mut m = Mv::new(i, "destroy", -n, at + 300_000, manager);
                m.reason = "过期销毁";
                self.post(m);
            }
        }
    }

    /// A blind count of every line and its confirmation two minutes later.
    pub(super) fn handover(&mut self, kind: &str, at: i64, outgoing: i64, incoming: i64) {
        let date = self.date_text();
        // Now and then a count is redone before it is confirmed.
        let tries = if self.rng.random_bool(0.02) { 2 } else { 1 };
        for attempt in 0..tries {
            let confirmed = attempt + 1 == tries;
            let id = self.next_handover;
            self.next_handover += 1;
            let counted_at = at - (tries - 1 - attempt) as i64 * 300_000;
            if confirmed {
                self.handover_seq += 1;
                self.t.handovers += 1;
                let no = format!(
                    "JJ{}-{:02}",
                    self.date().format("%Y%m%d"),
                    self.handover_seq
                );
                self.exec(
                    "INSERT INTO handovers (id, no, business_date, kind, state, outgoing_id, incoming_id,
                        counted_at, confirmed_at, notes)
                     VALUES (?1, ?2, ?3, ?4, 'confirmed', ?5, ?6, ?7, ?8, '')",
                    params![id, no, date, kind, outgoing, incoming, counted_at, counted_at + 120_000],
                );
            } else {
                self.exec(
                    "INSERT INTO handovers (id, business_date, kind, state, outgoing_id, counted_at)
                     VALUES (?1, ?2, ?3, 'abandoned', ?4, ?5)",
                    params![id, date, kind, outgoing, counted_at],
                );
            }
            // Items active or with stock, then voucher ranges with stock.
            let mut lines: Vec<SheetLine> = Vec::new();
            for (i, it) in self.items.iter().enumerate() {
                if it.active || it.book > 0 {
                    lines.push((Some(i), None, it.book));
                }
            }
            for (t, ty) in self.types.iter().enumerate() {
                for (b, batch) in ty.batches.iter().enumerate() {
                    if batch.in_stock > 0 {
                        lines.push((None, Some((t, b)), batch.in_stock));
                    }
                }
            }
            for (item, batch, book) in lines {
                let mut counted = book;
                if confirmed && book > 0 && self.rng.random_bool(0.002) {
                    counted = book - 1;
                } else if confirmed && item.is_some() && self.rng.random_bool(0.0005) {
                    counted = book + 1;
                }
                let line = self.next_line;
                self.next_line += 1;
                self.t.lines += i64::from(confirmed);
                let item_id = item.map(|i| self.items[i].id);
                let batch_id = batch.map(|(t, b)| self.types[t].batches[b].id);
                self.exec(
                    "INSERT INTO handover_lines (id, handover_id, item_id, batch_id, book, counted)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![line, id, item_id, batch_id, book, counted],
                );
                if counted != book {
                    self.t.variances += 1;
                    match (item, batch) {
                        (Some(i), _) => self.adjusts.push((line, i, counted - book)),
                        (_, Some(tb)) => self.batch_shorts.push(tb),
                        _ => {}
                    }
                }
            }
            if confirmed && self.rng.random_bool(0.04) {
                let matter = self.next_matter;
                self.next_matter += 1;
                self.exec(
                    "INSERT INTO handover_matters (id, handover_id, text) VALUES (?1, ?2, ?3)",
                    params![matter, id, "李女士的赠品待补发，已登记电话"],
                );
                self.matters.push(matter);
            }
        }
    }

    /// The close expires issued vouchers past their date and, of types whose
    /// dates have passed, those still in the drawer (as `expire_due` does).
    pub(super) fn expire_due(&mut self, at: i64) {
        let today = self.day;
        let due: Vec<usize> = self.expiring.range(..today).map(|(d, _)| *d).collect();
        let staff = self.desks[2];
        for d in due {
            for (t, no) in self.expiring.remove(&d).unwrap_or_default() {
                let ty = &self.types[t];
                if ty.state[no as usize] != St::Issued || ty.expires[no as usize] >= today {
                    continue;
                }
                let holder = ty.holder[no as usize];
                let expires = ty.expires[no as usize];
                self.set_state(t, no, St::Expired, Some(holder), Some(expires), at);
                self.event(
                    t,
                    no,
                    "expire",
                    Ev {
                        customer: Some(holder),
                        ..Ev::default()
                    },
                    at,
                    staff,
                );
            }
        }
        for t in 0..self.types.len() {
            if self.types[t].valid_to.is_some_and(|to| to < today) {
                let left: Vec<i64> = self.types[t].in_stock.iter().copied().collect();
                for no in left {
                    self.set_state(t, no, St::Expired, None, None, at);
                    self.event(t, no, "expire_unissued", Ev::default(), at, staff);
                }
            }
        }
    }
}
