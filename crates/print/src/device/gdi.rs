//! Printing on Windows through GDI: each page is rasterised at the printer's
//! own resolution ([`raster::render`]) and drawn with `StretchDIBits`, so any
//! installed printer driver prints it. (The spooler takes no PDF: sent raw,
//! a PDF prints as pages of garbage.)
//!
//! NOT COMPILED BY CI: the project builds on Linux and has no Windows
//! target installed. This module was only type-checked on Linux against
//! `windows-sys` (whose declarations are platform-independent) and has never
//! run on Windows: test it on a Windows machine before relying on it. It is
//! the one place in the workspace with `unsafe` code (FFI calls), kept small.
#![allow(unsafe_code)]

use std::ptr::{null, null_mut};

use windows_sys::Win32::Graphics::Gdi::{
    BI_RGB, BITMAPINFO, BITMAPINFOHEADER, CreateDCW, DIB_RGB_COLORS, DeleteDC, GetDeviceCaps, HDC,
    LOGPIXELSX, LOGPIXELSY, PHYSICALOFFSETX, PHYSICALOFFSETY, RGBQUAD, SRCCOPY, StretchDIBits,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, EnumPrintersW, GetDefaultPrinterW, GetPrinterW, OpenPrinterW,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_4W, PRINTER_INFO_6,
    PRINTER_STATUS_NOT_AVAILABLE, PRINTER_STATUS_OFFLINE, PRINTER_STATUS_PAPER_OUT,
    PRINTER_STATUS_PAUSED,
};
use windows_sys::Win32::Storage::Xps::{AbortDoc, DOCINFOW, EndDoc, EndPage, StartDocW, StartPage};

use super::{DeviceError, Job, PrinterInfo, Sent};
use crate::raster;

const DEFAULT_NAME: &str = "(default printer)";

pub fn send(queue: Option<&str>, job: &Job) -> Result<Sent, DeviceError> {
    let printer = match queue {
        Some(q) => q.to_string(),
        None => default_printer().ok_or_else(|| DeviceError::NotFound {
            printer: DEFAULT_NAME.into(),
        })?,
    };
    check_status(&printer)?;
    let failed = |what: &str| DeviceError::Failed {
        printer: printer.clone(),
        message: format!("{what}: {}", std::io::Error::last_os_error()),
    };
    let name = wide(&printer);
    let driver = wide("WINSPOOL");
    // SAFETY: both strings are NUL-terminated and outlive the call.
    let dc = unsafe { CreateDCW(driver.as_ptr(), name.as_ptr(), null(), null()) };
    if dc.is_null() {
        return Err(failed("the printer driver could not be opened"));
    }
    let dc = Dc(dc);
    // SAFETY: a valid DC; an unknown index only returns 0.
    let caps = |index: u32| unsafe { GetDeviceCaps(dc.0, index as i32) };
    let (dpi_x, dpi_y) = (caps(LOGPIXELSX).max(72), caps(LOGPIXELSY).max(72));
    let (offset_x, offset_y) = (caps(PHYSICALOFFSETX), caps(PHYSICALOFFSETY));

    let title = wide(&job.title);
    let info = DOCINFOW {
        cbSize: size_of::<DOCINFOW>() as i32,
        lpszDocName: title.as_ptr(),
        lpszOutput: null(),
        lpszDatatype: null(),
        fwType: 0,
    };
    // SAFETY: `info` and the title it points to outlive the call.
    let job_id = unsafe { StartDocW(dc.0, &info) };
    if job_id <= 0 {
        return Err(failed("the printer refused the job"));
    }
    for _ in 0..job.copies.max(1) {
        for page in &job.pages {
            let bitmap = raster::render(page, dpi_x as f32 / 25.4);
            let dib = Dib::new(&bitmap);
            let height = (page.height * dpi_y as f32 / 25.4).round() as i32;
            // SAFETY: `dib` holds a complete 1-bit bottom-up DIB whose header
            // and palette are laid out as BITMAPINFO expects.
            let ok = unsafe {
                StartPage(dc.0) > 0
                    && StretchDIBits(
                        dc.0,
                        -offset_x,
                        -offset_y,
                        bitmap.width as i32,
                        height,
                        0,
                        0,
                        bitmap.width as i32,
                        bitmap.height as i32,
                        dib.bits.as_ptr().cast(),
                        (&raw const dib.info).cast::<BITMAPINFO>(),
                        DIB_RGB_COLORS,
                        SRCCOPY,
                    ) > 0
                    && EndPage(dc.0) > 0
            };
            if !ok {
                let err = failed("a page could not be printed");
                // SAFETY: the document was started on this DC.
                unsafe { AbortDoc(dc.0) };
                return Err(err);
            }
        }
    }
    // SAFETY: the document was started on this DC.
    if unsafe { EndDoc(dc.0) } <= 0 {
        return Err(failed("the job could not be finished"));
    }
    Ok(Sent {
        job_id: Some(job_id.to_string()),
    })
}

