//! PINs are stored only as argon2id hashes (PHC strings with their own salt).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, Invalid, Result};

/// 19 MiB, 2 passes: OWASP's argon2id baseline; ~30–60 ms on a shop PC, which is
/// unnoticeable at sign-in and makes guessing a stolen file's PINs slow.
fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| Error::Internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A PIN as typed: full-width digits from an IME count as digits (１２３４
/// is 1234), surrounding spaces do not count.
pub fn typed(pin: &str) -> String {
    crate::text::fold(pin).trim().to_string()
}

/// A PIN is 4 to 8 digits.
pub fn validate(field: &'static str, pin: &str) -> Result<()> {
    let pin = typed(pin);
    let ok = (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(field, Invalid::PinFormat))
    }
}

pub fn hash(pin: &str) -> Result<String> {
    let pin = typed(pin);
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("argon2 hash: {e}")))
}

pub fn verify(pin: &str, stored: &str) -> Result<bool> {
    let pin = typed(pin);
    let parsed =
        PasswordHash::new(stored).map_err(|e| Error::Internal(format!("stored PIN hash: {e}")))?;
    Ok(hasher()?.verify_password(pin.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_stored_as_a_salted_argon2id_hash_and_verifies() {
        let a = hash("2580").unwrap();
        let b = hash("2580").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(!a.contains("2580"));
        assert!(verify("2580", &a).unwrap());
        assert!(!verify("2581", &a).unwrap());
        assert!(
            verify("２５８０", &a).unwrap(),
            "typed with a full-width IME"
        );
    }

    #[test]
    fn a_pin_must_be_four_to_eight_digits() {
        // Full-width digits from an IME are digits; surrounding spaces go.
        for ok in ["1234", "12345678", "0000", "１２３４", " 1234"] {
            assert!(validate("pin", ok).is_ok(), "{ok}");
        }
        for bad in ["", "123", "123456789", "12a4", "12 34", "１２３"] {
            assert!(
                matches!(
                    validate("pin", bad),
                    Err(Error::Invalid {
                        field: "pin",
                        reason: Invalid::PinFormat,
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }
}
