//! A gift counter for tests: two gift items in stock, a voucher type with a
//! received range, and a promotion running on the test clock's day
//! (2026-11-23) with two spend tiers.

use frontdesk_core::Db;
use frontdesk_core::gifts::setup::{
    self, PromotionTier, Reward, SaveGiftItem, SavePromotion, SaveVoucherType,
};
use frontdesk_core::gifts::{stock, vouchers};
use frontdesk_core::ids::{GiftItemId, PromotionId, PromotionTierId, VoucherTypeId};
use frontdesk_core::money::Fen;
use frontdesk_core::staff::Session;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GiftCounter {
    /// 玫瑰护手霜, 50 on the shelf: the ¥500 tier's gift.
    pub cream: GiftItemId,
    /// 丝巾, 10 on the shelf: the ¥300 tier's gift.
    pub scarf: GiftItemId,
    /// 50 元代金券: serials A000101–A000200 in the drawer, valid 30 days
    /// from issue, for bills of ¥200 or more. The ¥500 tier gives one.
    pub voucher_type: VoucherTypeId,
    pub promotion: PromotionId,
    pub tier_300: PromotionTierId,
    pub tier_500: PromotionTierId,
}

pub fn item(name: &str, unit: &str, cost: i64) -> SaveGiftItem {
    SaveGiftItem {
        id: GiftItemId(0),
        name: name.into(),
        unit: unit.into(),
        unit_cost: Fen(cost),
        active: true,
    }
}

pub fn voucher_type(name: &str, prefix: &str, face: i64, min_spend: i64) -> SaveVoucherType {
    SaveVoucherType {
        id: VoucherTypeId(0),
        name: name.into(),
        face_value: Fen(face),
        valid_from: None,
        valid_to: None,
        valid_days: Some(30),
        min_spend: Fen(min_spend),
        services: vec![],
        products: vec![],
        serial_prefix: prefix.into(),
        serial_digits: 6,
        active: true,
    }
}

/// Set up the counter as `manager`.
pub fn counter(db: &mut Db, manager: &Session) -> GiftCounter {
    let cream = setup::save_gift_item(db, manager, item("玫瑰护手霜", "支", 1_800))
        .expect("cream")
        .id;
    let scarf = setup::save_gift_item(db, manager, item("真丝丝巾", "条", 3_500))
        .expect("scarf")
        .id;
    for (i, qty, slip) in [(cream, 50, "CK-1001"), (scarf, 10, "CK-1002")] {
        stock::receive_gifts(
            db,
            manager,
            stock::ReceiveGiftsRequest {
                item_id: i,
                quantity: qty,
                slip_no: slip.into(),
            },
        )
        .expect("receive");
    }
    let vt = setup::save_voucher_type(db, manager, voucher_type("50元代金券", "A", 5_000, 20_000))
        .expect("voucher type")
        .id;
    vouchers::receive_vouchers(
        db,
        manager,
        vouchers::ReceiveVouchersRequest {
            voucher_type_id: vt,
            first_serial: "A000101".into(),
            last_serial: "A000200".into(),
            slip_no: "CK-1003".into(),
            missing: vec![],
        },
    )
    .expect("vouchers");
    let promotion = setup::save_promotion(
        db,
        manager,
        SavePromotion {
            promotion: setup::Promotion {
                id: PromotionId(0),
                name: "双十二感恩回馈".into(),
                starts_on: "2026-11-01".into(),
                ends_on: "2026-12-31".into(),
                active: true,
                tiers: vec![
                    PromotionTier {
                        id: PromotionTierId(0),
                        threshold: Fen(30_000),
                        rewards: vec![Reward {
                            item_id: Some(scarf),
                            voucher_type_id: None,
                            quantity: 1,
                        }],
                    },
                    PromotionTier {
                        id: PromotionTierId(0),
                        threshold: Fen(50_000),
                        rewards: vec![
                            Reward {
                                item_id: Some(cream),
                                voucher_type_id: None,
                                quantity: 1,
                            },
                            Reward {
                                item_id: None,
                                voucher_type_id: Some(vt),
                                quantity: 1,
                            },
                        ],
                    },
                ],
            },
        },
    )
    .expect("promotion");
    GiftCounter {
        cream,
        scarf,
        voucher_type: vt,
        promotion: promotion.id,
        tier_300: promotion.tiers[0].id,
        tier_500: promotion.tiers[1].id,
    }
}

