//! Mainland mobile numbers: normalising what people type, and masking.

use crate::error::{Error, Invalid, Result};

/// Normalise a typed mobile number to its 11 digits: full-width digits (from
/// an IME) are folded, spaces, dashes, dots and brackets are dropped, and a
/// +86 / 0086 / 86 country prefix is removed. The result must be `1[3-9]`
/// followed by nine digits.
pub fn normalise(field: &'static str, typed: &str) -> Result<String> {
    let folded = crate::text::fold(typed);
    let trimmed = folded.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(field, Invalid::Required));
    }
    let mut digits = String::with_capacity(11);
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '\u{3000}' => {}
            '+' if i == 0 => {}
            _ => return Err(Error::invalid(field, Invalid::Format)),
        }
    }
    let national = if digits.len() == 15 && digits.starts_with("0086") {
        &digits[4..]
    } else if digits.len() == 13 && digits.starts_with("86") {
        &digits[2..]
    } else {
        &digits[..]
    };
    let b = national.as_bytes();
    let ok = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    if ok {
        Ok(national.to_string())
    } else {
        Err(Error::invalid(field, Invalid::Format))
    }
}

/// `13812345678` → `138****5678`. Anything not 11 characters is masked whole
/// except its last four, so a mask never reveals more than it should.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 {
        format!(
            "{}****{}",
            chars[..3].iter().collect::<String>(),
            chars[7..].iter().collect::<String>()
        )
    } else if chars.len() > 4 {
        format!(
            "{}{}",
            "*".repeat(chars.len() - 4),
            chars[chars.len() - 4..].iter().collect::<String>()
        )
    } else {
        "*".repeat(chars.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("13812345678", "13812345678")]
    #[case(" 138 1234 5678 ", "13812345678")]
    #[case("138-1234-5678", "13812345678")]
    #[case("+86 138 1234 5678", "13812345678")]
    #[case("8613812345678", "13812345678")]
    #[case("0086-13812345678", "13812345678")]
    #[case("19900001111", "19900001111")]
    #[case("１３６１２３４５６７８", "13612345678")] // full-width, from an IME
    #[case("＋８６　１３６－１２３４－５６７８", "13612345678")]
    fn typed_mobile_numbers_are_normalised(#[case] typed: &str, #[case] want: &str) {
        assert_eq!(normalise("phone", typed).unwrap(), want);
    }

    #[rstest]
    #[case("1381234567")] // 10 digits
    #[case("138123456789")] // 12 digits
    #[case("12812345678")] // second digit 2
    #[case("23812345678")] // not starting with 1
    #[case("1381234567a")]
    #[case("138+12345678")]
    #[case("010-12345678")] // a landline
    fn anything_but_a_mainland_mobile_is_refused_as_a_format_error(#[case] typed: &str) {
        assert!(matches!(
            normalise("phone", typed),
            Err(Error::Invalid {
                field: "phone",
                reason: Invalid::Format,
                ..
            })
        ));
    }

    #[test]
    fn an_empty_phone_is_required() {
        assert!(matches!(
            normalise("phone", "  "),
            Err(Error::Invalid {
                reason: Invalid::Required,
                ..
            })
        ));
    }

    #[test]
    fn masks_keep_the_first_three_and_last_four_digits() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("123456"), "**3456");
        assert_eq!(mask("123"), "***");
    }
}
