//! The audit trail (issue #14): a day and a night of real commands each
//! leave their row with who, when, what and the amounts before and after; a
//! card edit names its fields, never their values; the viewer's filters
//! (staff, kind, customer, business dates in the shop's zone across
//! midnight) return exactly the rows a brute-force filter finds; the CSV
//! carries them; and the trail cannot be changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use frontdesk_core::audit::Action;
use frontdesk_core::audit_view::{self, AuditFilter, AuditQuery, AuditRow};
use frontdesk_core::clock;
use frontdesk_core::customers::{self, CustomerFields, UpdateCustomerRequest};
use frontdesk_core::gifts::handover::{self, ConfirmHandoverRequest, Count, CountHandoverRequest};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::stock::{self, AdjustCountRequest};
use frontdesk_core::gifts::{setup, vouchers};
use frontdesk_core::ids::{CustomerId, StaffId, VisitId};
use frontdesk_core::membership::{self, RefundRequest, TopUpRequest};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};
use frontdesk_core::visits::{
    self, CheckoutRequest, Payment, ProductSale, Stage, VoidVisitRequest,
};
use frontdesk_core::{Db, Error};
use frontdesk_tests::gifts::{GiftCounter, counter};
use frontdesk_tests::{MORNING_MS, TempShop, flow_support, setup_manager};
use serde_json::{Value, json};

const HOUR: i64 = 3_600_000;
const SECRET_ALLERGY: &str = "对薰衣草精油严重过敏";

struct Day {
    shop: TempShop,
    manager: Session,
    desk: Session,
    li: CustomerId,
    wang: CustomerId,
    /// Paid from stored value, then voided.
    voided: VisitId,
    /// Crossed the ¥500 tier: cream and voucher A000101 issued.
    gifted: VisitId,
    /// After midnight: paid partly with A000101.
    redeemed: VisitId,
    gifts: GiftCounter,
}

fn all(db: &mut Db, m: &Session, filter: AuditFilter) -> Vec<AuditRow> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let p = audit_view::list_audit(
            db,
            m,
            AuditQuery {
                filter: filter.clone(),
                page,
                page_size: 7,
            },
        )
        .unwrap();
        let n = p.rows.len();
        out.extend(p.rows);
        assert!(p.total as usize >= out.len());
        if n < 7 {
            assert_eq!(out.len() as i64, p.total, "pages add up to the total");
            return out;
        }
        page += 1;
    }
}

fn checkout(v: VisitId, products: Vec<ProductSale>, card: i64, stored: i64) -> CheckoutRequest {
    CheckoutRequest {
        visit_id: v,
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
        stored_value: Fen(stored),
        package_uses: vec![],
        vouchers: vec![],
        gifts: None,
    }
}

