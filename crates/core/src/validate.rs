//! Field validation shared by every command: each check names the request
//! field it refuses, so the UI can put the translated message next to it.

use crate::error::{Error, Invalid, Result};

/// Trim, refuse empty, refuse longer than `max` characters.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, Invalid::Required));
    }
    optional_text(field, v, max)
}

/// Trim and refuse longer than `max` characters; empty is allowed. Line
/// breaks are stored as `\n` whatever wrote them (a Windows CRLF, a CR-only
/// file, Excel's in-cell break), and other control characters are refused.
pub fn optional_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let unified;
    let value = if value.contains('\r') {
        unified = value.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        value
    };
    let v = value.trim();
    if v.chars().count() > max {
        return Err(Error::invalid_limit(field, Invalid::TooLong, max as i64));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(field, Invalid::Format));
    }
    Ok(v.to_string())
}

/// A person's name (a customer, a staff member, a walk-in): tidied by the
/// one name rule ([`crate::text::person_name`]), required, at most `max`
/// characters.
pub fn person_name(field: &'static str, value: &str, max: usize) -> Result<String> {
    required_text(field, &crate::text::person_name(value), max)
}

/// A code people type or scan (a staff number, a category, a tag): full-width
/// forms folded, trimmed, at most `max` characters; empty is allowed.
pub fn code(field: &'static str, value: &str, max: usize) -> Result<String> {
    optional_text(field, &crate::text::fold(value), max)
}

/// Refuse a number outside `min..=max`.
pub fn in_range(field: &'static str, value: i64, min: i64, max: i64) -> Result<i64> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Error::invalid_limit(
            field,
            Invalid::OutOfRange,
            if value < min { min } else { max },
        ))
    }
}

/// A calendar date typed as `YYYY-MM-DD` (full-width digits folded), real,
/// between 2000 and 2099: the dates of promotions, validity and reports.
pub fn calendar_date(field: &'static str, value: &str) -> Result<chrono::NaiveDate> {
    let typed = crate::text::fold(value);
    let d = chrono::NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, Invalid::Date))?;
    if !(2000..=2099).contains(&chrono::Datelike::year(&d)) {
        return Err(Error::invalid(field, Invalid::Date));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_measured_in_characters_not_bytes() {
        assert_eq!(required_text("name", "  李美华 ", 3).unwrap(), "李美华");
        assert!(matches!(
            required_text("name", "李美华丽", 3),
            Err(Error::Invalid {
                field: "name",
                reason: Invalid::TooLong,
                limit: Some(3)
            })
        ));
        assert!(matches!(
            required_text("name", " \t ", 3),
            Err(Error::Invalid {
                reason: Invalid::Required,
                ..
            })
        ));
        assert!(matches!(
            optional_text("note", "a\u{0}b", 10),
            Err(Error::Invalid {
                reason: Invalid::Format,
                ..
            })
        ));
        assert_eq!(optional_text("note", "", 10).unwrap(), "");
        assert_eq!(
            optional_text("note", "a\r\nb\rc\nd", 10).unwrap(),
            "a\nb\nc\nd"
        );
    }

    #[test]
    fn numbers_outside_their_range_are_refused_with_the_bound() {
        assert_eq!(in_range("m", 5, 1, 10).unwrap(), 5);
        assert!(matches!(
            in_range("m", 0, 1, 10),
            Err(Error::Invalid { limit: Some(1), .. })
        ));
        assert!(matches!(
            in_range("m", 11, 1, 10),
            Err(Error::Invalid {
                limit: Some(10),
                ..
            })
        ));
    }

    #[test]
    fn calendar_dates_are_real_and_in_this_century() {
        assert_eq!(
            calendar_date("d", " ２０２６-12-01 ").unwrap().to_string(),
            "2026-12-01"
        );
        for bad in [
            "2026-02-30",
            "1999-12-31",
            "2100-01-01",
            "2026/12/01",
            "",
            "明天",
        ] {
            assert!(
                matches!(
                    calendar_date("d", bad),
                    Err(Error::Invalid {
                        field: "d",
                        reason: Invalid::Date,
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }
}
