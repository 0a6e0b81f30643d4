//! The shop's gift catalogue, set up through the core's own commands (so
//! with their permission checks and validation) before the year begins:
//! three receptionists, five stylists, two services and a product, 20 gift
//! items, 4 voucher types and 9 promotions.
//!
//! Why this shape: a salon runs one all-year member promotion (满赠, three
//! spend tiers) and a seasonal one at a time (eight of ~46 days, two tiers
//! each), so at any time two promotions run and a checkout reaching both
//! gives from each. Seasonal items are returned and retired when their
//! season ends; one voucher type (D) was valid between two dates and has
//! ended, so the reconciliation has expired, unissued serials to show.

use chrono::NaiveDate;
use frontdesk_core::Db;
use frontdesk_core::catalog::{self, Product, SaveProduct, SaveService, Service};
use frontdesk_core::gifts::setup::{
    self, Promotion, PromotionTier, Reward, SaveGiftItem, SavePromotion, SaveVoucherType,
};
use frontdesk_core::ids::{
    GiftItemId, ProductId, PromotionId, PromotionTierId, ServiceId, StaffId, VoucherTypeId,
};
use frontdesk_core::money::Fen;
use frontdesk_core::staff::{self, AddStaffRequest, Role, Session};

use super::{DAYS, add_days, ymd};

/// The gift items: name, unit, unit cost (fen). 15–19 are seasonal: each is
/// returned to the warehouse and retired after its promotion.
pub(super) const ITEMS: [(&str, &str, i64); 20] = [
    ("玫瑰护手霜", "支", 1800),
    ("补水面膜", "片", 600),
    ("精华小样", "支", 900),
    ("化妆棉", "盒", 500),
    ("真丝丝巾", "条", 3500),
    ("保温杯", "个", 2500),
    ("香薰蜡烛", "个", 2200),
    ("蒸汽眼罩", "片", 400),
    ("发圈礼盒", "盒", 1200),
    ("浴巾", "条", 3000),
    ("洁面巾", "包", 800),
    ("身体乳小样", "支", 700),
    ("润唇膏", "支", 1000),
    ("帆布袋", "个", 1500),
    ("马克杯", "个", 1600),
    ("防晒小样", "支", 800),
    ("端午香囊", "个", 900),
    ("中秋礼盒", "盒", 4500),
    ("新春红包", "个", 200),
    ("七夕玫瑰", "支", 1000),
];
pub(super) const FIRST_SEASONAL_ITEM: usize = 15;

/// Voucher types: name, prefix, face value, minimum spend (fen).
/// A, B, C are valid for days from issue; C pays only the eye treatment;
/// D was valid between two dates (around the 中秋 promotion) and has ended.
pub(super) const TYPE_A: usize = 0;
pub(super) const TYPES: [(&str, &str, i64, i64); 4] = [
    ("50元代金券", "A", 5_000, 20_000),
    ("100元代金券", "B", 10_000, 50_000),
    ("眼部护理体验券", "C", 19_800, 0),
    ("中秋专享券", "D", 8_000, 30_000),
];
pub(super) const VALID_DAYS: [Option<i64>; 4] = [Some(30), Some(60), Some(90), None];

