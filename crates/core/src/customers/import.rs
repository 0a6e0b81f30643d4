//! Customers from a spreadsheet: a CSV saved by Excel on a Chinese Windows PC
//! (GBK/GB18030, or UTF-8 with a BOM, or UTF-16 "Unicode text" with tabs) or
//! exported by another salon system. Columns are mapped (guessed from Chinese
//! and English headers), a dry run lists every bad row with its line number,
//! column and reason, and the import is all-or-nothing in one transaction.
//!
//! And back: [`export_csv`] writes UTF-8 with a BOM and CRLF line ends, which
//! Excel opens correctly, with long digit strings (phones, card numbers)
//! written as `="13812345678"` so Excel keeps them as text rather than 1.38E+10.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::{BloodType, CustomerClass, CustomerFields, Source};
use super::names::Gender;
use super::{CustomerId, phone};
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportColumn {
    Name,
    Phone,
    Gender,
    Salutation,
    Birthday,
    CardNo,
    Source,
    Referrer,
    Class,
    Tags,
    FirstVisit,
    Notes,
    SkinType,
    BloodType,
    Allergies,
    Contraindications,
    TreatmentsElsewhere,
    ProductsInUse,
    CareTimes,
    Workplace,
    HomePhone,
    Address,
    Hobbies,
    EatingHabits,
}

impl ImportColumn {
    /// The card field a column fills (names as in [`CustomerFields`]).
    pub fn field(self) -> &'static str {
        use ImportColumn::*;
        match self {
            Name => "name",
            Phone => "phone",
            Gender => "gender",
            Salutation => "salutation",
            Birthday => "birthday",
            CardNo => "card_no",
            Source => "source",
            Referrer => "referrer",
            Class => "class",
            Tags => "tags",
            FirstVisit => "first_visit",
            Notes => "notes",
            SkinType => "skin_type",
            BloodType => "blood_type",
            Allergies => "allergies",
            Contraindications => "contraindications",
            TreatmentsElsewhere => "treatments_elsewhere",
            ProductsInUse => "products_in_use",
            CareTimes => "care_times",
            Workplace => "workplace",
            HomePhone => "home_phone",
            Address => "address",
            Hobbies => "hobbies",
            EatingHabits => "eating_habits",
        }
    }

    /// Header words that name this column (lower-case, no spaces).
    fn synonyms(self) -> &'static [&'static str] {
        use ImportColumn::*;
        match self {
            Name => &[
                "姓名",
                "名字",
                "顾客姓名",
                "客户姓名",
                "会员姓名",
                "顾客",
                "客户名称",
                "name",
                "customername",
                "fullname",
            ],
            Phone => &[
                "手机",
                "手机号",
                "手机号码",
                "电话",
                "联系电话",
                "移动电话",
                "联系方式",
                "mobile",
                "phone",
                "mobilephone",
                "cell",
                "cellphone",
                "tel",
            ],
            Gender => &["性别", "gender", "sex"],
            Salutation => &["称呼", "salutation"],
            Birthday => &[
                "生日",
                "出生日期",
                "出生年月",
                "出生年月日",
                "birthday",
                "birthdate",
                "dateofbirth",
                "dob",
            ],
            CardNo => &[
                "会员卡号",
                "卡号",
                "会员号",
                "会员编号",
                "card",
                "cardno",
                "cardnumber",
                "memberno",
                "membercard",
            ],
            Source => &["来源", "顾客来源", "客户来源", "渠道", "source", "channel"],
            Referrer => &["介绍人", "推荐人", "referrer", "referredby"],
            Class => &[
                "分类",
                "类别",
                "顾客分类",
                "客户分类",
                "顾客类别",
                "class",
                "category",
            ],
            Tags => &["标签", "tags", "tag"],
            FirstVisit => &[
                "首次到店",
                "首次消费",
                "首次到店日期",
                "入会日期",
                "建档日期",
                "开卡日期",
                "firstvisit",
                "joined",
                "joindate",
                "since",
            ],
            Notes => &[
                "备注", "说明", "notes", "note", "remark", "remarks", "comment", "comments",
            ],
            SkinType => &["肤质", "皮肤类型", "皮肤", "skintype", "skin"],
            BloodType => &["血型", "bloodtype", "blood"],
            Allergies => &["过敏", "过敏史", "过敏源", "allergies", "allergy"],
            Contraindications => &[
                "禁忌",
                "健康状况",
                "身体状况",
                "contraindications",
                "health",
            ],
            TreatmentsElsewhere => &[
                "曾做护理",
                "护理史",
                "疗程史",
                "treatmentselsewhere",
                "previoustreatments",
            ],
            ProductsInUse => &["现用产品", "使用产品", "productsinuse", "products"],
            CareTimes => &["护理时间", "caretimes"],
            Workplace => &[
                "工作单位",
                "单位",
                "公司",
                "workplace",
                "company",
                "employer",
            ],
            HomePhone => &["住宅电话", "家庭电话", "座机", "homephone", "landline"],
            Address => &["地址", "住址", "家庭住址", "address"],
            Hobbies => &["爱好", "个人爱好", "兴趣", "hobbies", "interests"],
            EatingHabits => &["饮食习惯", "饮食", "eatinghabits", "diet"],
        }
    }

    pub const ALL: [ImportColumn; 24] = {
        use ImportColumn::*;
        [
            Name,
            Phone,
            Gender,
            Salutation,
            Birthday,
            CardNo,
            Source,
            Referrer,
            Class,
            Tags,
            FirstVisit,
            Notes,
            SkinType,
            BloodType,
            Allergies,
            Contraindications,
            TreatmentsElsewhere,
            ProductsInUse,
            CareTimes,
            Workplace,
            HomePhone,
            Address,
            Hobbies,
            EatingHabits,
        ]
    };

    /// Guess a column from its header.
    pub fn guess(header: &str) -> Option<ImportColumn> {
        let key: String = header
            .chars()
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(
                        c,
                        '_' | '-' | '.' | '*' | '（' | '）' | '(' | ')' | ':' | '：'
                    )
            })
            .flat_map(char::to_lowercase)
            .collect();
        ImportColumn::ALL
            .into_iter()
            .find(|c| c.synonyms().contains(&key.as_str()))
    }
}

