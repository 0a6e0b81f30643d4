//! Customer search: a correctness table over a small shop, and a property test
//! that the indexed search finds exactly what a brute-force scan finds on
//! random shops, through create, edit and erase.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use frontdesk_core::customers::search::{self, Query};
use frontdesk_core::customers::{
    self, CreateCustomerRequest, CustomerFields, CustomerId, EraseCustomerRequest, MatchKind,
    SearchRequest, UpdateCustomerRequest,
};
use frontdesk_core::staff::Session;
use frontdesk_core::{Db, Error};
use frontdesk_tests::TempShop;
use proptest::prelude::*;

fn manager(db: &mut Db) -> Session {
    frontdesk_tests::setup_manager(db)
}

fn add(db: &mut Db, s: &Session, name: &str, phone: &str, card_no: &str) -> CustomerId {
    customers::create_customer(
        db,
        s,
        CreateCustomerRequest {
            card: CustomerFields {
                name: name.into(),
                phone: phone.into(),
                card_no: card_no.into(),
                ..Default::default()
            },
            confirm_duplicate: true,
        },
    )
    .unwrap()
    .id
}

fn names_for(db: &mut Db, s: &Session, q: &str) -> Vec<(String, MatchKind)> {
    customers::search_customers(
        db,
        s,
        SearchRequest {
            query: q.into(),
            limit: Some(50),
        },
    )
    .unwrap()
    .into_iter()
    .map(|h| (h.name, h.matched))
    .collect()
}

#[test]
fn the_search_table() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    add(db, &m, "李美华", "13812345678", "VIP0012");
    add(db, &m, "李娜", "13900005678", "");
    add(db, &m, "王李", "13712340000", "");
    add(db, &m, "曾小红", "15888886666", "");
    add(db, &m, "单雪梅", "17756781234", "");
    add(db, &m, "欧阳娜娜", "18612349876", "0021");
    add(db, &m, "美华", "13600001111", "");
    add(db, &m, "吕英", "13600002222", "");
    use MatchKind::*;
    let t = |db: &mut Db, q: &str| names_for(db, &m, q);

    // Phone: the last four first, then digits in the middle; 3 digits is too few.
    assert_eq!(
        t(db, "5678"),
        vec![
            ("李美华".into(), PhoneSuffix),
            ("李娜".into(), PhoneSuffix),
            ("单雪梅".into(), Phone),
        ]
    );
    assert_eq!(
        t(db, "1234"),
        vec![
            ("单雪梅".into(), PhoneSuffix),
            ("李美华".into(), Phone),
            ("王李".into(), Phone),
            ("欧阳娜娜".into(), Phone),
        ]
    );
    assert_eq!(t(db, "13812345678"), vec![("李美华".into(), ExactPhone)]);
    assert_eq!(t(db, "8888"), vec![("曾小红".into(), Phone)]);
    assert!(t(db, "567").is_empty());
    // One and two characters of a name; the name's start ranks first.
    assert_eq!(
        t(db, "李"),
        vec![
            ("李美华".into(), NamePrefix),
            ("李娜".into(), NamePrefix),
            ("王李".into(), Name)
        ]
    );
    assert_eq!(
        t(db, "美华"),
        vec![("美华".into(), NameExact), ("李美华".into(), Name)]
    );
    assert_eq!(
        t(db, "娜"),
        vec![("李娜".into(), Name), ("欧阳娜娜".into(), Name)]
    );
    assert_eq!(t(db, "欧阳娜娜"), vec![("欧阳娜娜".into(), NameExact)]);
    // Pinyin: initials and full pinyin by prefix, surname readings honoured.
    assert_eq!(t(db, "lmh"), vec![("李美华".into(), Initials)]);
    assert_eq!(t(db, "limeihua"), vec![("李美华".into(), Pinyin)]);
    assert_eq!(t(db, "limei"), vec![("李美华".into(), Pinyin)]);
    assert_eq!(t(db, "zeng"), vec![("曾小红".into(), Pinyin)]);
    assert!(t(db, "ceng").is_empty(), "曾 as a surname reads zeng");
    assert_eq!(t(db, "shan"), vec![("单雪梅".into(), Pinyin)]);
    assert_eq!(t(db, "oy"), vec![("欧阳娜娜".into(), Pinyin)]);
    assert_eq!(
        t(db, "lvying"),
        vec![("吕英".into(), Pinyin)],
        "ü is typed as v"
    );
    assert_eq!(t(db, "ouyang"), vec![("欧阳娜娜".into(), Pinyin)]);
    // Mixed input narrows: pinyin and digits, Chinese and digits.
    assert_eq!(
        t(db, "li 5678"),
        vec![("李美华".into(), PhoneSuffix), ("李娜".into(), PhoneSuffix)]
    );
    assert_eq!(
        t(db, "李 5678"),
        vec![("李美华".into(), PhoneSuffix), ("李娜".into(), PhoneSuffix)]
    );
    assert_eq!(t(db, "ln 5678"), vec![("李娜".into(), PhoneSuffix)]);
    // Short digit groups only narrow a name; alone they are a card number or nothing.
    assert_eq!(
        t(db, "李 12"),
        vec![("李美华".into(), NamePrefix), ("王李".into(), Name)]
    );
    assert!(t(db, "12 34").is_empty());
    assert!(t(db, "a1").is_empty());
    // Card numbers, as a scanner types them, including short ones.
    assert_eq!(t(db, "VIP0012"), vec![("李美华".into(), ExactCard)]);
    assert_eq!(t(db, "vip 0012"), vec![("李美华".into(), ExactCard)]);
    assert_eq!(t(db, "0021"), vec![("欧阳娜娜".into(), ExactCard)]);
    assert!(t(db, "").is_empty());
    assert!(t(db, "张").is_empty());
}