/// 2026-11-23 in Shanghai from 09:00, and past midnight into the 24th.
fn day() -> Day {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let manager = setup_manager(db);
    let (facial, cream, _) = flow_support::menu(db, &manager);
    let stylist = flow_support::stylist(db, &manager);
    let mut desks = Vec::new();
    for (no, name) in [("2001", "张敏"), ("2002", "刘晓燕")] {
        desks.push(
            staff::add_staff(
                db,
                &manager,
                AddStaffRequest {
                    staff_no: no.into(),
                    name: name.into(),
                    role: Role::Receptionist,
                    pin: no.into(),
                },
            )
            .unwrap()
            .id,
        );
    }
    let desk = Session::new(
        desks[0],
        "2001",
        "张敏",
        Role::Receptionist,
        staff::Language::ZhCn,
    );
    let gifts = counter(db, &manager);
    let li = flow_support::customer(db, &manager, "李美华", "13812345678");
    let wang = flow_support::customer(db, &manager, "王芳", "13900001234");

    // 10:00 the desk tops up ¥1000 + ¥200 bonus for 李美华.
    shop.clock.set(MORNING_MS + HOUR);
    membership::top_up(
        &mut shop.db,
        &desk,
        TopUpRequest {
            customer_id: li,
            amount: Fen(100_000),
            bonus: Fen(20_000),
            method: PayMethod::Mobile,
        },
    )
    .unwrap();
    // 11:00 her facial (¥298) paid from stored value.
    shop.clock.set(MORNING_MS + 2 * HOUR);
    let db = &mut shop.db;
    let voided = flow_support::visit_at(db, &desk, li, Stage::Reconsult, facial, stylist);
    visits::checkout(db, &desk, checkout(voided, vec![], 0, 29_800)).unwrap();
    // 12:00 the manager voids it.
    shop.clock.set(MORNING_MS + 3 * HOUR);
    let db = &mut shop.db;
    visits::void_visit(
        db,
        &manager,
        VoidVisitRequest {
            visit_id: voided,
            reason: "记错顾客".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    // 14:00 王芳: facial + two creams = ¥634, the ¥500 tier's cream and voucher.
    shop.clock.set(MORNING_MS + 5 * HOUR);
    let db = &mut shop.db;
    let gifted = flow_support::visit_at(db, &desk, wang, Stage::Reconsult, facial, stylist);
    let mut req = checkout(
        gifted,
        vec![ProductSale {
            product_id: cream,
            qty: 2,
        }],
        63_400,
        0,
    );
    req.gifts = Some(GiftIssue {
        tiers: vec![TierIssue {
            tier_id: gifts.tier_500,
            items: vec![ItemQty {
                item_id: gifts.cream,
                quantity: 1,
            }],
            vouchers: vec!["A000101".into()],
        }],
        receipts: 1,
        seconds: 30,
    });
    visits::checkout(db, &desk, req).unwrap();
    // 20:00 the manager edits 李美华's card (an allergy).
    shop.clock.set(MORNING_MS + 11 * HOUR);
    let db = &mut shop.db;
    let card = customers::get_customer(db, &manager, li).unwrap().card;
    customers::update_customer(
        db,
        &manager,
        UpdateCustomerRequest {
            id: li,
            card: CustomerFields {
                allergies: SECRET_ALLERGY.into(),
                ..card
            },
        },
    )
    .unwrap();
    // 21:00 the evening handover, one cream short, confirmed by 2002.
    shop.clock.set(MORNING_MS + 12 * HOUR);
    let db = &mut shop.db;
    let sheet = handover::handover_sheet(db, &desk).unwrap();
    let catalog = setup::gift_catalog(db, &desk).unwrap();
    let batches = vouchers::voucher_batches(db, &desk).unwrap();
    let counts = sheet
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
                counted: if l.item_id == Some(gifts.cream) {
                    book - 1
                } else {
                    book
                },
            }
        })
        .collect();
    let counted = handover::count_handover(
        db,
        &desk,
        CountHandoverRequest {
            kind: handover::HandoverKind::Shift,
            counts,
        },
    )
    .unwrap();
    handover::confirm_handover(
        db,
        &desk,
        ConfirmHandoverRequest {
            handover_id: counted.id,
            incoming_staff_no: "2002".into(),
            incoming_pin: "2002".into(),
            notes: String::new(),
            matters: vec![],
        },
    )
    .unwrap();
    let short_line = counted.lines.iter().find(|l| l.variance != 0).unwrap().id;
    // 00:30 on the 24th (16:30 UTC on the 23rd): the manager settles the
    // count, refunds ¥100 to 李美华, and 李美华 pays with 王芳's voucher.
    shop.clock.set(MORNING_MS + 15 * HOUR + HOUR / 2);
    let db = &mut shop.db;
    stock::adjust_count(
        db,
        &manager,
        AdjustCountRequest {
            handover_line_id: short_line,
            reason: "盘点短少".into(),
        },
    )
    .unwrap();
    membership::refund_stored_value(
        db,
        &manager,
        RefundRequest {
            customer_id: li,
            amount: Fen(10_000),
            method: PayMethod::Cash,
            reason: "顾客要求".into(),
        },
    )
    .unwrap();
    let redeemed = flow_support::visit_at(db, &desk, li, Stage::Reconsult, facial, stylist);
    let mut req = checkout(redeemed, vec![], 24_800, 0);
    req.vouchers = vec!["A000101".into()];
    visits::checkout(db, &desk, req).unwrap();
    Day {
        shop,
        manager,
        desk,
        li,
        wang,
        voided,
        gifted,
        redeemed,
        gifts,
    }
}