/// What to do with a row whose mobile number is already a customer of the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DuplicatePolicy {
    /// Leave the existing card as it is.
    Skip,
    /// Fill the existing card's empty fields from the file; never overwrite.
    Merge,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The text encoding found: "UTF-8", "UTF-16LE", "GB18030", ...
    pub encoding: String,
    pub headers: Vec<String>,
    /// A guess per header (None: not imported).
    pub mapping: Vec<Option<ImportColumn>>,
    /// The first rows, as text, to check the mapping against.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
}

/// A file's bytes; crosses from the UI as a base64 string.
#[derive(Debug, Clone, PartialEq, Eq, Default, TS)]
#[ts(export, type = "string")]
pub struct FileBytes(pub Vec<u8>);

impl<'de> Deserialize<'de> for FileBytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use base64::Engine;
        let s = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(s.as_bytes())
            .map(FileBytes)
            .map_err(serde::de::Error::custom)
    }
}

/// At most this many bytes are read from an import file (20 MB ≈ 100k rows).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreviewRequest {
    pub file: FileBytes,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ImportRequest {
    /// The file's bytes.
    pub file: FileBytes,
    /// Per file column: what it holds (None: ignore the column).
    pub mapping: Vec<Option<ImportColumn>>,
    pub duplicates: DuplicatePolicy,
}

/// One refused cell or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowProblem {
    /// The line of the file where the row starts (the header is line 1).
    pub line: u64,
    /// The header of the column at fault, if one.
    pub column: Option<String>,
    /// The card field at fault (name as in CustomerFields), if one.
    pub field: Option<String>,
    pub reason: RowReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowReason {
    Required,
    TooLong,
    Format,
    Date,
    Repeated,
    TooMany,
    /// The same mobile appears on an earlier line of the file.
    DuplicateInFile,
    /// The card number belongs to another customer.
    CardTaken,
    /// The row has more or fewer cells than the header.
    Shape,
    /// Not readable as text in the detected encoding.
    Encoding,
}

