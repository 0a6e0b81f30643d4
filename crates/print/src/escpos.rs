//! Bitmaps to the ESC/POS commands every 80 mm thermal printer understands:
//! the slip is sent as raster images (`GS v 0`), so Chinese text needs no
//! printer font and looks exactly like the PDF. [`decode`] reads that same
//! subset back, so tests can check what a printer would have printed.
//!
//! The stream: `ESC @` (reset), then for each bitmap its rows in bands of at
//! most [`BAND_ROWS`], a feed of [`FEED_LINES`] lines (`ESC d n`) and a
//! partial cut (`GS V 66 0`, which first feeds the last line past the
//! cutter). One bitmap is one copy of a slip, so the copies come apart.

use crate::raster::Bitmap;

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const DLE: u8 = 0x10;
const EOT: u8 = 0x04;

/// `ESC @`: initialise the printer.
pub const INIT: [u8; 2] = [ESC, b'@'];
/// `DLE EOT 4`: real-time request for the roll paper sensor's status.
pub const PAPER_STATUS: [u8; 3] = [DLE, EOT, 4];
/// Rows per `GS v 0` image: many printers buffer no more than this.
pub const BAND_ROWS: u32 = 256;
/// Lines fed after each bitmap, before the cut.
pub const FEED_LINES: u8 = 3;

/// Why a byte stream is not the subset [`encode`] writes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a Frontdesk ESC/POS stream at byte {at}: {what}")]
pub struct DecodeError {
    pub at: usize,
    pub what: String,
}

/// ESC/POS for `parts`, each printed as a raster image and cut off.
pub fn encode(parts: &[Bitmap]) -> Vec<u8> {
    let size: usize = parts.iter().map(|b| b.data.len() + 16).sum();
    let mut out = Vec::with_capacity(size + 2);
    out.extend_from_slice(&INIT);
    for bitmap in parts {
        let stride = bitmap.stride();
        let [xl, xh] = (stride as u16).to_le_bytes();
        let mut row = 0;
        while row < bitmap.height {
            let rows = BAND_ROWS.min(bitmap.height - row);
            let [yl, yh] = (rows as u16).to_le_bytes();
            out.extend_from_slice(&[GS, b'v', b'0', 0, xl, xh, yl, yh]);
            let from = row as usize * stride;
            out.extend_from_slice(&bitmap.data[from..from + rows as usize * stride]);
            row += rows;
        }
        out.extend_from_slice(&[ESC, b'd', FEED_LINES]);
        out.extend_from_slice(&[GS, b'V', 66, 0]);
    }
    out
}

