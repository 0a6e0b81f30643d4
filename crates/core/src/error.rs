//! The one error type of the core.
//!
//! Every command returns `Result<T, Error>`. Errors keep their meaning (which field,
//! which permission, which rule) all the way to the edge, where [`ApiError`] turns
//! them into `{code, message, field}` for the UI, which translates by `code`.
//! Never flatten an error to a string inside the core.

use serde::Serialize;
use ts_rs::TS;

use crate::access::Permission;
use crate::ids::{AppointmentId, CustomerId, VisitId};
use crate::money::Fen;

/// Why a field's value was refused. The UI shows `errors.<code>` with the field's
/// translated label, so each reason must read well for any field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Invalid {
    /// Empty or only whitespace.
    Required,
    /// Longer than the field allows (`max` characters).
    TooLong,
    /// Not in the expected shape (e.g. an 11-digit mainland mobile number).
    Format,
    /// A number outside its allowed range.
    OutOfRange,
    /// A PIN that is not 4–8 digits.
    PinFormat,
    /// The two entries of a new PIN differ.
    PinMismatch,
    /// Not a real calendar date, or outside the sensible range.
    Date,
    /// The chosen item (a stylist, a staff member) does not exist or is inactive.
    NotAvailable,
    /// The same value was given twice (a tag).
    Repeated,
    /// Too many entries (tags).
    TooMany,
    /// The typed confirmation does not match (e.g. the customer's name before erasure).
    Confirmation,
    /// A file that is not readable as text in any encoding a spreadsheet
    /// writes (UTF-8, GBK/GB18030, UTF-16).
    Encoding,
    /// An Excel workbook (.xlsx/.xls) where a CSV file was expected.
    NotCsv,
    /// A file with a header and no rows: nothing to import.
    NoRows,
    /// A voucher serial that was never received (mistyped, or outside every
    /// range the shop has).
    UnknownSerial,
    /// A range of serials overlapping one received before.
    Overlaps,
    /// The same person on both sides (a handover confirmed with the
    /// outgoing receptionist's own PIN).
    SamePerson,
    /// Below a minimum (a voucher's minimum spend, given as `limit`).
    BelowMinimum,
    /// A voucher still in stock: it has not been given to anyone.
    NotIssued,
    /// A voucher cancelled (its visit was voided and it was not given back).
    Cancelled,
    /// A voucher destroyed.
    Destroyed,
    /// The visit is still open: it has no slip until it is checked out.
    NotFinished,
    /// There is nothing to print (a consultation with no care plan).
    NothingToPrint,
    /// A backup whose checksum or integrity check fails.
    Damaged,
    /// The handover has not been confirmed by the incoming receptionist.
    NotConfirmed,
}

/// What kind of thing was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Entity {
    Shop,
    Staff,
    Customer,
    Note,
    /// A service, product or metric of the catalogue.
    CatalogItem,
    Visit,
    Appointment,
    FollowUp,
    Complaint,
    /// A package card (次卡 / 疗程卡).
    Package,
    Tier,
    GiftItem,
    VoucherType,
    Promotion,
    Voucher,
    Handover,
    PrintJob,
    Backup,
}

