//! Printed documents (service slips, handover records, reports) as pure
//! functions from a view struct to PDF bytes. Knows nothing of SQLite.
//!
//! Not built yet: the slips issue fills this crate (printpdf 0.12 with
//! `text_layout`, an embedded CJK font subset). Until then it only declares
//! the paper sizes the documents will use, so the workspace shape is fixed.

/// Paper a document is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 80 mm thermal receipt roll.
    Receipt80mm,
    /// A5 sheet.
    A5,
}

impl Paper {
    /// Printable width in millimetres.
    pub fn width_mm(self) -> u32 {
        match self {
            Paper::Receipt80mm => 80,
            Paper::A5 => 148,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_widths_are_the_physical_sizes() {
        assert_eq!(Paper::Receipt80mm.width_mm(), 80);
        assert_eq!(Paper::A5.width_mm(), 148);
    }
}