/// The all-year promotion and its tiers: threshold (fen), items (index,
/// quantity), voucher type.
pub(super) const MEMBER_PROMOTION: &str = "会员满赠";
type TierDef = (i64, &'static [(usize, i64)], Option<usize>);
pub(super) const MEMBER_TIERS: [TierDef; 3] = [
    (30_000, &[(0, 1), (1, 2)], None),
    (80_000, &[(2, 1)], Some(TYPE_A)),
    (150_000, &[(4, 1), (2, 2)], Some(1)),
];
/// The threshold of the tier the timed checkouts issue (one item, one voucher).
pub(super) const TIMED_TIER: i64 = 80_000;
pub(super) const TIMED_ITEM: usize = 2;

/// Seasonal promotions, one after the other, ~46 days each: name, the
/// ¥400 tier's item, the ¥1000 tier's two items, its voucher type.
pub(super) const SEASONS: [(&str, usize, usize, usize, Option<usize>); 8] = [
    ("冬季暖心礼", 5, 6, 3, Some(2)),
    ("新春焕新季", 18, 8, 12, None),
    ("女神节献礼", 12, 7, 11, Some(2)),
    ("春日焕颜季", 10, 9, 13, None),
    ("夏日清爽季", 15, 16, 14, Some(2)),
    ("七夕甜蜜礼", 19, 4, 6, None),
    ("中秋感恩季", 17, 5, 7, Some(3)),
    ("双十二感恩回馈", 3, 8, 11, Some(2)),
];
pub(super) const SEASON_DAYS: usize = 46;

pub(super) const SERVICE: &str = "基准补水护理";
pub(super) const EYE_SERVICE: &str = "基准眼部护理";
pub(super) const PRODUCT: &str = "基准精华礼盒";
/// The timed bill: the service (¥298) and the product (¥600).
pub(super) const PRODUCT_PRICE: i64 = 60_000;

pub(super) struct Catalogue {
    pub(super) manager: StaffId,
    pub(super) desks: [StaffId; 3],
    pub(super) stylists: Vec<StaffId>,
    pub(super) items: Vec<GiftItemId>,
    pub(super) types: Vec<VoucherTypeId>,
    /// Per promotion: first and last day (indexes into the year) and its
    /// tiers, highest threshold first: (tier id, threshold, items, voucher type).
    pub(super) promotions: Vec<PromoSim>,
}

#[derive(Clone)]
pub(super) struct TierSim {
    pub(super) id: i64,
    pub(super) threshold: i64,
    pub(super) items: Vec<(usize, i64)>,
    pub(super) voucher: Option<usize>,
}

#[derive(Clone)]
pub(super) struct PromoSim {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) tiers: Vec<TierSim>,
}

fn add_staff(db: &mut Db, manager: &Session, no: &str, name: &str, role: Role) -> StaffId {
    staff::add_staff(
        db,
        manager,
        AddStaffRequest {
            staff_no: no.into(),
            name: name.into(),
            role,
            pin: no.into(),
        },
    )
    .unwrap()
    .id
}

/// Season `k`'s first and last day (indexes from the first day of the year;
/// the last season runs on past the bench day).
pub(super) fn season_days(k: usize) -> (usize, usize) {
    let start = k * SEASON_DAYS;
    let end = if k + 1 == SEASONS.len() {
        DAYS + 20
    } else {
        start + SEASON_DAYS - 1
    };
    (start, end)
}

