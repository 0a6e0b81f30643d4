//! The generated shop's visit flow: check-ins, each visit moved a step on
//! (consultation, service, re-consultation with ratings, checkout paid every
//! way with gifts handed over, or a cancellation), and voids.

use frontdesk_core::Db;
use frontdesk_core::appointments::{self, SaveAppointmentRequest};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::ids::{AppointmentId, CustomerId, PackageId, ServiceId, VisitId};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, CloseVisitRequest, ConsultRequest,
    PackageUse, Payment, ProductSale, QuoteRequest, ReconsultRequest, Stage, VoidVisitRequest,
};
use rand::Rng;
use rand::rngs::StdRng;

use super::{MINUTE, Now, Shop};
use crate::flow_support;

impl Shop {
    pub(super) fn check_in(&mut self) {
        let m = self.m.clone();
        let anonymous = self.rng.random_bool(0.15);
        let customer = if anonymous {
            None
        } else if self.rng.random_bool(0.1) {
            let n = self.customers.len();
            let c = flow_support::customer(
                self.db(),
                &m,
                &format!("新客{n}"),
                &format!("1380000{n:04}"),
            );
            self.customers.push(c);
            Some(c)
        } else {
            let cs = self.customers.clone();
            self.pick(&cs)
        };
        let mut appointment = None;
        if let Some(c) = customer
            && self.rng.random_bool(0.3)
        {
            let now = self.t.clock.now();
            let (facial, stylist) = (self.facial, self.stylist);
            if let Ok(a) = appointments::save_appointment(
                self.db(),
                &m,
                SaveAppointmentRequest {
                    id: AppointmentId(0),
                    customer_id: c,
                    stylist_id: Some(stylist),
                    start_at: now + 10 * MINUTE,
                    duration_minutes: None,
                    services: vec![facial],
                    note: String::new(),
                    allow_conflict: true,
                    from_visit_id: None,
                },
            ) {
                appointment = Some(a.id);
            }
        }
        // Refused when she is here already (one open visit at a time).
        let checked_in = visits::check_in(
            self.db(),
            &m,
            CheckInRequest {
                customer_id: customer,
                walk_in_label: if anonymous {
                    "穿红外套的女士".into()
                } else {
                    String::new()
                },
                appointment_id: appointment,
            },
        );
        if checked_in.is_err() {
            return;
        }
        self.count(if appointment.is_some() {
            "check in (appointment)"
        } else {
            "check in"
        });
    }

