//! Printed documents read back as a printer's user would: every document is
//! built from a real shop file, written as a PDF, and its text extracted
//! with `pdftotext` (poppler), per page and per copy. The layout cases put
//! a 20-character name, a 300-character note and 30 lines on an 80 mm roll
//! and an A5 sheet, and check every string comes out whole and no word box
//! crosses the page edge. PNGs of every document are written to
//! `target/print-check/` (`pdftoppm`) for a person to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use frontdesk_core::printing::{self, Document, DocumentRequest, PrinterTarget, SlipPaper};
use frontdesk_core::{Error, customers, erasure};
use frontdesk_print::docs::{self, Paper};
use frontdesk_tests::printing::{
    PrintShop, SlipCase, page_texts, print_shop, squeezed, word_boxes,
};

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/print-check");
    std::fs::create_dir_all(&dir).expect("print-check dir");
    dir
}

/// Write `doc` on `paper` to `target/print-check/<name>.pdf` and a PNG per
/// page; answer the PDF's path.
fn write(doc: &Document, paper: Paper, name: &str) -> PathBuf {
    let rendered = docs::render(doc, paper);
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, &rendered.pdf).expect("write pdf");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "110"])
        .arg(&path)
        .arg(out_dir().join(name))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    path
}

fn slip_doc(s: &mut PrintShop) -> Document {
    let desk = s.desk.clone();
    printing::document(
        &mut s.shop.db,
        &desk,
        &DocumentRequest::Slip { visit_id: s.visit },
    )
    .expect("slip")
}

fn set_slip(s: &mut PrintShop, paper: SlipPaper, three_part: bool) {
    let m = s.manager.clone();
    let mut settings = printing::settings::get_print_settings(&mut s.shop.db, &m).unwrap();
    settings.slip_paper = paper;
    settings.three_part = three_part;
    printing::settings::update_print_settings(&mut s.shop.db, &m, settings).unwrap();
}

#[test]
fn the_slip_carries_the_visit_to_the_fen_with_the_phone_masked() {
    let mut s = print_shop(&SlipCase::default());
    let doc = slip_doc(&mut s);
    let pdf = write(&doc, Paper::Roll80, "slip-80mm");
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 1, "one roll page");
    let text = &pages[0];
    let flat = squeezed(text);
    for want in [
        "丽人坊美容会所",
        "上海市静安区南京西路1266号2楼",
        "021-62881234",
        "服务单",
        "李美华",
        "138****5678",
        "3003号美容师陈静",
        "面部补水护理",
        "¥298.00",
        "玫瑰保湿霜",
        "¥336.00",
        "合计¥634.00",
        "储值卡支付¥200.00",
        "银行卡¥434.00",
        "储值余额¥800.00",
        "赠品玫瑰护手霜",
        "A000101",
        "下次预约2026-12-0714:00·3003号陈静",
        "早晚洁面后使用补水精华",
        "欢迎您再次光临",
    ] {
        assert!(flat.contains(&squeezed(want)), "slip lacks {want}:\n{text}");
    }
    assert!(!text.contains("13812345678"), "the full phone never prints");
    assert!(
        !text.contains("果酸过敏"),
        "allergies only on the stylist copy"
    );
    assert!(
        !text.contains("T区偏油"),
        "service notes only on the stylist copy"
    );
    let slip_no = match &doc {
        Document::Slip(v) => v.slip_no.clone(),
        _ => unreachable!(),
    };
    assert!(
        !slip_no.is_empty() && text.contains(&slip_no),
        "slip number {slip_no}"
    );
}

