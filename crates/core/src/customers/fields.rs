//! The fields of a customer's profile card (顾客档案卡) and their validation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::names::Gender;
use super::phone;
use super::search::normalise_card;
use crate::error::{Error, Invalid, Result};
use crate::staff::StaffId;
use crate::validate;

crate::text_enum! {
    /// How the customer heard of the shop.
    pub enum Source {
        WalkIn = "walk_in",
        Referral = "referral",
        Online = "online",
        Flyer = "flyer",
        Other = "other",
    }
}

crate::text_enum! {
    /// A = strong intent and means; B = potential; C = price-driven (the manuals' A/B/C).
    pub enum CustomerClass { A = "A", B = "B", C = "C" }
}

crate::text_enum! {
    pub enum BloodType { A = "A", B = "B", AB = "AB", O = "O", Other = "other" }
}

crate::text_enum! {
    pub enum Drink { Tea = "tea", Juice = "juice", Water = "water", Coffee = "coffee" }
}

crate::text_enum! {
    pub enum ContactChannel { Phone = "phone", Sms = "sms", Wechat = "wechat" }
}

/// Every editable field of the card. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerFields {
    // Identity
    pub name: String,
    /// How to address her/him, when the automatic 李姐 / 李女士 is not right.
    pub salutation: String,
    pub gender: Gender,
    pub phone: String,
    pub birthday: Option<String>,
    pub card_no: String,
    pub source: Source,
    /// Who referred her (name or phone), when the source is a referral.
    pub referrer: String,
    pub class: Option<CustomerClass>,
    pub tags: Vec<String>,
    pub first_visit: Option<String>,
    pub notes: String,
    // Care record
    pub skin_type: String,
    pub blood_type: Option<BloodType>,
    pub allergies: String,
    pub contraindications: String,
    pub treatments_elsewhere: String,
    pub products_in_use: String,
    pub care_times: String,
    pub workplace: String,
    pub home_phone: String,
    pub address: String,
    pub hobbies: String,
    pub eating_habits: String,
    // Preferences
    pub preferred_stylist_id: Option<StaffId>,
    pub drink: Option<Drink>,
    pub contact_channel: ContactChannel,
    pub do_not_contact: bool,
}

impl Default for CustomerFields {
    fn default() -> Self {
        CustomerFields {
            name: String::new(),
            salutation: String::new(),
            gender: Gender::Unknown,
            phone: String::new(),
            birthday: None,
            card_no: String::new(),
            source: Source::WalkIn,
            referrer: String::new(),
            class: None,
            tags: Vec::new(),
            first_visit: None,
            notes: String::new(),
            skin_type: String::new(),
            blood_type: None,
            allergies: String::new(),
            contraindications: String::new(),
            treatments_elsewhere: String::new(),
            products_in_use: String::new(),
            care_times: String::new(),
            workplace: String::new(),
            home_phone: String::new(),
            address: String::new(),
            hobbies: String::new(),
            eating_habits: String::new(),
            preferred_stylist_id: None,
            drink: None,
            contact_channel: ContactChannel::Phone,
            do_not_contact: false,
        }
    }
}

pub const NAME_MAX: usize = 30;
const SHORT: usize = 30;
const CARE: usize = 300;
pub const MAX_TAGS: usize = 10;
const TAG_MAX: usize = 12;

fn card_number(typed: &str) -> Result<String> {
    let card_no = normalise_card(typed);
    if card_no.chars().count() > 20 {
        return Err(Error::invalid_limit("card_no", Invalid::TooLong, 20));
    }
    if !card_no.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid("card_no", Invalid::Format));
    }
    Ok(card_no)
}

/// A landline as typed (digits, spaces, dashes, brackets, a leading +),
/// full-width forms folded.
fn home_phone(typed: &str) -> Result<String> {
    let home_phone = validate::code("home_phone", typed, 20)?;
    if !home_phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
    {
        return Err(Error::invalid("home_phone", Invalid::Format));
    }
    Ok(home_phone)
}

