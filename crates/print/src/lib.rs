//! Printed documents as pure functions from a view struct (built by the core
//! from the database) to PDF bytes, and the ways they reach paper. Nothing
//! here reads or writes SQLite.
//!
//! - [`font`]: the bundled CJK font, parsed once;
//! - [`layout`]: the one layout model (measure, wrap, place) every document uses;
//! - [`pdf`]: placed pages to PDF bytes, the font embedded as a subset;
//! - [`docs`]: every document, from the core's view to parts, pages and PDF;
//! - [`raster`], [`escpos`]: pages as a bitmap, and as ESC/POS for thermal printers.

pub mod device;
pub mod docs;
pub mod escpos;
pub mod font;
pub mod layout;
pub mod pdf;
pub mod queue;
pub mod raster;
