//! The layout model on any text a person could type: it never panics, never
//! places a glyph past the printable width, never loses or reorders a
//! character (only line breaks and the spaces at them go), and a sheet's
//! text never runs into its footer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_print::font::Font;
use frontdesk_print::layout::{Align, Block, Cell, Item, Part, Sheet, Style, lay_out};
use proptest::prelude::*;

/// Text from every kind of input: Han (common and rare), Latin words,
/// digits and money, full-width forms, emoji, combining marks, controls,
/// and long runs without a break.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[美丽人生欧阳娜玥堃喆婧护理补水精华]{1,12}",
        "[a-zA-Z]{1,40}",
        "[0-9¥.,]{1,12}",
        "[ \\t\\n]{1,3}",
        "[１２３ＡＢＣ（）。，、]{1,6}",
        "[😀👍🏻\u{301}\u{200b}\u{0}\u{7}𠮷]{1,3}",
        "x{50,90}",
    ];
    proptest::collection::vec(piece, 0..25).prop_map(|v| v.concat())
}

fn kept(s: &str) -> String {
    Font::get()
        .printable(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_stays_inside_the_paper_whole_and_in_order(
        name in text(),
        note in text(),
        weights in proptest::collection::vec(0.1f32..4.0, 1..5),
        roll in any::<bool>(),
    ) {
        let sheet = if roll { Sheet::ROLL_80 } else { Sheet::A5 };
        let cells: Vec<Cell> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| Cell::new(if i == 0 { name.clone() } else { note.clone() }, *w, Align::Right))
            .collect();
        let part = Part {
            name: "测试".into(),
            blocks: vec![
                Block::Text(Style::new(12.0).bold().center(), name.clone()),
                Block::Text(Style::new(9.0), note.clone()),
                Block::Row(Style::new(9.0), cells),
            ],
        };
        let pages = lay_out(sheet, &[part]);
        prop_assert!(!pages.is_empty());
        let font = Font::get();
        let mut all = String::new();
        for page in &pages {
            for item in &page.items {
                if let Item::Text { x, baseline, size, text, .. } = item {
                    let right = x + font.width_mm(text.trim_end(), *size);
                    prop_assert!(*x >= sheet.side - 0.01, "{text} starts at {x}");
                    prop_assert!(
                        right <= sheet.width - sheet.side + 0.01,
                        "{text} ends at {right} on {}",
                        sheet.width
                    );
                    prop_assert!(*baseline <= page.height - sheet.bottom + 0.01);
                    if !text.contains("第 ") {
                        all.push_str(text);
                    }
                }
            }
        }
        let all: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        // The heading, then the note, then the row's cells side by side:
        // the heading and the note come out whole and in order.
        let head = kept(&name) + &kept(&note);
        prop_assert!(all.starts_with(&head), "lost or reordered:\n{all}\nwant prefix\n{head}");
    }
}
