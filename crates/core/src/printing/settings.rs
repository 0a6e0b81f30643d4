//! The shop's print settings (`print_settings`) and the printer chosen for
//! each group of documents (`printers`).

use std::path::PathBuf;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::views::{DocGroup, SlipPaper};

/// Where a document goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PrinterTarget {
    /// A printer with an operating-system driver; None: the default printer.
    System { queue: Option<String> },
    /// A network thermal printer driven raw (ESC/POS raster), usually port 9100.
    EscPosTcp { host: String, port: u16 },
    /// A thermal printer on a device path (/dev/usb/lp0, COM3) or a file.
    EscPosFile {
        #[ts(type = "string")]
        path: PathBuf,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrinterChoice {
    pub group: DocGroup,
    pub target: PrinterTarget,
    pub copies: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintSettings {
    pub slip_paper: SlipPaper,
    /// 三联单: customer, front-desk and stylist copies.
    pub three_part: bool,
    /// Print the slip by itself at checkout.
    pub auto_print_slip: bool,
    /// One per group, in [`DocGroup::ALL`] order.
    pub printers: Vec<PrinterChoice>,
}

const MAX_QUEUE_NAME: usize = 127;

pub(crate) fn load(tx: &Tx<'_>) -> Result<PrintSettings> {
    let (slip_paper, three_part, auto_print_slip) = tx.query_row(
        "SELECT slip_paper, three_part, auto_print_slip FROM print_settings WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let printers = DocGroup::ALL
        .iter()
        .map(|g| choice(tx, *g))
        .collect::<Result<Vec<_>>>()?;
    Ok(PrintSettings {
        slip_paper,
        three_part,
        auto_print_slip,
        printers,
    })
}

/// The printer for a group: the default system printer, once, until set.
pub(crate) fn choice(tx: &Tx<'_>, group: DocGroup) -> Result<PrinterChoice> {
    let row: Option<(String, u32)> = tx
        .query_row(
            "SELECT target, copies FROM printers WHERE doc_group = ?1",
            [group],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((target, copies)) => PrinterChoice {
            group,
            target: serde_json::from_str(&target)?,
            copies,
        },
        None => PrinterChoice {
            group,
            target: PrinterTarget::System { queue: None },
            copies: 1,
        },
    })
}

pub fn get_print_settings(db: &mut Db, session: &Session) -> Result<PrintSettings> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        load(tx)
    })
}

/// A printer setting as typed, checked field by field.
pub(crate) fn check_target(target: &PrinterTarget) -> Result<PrinterTarget> {
    Ok(match target {
        PrinterTarget::System { queue } => PrinterTarget::System {
            queue: match queue.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(q) => {
                    let q = validate::optional_text("queue", q, MAX_QUEUE_NAME)?;
                    if q.chars().any(|c| c.is_control() || c == '/' || c == '#') {
                        return Err(Error::invalid("queue", Invalid::Format));
                    }
                    Some(q)
                }
            },
        },
        PrinterTarget::EscPosTcp { host, port } => {
            let host = host.trim();
            if host.is_empty() {
                return Err(Error::invalid("host", Invalid::Required));
            }
            validate::optional_text("host", host, 253)?;
            if !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
            {
                return Err(Error::invalid("host", Invalid::Format));
            }
            if *port == 0 {
                return Err(Error::invalid("port", Invalid::OutOfRange));
            }
            PrinterTarget::EscPosTcp {
                host: host.to_string(),
                port: *port,
            }
        }
        PrinterTarget::EscPosFile { path } => {
            let text = path.to_string_lossy();
            if text.trim().is_empty() {
                return Err(Error::invalid("path", Invalid::Required));
            }
            validate::optional_text("path", &text, 1024)?;
            PrinterTarget::EscPosFile { path: path.clone() }
        }
    })
}

pub fn update_print_settings(
    db: &mut Db,
    session: &Session,
    req: PrintSettings,
) -> Result<PrintSettings> {
    let mut printers = Vec::new();
    for p in &req.printers {
        validate::in_range("copies", i64::from(p.copies), 1, 9)?;
        if printers.iter().any(|q: &PrinterChoice| q.group == p.group) {
            return Err(Error::invalid("printers", Invalid::Repeated));
        }
        printers.push(PrinterChoice {
            group: p.group,
            target: check_target(&p.target)?,
            copies: p.copies,
        });
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        tx.execute(
            "UPDATE print_settings SET slip_paper = ?1, three_part = ?2, auto_print_slip = ?3,
                    updated_at = ?4 WHERE id = 1",
            rusqlite::params![req.slip_paper, req.three_part, req.auto_print_slip, tx.now],
        )?;
        for p in &printers {
            tx.execute(
                "INSERT INTO printers (doc_group, target, copies) VALUES (?1, ?2, ?3)
                 ON CONFLICT (doc_group) DO UPDATE SET target = excluded.target,
                                                      copies = excluded.copies",
                rusqlite::params![p.group, serde_json::to_string(&p.target)?, p.copies],
            )?;
        }
        audit::record(
            tx,
            Some(session.staff_id),
            Action::PrintSettingsUpdate,
            None,
            audit::NONE,
            Some(&req),
        )?;
        load(tx)
    })
}