/// A product the shop does not count (no stock to run out), at `price` fen:
/// to make a bill reach a spend tier as often as a test needs.
pub fn uncounted_product(
    db: &mut Db,
    manager: &Session,
    name: &str,
    price: i64,
) -> frontdesk_core::ids::ProductId {
    frontdesk_core::catalog::save_product(
        db,
        manager,
        frontdesk_core::catalog::SaveProduct {
            product: frontdesk_core::catalog::Product {
                id: frontdesk_core::ids::ProductId(0),
                name: name.into(),
                price: Fen(price),
                stock: None,
                active: true,
            },
        },
    )
    .expect("product")
    .id
}

/// Where a racer of [`race_for_voucher`] says it is ready: beside the go file.
pub fn ready_marker(
    go: &std::path::Path,
    visit: frontdesk_core::ids::VisitId,
) -> std::path::PathBuf {
    go.with_file_name(format!("ready-{}", visit.0))
}

/// One desk's try in the voucher races (tests/gift_race.rs, and the
/// `giftrace` binary for the racers in other processes): open the data dir
/// on its own connection, on a clock standing at `clock_ms`; price `visit`
/// paying with `serial` and the rest by card; say it is ready
/// ([`ready_marker`]); wait for `go` to appear, polling every millisecond;
/// check out; and tell how it went: `OK`, `ALREADY <visit id of the standing
/// redemption>` (refused as redeemed, on the field `vouchers`) or
/// `ERR <debug>`.
pub fn race_for_voucher(
    dir: &std::path::Path,
    staff: frontdesk_core::ids::StaffId,
    visit: frontdesk_core::ids::VisitId,
    serial: &str,
    go: &std::path::Path,
    clock_ms: i64,
) -> String {
    use frontdesk_core::Error;
    use frontdesk_core::money::PayMethod;
    use frontdesk_core::staff::{Language, Role};
    use frontdesk_core::visits::{self, CheckoutRequest, Payment, QuoteRequest};
    let clock = std::sync::Arc::new(frontdesk_core::clock::FixedClock::at(clock_ms));
    let (mut db, _) = Db::open_in_dir(dir, clock).expect("open the data dir");
    let desk = Session::new(staff, "2001", "张敏", Role::Receptionist, Language::ZhCn);
    let quote = visits::quote(
        &mut db,
        &desk,
        QuoteRequest {
            visit_id: visit,
            products: vec![],
            package_uses: vec![],
            vouchers: vec![serial.to_string()],
        },
    );
    let due = match quote {
        Ok(q) => q.due,
        Err(e) => return format!("ERR quote: {e:?}"),
    };
    std::fs::write(ready_marker(go, visit), b"").expect("ready marker");
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let r = visits::checkout(
        &mut db,
        &desk,
        CheckoutRequest {
            visit_id: visit,
            products: vec![],
            payments: vec![Payment {
                method: PayMethod::Card,
                amount: due,
            }],
            tendered: Fen(0),
            belongings_checked: true,
            stored_value: Fen(0),
            package_uses: vec![],
            vouchers: vec![serial.to_string()],
            gifts: None,
        },
    );
    match r {
        Ok(_) => "OK".to_string(),
        Err(Error::AlreadyRedeemed {
            field: "vouchers",
            prior,
        }) => format!("ALREADY {}", prior.visit_id.0),
        Err(e) => format!("ERR {e:?}"),
    }
}
