//! Money: integer fen (分), one newtype, one formatter. No floats anywhere.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};

/// An amount in fen (1 yuan = 100 fen). Crosses to the UI as a plain integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[ts(export, type = "number")]
pub struct Fen(pub i64);

/// The largest amount a single price may have: ¥1,000,000.00.
pub const MAX_PRICE: Fen = Fen(100_000_000);

impl Fen {
    pub fn yuan(y: i64) -> Fen {
        Fen(y * 100)
    }

    /// A price: from zero up to [`MAX_PRICE`].
    pub fn price(field: &'static str, fen: i64) -> Result<Fen> {
        if fen < 0 {
            return Err(Error::invalid_limit(field, Invalid::OutOfRange, 0));
        }
        if fen > MAX_PRICE.0 {
            return Err(Error::invalid_limit(
                field,
                Invalid::OutOfRange,
                MAX_PRICE.0,
            ));
        }
        Ok(Fen(fen))
    }

    /// Parse a typed amount in yuan ("128", "128.5", "1,280.00", "¥98") into fen,
    /// exactly: more than two decimals is an error, never rounded.
    pub fn parse(field: &'static str, typed: &str) -> Result<Fen> {
        let s: String = crate::text::fold(typed)
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let bad = || Error::invalid(field, Invalid::Format);
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.as_str()),
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || whole.len() > 12
        {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse().map_err(|_| bad())?,
        };
        let fen = whole * 100 + frac;
        Ok(Fen(if neg { -fen } else { fen }))
    }
}

impl Fen {
    /// Yuan with two decimals and no symbol or grouping (`1234.50`,
    /// `-12.00`): for spreadsheets, which sum it.
    pub fn plain_yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl fmt::Display for Fen {
    /// ¥1,234.50 (and -¥12.00).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(0, "¥0.00")]
    #[case(5, "¥0.05")]
    #[case(12_850, "¥128.50")]
    #[case(123_456_789, "¥1,234,567.89")]
    #[case(-1_200, "-¥12.00")]
    fn money_is_formatted_with_grouping_and_two_decimals(#[case] fen: i64, #[case] want: &str) {
        assert_eq!(Fen(fen).to_string(), want);
    }

    #[rstest]
    #[case("128", 12_800)]
    #[case("128.5", 12_850)]
    #[case("128.05", 12_805)]
    #[case("1,280.00", 128_000)]
    #[case("¥98", 9_800)]
    #[case(".5", 50)]
    #[case("0.01", 1)]
    fn typed_yuan_become_exact_fen(#[case] typed: &str, #[case] fen: i64) {
        assert_eq!(Fen::parse("price", typed).unwrap(), Fen(fen));
    }

    #[rstest]
    #[case("")]
    #[case("12.345")]
    #[case("12a")]
    #[case("1e3")]
    #[case("1..2")]
    #[case("9999999999999")]
    fn anything_else_is_refused_never_rounded(#[case] typed: &str) {
        assert!(matches!(
            Fen::parse("price", typed),
            Err(Error::Invalid { field: "price", .. })
        ));
    }

    #[test]
    fn prices_are_between_zero_and_a_million_yuan() {
        assert!(Fen::price("price", -1).is_err());
        assert!(Fen::price("price", MAX_PRICE.0 + 1).is_err());
        assert_eq!(Fen::price("price", 0).unwrap(), Fen(0));
    }
}
