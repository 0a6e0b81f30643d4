//! Printing through CUPS (Linux, macOS): check the queue with `lpstat`, then
//! `lp` with the PDF on its standard input. The commands run with `LC_ALL=C`
//! so their answers parse the same on a Chinese desktop.

use std::io::{ErrorKind, Write};
use std::process::{Command, Output, Stdio};

use super::{DeviceError, Job, PrinterInfo, Sent};
use crate::layout::Page;

/// What the front desk calls a printer left unnamed.
const DEFAULT_NAME: &str = "(default printer)";
const SCHEDULER_DOWN: &str = "the printing service (cupsd) is not running";

pub fn send(queue: Option<&str>, job: &Job) -> Result<Sent, DeviceError> {
    let printer = match queue {
        Some(q) => q.to_string(),
        None => default_printer()?,
    };
    let status = run("lpstat", &["-l", "-p", &printer, "-a", &printer], None)
        .map_err(|e| not_installed(&printer, "lpstat", &e))?;
    if !status.status.success() {
        return Err(scheduler_down(lpstat_error(
            &printer,
            &text(&status.stderr),
        )));
    }
    check_status(&printer, &text(&status.stdout))?;

    let copies = job.copies.max(1).to_string();
    let media = format!("media={}", media(&job.pages, job.roll));
    let args = [
        "-d", &printer, "-n", &copies, "-t", &job.title, "-o", &media, "-",
    ];
    let out = run("lp", &args, Some(&job.pdf)).map_err(|e| not_installed(&printer, "lp", &e))?;
    let stderr = text(&out.stderr);
    if !out.status.success() {
        return Err(scheduler_down(lp_error(&printer, &stderr)));
    }
    Ok(Sent {
        job_id: job_id(&text(&out.stdout)),
    })
}

pub fn list_printers() -> Vec<PrinterInfo> {
    let Ok(names) = run("lpstat", &["-e"], None) else {
        return Vec::new();
    };
    let default = default_printer().ok();
    text(&names.stdout)
        .lines()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| PrinterInfo {
            name: name.to_string(),
            is_default: default.as_deref() == Some(name),
        })
        .collect()
}

fn default_printer() -> Result<String, DeviceError> {
    let out =
        run("lpstat", &["-d"], None).map_err(|e| not_installed(DEFAULT_NAME, "lpstat", &e))?;
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("system default destination:"))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .ok_or_else(|| {
            scheduler_down(DeviceError::NotFound {
                printer: DEFAULT_NAME.into(),
            })
        })
}

/// Without cupsd, every queue looks missing: say that the service is down.
fn scheduler_down(error: DeviceError) -> DeviceError {
    let DeviceError::NotFound { printer } = error else {
        return error;
    };
    let running = run("lpstat", &["-r"], None)
        .is_ok_and(|out| text(&out.stdout).contains("scheduler is running"));
    if running {
        DeviceError::NotFound { printer }
    } else {
        DeviceError::Offline {
            printer,
            reason: SCHEDULER_DOWN.into(),
        }
    }
}

