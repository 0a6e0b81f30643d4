//! Importing customers from spreadsheets people really have, and exporting
//! them back: encodings, BOMs, quoted cells with commas and newlines, phones
//! with spaces and dashes, dates as typed, bad rows by line, all-or-nothing.

#![allow(clippy::unwrap_used)]

use frontdesk_core::customers::import::{
    self, DuplicatePolicy, ImportColumn, ImportRequest, RowReason,
};
use frontdesk_core::customers::{self, CustomerFields, Gender, SearchRequest};
use frontdesk_core::staff::{self, Session};
use frontdesk_core::{Db, Error};
use frontdesk_tests::{TempShop, new_customer, snapshot};

fn manager(db: &mut Db) -> Session {
    frontdesk_tests::setup_manager(db)
}

fn request(db: &mut Db, s: &Session, bytes: &[u8], duplicates: DuplicatePolicy) -> ImportRequest {
    let preview = import::preview_import(
        db,
        s,
        import::ImportPreviewRequest {
            file: import::FileBytes(bytes.to_vec()),
        },
    )
    .unwrap();
    ImportRequest {
        file: import::FileBytes(bytes.to_vec()),
        mapping: preview.mapping,
        duplicates,
    }
}

fn card_of(db: &mut Db, s: &Session, q: &str) -> CustomerFields {
    let hit = customers::search_customers(
        db,
        s,
        SearchRequest {
            query: q.into(),
            limit: None,
        },
    )
    .unwrap();
    assert_eq!(hit.len(), 1, "{q}");
    customers::get_customer(db, s, hit[0].id).unwrap().card
}

const EXCEL_CSV: &str = "姓名,手机号码,性别,出生日期,会员卡号,过敏史,备注,消费金额\r\n\
李美华,138 1234 5678,女,1986/4/12,=\"0012\",果酸,\"喜欢安静，不要推销\",3200\r\n\
王芳,139-0000-1234,女,1992年9月3日,,,\"第一行\n第二行\",0\r\n\
张丽娟,+86 136 1111 2222,女,19791225,0016,,\"说 \"\"老样子\"\"\",880\r\n\
\r\n";

#[test]
fn an_excel_export_from_a_chinese_windows_pc_imports() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    // Excel on Chinese Windows saves "CSV" as GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(EXCEL_CSV);
    let preview = import::preview_import(
        db,
        &m,
        import::ImportPreviewRequest {
            file: import::FileBytes(gbk.to_vec()),
        },
    )
    .unwrap();
    assert_eq!(preview.encoding, "GB18030");
    assert_eq!(preview.rows, 3, "the blank last line is not a row");
    assert_eq!(
        preview.mapping,
        vec![
            Some(ImportColumn::Name),
            Some(ImportColumn::Phone),
            Some(ImportColumn::Gender),
            Some(ImportColumn::Birthday),
            Some(ImportColumn::CardNo),
            Some(ImportColumn::Allergies),
            Some(ImportColumn::Notes),
            None,
        ]
    );
    let req = request(db, &m, &gbk, DuplicatePolicy::Skip);
    let dry = import::dry_run_import(db, &m, req.clone()).unwrap();
    assert!(dry.problems.is_empty(), "{:?}", dry.problems);
    assert_eq!(dry.new_customers, 3);
    assert!(!dry.imported);
    let mut calls = Vec::new();
    let report = import::run_import(db, &m, &req, &mut |d, t| calls.push((d, t))).unwrap();
    assert!(report.imported);
    assert_eq!(report.new_customers, 3);
    assert_eq!(calls.last(), Some(&(3, 3)), "progress reaches the end");

    let li = card_of(db, &m, "5678");
    assert_eq!(li.name, "李美华");
    assert_eq!(li.gender, Gender::Female);
    assert_eq!(li.birthday.as_deref(), Some("1986-04-12"));
    assert_eq!(li.card_no, "0012");
    assert_eq!(li.allergies, "果酸");
    assert_eq!(li.notes, "喜欢安静，不要推销");
    let wang = card_of(db, &m, "13900001234");
    assert_eq!(
        wang.notes, "第一行\n第二行",
        "a newline inside quotes stays in the cell"
    );
    assert_eq!(wang.birthday.as_deref(), Some("1992-09-03"));
    let zhang = card_of(db, &m, "2222");
    assert_eq!(zhang.phone, "13611112222");
    assert_eq!(zhang.notes, "说 \"老样子\"");
}

#[test]
fn utf8_with_bom_and_tab_separated_utf16_import_too() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    let utf8 = "\u{feff}Name,Mobile,Birthday\n曾小红,15888886666,1995-06-18\n";
    let req = request(db, &m, utf8.as_bytes(), DuplicatePolicy::Skip);
    assert_eq!(
        import::run_import(db, &m, &req, &mut |_, _| {})
            .unwrap()
            .new_customers,
        1
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "姓名\t手机\r\n欧阳娜娜\t18612349876\r\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let req = request(db, &m, &utf16, DuplicatePolicy::Skip);
    assert_eq!(
        import::run_import(db, &m, &req, &mut |_, _| {})
            .unwrap()
            .new_customers,
        1
    );
    assert_eq!(card_of(db, &m, "zeng").name, "曾小红");
    assert_eq!(card_of(db, &m, "oynn").name, "欧阳娜娜");
}

