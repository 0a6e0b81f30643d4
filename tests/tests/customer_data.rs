//! Customer data as shops really have it (issue 9): files saved by Excel on a
//! Chinese Windows PC in every line-end style and encoding, full-width input
//! from IMEs, names typed with stray spaces, and exports that must never
//! carry a live formula into Excel.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::customers::import::{
    self, DuplicatePolicy, FileBytes, ImportRequest, RowReason,
};
use frontdesk_core::customers::{
    self, CustomerFields, CustomerId, EraseCustomerRequest, SearchRequest, UpdateCustomerRequest,
};
use frontdesk_core::error::Invalid;
use frontdesk_core::membership::{self, SaveTier, Tier};
use frontdesk_core::money::Fen;
use frontdesk_core::staff::{self, Session};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, new_customer, setup_manager, snapshot};
use rstest::rstest;

fn request(db: &mut Db, s: &Session, bytes: &[u8]) -> ImportRequest {
    let preview = import::preview_import(
        db,
        s,
        import::ImportPreviewRequest {
            file: import::FileBytes(bytes.to_vec()),
        },
    )
    .unwrap();
    ImportRequest {
        file: FileBytes(bytes.to_vec()),
        mapping: preview.mapping,
        duplicates: DuplicatePolicy::Skip,
    }
}

fn search(db: &mut Db, s: &Session, q: &str) -> Vec<String> {
    customers::search_customers(
        db,
        s,
        SearchRequest {
            query: q.into(),
            limit: None,
        },
    )
    .unwrap()
    .into_iter()
    .map(|h| h.name)
    .collect()
}

// ------------------------------------------------------------ line numbers

/// A file with a problem on known lines, one cell spanning three lines, and
/// a blank line in the middle. `{nl}` is the line end under test.
const BAD_ROWS: &str = "姓名,手机,生日,备注{nl}\
李美华,13812345678,1986-04-12,{nl}\
,13900001234,,{nl}\
王芳,\"多行{nl}的{nl}备注\",,{nl}\
{nl}\
张丽娟,13611112222,1990-02-30,{nl}\
陈晓,13812345678,,\"第一行{nl}第二行\"{nl}\
刘洋,12345,,{nl}";

fn encode(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "utf-8" => text.as_bytes().to_vec(),
        "utf-8-bom" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        "gbk" => encoding_rs::GBK.encode(text).0.into_owned(),
        "utf-16le" | "utf-16le-bom" => {
            let mut out = if encoding.ends_with("bom") {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            for u in text.encode_utf16() {
                out.extend(u.to_le_bytes());
            }
            out
        }
        other => panic!("unknown encoding {other}"),
    }
}

#[rstest]
fn the_dry_run_names_the_lines_an_editor_and_excel_show(
    #[values("\r\n", "\n", "\r")] nl: &str,
    #[values("utf-8", "utf-8-bom", "gbk", "utf-16le", "utf-16le-bom")] encoding: &str,
) {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let text = BAD_ROWS.replace("{nl}", nl);
    let req = request(db, &m, &encode(&text, encoding));
    let report = import::dry_run_import(db, &m, req.clone()).unwrap();
    let got: Vec<(u64, u64, Option<&str>, RowReason)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.row, p.field.as_deref(), p.reason))
        .collect();
    // Editor lines: header 1, 李美华 2, (no name) 3, 王芳 4-6, blank 7,
    // 张丽娟 8, 陈晓 9-10, 刘洋 11. Excel rows: one per record, the blank
    // row counted: 1, 2, 3, 4, 5, 6, 7, 8.
    assert_eq!(
        got,
        vec![
            (3, 3, Some("name"), RowReason::Required),
            (4, 4, Some("phone"), RowReason::Format),
            (8, 6, Some("birthday"), RowReason::Date),
            (9, 7, Some("phone"), RowReason::DuplicateInFile),
            (11, 8, Some("phone"), RowReason::Format),
        ],
        "line ends {nl:?}, encoding {encoding}"
    );
}

#[test]
fn every_problem_of_a_row_is_reported_not_only_the_first() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let csv = format!(
        "姓名,手机,生日,首次到店,会员卡号\r\n{},12345,1990-13-01,明天,VIP#1\r\n",
        "长".repeat(31)
    );
    let req = request(db, &m, csv.as_bytes());
    let report = import::dry_run_import(db, &m, req.clone()).unwrap();
    let got: Vec<(u64, &str, RowReason)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_deref().unwrap_or(""), p.reason))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "birthday", RowReason::Date),
            (2, "first_visit", RowReason::Date),
            (2, "name", RowReason::TooLong),
            (2, "phone", RowReason::Format),
            (2, "card_no", RowReason::Format),
        ]
    );
}

// ------------------------------------------------------------ odd files

