//! Customers to a spreadsheet: every card as CSV for Excel (written by
//! [`crate::spreadsheet`], which neutralises formulas and keeps phones as
//! text). The headers are the importer's own, so an export imports back.

use crate::customers::fields::Source;
use crate::customers::names::Gender;
use crate::error::Result;
use crate::spreadsheet::{ExportResult, Sheet};
use crate::staff::{self, Permission, Session};
use crate::storage::Db;

/// Column headers of the export, in Chinese (the shop's language); the
/// importer recognises them, so an export can be imported again.
const EXPORT_HEADERS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("phone", "手机号"),
    ("gender", "性别"),
    ("salutation", "称呼"),
    ("birthday", "生日"),
    ("card_no", "会员卡号"),
    ("source", "来源"),
    ("referrer", "介绍人"),
    ("class", "分类"),
    ("tags", "标签"),
    ("first_visit", "首次到店"),
    ("skin_type", "肤质"),
    ("blood_type", "血型"),
    ("allergies", "过敏史"),
    ("contraindications", "禁忌"),
    ("treatments_elsewhere", "护理史"),
    ("products_in_use", "现用产品"),
    ("care_times", "护理时间"),
    ("workplace", "工作单位"),
    ("home_phone", "住宅电话"),
    ("address", "地址"),
    ("hobbies", "爱好"),
    ("eating_habits", "饮食习惯"),
    ("notes", "备注"),
];

/// A card field's Chinese name (`phone` → 手机号), as the export's header
/// has it; an unknown name as it is.
pub fn field_title(name: &str) -> &str {
    match name {
        "preferred_stylist_id" => "指定发型师",
        "drink" => "饮品",
        "contact_channel" => "联系方式",
        "do_not_contact" => "勿扰",
        _ => EXPORT_HEADERS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, title)| title),
    }
}

/// Export every card to `exports/顾客-<date>-<time>.csv` beside the data file.
pub fn export_customers(db: &mut Db, session: &Session) -> Result<ExportResult> {
    let (bytes, rows) = export_csv(db, session)?;
    let written = crate::spreadsheet::write_export(db, "顾客", &bytes, rows)?;
    // Every card leaving the shop in a file is on the record: who, when, how many.
    db.transact(|tx| {
        crate::audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CustomerExport,
            None,
            crate::audit::NONE,
            Some(&serde_json::json!({ "rows": rows })),
        )
    })?;
    Ok(written)
}

/// Every customer's card as CSV bytes for Excel. Erased customers are left
/// out. Returns (bytes, customers written).
pub fn export_csv(db: &mut Db, session: &Session) -> Result<(Vec<u8>, usize)> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ExportCustomers)?;
        let mut sheet = Sheet::new();
        let titles: Vec<&str> = EXPORT_HEADERS.iter().map(|(_, h)| *h).collect();
        sheet.header(&titles);
        let mut stmt = tx.prepare(&format!(
            "SELECT {} FROM customers WHERE erased_at IS NULL ORDER BY id",
            super::CARD_COLUMNS
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let f = super::fields_from_row(row)?;
            let gender = match f.gender {
                Gender::Female => "女",
                Gender::Male => "男",
                Gender::Unknown => "",
            };
            let source = match f.source {
                Source::WalkIn => "自然进店",
                Source::Referral => "老顾客介绍",
                Source::Online => "网络",
                Source::Flyer => "传单",
                Source::Other => "其他",
            };
            sheet
                .text(&f.name)
                .digits(&f.phone)
                .text(gender)
                .text(&f.salutation)
                .text(f.birthday.as_deref().unwrap_or_default())
                .digits(&f.card_no)
                .text(source)
                .text(&f.referrer)
                .text(f.class.map_or("", |c| c.as_str()))
                .text(&f.tags.join("、"))
                .text(f.first_visit.as_deref().unwrap_or_default())
                .text(&f.skin_type)
                .text(f.blood_type.map_or("", |b| b.as_str()))
                .text(&f.allergies)
                .text(&f.contraindications)
                .text(&f.treatments_elsewhere)
                .text(&f.products_in_use)
                .text(&f.care_times)
                .text(&f.workplace)
                .digits(&f.home_phone)
                .text(&f.address)
                .text(&f.hobbies)
                .text(&f.eating_habits)
                .text(&f.notes)
                .end_row();
        }
        let n = sheet.rows();
        Ok((sheet.into_bytes(), n))
    })
}