fn run(program: &str, args: &[&str], stdin: Option<&[u8]>) -> std::io::Result<Output> {
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let input = child.stdin.take();
    // Written from another thread so a command that answers before it has
    // read everything cannot dead-lock with us.
    std::thread::scope(|scope| {
        if let (Some(mut pipe), Some(data)) = (input, stdin) {
            scope.spawn(move || {
                // A command that stops reading has failed; its exit status
                // and standard error say why.
                let _ = pipe.write_all(data);
            });
        }
        child.wait_with_output()
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_string()
}

fn not_installed(printer: &str, program: &str, e: &std::io::Error) -> DeviceError {
    let message = if e.kind() == ErrorKind::NotFound {
        format!(
            "the printing service (CUPS) is not installed: the `{program}` command is missing (install the cups and cups-client packages)"
        )
    } else {
        format!("could not run `{program}`: {e}")
    };
    DeviceError::Failed {
        printer: printer.to_string(),
        message,
    }
}

/// `lpstat` failed: an unknown queue, or no scheduler to ask.
fn lpstat_error(printer: &str, stderr: &str) -> DeviceError {
    let lower = stderr.to_ascii_lowercase();
    if lower.contains("invalid destination")
        || lower.contains("unknown destination")
        || lower.contains("no destinations added")
    {
        DeviceError::NotFound {
            printer: printer.to_string(),
        }
    } else if lower.contains("scheduler is not running")
        || lower.contains("unable to connect")
        || lower.contains("bad file descriptor")
        || lower.contains("connection refused")
    {
        DeviceError::Offline {
            printer: printer.to_string(),
            reason: SCHEDULER_DOWN.into(),
        }
    } else {
        DeviceError::Failed {
            printer: printer.to_string(),
            message: stderr.to_string(),
        }
    }
}

/// `lpstat -l -p NAME -a NAME`: refuse a paused queue, one that does not
/// accept jobs, and a printer that reports it has no paper.
fn check_status(printer: &str, stdout: &str) -> Result<(), DeviceError> {
    let lines: Vec<&str> = stdout.lines().collect();
    // IPP reasons without a suffix are errors too.
    let media_out = |line: &&str| {
        let alerts = line.trim().strip_prefix("Alerts:").unwrap_or("");
        alerts.split_whitespace().any(|a| {
            let a = a.strip_suffix("-error").unwrap_or(a);
            a == "media-empty" || a == "media-needed"
        })
    };
    if lines.iter().any(media_out) {
        return Err(DeviceError::OutOfPaper {
            printer: printer.to_string(),
        });
    }
    for (i, line) in lines.iter().enumerate() {
        // The reason CUPS gives is the indented line after a line ending in " -".
        let reason = || {
            lines
                .get(i + 1)
                .filter(|_| line.ends_with(" -"))
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
        };
        if line.starts_with("printer ") && line.contains(" disabled since ") {
            return Err(DeviceError::Offline {
                printer: printer.to_string(),
                reason: reason().unwrap_or_else(|| "paused".into()),
            });
        }
        if line.contains(" not accepting requests since ") {
            let why = reason().unwrap_or_else(|| "no reason given".into());
            return Err(DeviceError::Offline {
                printer: printer.to_string(),
                reason: format!("not accepting jobs: {why}"),
            });
        }
    }
    Ok(())
}

fn lp_error(printer: &str, stderr: &str) -> DeviceError {
    let lower = stderr.to_ascii_lowercase();
    if lower.contains("does not exist") || lower.contains("no default destination") {
        DeviceError::NotFound {
            printer: printer.to_string(),
        }
    } else if lower.contains("not accepting") {
        DeviceError::Offline {
            printer: printer.to_string(),
            reason: stderr.to_string(),
        }
    } else {
        lpstat_error(printer, stderr)
    }
}

/// `request id is Frontdesk-Test-PDF-12 (1 file(s))` → `Frontdesk-Test-PDF-12`.
fn job_id(stdout: &str) -> Option<String> {
    let rest = stdout.split("request id is ").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

/// The paper CUPS is asked for: a roll as tall as its tallest page (each
/// page is one copy of a slip, cut off after), else the sheet by its size.
fn media(pages: &[Page], roll: bool) -> String {
    let width = pages.first().map_or(80.0, |p| p.width).round();
    if roll {
        let height = pages.iter().map(|p| p.height).fold(0.0, f32::max).ceil();
        return format!("Custom.{width}x{height}mm");
    }
    let height = pages.first().map_or(297.0, |p| p.height).round();
    match (width as u32, height as u32) {
        (148, 210) => "A5".into(),
        (210, 297) => "A4".into(),
        (w, h) => format!("Custom.{w}x{h}mm"),
    }
}

#[cfg(test)]
mod tests;