fn one(rows: &[AuditRow], action: Action, entity_id: Option<i64>) -> &AuditRow {
    let found: Vec<&AuditRow> = rows
        .iter()
        .filter(|r| r.action == action && (entity_id.is_none() || r.entity_id == entity_id))
        .collect();
    assert_eq!(found.len(), 1, "{action:?} {entity_id:?}: {found:#?}");
    found[0]
}

fn field<'a>(v: &'a Option<Value>, key: &str) -> &'a Value {
    v.as_ref()
        .and_then(|v| v.get(key))
        .unwrap_or_else(|| panic!("no {key} in {v:?}"))
}

#[test]
fn every_movement_of_the_day_has_its_row_with_amounts_before_and_after() {
    let mut d = day();
    let m = d.manager.clone();
    let rows = all(&mut d.shop.db, &m, AuditFilter::default());
    let desk_id = d.desk.staff_id;

    let top_up = one(&rows, Action::StoredValueTopUp, None);
    assert_eq!(top_up.staff.as_ref().unwrap().staff_no, "2001");
    assert_eq!(top_up.customer.as_ref().unwrap().name, "李美华");
    assert_eq!(field(&top_up.before, "balance"), &json!(0));
    assert_eq!(field(&top_up.after, "balance"), &json!(120_000));
    assert_eq!(field(&top_up.after, "amount"), &json!(100_000));
    assert_eq!(field(&top_up.after, "bonus"), &json!(20_000));

    let paid = one(&rows, Action::VisitCheckout, Some(d.voided.0));
    assert_eq!(paid.customer.as_ref().unwrap().id, d.li);
    assert!(paid.slip_no.is_some());
    assert_eq!(field(&paid.before, "balance"), &json!(120_000));
    assert_eq!(field(&paid.after, "balance"), &json!(90_200));
    assert_eq!(field(&paid.after, "total"), &json!(29_800));
    assert_eq!(field(&paid.after, "stored_value"), &json!(29_800));

    let void = one(&rows, Action::VisitVoid, Some(d.voided.0));
    assert_eq!(void.staff.as_ref().unwrap().id, m.staff_id);
    assert_eq!(void.customer.as_ref().unwrap().id, d.li);
    assert_eq!(field(&void.before, "status"), &json!("checked_out"));
    assert_eq!(field(&void.before, "total"), &json!(29_800));
    assert_eq!(field(&void.before, "balance"), &json!(90_200));
    assert_eq!(field(&void.after, "status"), &json!("voided"));
    assert_eq!(field(&void.after, "refunded"), &json!(29_800));
    assert_eq!(field(&void.after, "balance"), &json!(120_000));

    let gifted = one(&rows, Action::VisitCheckout, Some(d.gifted.0));
    assert_eq!(gifted.customer.as_ref().unwrap().id, d.wang);
    assert_eq!(field(&gifted.after, "total"), &json!(63_400));
    let issued = field(&gifted.after, "gifts");
    assert_eq!(issued["tiers"][0]["vouchers"], json!(["A000101"]));
    assert_eq!(issued["tiers"][0]["items"][0]["quantity"], json!(1));

    let redeemed = one(&rows, Action::VisitCheckout, Some(d.redeemed.0));
    assert_eq!(redeemed.customer.as_ref().unwrap().id, d.li);
    assert_eq!(
        field(&redeemed.after, "vouchers"),
        &json!([["A000101", 5_000]])
    );

    let edit = one(&rows, Action::CustomerUpdate, Some(d.li.0));
    assert_eq!(field(&edit.after, "fields"), &json!(["allergies"]));
    let text = serde_json::to_string(&rows).unwrap();
    assert!(
        !text.contains(SECRET_ALLERGY),
        "card values never reach the trail"
    );

    let count = one(&rows, Action::HandoverCount, None);
    assert_eq!(count.staff.as_ref().unwrap().id, desk_id);
    let book = field(&count.before, "book").as_i64().unwrap();
    assert_eq!(field(&count.after, "counted"), &json!(book - 1));
    assert_eq!(field(&count.after, "variance"), &json!(-1));
    one(&rows, Action::HandoverConfirm, None);

    let adjust = one(&rows, Action::GiftAdjust, Some(d.gifts.cream.0));
    // 50 received, one issued to 王芳: 49 on the book, one short at the count.
    assert_eq!(field(&adjust.before, "book"), &json!(49));
    assert_eq!(field(&adjust.after, "book"), &json!(48));
    let received: Vec<&AuditRow> = rows
        .iter()
        .filter(|r| r.action == Action::GiftReceive && r.entity_id == Some(d.gifts.cream.0))
        .collect();
    assert_eq!(field(&received[0].before, "book"), &json!(0));
    assert_eq!(field(&received[0].after, "book"), &json!(50));

    let refund = one(&rows, Action::StoredValueRefund, None);
    assert_eq!(field(&refund.before, "balance"), &json!(120_000));
    assert_eq!(field(&refund.after, "balance"), &json!(110_000));
    assert_eq!(field(&refund.after, "amount"), &json!(10_000));

    // Newest first.
    assert!(
        rows.windows(2)
            .all(|w| (w[0].at, w[0].id) > (w[1].at, w[1].id))
    );
}

