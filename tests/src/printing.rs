//! A shop with something to print: a member who topped up, a checked-out
//! visit with products, stored value, a card payment, the ¥500 tier's gift
//! and voucher, home-care advice, the stylist's notes and a booked next
//! appointment; the PDF helpers the printing tests read documents with.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use frontdesk_core::appointments::{self, SaveAppointmentRequest};
use frontdesk_core::catalog::{self, Product, SaveProduct};
use frontdesk_core::customers;
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, Handover, HandoverKind,
};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::{setup, vouchers};
use frontdesk_core::ids::{AppointmentId, CustomerId, ProductId, VisitId};
use frontdesk_core::membership::ledger::{self, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::shop::{self, UpdateShopRequest};
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};
use frontdesk_core::visits::{
    self, CheckoutRequest, Payment, ProductSale, ReconsultRequest, ServiceNotesRequest, Stage,
};

use crate::gifts::{GiftCounter, counter};
use crate::{TempShop, flow_support, setup_manager};

pub struct PrintShop {
    pub shop: TempShop,
    pub manager: Session,
    pub desk: Session,
    pub stylist: Session,
    pub customer: CustomerId,
    pub visit: VisitId,
    pub gifts: GiftCounter,
}

/// Count the gift counter as `desk` (one cream short) and have 2002 刘晓燕
/// confirm with her PIN; answer the confirmed handover.
pub fn hand_over(s: &mut PrintShop, kind: HandoverKind) -> Handover {
    let desk = s.desk.clone();
    let db = &mut s.shop.db;
    let sheet = handover::handover_sheet(db, &desk).expect("sheet");
    let catalog = setup::gift_catalog(db, &desk).expect("catalog");
    let batches = vouchers::voucher_batches(db, &desk).expect("batches");
    let counts = sheet
        .lines
        .iter()
        .map(|l| {
            let book = match (l.item_id, l.batch_id) {
                (Some(i), _) => catalog.items.iter().find(|x| x.id == i).map(|x| x.stock),
                (_, Some(b)) => batches.iter().find(|x| x.id == b).map(|x| x.in_stock),
                _ => None,
            }
            .expect("a line of the book");
            Count {
                item_id: l.item_id,
                batch_id: l.batch_id,
                counted: if l.label == "玫瑰护手霜" {
                    book - 1
                } else {
                    book
                },
            }
        })
        .collect();
    let counted =
        handover::count_handover(db, &desk, CountHandoverRequest { kind, counts }).expect("count");
    handover::confirm_handover(
        db,
        &desk,
        ConfirmHandoverRequest {
            handover_id: counted.id,
            incoming_staff_no: "2002".into(),
            incoming_pin: "2002".into(),
            notes: "护手霜少一支，已报店长".into(),
            matters: vec!["李姐明天来取丝巾".into()],
        },
    )
    .expect("confirm")
}

/// What the slip's visit is made of.
pub struct SlipCase {
    pub name: String,
    pub phone: String,
    pub allergies: String,
    pub home_care: String,
    pub service_notes: String,
    /// Products bought besides the facial (each its own line, ¥12.34 each).
    pub extra_lines: usize,
}

impl Default for SlipCase {
    fn default() -> Self {
        SlipCase {
            name: "李美华".into(),
            phone: "13812345678".into(),
            allergies: "果酸过敏".into(),
            home_care: "早晚洁面后使用补水精华，一周内避免暴晒和去角质。".into(),
            service_notes: "T区偏油，两颊干燥，补水后明显改善。".into(),
            extra_lines: 0,
        }
    }
}