#[test]
fn every_bad_row_is_reported_by_line_and_column_and_nothing_is_imported() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    customers::create_customer(db, &m, new_customer("老顾客", "13700000000")).unwrap();
    let csv = "姓名,手机,生日,卡号\n\
李美华,13812345678,1986-04-12,\n\
,13900001234,,\n\
王芳,12345,,\n\
张丽娟,13611112222,1990-02-30,\n\
\"多行\n备注的人\",13611113333,,\n\
陈晓,13812345678,,\n\
刘洋,13312345678,,A1\n\
赵雪,13312349999,,A1\n\
短行,13312340000\n";
    let req = request(db, &m, csv.as_bytes(), DuplicatePolicy::Skip);
    let before = snapshot(db);
    let report = import::dry_run_import(db, &m, req.clone()).unwrap();
    let got: Vec<(u64, Option<&str>, RowReason)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref(), p.reason))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, Some("姓名"), RowReason::Required),
            (4, Some("手机"), RowReason::Format),
            (5, Some("生日"), RowReason::Date),
            // line 6 starts a quoted cell spanning two lines: a good row.
            (8, Some("手机"), RowReason::DuplicateInFile),
            (10, Some("卡号"), RowReason::CardTaken),
            (11, None, RowReason::Shape),
        ]
    );
    assert_eq!(snapshot(db), before, "a dry run writes nothing");
    match import::run_import(db, &m, &req, &mut |_, _| {}) {
        Err(Error::Invalid {
            field: "file",
            limit: Some(6),
            ..
        }) => {}
        other => panic!("a file with problems must be refused whole, got {other:?}"),
    }
    assert_eq!(snapshot(db), before, "nothing half-imported");
}

#[test]
fn rows_for_existing_customers_are_skipped_or_merged_without_overwriting() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    let mut req = new_customer("李美华", "13812345678");
    req.card.allergies = "果酸".into();
    customers::create_customer(db, &m, req).unwrap();
    let csv = "姓名,手机,过敏史,地址\n李美华,13812345678,酒精,漕溪北路88号\n王芳,13900001234,,\n";
    let skip = request(db, &m, csv.as_bytes(), DuplicatePolicy::Skip);
    let r = import::run_import(db, &m, &skip, &mut |_, _| {}).unwrap();
    assert_eq!((r.new_customers, r.existing, r.merged), (1, 1, 0));
    assert_eq!(card_of(db, &m, "5678").address, "");

    let csv = "姓名,手机,过敏史,地址\n李美华,13812345678,酒精,漕溪北路88号\n";
    let merge = request(db, &m, csv.as_bytes(), DuplicatePolicy::Merge);
    assert_eq!(
        import::dry_run_import(db, &m, merge.clone())
            .unwrap()
            .merged,
        1
    );
    let r = import::run_import(db, &m, &merge, &mut |_, _| {}).unwrap();
    assert_eq!((r.new_customers, r.existing, r.merged), (0, 1, 1));
    let li = card_of(db, &m, "5678");
    assert_eq!(li.allergies, "果酸", "a filled field is never overwritten");
    assert_eq!(li.address, "漕溪北路88号", "an empty field is filled");
}

#[test]
fn an_export_opens_in_excel_and_imports_back_unchanged() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    let mut a = new_customer("李美华", "13812345678");
    a.card.card_no = "0012".into();
    a.card.allergies = "果酸, 酒精".into();
    a.card.notes = "第一行\n\"引号\"".into();
    a.card.birthday = Some("1986-04-12".into());
    a.card.gender = Gender::Female;
    a.card.tags = vec!["熟客".into(), "爱聊天".into()];
    customers::create_customer(db, &m, a.clone()).unwrap();
    let (bytes, n) = frontdesk_core::customers::export::export_csv(db, &m).unwrap();
    assert_eq!(n, 1);
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.contains("=\"13812345678\""),
        "phones kept as text in Excel"
    );
    assert!(text.contains("=\"0012\""), "leading zeros kept");

    // Into a fresh shop: the same card comes back.
    let mut other = TempShop::new();
    let db2 = &mut other.db;
    let m2 = manager(db2);
    let req = request(db2, &m2, &bytes, DuplicatePolicy::Skip);
    assert!(
        req.mapping.iter().filter(|c| c.is_some()).count() >= 20,
        "{:?}",
        req.mapping
    );
    let r = import::run_import(db2, &m2, &req, &mut |_, _| {}).unwrap();
    assert_eq!(r.new_customers, 1);
    let back = card_of(db2, &m2, "5678");
    let want = a
        .card
        .validated(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        .unwrap();
    assert_eq!(back, want);
}

#[test]
fn only_managers_import_and_export() {
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = manager(db);
    staff::add_staff(
        db,
        &m,
        staff::AddStaffRequest {
            staff_no: "2001".into(),
            name: "张敏".into(),
            role: staff::Role::Receptionist,
            pin: "2001".into(),
        },
    )
    .unwrap();
    let r = staff::Desk::default()
        .sign_in(
            db,
            staff::SignInRequest {
                staff_no: "2001".into(),
                pin: "2001".into(),
            },
        )
        .unwrap();
    assert!(matches!(
        import::preview_import(
            db,
            &r,
            import::ImportPreviewRequest {
                file: import::FileBytes(b"a,b\n".to_vec())
            }
        ),
        Err(Error::Forbidden(staff::Permission::ImportCustomers))
    ));
    assert!(matches!(
        frontdesk_core::customers::export::export_csv(db, &r),
        Err(Error::Forbidden(staff::Permission::ExportCustomers))
    ));
}
