//! The printing benchmark: font loading, a service slip to PDF (80 mm, A5,
//! three-part), the same slip as ESC/POS raster for a thermal printer, and a
//! year's gift/voucher reconciliation to PDF.
//!
//! ```sh
//! cargo run --release -p frontdesk-tests --bin print_bench
//! ```
//!
//! The slip's view is built by the core from a real shop file (the printing
//! tests' fixture: a member's checkout with products, stored value, a card
//! payment, a gift and a voucher, home-care advice and a next appointment);
//! only the drawing is timed, as the print queue does it. The year's
//! reconciliation is a view the size of a busy shop's year: 60 gift items,
//! 12 voucher types with their outstanding serial runs and gaps, and 300
//! count variances traced to their handovers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use frontdesk_core::gifts::reconcile::{
    HandoverRef, ItemReconciliation, LastCount, Reconciliation, SerialRun, Variance,
    VoucherReconciliation,
};
use frontdesk_core::ids::{GiftItemId, HandoverId, HandoverLineId, VoucherTypeId};
use frontdesk_core::money::Fen;
use frontdesk_core::printing::views::{Printed, ReconciliationView, ShopHeader};
use frontdesk_core::printing::{self, Document, DocumentRequest, SlipPaper};
use frontdesk_print::docs::{self, Paper};
use frontdesk_print::font::Font;
use frontdesk_print::{escpos, raster};
use frontdesk_tests::printing::{SlipCase, print_shop};

const RUNS: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Time `f` `runs` times; print a table row; answer its last output.
fn row<T>(what: &str, runs: usize, mut f: impl FnMut() -> T, size: impl Fn(&T) -> String) -> T {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        last = Some(out);
    }
    times.sort();
    let last = last.expect("at least one run");
    println!(
        "| {what} | {} | {} | {} | {} | {} |",
        runs,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap()),
        size(&last)
    );
    last
}

fn slip(paper: SlipPaper, three_part: bool, case: &SlipCase) -> Document {
    let mut s = print_shop(case);
    let m = s.manager.clone();
    let mut settings = printing::settings::get_print_settings(&mut s.shop.db, &m).unwrap();
    settings.slip_paper = paper;
    settings.three_part = three_part;
    printing::settings::update_print_settings(&mut s.shop.db, &m, settings).unwrap();
    let desk = s.desk.clone();
    printing::document(
        &mut s.shop.db,
        &desk,
        &DocumentRequest::Slip { visit_id: s.visit },
    )
    .unwrap()
}

fn handover(n: i64) -> HandoverRef {
    HandoverRef {
        id: HandoverId(n),
        no: format!("JJ2026{:04}-{:02}", 100 + n / 2, 1 + n % 2),
        confirmed_at: 1_795_395_600_000 + n * 43_200_000,
    }
}

fn runs(prefix: &str, n: i64) -> Vec<SerialRun> {
    (0..n)
        .map(|i| SerialRun {
            first: format!("{prefix}{:06}", i * 100 + 1),
            last: format!("{prefix}{:06}", i * 100 + 37),
            count: 37,
            state: None,
        })
        .collect()
}

