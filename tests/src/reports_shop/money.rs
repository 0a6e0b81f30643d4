//! The generated shop's money at the desk outside visits: top-ups with
//! bonuses, refunds from balances and package sales.

use frontdesk_core::ids::CustomerId;
use frontdesk_core::membership::{
    self, PackagePayment, RefundRequest, SellPackageRequest, TopUpRequest,
};
use frontdesk_core::money::{Fen, PayMethod};
use rand::Rng;

use super::Shop;

impl Shop {
    pub(super) fn money(&mut self) {
        let m = self.m.clone();
        let cs = self.customers.clone();
        let c = self.pick(&cs).unwrap();
        let method = self.pick(PayMethod::ALL).unwrap();
        match self.rng.random_range(0..10) {
            0..5 => {
                let amount = Fen(self.rng.random_range(1..=30) * 10_000);
                let bonus = Fen(if self.rng.random_bool(0.5) {
                    amount.0 / 10
                } else {
                    0
                });
                membership::top_up(
                    self.db(),
                    &m,
                    TopUpRequest {
                        customer_id: c,
                        amount,
                        bonus,
                        method,
                    },
                )
                .unwrap();
                self.count("top up");
            }
            5 => {
                let holders: Vec<i64> =
                    self.ids("SELECT customer_id FROM sv_balances WHERE balance_fen > 0");
                let c = self.pick(&holders).map_or(c, CustomerId);
                let b = self.balance(c);
                if b > 0 {
                    let amount = self.rng.random_range(1..=b);
                    membership::refund_stored_value(
                        self.db(),
                        &m,
                        RefundRequest {
                            customer_id: c,
                            amount: Fen(amount),
                            method,
                            reason: "顾客搬家".into(),
                        },
                    )
                    .unwrap();
                    self.count("refund");
                }
            }
            _ => {
                let price = self.rng.random_range(5..=20) * 10_000;
                let b = self.balance(c);
                let method = match self.rng.random_range(0..4) {
                    0 if b >= price => PackagePayment::StoredValue,
                    0 | 1 => PackagePayment::Cash,
                    2 => PackagePayment::Card,
                    _ => PackagePayment::Mobile,
                };
                let service = if self.rng.random_bool(0.5) {
                    self.facial
                } else {
                    self.massage
                };
                let sessions = self.rng.random_range(3..=10);
                membership::sell_package(
                    self.db(),
                    &m,
                    SellPackageRequest {
                        customer_id: c,
                        service_id: service,
                        sessions,
                        price: Fen(price),
                        method,
                        expires_on: None,
                    },
                )
                .unwrap();
                self.count("package sale");
            }
        }
    }
}
