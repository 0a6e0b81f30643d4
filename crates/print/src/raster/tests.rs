use super::*;
use crate::layout::{Align, Block, Cell, Part, Sheet, Style, lay_out};

fn page(items: Vec<Item>) -> Page {
    Page {
        width: 80.0,
        height: 20.0,
        items,
        ends_part: true,
    }
}

fn rule(y: f32, dashed: bool) -> Item {
    Item::Line {
        x1: 4.0,
        y1: y,
        x2: 76.0,
        y2: y,
        width: 0.25,
        dashed,
    }
}

fn text(x: f32, baseline: f32, size: f32, bold: bool, s: &str) -> Item {
    Item::Text {
        x,
        baseline,
        size,
        bold,
        text: s.into(),
    }
}

/// Columns that have ink, as (first, last).
fn ink_columns(b: &Bitmap) -> Option<(u32, u32)> {
    let cols: Vec<u32> = (0..b.width)
        .filter(|&x| (0..b.height).any(|y| b.get(x, y)))
        .collect();
    Some((*cols.first()?, *cols.last()?))
}

fn ink_rows(b: &Bitmap) -> Vec<u32> {
    (0..b.height)
        .filter(|&y| (0..b.width).any(|x| b.get(x, y)))
        .collect()
}

#[test]
fn bits_are_msb_first_and_rows_padded_to_bytes() {
    let mut b = Bitmap::new(10, 2);
    assert_eq!(b.stride(), 2);
    assert_eq!(b.data.len(), 4);
    b.set(0, 0);
    b.set(9, 1);
    b.set(10, 1); // outside: ignored
    b.set(-1, 0);
    assert_eq!(b.data, vec![0x80, 0x00, 0x00, 0x40]);
    assert!(b.get(0, 0) && b.get(9, 1) && !b.get(1, 0) && !b.get(10, 1));
    assert_eq!(b.ink(), 2);
}

#[test]
fn pbm_round_trips() {
    let mut b = Bitmap::new(13, 3);
    b.fill_rect(2, 1, 12, 3);
    let back = Bitmap::from_pbm(&b.to_pbm()).expect("parses");
    assert_eq!(back, b);
    let commented = b"P4\n# from a tool\n13 3\n".to_vec();
    let mut with_comment = commented;
    with_comment.extend_from_slice(&b.data);
    assert_eq!(Bitmap::from_pbm(&with_comment), Some(b));
    assert_eq!(Bitmap::from_pbm(b"P1\n1 1\n1"), None);
    assert_eq!(Bitmap::from_pbm(b"P4\n8 2\n\x01"), None, "short data");
}

#[test]
fn a_solid_rule_spans_the_printable_width_two_dots_thick() {
    let b = render(&page(vec![rule(10.0, false)]), 8.0);
    assert_eq!((b.width, b.height), (640, 160));
    assert_eq!(ink_columns(&b), Some((32, 607)));
    assert_eq!(ink_rows(&b), vec![79, 80]);
    assert_eq!(b.ink(), 576 * 2);
    // On the roll the rule reaches both edges of the printable area.
    let r = roll(&page(vec![rule(10.0, false)]));
    assert_eq!(r.width, ROLL_WIDTH_DOTS);
    assert_eq!(ink_columns(&r), Some((0, 575)));
}

#[test]
fn hairlines_are_at_least_one_dot() {
    let mut items = vec![rule(10.0, false)];
    if let Item::Line { width, .. } = &mut items[0] {
        *width = 0.01;
    }
    let b = render(&page(items), 8.0);
    assert_eq!(ink_rows(&b).len(), 1);
}

