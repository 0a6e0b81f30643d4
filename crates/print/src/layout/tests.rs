//! The layout model's own cases: wrapping, the roll, pagination.
use super::*;

fn widest(pages: &[Page]) -> f32 {
    let font = Font::get();
    pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { x, size, text, .. } => Some(x + font.width_mm(text, *size)),
            Item::Line { .. } => None,
        })
        .fold(0.0, f32::max)
}

#[test]
fn long_names_and_notes_wrap_inside_the_roll() {
    let name = "欧阳".to_string() + &"美".repeat(18);
    let note = "早晚洁面后使用补水精华，避免暴晒。".repeat(18);
    let latin = "Supercalifragilisticexpialidocious".repeat(3);
    let part = Part {
        name: "slip".into(),
        blocks: vec![
            Block::Text(Style::new(12.0).bold(), name.clone()),
            Block::Text(Style::new(9.0), note.clone()),
            Block::Text(Style::new(9.0), latin.clone()),
            Block::Row(
                Style::new(9.0),
                vec![
                    Cell::new(name.clone(), 3.0, Align::Left),
                    Cell::new("¥1,234,567.89", 1.0, Align::Right),
                ],
            ),
        ],
    };
    let pages = lay_out(Sheet::ROLL_80, &[part]);
    assert_eq!(pages.len(), 1);
    assert!(widest(&pages) <= 76.0 + 0.01, "{}", widest(&pages));
    let joined: String = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            Item::Line { .. } => None,
        })
        .collect();
    for whole in [&name, &note, &latin] {
        assert!(joined.contains(whole.as_str()), "{whole} was cut");
    }
    let last_baseline = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { baseline, .. } => Some(*baseline),
            Item::Line { .. } => None,
        })
        .fold(0.0, f32::max);
    assert!(pages[0].height > last_baseline + 3.0);
}

#[test]
fn long_lists_continue_on_the_next_sheet_with_page_numbers() {
    let blocks = (1..=120)
        .map(|i| {
            Block::Row(
                Style::new(10.0),
                vec![
                    Cell::new(format!("第{i}项 深层补水护理"), 3.0, Align::Left),
                    Cell::new("¥388.00", 1.0, Align::Right),
                ],
            )
        })
        .collect();
    let pages = lay_out(
        Sheet::A5,
        &[Part {
            name: "服务单".into(),
            blocks,
        }],
    );
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let footer = format!("第 {} / {} 页", n + 1, pages.len());
        assert!(
            page.items
                .iter()
                .any(|i| matches!(i, Item::Text { text, .. } if text.contains(&footer)))
        );
        for item in &page.items {
            if let Item::Text { baseline, .. } = item {
                assert!(*baseline < page.height - Sheet::A5.bottom + 0.01);
            }
        }
    }
    assert!(pages.last().is_some_and(|p| p.ends_part));
}

#[test]
fn wrap_breaks_between_han_characters_and_at_spaces() {
    let font = Font::get();
    let em = 10.0 * MM_PER_PT;
    assert_eq!(
        wrap(font, "美丽人生美容", 10.0, em * 4.0 + 0.01),
        vec!["美丽人生", "美容"]
    );
    let w = font
        .width_mm("world", 10.0)
        .max(font.width_mm("hello", 10.0))
        + 0.01;
    assert_eq!(wrap(font, "hello world", 10.0, w), vec!["hello", "world"]);
    assert_eq!(wrap(font, "a\n\nb", 10.0, 50.0), vec!["a", "", "b"]);
}
