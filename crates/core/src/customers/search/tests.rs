//! The search index's own cases.

use super::*;

fn s(name: &str, phone: &str) -> Searchable {
    let (initials, pinyin) = names::pinyin_of(name);
    Searchable {
        id: CustomerId(1),
        name: name.into(),
        phone: Some(phone.into()),
        card_no: None,
        initials,
        pinyin,
    }
}

#[test]
fn queries_split_into_digits_letters_and_chinese() {
    let q = Query::parse("li 5678");
    assert_eq!(
        q.tokens,
        vec![Token::Latin("li".into()), Token::Digits("5678".into())]
    );
    let q = Query::parse("李5678");
    assert_eq!(
        q.tokens,
        vec![Token::Cjk("李".into()), Token::Digits("5678".into())]
    );
    assert!(Query::parse("  ").is_empty());
    let q = Query::parse(" 仇 　静 ");
    assert_eq!(q.tokens, vec![Token::Cjk("仇静".into())]);
    let q = Query::parse("li mei hua 5678");
    assert_eq!(
        q.tokens,
        vec![
            Token::Latin("limeihua".into()),
            Token::Digits("5678".into())
        ]
    );
    let q = Query::parse("５６７８　ｌｍｈ");
    assert_eq!(
        q.tokens,
        vec![Token::Digits("5678".into()), Token::Latin("lmh".into())]
    );
}

#[test]
fn each_kind_of_match_is_recognised() {
    let c = s("李美华", "13812345678");
    let kind = |q: &str| match_kind(&Query::parse(q), &c);
    assert_eq!(kind("13812345678"), Some(MatchKind::ExactPhone));
    assert_eq!(kind("5678"), Some(MatchKind::PhoneSuffix));
    assert_eq!(kind("1234"), Some(MatchKind::Phone));
    assert_eq!(kind("567"), None, "three digits are too few for a phone");
    assert_eq!(kind("李美华"), Some(MatchKind::NameExact));
    assert_eq!(kind("李"), Some(MatchKind::NamePrefix));
    assert_eq!(kind("美华"), Some(MatchKind::Name));
    assert_eq!(kind("lmh"), Some(MatchKind::Initials));
    assert_eq!(kind("lm"), Some(MatchKind::Pinyin));
    assert_eq!(kind("limei"), Some(MatchKind::Pinyin));
    assert_eq!(kind("LiMeiHua"), Some(MatchKind::Pinyin));
    assert_eq!(kind("li 5678"), Some(MatchKind::PhoneSuffix));
    assert_eq!(kind("wang 5678"), None);
    assert_eq!(
        kind("meihua"),
        None,
        "pinyin matches from the start of the name"
    );
}

#[test]
fn index_terms_rank_the_name_start_and_the_last_four_digits_first() {
    let t = terms("李美华", Some("13812345678"), "lmh", "limeihua");
    let rank = |term: &str| t.iter().find(|(x, _)| x == term).map(|(_, r)| *r);
    assert_eq!(rank("n李"), Some(0));
    assert_eq!(rank("n李美"), Some(0));
    assert_eq!(rank("n美"), Some(1));
    assert_eq!(rank("n美华"), Some(1));
    assert_eq!(rank("p5678"), Some(0));
    assert_eq!(rank("p1381"), Some(1));
    assert_eq!(rank("ilmh"), Some(0));
    assert_eq!(rank("flimeihua"), Some(0));
    assert_eq!(t.iter().filter(|(x, _)| x.starts_with('p')).count(), 8);
}
