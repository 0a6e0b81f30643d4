//! Money: integer fen (分), one newtype, one formatter. No floats anywhere.

use std::fmt;
use std::iter::Sum;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount refused: the field it came from, why, and the bound it crossed.
/// Money sits below the error module, which turns this into
/// `Error::Invalid` (so `?` works in any command).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub field: &'static str,
    pub fault: Fault,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Not an amount of yuan with at most two decimals.
    Format,
    /// Below zero, above the largest price, or beyond what an i64 holds.
    OutOfRange,
}

type Result<T> = std::result::Result<T, Refused>;

fn out_of_range(field: &'static str, limit: Option<i64>) -> Refused {
    Refused {
        field,
        fault: Fault::OutOfRange,
        limit,
    }
}

crate::text_enum! {
    /// How money was taken (recorded by hand: no payment integration).
    pub enum PayMethod {
        Cash = "cash",
        /// Bank card.
        Card = "card",
        /// Mobile payment (WeChat Pay, Alipay), confirmed on the customer's phone.
        Mobile = "mobile",
    }
}

/// An amount in fen (1 yuan = 100 fen). Crosses to the UI as a plain integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[ts(export, type = "number")]
pub struct Fen(pub i64);

/// The largest amount a single price may have: ¥1,000,000.00.
pub const MAX_PRICE: Fen = Fen(100_000_000);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub fn yuan(y: i64) -> Fen {
        Fen(y * 100)
    }

    /// `self + other`, refused (naming `field`) if it would overflow.
    pub fn plus(self, other: Fen, field: &'static str) -> Result<Fen> {
        self.0
            .checked_add(other.0)
            .map(Fen)
            .ok_or_else(|| out_of_range(field, None))
    }

    /// `self - other`, refused (naming `field`) if it would overflow.
    pub fn minus(self, other: Fen, field: &'static str) -> Result<Fen> {
        self.0
            .checked_sub(other.0)
            .map(Fen)
            .ok_or_else(|| out_of_range(field, None))
    }

    /// `self × n` (a unit price times a quantity), refused if it would overflow.
    pub fn times(self, n: i64, field: &'static str) -> Result<Fen> {
        self.0
            .checked_mul(n)
            .map(Fen)
            .ok_or_else(|| out_of_range(field, None))
    }

    /// The amount with the sign turned (a refund of a spend).
    pub fn negated(self) -> Fen {
        Fen(self.0.saturating_neg())
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Add up amounts, refused (naming `field`) if the sum would overflow.
    pub fn total<'a>(
        amounts: impl IntoIterator<Item = &'a Fen>,
        field: &'static str,
    ) -> Result<Fen> {
        amounts
            .into_iter()
            .try_fold(Fen::ZERO, |sum, a| sum.plus(*a, field))
    }

    /// A price: from zero up to [`MAX_PRICE`].
    pub fn price(field: &'static str, fen: i64) -> Result<Fen> {
        if fen < 0 {
            return Err(out_of_range(field, Some(0)));
        }
        if fen > MAX_PRICE.0 {
            return Err(out_of_range(field, Some(MAX_PRICE.0)));
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
        let bad = || Refused {
            field,
            fault: Fault::Format,
            limit: None,
        };
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

/// Sums of amounts read from the data file, which are far below overflow
/// (every stored amount was checked when written); saturating, never wrapping.
impl<'a> Sum<&'a Fen> for Fen {
    fn sum<I: Iterator<Item = &'a Fen>>(iter: I) -> Fen {
        Fen(iter.fold(0i64, |s, a| s.saturating_add(a.0)))
    }
}

impl ToSql for Fen {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Fen {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Fen)
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

    #[test]
    fn arithmetic_is_checked_and_names_the_field() {
        assert_eq!(Fen(150).plus(Fen(50), "x").unwrap(), Fen(200));
        assert_eq!(Fen(150).minus(Fen(200), "x").unwrap(), Fen(-50));
        assert_eq!(Fen(2999).times(3, "x").unwrap(), Fen(8997));
        for overflow in [
            Fen(i64::MAX).plus(Fen(1), "payments"),
            Fen(i64::MIN).minus(Fen(1), "payments"),
            Fen(i64::MAX / 2).times(3, "payments"),
            Fen::total(&[Fen(i64::MAX), Fen(1)], "payments"),
        ] {
            assert_eq!(
                overflow,
                Err(Refused {
                    field: "payments",
                    fault: Fault::OutOfRange,
                    limit: None
                })
            );
        }
        assert_eq!(Fen::total(&[Fen(1), Fen(2)], "x").unwrap(), Fen(3));
    }

    #[test]
    fn amounts_are_integers_in_sqlite() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: Fen = c
            .query_row("SELECT ?1", [Fen(12850)], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Fen(12850));
    }

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
        assert_eq!(
            Fen::parse("price", typed),
            Err(Refused {
                field: "price",
                fault: Fault::Format,
                limit: None
            })
        );
    }

    #[test]
    fn prices_are_between_zero_and_a_million_yuan() {
        assert_eq!(Fen::price("price", -1).unwrap_err().limit, Some(0));
        assert_eq!(
            Fen::price("price", MAX_PRICE.0 + 1).unwrap_err().limit,
            Some(MAX_PRICE.0)
        );
        assert_eq!(Fen::price("price", 0).unwrap(), Fen(0));
    }
}