pub fn list_printers() -> Vec<PrinterInfo> {
    let default = default_printer();
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: an empty buffer only asks for the size needed.
    unsafe { EnumPrintersW(flags, null(), 4, null_mut(), 0, &mut needed, &mut count) };
    // u64s: the buffer holds structs of pointers, so it must be aligned.
    let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: `buf` is at least `needed` bytes.
    let ok = unsafe {
        EnumPrintersW(
            flags,
            null(),
            4,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut count,
        )
    };
    if ok == 0 || needed == 0 {
        return Vec::new();
    }
    // SAFETY: EnumPrintersW wrote `count` PRINTER_INFO_4W at the start of
    // `buf`, their strings after them in the same buffer.
    let infos = unsafe {
        std::slice::from_raw_parts(buf.as_ptr().cast::<PRINTER_INFO_4W>(), count as usize)
    };
    infos
        .iter()
        .map(|info| {
            // SAFETY: a NUL-terminated string inside `buf`.
            let name = unsafe { from_wide(info.pPrinterName) };
            PrinterInfo {
                is_default: default.as_deref() == Some(name.as_str()),
                name,
            }
        })
        .collect()
}

fn default_printer() -> Option<String> {
    let mut len = 0u32;
    // SAFETY: a null buffer asks for the length needed.
    unsafe { GetDefaultPrinterW(null_mut(), &mut len) };
    if len == 0 {
        return None;
    }
    let mut buf = vec![0u16; len as usize];
    // SAFETY: `buf` holds `len` characters.
    if unsafe { GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) } == 0 {
        return None;
    }
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    Some(String::from_utf16_lossy(&buf[..end]))
}

/// A printer that is not installed is NotFound; one the spooler knows to be
/// paused, offline or out of paper says so before anything is sent.
fn check_status(printer: &str) -> Result<(), DeviceError> {
    let name = wide(printer);
    let mut handle = PRINTER_HANDLE { Value: null_mut() };
    // SAFETY: `name` is NUL-terminated; `handle` receives the printer.
    if unsafe { OpenPrinterW(name.as_ptr(), &mut handle, null()) } == 0 {
        return Err(DeviceError::NotFound {
            printer: printer.to_string(),
        });
    }
    let mut info = PRINTER_INFO_6 { dwStatus: 0 };
    let mut needed = 0u32;
    // SAFETY: `info` is a PRINTER_INFO_6, the size given; the handle is open.
    let ok = unsafe {
        let ok = GetPrinterW(
            handle,
            6,
            (&raw mut info).cast(),
            size_of::<PRINTER_INFO_6>() as u32,
            &mut needed,
        );
        ClosePrinter(handle);
        ok
    };
    let status = if ok == 0 { 0 } else { info.dwStatus };
    let offline = |reason: &str| DeviceError::Offline {
        printer: printer.to_string(),
        reason: reason.into(),
    };
    if status & PRINTER_STATUS_PAPER_OUT != 0 {
        Err(DeviceError::OutOfPaper {
            printer: printer.to_string(),
        })
    } else if status & PRINTER_STATUS_PAUSED != 0 {
        Err(offline("paused"))
    } else if status & (PRINTER_STATUS_OFFLINE | PRINTER_STATUS_NOT_AVAILABLE) != 0 {
        Err(offline("offline"))
    } else {
        Ok(())
    }
}

/// A device context, deleted when dropped.
struct Dc(HDC);

impl Drop for Dc {
    fn drop(&mut self) {
        // SAFETY: created by CreateDCW and deleted once.
        unsafe { DeleteDC(self.0) };
    }
}

/// BITMAPINFO with the two palette entries a 1-bit DIB needs.
#[repr(C)]
struct Info {
    header: BITMAPINFOHEADER,
    colors: [RGBQUAD; 2],
}

struct Dib {
    info: Info,
    bits: Vec<u8>,
}

impl Dib {
    /// DIB rows are padded to 4 bytes and stored bottom-up; index 1 is black,
    /// as in the bitmap.
    fn new(bitmap: &raster::Bitmap) -> Dib {
        let stride = bitmap.stride();
        let dib_stride = stride.div_ceil(4) * 4;
        let mut bits = vec![0u8; dib_stride * bitmap.height as usize];
        for (i, row) in bitmap.data.chunks(stride.max(1)).rev().enumerate() {
            bits[i * dib_stride..i * dib_stride + row.len()].copy_from_slice(row);
        }
        let color = |v: u8| RGBQUAD {
            rgbBlue: v,
            rgbGreen: v,
            rgbRed: v,
            rgbReserved: 0,
        };
        let header = BITMAPINFOHEADER {
            biSize: size_of::<BITMAPINFOHEADER>() as u32,
            biWidth: bitmap.width as i32,
            biHeight: bitmap.height as i32,
            biPlanes: 1,
            biBitCount: 1,
            biCompression: BI_RGB,
            biSizeImage: bits.len() as u32,
            biXPelsPerMeter: 0,
            biYPelsPerMeter: 0,
            biClrUsed: 2,
            biClrImportant: 2,
        };
        Dib {
            info: Info {
                header,
                colors: [color(255), color(0)],
            },
            bits,
        }
    }
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// # Safety
/// `p` is null or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the string is NUL-terminated.
    unsafe {
        while *p.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
    }
}