#[test]
fn the_three_part_slip_labels_each_copy_and_keeps_payments_off_the_stylists() {
    let mut s = print_shop(&SlipCase::default());
    set_slip(&mut s, SlipPaper::A5, true);
    let doc = slip_doc(&mut s);
    let pdf = write(&doc, Paper::A5, "slip-a5-three-part");
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 3, "one A5 page per copy");
    let flat: Vec<String> = pages.iter().map(|p| squeezed(p)).collect();
    assert!(flat[0].contains("服务单（顾客联）"));
    assert!(flat[1].contains("服务单（前台联）"));
    assert!(flat[2].contains("服务单（美容师联）"));
    for copy in &flat[..2] {
        assert!(copy.contains("合计¥634.00") && copy.contains("银行卡¥434.00"));
        assert!(!copy.contains("果酸过敏") && !copy.contains("T区偏油"));
    }
    assert!(flat[1].contains("顾客签字"));
    let stylist = &flat[2];
    assert!(stylist.contains("【过敏/禁忌】果酸过敏"), "{stylist}");
    assert!(stylist.contains("T区偏油，两颊干燥"));
    assert!(stylist.contains("面部补水护理"));
    for paid in ["¥634.00", "银行卡", "储值卡支付", "储值余额"] {
        assert!(!stylist.contains(paid), "the stylist copy shows {paid}");
    }
}

#[test]
fn long_names_notes_and_lists_wrap_or_continue_and_nothing_is_cut() {
    let name = "欧阳".to_string() + &"美丽人生".repeat(4) + "娜娜";
    assert_eq!(name.chars().count(), 20);
    let note: String = "早晚洁面后取适量补水精华轻拍至吸收，".repeat(17);
    let note: String = note.chars().take(300).collect();
    let case = SlipCase {
        name: name.clone(),
        home_care: note.clone(),
        extra_lines: 29,
        ..SlipCase::default()
    };
    let mut s = print_shop(&case);
    for (paper, file) in [
        (Paper::Roll80, "slip-long-80mm"),
        (Paper::A5, "slip-long-a5"),
    ] {
        let doc = slip_doc(&mut s);
        let pdf = write(&doc, paper, file);
        let pages = page_texts(&pdf);
        let all = squeezed(&pages.concat());
        assert!(all.contains(&name), "{file}: the name is cut");
        assert!(all.contains(&squeezed(&note)), "{file}: the note is cut");
        for i in 1..=29 {
            let line = format!("精华小样{i:02}号");
            assert!(all.contains(&line), "{file}: line {line} is missing");
        }
        assert!(all.contains("合计¥991.86"), "{file}: the total");
        match paper {
            Paper::Roll80 => assert_eq!(pages.len(), 1, "a roll lengthens"),
            _ => assert!(
                pages.len() >= 2,
                "{file}: 31 lines continue on a next sheet"
            ),
        }
        let boxes = word_boxes(&pdf);
        assert!(boxes.len() > 100, "{file}: word boxes read");
        for (w, h, x0, y0, x1, y1, word) in boxes {
            assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= w + 0.5 && y1 <= h + 0.5,
                "{file}: {word} crosses the page edge ({x0},{y0})–({x1},{y1}) of {w}×{h}"
            );
            if paper == Paper::Roll80 {
                // 4 mm side margins: the 72 mm a thermal head prints.
                assert!(x0 >= 4.0 * 72.0 / 25.4 - 0.5 && x1 <= 76.0 * 72.0 / 25.4 + 0.5);
            }
        }
    }
}

#[test]
fn a_voided_visit_prints_marked_void() {
    let mut s = print_shop(&SlipCase::default());
    let m = s.manager.clone();
    frontdesk_core::visits::void_visit(
        &mut s.shop.db,
        &m,
        frontdesk_core::visits::VoidVisitRequest {
            visit_id: s.visit,
            reason: "顾客要求重新结账".into(),
            gifts_recovered: true,
        },
    )
    .expect("void");
    let doc = slip_doc(&mut s);
    let text = squeezed(&page_texts(&write(&doc, Paper::Roll80, "slip-void"))[0]);
    assert!(text.contains("【作废】"), "{text}");
    assert!(text.contains("顾客要求重新结账"));
    assert!(text.contains("1001号王店长"));
}