fn refusal(db: &mut Db, s: &Session, bytes: &[u8]) -> Invalid {
    match import::preview_import(
        db,
        s,
        import::ImportPreviewRequest {
            file: import::FileBytes(bytes.to_vec()),
        },
    ) {
        Err(Error::Invalid {
            field: "file",
            reason,
            ..
        }) => reason,
        other => panic!("expected the file to be refused, got {other:?}"),
    }
}

#[rstest]
#[case::header_only(b"\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D,\xE6\x89\x8B\xE6\x9C\xBA\r\n".to_vec(), Invalid::NoRows)]
#[case::header_and_blank_rows(b"name,phone\r\n,\r\n\r\n".to_vec(), Invalid::NoRows)]
#[case::empty(Vec::new(), Invalid::Required)]
#[case::broken_gbk(b"\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\r\n\xC0\xEE\x81\x20,138\r\n".to_vec(), Invalid::Encoding)]
#[case::binary(vec![0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60], Invalid::Encoding)]
#[case::xlsx(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec(), Invalid::NotCsv)]
fn an_odd_file_is_refused_once_with_its_reason(#[case] bytes: Vec<u8>, #[case] want: Invalid) {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let before = snapshot(db);
    assert_eq!(refusal(db, &m, &bytes), want);
    let req = ImportRequest {
        file: FileBytes(bytes),
        mapping: vec![
            Some(import::ImportColumn::Name),
            Some(import::ImportColumn::Phone),
        ],
        duplicates: DuplicatePolicy::Skip,
    };
    assert!(matches!(
        import::dry_run_import(db, &m, req.clone()),
        Err(Error::Invalid { field: "file", .. })
    ));
    assert!(matches!(
        import::run_import(db, &m, &req, &mut |_, _| {}),
        Err(Error::Invalid { field: "file", .. })
    ));
    assert_eq!(snapshot(db), before, "a refused file writes nothing");
}

#[test]
fn a_utf16_file_without_its_bom_imports() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let bytes = encode("姓名\t手机\r\n单雪梅\t13612345678\r\n", "utf-16le");
    let req = request(db, &m, &bytes);
    let report = import::run_import(db, &m, &req, &mut |_, _| {}).unwrap();
    assert_eq!(
        (report.encoding.as_str(), report.new_customers),
        ("UTF-16LE", 1)
    );
    assert_eq!(search(db, &m, "sxm"), vec!["单雪梅"]);
}

// ------------------------------------------------------------ full width

#[test]
fn full_width_input_is_normalised_at_the_desk_and_in_import() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let mut req = new_customer("ＡＮＮＡ　ＬＩ", "１３６　１２３４　５６７８");
    req.card.card_no = "ｖｉｐ００１".into();
    req.card.home_phone = "（０２１）６４００１２３４".into();
    req.card.birthday = Some("１９９０－０５－１２".into());
    req.card.tags = vec!["ＶＩＰ".into()];
    let card = customers::create_customer(db, &m, req).unwrap().card;
    assert_eq!(card.name, "ANNA LI");
    assert_eq!(card.phone, "13612345678");
    assert_eq!(card.card_no, "VIP001");
    assert_eq!(card.home_phone, "(021)64001234");
    assert_eq!(card.birthday.as_deref(), Some("1990-05-12"));
    assert_eq!(card.tags, vec!["VIP"]);
    assert_eq!(search(db, &m, "５６７８"), vec!["ANNA LI"]);
    assert_eq!(search(db, &m, "ＶＩＰ００１"), vec!["ANNA LI"]);
    assert_eq!(search(db, &m, "ａｌ"), vec!["ANNA LI"]);

    let csv = "姓名,手机号码,性别,出生日期,分类,会员卡号\r\n\
李美华,１３８－１２３４－５６７８,女,１９８６年４月１２日,Ａ类,ＮＯ００１２\r\n";
    let req = request(db, &m, encoding_rs::GBK.encode(csv).0.as_ref());
    let report = import::run_import(db, &m, &req, &mut |_, _| {}).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let hit = customers::search_customers(
        db,
        &m,
        SearchRequest {
            query: "5678 李".into(),
            limit: None,
        },
    )
    .unwrap();
    let li = customers::get_customer(db, &m, hit[0].id).unwrap().card;
    assert_eq!(li.phone, "13812345678");
    assert_eq!(li.birthday.as_deref(), Some("1986-04-12"));
    assert_eq!(li.class, Some(customers::CustomerClass::A));
    assert_eq!(li.card_no, "NO0012");
}

#[test]
fn staff_numbers_and_pins_typed_full_width_sign_in() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    staff::add_staff(
        db,
        &m,
        staff::AddStaffRequest {
            staff_no: "２００１".into(),
            name: "张  敏".into(),
            role: staff::Role::Receptionist,
            pin: "２００１".into(),
        },
    )
    .unwrap();
    let s = staff::Desk::default()
        .sign_in(
            db,
            staff::SignInRequest {
                staff_no: "2001".into(),
                pin: "2001".into(),
            },
        )
        .unwrap();
    assert_eq!((s.staff_no.as_str(), s.name.as_str()), ("2001", "张敏"));
    staff::Desk::default()
        .sign_in(
            db,
            staff::SignInRequest {
                staff_no: "２００１".into(),
                pin: "２００１".into(),
            },
        )
        .unwrap();
}

