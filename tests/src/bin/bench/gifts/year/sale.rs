//! A checkout in the year: who comes, what she spends, the voucher she pays
//! with, what the promotions running today give her, and now and then a void.

use rand::Rng;

use super::{Ev, Mv, Sim, St};

impl Sim<'_> {
    pub(super) fn pick_customer(&mut self) -> i64 {
        let n = self.customers;
        // A third of the visits are the regulars' (a tenth of the customers).
        let idx = if self.rng.random_bool(0.3) {
            self.rng.random_range(0..(n / 10).max(1))
        } else {
            self.rng.random_range(0..n)
        };
        (idx * 7_919) % n + 1
    }

    /// The spend after vouchers, in fen.
    pub(super) fn spend(&mut self) -> i64 {
        let r: f64 = self.rng.random();
        let (lo, hi) = if r < 0.25 {
            (300, 400)
        } else if r < 0.78 {
            (400, 800)
        } else if r < 0.88 {
            (800, 1_000)
        } else if r < 0.96 {
            (1_000, 1_500)
        } else {
            (1_500, 3_000)
        };
        self.rng.random_range(lo..hi) * 100
    }

    /// A voucher she holds that a bill of `due` plus its face value reaches
    /// the minimum spend of, soonest to expire first.
    pub(super) fn usable_voucher(&mut self, customer: i64, due: i64) -> Option<(usize, i64)> {
        let day = self.day;
        let list = self.held.get_mut(&customer)?;
        let types = &self.types;
        list.retain(|(t, no)| {
            types[*t].state[*no as usize] == St::Issued
                && types[*t].holder[*no as usize] == customer
        });
        list.iter()
            .copied()
            .filter(|(t, no)| {
                let ty = &types[*t];
                ty.expires[*no as usize] >= day
                    && ty.valid_from.is_none_or(|f| f <= day)
                    && due + ty.face >= ty.min_spend
            })
            .min_by_key(|(t, no)| types[*t].expires[*no as usize])
    }

    pub(super) fn checkout(&mut self, t: i64, desk: i64) {
        let customer = self.pick_customer();
        let due = self.spend();
        let mut redeemed: Option<(usize, i64, i64)> = None;
        if let Some((v, no)) = self.usable_voucher(customer, due)
            && self.rng.random_bool(0.65)
        {
            redeemed = Some((v, no, self.types[v].face));
        }
        let total = due + redeemed.map_or(0, |r| r.2);
        let voided = self.rng.random_bool(0.002);
        let visit = self.visit_row(customer, total, t, desk, voided);
        if let Some((v, no, amount)) = redeemed {
            let expires = self.types[v].expires[no as usize];
            self.set_state(v, no, St::Redeemed, Some(customer), Some(expires), t);
            self.event(
                v,
                no,
                "redeem",
                Ev {
                    visit: Some(visit),
                    customer: Some(customer),
                    amount,
                    ..Ev::default()
                },
                t,
                desk,
            );
        }
        // What the tiers reached give, from each promotion running today.
        let receipts = [1, 1, 1, 2, 2, 3, 4][self.rng.random_range(0..7)];
        let seconds = 15 + 12 * receipts + self.rng.random_range(0..60);
        let mut issued_items: Vec<(usize, i64, i64)> = Vec::new();
        let mut issued_vouchers: Vec<(usize, i64)> = Vec::new();
        for p in 0..self.promos.len() {
            if !self.running(p) {
                continue;
            }
            let Some(tier) = self.promos[p].tiers.iter().position(|t| t.threshold <= due) else {
                continue;
            };
            let (tier_id, items, voucher) = {
                let t = &self.promos[p].tiers[tier];
                (t.id, t.items.clone(), t.voucher)
            };
            for (i, q) in items {
                self.items[i].wanted += q;
                if self.items[i].book < q && !self.items[i].urgent_today {
                    // The warehouse sends more at once.
                    self.items[i].urgent_today = true;
                    let qty = Self::restock_qty(
                        self.items[i].est.max(self.items[i].wanted as f64 * 4.0),
                        5.0,
                        100,
                        500,
                    );
                    self.receive_item(i, qty, t - 60_000, desk);
                }
                if self.items[i].book < q {
                    self.t.short_items += 1;
                    continue;
                }
                let mut m = Mv::new(i, "issue", -q, t, desk);
                m.visit = Some(visit);
                m.customer = Some(customer);
                m.tier = Some(tier_id);
                m.receipts = Some(receipts);
                m.seconds = Some(seconds);
                self.post(m);
                issued_items.push((i, q, tier_id));
            }
            if let Some(v) = voucher {
                self.t.offered_vouchers += 1;
                if !self.rng.random_bool(self.take) {
                    continue;
                }
                self.types[v].wanted += 1;
                if self.types[v].in_stock.is_empty() && !self.types[v].urgent_today {
                    self.types[v].urgent_today = true;
                    let size = Self::restock_qty(self.types[v].est, 7.0, 500, 1_000).min(10_000);
                    self.receive_batch(v, size, t - 60_000, desk);
                }
                let Some(no) = self.types[v].in_stock.first().copied() else {
                    self.t.short_vouchers += 1;
                    continue;
                };
                let ty = &self.types[v];
                let expires = match (ty.valid_days, ty.valid_to) {
                    (Some(days), _) => self.day + days as usize - 1,
                    (None, Some(to)) => to,
                    _ => unreachable!(),
                };
                self.set_state(v, no, St::Issued, Some(customer), Some(expires), t);
                self.event(
                    v,
                    no,
                    "issue",
                    Ev {
                        visit: Some(visit),
                        customer: Some(customer),
                        tier: Some(tier_id),
                        ..Ev::default()
                    },
                    t,
                    desk,
                );
                self.held.entry(customer).or_default().push((v, no));
                self.expiring.entry(expires).or_default().push((v, no));
                issued_vouchers.push((v, no));
            }
        }
        if voided {
            self.t.voids += 1;
            let at = t + 3_600_000;
            let manager = self.manager;
            let recovered = self.rng.random_bool(0.8);
            for (i, q, tier) in issued_items {
                let mut m = if recovered {
                    Mv::new(i, "recover", q, at, manager)
                } else {
                    let mut m = Mv::new(i, "not_recovered", 0, at, manager);
                    m.reason = "未收回";
                    m
                };
                m.visit = Some(visit);
                m.customer = Some(customer);
                m.tier = Some(tier);
                self.post(m);
            }
            if let Some((v, no, _)) = redeemed {
                let expires = self.types[v].expires[no as usize];
                self.set_state(v, no, St::Issued, Some(customer), Some(expires), at);
                self.event(
                    v,
                    no,
                    "unredeem",
                    Ev {
                        visit: Some(visit),
                        customer: Some(customer),
                        ..Ev::default()
                    },
                    at,
                    manager,
                );
            }
            for (v, no) in issued_vouchers {
                let (to, kind, holder) = if recovered {
                    (St::InStock, "recover", None)
                } else {
                    (St::Cancelled, "cancel", Some(customer))
                };
                let expires = (!recovered).then(|| self.types[v].expires[no as usize]);
                // Back in the drawer it has no holder and no expiry.
                self.set_state(v, no, to, holder, expires, at);
                self.event(
                    v,
                    no,
                    kind,
                    Ev {
                        visit: Some(visit),
                        customer: Some(customer),
                        ..Ev::default()
                    },
                    at,
                    manager,
                );
            }
        }
    }
}
