//! Stored codes: the one way an enum is stored, as its text code, which is
//! also its JSON name and its TypeScript literal. Reading a code the app does not know
//! (a newer app's value, a hand-edited file) is an error naming the type and
//! the value, never a silent default.

use std::fmt;

/// A stored code no variant of `ty` has.
#[derive(Debug)]
pub struct UnknownCode {
    pub ty: &'static str,
    pub code: String,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?} in the data file", self.ty, self.code)
    }
}

impl std::error::Error for UnknownCode {}

/// A code column where an empty string or NULL means "none" (an optional
/// field of a card): None for those, the variant otherwise, an error for a
/// code the app does not know.
pub fn optional<T: rusqlite::types::FromSql>(
    row: &rusqlite::Row<'_>,
    column: &str,
) -> rusqlite::Result<Option<T>> {
    let index = row.as_ref().column_index(column)?;
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        rusqlite::types::ValueRef::Text([]) => Ok(None),
        value => T::column_result(value).map(Some).map_err(|e| match e {
            rusqlite::types::FromSqlError::Other(err) => {
                rusqlite::Error::FromSqlConversionFailure(index, value.data_type(), err)
            }
            other => {
                rusqlite::Error::FromSqlConversionFailure(index, value.data_type(), Box::new(other))
            }
        }),
    }
}

/// Declare an enum stored as text:
///
/// ```ignore
/// text_enum! {
///     /// Where a visit is in the flow.
///     pub enum Stage { Greet = "greet", Consult = "consult" }
/// }
/// ```
///
/// gives the enum (serde and TypeScript use the same codes), `ALL`,
/// `as_str`, `parse` (None for an unknown code), and SQLite conversions that
/// refuse an unknown code.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[ts(export)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        #[allow(dead_code)]
        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the data file (and sent as JSON).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The variant with this code; None for a code the app does not know.
            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let code = value.as_str()?;
                $name::parse(code).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new(
                        $crate::codes::UnknownCode {
                            ty: stringify!($name),
                            code: code.to_string(),
                        },
                    ))
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        /// A test enum.
        pub enum Colour { Red = "red", Green = "green" }
    }

    #[test]
    fn a_text_enum_round_trips_and_refuses_an_unknown_code() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: Colour = c
            .query_row("SELECT ?1", [Colour::Green], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Colour::Green);
        assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"red\"");
        let unknown = c.query_row("SELECT 'blue'", [], |r| r.get::<_, Colour>(0));
        let msg = unknown.unwrap_err().to_string();
        assert!(msg.contains("Colour") && msg.contains("blue"), "{msg}");
        assert_eq!(Colour::parse("red"), Some(Colour::Red));
        assert_eq!(Colour::parse("RED"), None);
        assert_eq!(Colour::ALL.len(), 2);
    }
}