/// The first redemption of a voucher, named when a second is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PriorUse {
    /// When (UTC ms).
    pub at: i64,
    pub visit_id: VisitId,
    /// The visit's slip number.
    pub slip_no: String,
    /// Who redeemed it: staff number and name.
    pub staff: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field} is invalid: {reason:?}")]
    Invalid {
        field: &'static str,
        reason: Invalid,
        /// A limit that explains the reason (max length, range bound), if any.
        limit: Option<i64>,
    },
    #[error("{0:?} not found")]
    NotFound(Entity),
    /// A unique value is already taken (a phone number, a staff number).
    #[error("{field} is already used")]
    Duplicate { field: &'static str },
    #[error("permission {0:?} is required")]
    Forbidden(Permission),
    #[error("staff number or PIN is wrong")]
    WrongCredentials,
    #[error("too many wrong PINs; try again later")]
    TooManyAttempts { retry_after_ms: i64 },
    #[error("this staff member is deactivated")]
    StaffInactive,
    #[error("not signed in")]
    NotSignedIn,
    #[error("the screen was locked after being idle")]
    SessionLocked,
    #[error("the shop is already set up")]
    AlreadySetUp,
    #[error("the shop is not set up yet")]
    NotSetUp,
    /// The last active manager cannot be deactivated or demoted: nobody could
    /// manage staff any more.
    #[error("the last active manager cannot be deactivated")]
    LastManager,
    /// A customer with the same name and birthday exists; creating another
    /// needs the user's confirmation.
    #[error("a customer with the same name and birthday exists")]
    LikelyDuplicate { existing: Vec<CustomerId> },
    /// The customer's card was erased on request; it can no longer change.
    #[error("this customer was erased")]
    Erased,
    /// A visit's stages move only forward, and some need what an earlier
    /// stage records (a service needs a stylist and a chosen service).
    #[error("a visit cannot move from {from} to {to}")]
    WrongStage { from: String, to: String },
    /// The record is closed and no longer changes: a visit checked out,
    /// cancelled or voided; a complaint closed; an appointment no longer
    /// booked; a follow-up call finished.
    #[error("this {0:?} is closed")]
    Closed(Entity),
    /// The stored-value balance is less than the amount asked for.
    #[error("{field}: the balance is only {available}")]
    InsufficientBalance { field: &'static str, available: Fen },
    /// The package has no sessions left.
    #[error("the package has no sessions left")]
    PackageUsedUp,
    /// Past its expiry date (a package, a voucher).
    #[error("{field} has expired")]
    Expired { field: &'static str },
    /// Fewer in stock than asked for (a gift item's last unit taken).
    #[error("{field}: only {available} in stock")]
    OutOfStock { field: &'static str, available: i64 },
    /// A voucher redeemed before: the first redemption is named.
    #[error("{field}: already redeemed on {prior:?}")]
    AlreadyRedeemed {
        field: &'static str,
        prior: Box<PriorUse>,
    },
    /// The stylist already has appointments at that time; booking anyway needs
    /// the user's confirmation.
    #[error("the stylist is already booked at that time")]
    Conflict { existing: Vec<AppointmentId> },
    #[error(
        "the data file was written by a newer version of Frontdesk (schema {found}, this app knows up to {supported})"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("the data file failed its integrity check: {0}")]
    Corrupt(String),
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("migration error: {0}")]
    Migration(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("encoding error: {0}")]
    Json(#[from] serde_json::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<crate::money::Refused> for Error {
    fn from(r: crate::money::Refused) -> Self {
        Error::Invalid {
            field: r.field,
            reason: match r.fault {
                crate::money::Fault::Format => Invalid::Format,
                crate::money::Fault::OutOfRange => Invalid::OutOfRange,
            },
            limit: r.limit,
        }
    }
}

impl Error {
    pub fn invalid(field: &'static str, reason: Invalid) -> Self {
        Error::Invalid {
            field,
            reason,
            limit: None,
        }
    }

    pub fn invalid_limit(field: &'static str, reason: Invalid, limit: i64) -> Self {
        Error::Invalid {
            field,
            reason,
            limit: Some(limit),
        }
    }

    /// The stable code the UI branches on and translates.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Duplicate { .. } => ErrorCode::Duplicate,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::WrongCredentials => ErrorCode::WrongCredentials,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::StaffInactive => ErrorCode::StaffInactive,
            Error::NotSignedIn => ErrorCode::NotSignedIn,
            Error::SessionLocked => ErrorCode::SessionLocked,
            Error::AlreadySetUp => ErrorCode::AlreadySetUp,
            Error::NotSetUp => ErrorCode::NotSetUp,
            Error::LastManager => ErrorCode::LastManager,
            Error::LikelyDuplicate { .. } => ErrorCode::LikelyDuplicate,
            Error::Erased => ErrorCode::Erased,
            Error::WrongStage { .. } => ErrorCode::WrongStage,
            Error::Closed(_) => ErrorCode::Closed,
            Error::InsufficientBalance { .. } => ErrorCode::InsufficientBalance,
            Error::PackageUsedUp => ErrorCode::PackageUsedUp,
            Error::Expired { .. } => ErrorCode::Expired,
            Error::OutOfStock { .. } => ErrorCode::OutOfStock,
            Error::AlreadyRedeemed { .. } => ErrorCode::AlreadyRedeemed,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Storage(_)
            | Error::Migration(_)
            | Error::Io(_)
            | Error::Json(_)
            | Error::Internal(_) => ErrorCode::Storage,
        }
    }
}