/// Which business day (Asia/Shanghai) a row falls on.
fn day_of(r: &AuditRow) -> NaiveDate {
    clock::business_date(r.at, chrono_tz::Asia::Shanghai)
}

#[test]
fn each_filter_returns_exactly_the_rows_a_brute_force_filter_finds() {
    let mut d = day();
    let m = d.manager.clone();
    let db = &mut d.shop.db;
    let every = all(db, &m, AuditFilter::default());
    let staff: [Option<StaffId>; 3] = [None, Some(m.staff_id), Some(d.desk.staff_id)];
    let kinds = [
        None,
        Some("visit"),
        Some("stored_value"),
        Some("gift_item"),
        Some("voucher"),
        Some("handover"),
        Some("customer"),
    ];
    let customers = [None, Some(d.li), Some(d.wang)];
    let d23 = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let d24 = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let periods = [None, Some((d23, d23)), Some((d24, d24)), Some((d23, d24))];
    let mut non_empty = 0;
    for s in staff {
        for k in kinds {
            for c in customers {
                for p in periods {
                    let filter = AuditFilter {
                        staff_id: s,
                        kind: k.map(String::from),
                        action: None,
                        customer_id: c,
                        from: p.map(|(a, _)| a.to_string()),
                        to: p.map(|(_, b)| b.to_string()),
                    };
                    let got: Vec<i64> = all(db, &m, filter.clone()).iter().map(|r| r.id).collect();
                    let want: Vec<i64> = every
                        .iter()
                        .filter(|r| s.is_none() || r.staff.as_ref().map(|x| x.id) == s)
                        .filter(|r| k.is_none() || Some(r.entity.as_str()) == k)
                        .filter(|r| c.is_none() || r.customer.as_ref().map(|x| x.id) == c)
                        .filter(|r| p.is_none_or(|(a, b)| (a..=b).contains(&day_of(r))))
                        .map(|r| r.id)
                        .collect();
                    assert_eq!(got, want, "{filter:?}");
                    non_empty += usize::from(!got.is_empty());
                }
            }
        }
    }
    assert!(
        non_empty > 40,
        "the filters were tried on rows: {non_empty}"
    );

    // Her filter finds every row about her money, visits and card.
    let hers: Vec<Action> = every
        .iter()
        .filter(|r| r.customer.as_ref().map(|c| c.id) == Some(d.li))
        .map(|r| r.action)
        .collect();
    for a in [
        Action::CustomerCreate,
        Action::StoredValueTopUp,
        Action::VisitCheckIn,
        Action::VisitCheckout,
        Action::VisitVoid,
        Action::CustomerUpdate,
        Action::StoredValueRefund,
    ] {
        assert!(hers.contains(&a), "{a:?} in {hers:?}");
    }
    // The rows after midnight in Shanghai are on the 24th, though still the
    // 23rd in UTC.
    let on_24th: Vec<Action> = every
        .iter()
        .filter(|r| day_of(r) == d24)
        .map(|r| r.action)
        .collect();
    assert!(on_24th.contains(&Action::GiftAdjust) && on_24th.contains(&Action::StoredValueRefund));
    assert!(!on_24th.contains(&Action::VisitVoid));

    // One action exactly; a kind nobody records; a half period.
    let voids = all(
        db,
        &m,
        AuditFilter {
            action: Some(Action::VisitVoid),
            ..Default::default()
        },
    );
    assert_eq!(voids.len(), 1);
    for (filter, field) in [
        (
            AuditFilter {
                kind: Some("nonsense".into()),
                ..Default::default()
            },
            "kind",
        ),
        (
            AuditFilter {
                from: Some("2026-11-23".into()),
                ..Default::default()
            },
            "to",
        ),
        (
            AuditFilter {
                from: Some("2026-11-24".into()),
                to: Some("2026-11-23".into()),
                ..Default::default()
            },
            "to",
        ),
    ] {
        let got = audit_view::list_audit(
            db,
            &m,
            AuditQuery {
                filter,
                page: 1,
                page_size: 50,
            },
        );
        assert!(
            matches!(got, Err(Error::Invalid { field: f, .. }) if f == field),
            "{got:?}"
        );
    }
}