#[test]
fn an_erased_customer_leaves_nothing_personal_on_paper() {
    let mut s = print_shop(&SlipCase::default());
    let m = s.manager.clone();
    erasure::erase_customer(
        &mut s.shop.db,
        &m,
        customers::EraseCustomerRequest {
            id: s.customer,
            confirm_name: "李美华".into(),
        },
    )
    .expect("erase");
    set_slip(&mut s, SlipPaper::Roll80, true);
    let doc = slip_doc(&mut s);
    let text = page_texts(&write(&doc, Paper::Roll80, "slip-erased")).concat();
    for personal in ["李美华", "5678", "果酸过敏", "T区偏油", "早晚洁面"] {
        assert!(!text.contains(personal), "{personal} printed after erasure");
    }
    assert!(squeezed(&text).contains("合计¥634.00"), "the money stays");
}

#[test]
fn an_open_visit_has_no_slip_and_a_stylist_cannot_print_one() {
    let mut s = print_shop(&SlipCase::default());
    let stylist = s.stylist.clone();
    match printing::document(
        &mut s.shop.db,
        &stylist,
        &DocumentRequest::Slip { visit_id: s.visit },
    ) {
        Err(Error::Forbidden(_)) => {}
        other => panic!("a stylist printed a slip: {other:?}"),
    }
    let desk = s.desk.clone();
    let missing = printing::document(
        &mut s.shop.db,
        &desk,
        &DocumentRequest::Slip {
            visit_id: frontdesk_core::ids::VisitId(9999),
        },
    );
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
}

#[test]
fn the_paper_follows_the_printer_and_the_setting() {
    let mut s = print_shop(&SlipCase::default());
    let raw = PrinterTarget::EscPosTcp {
        host: "192.168.1.50".into(),
        port: 9100,
    };
    let system = PrinterTarget::System { queue: None };
    set_slip(&mut s, SlipPaper::A5, false);
    let doc = slip_doc(&mut s);
    assert_eq!(docs::paper_for(&doc, &system), Paper::A5);
    assert_eq!(
        docs::paper_for(&doc, &raw),
        Paper::Roll80,
        "a raw printer has a roll"
    );
    set_slip(&mut s, SlipPaper::Roll80, false);
    let doc = slip_doc(&mut s);
    assert_eq!(docs::paper_for(&doc, &system), Paper::Roll80);
    let rendered = docs::render(&doc, Paper::Roll80);
    assert_eq!(rendered.pages.len(), 1);
    assert!((rendered.pages[0].width - 80.0).abs() < 0.01);
    assert!(rendered.pages[0].height > 100.0 && rendered.pages[0].height < 400.0);
}

