//! Gifts and vouchers at the desk: a checkout that crosses a tier issues its
//! gift and voucher, a voucher pays part of a later bill, a second
//! redemption is refused naming the first, a void gives everything back;
//! blind handovers, numbered and final; the reconciliation; the birthday
//! gift; and bad input of every kind refused by field with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::error::{Invalid, PriorUse};
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, HandoverKind,
};
use frontdesk_core::gifts::issuance::{self, DayRequest};
use frontdesk_core::gifts::reconcile::{self, PeriodRequest};
use frontdesk_core::gifts::rewards::{self, GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::setup::{self, SaveBirthdayGifts};
use frontdesk_core::gifts::stock::{self, AdjustCountRequest, ReceiveGiftsRequest};
use frontdesk_core::gifts::vouchers::{self, ReceiveVouchersRequest, VoucherRequest, VoucherState};
use frontdesk_core::ids::{CustomerId, ProductId, ServiceId, StaffId, VisitId};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};
use frontdesk_core::visits::{
    self, CheckoutRequest, Payment, ProductSale, QuoteRequest, Stage, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::gifts::{GiftCounter, counter};
use frontdesk_tests::{TempShop, flow_support, setup_manager, snapshot};

struct Shop {
    shop: TempShop,
    manager: Session,
    desk: Session,
    stylist: StaffId,
    facial: ServiceId,
    cream_product: ProductId,
    gifts: GiftCounter,
}

fn shop() -> Shop {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = setup_manager(db);
    let (facial, cream_product, _) = flow_support::menu(db, &manager);
    let stylist = flow_support::stylist(db, &manager);
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
    .unwrap()
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
    .unwrap();
    let desk = Session::new(
        desk_id,
        "2001",
        "张敏",
        Role::Receptionist,
        staff::Language::ZhCn,
    );
    let gifts = counter(db, &manager);
    Shop {
        shop,
        manager,
        desk,
        stylist,
        facial,
        cream_product,
        gifts,
    }
}

impl Shop {
    fn db(&mut self) -> &mut Db {
        &mut self.shop.db
    }

    fn customer(&mut self, name: &str, phone: &str) -> CustomerId {
        let m = self.manager.clone();
        flow_support::customer(self.db(), &m, name, phone)
    }

    /// A visit at re-consultation with the facial (¥298).
    fn visit(&mut self, customer: CustomerId) -> VisitId {
        let (desk, facial, stylist) = (self.desk.clone(), self.facial, self.stylist);
        flow_support::visit_at(
            self.db(),
            &desk,
            customer,
            Stage::Reconsult,
            facial,
            stylist,
        )
    }

    fn checkout(&mut self, req: CheckoutRequest) -> Result<visits::Visit, Error> {
        let desk = self.desk.clone();
        visits::checkout(self.db(), &desk, req)
    }

    fn book(&mut self, item: frontdesk_core::ids::GiftItemId) -> i64 {
        let desk = self.desk.clone();
        setup::gift_catalog(self.db(), &desk)
            .unwrap()
            .items
            .into_iter()
            .find(|i| i.id == item)
            .unwrap()
            .stock
    }

    fn voucher(&mut self, serial: &str) -> vouchers::VoucherView {
        let desk = self.desk.clone();
        vouchers::voucher(
            self.db(),
            &desk,
            VoucherRequest {
                serial: serial.into(),
            },
        )
        .unwrap()
    }
}

/// Pay `card` by card after `vouchers`, with `products` bought and `gifts` issued.
fn request(
    visit: VisitId,
    products: Vec<ProductSale>,
    card: i64,
    vouchers: &[&str],
    gifts: Option<GiftIssue>,
) -> CheckoutRequest {
    CheckoutRequest {
        visit_id: visit,
        products,
        payments: if card > 0 {
            vec![Payment {
                method: PayMethod::Card,
                amount: Fen(card),
            }]
        } else {
            vec![]
        },
        tendered: Fen(0),
        belongings_checked: true,
        stored_value: Fen(0),
        package_uses: vec![],
        vouchers: vouchers.iter().map(|s| s.to_string()).collect(),
        gifts,
    }
}

fn tier_500(s: &Shop, serials: &[&str]) -> GiftIssue {
    GiftIssue {
        tiers: vec![TierIssue {
            tier_id: s.gifts.tier_500,
            items: vec![ItemQty {
                item_id: s.gifts.cream,
                quantity: 1,
            }],
            vouchers: serials.iter().map(|s| s.to_string()).collect(),
        }],
        receipts: 2,
        seconds: 40,
    }
}

#[test]
fn a_spend_over_500_earns_the_tiers_gift_and_voucher_which_later_pays_part_of_a_bill_once() {
    let mut s = shop();
    let li = s.customer("李美华", "13812345678");
    let wang = s.customer("王芳", "13900001234");
    // ¥298 facial + two creams at ¥168 = ¥634: the ¥500 tier and the ¥300 one.
    let v1 = s.visit(li);
    let two_creams = vec![ProductSale {
        product_id: s.cream_product,
        qty: 2,
    }];
    let desk = s.desk.clone();
    let quote = visits::quote(
        s.db(),
        &desk,
        QuoteRequest {
            visit_id: v1,
            products: two_creams.clone(),
            package_uses: vec![],
            vouchers: vec![],
        },
    )
    .unwrap();
    assert_eq!(quote.due, Fen(63_400));
    let thresholds: Vec<Fen> = quote.offers.iter().map(|o| o.threshold).collect();
    assert_eq!(
        thresholds,
        vec![Fen(50_000), Fen(30_000)],
        "highest tier first"
    );
    assert_eq!(quote.offers[0].rewards[0].in_stock, 50);
    assert!(!quote.offers[0].short);

    let issue = tier_500(&s, &["a-000101"]);
    let done = s
        .checkout(request(v1, two_creams, 63_400, &[], Some(issue)))
        .unwrap();
    assert_eq!(done.rewards.gifts.len(), 1);
    assert_eq!(done.rewards.gifts[0].item, "玫瑰护手霜");
    assert_eq!(done.rewards.issued_vouchers[0].serial, "A000101");
    assert_eq!(
        (done.rewards.receipts, done.rewards.seconds),
        (Some(2), Some(40))
    );
    let cream = s.gifts.cream;
    assert_eq!(s.book(cream), 49);
    // Her card's timeline shows the gift and the voucher she received.
    let timeline = frontdesk_core::customers::timeline::customer_timeline(
        s.db(),
        &desk,
        frontdesk_core::customers::timeline::TimelineRequest {
            id: li,
            before: None,
            limit: Some(20),
        },
    )
    .unwrap();
    use frontdesk_core::customers::timeline::TimelineKind;
    let got = |k: TimelineKind| {
        timeline
            .events
            .iter()
            .find(|e| e.kind == k)
            .cloned()
            .unwrap()
    };
    let gift = got(TimelineKind::Gift);
    assert_eq!(
        (gift.summary.as_deref(), gift.amount),
        (Some("玫瑰护手霜"), Some(1))
    );
    let voucher = got(TimelineKind::Voucher);
    assert_eq!(voucher.summary.as_deref(), Some("50元代金券 A000101"));
    assert_eq!(voucher.status.as_deref(), Some("issue"));
    let a101 = s.voucher("A000101");
    assert_eq!(a101.state, VoucherState::Issued);
    assert_eq!(a101.customer_id, Some(li));
    // 30 days from issue, the day of issue included.
    assert_eq!(a101.expires_on.as_deref(), Some("2026-12-22"));

    // 王芳 pays her ¥298 facial with it (she was given it) and ¥248 by card.
    let v2 = s.visit(wang);
    let quote = visits::quote(
        s.db(),
        &desk,
        QuoteRequest {
            visit_id: v2,
            products: vec![],
            package_uses: vec![],
            vouchers: vec!["A000101".into()],
        },
    )
    .unwrap();
    assert_eq!(quote.vouchers[0].amount, Fen(5_000));
    assert_eq!(quote.due, Fen(24_800));
    assert!(quote.offers.is_empty(), "¥248 reaches no tier");
    let paid = s
        .checkout(request(v2, vec![], 24_800, &["A000101"], None))
        .unwrap();
    assert_eq!(paid.rewards.redeemed_vouchers[0].amount, Fen(5_000));
    assert_eq!(s.voucher("A000101").state, VoucherState::Redeemed);

    // A second redemption is refused, naming the first, and writes nothing.
    let v3 = s.visit(li);
    let before = snapshot(s.db());
    let again = s.checkout(request(v3, vec![], 24_800, &["A000101"], None));
    match again {
        Err(Error::AlreadyRedeemed {
            field: "vouchers",
            prior,
        }) => {
            let PriorUse {
                visit_id,
                slip_no,
                staff,
                ..
            } = *prior;
            assert_eq!(visit_id, v2);
            assert_eq!(Some(slip_no), paid.slip_no);
            assert_eq!(staff, "2001 张敏");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(s.db()), before);

    // Voiding 王芳's visit makes the voucher hers again ...
    let manager = s.manager.clone();
    visits::void_visit(
        s.db(),
        &manager,
        VoidVisitRequest {
            visit_id: v2,
            reason: "刷错卡".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    assert_eq!(s.voucher("A000101").state, VoucherState::Issued);
    // ... and voiding the first visit, its gifts not given back, records the
    // cream as not recovered and cancels the voucher it issued.
    let voided = visits::void_visit(
        s.db(),
        &manager,
        VoidVisitRequest {
            visit_id: v1,
            reason: "顾客退货".into(),
            gifts_recovered: false,
        },
    )
    .unwrap();
    assert!(!voided.rewards.gifts[0].recovered);
    assert_eq!(s.book(cream), 49, "not recovered: the cream is gone");
    assert_eq!(s.voucher("A000101").state, VoucherState::Cancelled);
    let refused = s.checkout(request(v3, vec![], 24_800, &["A000101"], None));
    assert!(
        matches!(
            refused,
            Err(Error::Invalid {
                field: "vouchers",
                reason: Invalid::Cancelled,
                ..
            })
        ),
        "{refused:?}"
    );
}

#[test]
fn a_void_with_the_gifts_given_back_puts_them_on_the_shelf_and_the_voucher_in_the_drawer() {
    let mut s = shop();
    let li = s.customer("李美华", "13812345678");
    let v = s.visit(li);
    let products = vec![ProductSale {
        product_id: s.cream_product,
        qty: 2,
    }];
    let issue = tier_500(&s, &["A000150"]);
    s.checkout(request(v, products, 63_400, &[], Some(issue)))
        .unwrap();
    let manager = s.manager.clone();
    visits::void_visit(
        s.db(),
        &manager,
        VoidVisitRequest {
            visit_id: v,
            reason: "顾客退货".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    let cream = s.gifts.cream;
    assert_eq!(s.book(cream), 50);
    let a150 = s.voucher("A000150");
    assert_eq!(a150.state, VoucherState::InStock);
    assert_eq!(a150.customer_id, None);
    let kinds: Vec<String> = a150
        .events
        .iter()
        .map(|e| e.kind.as_str().to_string())
        .collect();
    assert_eq!(kinds, ["receive", "issue", "recover"]);
}

/// Each bad request is refused naming its field, with nothing written.
#[test]
fn bad_input_is_refused_by_field_and_writes_nothing() {
    let mut s = shop();
    let li = s.customer("李美华", "13812345678");
    let wang = s.customer("王芳", "13900001234");
    let zhao = s.customer("赵敏", "13900005678");
    let qian = s.customer("钱芳", "13900009999");
    let v = s.visit(li);
    // An issued voucher to try paying with.
    let v0 = s.visit(wang);
    let products = vec![ProductSale {
        product_id: s.cream_product,
        qty: 2,
    }];
    let issue = tier_500(&s, &["A000101"]);
    s.checkout(request(v0, products, 63_400, &[], Some(issue)))
        .unwrap();
    let (desk, manager) = (s.desk.clone(), s.manager.clone());
    let vt = s.gifts.voucher_type;
    let cream = s.gifts.cream;
    // A product-only visit, for a bill below a voucher's minimum spend.
    let v2 = {
        let desk = s.desk.clone();
        frontdesk_core::visits::check_in(
            s.db(),
            &desk,
            frontdesk_core::visits::CheckInRequest {
                customer_id: Some(zhao),
                walk_in_label: String::new(),
                appointment_id: None,
            },
        )
        .unwrap()
        .id
    };
    let before = snapshot(s.db());

    let field_reason = |r: Result<(), Error>| match r {
        Err(Error::Invalid { field, reason, .. }) => (field, Some(reason)),
        Err(Error::Expired { field }) => (field, None),
        other => panic!("not a field refusal: {other:?}"),
    };
    let pay = |s: &mut Shop, serial: &str, card: i64| {
        s.checkout(request(v, vec![], card, &[serial], None))
            .map(drop)
    };
    // Unknown and mistyped serials.
    assert_eq!(
        field_reason(pay(&mut s, "A999999", 24_800)),
        ("vouchers", Some(Invalid::UnknownSerial))
    );
    assert_eq!(
        field_reason(pay(&mut s, "A00010", 24_800)),
        ("vouchers", Some(Invalid::UnknownSerial))
    );
    assert_eq!(
        field_reason(pay(&mut s, "", 24_800)),
        ("vouchers", Some(Invalid::Required))
    );
    // Still in the drawer: never given to anyone.
    assert_eq!(
        field_reason(pay(&mut s, "A000102", 24_800)),
        ("vouchers", Some(Invalid::NotIssued))
    );
    // A range overlapping one received before, or of another format.
    let receive = |s: &mut Shop, first: &str, last: &str| {
        vouchers::receive_vouchers(
            &mut s.shop.db,
            &desk,
            ReceiveVouchersRequest {
                voucher_type_id: vt,
                first_serial: first.into(),
                last_serial: last.into(),
                slip_no: "CK-9".into(),
                missing: vec![],
            },
        )
        .map(drop)
    };
    assert_eq!(
        field_reason(receive(&mut s, "A000150", "A000250")),
        ("first_serial", Some(Invalid::Overlaps))
    );
    assert_eq!(
        field_reason(receive(&mut s, "B000001", "B000010")),
        ("first_serial", Some(Invalid::Format))
    );
    assert_eq!(
        field_reason(receive(&mut s, "A000300", "A000201")),
        ("last_serial", Some(Invalid::OutOfRange))
    );
    assert_eq!(
        field_reason(receive(&mut s, "A000201", "A020300")),
        ("last_serial", Some(Invalid::TooMany))
    );
    // Zero, negative and absurd quantities; a receipt without its slip.
    for q in [0, -1, 100_001] {
        let r = stock::receive_gifts(
            s.db(),
            &desk,
            ReceiveGiftsRequest {
                item_id: cream,
                quantity: q,
                slip_no: "CK-1".into(),
            },
        )
        .map(drop);
        assert_eq!(field_reason(r), ("quantity", Some(Invalid::OutOfRange)));
    }
    let r = stock::receive_gifts(
        s.db(),
        &desk,
        ReceiveGiftsRequest {
            item_id: cream,
            quantity: 5,
            slip_no: "  ".into(),
        },
    )
    .map(drop);
    assert_eq!(field_reason(r), ("slip_no", Some(Invalid::Required)));
    // A count adjustment without a reason.
    let r = stock::adjust_count(
        s.db(),
        &manager,
        AdjustCountRequest {
            handover_line_id: frontdesk_core::ids::HandoverLineId(1),
            reason: " ".into(),
        },
    )
    .map(drop);
    assert_eq!(field_reason(r), ("reason", Some(Invalid::Required)));
    // The bill below the voucher's minimum spend (¥200): a ¥168 cream alone.
    let cream_only = vec![ProductSale {
        product_id: s.cream_product,
        qty: 1,
    }];
    match s.checkout(request(v2, cream_only, 11_800, &["A000101"], None)) {
        Err(Error::Invalid {
            field: "vouchers",
            reason: Invalid::BelowMinimum,
            limit: Some(20_000),
        }) => {}
        other => panic!("{other:?}"),
    }
    // Gifts of a tier the spend does not reach, or more than it gives.
    let facial_only = |s: &Shop, qty| GiftIssue {
        tiers: vec![TierIssue {
            tier_id: s.gifts.tier_500,
            items: vec![ItemQty {
                item_id: s.gifts.cream,
                quantity: qty,
            }],
            vouchers: vec![],
        }],
        receipts: 1,
        seconds: 10,
    };
    let issue = facial_only(&s, 1);
    assert_eq!(
        field_reason(
            s.checkout(request(v, vec![], 29_800, &[], Some(issue)))
                .map(drop)
        ),
        ("gifts", Some(Invalid::NotAvailable))
    );
    let products = vec![ProductSale {
        product_id: s.cream_product,
        qty: 2,
    }];
    let issue = facial_only(&s, 2);
    assert_eq!(
        field_reason(
            s.checkout(request(v, products.clone(), 63_400, &[], Some(issue)))
                .map(drop)
        ),
        ("gifts", Some(Invalid::OutOfRange))
    );
    // A voucher of a type the tier does not give, or twice the same serial.
    let mut issue = tier_500(&s, &["A000102", "A000102"]);
    issue.tiers[0].items.clear();
    assert_eq!(
        field_reason(
            s.checkout(request(v, products.clone(), 63_400, &[], Some(issue)))
                .map(drop)
        ),
        ("issued_vouchers", Some(Invalid::Repeated))
    );
    // Receipts and seconds out of range.
    let mut issue = tier_500(&s, &[]);
    issue.receipts = 0;
    assert_eq!(
        field_reason(
            s.checkout(request(v, products.clone(), 63_400, &[], Some(issue)))
                .map(drop)
        ),
        ("receipts", Some(Invalid::OutOfRange))
    );
    assert_eq!(snapshot(s.db()), before, "nothing refused left a trace");

    // An expired voucher: 31 days on, A000101 has run out.
    s.shop.clock.advance(31 * 86_400_000);
    let v3 = s.visit(qian);
    let r = s
        .checkout(request(v3, vec![], 24_800, &["A000101"], None))
        .map(drop);
    assert_eq!(field_reason(r), ("vouchers", None));
}

#[test]
fn the_last_unit_cannot_be_issued_twice_and_says_what_is_left() {
    let mut s = shop();
    let li = s.customer("李美华", "13812345678");
    // Two products for ¥336 + facial: ¥634, the ¥300 tier gives the scarf (10 in stock).
    let scarf = s.gifts.scarf;
    let manager = s.manager.clone();
    stock::destroy_gifts(
        s.db(),
        &manager,
        stock::DestroyGiftsRequest {
            item_id: scarf,
            quantity: 10,
            reason: "受潮".into(),
        },
    )
    .unwrap();
    let v = s.visit(li);
    let issue = GiftIssue {
        tiers: vec![TierIssue {
            tier_id: s.gifts.tier_300,
            items: vec![ItemQty {
                item_id: scarf,
                quantity: 1,
            }],
            vouchers: vec![],
        }],
        receipts: 1,
        seconds: 12,
    };
    let products = vec![ProductSale {
        product_id: s.cream_product,
        qty: 1,
    }];
    let before = snapshot(s.db());
    let r = s.checkout(request(v, products, 46_600, &[], Some(issue)));
    assert!(
        matches!(
            r,
            Err(Error::OutOfStock {
                field: "gifts",
                available: 0
            })
        ),
        "{r:?}"
    );
    assert_eq!(snapshot(s.db()), before, "the whole checkout rolled back");
}

fn count_all(s: &mut Shop, short: &str) -> Vec<Count> {
    let desk = s.desk.clone();
    let sheet = handover::handover_sheet(s.db(), &desk).unwrap();
    let catalog = setup::gift_catalog(s.db(), &desk).unwrap();
    let batches = vouchers::voucher_batches(s.db(), &desk).unwrap();
    sheet
        .lines
        .iter()
        .map(|l| {
            let book = match (l.item_id, l.batch_id) {
                (Some(i), _) => catalog.items.iter().find(|x| x.id == i).unwrap().stock,
                (_, Some(b)) => batches.iter().find(|x| x.id == b).unwrap().in_stock,
                _ => unreachable!(),
            };
            Count {
                item_id: l.item_id,
                batch_id: l.batch_id,
                counted: if l.label == short { book - 1 } else { book },
            }
        })
        .collect()
}

#[test]
fn a_blind_handover_with_one_short_is_confirmed_by_the_next_pin_and_traced_in_the_reconciliation() {
    let mut s = shop();
    let desk = s.desk.clone();
    // The sheet names what to count, never how many the book says.
    let sheet = handover::handover_sheet(s.db(), &desk).unwrap();
    let labels: Vec<&str> = sheet.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        ["玫瑰护手霜", "真丝丝巾", "50元代金券 A000101–A000200"]
    );
    let json = serde_json::to_string(&sheet).unwrap();
    assert!(
        !json.contains("50,") && !json.contains("\"book\""),
        "{json}"
    );

    let counts = count_all(&mut s, "玫瑰护手霜");
    let counted = handover::count_handover(
        s.db(),
        &desk,
        CountHandoverRequest {
            kind: HandoverKind::Shift,
            counts,
        },
    )
    .unwrap();
    let short = counted.lines.iter().find(|l| l.variance != 0).unwrap();
    assert_eq!(
        (short.label.as_str(), short.book, short.counted),
        ("玫瑰护手霜", 50, 49)
    );
    assert_eq!(counted.no, None, "numbered only when confirmed");

    // Confirming with her own PIN, or a wrong one, is refused.
    let confirm = |s: &mut Shop, no: &str, pin: &str| {
        handover::confirm_handover(
            s.db(),
            &desk,
            ConfirmHandoverRequest {
                handover_id: counted.id,
                incoming_staff_no: no.into(),
                incoming_pin: pin.into(),
                notes: "护手霜少一支".into(),
                matters: vec![
                    "赠品短缺：玫瑰护手霜 1 支".into(),
                    "李姐明天来取丝巾".into(),
                ],
            },
        )
    };
    let before = snapshot(s.db());
    assert!(matches!(
        confirm(&mut s, "2001", "2001"),
        Err(Error::Invalid {
            field: "incoming_staff_no",
            reason: Invalid::SamePerson,
            ..
        })
    ));
    assert!(matches!(
        confirm(&mut s, "2002", "9999"),
        Err(Error::Invalid {
            field: "incoming_pin",
            reason: Invalid::Confirmation,
            ..
        })
    ));
    assert_eq!(snapshot(s.db()), before);
    let done = confirm(&mut s, "2002", "2002").unwrap();
    assert_eq!(done.no.as_deref(), Some("JJ20261123-01"));
    assert_eq!(done.incoming.as_ref().unwrap().name, "刘晓燕");
    assert_eq!(done.matters.len(), 2);
    // Final: confirming again is refused, and the database refuses any edit.
    assert!(matches!(
        confirm(&mut s, "2002", "2002"),
        Err(Error::Closed(frontdesk_core::error::Entity::Handover))
    ));
    for sql in [
        "UPDATE handovers SET notes = 'x'",
        "DELETE FROM handovers",
        "UPDATE handover_lines SET counted = 50",
        "DELETE FROM handover_matters",
    ] {
        assert!(s.db().conn().execute(sql, []).is_err(), "{sql}");
    }

    // The next shift sees it and its open matters on sign-in.
    let last = handover::last_handover(s.db(), &desk).unwrap();
    assert_eq!(last.handover.unwrap().variances, 1);
    assert_eq!(last.open_matters.len(), 2);
    handover::resolve_matter(
        s.db(),
        &desk,
        handover::ResolveMatterRequest {
            matter_id: last.open_matters[1].id,
            note: "已交给李姐".into(),
        },
    )
    .unwrap();
    assert_eq!(
        handover::last_handover(s.db(), &desk)
            .unwrap()
            .open_matters
            .len(),
        1
    );

    // The manager's reconciliation shows the variance, traced to the handover.
    let manager = s.manager.clone();
    let period = PeriodRequest {
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
    };
    let r = reconcile::gift_reconciliation(s.db(), &manager, period.clone()).unwrap();
    assert_eq!((r.lines_counted, r.lines_matched), (3, 2));
    assert_eq!(r.match_permille, Some(666));
    assert_eq!(r.variances.len(), 1);
    assert_eq!(r.variances[0].first_seen.no, "JJ20261123-01");
    let cream = r.items.iter().find(|i| i.name == "玫瑰护手霜").unwrap();
    assert_eq!((cream.opening, cream.received, cream.closing), (0, 50, 50));
    assert_eq!(cream.last_count.as_ref().unwrap().variance, -1);

    // She settles it with a reason; the book now agrees with the shelf.
    let settled = stock::adjust_count(
        s.db(),
        &manager,
        AdjustCountRequest {
            handover_line_id: short.id,
            reason: "交接时发现遗失一支".into(),
        },
    )
    .unwrap();
    assert_eq!(settled.stock, 49);
    let again = stock::adjust_count(
        s.db(),
        &manager,
        AdjustCountRequest {
            handover_line_id: short.id,
            reason: "再调一次".into(),
        },
    );
    assert!(matches!(
        again,
        Err(Error::Duplicate {
            field: "handover_line_id"
        })
    ));
    let r = reconcile::gift_reconciliation(s.db(), &manager, period.clone()).unwrap();
    let cream = r.items.iter().find(|i| i.name == "玫瑰护手霜").unwrap();
    assert_eq!((cream.adjusted, cream.closing), (-1, 49));
    assert!(r.variances[0].adjusted);
    let export = reconcile::export_gift_reconciliation(s.db(), &manager, period).unwrap();
    let text = std::fs::read_to_string(&export.path).unwrap();
    assert!(
        text.contains("玫瑰护手霜") && text.contains("JJ20261123-01"),
        "{text}"
    );
    assert!(text.contains("66.6%"), "{text}");
}

#[test]
fn a_tier_birthday_gift_is_given_in_her_birthday_month_once_a_year() {
    let mut s = shop();
    let manager = s.manager.clone();
    let desk = s.desk.clone();
    let entry = frontdesk_core::membership::save_tier(
        s.db(),
        &manager,
        frontdesk_core::membership::SaveTier {
            tier: frontdesk_core::membership::Tier {
                id: frontdesk_core::ids::TierId(0),
                name: "普通顾客".into(),
                rank: 0,
                color: "#8c8c8c".into(),
                min_spend_12m: None,
                min_single_topup: None,
                service_rate_permille: 1000,
                product_rate_permille: 1000,
                birthday_gift: String::new(),
                priority_booking: false,
                active: true,
            },
        },
    )
    .unwrap();
    let cream = s.gifts.cream;
    setup::save_birthday_gifts(
        s.db(),
        &manager,
        SaveBirthdayGifts {
            gifts: vec![setup::BirthdayGift {
                membership_tier_id: entry.id,
                item_id: cream,
                quantity: 1,
            }],
        },
    )
    .unwrap();
    let mut november = frontdesk_tests::new_customer("王芳", "13900001111");
    november.card.birthday = Some("1988-11-05".into());
    let born_nov = frontdesk_core::customers::create_customer(s.db(), &manager, november)
        .unwrap()
        .id;
    let mut may = frontdesk_tests::new_customer("赵敏", "13900002222");
    may.card.birthday = Some("1990-05-20".into());
    let born_may = frontdesk_core::customers::create_customer(s.db(), &manager, may)
        .unwrap()
        .id;
    let give_on = |s: &mut Shop, c, visit_id| {
        rewards::issue_birthday_gift(
            &mut s.shop.db,
            &desk,
            rewards::BirthdayGiftRequest {
                customer_id: c,
                visit_id,
            },
        )
    };
    let give = |s: &mut Shop, c| give_on(s, c, None);
    // On a visit that does not exist, or another customer's: refused as
    // such (found by the command fuzzer: it was a foreign-key failure), and
    // nothing written.
    let hers = s.visit(born_nov);
    let not_hers = s.visit(born_may);
    let before = frontdesk_tests::snapshot(s.db());
    for visit in [frontdesk_core::ids::VisitId(999_999), not_hers] {
        assert!(matches!(
            give_on(&mut s, born_nov, Some(visit)),
            Err(Error::Invalid {
                field: "visit_id",
                reason: Invalid::NotAvailable,
                ..
            })
        ));
    }
    assert_eq!(frontdesk_tests::snapshot(s.db()), before);
    let got = give_on(&mut s, born_nov, Some(hers)).unwrap();
    assert!(got.gifts[0].birthday);
    assert!(got.birthday.unwrap().given);
    assert_eq!(s.book(cream), 49);
    assert!(matches!(
        give(&mut s, born_nov),
        Err(Error::Duplicate {
            field: "customer_id"
        })
    ));
    assert!(matches!(
        give(&mut s, born_may),
        Err(Error::Invalid {
            field: "customer_id",
            reason: Invalid::NotAvailable,
            ..
        })
    ));
    // The database refuses a second one for the year too.
    let second = s.db().conn().execute(
        "INSERT INTO gift_moves (item_id, kind, qty, customer_id, birthday_year, at, business_date, staff_id)
         VALUES (?1, 'issue', -1, ?2, 2026, 0, '2026-11-23', 1)",
        rusqlite::params![cream, born_nov],
    );
    assert!(second.is_err());
}

#[test]
fn the_daily_close_expires_vouchers_and_the_issuance_summary_goes_to_the_marketing_supervisor() {
    let mut s = shop();
    let li = s.customer("李美华", "13812345678");
    let v = s.visit(li);
    let products = vec![ProductSale {
        product_id: s.cream_product,
        qty: 2,
    }];
    let issue = tier_500(&s, &["A000101"]);
    s.checkout(request(v, products, 63_400, &[], Some(issue)))
        .unwrap();
    let desk = s.desk.clone();
    let summary = issuance::issuance_summary(
        s.db(),
        &desk,
        DayRequest {
            date: "2026-11-23".into(),
        },
    )
    .unwrap();
    let rewards: Vec<(&str, i64)> = summary
        .lines
        .iter()
        .map(|l| (l.reward.as_str(), l.quantity))
        .collect();
    assert_eq!(rewards, [("玫瑰护手霜", 1), ("50元代金券", 1)]);
    assert_eq!(summary.staff[0].staff, "2001 张敏");
    assert_eq!(summary.staff[0].average_seconds, Some(40));
    assert_eq!(summary.staff[0].over_standard, 0);
    let export = issuance::export_issuance_summary(
        s.db(),
        &desk,
        DayRequest {
            date: "2026-11-23".into(),
        },
    )
    .unwrap();
    let bytes = std::fs::read(&export.path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("双十二感恩回馈,500.00,玫瑰护手霜,1,0"),
        "{text}"
    );

    // 31 days later the evening close expires A000101.
    s.shop.clock.advance(31 * 86_400_000);
    let counts = count_all(&mut s, "");
    let closing = handover::count_handover(
        s.db(),
        &desk,
        CountHandoverRequest {
            kind: HandoverKind::Close,
            counts,
        },
    )
    .unwrap();
    handover::confirm_handover(
        s.db(),
        &desk,
        ConfirmHandoverRequest {
            handover_id: closing.id,
            incoming_staff_no: "2002".into(),
            incoming_pin: "2002".into(),
            notes: String::new(),
            matters: vec![],
        },
    )
    .unwrap();
    assert_eq!(s.voucher("A000101").state, VoucherState::Expired);
}

#[test]
fn the_demo_shop_has_a_gift_counter_running() {
    let mut shop = TempShop::new();
    frontdesk_core::demo::seed(&mut shop.db).unwrap();
    let manager = frontdesk_core::staff::Session::new(
        StaffId(1),
        "1001",
        "王店长",
        Role::Manager,
        staff::Language::ZhCn,
    );
    let c = setup::gift_catalog(&mut shop.db, &manager).unwrap();
    assert_eq!(c.items.len(), 3);
    assert_eq!(c.voucher_types[0].in_stock, 200);
    assert_eq!(c.promotions[0].tiers.len(), 3);
    assert_eq!(c.birthday_gifts.len(), 2);
    assert!(c.items.iter().all(|i| !i.earned_by.is_empty()));
}