fn tags(typed: &[String]) -> Result<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for t in typed {
        let t = validate::code("tags", t, TAG_MAX)?;
        if t.is_empty() {
            continue;
        }
        if tags.contains(&t) {
            return Err(Error::invalid("tags", Invalid::Repeated));
        }
        tags.push(t);
    }
    if tags.len() > MAX_TAGS {
        return Err(Error::invalid_limit(
            "tags",
            Invalid::TooMany,
            MAX_TAGS as i64,
        ));
    }
    Ok(tags)
}

/// A date typed as `YYYY-MM-DD`, real, from 1900 up to `latest`.
pub fn date(field: &'static str, value: &str, latest: NaiveDate) -> Result<String> {
    let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, Invalid::Date))?;
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    if d < earliest || d > latest {
        return Err(Error::invalid(field, Invalid::Date));
    }
    Ok(d.format("%Y-%m-%d").to_string())
}

/// Collects every field problem instead of stopping at the first, so an
/// import's dry run can report all that is wrong with a row at once.
#[derive(Default)]
struct Problems(Vec<Error>);

impl Problems {
    fn take<T: Default>(&mut self, r: Result<T>) -> T {
        r.unwrap_or_else(|e| {
            self.0.push(e);
            T::default()
        })
    }
}

impl CustomerFields {
    /// Check and tidy every field (the name rule, the phone and card number
    /// normalised, full-width forms folded). `today` bounds the dates: nobody
    /// is born tomorrow. Refuses with the first problem, in card order.
    pub fn validated(&self, today: NaiveDate) -> Result<CustomerFields> {
        self.check(today).map_err(|mut all| all.swap_remove(0))
    }

    /// As [`validated`](Self::validated), but with every problem of the card.
    pub fn check(&self, today: NaiveDate) -> std::result::Result<CustomerFields, Vec<Error>> {
        let mut p = Problems::default();
        let text = validate::optional_text;
        let opt_date = |field: &'static str, v: &Option<String>| -> Result<Option<String>> {
            match v
                .as_deref()
                .map(crate::text::fold)
                .as_deref()
                .map(str::trim)
            {
                None | Some("") => Ok(None),
                Some(s) => date(field, s, today).map(Some),
            }
        };
        let card_no = p.take(card_number(&self.card_no));
        let home_phone = p.take(home_phone(&self.home_phone));
        let tags = p.take(tags(&self.tags));
        let f = CustomerFields {
            name: p.take(validate::person_name("name", &self.name, NAME_MAX)),
            salutation: p.take(text(
                "salutation",
                &crate::text::person_name(&self.salutation),
                10,
            )),
            gender: self.gender,
            phone: p.take(phone::normalise("phone", &self.phone)),
            birthday: p.take(opt_date("birthday", &self.birthday)),
            card_no,
            source: self.source,
            referrer: p.take(text(
                "referrer",
                &crate::text::person_name(&self.referrer),
                SHORT,
            )),
            class: self.class,
            tags,
            first_visit: p.take(opt_date("first_visit", &self.first_visit)),
            notes: p.take(text("notes", &self.notes, 1000)),
            skin_type: p.take(text("skin_type", &self.skin_type, SHORT)),
            blood_type: self.blood_type,
            allergies: p.take(text("allergies", &self.allergies, CARE)),
            contraindications: p.take(text("contraindications", &self.contraindications, CARE)),
            treatments_elsewhere: p.take(text(
                "treatments_elsewhere",
                &self.treatments_elsewhere,
                CARE,
            )),
            products_in_use: p.take(text("products_in_use", &self.products_in_use, CARE)),
            care_times: p.take(text("care_times", &self.care_times, SHORT)),
            workplace: p.take(text("workplace", &self.workplace, 60)),
            home_phone,
            address: p.take(text("address", &self.address, 120)),
            hobbies: p.take(text("hobbies", &self.hobbies, 120)),
            eating_habits: p.take(text("eating_habits", &self.eating_habits, 120)),
            preferred_stylist_id: self.preferred_stylist_id,
            drink: self.drink,
            contact_channel: self.contact_channel,
            do_not_contact: self.do_not_contact,
        };
        if p.0.is_empty() {
            Ok(f)
        } else {
            // Card order, as the fields appear on the form.
            p.0.sort_by_key(|e| match e {
                Error::Invalid { field, .. } => FIELD_NAMES.iter().position(|f| f == field),
                _ => None,
            });
            Err(p.0)
        }
    }

    /// The names of the fields that differ between two versions of a card
    /// (the audit trail and the timeline record names, never personal values).
    pub fn changed(&self, other: &CustomerFields) -> Vec<&'static str> {
        let a = serde_json::to_value(self).unwrap_or_default();
        let b = serde_json::to_value(other).unwrap_or_default();
        FIELD_NAMES
            .iter()
            .copied()
            .filter(|f| a.get(*f) != b.get(*f))
            .collect()
    }
}