// ------------------------------------------------------------ the name rule

#[test]
fn names_are_stored_by_one_rule_on_every_path_and_found_despite_stray_spaces() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let qiu = customers::create_customer(db, &m, new_customer("仇  静", "13600000001")).unwrap();
    assert_eq!(qiu.card.name, "仇静");
    let li = customers::create_customer(db, &m, new_customer("李美华", "13600000002")).unwrap();
    let edited = customers::update_customer(
        db,
        &m,
        UpdateCustomerRequest {
            id: li.id,
            card: CustomerFields {
                name: "李\u{3000}美 华".into(),
                ..li.card.clone()
            },
        },
    )
    .unwrap();
    assert_eq!(edited.card.name, "李美华");
    let csv = "姓名,手机\r\n欧阳 娜娜,13600000003\r\n阿依古丽 · 买买提,13600000004\r\nAnna   Smith,13600000005\r\n";
    let req = request(db, &m, csv.as_bytes());
    import::run_import(db, &m, &req, &mut |_, _| {}).unwrap();

    for (query, want) in [
        ("仇静", "仇静"),
        ("仇 静", "仇静"),
        ("仇　静", "仇静"),
        (" 仇静 ", "仇静"),
        ("qj", "仇静"),
        ("李 美华", "李美华"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("欧阳 娜娜", "欧阳娜娜"),
        ("阿依古丽买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("Anna Smith", "Anna Smith"),
    ] {
        assert_eq!(search(db, &m, query), vec![want], "{query:?}");
    }
    // The typed confirmation before erasure follows the same rule.
    frontdesk_core::erasure::erase_customer(
        db,
        &m,
        EraseCustomerRequest {
            id: CustomerId(qiu.id.0),
            confirm_name: "仇 静".into(),
        },
    )
    .unwrap();
}

// ------------------------------------------------------------ exports

/// Every cell of a CSV the app wrote: none may start a formula, except the
/// app's own `="digits"` form for phones and card numbers.
fn assert_no_live_formula(csv: &[u8], what: &str) {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv_reader(text);
    for rec in reader.records() {
        for cell in rec.unwrap().iter() {
            let ours = cell.starts_with("=\"")
                && cell.ends_with('"')
                && cell[2..cell.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " +-()".contains(c));
            assert!(
                ours || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: a live formula {cell:?}"
            );
        }
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://evil\",\"点我\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
];

#[test]
fn the_customer_export_carries_no_live_formula_and_imports_back_as_typed() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let mut req = new_customer(&format!("顾客{i}"), &format!("1370000000{i}"));
        req.card.notes = hostile.to_string();
        req.card.allergies = hostile.trim().to_string();
        req.card.address = format!("{hostile}路");
        customers::create_customer(db, &m, req).unwrap();
    }
    let (bytes, n) = customers::export::export_csv(db, &m).unwrap();
    assert_eq!(n, HOSTILE.len());
    assert_no_live_formula(&bytes, "customer export");

    let mut other = TempShop::new();
    let db2 = &mut other.db;
    let m2 = setup_manager(db2);
    let req = request(db2, &m2, &bytes);
    import::run_import(db2, &m2, &req, &mut |_, _| {}).unwrap();
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let hit = customers::search_customers(
            db2,
            &m2,
            SearchRequest {
                query: format!("1370000000{i}"),
                limit: None,
            },
        )
        .unwrap();
        let card = customers::get_customer(db2, &m2, hit[0].id).unwrap().card;
        assert_eq!(
            card.allergies,
            hostile.trim(),
            "the text survives the round trip"
        );
    }
}

#[test]
fn the_membership_report_carries_no_live_formula() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let tiers = ["=1+1", "+SUM(A1)", "-2+3", "@A1", "\t=1"];
    for (rank, hostile) in tiers.iter().enumerate() {
        membership::save_tier(
            db,
            &m,
            SaveTier {
                tier: Tier {
                    id: frontdesk_core::ids::TierId(0),
                    name: hostile.to_string(),
                    rank: rank as i64 + 1,
                    color: "#888888".into(),
                    min_spend_12m: Some(Fen::yuan(1000 * (rank as i64 + 1))),
                    min_single_topup: None,
                    service_rate_permille: 1000,
                    product_rate_permille: 1000,
                    birthday_gift: String::new(),
                    priority_booking: false,
                    active: true,
                },
            },
        )
        .unwrap();
    }
    let bytes = membership::membership_report_csv(db, &m).unwrap();
    assert_no_live_formula(&bytes, "membership report");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("'=1+1"), "kept readable: {text}");
}