/// Import progress, sent to the UI while rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    pub customers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub encoding: String,
    pub rows: usize,
    /// New customers the import creates (or created).
    pub new_customers: usize,
    /// Rows whose mobile is already a customer's.
    pub existing: usize,
    /// Of those, cards that gain fields (merge) — zero when skipping.
    pub merged: usize,
    pub problems: Vec<RowProblem>,
    /// True once the rows are in the data file.
    pub imported: bool,
}

// ------------------------------------------------------------------ decoding

/// Decode a spreadsheet export: BOMs first, then UTF-8 if it is valid, else
/// GB18030 (which GBK and GB2312 files are subsets of).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GB18030")
        }
    }
}

fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

struct Table {
    encoding: &'static str,
    headers: Vec<String>,
    /// (line, cells)
    rows: Vec<(u64, Vec<String>)>,
}

fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid_limit(
            "file",
            Invalid::TooLong,
            MAX_IMPORT_BYTES as i64,
        ));
    }
    let (text, encoding) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| unwrap_excel_text(h).to_string()).collect(),
        Some(Err(_)) => return Err(Error::invalid("file", Invalid::Format)),
        None => return Err(Error::invalid("file", Invalid::Required)),
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::invalid("file", Invalid::Required));
    }
    let mut rows = Vec::new();
    for rec in records {
        let rec = rec.map_err(|_| Error::invalid("file", Invalid::Format))?;
        let line = rec.position().map_or(0, |p| p.line());
        let cells: Vec<String> = rec
            .iter()
            .map(|c| unwrap_excel_text(c).to_string())
            .collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue; // blank lines at the end of Excel exports
        }
        rows.push((line, cells));
    }
    Ok(Table {
        encoding,
        headers,
        rows,
    })
}

/// `="0123"` (how spreadsheets are told to keep digits as text) → `0123`.
fn unwrap_excel_text(cell: &str) -> &str {
    let c = cell.trim();
    c.strip_prefix("=\"")
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(c)
        .trim()
}

// ------------------------------------------------------------------ values

