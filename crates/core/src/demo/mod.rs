//! A small demo shop (`--demo`): staff of every role and a few customers, made
//! through the same commands the app uses, so the demo obeys every rule.

mod history;

pub use history::HISTORY_DAYS;

use crate::customers::{
    self, CreateCustomerRequest, CustomerClass, CustomerFields, Gender, Source,
};
use crate::error::Result;
use crate::shop::{self, SetupRequest};
use crate::staff::{self, AddStaffRequest, Role, Session};
use crate::storage::Db;

/// Staff numbers and PINs of the demo shop (also in README.md).
pub const DEMO_STAFF: &[(&str, &str, Role, &str)] = &[
    ("1001", "王店长", Role::Manager, "1234"),
    ("2001", "张敏", Role::Receptionist, "2001"),
    ("2002", "刘晓燕", Role::Receptionist, "2002"),
    ("3003", "陈静", Role::Stylist, "3003"),
    ("3005", "赵雪", Role::Stylist, "3005"),
];

/// name, phone, gender, birthday, card number, allergies, skin type, class.
type DemoCustomer = (
    &'static str,
    &'static str,
    Gender,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<CustomerClass>,
);
const DEMO_CUSTOMERS: &[DemoCustomer] = &[
    (
        "李美华",
        "13812345678",
        Gender::Female,
        "1986-04-12",
        "VIP0012",
        "果酸过敏",
        "混合性",
        Some(CustomerClass::A),
    ),
    (
        "王芳",
        "13900001234",
        Gender::Female,
        "1992-09-03",
        "",
        "",
        "干性",
        Some(CustomerClass::B),
    ),
    (
        "张丽娟",
        "13611112222",
        Gender::Female,
        "1979-12-25",
        "0016",
        "",
        "油性",
        Some(CustomerClass::A),
    ),
    (
        "曾小红",
        "15888886666",
        Gender::Female,
        "1995-06-18",
        "",
        "酒精过敏",
        "敏感性",
        Some(CustomerClass::B),
    ),
    (
        "欧阳娜娜",
        "18612349876",
        Gender::Female,
        "1990-02-14",
        "0021",
        "",
        "中性",
        None,
    ),
    (
        "陈晓",
        "13587654321",
        Gender::Unknown,
        "",
        "",
        "",
        "",
        Some(CustomerClass::C),
    ),
    (
        "单雪梅",
        "17700005678",
        Gender::Female,
        "1983-11-30",
        "",
        "",
        "干性",
        None,
    ),
    (
        "刘洋",
        "13312345678",
        Gender::Male,
        "1988-08-08",
        "",
        "",
        "油性",
        Some(CustomerClass::C),
    ),
];

/// Seed the demo shop into an empty database. Does nothing (and returns
/// `Ok(false)`) if the shop is already set up.
pub fn seed(db: &mut Db) -> Result<bool> {
    if shop::setup_status(db)?.set_up {
        return Ok(false);
    }
    let (no, name, _, pin) = DEMO_STAFF[0];
    let manager: Session = shop::setup_shop(
        db,
        SetupRequest {
            shop_name: "丽人坊美容美发".into(),
            staff_no: no.into(),
            name: name.into(),
            pin: pin.into(),
            pin_confirm: pin.into(),
        },
    )?;
    for (no, name, role, pin) in &DEMO_STAFF[1..] {
        staff::add_staff(
            db,
            &manager,
            AddStaffRequest {
                staff_no: (*no).into(),
                name: (*name).into(),
                role: *role,
                pin: (*pin).into(),
            },
        )?;
    }
    shop::update_shop(
        db,
        &manager,
        shop::UpdateShopRequest {
            name: "丽人坊美容美发".into(),
            address: "上海市徐汇区漕溪北路 88 号".into(),
            phone: "021-6488 1234".into(),
            idle_lock_minutes: 10,
            greeting_style: customers::GreetingStyle::Familiar,
            time_zone: "Asia/Shanghai".into(),
        },
    )?;
    seed_catalog(db, &manager)?;
    for (name, phone, gender, birthday, card_no, allergies, skin, class) in DEMO_CUSTOMERS {
        customers::create_customer(
            db,
            &manager,
            CreateCustomerRequest {
                card: CustomerFields {
                    name: (*name).into(),
                    phone: (*phone).into(),
                    gender: *gender,
                    birthday: (!birthday.is_empty()).then(|| (*birthday).to_string()),
                    card_no: (*card_no).into(),
                    allergies: (*allergies).into(),
                    skin_type: (*skin).into(),
                    class: *class,
                    source: if *class == Some(CustomerClass::A) {
                        Source::Referral
                    } else {
                        Source::WalkIn
                    },
                    ..Default::default()
                },
                confirm_duplicate: false,
            },
        )?;
    }
    seed_membership(db, &manager)?;
    seed_gifts(db, &manager)?;
    Ok(true)
}

