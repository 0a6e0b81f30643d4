//! Helpers of the printer tests: poppler's own renderings of a PDF as the
//! reference, a tolerant bitmap comparison, and pictures to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use frontdesk_print::raster::{self, Bitmap};

/// `target/print-check/`: PBM and PNG files of what the printers got.
pub fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("print-check");
    std::fs::create_dir_all(&dir).expect("create target/print-check");
    dir
}

/// Run a command and return its standard output, failing the test with
/// what to install when the command is missing.
pub fn run(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); run scripts/setup.sh"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Page `page` (from 1) of `pdf` as poppler draws it at the roll printer's
/// 203.2 dpi, thresholded at half grey and cropped to the 576-dot head.
pub fn poppler_roll(pdf: &Path, page: usize) -> Bitmap {
    let n = page.to_string();
    let dpi = (raster::ROLL_DOTS_PER_MM * 25.4).to_string();
    let pgm = run(
        "pdftoppm",
        &[
            "-r",
            &dpi,
            "-gray",
            "-f",
            &n,
            "-l",
            &n,
            &pdf.to_string_lossy(),
        ],
    );
    threshold_pgm(&pgm).crop_centred(raster::ROLL_WIDTH_DOTS)
}

fn threshold_pgm(pgm: &[u8]) -> Bitmap {
    let header: Vec<&[u8]> = pgm
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .take(4)
        .collect();
    assert_eq!(header[0], b"P5", "pdftoppm -gray writes binary PGM");
    let field = |i: usize| -> u32 { std::str::from_utf8(header[i]).unwrap().parse().unwrap() };
    let (width, height, max) = (field(1), field(2), field(3));
    assert!(max < 256);
    let pixels = &pgm[pgm.len() - (width * height) as usize..];
    let mut bitmap = Bitmap::new(width, height);
    for (i, &grey) in pixels.iter().enumerate() {
        if u32::from(grey) * 2 < max {
            let i = i as u32;
            bitmap.set(i64::from(i % width), i64::from(i / width));
        }
    }
    bitmap
}

/// Ink of `a` that lies within one dot of ink of `b`, as a share of `a`'s.
fn covered(a: &Bitmap, b: &Bitmap) -> f64 {
    let near = |x: u32, y: u32| {
        (-1i64..=1).any(|dy| {
            (-1i64..=1).any(|dx| {
                let (nx, ny) = (i64::from(x) + dx, i64::from(y) + dy);
                nx >= 0 && ny >= 0 && b.get(nx as u32, ny as u32)
            })
        })
    };
    let (mut ink, mut hit) = (0usize, 0usize);
    for y in 0..a.height {
        for x in 0..a.width {
            if a.get(x, y) {
                ink += 1;
                hit += usize::from(near(x, y));
            }
        }
    }
    if ink == 0 {
        0.0
    } else {
        hit as f64 / ink as f64
    }
}

/// The same picture up to rasteriser differences: the same width, heights
/// within 2 rows, and at least 90% of each one's ink within a dot of the
/// other's.
pub fn same_print(printed: &Bitmap, reference: &Bitmap) -> Result<(), String> {
    if printed.width != reference.width || printed.height.abs_diff(reference.height) > 2 {
        return Err(format!(
            "size {}x{} against {}x{}",
            printed.width, printed.height, reference.width, reference.height
        ));
    }
    let (there, missing) = (covered(printed, reference), covered(reference, printed));
    if there < 0.9 || missing < 0.9 {
        return Err(format!(
            "{:.1}% of the printed ink is in the reference, {:.1}% of the reference's is printed",
            there * 100.0,
            missing * 100.0
        ));
    }
    Ok(())
}

/// `bitmap` moved `dx` dots to the right and `dy` down.
pub fn shifted(bitmap: &Bitmap, dx: i64, dy: i64) -> Bitmap {
    let mut out = Bitmap::new(bitmap.width, bitmap.height);
    for y in 0..bitmap.height {
        for x in 0..bitmap.width {
            if bitmap.get(x, y) {
                out.set(i64::from(x) + dx, i64::from(y) + dy);
            }
        }
    }
    out
}

/// `name.pbm` and `name.png` of a bitmap, and `name-diff.png` against the
/// reference: black where both have ink, red where only the printer's
/// bitmap has it, blue where only poppler's has it.
pub fn save(name: &str, printed: &Bitmap, reference: &Bitmap) {
    let dir = out_dir();
    let pbm = dir.join(format!("{name}.pbm"));
    std::fs::write(&pbm, printed.to_pbm()).unwrap();
    let (w, h) = (printed.width, printed.height.max(reference.height));
    let mut ppm = format!("P6\n{w} {h}\n255\n").into_bytes();
    for y in 0..h {
        for x in 0..w {
            ppm.extend_from_slice(match (printed.get(x, y), reference.get(x, y)) {
                (true, true) => &[0, 0, 0],
                (true, false) => &[230, 0, 0],
                (false, true) => &[0, 90, 255],
                (false, false) => &[255, 255, 255],
            });
        }
    }
    let diff = dir.join(format!("{name}-diff.ppm"));
    std::fs::write(&diff, ppm).unwrap();
    // Pictures only: a machine without ImageMagick still has the PBM.
    for (from, to) in [
        (&pbm, format!("{name}.png")),
        (&diff, format!("{name}-diff.png")),
    ] {
        let _ = Command::new("convert").arg(from).arg(dir.join(to)).status();
    }
}