/// Dates as people type them: 1990-05-12, 1990/5/12, 1990.5.12, 19900512,
/// 1990年5月12日, with or without a time after; and Excel's day numbers.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let s = s.split_whitespace().next().unwrap_or("");
    if s.is_empty() {
        return None;
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    if (1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        // Excel's serial day number (1900 date system).
        let n: i64 = s.parse().ok()?;
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
        return (n > 0).then(|| epoch + Duration::days(n));
    }
    let normalised: String = s
        .replace(['年', '月'], "-")
        .replace('日', "")
        .chars()
        .map(|c| if c == '/' || c == '.' { '-' } else { c })
        .collect();
    let parts: Vec<&str> = normalised.split('-').filter(|p| !p.is_empty()).collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
    {
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    None
}

fn parse_gender(s: &str) -> Gender {
    match s.trim().to_lowercase().as_str() {
        "女" | "女士" | "f" | "female" | "woman" => Gender::Female,
        "男" | "男士" | "先生" | "m" | "male" | "man" => Gender::Male,
        _ => Gender::Unknown,
    }
}

fn parse_source(s: &str) -> Source {
    let s = s.trim().to_lowercase();
    if s.is_empty()
        || [
            "自然进店",
            "进店",
            "路过",
            "到店",
            "walkin",
            "walk-in",
            "walk in",
        ]
        .contains(&s.as_str())
    {
        Source::WalkIn
    } else if s.contains("介绍") || s.contains("推荐") || s.contains("referr") {
        Source::Referral
    } else if [
        "网络",
        "网上",
        "线上",
        "美团",
        "点评",
        "大众点评",
        "抖音",
        "小红书",
        "微信",
        "online",
    ]
    .iter()
    .any(|k| s.contains(k))
    {
        Source::Online
    } else if s.contains("传单") || s.contains("flyer") {
        Source::Flyer
    } else {
        Source::Other
    }
}

fn parse_class(s: &str) -> Option<CustomerClass> {
    let s = s
        .trim()
        .trim_end_matches('类')
        .trim_end_matches("級")
        .trim();
    CustomerClass::parse(&s.to_uppercase())
}

fn parse_blood(s: &str) -> Option<BloodType> {
    let s = s.trim().trim_end_matches('型').to_uppercase();
    match s.as_str() {
        "" => None,
        "A" => Some(BloodType::A),
        "B" => Some(BloodType::B),
        "AB" => Some(BloodType::AB),
        "O" => Some(BloodType::O),
        _ => Some(BloodType::Other),
    }
}

fn reason_of(r: Invalid) -> RowReason {
    match r {
        Invalid::Required => RowReason::Required,
        Invalid::TooLong => RowReason::TooLong,
        Invalid::Date => RowReason::Date,
        Invalid::Repeated => RowReason::Repeated,
        Invalid::TooMany => RowReason::TooMany,
        _ => RowReason::Format,
    }
}

/// One row as card fields; dates that cannot be read are reported by field.
fn row_fields(
    cells: &[String],
    mapping: &[Option<ImportColumn>],
) -> (CustomerFields, Option<&'static str>) {
    let mut f = CustomerFields::default();
    let mut bad_date = None;
    for (i, col) in mapping.iter().enumerate() {
        let (Some(col), Some(v)) = (col, cells.get(i)) else {
            continue;
        };
        let v = v.trim().to_string();
        use ImportColumn::*;
        match col {
            Name => f.name = v,
            Phone => f.phone = v,
            Gender => f.gender = parse_gender(&v),
            Salutation => f.salutation = v,
            Birthday | FirstVisit => {
                let date = if v.is_empty() {
                    None
                } else {
                    match parse_date(&v) {
                        Some(d) => Some(d.format("%Y-%m-%d").to_string()),
                        None => {
                            bad_date = Some(col.field());
                            None
                        }
                    }
                };
                if *col == Birthday {
                    f.birthday = date;
                } else {
                    f.first_visit = date;
                }
            }
            CardNo => f.card_no = v,
            Source => f.source = parse_source(&v),
            Referrer => f.referrer = v,
            Class => f.class = parse_class(&v),
            Tags => {
                f.tags = v
                    .split([',', '，', ';', '；', '、', '/', '|'])
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            Notes => f.notes = v,
            SkinType => f.skin_type = v,
            BloodType => f.blood_type = parse_blood(&v),
            Allergies => f.allergies = v,
            Contraindications => f.contraindications = v,
            TreatmentsElsewhere => f.treatments_elsewhere = v,
            ProductsInUse => f.products_in_use = v,
            CareTimes => f.care_times = v,
            Workplace => f.workplace = v,
            HomePhone => f.home_phone = v,
            Address => f.address = v,
            Hobbies => f.hobbies = v,
            EatingHabits => f.eating_habits = v,
        }
    }
    (f, bad_date)
}

// ------------------------------------------------------------------ commands

/// Read the file's headers and first rows, and guess what each column holds.
pub fn preview_import(db: &mut Db, session: &Session, bytes: &[u8]) -> Result<ImportPreview> {
    db.read(|tx| staff::authorize(tx, session, Permission::ImportCustomers))?;
    let table = read_table(bytes)?;
    let mut mapping: Vec<Option<ImportColumn>> = table
        .headers
        .iter()
        .map(|h| ImportColumn::guess(h))
        .collect();
    // A column guessed twice keeps only its first header.
    let mut seen = Vec::new();
    for m in mapping.iter_mut() {
        if let Some(c) = *m {
            if seen.contains(&c) {
                *m = None;
            } else {
                seen.push(c);
            }
        }
    }
    Ok(ImportPreview {
        encoding: table.encoding.to_string(),
        headers: table.headers,
        mapping,
        sample: table.rows.iter().take(5).map(|(_, c)| c.clone()).collect(),
        rows: table.rows.len(),
    })
}

struct Plan {
    report: ImportReport,
    /// Validated new cards, in file order.
    new: Vec<CustomerFields>,
    /// Existing customers and the fields to merge into them.
    merges: Vec<(CustomerId, CustomerFields)>,
}

fn check_mapping(mapping: &[Option<ImportColumn>]) -> Result<()> {
    let mut seen = Vec::new();
    for c in mapping.iter().flatten() {
        if seen.contains(c) {
            return Err(Error::invalid("mapping", Invalid::Repeated));
        }
        seen.push(*c);
    }
    for needed in [ImportColumn::Name, ImportColumn::Phone] {
        if !seen.contains(&needed) {
            return Err(Error::invalid("mapping", Invalid::Required));
        }
    }
    Ok(())
}

fn plan(tx: &Tx<'_>, req: &ImportRequest) -> Result<Plan> {
    check_mapping(&req.mapping)?;
    let table = read_table(&req.file.0)?;
    let today = super::today(tx);
    let header_of = |field: &str| -> Option<String> {
        req.mapping
            .iter()
            .position(|c| c.map(ImportColumn::field) == Some(field))
            .and_then(|i| table.headers.get(i).cloned())
    };
    let mut report = ImportReport {
        encoding: table.encoding.to_string(),
        rows: table.rows.len(),
        new_customers: 0,
        existing: 0,
        merged: 0,
        problems: Vec::new(),
        imported: false,
    };
    let mut problem = |line: u64, field: Option<&str>, reason: RowReason| {
        report.problems.push(RowProblem {
            line,
            column: field.and_then(header_of),
            field: field.map(str::to_string),
            reason,
        });
    };
    let mut phones_in_file: HashMap<String, u64> = HashMap::new();
    let mut cards_in_file: HashMap<String, u64> = HashMap::new();
    let mut new = Vec::new();
    let mut merges = Vec::new();
    for (line, cells) in &table.rows {
        if cells.len() != table.headers.len() {
            problem(*line, None, RowReason::Shape);
            continue;
        }
        let (raw, bad_date) = row_fields(cells, &req.mapping);
        if let Some(field) = bad_date {
            problem(*line, Some(field), RowReason::Date);
            continue;
        }
        let f = match raw.validated(today) {
            Ok(f) => f,
            Err(Error::Invalid { field, reason, .. }) => {
                problem(*line, Some(field), reason_of(reason));
                continue;
            }
            Err(e) => return Err(e),
        };
        if phones_in_file.insert(f.phone.clone(), *line).is_some() {
            problem(*line, Some("phone"), RowReason::DuplicateInFile);
            continue;
        }
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM customers WHERE phone = ?1")?
            .query_row([&f.phone], |r| r.get(0))
            .ok();
        if !f.card_no.is_empty() {
            let owner: Option<Option<String>> = tx
                .prepare_cached("SELECT phone FROM customers WHERE card_no = ?1")?
                .query_row([&f.card_no], |r| r.get(0))
                .ok();
            let taken_in_db = matches!(&owner, Some(p) if p.as_deref() != Some(f.phone.as_str()));
            let taken_in_file = cards_in_file.insert(f.card_no.clone(), *line).is_some();
            if taken_in_db || taken_in_file {
                problem(*line, Some("card_no"), RowReason::CardTaken);
                continue;
            }
        }
        match existing {
            Some(id) => {
                report.existing += 1;
                if req.duplicates == DuplicatePolicy::Merge {
                    merges.push((CustomerId(id), f));
                }
            }
            None => new.push(f),
        }
    }
    report.new_customers = new.len();
    Ok(Plan {
        report,
        new,
        merges,
    })
}

/// Check every row without writing anything.
pub fn dry_run_import(db: &mut Db, session: &Session, req: &ImportRequest) -> Result<ImportReport> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ImportCustomers)?;
        let plan = plan(tx, req)?;
        let mut report = plan.report;
        report.merged = count_merges(tx, &plan.merges)?;
        Ok(report)
    })
}