pub(super) fn catalogue(db: &mut Db, manager: &Session, first: NaiveDate) -> Catalogue {
    let desks = [
        add_staff(db, manager, "2001", "张敏", Role::Receptionist),
        add_staff(db, manager, "2002", "刘晓燕", Role::Receptionist),
        add_staff(db, manager, "2003", "陈佳怡", Role::Receptionist),
    ];
    let stylists = (1..=5)
        .map(|i| {
            add_staff(
                db,
                manager,
                &format!("300{i}"),
                &format!("美容师{i}"),
                Role::Stylist,
            )
        })
        .collect();
    let service = |name: &str, price: i64| Service {
        id: ServiceId(0),
        name: name.into(),
        category: "面部护理".into(),
        price: Fen(price),
        duration_minutes: 60,
        performed_by: vec![Role::Stylist],
        active: true,
    };
    catalog::save_service(
        db,
        manager,
        SaveService {
            service: service(SERVICE, 29_800),
        },
    )
    .unwrap();
    let eye = catalog::save_service(
        db,
        manager,
        SaveService {
            service: service(EYE_SERVICE, 19_800),
        },
    )
    .unwrap()
    .id;
    catalog::save_product(
        db,
        manager,
        SaveProduct {
            product: Product {
                id: ProductId(0),
                name: PRODUCT.into(),
                price: Fen(PRODUCT_PRICE),
                stock: None,
                active: true,
            },
        },
    )
    .unwrap();
    let items: Vec<GiftItemId> = ITEMS
        .iter()
        .map(|(name, unit, cost)| {
            setup::save_gift_item(
                db,
                manager,
                SaveGiftItem {
                    id: GiftItemId(0),
                    name: (*name).into(),
                    unit: (*unit).into(),
                    unit_cost: Fen(*cost),
                    active: true,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    // D: valid from the 中秋 season's first day to 30 days after its last.
    let (d_start, d_end) = season_days(6);
    let types: Vec<VoucherTypeId> = TYPES
        .iter()
        .enumerate()
        .map(|(i, (name, prefix, face, min_spend))| {
            let dated = VALID_DAYS[i].is_none();
            setup::save_voucher_type(
                db,
                manager,
                SaveVoucherType {
                    id: VoucherTypeId(0),
                    name: (*name).into(),
                    face_value: Fen(*face),
                    valid_from: dated.then(|| ymd(add_days(first, d_start as i64))),
                    valid_to: dated.then(|| ymd(add_days(first, d_end as i64 + 30))),
                    valid_days: VALID_DAYS[i],
                    min_spend: Fen(*min_spend),
                    services: if i == 2 { vec![eye] } else { vec![] },
                    products: vec![],
                    serial_prefix: (*prefix).into(),
                    serial_digits: 6,
                    active: true,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let mut promotions = Vec::new();
    let mut save = |db: &mut Db, name: &str, start: usize, end: usize, tiers: Vec<TierDefOwned>| {
        let saved = setup::save_promotion(
            db,
            manager,
            SavePromotion {
                promotion: Promotion {
                    id: PromotionId(0),
                    name: name.into(),
                    starts_on: ymd(add_days(first, start as i64)),
                    ends_on: ymd(add_days(first, end as i64)),
                    active: true,
                    tiers: tiers
                        .iter()
                        .map(|(threshold, its, voucher)| PromotionTier {
                            id: PromotionTierId(0),
                            threshold: Fen(*threshold),
                            rewards: its
                                .iter()
                                .map(|(i, q)| Reward {
                                    item_id: Some(items[*i]),
                                    voucher_type_id: None,
                                    quantity: *q,
                                })
                                .chain(voucher.iter().map(|v| Reward {
                                    item_id: None,
                                    voucher_type_id: Some(types[*v]),
                                    quantity: 1,
                                }))
                                .collect(),
                        })
                        .collect(),
                },
            },
        )
        .unwrap();
        let mut sim: Vec<TierSim> = saved
            .tiers
            .iter()
            .map(|t| {
                let (_, its, voucher) = tiers
                    .iter()
                    .find(|(th, _, _)| *th == t.threshold.0)
                    .unwrap();
                TierSim {
                    id: t.id.0,
                    threshold: t.threshold.0,
                    items: its.clone(),
                    voucher: *voucher,
                }
            })
            .collect();
        sim.sort_by_key(|t| std::cmp::Reverse(t.threshold));
        promotions.push(PromoSim {
            start,
            end,
            tiers: sim,
        });
    };
    save(
        db,
        MEMBER_PROMOTION,
        0,
        DAYS + 30,
        MEMBER_TIERS
            .iter()
            .map(|(t, its, v)| (*t, its.to_vec(), *v))
            .collect(),
    );
    for (k, (name, a, b, c, voucher)) in SEASONS.iter().enumerate() {
        let (start, end) = season_days(k);
        save(
            db,
            name,
            start,
            end,
            vec![
                (40_000, vec![(*a, 1)], None),
                (100_000, vec![(*b, 1), (*c, 1)], *voucher),
            ],
        );
    }
    Catalogue {
        manager: manager.staff_id,
        desks,
        stylists,
        items,
        types,
        promotions,
    }
}

type TierDefOwned = (i64, Vec<(usize, i64)>, Option<usize>);
