//! ESC/POS thermal printers spoken to directly: over TCP (port 9100) or
//! through a device file. The bytes are the same on both: each roll page as
//! a raster image and a cut, the whole document `copies` times.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::time::Duration;

use super::{DeviceError, Job, Sent};
use crate::escpos;
use crate::raster;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a printer may take to answer the paper status request; many
/// network adapters never answer, and then the job goes out anyway.
const STATUS_TIMEOUT: Duration = Duration::from_millis(500);
const WRITE_TIMEOUT: Duration = Duration::from_secs(15);

/// The ESC/POS bytes of `job`: every page of every copy, cut apart.
pub(super) fn job_bytes(job: &Job, printer: &str) -> Result<Vec<u8>, DeviceError> {
    if !job.roll {
        return Err(DeviceError::Failed {
            printer: printer.to_string(),
            message:
                "a thermal printer prints 80 mm slips only; print this document on an A4/A5 printer"
                    .into(),
        });
    }
    let pages: Vec<raster::Bitmap> = job.pages.iter().map(raster::roll).collect();
    let copies = job.copies.max(1) as usize;
    let all: Vec<raster::Bitmap> = (0..copies).flat_map(|_| pages.iter().cloned()).collect();
    Ok(escpos::encode(&all))
}

pub(super) fn send_tcp(host: &str, port: u16, job: &Job) -> Result<Sent, DeviceError> {
    let printer = format!("{host}:{port}");
    let bytes = job_bytes(job, &printer)?;
    let offline = |reason: String| DeviceError::Offline {
        printer: printer.clone(),
        reason,
    };
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| offline(format!("cannot find the address {host}: {e}")))?;
    let mut last = offline(format!("no address for {host}"));
    let mut connected = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(stream) => {
                connected = Some(stream);
                break;
            }
            Err(e) => last = offline(io_reason(&e)),
        }
    }
    let mut stream = connected.ok_or(last)?;
    let io = |e: std::io::Error| offline(io_reason(&e));
    stream.set_write_timeout(Some(WRITE_TIMEOUT)).map_err(io)?;
    stream.set_read_timeout(Some(STATUS_TIMEOUT)).map_err(io)?;
    stream.set_nodelay(true).map_err(io)?;

    stream.write_all(&escpos::PAPER_STATUS).map_err(io)?;
    let mut status = [0u8; 1];
    if let Ok(1) = stream.read(&mut status)
        && paper_end(status[0])
    {
        return Err(DeviceError::OutOfPaper { printer });
    }
    stream.write_all(&bytes).map_err(io)?;
    stream.flush().map_err(io)?;
    // Close our side and let the printer close its own: closing with an
    // unread late status byte would reset the connection and could make the
    // printer drop the end of the job.
    stream.shutdown(Shutdown::Write).map_err(io)?;
    let mut rest = [0u8; 64];
    for _ in 0..4 {
        match stream.read(&mut rest) {
            Ok(n) if n > 0 => continue,
            _ => break,
        }
    }
    Ok(Sent { job_id: None })
}

/// A `DLE EOT 4` answer (bits 1 and 4 set, 0 and 7 clear) saying the roll
/// paper end sensor sees no paper (bits 5 and 6).
pub(super) fn paper_end(status: u8) -> bool {
    status & 0x93 == 0x12 && status & 0x60 == 0x60
}

pub(super) fn send_file(path: &Path, job: &Job) -> Result<Sent, DeviceError> {
    let printer = path.display().to_string();
    let bytes = job_bytes(job, &printer)?;
    // A device that is not there is an unplugged printer: never create a
    // plain file in its place.
    let mut options = OpenOptions::new();
    options.write(true);
    if !is_device(path) {
        options.create(true).truncate(true);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => DeviceError::NotFound {
            printer: printer.clone(),
        },
        ErrorKind::PermissionDenied => DeviceError::Failed {
            printer: printer.clone(),
            message: "permission denied (on Linux, add the user to the lp group)".into(),
        },
        _ => DeviceError::Offline {
            printer: printer.clone(),
            reason: io_reason(&e),
        },
    })?;
    file.write_all(&bytes)
        .and_then(|()| file.flush())
        .map_err(|e| match e.kind() {
            // The Linux USB printer driver reports paper out as "no space".
            ErrorKind::StorageFull => DeviceError::OutOfPaper {
                printer: printer.clone(),
            },
            _ => DeviceError::Offline {
                printer: printer.clone(),
                reason: io_reason(&e),
            },
        })?;
    Ok(Sent { job_id: None })
}

/// `/dev/...`, `\\.\COM3`, `COM3`, `LPT1`.
fn is_device(path: &Path) -> bool {
    let s = path.to_string_lossy().to_ascii_uppercase();
    let port = |prefix: &str| {
        s.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    s.starts_with("/DEV/") || s.starts_with(r"\\.\") || port("COM") || port("LPT")
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::ConnectionRefused => "connection refused (is the printer on?)".into(),
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "no answer (timed out)".into(),
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
            "not reachable on the network".into()
        }
        ErrorKind::ConnectionReset | ErrorKind::BrokenPipe => {
            "the printer closed the connection".into()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_status_bytes() {
        assert!(!paper_end(0x12), "paper present");
        assert!(!paper_end(0x1E), "near end only");
        assert!(paper_end(0x72));
        assert!(paper_end(0x7E));
        assert!(!paper_end(0x60), "not a status byte");
        assert!(!paper_end(0xF2), "not a status byte");
    }

    #[test]
    fn device_paths_are_never_created() {
        for p in ["/dev/usb/lp0", r"\\.\COM3", "COM3", "lpt1"] {
            assert!(is_device(Path::new(p)), "{p}");
        }
        for p in ["/tmp/slip.bin", "COM", "COMPUTER.txt", "out/lp0"] {
            assert!(!is_device(Path::new(p)), "{p}");
        }
    }
}
