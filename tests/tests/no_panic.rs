//! Nothing a user types or a file contains can panic the core: random bytes as
//! an import file, random text as a search, random field values on a card.
//! Each call must answer Ok or a typed error, and a refusal writes nothing.

#![allow(clippy::unwrap_used)]

use frontdesk_core::customers::import::{
    self, DuplicatePolicy, FileBytes, ImportColumn, ImportRequest,
};
use frontdesk_core::customers::{self, CreateCustomerRequest, CustomerFields, SearchRequest};
use frontdesk_tests::{TempShop, new_customer, setup_manager, snapshot};
use proptest::prelude::*;

fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        prop::collection::vec(
            prop::sample::select(
                &[
                    "姓名", "手机", ",", "\"", "\n", "\r\n", "\t", "138", "1234", "5678", "李",
                    "=\"", "年", "/", " ", "\u{feff}", "\u{0}", "é"
                ][..]
            ),
            0..80
        )
        .prop_map(|parts| parts.concat().into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_file_is_answered_without_panicking_and_a_refused_import_writes_nothing(bytes in csv_like()) {
        let mut shop = TempShop::new();
        let m = setup_manager(&mut shop.db);
        customers::create_customer(&mut shop.db, &m, new_customer("李美华", "13812345678")).unwrap();
        let _ = import::preview_import(&mut shop.db, &m, import::ImportPreviewRequest { file: import::FileBytes(bytes.clone()) });
        let req = ImportRequest {
            file: FileBytes(bytes),
            mapping: vec![Some(ImportColumn::Name), Some(ImportColumn::Phone), Some(ImportColumn::Birthday)],
            duplicates: DuplicatePolicy::Merge,
        };
        let _ = import::dry_run_import(&mut shop.db, &m, req.clone());
        let before = snapshot(&shop.db);
        if import::run_import(&mut shop.db, &m, &req, &mut |_, _| {}).is_err() {
            prop_assert_eq!(snapshot(&shop.db), before);
        }
    }

    #[test]
    fn any_search_text_is_answered_without_panicking(q in "\\PC{0,24}") {
        let mut shop = TempShop::new();
        let m = setup_manager(&mut shop.db);
        customers::create_customer(&mut shop.db, &m, new_customer("欧阳娜娜", "18612349876")).unwrap();
        let r = customers::search_customers(&mut shop.db, &m, SearchRequest { query: q, limit: Some(50) });
        let answered = r.is_ok() || matches!(r, Err(frontdesk_core::Error::Invalid { field: "query", .. }));
        prop_assert!(answered, "unexpected answer");
    }

    #[test]
    fn any_card_is_saved_or_refused_by_field_and_a_refusal_writes_nothing(
        name in "\\PC{0,40}", phone in "[0-9 +-]{0,16}", birthday in "\\PC{0,12}", card in "\\PC{0,24}",
        allergies in "\\PC{0,40}", tags in prop::collection::vec("\\PC{0,14}", 0..12),
    ) {
        let mut shop = TempShop::new();
        let m = setup_manager(&mut shop.db);
        let before = snapshot(&shop.db);
        let card = CustomerFields {
            name, phone, birthday: Some(birthday), card_no: card, allergies, tags, ..Default::default()
        };
        match customers::create_customer(&mut shop.db, &m, CreateCustomerRequest { card, confirm_duplicate: true }) {
            Ok(_) => {}
            Err(frontdesk_core::Error::Invalid { .. }) | Err(frontdesk_core::Error::Duplicate { .. }) => {
                prop_assert_eq!(snapshot(&shop.db), before);
            }
            Err(e) => prop_assert!(false, "unexpected error {e:?}"),
        }
    }
}
