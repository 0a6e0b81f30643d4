//! Gifts and vouchers (赠品 / 赠券, SPEC 3.8): the shop's giveaways, where
//! any lost unit is a direct loss of its assets, so every one is accounted
//! for (账实相符率 100%).
//!
//! - [`setup`]: gift items, voucher types, promotions and their spend tiers
//!   (档级), birthday gifts (managers).
//! - [`stock`]: the append-only gift ledger and its book, which the database
//!   keeps at or above zero.
//! - [`vouchers`]: vouchers one by one by serial, each redeemed at most once.
//! - [`rewards`]: what a visit's spend earns, the issue at checkout, vouchers
//!   as payment, the birthday gift, what a customer received.
//! - [`handover`]: blind counts at shift change and daily close.
//! - [`reconcile`]: the manager's reconciliation for any period.
//! - [`issuance`]: the day's issuance summary for the marketing supervisor.
//!
//! Visits sit above: checkout asks [`rewards`] to issue and redeem, and a
//! void asks it to reverse, all in the visit's transaction.

pub mod handover;
pub mod issuance;
pub mod reconcile;
pub mod rewards;
pub mod setup;
pub mod stock;
pub mod vouchers;
