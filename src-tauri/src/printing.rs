//! The printing commands the shell runs itself: the preview's PDF, saving a
//! document where the save dialog said, and the operating system's printers.
//! The core builds and checks every document; the print crate draws it.

use std::path::PathBuf;

use frontdesk_core::error::Invalid;
use frontdesk_core::printing::{
    self, PdfFile, PreviewRequest, PrinterInfo, PrinterTarget, SaveDocumentRequest,
};
use frontdesk_core::{ApiError, Error};
use frontdesk_print::{device, queue};
use tauri::AppHandle;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// The document as it will print on the printer asked for (or its group's),
/// for the preview.
pub fn document_pdf(_app: &AppHandle, state: &AppState, req: PreviewRequest) -> Reply<PdfFile> {
    let (doc, target) = state.as_staff(|db, s| {
        printing::document_for_printer(db, s, &req.document, req.target.as_ref())
    })?;
    Ok(queue::pdf_file(&doc, &target).0)
}

/// Write the document as a PDF to `path` (from the save dialog): to a
/// temporary file beside it first, so a failed write leaves no half file.
pub fn save_document(
    _app: &AppHandle,
    state: &AppState,
    req: SaveDocumentRequest,
) -> Reply<String> {
    let mut path = PathBuf::from(req.path.trim());
    if req.path.trim().is_empty() || !path.is_absolute() {
        return Err(Error::invalid("path", Invalid::Format).into());
    }
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    let (doc, _) =
        state.as_staff(|db, s| printing::document_for_printer(db, s, &req.document, None))?;
    // A saved file is a sheet, whatever the desk's printer is.
    let (_, pdf) = queue::pdf_file(&doc, &PrinterTarget::System { queue: None });
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, &pdf)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            ApiError::from(Error::Io(e))
        })?;
    Ok(path.display().to_string())
}

/// The printers the operating system knows (for the settings' printer lists).
pub fn list_printers(_app: &AppHandle, state: &AppState) -> Reply<Vec<PrinterInfo>> {
    state.as_staff(|_, _| Ok(()))?;
    Ok(device::list_printers()
        .into_iter()
        .map(|p| PrinterInfo {
            name: p.name,
            is_default: p.is_default,
        })
        .collect())
}