    /// Move a random open visit one step on (or check it out, or cancel it).
    pub(super) fn step(&mut self) {
        let open: Vec<i64> = self.ids("SELECT id FROM visits WHERE status = 'open' ORDER BY id");
        let Some(v) = self.pick(&open).map(VisitId) else {
            return;
        };
        let m = self.m.clone();
        let stage: Stage = self
            .t
            .db
            .conn()
            .query_row("SELECT stage FROM visits WHERE id = ?1", [v.0], |r| {
                r.get(0)
            })
            .unwrap();
        if self.rng.random_bool(0.06) {
            visits::cancel_visit(
                self.db(),
                &m,
                CloseVisitRequest {
                    visit_id: v,
                    reason: "顾客临时有事".into(),
                },
            )
            .unwrap();
            self.count("cancel");
            return;
        }
        match stage {
            Stage::Greet if self.rng.random_bool(0.1) => self.checkout(v, false),
            Stage::Greet => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Consult,
                    },
                )
                .unwrap();
                let mut services = vec![if self.rng.random_bool(0.6) {
                    self.facial
                } else {
                    self.massage
                }];
                if self.rng.random_bool(0.2) {
                    services.push(self.massage);
                    services.dedup();
                }
                let stylist = self.stylists[self.extra.random_range(0..self.stylists.len())];
                visits::save_consult(
                    self.db(),
                    &m,
                    ConsultRequest {
                        visit_id: v,
                        needs: "补水".into(),
                        measurements: vec![],
                        services,
                        stylist_id: Some(stylist),
                        care_plan: String::new(),
                        care_interval_days: None,
                    },
                )
                .unwrap();
            }
            Stage::Consult => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Service,
                    },
                )
                .unwrap();
            }
            Stage::Service => {
                visits::advance(
                    self.db(),
                    &m,
                    AdvanceRequest {
                        visit_id: v,
                        to: Stage::Reconsult,
                    },
                )
                .unwrap();
                let rating = |rng: &mut StdRng| match rng.random_range(0..10) {
                    0 => None,
                    1 => Some(0),
                    2 => Some(rng.random_range(1..=2)),
                    _ => Some(rng.random_range(3..=5)),
                };
                let (service_rating, stylist_rating) =
                    (rating(&mut self.rng), rating(&mut self.rng));
                visits::save_reconsult(
                    self.db(),
                    &m,
                    ReconsultRequest {
                        visit_id: v,
                        service_rating,
                        stylist_rating,
                        comments: String::new(),
                        comments_are_complaint: false,
                        measurements: vec![],
                        home_care: String::new(),
                        recommendations: String::new(),
                    },
                )
                .unwrap();
                self.rebook(v);
            }
            Stage::Reconsult | Stage::Done => self.checkout(v, true),
        }
    }

    /// At re-consultation, sometimes the next appointment is booked.
    fn rebook(&mut self, v: VisitId) {
        if !self.extra.random_bool(0.35) {
            return;
        }
        let (customer, stylist): (Option<i64>, Option<i64>) = self
            .t
            .db
            .conn()
            .query_row(
                "SELECT customer_id, stylist_id FROM visits WHERE id = ?1",
                [v.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let Some(c) = customer else { return };
        let m = self.m.clone();
        let now = self.t.clock.now();
        let facial = self.facial;
        appointments::save_appointment(
            self.db(),
            &m,
            SaveAppointmentRequest {
                id: AppointmentId(0),
                customer_id: CustomerId(c),
                stylist_id: stylist.map(frontdesk_core::ids::StaffId),
                start_at: now + 14 * 86_400_000,
                duration_minutes: None,
                services: vec![facial],
                note: String::new(),
                allow_conflict: true,
                from_visit_id: Some(v),
            },
        )
        .unwrap();
        self.count("rebook");
    }

    fn checkout(&mut self, v: VisitId, with_services: bool) {
        let m = self.m.clone();
        let customer: Option<i64> = self
            .t
            .db
            .conn()
            .query_row("SELECT customer_id FROM visits WHERE id = ?1", [v.0], |r| {
                r.get(0)
            })
            .unwrap();
        let customer = customer.map(CustomerId);
        let mut products = vec![];
        if !with_services || self.rng.random_bool(0.4) {
            products.push(ProductSale {
                product_id: self.p100,
                qty: self.rng.random_range(1..=3),
            });
        }
        let mut package_uses = vec![];
        if let Some(c) = customer {
            let lines: Vec<i64> = self.ids(&format!(
                "SELECT item_id FROM visit_lines WHERE visit_id = {} AND kind = 'service'",
                v.0
            ));
            for s in lines {
                let pk: Vec<i64> = self.ids(&format!(
                    "SELECT id FROM packages WHERE customer_id = {} AND service_id = {s}
                     AND sessions_left > 0",
                    c.0
                ));
                if let Some(p) = pk.first()
                    && self.rng.random_bool(0.6)
                    && !package_uses
                        .iter()
                        .any(|u: &PackageUse| u.package_id.0 == *p)
                {
                    package_uses.push(PackageUse {
                        package_id: PackageId(*p),
                        service_id: ServiceId(s),
                    });
                }
            }
        }
        let mut vouchers = vec![];
        if self.rng.random_bool(0.35) {
            let issued: Vec<String> =
                self.ids("SELECT serial FROM vouchers WHERE state = 'issued' ORDER BY serial");
            if let Some(s) = self.pick(&issued) {
                vouchers.push(s);
            }
        }
        let quote = |db: &mut Db, vouchers: &Vec<String>| {
            visits::quote(
                db,
                &m,
                QuoteRequest {
                    visit_id: v,
                    products: products.clone(),
                    package_uses: package_uses.clone(),
                    vouchers: vouchers.clone(),
                },
            )
        };
        let q = match quote(self.db(), &vouchers) {
            Ok(q) => q,
            Err(_) => {
                vouchers.clear();
                quote(self.db(), &vouchers).unwrap()
            }
        };
        let mut due = q.due.0;
        let mut stored = 0;
        if let Some(c) = customer {
            let b = self.balance(c);
            if b > 0 && due > 0 && self.rng.random_bool(0.5) {
                stored = self.rng.random_range(1..=b.min(due));
                due -= stored;
            }
        }
        let mut payments = vec![];
        let mut methods = PayMethod::ALL.to_vec();
        let mut tendered = 0;
        while due > 0 {
            let i = self.rng.random_range(0..methods.len());
            let method = methods.remove(i);
            let amount = if methods.is_empty() || self.rng.random_bool(0.6) {
                due
            } else {
                self.rng.random_range(1..=due)
            };
            due -= amount;
            if method == PayMethod::Cash {
                tendered = (amount + 9_999) / 10_000 * 10_000;
            }
            payments.push(Payment {
                method,
                amount: Fen(amount),
            });
        }
        let gifts = q.offers.first().filter(|o| !o.short).and_then(|o| {
            self.rng.random_bool(0.7).then(|| GiftIssue {
                tiers: vec![TierIssue {
                    tier_id: o.tier_id,
                    items: o
                        .rewards
                        .iter()
                        .filter_map(|r| {
                            r.item_id.map(|item_id| ItemQty {
                                item_id,
                                quantity: r.quantity,
                            })
                        })
                        .collect(),
                    vouchers: o
                        .rewards
                        .iter()
                        .flat_map(|r| r.next_serials.iter().take(r.quantity as usize).cloned())
                        .collect(),
                }],
                receipts: 1,
                seconds: 30,
            })
        });
        let gave = gifts.is_some();
        let used_vouchers = !vouchers.is_empty();
        let used_packages = !package_uses.is_empty();
        visits::checkout(
            self.db(),
            &m,
            CheckoutRequest {
                visit_id: v,
                products,
                payments,
                tendered: Fen(tendered),
                belongings_checked: true,
                stored_value: Fen(stored),
                package_uses,
                vouchers,
                gifts,
            },
        )
        .unwrap();
        self.count("checkout");
        if gave {
            self.count("checkout with gifts");
        }
        if used_vouchers {
            self.count("checkout with a voucher");
        }
        if used_packages {
            self.count("checkout with a package session");
        }
        if stored > 0 {
            self.count("checkout with stored value");
        }
    }

    pub(super) fn void(&mut self) {
        let out: Vec<i64> = self.ids("SELECT id FROM visits WHERE status = 'checked_out'");
        let Some(v) = self.pick(&out) else { return };
        let m = self.m.clone();
        let recovered = self.rng.random_bool(0.5);
        // Refused when her balance was spent since (the void would overdraw it).
        if visits::void_visit(
            self.db(),
            &m,
            VoidVisitRequest {
                visit_id: VisitId(v),
                reason: "收银录错".into(),
                gifts_recovered: recovered,
            },
        )
        .is_ok()
        {
            self.count("void");
        }
    }
}