/// The demo shop with ten weeks of past visits ([`history`]): `seed`, then
/// the history when the shop was new. Answers whether it seeded.
pub fn seed_with_history(db: &mut Db) -> Result<bool> {
    if !seed(db)? {
        return Ok(false);
    }
    // The desk runs the visits: 张敏 greets, checks out, books.
    let (no, _, _, pin) = DEMO_STAFF[1];
    let desk = staff::sign_in(
        db,
        staff::SignInRequest {
            staff_no: no.into(),
            pin: pin.into(),
        },
    )?;
    history::seed_history(db, &desk)?;
    Ok(true)
}

/// The gift counter: three gift items on the shelf, a voucher range in the
/// drawer, a promotion running for the next two months with three spend
/// tiers, and birthday gifts for the gold and diamond tiers.
fn seed_gifts(db: &mut Db, manager: &Session) -> Result<()> {
    use crate::gifts::setup::{
        self, BirthdayGift, Promotion, PromotionTier, Reward, SaveBirthdayGifts, SaveGiftItem,
        SavePromotion, SaveVoucherType,
    };
    use crate::gifts::{stock, vouchers};
    use crate::ids::{GiftItemId, PromotionId, PromotionTierId, VoucherTypeId};
    use crate::money::Fen;
    let mut items = Vec::new();
    for (name, unit, cost, qty, slip) in [
        ("旅行装护肤套装", "套", 2_500, 30, "CK20261101"),
        ("玫瑰护手霜", "支", 1_800, 50, "CK20261102"),
        ("真丝丝巾", "条", 6_800, 20, "CK20261103"),
    ] {
        let item = setup::save_gift_item(
            db,
            manager,
            SaveGiftItem {
                id: GiftItemId(0),
                name: name.into(),
                unit: unit.into(),
                unit_cost: Fen(cost),
                active: true,
            },
        )?;
        stock::receive_gifts(
            db,
            manager,
            stock::ReceiveGiftsRequest {
                item_id: item.id,
                quantity: qty,
                slip_no: slip.into(),
            },
        )?;
        items.push(item.id);
    }
    let voucher = setup::save_voucher_type(
        db,
        manager,
        SaveVoucherType {
            id: VoucherTypeId(0),
            name: "50元代金券".into(),
            face_value: Fen(5_000),
            valid_from: None,
            valid_to: None,
            valid_days: Some(30),
            min_spend: Fen(20_000),
            services: vec![],
            products: vec![],
            serial_prefix: "A".into(),
            serial_digits: 6,
            active: true,
        },
    )?
    .id;
    vouchers::receive_vouchers(
        db,
        manager,
        vouchers::ReceiveVouchersRequest {
            voucher_type_id: voucher,
            first_serial: "A000101".into(),
            last_serial: "A000300".into(),
            slip_no: "CK20261104".into(),
            missing: vec![],
        },
    )?;
    let today = db.read(crate::shop::today)?;
    let item = |i: usize, quantity| Reward {
        item_id: Some(items[i]),
        voucher_type_id: None,
        quantity,
    };
    let vouchers_of = |quantity| Reward {
        item_id: None,
        voucher_type_id: Some(voucher),
        quantity,
    };
    let tier = |yuan, rewards| PromotionTier {
        id: PromotionTierId(0),
        threshold: Fen::yuan(yuan),
        rewards,
    };
    setup::save_promotion(
        db,
        manager,
        SavePromotion {
            promotion: Promotion {
                id: PromotionId(0),
                name: "店庆感恩回馈".into(),
                starts_on: today.format("%Y-%m-%d").to_string(),
                ends_on: (today + chrono::Days::new(60))
                    .format("%Y-%m-%d")
                    .to_string(),
                active: true,
                tiers: vec![
                    tier(300, vec![item(0, 1)]),
                    tier(500, vec![item(1, 1), vouchers_of(1)]),
                    tier(1000, vec![item(2, 1), vouchers_of(2)]),
                ],
            },
        },
    )?;
    let tiers = crate::membership::list_tiers(db, manager)?;
    let gifts = tiers
        .iter()
        .filter_map(|t| match t.name.as_str() {
            "金卡" => Some((t.id, items[1])),
            "钻石卡" => Some((t.id, items[2])),
            _ => None,
        })
        .map(|(membership_tier_id, item_id)| BirthdayGift {
            membership_tier_id,
            item_id,
            quantity: 1,
        })
        .collect();
    setup::save_birthday_gifts(db, manager, SaveBirthdayGifts { gifts })?;
    Ok(())
}