fn fill_blanks(existing: &CustomerFields, new: &CustomerFields) -> CustomerFields {
    let pick = |a: &String, b: &String| if a.is_empty() { b.clone() } else { a.clone() };
    CustomerFields {
        name: existing.name.clone(),
        phone: existing.phone.clone(),
        salutation: pick(&existing.salutation, &new.salutation),
        gender: if existing.gender == Gender::Unknown {
            new.gender
        } else {
            existing.gender
        },
        birthday: existing.birthday.clone().or(new.birthday.clone()),
        card_no: pick(&existing.card_no, &new.card_no),
        source: existing.source,
        referrer: pick(&existing.referrer, &new.referrer),
        class: existing.class.or(new.class),
        tags: if existing.tags.is_empty() {
            new.tags.clone()
        } else {
            existing.tags.clone()
        },
        first_visit: existing.first_visit.clone().or(new.first_visit.clone()),
        notes: pick(&existing.notes, &new.notes),
        skin_type: pick(&existing.skin_type, &new.skin_type),
        blood_type: existing.blood_type.or(new.blood_type),
        allergies: pick(&existing.allergies, &new.allergies),
        contraindications: pick(&existing.contraindications, &new.contraindications),
        treatments_elsewhere: pick(&existing.treatments_elsewhere, &new.treatments_elsewhere),
        products_in_use: pick(&existing.products_in_use, &new.products_in_use),
        care_times: pick(&existing.care_times, &new.care_times),
        workplace: pick(&existing.workplace, &new.workplace),
        home_phone: pick(&existing.home_phone, &new.home_phone),
        address: pick(&existing.address, &new.address),
        hobbies: pick(&existing.hobbies, &new.hobbies),
        eating_habits: pick(&existing.eating_habits, &new.eating_habits),
        preferred_stylist_id: existing.preferred_stylist_id,
        drink: existing.drink,
        contact_channel: existing.contact_channel,
        do_not_contact: existing.do_not_contact,
    }
}

