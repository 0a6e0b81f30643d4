//! Names read as an independent library reads them. `fixtures/readings/
//! pinyin-pro.tsv` holds pinyin-pro's readings (its surname mode) of every
//! surname in the core's table and of a list of real names with polyphonic
//! characters; a UI unit test proves the file is pinyin-pro's own output. The
//! receptionist must find each customer by those initials and that full
//! pinyin, whatever reading the core takes as primary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::customers::names::pinyin_of;
use frontdesk_core::customers::{self, SearchRequest};
use frontdesk_tests::{TempShop, new_customer, setup_manager};

/// (name, initials, full pinyin) as pinyin-pro reads them.
fn reference() -> Vec<(String, String, String)> {
    let text = include_str!("../fixtures/readings/pinyin-pro.tsv");
    let rows: Vec<(String, String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 3, "bad reference line {l:?}");
            (c[0].to_string(), c[1].to_string(), c[2].to_string())
        })
        .collect();
    assert!(rows.len() > 800, "the reference holds {} names", rows.len());
    rows
}

#[test]
fn every_name_reads_at_least_as_the_independent_reference_reads_it() {
    let mut wrong = Vec::new();
    for (name, initials, full) in reference() {
        let (ours_i, ours_f) = pinyin_of(&name);
        let has = |list: &str, want: &str| list.split(' ').any(|r| r == want);
        if !has(&ours_i, &initials) || !has(&ours_f, &full) {
            wrong.push(format!(
                "{name}: reference {initials}/{full}, ours {ours_i}/{ours_f}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} names read wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn names_stay_few_readings_so_search_stays_precise() {
    let rows = reference();
    let many: Vec<String> = rows
        .iter()
        .filter(|(name, _, _)| pinyin_of(name).1.split(' ').count() > 4)
        .map(|(name, _, _)| name.clone())
        .collect();
    assert!(
        many.len() * 50 <= rows.len(),
        "more than 2% of names have over four readings: {many:?}"
    );
}

#[test]
fn the_desk_finds_each_customer_by_the_reference_initials_and_full_pinyin() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let rows = reference();
    // The listed real names (not the surname rows), each with its own phone,
    // so "initials + last four digits" names exactly one customer.
    let named: Vec<_> = rows
        .iter()
        .filter(|(n, _, _)| !n.ends_with("秀英"))
        .collect();
    for (i, (name, _, _)) in named.iter().enumerate() {
        customers::create_customer(db, &m, new_customer(name, &format!("1390000{i:04}")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for (i, (name, initials, full)) in named.iter().enumerate() {
        for query in [format!("{initials} {i:04}"), format!("{full} {i:04}")] {
            let hits = customers::search_customers(
                db,
                &m,
                SearchRequest {
                    query: query.clone(),
                    limit: Some(5),
                },
            )
            .unwrap();
            assert!(
                hits.iter().any(|h| h.name == **name),
                "{query:?} did not find {name}"
            );
        }
    }
}