#[test]
fn edits_and_erasure_keep_the_index_in_step() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    let id = add(db, &m, "李美华", "13812345678", "");
    customers::update_customer(
        db,
        &m,
        UpdateCustomerRequest {
            id,
            card: CustomerFields {
                name: "李梅华".into(),
                phone: "13899990000".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();
    assert!(
        names_for(db, &m, "5678").is_empty(),
        "the old phone is gone from the index"
    );
    assert!(
        names_for(db, &m, "美").is_empty(),
        "the old name is gone from the index"
    );
    assert_eq!(names_for(db, &m, "0000").len(), 1);
    assert_eq!(names_for(db, &m, "梅").len(), 1);
    frontdesk_core::erasure::erase_customer(
        db,
        &m,
        EraseCustomerRequest {
            id,
            confirm_name: "李梅华".into(),
        },
    )
    .unwrap();
    for q in ["0000", "梅", "李", "lmh", "limeihua"] {
        assert!(
            names_for(db, &m, q).is_empty(),
            "{q} still finds an erased customer"
        );
    }
    let n: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "no index rows left for the erased customer");
}

// ------------------------------------------------------------------ property

const SURNAMES: &[&str] = &[
    "李", "王", "张", "刘", "陈", "曾", "单", "欧阳", "司马", "美",
];
const GIVEN: &[&str] = &["美", "华", "娜", "丽", "芳", "小", "红", "雪", "梅", "李"];

fn name_strategy() -> impl Strategy<Value = String> {
    (
        prop::sample::select(SURNAMES),
        prop::collection::vec(prop::sample::select(GIVEN), 1..3),
    )
        .prop_map(|(s, g)| format!("{s}{}", g.concat()))
}

fn phone_strategy() -> impl Strategy<Value = String> {
    // A small digit alphabet so phones share fragments often.
    (
        prop::sample::select(&["13", "15", "18"][..]),
        prop::collection::vec(prop::sample::select(&['1', '2', '5', '6', '8'][..]), 9),
    )
        .prop_map(|(p, d)| format!("{p}{}", d.into_iter().collect::<String>()))
}

fn query_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(&['1', '2', '5', '6', '8'][..]), 1..7)
            .prop_map(|d| d.into_iter().collect::<String>()),
        prop::sample::select(SURNAMES).prop_map(str::to_string),
        prop::collection::vec(prop::sample::select(GIVEN), 1..3).prop_map(|g| g.concat()),
        prop::sample::select(
            &[
                "l", "lm", "li", "lmh", "z", "zeng", "s", "shan", "oy", "ouyang", "wang", "m",
                "mei", "x"
            ][..]
        )
        .prop_map(str::to_string),
        (
            prop::sample::select(&["li", "w", "美", "李", "12", ""][..]),
            prop::collection::vec(prop::sample::select(&['1', '2', '5', '6', '8'][..]), 1..6)
        )
            .prop_map(|(a, d)| format!("{a} {}", d.into_iter().collect::<String>())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn indexed_search_finds_exactly_what_a_full_scan_finds(
        people in prop::collection::vec((name_strategy(), phone_strategy()), 5..40),
        renames in prop::collection::vec((any::<prop::sample::Index>(), name_strategy(), phone_strategy()), 0..6),
        erasures in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        queries in prop::collection::vec(query_strategy(), 1..12),
    ) {
        let mut shop = TempShop::new();
        let db = &mut shop.db;
        let m = manager(db);
        let mut ids = Vec::new();
        for (name, phone) in &people {
            match customers::create_customer(db, &m, CreateCustomerRequest {
                card: CustomerFields { name: name.clone(), phone: phone.clone(), ..Default::default() },
                confirm_duplicate: true,
            }) {
                Ok(c) => ids.push((c.id, name.clone())),
                Err(Error::Duplicate { field: "phone" }) => {}
                Err(e) => panic!("{e:?}"),
            }
        }
        for (i, name, phone) in &renames {
            let (id, _) = ids[i.index(ids.len())].clone();
            let r = customers::update_customer(db, &m, UpdateCustomerRequest {
                id,
                card: CustomerFields { name: name.clone(), phone: phone.clone(), ..Default::default() },
            });
            match r {
                Ok(_) => { if let Some(e) = ids.iter_mut().find(|(x, _)| *x == id) { e.1 = name.clone(); } }
                Err(Error::Duplicate { .. }) | Err(Error::Erased) => {}
                Err(e) => panic!("{e:?}"),
            }
        }
        for i in &erasures {
            let (id, name) = ids[i.index(ids.len())].clone();
            let _ = frontdesk_core::erasure::erase_customer(db, &m, EraseCustomerRequest { id, confirm_name: name });
        }
        for q in &queries {
            let query = Query::parse(q);
            let want = search::scan(db.conn(), &query).unwrap();
            let got = search::search(db.conn(), &query, usize::MAX).unwrap();
            let want_set: BTreeSet<_> = want.iter().copied().collect();
            let got_set: BTreeSet<_> = got.iter().copied().collect();
            prop_assert_eq!(&got_set, &want_set, "query {:?}", q);
            // Ranked best kind first.
            prop_assert!(got.windows(2).all(|w| w[0].1 <= w[1].1), "query {:?} not ranked: {:?}", q, got);
            // With a limit: as many as fit, all true matches, still ranked,
            // and the very best kind is never left out.
            let limited = search::search(db.conn(), &query, 3).unwrap();
            prop_assert_eq!(limited.len(), want.len().min(3));
            prop_assert!(limited.iter().all(|h| want_set.contains(h)));
            prop_assert!(limited.windows(2).all(|w| w[0].1 <= w[1].1));
            if let (Some(first), Some(best)) = (limited.first(), want.first()) {
                prop_assert_eq!(first.1, best.1, "query {:?}: the best kind is missing", q);
            }
        }
    }
}

#[test]
fn search_agrees_with_a_full_scan_on_a_generated_shop() {
    use frontdesk_tests::generate::{Generator, QueryKind};
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    let mut g = Generator::new(7);
    let cards = g.customers(3_000);
    customers::create_many(db, &m, &cards, &mut |_, _| {}).unwrap();
    let mut checked = 0;
    for kind in QueryKind::ALL {
        for _ in 0..40 {
            let target = &cards[g.index(cards.len())];
            let q = Query::parse(&kind.query_for(target));
            let want: BTreeSet<_> = search::scan(db.conn(), &q).unwrap().into_iter().collect();
            let got: BTreeSet<_> = search::search(db.conn(), &q, usize::MAX)
                .unwrap()
                .into_iter()
                .collect();
            assert_eq!(got, want, "{kind:?} {:?}", kind.query_for(target));
            assert!(
                !got.is_empty(),
                "{kind:?}: the customer the query was made from is found"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 9 * 40);
}