fn count_merges(tx: &Tx<'_>, merges: &[(CustomerId, CustomerFields)]) -> Result<usize> {
    let mut n = 0;
    for (id, f) in merges {
        let (existing, _) = super::load_fields(tx, *id)?;
        if !existing.changed(&fill_blanks(&existing, f)).is_empty() {
            n += 1;
        }
    }
    Ok(n)
}

/// Import every row in one transaction, or none: a file with any problem is
/// refused whole (run the dry run to see them). `progress(done, total)` is
/// called as rows are written.
pub fn run_import(
    db: &mut Db,
    session: &Session,
    req: &ImportRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ImportCustomers)?;
        let plan = plan(tx, req)?;
        if !plan.report.problems.is_empty() {
            return Err(Error::invalid_limit("file", Invalid::Format, plan.report.problems.len() as i64));
        }
        let mut report = plan.report;
        let total = plan.new.len() + plan.merges.len();
        let mut done = 0;
        for f in &plan.new {
            super::insert(tx, f, session.staff_id)?;
            done += 1;
            if done % 200 == 0 {
                progress(done, total);
            }
        }
        for (id, f) in &plan.merges {
            let (existing, erased) = super::load_fields(tx, *id)?;
            let merged = fill_blanks(&existing, f);
            let changed = existing.changed(&merged);
            if !erased && !changed.is_empty() {
                super::search::unindex(tx, &super::searchable(*id, &existing))?;
                super::write_fields(tx, *id, &merged, session.staff_id)?;
                crate::audit::record(
                    tx,
                    Some(session.staff_id),
                    "customer.update",
                    "customer",
                    Some(id.0),
                    crate::audit::NONE,
                    Some(&serde_json::json!({ "fields": changed, "by": "import" })),
                )?;
                report.merged += 1;
            }
            done += 1;
            if done % 200 == 0 {
                progress(done, total);
            }
        }
        progress(total, total);
        crate::audit::record(
            tx,
            Some(session.staff_id),
            "customer.import",
            "customer",
            None,
            crate::audit::NONE,
            Some(&serde_json::json!({ "rows": report.rows, "new": report.new_customers, "merged": report.merged })),
        )?;
        report.imported = true;
        Ok(report)
    })
}

// ------------------------------------------------------------------ export

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

/// A cell Excel must keep as text (a phone, a card number with leading
/// zeros): written unquoted as `="0012"`, which Excel shows as 0012. Digits
/// and letters only, so it never needs CSV quoting.
fn excel_text(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!("=\"{value}\"")
    }
}