#[test]
fn every_other_document_prints_what_its_paper_is_for() {
    use frontdesk_core::complaints::{self, Channel, ComplaintKind, Severity};
    use frontdesk_core::gifts::handover::HandoverKind;
    use frontdesk_tests::printing::hand_over;
    let mut s = print_shop(&SlipCase::default());
    let (desk, manager) = (s.desk.clone(), s.manager.clone());
    let shift = hand_over(&mut s, HandoverKind::Shift);
    let close = hand_over(&mut s, HandoverKind::Close);
    let complaint = complaints::open_complaint(
        &mut s.shop.db,
        &desk,
        complaints::OpenComplaintRequest {
            customer_id: Some(s.customer),
            visit_id: Some(s.visit),
            about_staff_id: None,
            channel: Channel::InPerson,
            kind: ComplaintKind::Quality,
            description: "护理后两颊发红，希望店里给个说法。".into(),
            severity: Severity::Simple,
        },
    )
    .unwrap();
    let mut doc = |who: &frontdesk_core::staff::Session, req: DocumentRequest| {
        printing::document(&mut s.shop.db, who, &req).expect("document")
    };
    let cases: Vec<(Document, Paper, &str, Vec<String>)> = vec![
        (
            doc(&desk, DocumentRequest::CarePlan { visit_id: s.visit }),
            Paper::A5,
            "care-plan",
            vec![
                "护理方案（顾客联）".into(),
                "护理方案（店铺联）".into(),
                "138****5678".into(),
                "叮嘱早晚洁面后使用补水精华".into(),
                "面部补水护理".into(),
                "玫瑰保湿霜×2".into(),
                "下次预约2026-12-0714:00".into(),
            ],
        ),
        (
            doc(
                &desk,
                DocumentRequest::Handover {
                    handover_id: shift.id,
                },
            ),
            Paper::A5,
            "handover",
            vec![
                "赠品与礼券交接班记录".into(),
                shift.no.clone().unwrap(),
                "2001号张敏".into(),
                "2002号刘晓燕".into(),
                "玫瑰护手霜（支）4948少1".into(),
                "护手霜少一支，已报店长".into(),
                "李姐明天来取丝巾".into(),
                "接班人签字".into(),
            ],
        ),
        (
            doc(
                &desk,
                DocumentRequest::DailyClose {
                    date: "2026-11-23".into(),
                },
            ),
            Paper::A4,
            "daily-close",
            vec![
                "闭店汇总2026-11-23".into(),
                "双十二感恩回馈满¥500.00玫瑰护手霜10".into(),
                "闭店盘点记录".into(),
                close.no.clone().unwrap(),
            ],
        ),
        (
            doc(
                &manager,
                DocumentRequest::Reconciliation {
                    from: "2026-11-01".into(),
                    to: "2026-11-30".into(),
                },
            ),
            Paper::A4,
            "reconciliation",
            vec![
                "赠品与礼券对账表".into(),
                "2026-11-01至2026-11-30".into(),
                "账实相符率".into(),
                "玫瑰护手霜".into(),
                "50元代金券".into(),
                shift.no.clone().unwrap(),
                "店长审核".into(),
            ],
        ),
        (
            doc(
                &desk,
                DocumentRequest::Followups {
                    date: "2026-12-31".into(),
                },
            ),
            Paper::A4,
            "followups",
            vec![
                "回访清单2026-12-31".into(),
                "李美华".into(),
                "138****5678".into(),
                "护理回访".into(),
            ],
        ),
        (
            doc(
                &desk,
                DocumentRequest::Complaint {
                    complaint_id: complaint.id,
                },
            ),
            Paper::A4,
            "complaint",
            vec![
                "顾客投诉处理记录".into(),
                "李美华".into(),
                "138****5678".into(),
                "护理后两颊发红".into(),
                "顾客对处理意见的态度".into(),
            ],
        ),
        (
            doc(&desk, DocumentRequest::TestPage),
            Paper::Roll80,
            "test-page",
            vec!["打印测试页".into(), "¥388.00".into()],
        ),
    ];
    for (doc, paper, name, wants) in cases {
        let text = page_texts(&write(&doc, paper, name)).concat();
        let flat = squeezed(&text);
        for want in wants {
            assert!(
                flat.contains(&squeezed(&want)),
                "{name} lacks {want}:\n{text}"
            );
        }
        assert!(!text.contains("13812345678"), "{name} shows the full phone");
        assert!(!text.contains("果酸过敏"), "{name} shows allergies");
    }
    // A handover counted but not yet confirmed has no record to print.
    let sheet = frontdesk_core::gifts::handover::handover_sheet(&mut s.shop.db, &desk).unwrap();
    let counts = sheet
        .lines
        .iter()
        .map(|l| frontdesk_core::gifts::handover::Count {
            item_id: l.item_id,
            batch_id: l.batch_id,
            counted: 0,
        })
        .collect();
    let open = frontdesk_core::gifts::handover::count_handover(
        &mut s.shop.db,
        &desk,
        frontdesk_core::gifts::handover::CountHandoverRequest {
            kind: HandoverKind::Shift,
            counts,
        },
    )
    .unwrap();
    let r = printing::document(
        &mut s.shop.db,
        &desk,
        &DocumentRequest::Handover {
            handover_id: open.id,
        },
    );
    assert!(
        matches!(
            r,
            Err(Error::Invalid {
                field: "handover_id",
                ..
            })
        ),
        "{r:?}"
    );
}