/// The bitmaps in a stream that [`encode`] wrote, one per cut. A bitmap
/// comes back as wide as its rows' bytes (a multiple of 8 dots).
/// `DLE EOT n` status requests are skipped; any other command is an error.
pub fn decode(bytes: &[u8]) -> Result<Vec<Bitmap>, DecodeError> {
    let mut reader = Reader { bytes, at: 0 };
    let mut parts = Vec::new();
    let mut current: Option<Bitmap> = None;
    let mut initialised = false;
    while reader.at < bytes.len() {
        let start = reader.at;
        let err = |what: &str| DecodeError {
            at: start,
            what: what.to_string(),
        };
        match reader.take(2)? {
            [DLE, EOT] => {
                if !(1..=4).contains(&reader.byte()?) {
                    return Err(err("DLE EOT with an unknown status kind"));
                }
            }
            [ESC, b'@'] if current.is_none() => initialised = true,
            _ if !initialised => return Err(err("does not start with ESC @")),
            [GS, b'v'] => {
                let [b'0', 0, xl, xh, yl, yh] = *reader.take(6)? else {
                    return Err(err("GS v other than GS v 0 in normal mode"));
                };
                let stride = usize::from(u16::from_le_bytes([xl, xh]));
                let rows = u32::from(u16::from_le_bytes([yl, yh]));
                if rows > BAND_ROWS || stride == 0 {
                    return Err(err("raster band of more than 256 rows, or empty"));
                }
                let data = reader.take(stride * rows as usize)?;
                let bitmap = current.get_or_insert_with(|| Bitmap::new(stride as u32 * 8, 0));
                if bitmap.stride() != stride {
                    return Err(err("raster band of another width in one bitmap"));
                }
                bitmap.data.extend_from_slice(data);
                bitmap.height += rows;
            }
            [ESC, b'd'] => {
                reader.byte()?;
            }
            [GS, b'V'] => {
                if reader.byte()? != 66 {
                    return Err(err("a cut other than GS V 66 n"));
                }
                reader.byte()?;
                parts.push(current.take().unwrap_or_else(|| Bitmap::new(0, 0)));
            }
            _ => return Err(err("a command outside the raster subset")),
        }
    }
    if current.is_some() {
        return Err(DecodeError {
            at: bytes.len(),
            what: "the last bitmap is not cut off".into(),
        });
    }
    Ok(parts)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| DecodeError {
                at: self.at,
                what: format!("cut short ({n} more bytes expected)"),
            })?;
        self.at += n;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(width: u32, height: u32, seed: u32) -> Bitmap {
        let mut b = Bitmap::new(width, height);
        for y in 0..height {
            for x in 0..width {
                if (x * 7 + y * 13 + seed).is_multiple_of(5) {
                    b.set(i64::from(x), i64::from(y));
                }
            }
        }
        b
    }

    #[test]
    fn round_trips_copies_in_bands_with_a_cut_after_each() {
        let parts = vec![
            pattern(576, 600, 1),
            pattern(576, 256, 2),
            pattern(576, 1, 3),
            pattern(576, 257, 4),
        ];
        let bytes = encode(&parts);
        assert_eq!(decode(&bytes), Ok(parts));
        let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
        // 3 + 1 + 1 + 2 bands; the headers name 72 bytes a row.
        assert_eq!(count(&[GS, b'v', b'0', 0, 72, 0]), 7);
        assert_eq!(count(&[GS, b'V', 66, 0]), 4);
        assert!(bytes.starts_with(&INIT));
        assert!(bytes.ends_with(&[ESC, b'd', FEED_LINES, GS, b'V', 66, 0]));
    }

    #[test]
    fn the_exact_bytes_of_a_tiny_slip() {
        let mut b = Bitmap::new(10, 2);
        b.set(0, 0);
        b.set(9, 1);
        let bytes = encode(std::slice::from_ref(&b));
        assert_eq!(
            bytes,
            [
                &[0x1B, 0x40][..],
                &[0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0, 0, 0x40],
                &[0x1B, 0x64, 3, 0x1D, 0x56, 66, 0],
            ]
            .concat()
        );
        // Widths come back in whole bytes.
        let back = decode(&bytes).expect("decodes");
        assert_eq!((back[0].width, back[0].data.clone()), (16, b.data));
    }

    #[test]
    fn status_requests_are_skipped() {
        let mut bytes = PAPER_STATUS.to_vec();
        bytes.extend(encode(&[pattern(16, 3, 0)]));
        assert_eq!(decode(&bytes).map(|p| p.len()), Ok(1));
    }

    #[test]
    fn anything_else_is_an_error() {
        let good = encode(&[pattern(16, 3, 0)]);
        let at = |r: Result<Vec<Bitmap>, DecodeError>| r.map_err(|e| e.at);
        assert_eq!(at(decode(&good[2..])), Err(0), "no ESC @");
        assert_eq!(at(decode(&good[..good.len() - 4])), Err(good.len() - 4));
        assert!(decode(&good[..12]).is_err(), "band cut short");
        let mut text = INIT.to_vec();
        text.extend_from_slice(b"Hello");
        assert_eq!(at(decode(&text)), Err(2));
        let mut tall = INIT.to_vec();
        tall.extend_from_slice(&[GS, b'v', b'0', 0, 1, 0, 1, 1]); // 257 rows
        tall.extend_from_slice(&[0; 257]);
        assert_eq!(at(decode(&tall)), Err(2));
        let mut double = good.clone();
        double[5] = 1; // GS v 0 m=1: double width
        assert!(decode(&double).is_err());
        let mut full_cut = good.clone();
        let n = full_cut.len();
        full_cut[n - 2] = 65;
        assert!(decode(&full_cut).is_err());
        assert_eq!(decode(&INIT), Ok(vec![]));
    }
}
