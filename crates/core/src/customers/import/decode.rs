//! Reading a spreadsheet file into a table of text cells, each row with the
//! line a text editor shows it on and the row Excel shows it on.
//!
//! Encodings, as files arrive at a Chinese front desk: UTF-8 (with or without
//! a BOM, Excel's "CSV UTF-8"), GBK/GB18030 (Excel's plain "CSV" on a Chinese
//! Windows PC), UTF-16 with tabs (Excel's "Unicode text"), with or without its
//! BOM. A file that is none of these (a workbook saved with a .csv name, a
//! picture, bytes broken in transit) is refused once, as a whole, rather than
//! row by row with misleading format errors.

use crate::error::{Error, Invalid, Result};

/// At most this many bytes are read from an import file (20 MB ≈ 100k rows).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Decode a spreadsheet export to text, naming the encoding found.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str)> {
    let refuse = || Error::invalid("file", Invalid::Encoding);
    if is_workbook(bytes) {
        return Err(Error::invalid("file", Invalid::NotCsv));
    }
    let (encoding, body): (&'static encoding_rs::Encoding, &[u8]) =
        match encoding_rs::Encoding::for_bom(bytes) {
            Some((enc, bom)) => (enc, &bytes[bom..]),
            None => match utf16_without_bom(bytes) {
                Some(enc) => (enc, bytes),
                // Text from Excel never holds a NUL byte.
                None if bytes.contains(&0) => return Err(refuse()),
                None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
                // GBK and GB2312 are subsets of GB18030.
                None => (encoding_rs::GB18030, bytes),
            },
        };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(refuse());
    }
    // encoding_rs names GB18030 in lower case; show it as people write it.
    let name = if encoding == encoding_rs::GB18030 {
        "GB18030"
    } else {
        encoding.name()
    };
    Ok((text.into_owned(), name))
}

/// An .xlsx (a zip) or an old .xls (an OLE compound file) rather than text.
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// UTF-16 written without its BOM: the ASCII in a customer list (digits,
/// commas, tabs, line ends) leaves a zero in every other byte, all on the
/// same side. GBK and UTF-8 text has no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 5 >= pairs && even * 20 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 5 >= pairs && odd * 20 <= even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// One data row of the file.
pub struct Row {
    /// The line a text editor shows the row's start on (the header's is
    /// usually 1). CRLF, LF and CR each end one line.
    pub line: u64,
    /// The row Excel shows it in: as `line`, except that a quoted cell
    /// spanning several lines of the file is one row.
    pub row: u64,
    pub cells: Vec<String>,
}

pub struct Table {
    pub encoding: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// Counts line ends up to a byte offset, moving forward only (rows come in
/// file order), so a whole file is counted once.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    breaks: u64,
}

impl LineCounter<'_> {
    /// The 1-based line of the byte at `offset`. A CR, an LF and a CRLF each
    /// end one line (an LF right after a CR belongs to it).
    fn line_at(&mut self, offset: usize) -> u64 {
        let end = offset.min(self.text.len());
        while self.pos < end {
            match self.text[self.pos] {
                b'\r' => self.breaks += 1,
                b'\n' if self.pos == 0 || self.text[self.pos - 1] != b'\r' => self.breaks += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.breaks + 1
    }
}

/// Line ends inside one cell (a quoted cell written on several lines).
fn breaks_in(cell: &str) -> u64 {
    let b = cell.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\r' || (b[i] == b'\n' && (i == 0 || b[i - 1] != b'\r')))
        .count() as u64
}

/// Read the file's header and rows. Blank rows are skipped (Excel leaves
/// some at the end); a file that cannot be read as CSV is refused whole.
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid_limit(
            "file",
            Invalid::TooLong,
            MAX_IMPORT_BYTES as i64,
        ));
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter {
        text: text.as_bytes(),
        pos: 0,
        breaks: 0,
    };
    // Line ends inside cells of the rows read so far: Excel counts each such
    // row once.
    let mut inside = 0;
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|_| Error::invalid("file", Invalid::Format))?;
        // The reader reports a row after blank lines as starting at the first
        // of them; a row never starts with a line end, so skip those.
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let start = start
            + text.as_bytes()[start.min(text.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let line = lines.line_at(start);
        let row = line - inside;
        inside += rec.iter().map(breaks_in).sum::<u64>();
        let cells: Vec<String> = rec.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue; // blank rows, often at the end of Excel exports
        }
        match headers {
            None => headers = Some(cells),
            Some(_) => rows.push(Row { line, row, cells }),
        }
    }
    let Some(headers) = headers else {
        return Err(Error::invalid("file", Invalid::Required));
    };
    Ok(Table {
        encoding,
        headers,
        rows,
    })
}

