//! Visits: the six-stage reception workflow (SPEC 3.4).
//!
//! 迎客 greet → 咨询 consult → 服务 service → 再咨询 re-consult → 送客 checkout
//! → 回访 follow-up (a task created at checkout, see [`crate::followups`]).
//!
//! A visit's `stage` only moves forward ([`Stage::rank`]); stages may be
//! skipped where it makes sense (a product-only purchase goes greet →
//! checkout), but a service needs a stylist and a chosen service, and a
//! re-consultation needs a service. Every move is a row in `visit_stages`
//! (when, who). Checkout closes the visit; from then on the database refuses
//! any change to it or its rows (triggers in 0005_visits.sql) except a
//! manager's void, which reverses everything it did. Each command is one
//! transaction.
//!
//! - [`model`]: the types (stages, requests, what the desk sees).
//! - [`pricing`]: the bill's lines, discounts, package sessions, totals.
//! - [`stages`]: check-in and the moves through consult, service, re-consult.
//! - [`checkout`]: the bill paid and the visit closed.
//! - [`close`]: cancel and void.
//! - [`read`]: loading a visit; [`board`] and [`history`]: the desk's views.

pub mod board;
pub mod checkout;
pub mod close;
pub mod history;
pub mod model;
pub(crate) mod pricing;
pub(crate) mod read;
pub mod stages;

pub use checkout::{checkout, quote};
pub(crate) use close::erase_words;
pub use close::{cancel_visit, void_visit};
pub use model::*;
pub use read::get_visit;
pub use stages::{
    advance, attach_customer, check_in, may_advance, save_consult, save_reconsult,
    save_service_notes,
};
