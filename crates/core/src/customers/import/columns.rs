//! The columns of an import file: what each holds, guessed from Chinese and
//! English headers, and how a cell's text becomes a card field (dates as
//! people type them, 女/男, 自然进店/老顾客介绍, A类, O型).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RowReason;
use crate::customers::fields::{BloodType, CustomerClass, CustomerFields, Source};
use crate::customers::names::Gender;
use crate::error::Invalid;

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

    /// Guess a column from its header (full-width forms folded: 手机号（必填）).
    pub fn guess(header: &str) -> Option<ImportColumn> {
        let key: String = crate::text::fold(header)
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

/// Dates as people type them: 1990-05-12, 1990/5/12, 1990.5.12, 19900512,
/// 1990年5月12日, with or without a time after; and Excel's day numbers.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let folded = crate::text::fold(s);
    let s = folded.trim();
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
    match crate::text::fold(s).trim().to_lowercase().as_str() {
        "女" | "女士" | "f" | "female" | "woman" => Gender::Female,
        "男" | "男士" | "先生" | "m" | "male" | "man" => Gender::Male,
        _ => Gender::Unknown,
    }
}

fn parse_source(s: &str) -> Source {
    let s = crate::text::fold(s).trim().to_lowercase();
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
    let folded = crate::text::fold(s);
    let s = folded
        .trim()
        .trim_end_matches('类')
        .trim_end_matches("級")
        .trim();
    CustomerClass::parse(&s.to_uppercase())
}

fn parse_blood(s: &str) -> Option<BloodType> {
    let s = crate::text::fold(s)
        .trim()
        .trim_end_matches('型')
        .to_uppercase();
    match s.as_str() {
        "" => None,
        "A" => Some(BloodType::A),
        "B" => Some(BloodType::B),
        "AB" => Some(BloodType::AB),
        "O" => Some(BloodType::O),
        _ => Some(BloodType::Other),
    }
}

pub(super) fn reason_of(r: Invalid) -> RowReason {
    match r {
        Invalid::Required => RowReason::Required,
        Invalid::TooLong => RowReason::TooLong,
        Invalid::Date => RowReason::Date,
        Invalid::Repeated => RowReason::Repeated,
        Invalid::TooMany => RowReason::TooMany,
        Invalid::Encoding => RowReason::Encoding,
        _ => RowReason::Format,
    }
}

/// One row as card fields, and the fields whose dates cannot be read.
pub(super) fn row_fields(
    cells: &[String],
    mapping: &[Option<ImportColumn>],
) -> (CustomerFields, Vec<&'static str>) {
    let mut f = CustomerFields::default();
    let mut bad_dates = Vec::new();
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
                            bad_dates.push(col.field());
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
    (f, bad_dates)
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
}