/// A busy shop's year of gifts and vouchers, as the reconciliation shows it.
fn year() -> Document {
    let items = (0..60)
        .map(|i| ItemReconciliation {
            item_id: GiftItemId(i),
            name: format!("赠品{i:02} 玫瑰护手霜礼盒"),
            unit: "支".into(),
            opening: 120,
            received: 2_400,
            issued: 2_310,
            recovered: 12,
            returned: 40,
            damaged: 9,
            replaced: 3,
            destroyed: 2,
            adjusted: -4,
            closing: 167,
            last_count: Some(LastCount {
                line_id: HandoverLineId(i),
                handover: handover(729),
                book: 167,
                counted: 167 - (i % 3),
                variance: -(i % 3),
                first_seen: (i % 3 != 0).then(|| handover(700)),
            }),
        })
        .collect();
    let vouchers = (0..12)
        .map(|i| VoucherReconciliation {
            voucher_type_id: VoucherTypeId(i),
            name: format!("{}元代金券", (i + 1) * 10),
            face_value: Fen((i + 1) * 1_000),
            opening_in_stock: 500,
            opening_issued: 120,
            received: 20_000,
            issued: 16_500,
            redeemed: 14_900,
            unredeemed: 30,
            recovered: 20,
            cancelled: 15,
            expired: 1_400,
            destroyed: 100,
            closing_in_stock: 3_900,
            closing_issued: 300,
            outstanding: runs(&format!("{}", (b'A' + i as u8) as char), 20),
            gaps: runs(&format!("{}", (b'A' + i as u8) as char), 3),
            last_counts: vec![],
        })
        .collect();
    let variances = (0..300)
        .map(|i| Variance {
            line_id: HandoverLineId(i),
            item_id: Some(GiftItemId(i % 60)),
            handover: handover(i * 2),
            label: format!("赠品{:02} 玫瑰护手霜礼盒", i % 60),
            book: 160,
            counted: 159,
            variance: -1,
            first_seen: handover(i * 2),
            adjusted: i % 4 != 0,
        })
        .collect();
    Document::Reconciliation(ReconciliationView {
        shop: ShopHeader {
            name: "丽人坊美容会所".into(),
            address: "上海市静安区南京西路1266号2楼".into(),
            phone: "021-62881234".into(),
        },
        reconciliation: Reconciliation {
            from: "2025-12-01".into(),
            to: "2026-11-30".into(),
            items,
            vouchers,
            lines_counted: 730 * 72,
            lines_matched: 730 * 72 - 300,
            match_permille: Some(994),
            variances,
        },
        printed: Printed {
            at: "2026-12-01 09:00".into(),
            by: "1001 王店长".into(),
        },
    })
}

fn main() {
    let t = Instant::now();
    let font = Font::parse();
    let first = t.elapsed();
    assert!(font.has_glyph('欢'));
    println!("| What | Runs | p50 ms | p99 ms | max ms | Size |");
    println!("|---|---:|---:|---:|---:|---|");
    println!(
        "| font parse, first in the process | 1 | {} | | | |",
        ms(first)
    );
    row("font parse, again", 20, Font::parse, |_| String::new());
    let _ = Font::get();
    let kb = |r: &docs::Rendered| {
        format!(
            "{:.1} KB, {} page(s)",
            r.pdf.len() as f64 / 1024.0,
            r.pages.len()
        )
    };
    let plain = SlipCase::default();
    let roll = slip(SlipPaper::Roll80, false, &plain);
    let rendered = row(
        "slip, 80 mm roll",
        RUNS,
        || docs::render(&roll, Paper::Roll80),
        kb,
    );
    std::fs::write("target/bench-slip-80mm.pdf", &rendered.pdf).unwrap();
    let a5 = slip(SlipPaper::A5, false, &plain);
    row("slip, A5 sheet", RUNS, || docs::render(&a5, Paper::A5), kb);
    let three = slip(SlipPaper::Roll80, true, &plain);
    row(
        "slip, three-part 80 mm",
        RUNS,
        || docs::render(&three, Paper::Roll80),
        kb,
    );
    let long = SlipCase {
        extra_lines: 29,
        home_care: "早晚洁面后取适量补水精华轻拍至吸收，".repeat(16),
        ..SlipCase::default()
    };
    let long = slip(SlipPaper::Roll80, false, &long);
    row(
        "slip, 80 mm, 31 lines and a 300-character note",
        RUNS,
        || docs::render(&long, Paper::Roll80),
        kb,
    );
    let pages = docs::render(&three, Paper::Roll80).pages;
    row(
        "three-part slip as ESC/POS raster (576 dots)",
        100,
        || escpos::encode(&pages.iter().map(raster::roll).collect::<Vec<_>>()),
        |b| format!("{:.1} KB", b.len() as f64 / 1024.0),
    );
    let year = year();
    row(
        "a year's reconciliation, A4",
        30,
        || docs::render(&year, Paper::A4),
        kb,
    );
}
