//! Privacy: phones masked for stylists, and erasure on request that leaves
//! nothing personal anywhere in the data file while the row stays.

#![allow(clippy::unwrap_used)]

use frontdesk_core::customers::timeline::{self, TimelineKind, TimelineRequest};
use frontdesk_core::customers::{
    self, AddNoteRequest, CreateCustomerRequest, CustomerFields, EraseCustomerRequest, Gender,
    SearchRequest, UpdateCustomerRequest,
};
use frontdesk_core::error::Invalid;
use frontdesk_core::staff::{self, AddStaffRequest, Desk, Role, SignInRequest};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, snapshot};

fn shop() -> (TempShop, staff::Session) {
    let mut shop = TempShop::new();
    let m = frontdesk_tests::setup_manager(&mut shop.db);
    (shop, m)
}

fn file_bytes(db: &Db) -> Vec<u8> {
    let path = db.path().unwrap().to_path_buf();
    let mut all = std::fs::read(&path).unwrap();
    for ext in ["-wal", "-shm"] {
        if let Ok(b) = std::fs::read(format!("{}{ext}", path.display())) {
            all.extend(b);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w == n)
}

#[test]
fn erasure_keeps_nothing_personal_in_the_file() {
    let (mut shop, m) = shop();
    let db = &mut shop.db;
    let secret = CustomerFields {
        name: "诸葛秀芝".into(),
        phone: "13955501234".into(),
        birthday: Some("1981-07-09".into()),
        card_no: "ZG77881".into(),
        allergies: "对薰衣草精油严重过敏".into(),
        workplace: "徐家汇天桥玻璃厂".into(),
        home_phone: "021-55501234".into(),
        address: "漕溪北路九十九弄".into(),
        notes: "不喜欢被推销疗程卡".into(),
        gender: Gender::Female,
        ..Default::default()
    };
    let card = customers::create_customer(
        db,
        &m,
        CreateCustomerRequest {
            card: secret.clone(),
            confirm_duplicate: false,
        },
    )
    .unwrap();
    customers::update_customer(
        db,
        &m,
        UpdateCustomerRequest {
            id: card.id,
            card: CustomerFields {
                hobbies: "周末去佘山徒步".into(),
                ..secret.clone()
            },
        },
    )
    .unwrap();
    customers::add_note(
        db,
        &m,
        AddNoteRequest {
            id: card.id,
            text: "女儿在华师大读研究生".into(),
        },
    )
    .unwrap();

    // A slip of the hand is refused: the name must be typed again.
    assert!(matches!(
        frontdesk_core::erasure::erase_customer(
            db,
            &m,
            EraseCustomerRequest {
                id: card.id,
                confirm_name: "诸葛".into()
            }
        ),
        Err(Error::Invalid {
            field: "confirm_name",
            reason: Invalid::Confirmation,
            ..
        })
    ));

    let erased = frontdesk_core::erasure::erase_customer(
        db,
        &m,
        EraseCustomerRequest {
            id: card.id,
            confirm_name: "诸葛秀芝".into(),
        },
    )
    .unwrap();
    assert!(erased.erased);
    assert_eq!(erased.card.name, "");
    assert_eq!(erased.card.phone, "");

    let bytes = file_bytes(db);
    for personal in [
        "诸葛秀芝",
        "13955501234",
        "5501234",
        "1981-07-09",
        "ZG77881",
        "薰衣草",
        "玻璃厂",
        "021-55501234",
        "漕溪北路九十九弄",
        "推销疗程卡",
        "佘山徒步",
        "华师大",
        "zhugexiuzhi",
    ] {
        assert!(
            !contains(&bytes, personal),
            "{personal} is still in the data file"
        );
        assert!(
            !snapshot(db).contains(personal),
            "{personal} is still in a table"
        );
    }
    // The row stays (money history will point at it), and the timeline says
    // what happened without saying what was there.
    let page = timeline::customer_timeline(
        db,
        &m,
        TimelineRequest {
            id: card.id,
            before: None,
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(page.events[0].kind, TimelineKind::Erased);
    assert!(
        page.events.iter().all(|e| e.text.is_none()),
        "no note text survives"
    );
    // And an erased card can no longer be changed.
    assert!(matches!(
        customers::update_customer(
            db,
            &m,
            UpdateCustomerRequest {
                id: card.id,
                card: secret
            }
        ),
        Err(Error::Erased)
    ));
}

#[test]
fn stylists_see_phones_masked_everywhere_and_cannot_erase() {
    let (mut shop, m) = shop();
    let db = &mut shop.db;
    staff::add_staff(
        db,
        &m,
        AddStaffRequest {
            staff_no: "3003".into(),
            name: "陈静".into(),
            role: Role::Stylist,
            pin: "3003".into(),
        },
    )
    .unwrap();
    let card = customers::create_customer(
        db,
        &m,
        CreateCustomerRequest {
            card: CustomerFields {
                name: "李美华".into(),
                phone: "13812345678".into(),
                home_phone: "02164881234".into(),
                ..Default::default()
            },
            confirm_duplicate: false,
        },
    )
    .unwrap();
    let stylist = Desk::default()
        .sign_in(
            db,
            SignInRequest {
                staff_no: "3003".into(),
                pin: "3003".into(),
            },
        )
        .unwrap();
    let seen = customers::get_customer(db, &stylist, card.id).unwrap();
    assert!(seen.phone_masked);
    assert_eq!(seen.card.phone, "138****5678");
    assert_eq!(seen.card.home_phone, "021****1234");
    let hits = customers::search_customers(
        db,
        &stylist,
        SearchRequest {
            query: "5678".into(),
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(hits[0].phone.as_deref(), Some("138****5678"));
    let before = snapshot(db);
    assert!(matches!(
        frontdesk_core::erasure::erase_customer(
            db,
            &stylist,
            EraseCustomerRequest {
                id: card.id,
                confirm_name: "李美华".into()
            }
        ),
        Err(Error::Forbidden(staff::Permission::EraseCustomers))
    ));
    assert_eq!(snapshot(db), before);
}

#[test]
fn a_likely_duplicate_is_warned_and_created_only_when_confirmed() {
    let (mut shop, m) = shop();
    let db = &mut shop.db;
    let card = |phone: &str| CustomerFields {
        name: "王芳".into(),
        phone: phone.into(),
        birthday: Some("1992-09-03".into()),
        ..Default::default()
    };
    let first = customers::create_customer(
        db,
        &m,
        CreateCustomerRequest {
            card: card("13900001234"),
            confirm_duplicate: false,
        },
    )
    .unwrap();
    let before = snapshot(db);
    match customers::create_customer(
        db,
        &m,
        CreateCustomerRequest {
            card: card("13900005555"),
            confirm_duplicate: false,
        },
    ) {
        Err(Error::LikelyDuplicate { existing }) => assert_eq!(existing, vec![first.id]),
        other => panic!("expected a duplicate warning, got {other:?}"),
    }
    assert_eq!(snapshot(db), before, "a warning writes nothing");
    customers::create_customer(
        db,
        &m,
        CreateCustomerRequest {
            card: card("13900005555"),
            confirm_duplicate: true,
        },
    )
    .unwrap();
}