#[test]
fn the_trail_is_read_only_for_everyone_and_hidden_from_the_desk() {
    let mut d = day();
    let db = &mut d.shop.db;
    for sql in [
        "UPDATE audit_log SET after = NULL",
        "UPDATE audit_log SET customer_id = NULL",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE action = 'visit.void'",
    ] {
        let err = db.conn().execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let desk = d.desk.clone();
    let q = AuditQuery {
        filter: AuditFilter::default(),
        page: 1,
        page_size: 50,
    };
    assert!(matches!(
        audit_view::list_audit(db, &desk, q),
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        audit_view::export_audit(db, &desk, AuditFilter::default()),
        Err(Error::Forbidden(_))
    ));
}

#[test]
fn the_csv_holds_the_filtered_rows_readably_for_excel() {
    let mut d = day();
    let m = d.manager.clone();
    let db = &mut d.shop.db;
    let filter = AuditFilter {
        kind: Some("visit".into()),
        customer_id: Some(d.li),
        ..Default::default()
    };
    let rows = all(db, &m, filter.clone());
    let out = audit_view::export_audit(db, &m, filter).unwrap();
    assert_eq!(out.rows, rows.len());
    assert!(
        out.path.contains("审计日志-20261124-003000"),
        "{}",
        out.path
    );
    let bytes = std::fs::read(&out.path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines.len(),
        rows.len() + 2,
        "header, rows, and the last CRLF"
    );
    assert!(lines[0].starts_with("时间,工号,员工,操作"));
    let void = lines
        .iter()
        .find(|l| l.contains("作废结账"))
        .expect("the void");
    assert!(void.contains("2026-11-23 12:00:00"), "{void}");
    assert!(void.contains("应收 298.00"), "{void}");
    assert!(void.contains("储值余额 902.00"), "{void}");
    assert!(void.contains("储值余额 1200.00"), "{void}");
    assert!(void.contains("李美华"), "{void}");
    assert!(!text.contains(SECRET_ALLERGY));
}

#[test]
fn an_upgraded_file_names_the_customer_of_its_earlier_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frontdesk.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/schemas/v11.db"),
        &path,
    )
    .unwrap();
    let (db, _) = Db::open(
        &path,
        std::sync::Arc::new(frontdesk_core::clock::FixedClock::at(MORNING_MS)),
    )
    .unwrap();
    let c = db.conn();
    let mismatched: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log a
             WHERE (a.entity = 'visit' AND a.customer_id IS NOT
                    (SELECT customer_id FROM visits WHERE id = a.entity_id))
                OR (a.action IN ('stored_value.top_up', 'customer.update')
                    AND a.customer_id IS NOT a.entity_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mismatched, 0);
    let named: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE customer_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(named > 0, "the frozen file has rows about customers");
    let err = c
        .execute("DELETE FROM audit_log", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("append-only"), "the triggers are back: {err}");
}