/// A cell as the spreadsheet meant it: `="0123"` (how spreadsheets are told to
/// keep digits as text) is `0123`; `'=SUM(1)` (how exports neutralise a
/// formula, see `crate::spreadsheet`) is `=SUM(1)`; surrounding spaces go.
fn cell_text(cell: &str) -> String {
    let c = cell.trim();
    if let Some(inner) = c.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')) {
        return inner.trim().to_string();
    }
    crate::spreadsheet::unescape_formula(c).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const LIST: &str = "姓名\t手机\r\n李美华\t13812345678\r\n";

    #[rstest]
    #[case::gbk(encoding_rs::GBK.encode(LIST).0.into_owned(), "GB18030")]
    #[case::utf8(LIST.as_bytes().to_vec(), "UTF-8")]
    #[case::utf8_bom([b"\xEF\xBB\xBF".as_slice(), LIST.as_bytes()].concat(), "UTF-8")]
    #[case::utf16le_bom(utf16(LIST, true, true), "UTF-16LE")]
    #[case::utf16le(utf16(LIST, true, false), "UTF-16LE")]
    #[case::utf16be_bom(utf16(LIST, false, true), "UTF-16BE")]
    #[case::utf16be(utf16(LIST, false, false), "UTF-16BE")]
    fn every_encoding_excel_writes_is_read(#[case] bytes: Vec<u8>, #[case] want: &str) {
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, want);
        assert_eq!(text, LIST);
    }

    #[rstest]
    #[case::broken_gbk(b"\xC0\xEE\xC3\xC0,\x81\x20\r\n".to_vec(), Invalid::Encoding)]
    #[case::binary(b"abc\x00\x01\x02\x03\x04\x05\x06\x07\xFF\xFE\xFD".to_vec(), Invalid::Encoding)]
    #[case::xlsx(b"PK\x03\x04\x14\x00\x06\x00rest of a zip".to_vec(), Invalid::NotCsv)]
    #[case::xls(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Invalid::NotCsv)]
    fn a_file_that_is_not_text_is_refused_once(#[case] bytes: Vec<u8>, #[case] want: Invalid) {
        match decode(&bytes) {
            Err(Error::Invalid {
                field: "file",
                reason,
                ..
            }) => assert_eq!(reason, want),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// (line, row) of each data row of `text`.
    fn positions(text: &str) -> Vec<(u64, u64)> {
        read_table(text.as_bytes())
            .unwrap()
            .rows
            .iter()
            .map(|r| (r.line, r.row))
            .collect()
    }

    #[rstest]
    #[case::lf("a,b\n1,2\n3,4\n")]
    #[case::crlf("a,b\r\n1,2\r\n3,4\r\n")]
    #[case::cr("a,b\r1,2\r3,4\r")]
    #[case::no_final_line_end("a,b\r\n1,2\r\n3,4")]
    fn line_numbers_match_the_editor_for_every_line_end(#[case] text: &str) {
        assert_eq!(positions(text), vec![(2, 2), (3, 3)]);
    }

    #[rstest]
    #[case::lf("\n")]
    #[case::crlf("\r\n")]
    #[case::cr("\r")]
    fn a_cell_on_several_lines_is_one_excel_row(#[case] nl: &str) {
        let text = format!("a,b{nl}1,\"two{nl}lines\"{nl}3,4{nl}{nl}5,\"x{nl}y{nl}z\"{nl}6,7{nl}");
        // Editor lines: header 1, row 2 (spans 2-3), row 4, blank 5, row 6
        // (spans 6-8), row 9. Excel rows: 1, 2, 3, 4 (blank), 5, 6.
        assert_eq!(positions(&text), vec![(2, 2), (4, 3), (6, 5), (9, 6)]);
    }

    #[test]
    fn a_header_after_blank_lines_still_heads_the_table() {
        let t = read_table(b"\r\n\r\nname,phone\r\nx,1\r\n").unwrap();
        assert_eq!(t.headers, vec!["name", "phone"]);
        assert_eq!((t.rows[0].line, t.rows[0].row), (4, 4));
    }
}