/// RFC 4180 quoting for an ordinary cell.
pub(crate) fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Every customer's card as CSV bytes for Excel (UTF-8 with BOM, CRLF).
/// Erased customers are left out. Returns (bytes, customers written).
pub fn export_csv(db: &mut Db, session: &Session) -> Result<(Vec<u8>, usize)> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ExportCustomers)?;
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = EXPORT_HEADERS.iter().map(|(_, h)| quoted(h)).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        let mut stmt = tx.prepare(&format!(
            "SELECT {} FROM customers WHERE erased_at IS NULL ORDER BY id",
            super::CARD_COLUMNS
        ))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
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
            let record = [
                quoted(&f.name),
                excel_text(&f.phone),
                quoted(gender),
                quoted(&f.salutation),
                quoted(&f.birthday.clone().unwrap_or_default()),
                excel_text(&f.card_no),
                quoted(source),
                quoted(&f.referrer),
                quoted(&f.class.map(|c| c.as_str().to_string()).unwrap_or_default()),
                quoted(&f.tags.join("、")),
                quoted(&f.first_visit.clone().unwrap_or_default()),
                quoted(&f.skin_type),
                quoted(
                    &f.blood_type
                        .map(|b| b.as_str().to_string())
                        .unwrap_or_default(),
                ),
                quoted(&f.allergies),
                quoted(&f.contraindications),
                quoted(&f.treatments_elsewhere),
                quoted(&f.products_in_use),
                quoted(&f.care_times),
                quoted(&f.workplace),
                excel_text(&f.home_phone),
                quoted(&f.address),
                quoted(&f.hobbies),
                quoted(&f.eating_habits),
                quoted(&f.notes),
            ];
            out.push_str(&record.join(","));
            out.push_str("\r\n");
            n += 1;
        }
        Ok((out.into_bytes(), n))
    })
}

/// Normalise a phone as the importer does (for tests and previews).
pub fn import_phone(s: &str) -> Option<String> {
    phone::normalise("phone", unwrap_excel_text(s)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("1990-05-12", Some((1990, 5, 12)))]
    #[case("1990/5/12", Some((1990, 5, 12)))]
    #[case("1990.05.12", Some((1990, 5, 12)))]
    #[case("19900512", Some((1990, 5, 12)))]
    #[case("1990年5月12日", Some((1990, 5, 12)))]
    #[case("1990-05-12 00:00:00", Some((1990, 5, 12)))]
    #[case("33005", Some((1990, 5, 12)))] // Excel's day number
    #[case("1990-02-30", None)]
    #[case("12/05/1990", None)] // day/month order is ambiguous: refused
    #[case("yesterday", None)]
    fn dates_are_read_as_people_type_them(#[case] s: &str, #[case] want: Option<(i32, u32, u32)>) {
        assert_eq!(
            parse_date(s),
            want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        );
    }

    #[rstest]
    #[case("姓名", Some(ImportColumn::Name))]
    #[case("顾客姓名", Some(ImportColumn::Name))]
    #[case("Name", Some(ImportColumn::Name))]
    #[case("手机号码", Some(ImportColumn::Phone))]
    #[case("Mobile Phone", Some(ImportColumn::Phone))]
    #[case("出生日期", Some(ImportColumn::Birthday))]
    #[case("会员卡号", Some(ImportColumn::CardNo))]
    #[case("过敏史", Some(ImportColumn::Allergies))]
    #[case("Date of birth", Some(ImportColumn::Birthday))]
    #[case("消费金额", None)]
    fn columns_are_guessed_from_chinese_and_english_headers(
        #[case] h: &str,
        #[case] want: Option<ImportColumn>,
    ) {
        assert_eq!(ImportColumn::guess(h), want);
    }

    #[test]
    fn gbk_and_utf16_files_are_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\r\n李美华,13812345678\r\n");
        let (text, enc) = decode(&gbk);
        assert_eq!(enc, "GB18030");
        assert!(text.contains("李美华"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "姓名\t手机\r\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let (text, enc) = decode(&utf16);
        assert_eq!(enc, "UTF-16LE");
        assert_eq!(text, "姓名\t手机\r\n");
        let (text, enc) = decode("\u{feff}姓名".as_bytes());
        assert_eq!((text.as_str(), enc), ("姓名", "UTF-8"));
    }
}