pub fn print_shop(case: &SlipCase) -> PrintShop {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = setup_manager(db);
    shop::update_shop(
        db,
        &manager,
        UpdateShopRequest {
            name: "丽人坊美容会所".into(),
            address: "上海市静安区南京西路1266号2楼".into(),
            phone: "021-62881234".into(),
            idle_lock_minutes: 10,
            greeting_style: shop::GreetingStyle::Familiar,
            time_zone: "Asia/Shanghai".into(),
        },
    )
    .expect("shop profile");
    let (facial, cream, _) = flow_support::menu(db, &manager);
    let stylist_id = flow_support::stylist(db, &manager);
    let desk_id = staff::add_staff(
        db,
        &manager,
        AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .expect("receptionist")
    .id;
    staff::add_staff(
        db,
        &manager,
        AddStaffRequest {
            staff_no: "2002".into(),
            name: "刘晓燕".into(),
            role: Role::Receptionist,
            pin: "2002".into(),
        },
    )
    .expect("second receptionist");
    let desk = Session::new(
        desk_id,
        "2001",
        "张敏",
        Role::Receptionist,
        staff::Language::ZhCn,
    );
    let stylist = Session::new(
        stylist_id,
        "3003",
        "陈静",
        Role::Stylist,
        staff::Language::ZhCn,
    );
    let gifts = counter(db, &manager);
    let mut req = crate::new_customer(&case.name, &case.phone);
    req.card.allergies = case.allergies.clone();
    let customer = customers::create_customer(db, &manager, req)
        .expect("customer")
        .id;
    ledger::top_up(
        db,
        &desk,
        TopUpRequest {
            customer_id: customer,
            amount: Fen(100_000),
            bonus: Fen(0),
            method: PayMethod::Mobile,
        },
    )
    .expect("top up");
    let visit = flow_support::visit_at(db, &desk, customer, Stage::Reconsult, facial, stylist_id);
    visits::save_service_notes(
        db,
        &stylist,
        ServiceNotesRequest {
            visit_id: visit,
            products_used: vec![],
            notes: case.service_notes.clone(),
            remarks_for_consultant: String::new(),
            measurements: vec![],
        },
    )
    .expect("service notes");
    visits::save_reconsult(
        db,
        &desk,
        ReconsultRequest {
            visit_id: visit,
            service_rating: Some(5),
            stylist_rating: Some(5),
            comments: String::new(),
            comments_are_complaint: false,
            measurements: vec![],
            home_care: case.home_care.clone(),
            recommendations: "建议两周后再做一次补水护理。".into(),
        },
    )
    .expect("reconsult");
    let mut products = vec![ProductSale {
        product_id: cream,
        qty: 2,
    }];
    for i in 0..case.extra_lines {
        let id = extra_product(db, &manager, i);
        products.push(ProductSale {
            product_id: id,
            qty: 1,
        });
    }
    // ¥298 facial + 2 × ¥168 cream + the extra lines at ¥12.34.
    let total = 29_800 + 2 * 16_800 + 1_234 * case.extra_lines as i64;
    let issue = GiftIssue {
        tiers: vec![TierIssue {
            tier_id: gifts.tier_500,
            items: vec![ItemQty {
                item_id: gifts.cream,
                quantity: 1,
            }],
            vouchers: vec!["A000101".into()],
        }],
        receipts: 2,
        seconds: 40,
    };
    visits::checkout(
        db,
        &desk,
        CheckoutRequest {
            visit_id: visit,
            products,
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: Fen(total - 20_000),
            }],
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(20_000),
            package_uses: vec![],
            vouchers: vec![],
            gifts: Some(issue),
        },
    )
    .expect("checkout");
    appointments::save_appointment(
        db,
        &desk,
        SaveAppointmentRequest {
            id: AppointmentId(0),
            customer_id: customer,
            stylist_id: Some(stylist_id),
            start_at: crate::MORNING_MS + 14 * 86_400_000 + 5 * 3_600_000,
            duration_minutes: None,
            services: vec![facial],
            note: String::new(),
            allow_conflict: false,
            from_visit_id: Some(visit),
        },
    )
    .expect("next appointment");
    PrintShop {
        shop,
        manager,
        desk,
        stylist,
        customer,
        visit,
        gifts,
    }
}

fn extra_product(db: &mut frontdesk_core::Db, manager: &Session, i: usize) -> ProductId {
    catalog::save_product(
        db,
        manager,
        SaveProduct {
            product: Product {
                id: ProductId(0),
                name: format!("精华小样{:02}号", i + 1),
                price: Fen(1_234),
                stock: None,
                active: true,
            },
        },
    )
    .expect("product")
    .id
}

/// `pdftotext -layout` of a PDF file.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// The text of each page, split at form feeds.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Text with every kind of space removed, so a string that wrapped across
/// lines can be found whole once the line breaks are gone.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every word box of every page from `pdftotext -bbox`, as
/// (page width, page height, xMin, yMin, xMax, yMax, word), in points.
pub fn word_boxes(pdf: &Path) -> Vec<(f32, f32, f32, f32, f32, f32, String)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext -bbox");
    let html = String::from_utf8_lossy(&out.stdout).to_string();
    let attr = |tag: &str, name: &str| -> f32 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(f32::NAN)
    };
    let mut boxes = Vec::new();
    let (mut w, mut h) = (0.0, 0.0);
    for piece in html.split('<').skip(1) {
        if piece.starts_with("page ") {
            w = attr(piece, "width");
            h = attr(piece, "height");
        } else if let Some(rest) = piece.strip_prefix("word ") {
            let word = rest.split('>').nth(1).unwrap_or("").to_string();
            boxes.push((
                w,
                h,
                attr(rest, "xMin"),
                attr(rest, "yMin"),
                attr(rest, "xMax"),
                attr(rest, "yMax"),
                word,
            ));
        }
    }
    boxes
}