/// Stable error codes, exported to TypeScript; the UI translates `errors.<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Duplicate,
    Forbidden,
    WrongCredentials,
    TooManyAttempts,
    StaffInactive,
    NotSignedIn,
    SessionLocked,
    AlreadySetUp,
    NotSetUp,
    LastManager,
    LikelyDuplicate,
    Erased,
    WrongStage,
    Closed,
    InsufficientBalance,
    PackageUsedUp,
    Expired,
    OutOfStock,
    AlreadyRedeemed,
    Conflict,
    SchemaTooNew,
    Corrupt,
    Storage,
}

/// An error as it crosses to the UI: `{code, message, field, ...}`.
///
/// `message` is English, for logs and as a last resort; the UI shows its own
/// translation chosen by `code` (and `reason`, `field`, `permission`, `entity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The request field the error is about, named as in the request struct.
    pub field: Option<&'static str>,
    pub reason: Option<Invalid>,
    pub limit: Option<i64>,
    pub permission: Option<Permission>,
    pub entity: Option<Entity>,
    pub retry_after_ms: Option<i64>,
    /// Existing records a likely duplicate or a conflict refers to.
    pub existing: Box<[i64]>,
    /// What is available when a balance (in fen) or a stock (in units) is short.
    pub available: Option<i64>,
    /// The first redemption, when a voucher is redeemed twice.
    pub prior: Option<Box<PriorUse>>,
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        let mut api = ApiError {
            code: e.code(),
            message: e.to_string(),
            field: None,
            reason: None,
            limit: None,
            permission: None,
            entity: None,
            retry_after_ms: None,
            existing: Box::default(),
            available: None,
            prior: None,
        };
        match e {
            Error::Invalid {
                field,
                reason,
                limit,
            } => {
                api.field = Some(field);
                api.reason = Some(*reason);
                api.limit = *limit;
            }
            Error::Duplicate { field } => api.field = Some(field),
            Error::Forbidden(p) => api.permission = Some(*p),
            Error::NotFound(entity) => api.entity = Some(*entity),
            Error::TooManyAttempts { retry_after_ms } => api.retry_after_ms = Some(*retry_after_ms),
            Error::WrongCredentials => api.field = Some("pin"),
            Error::LikelyDuplicate { existing } => {
                api.existing = existing.iter().map(|c| c.0).collect()
            }
            Error::Conflict { existing } => api.existing = existing.iter().map(|a| a.0).collect(),
            Error::Closed(entity) => api.entity = Some(*entity),
            Error::InsufficientBalance { field, available } => {
                api.field = Some(field);
                api.available = Some(available.0);
            }
            Error::Expired { field } => api.field = Some(field),
            Error::OutOfStock { field, available } => {
                api.field = Some(field);
                api.available = Some(*available);
            }
            Error::AlreadyRedeemed { field, prior } => {
                api.field = Some(field);
                api.prior = Some(prior.clone());
            }
            _ => {}
        }
        api
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::from(&e)
    }
}