#[test]
fn a_dashed_rule_alternates_ink_and_gaps() {
    let b = render(&page(vec![rule(10.0, true)]), 8.0);
    let row = 80;
    let runs: Vec<(bool, u32)> = (32..608).fold(Vec::new(), |mut runs, x| {
        let ink = b.get(x, row);
        match runs.last_mut() {
            Some((i, n)) if *i == ink => *n += 1,
            _ => runs.push((ink, 1)),
        }
        runs
    });
    let dashes: Vec<u32> = runs.iter().filter(|r| r.0).map(|r| r.1).collect();
    let gaps: Vec<u32> = runs.iter().filter(|r| !r.0).map(|r| r.1).collect();
    // 3 pt on, 2 pt off: about 8.5 and 5.6 dots, over 72 mm.
    assert!(dashes.len() >= 38 && dashes.len() <= 42, "{runs:?}");
    assert!(
        dashes[..dashes.len() - 1]
            .iter()
            .all(|&d| (8..=9).contains(&d))
    );
    // The line may end in a gap shorter than a whole one.
    let whole_gaps = &gaps[..gaps.len() - usize::from(!runs[runs.len() - 1].0)];
    assert!(whole_gaps.iter().all(|&g| (5..=6).contains(&g)), "{gaps:?}");
    assert!(runs[0].0, "a dash starts at the line's start");
}

#[test]
fn text_sits_on_its_baseline_inside_its_advance() {
    let font = Font::get();
    let b = render(&page(vec![text(10.0, 10.0, 12.0, false, "美丽")]), 8.0);
    let (first, last) = ink_columns(&b).expect("ink");
    let advance = font.width_mm("美丽", 12.0) * 8.0;
    assert!(
        first >= 80 && f64::from(last) < 80.0 + f64::from(advance),
        "{first}..{last}"
    );
    let rows = ink_rows(&b);
    let em = 12.0 * MM_PER_PT * 8.0; // 33 dots
    let (top, bottom) = (rows[0] as f32, *rows.last().expect("rows") as f32);
    assert!(top > 80.0 - em && top < 80.0 - em * 0.6, "{top}");
    assert!(bottom > 80.0 - 2.0 && bottom < 80.0 + em * 0.15, "{bottom}");
}

#[test]
fn bold_is_one_dot_wider_and_darker() {
    let regular = render(&page(vec![text(10.0, 10.0, 12.0, false, "顾客")]), 8.0);
    let bold = render(&page(vec![text(10.0, 10.0, 12.0, true, "顾客")]), 8.0);
    let (r0, r1) = ink_columns(&regular).expect("ink");
    let (b0, b1) = ink_columns(&bold).expect("ink");
    assert_eq!((b0, b1), (r0, r1 + 1));
    assert!(bold.ink() > regular.ink() * 11 / 10);
    for y in 0..regular.height {
        for x in 0..regular.width {
            assert!(!regular.get(x, y) || bold.get(x, y), "bold covers regular");
        }
    }
}

#[test]
fn a_laid_out_slip_stays_inside_the_printable_area() {
    let name = "欧阳".to_string() + &"美".repeat(18);
    let part = Part {
        name: "slip".into(),
        blocks: vec![
            Block::Text(Style::new(12.0).bold().center(), "服务单".into()),
            Block::Rule { dashed: true },
            Block::Row(
                Style::new(9.0),
                vec![
                    Cell::new(name, 3.0, Align::Left),
                    Cell::new("¥1,234,567.89", 1.0, Align::Right),
                ],
            ),
            Block::Text(Style::new(9.0), "早晚洁面后使用补水精华".repeat(6)),
        ],
    };
    let pages = lay_out(Sheet::ROLL_80, &[part]);
    let full = render(&pages[0], 8.0);
    assert_eq!(full.height, (pages[0].height * 8.0).round() as u32);
    let (first, last) = ink_columns(&full).expect("ink");
    assert!(first >= 32 && last < 608, "{first}..{last}");
    let slip = roll(&pages[0]);
    assert_eq!(slip.width, 576);
    assert_eq!(slip.ink(), full.ink(), "cropping loses no ink");
    // A narrower page is centred, not cut.
    let narrow = full.crop_centred(700);
    assert_eq!(narrow.ink(), full.ink());
    assert!(!narrow.get(29, 0) && ink_columns(&narrow).is_some_and(|(f, _)| f >= 62));
}
