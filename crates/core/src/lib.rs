//! Frontdesk's domain core: every rule of the shop and its storage in one
//! SQLite file. No UI and no Tauri here: the desktop shell and the tests call
//! the same functions.
//!
//! Each command is a function taking the open [`storage::Db`], the acting
//! staff member's [`staff::Session`] and a request struct, returning a response
//! struct or an [`error::Error`]. It checks the session's permission, validates
//! every field (naming the one it refuses), and writes in one transaction.

// The command table names paths as `frontdesk_core::…`, from inside too.
extern crate self as frontdesk_core;

pub mod access;
pub mod api;
pub mod appointments;
pub mod audit;
pub mod audit_view;
pub mod backup;
pub mod catalog;
pub mod clock;
pub mod codes;
pub mod complaints;
pub mod customers;
pub mod demo;
pub mod erasure;
pub mod error;
pub mod flow;
pub mod followups;
pub mod gifts;
pub mod ids;
pub mod membership;
pub mod money;
pub mod printing;
pub mod reports;
pub mod schema;
pub mod shop;
pub mod spreadsheet;
pub mod staff;
pub mod storage;
pub mod text;
pub mod validate;
pub mod visits;

pub use error::{ApiError, Error, ErrorCode, Result};
pub use storage::Db;
