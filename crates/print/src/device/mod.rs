//! How a printed document reaches paper.
//!
//! - [`Target::System`]: a printer the operating system knows, through its
//!   driver. On Linux and macOS that is CUPS (`lp`, the PDF on its standard
//!   input); on Windows the pages are rasterised at the printer's resolution
//!   and drawn through GDI (the spooler prints raw PDF as garbage).
//! - [`Target::EscPosTcp`] and [`Target::EscPosFile`]: an 80 mm thermal
//!   printer spoken to directly in ESC/POS, over the network (port 9100) or
//!   through a device file (`/dev/usb/lp0`, a COM port). Each page is sent as
//!   a raster image ([`crate::raster::roll`]) and cut off after.
//!
//! Every failure is a [`DeviceError`] naming the printer, so the front desk
//! can say which printer is missing, switched off or out of paper.

use serde::Serialize;

use crate::layout::Page;

#[cfg(unix)]
mod cups;
#[cfg(windows)]
mod gdi;
mod thermal;

#[cfg(unix)]
use cups as system;
#[cfg(windows)]
use gdi as system;

/// Where a document is printed: the shop's printer setting, as the core
/// stores it.
pub use frontdesk_core::printing::PrinterTarget as Target;

/// One document to print: the same pages as laid out, and as a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Shown in the printer's queue.
    pub title: String,
    /// `pdf::write` of `pages`.
    pub pdf: Vec<u8>,
    pub pages: Vec<Page>,
    /// How many times the whole document is printed (at least once).
    pub copies: u32,
    /// Pages of an 80 mm roll (`Sheet::ROLL_80`), not A5/A4 sheets.
    pub roll: bool,
}

/// A job the printer (or its queue) took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    /// The queue's job id (CUPS `Frontdesk-Test-PDF-12`), where there is one.
    pub job_id: Option<String>,
}

/// A printer the operating system knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrinterInfo {
    pub name: String,
    pub is_default: bool,
}

/// Why a document did not reach the printer. `printer` is the queue's name,
/// `host:port` or the device path, as the shop configured it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeviceError {
    /// No such printer: not installed, renamed, or unplugged.
    #[error("printer {printer} was not found")]
    NotFound { printer: String },
    /// The printer is there but does not take jobs now (switched off,
    /// unreachable, paused), with the reason its system gives.
    #[error("printer {printer} is offline: {reason}")]
    Offline { printer: String, reason: String },
    #[error("printer {printer} is out of paper")]
    OutOfPaper { printer: String },
    /// Anything else, with the system's own message.
    #[error("printing on {printer} failed: {message}")]
    Failed { printer: String, message: String },
}

/// Send `job` to `target`. Returns once the printer or its queue has the
/// whole job; it does not wait for the paper to come out.
pub fn send(target: &Target, job: &Job) -> Result<Sent, DeviceError> {
    match target {
        Target::System { queue } => system::send(queue.as_deref(), job),
        Target::EscPosTcp { host, port } => thermal::send_tcp(host, *port, job),
        Target::EscPosFile { path } => thermal::send_file(path, job),
    }
}

/// The printers the operating system knows; empty when it has no printing
/// service (the CUPS commands are missing, or cupsd is not running).
pub fn list_printers() -> Vec<PrinterInfo> {
    system::list_printers()
}

/// Neither Unix nor Windows: only the ESC/POS targets print.
#[cfg(not(any(unix, windows)))]
mod system {
    use super::{DeviceError, Job, PrinterInfo, Sent};

    pub fn send(queue: Option<&str>, _job: &Job) -> Result<Sent, DeviceError> {
        Err(DeviceError::Failed {
            printer: queue.unwrap_or("default").to_string(),
            message: "this system has no printing service Frontdesk can use".into(),
        })
    }

    pub fn list_printers() -> Vec<PrinterInfo> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_tagged_by_kind() {
        let cases = [
            (
                Target::System { queue: None },
                r#"{"kind":"system","queue":null}"#,
            ),
            (
                Target::EscPosTcp {
                    host: "192.0.2.7".into(),
                    port: 9100,
                },
                r#"{"kind":"esc_pos_tcp","host":"192.0.2.7","port":9100}"#,
            ),
            (
                Target::EscPosFile {
                    path: "/dev/usb/lp0".into(),
                },
                r#"{"kind":"esc_pos_file","path":"/dev/usb/lp0"}"#,
            ),
        ];
        for (target, json) in cases {
            assert_eq!(serde_json::to_string(&target).unwrap(), json);
            assert_eq!(serde_json::from_str::<Target>(json).unwrap(), target);
        }
    }

    #[test]
    fn errors_name_the_printer() {
        let e = DeviceError::Offline {
            printer: "192.0.2.7:9100".into(),
            reason: "connection refused".into(),
        };
        assert_eq!(
            e.to_string(),
            "printer 192.0.2.7:9100 is offline: connection refused"
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap()["kind"],
            serde_json::json!("offline")
        );
    }
}
