//! The desk's timed calls that write: checkouts with and without gifts, and
//! shift handovers. Each is the core function the app's command calls, with
//! its permission check and its commit (fsync'd: `synchronous=FULL`).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use frontdesk_core::Db;
use frontdesk_core::customers::CustomerId;
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, HandoverKind,
};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::ids::{
    GiftItemId, ProductId, PromotionTierId, ServiceId, StaffId, VisitId, VoucherTypeId,
};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, Session};
use frontdesk_core::visits::{
    self, AdvanceRequest, CheckInRequest, CheckoutRequest, ConsultRequest, Payment, ProductSale,
    QuoteRequest, Stage,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rusqlite::params;

use super::catalogue::{
    ITEMS, MEMBER_PROMOTION, PRODUCT, SERVICE, TIMED_ITEM, TIMED_TIER, TYPE_A, TYPES,
};
use super::{one, ymd};

/// Timed checkouts of each kind.
pub(super) const CHECKOUTS: usize = 500;
/// Timed shift handovers, then daily closes.
pub(super) const SHIFTS: usize = 200;
pub(super) const CLOSES: usize = 20;

#[derive(Default)]
pub(super) struct CheckoutTimes {
    pub(super) quote_plain: Vec<Duration>,
    pub(super) quote_voucher: Vec<Duration>,
    pub(super) plain: Vec<Duration>,
    pub(super) gift: Vec<Duration>,
}

/// `CHECKOUTS` pairs of checkouts of the same bill, the service (¥298) and
/// the product (¥600), paid by card: one with no voucher and no gift, then
/// one for a customer who pays ¥50 of it with her 50元 voucher and takes
/// the ¥800 member tier's gift (1 精华小样) and voucher (the next serial in
/// the drawer, as the quote names it). The difference is what gifts and
/// vouchers cost a checkout. Both are quoted first, as the desk does.
pub(super) fn checkouts(db: &mut Db, desk: &Session, today: NaiveDate, seed: u64) -> CheckoutTimes {
    let service: ServiceId = one(db, "SELECT id FROM services WHERE name = ?1", &[&SERVICE]);
    let product: ProductId = one(db, "SELECT id FROM products WHERE name = ?1", &[&PRODUCT]);
    let stylist: StaffId = one(db, "SELECT id FROM staff WHERE staff_no = '3001'", &[]);
    let item: GiftItemId = one(
        db,
        "SELECT id FROM gift_items WHERE name = ?1",
        &[&ITEMS[TIMED_ITEM].0],
    );
    let type_a: VoucherTypeId = one(
        db,
        "SELECT id FROM voucher_types WHERE serial_prefix = ?1",
        &[&TYPES[TYPE_A].1],
    );
    let tier: PromotionTierId = one(
        db,
        "SELECT t.id FROM promotion_tiers t JOIN promotions p ON p.id = t.promotion_id
         WHERE p.name = ?1 AND t.threshold_fen = ?2 AND t.active = 1",
        &[&MEMBER_PROMOTION, &TIMED_TIER],
    );
    let mut rng = StdRng::seed_from_u64(seed ^ 0x51f7);
    // Holders of a 50元 voucher still good today: one voucher each, a random
    // CHECKOUTS of them.
    let mut holders: Vec<(String, CustomerId)> = {
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT min(serial), customer_id FROM vouchers
                 WHERE voucher_type_id = ?1 AND state = 'issued' AND expires_on >= ?2
                 GROUP BY customer_id ORDER BY customer_id",
            )
            .unwrap();
        stmt.query_map(params![type_a, ymd(today)], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert!(
        holders.len() >= CHECKOUTS,
        "only {} holders of a usable voucher",
        holders.len()
    );
    holders.shuffle(&mut rng);
    holders.truncate(CHECKOUTS);
    let customers: i64 = one(db, "SELECT count(*) FROM customers", &[]);
    let mut taken: HashSet<CustomerId> = holders.iter().map(|h| h.1).collect();
    let mut plain_customers = Vec::new();
    while plain_customers.len() < CHECKOUTS {
        let c = CustomerId(rng.random_range(1..=customers));
        if taken.insert(c) {
            plain_customers.push(c);
        }
    }
    let products = vec![ProductSale {
        product_id: product,
        qty: 1,
    }];
    let quote = |db: &mut Db, v: VisitId, vouchers: Vec<String>| {
        visits::quote(
            db,
            desk,
            QuoteRequest {
                visit_id: v,
                products: products.clone(),
                package_uses: vec![],
                vouchers,
            },
        )
        .unwrap()
    };
    let checkout =
        |v: VisitId, due: Fen, vouchers: Vec<String>, gifts: Option<GiftIssue>| CheckoutRequest {
            visit_id: v,
            products: products.clone(),
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: due,
            }],
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers,
            gifts,
        };
    let mut times = CheckoutTimes::default();
    for i in 0..CHECKOUTS {
        // Without gifts.
        let v = open_visit(db, desk, plain_customers[i], service, stylist);
        let t = Instant::now();
        let q = quote(db, v, vec![]);
        times.quote_plain.push(t.elapsed());
        if i == 0 {
            let offers: Vec<String> = q
                .offers
                .iter()
                .map(|o| format!("{} ≥ {}", o.promotion, o.threshold))
                .collect();
            eprintln!("offers on the timed bill: {}", offers.join("; "));
        }
        let req = checkout(v, q.due, vec![], None);
        let t = Instant::now();
        visits::checkout(db, desk, req).unwrap();
        times.plain.push(t.elapsed());

        // The same bill with her voucher, the tier's gift and voucher.
        let (serial, holder) = &holders[i];
        let v = open_visit(db, desk, *holder, service, stylist);
        let t = Instant::now();
        let q = quote(db, v, vec![serial.clone()]);
        times.quote_voucher.push(t.elapsed());
        let next = q
            .offers
            .iter()
            .find(|o| o.tier_id == tier)
            .and_then(|o| o.rewards.iter().find(|r| r.voucher_type_id == Some(type_a)))
            .and_then(|r| r.next_serials.first().cloned())
            .expect("the ¥800 tier reached, with a voucher in the drawer");
        let gifts = GiftIssue {
            tiers: vec![TierIssue {
                tier_id: tier,
                items: vec![ItemQty {
                    item_id: item,
                    quantity: 1,
                }],
                vouchers: vec![next],
            }],
            receipts: 2,
            seconds: 45,
        };
        let req = checkout(v, q.due, vec![serial.clone()], Some(gifts));
        let t = Instant::now();
        visits::checkout(db, desk, req).unwrap();
        times.gift.push(t.elapsed());
    }
    times
}