/// Every field of [`CustomerFields`], in card order.
pub const FIELD_NAMES: &[&str] = &[
    "name",
    "salutation",
    "gender",
    "phone",
    "birthday",
    "card_no",
    "source",
    "referrer",
    "class",
    "tags",
    "first_visit",
    "notes",
    "skin_type",
    "blood_type",
    "allergies",
    "contraindications",
    "treatments_elsewhere",
    "products_in_use",
    "care_times",
    "workplace",
    "home_phone",
    "address",
    "hobbies",
    "eating_habits",
    "preferred_stylist_id",
    "drink",
    "contact_channel",
    "do_not_contact",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn ok() -> CustomerFields {
        CustomerFields {
            name: "李美华".into(),
            phone: "13812345678".into(),
            ..Default::default()
        }
    }

    fn refused(f: CustomerFields) -> (&'static str, Invalid) {
        match f.validated(today()) {
            Err(Error::Invalid { field, reason, .. }) => (field, reason),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn every_bad_field_is_refused_by_name() {
        assert_eq!(
            refused(CustomerFields {
                name: " ".into(),
                ..ok()
            }),
            ("name", Invalid::Required)
        );
        assert_eq!(
            refused(CustomerFields {
                phone: "123".into(),
                ..ok()
            }),
            ("phone", Invalid::Format)
        );
        assert_eq!(
            refused(CustomerFields {
                birthday: Some("1990-02-30".into()),
                ..ok()
            }),
            ("birthday", Invalid::Date)
        );
        assert_eq!(
            refused(CustomerFields {
                birthday: Some("2027-01-01".into()),
                ..ok()
            }),
            ("birthday", Invalid::Date)
        );
        assert_eq!(
            refused(CustomerFields {
                first_visit: Some("yesterday".into()),
                ..ok()
            }),
            ("first_visit", Invalid::Date)
        );
        assert_eq!(
            refused(CustomerFields {
                card_no: "VIP#1".into(),
                ..ok()
            }),
            ("card_no", Invalid::Format)
        );
        assert_eq!(
            refused(CustomerFields {
                allergies: "果".repeat(301),
                ..ok()
            }),
            ("allergies", Invalid::TooLong)
        );
        assert_eq!(
            refused(CustomerFields {
                tags: vec!["熟客".into(), "熟客".into()],
                ..ok()
            }),
            ("tags", Invalid::Repeated)
        );
        assert_eq!(
            refused(CustomerFields {
                tags: (0..11).map(|i| format!("t{i}")).collect(),
                ..ok()
            }),
            ("tags", Invalid::TooMany)
        );
        assert_eq!(
            refused(CustomerFields {
                home_phone: "call me".into(),
                ..ok()
            }),
            ("home_phone", Invalid::Format)
        );
    }

    #[test]
    fn good_fields_are_tidied() {
        let f = CustomerFields {
            name: " 李美华 ".into(),
            phone: "138-1234-5678".into(),
            card_no: " vip 0012 ".into(),
            birthday: Some("1988-03-15".into()),
            tags: vec![" 熟客 ".into(), "".into()],
            ..Default::default()
        }
        .validated(today())
        .unwrap();
        assert_eq!(f.name, "李美华");
        assert_eq!(f.phone, "13812345678");
        assert_eq!(f.card_no, "VIP0012");
        assert_eq!(f.tags, vec!["熟客".to_string()]);
    }

    #[test]
    fn changes_are_reported_by_field_name() {
        let a = ok();
        let b = CustomerFields {
            allergies: "果酸".into(),
            tags: vec!["VIP".into()],
            ..ok()
        };
        assert_eq!(a.changed(&b), vec!["tags", "allergies"]);
        assert!(a.changed(&a).is_empty());
    }
}