/// The usual salon tiers, and 李美华 as SPEC's gold member: ¥1,860 on her
/// stored-value card and 6 facials left on her package.
fn seed_membership(db: &mut Db, manager: &Session) -> Result<()> {
    use crate::membership::{
        self, PackagePayment, SaveTier, SellPackageRequest, Tier, TopUpRequest,
    };
    use crate::money::Fen;
    use crate::money::PayMethod;
    // (name, rank, colour, spend from ¥, top-up from ¥, services ‰, products ‰, gift, priority)
    type DemoTier = (
        &'static str,
        i64,
        &'static str,
        Option<i64>,
        Option<i64>,
        i64,
        i64,
        &'static str,
        bool,
    );
    let tiers: &[DemoTier] = &[
        ("普通顾客", 0, "#8c8c8c", None, None, 1000, 1000, "", false),
        (
            "银卡",
            1,
            "#8a9bb0",
            Some(2_000),
            Some(1_000),
            950,
            980,
            "",
            false,
        ),
        (
            "金卡",
            2,
            "#d4a017",
            Some(5_000),
            Some(3_000),
            880,
            950,
            "生日当月赠送眼部护理一次",
            true,
        ),
        (
            "钻石卡",
            3,
            "#3d6fd9",
            Some(15_000),
            Some(10_000),
            800,
            900,
            "生日当月赠送美白焕肤护理一次",
            true,
        ),
    ];
    for (name, rank, color, spend, topup, service, product, gift, priority) in tiers {
        membership::save_tier(
            db,
            manager,
            SaveTier {
                tier: Tier {
                    id: crate::ids::TierId(0),
                    name: (*name).into(),
                    rank: *rank,
                    color: (*color).into(),
                    min_spend_12m: spend.map(|y| Fen(y * 100)),
                    min_single_topup: topup.map(|y| Fen(y * 100)),
                    service_rate_permille: *service,
                    product_rate_permille: *product,
                    birthday_gift: (*gift).into(),
                    priority_booking: *priority,
                    active: true,
                },
            },
        )?;
    }
    let li = db.read(|tx| {
        Ok(tx.query_row(
            "SELECT id FROM customers WHERE phone = '13812345678'",
            [],
            |r| r.get::<_, crate::ids::CustomerId>(0),
        )?)
    })?;
    let facial = db.read(|tx| {
        Ok(tx.query_row(
            "SELECT id FROM services WHERE name = '补水保湿护理'",
            [],
            |r| r.get::<_, crate::ids::ServiceId>(0),
        )?)
    })?;
    membership::top_up(
        db,
        manager,
        TopUpRequest {
            customer_id: li,
            amount: Fen(300_000),
            bonus: Fen(50_000),
            method: PayMethod::Card,
        },
    )?;
    membership::sell_package(
        db,
        manager,
        SellPackageRequest {
            customer_id: li,
            service_id: facial,
            sessions: 6,
            price: Fen(164_000),
            method: PackagePayment::StoredValue,
            expires_on: None,
        },
    )?;
    Ok(())
}

/// A salon's menu, retail shelf and skin measurements.
fn seed_catalog(db: &mut Db, manager: &Session) -> Result<()> {
    use crate::catalog::{self, Metric, Product, SaveMetric, SaveProduct, SaveService, Service};
    use crate::money::Fen;
    let beautician = vec![Role::Stylist];
    let services: &[(&str, &str, i64, i64)] = &[
        ("补水保湿护理", "面部护理", 298, 60),
        ("深层清洁护理", "面部护理", 198, 45),
        ("美白焕肤护理", "面部护理", 480, 75),
        ("眼部护理", "面部护理", 168, 30),
        ("肩颈舒缓按摩", "身体护理", 168, 45),
        ("洗剪吹", "美发", 88, 40),
        ("烫发", "美发", 580, 150),
        ("染发", "美发", 480, 120),
    ];
    for (name, category, yuan, minutes) in services {
        catalog::save_service(
            db,
            manager,
            SaveService {
                service: Service {
                    id: crate::ids::ServiceId(0),
                    name: (*name).into(),
                    category: (*category).into(),
                    price: Fen::yuan(*yuan),
                    duration_minutes: *minutes,
                    performed_by: beautician.clone(),
                    active: true,
                },
            },
        )?;
    }
    for (name, fen, stock) in [
        ("保湿修护面霜 50g", 26_800, Some(24)),
        ("温和洁面乳 120ml", 12_800, Some(30)),
        ("清爽防晒乳 SPF50", 15_800, None),
    ] {
        catalog::save_product(
            db,
            manager,
            SaveProduct {
                product: Product {
                    id: crate::ids::ProductId(0),
                    name: name.into(),
                    price: Fen(fen),
                    stock,
                    active: true,
                },
            },
        )?;
    }
    for (name, unit, decimals, min, max) in [
        ("水分", "%", 1, 0, 1000),
        ("油分", "%", 1, 0, 1000),
        ("弹性", "分", 0, 0, 100),
        ("色素", "级", 0, 0, 10),
    ] {
        catalog::save_metric(
            db,
            manager,
            SaveMetric {
                metric: Metric {
                    id: crate::ids::MetricId(0),
                    name: name.into(),
                    unit: unit.into(),
                    decimals,
                    min_value: min,
                    max_value: max,
                    active: true,
                },
            },
        )?;
    }
    Ok(())
}