/// A visit at consultation with the service, for `customer`.
fn open_visit(
    db: &mut Db,
    desk: &Session,
    customer: CustomerId,
    service: ServiceId,
    stylist: StaffId,
) -> VisitId {
    let v = visits::check_in(
        db,
        desk,
        CheckInRequest {
            customer_id: Some(customer),
            walk_in_label: String::new(),
            appointment_id: None,
        },
    )
    .unwrap()
    .id;
    visits::advance(
        db,
        desk,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Consult,
        },
    )
    .unwrap();
    visits::save_consult(
        db,
        desk,
        ConsultRequest {
            visit_id: v,
            needs: "补水".into(),
            measurements: vec![],
            services: vec![service],
            stylist_id: Some(stylist),
            care_plan: String::new(),
            care_interval_days: None,
        },
    )
    .unwrap();
    v
}

#[derive(Default)]
pub(super) struct HandoverTimes {
    /// Lines on the sheet.
    pub(super) lines: usize,
    pub(super) sheet: Vec<Duration>,
    pub(super) count: Vec<Duration>,
    /// The incoming receptionist's PIN checked alone (`staff::colleague`).
    pub(super) pin: Vec<Duration>,
    pub(super) confirm: Vec<Duration>,
    pub(super) close: Vec<Duration>,
}

/// `SHIFTS` shift handovers between the two receptionists, then `CLOSES`
/// daily closes: the outgoing one opens the blind sheet, counts every line
/// (her counts match the book) and the incoming one confirms with her PIN.
/// Her PIN is also checked alone just before each confirm, to show how much
/// of the confirm is argon2.
pub(super) fn handovers(db: &mut Db, desks: &[Session; 2]) -> HandoverTimes {
    let mut times = HandoverTimes::default();
    for i in 0..SHIFTS + CLOSES {
        let close = i >= SHIFTS;
        let out = &desks[i % 2];
        let incoming = if i % 2 == 0 { "2002" } else { "2001" };
        let t = Instant::now();
        let sheet = handover::handover_sheet(db, out).unwrap();
        times.sheet.push(t.elapsed());
        times.lines = sheet.lines.len();
        let counts: Vec<Count> = sheet
            .lines
            .iter()
            .map(|l| Count {
                item_id: l.item_id,
                batch_id: l.batch_id,
                counted: match (l.item_id, l.batch_id) {
                    (Some(i), _) => one(db, "SELECT qty FROM gift_stock WHERE item_id = ?1", &[&i]),
                    (_, Some(b)) => one(
                        db,
                        "SELECT count(*) FROM vouchers WHERE batch_id = ?1 AND state = 'in_stock'",
                        &[&b],
                    ),
                    _ => 0,
                },
            })
            .collect();
        let kind = if close {
            HandoverKind::Close
        } else {
            HandoverKind::Shift
        };
        let t = Instant::now();
        let h = handover::count_handover(db, out, CountHandoverRequest { kind, counts }).unwrap();
        times.count.push(t.elapsed());
        assert!(h.lines.iter().all(|l| l.variance == 0));
        let t = Instant::now();
        staff::colleague(db, "incoming_staff_no", "incoming_pin", incoming, incoming).unwrap();
        times.pin.push(t.elapsed());
        let t = Instant::now();
        handover::confirm_handover(
            db,
            out,
            ConfirmHandoverRequest {
                handover_id: h.id,
                incoming_staff_no: incoming.into(),
                incoming_pin: incoming.into(),
                notes: String::new(),
                matters: vec![],
            },
        )
        .unwrap();
        let took = t.elapsed();
        if close {
            times.close.push(took);
        } else {
            times.confirm.push(took);
        }
    }
    times
}
