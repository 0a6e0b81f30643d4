//! Membership (SPEC 3.6): tiers (会员等级), stored-value cards (储值卡) and
//! package cards (次卡 / 疗程卡).
//!
//! - **Tiers** are an ordered list with qualification rules (spend over the
//!   last 12 months, and/or one top-up of at least an amount; both
//!   inclusive: exactly the threshold qualifies) and benefits (discount rates on
//!   services and on products, birthday gift, priority booking). A customer is
//!   upgraded at once when a rule is met (at checkout, top-up, package sale);
//!   downgrades happen only at a review (end of a period), never mid-visit. A
//!   manager may override with a reason. Every change is a `tier_changes` row.
//! - **Stored value** is an append-only ledger; the balance beside it is moved
//!   by a trigger and cannot go below zero (a CHECK), so two desks spending the
//!   same balance at once cannot both succeed.
//! - **Packages** hold N sessions of one service, optionally expiring; each use
//!   is a ledger row moving `sessions_left`, which cannot go below zero.

pub mod ledger;
pub mod tiers;

pub use ledger::*;
pub use tiers::*;

/// Price after a discount rate in per mille, rounded half up to the fen:
/// ¥298.00 at 880‰ is ¥262.24 (26224), ¥0.05 at 900‰ is ¥0.05 (4.5 → 5).
pub fn discounted(amount_fen: i64, rate_permille: i64) -> i64 {
    let rate = rate_permille.clamp(0, 1000) as i128;
    let v = amount_fen as i128 * rate;
    // Half up, for non-negative amounts (menu prices are never negative).
    ((v + 500) / 1000) as i64
}

#[cfg(test)]
mod tests {
    use super::discounted;

    #[test]
    fn discounts_round_half_up_to_the_fen() {
        // (menu price fen, rate ‰, price paid fen)
        let table = [
            (29800, 1000, 29800),
            (29800, 880, 26224),
            (29800, 850, 25330),
            (29800, 800, 23840),
            (5, 900, 5),   // 4.5 → 5
            (15, 900, 14), // 13.5 → 14
            (1, 500, 1),   // 0.5 → 1
            (1, 499, 0),   // 0.499 → 0
            (16800, 950, 15960),
            (9999, 880, 8799), // 8799.12 → 8799
            (9999, 885, 8849), // 8849.115 → 8849
            (0, 800, 0),
        ];
        for (price, rate, paid) in table {
            assert_eq!(discounted(price, rate), paid, "{price} at {rate}‰");
        }
    }
}
