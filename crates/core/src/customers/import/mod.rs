//! Customers from a spreadsheet: a CSV saved by Excel on a Chinese Windows PC
//! or exported by another salon system. The file is decoded and split into
//! rows with their line numbers ([`decode`]), its columns are mapped (guessed
//! from Chinese and English headers, [`columns`]), a dry run lists every
//! problem of every row with its line, column and reason, and the import is
//! all-or-nothing in one transaction. Exports are in `customers::export`.

mod columns;
pub mod decode;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::CustomerFields;
use super::names::Gender;
use super::{CustomerId, phone};
use crate::error::{Error, Invalid, Result};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
pub use columns::{ImportColumn, parse_date};
pub use decode::MAX_IMPORT_BYTES;

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

impl Serialize for FileBytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use base64::Engine;
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreviewRequest {
    pub file: FileBytes,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
    /// The line of the file where the row starts, as a text editor numbers
    /// it (the header is usually line 1).
    pub line: u64,
    /// The row as Excel numbers it: the same as `line` unless a cell of an
    /// earlier row spans several lines of the file.
    pub row: u64,
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

// ------------------------------------------------------------------ commands

/// Read the file's headers and first rows, and guess what each column holds.
pub fn preview_import(
    db: &mut Db,
    session: &Session,
    req: ImportPreviewRequest,
) -> Result<ImportPreview> {
    db.read(|tx| staff::authorize(tx, session, Permission::ImportCustomers))?;
    let table = read_nonempty(&req.file.0)?;
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
        sample: table.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
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

/// The file's table, refusing one with a header and no rows: there is
/// nothing to import, and saying "0 imported" would look like success.
fn read_nonempty(bytes: &[u8]) -> Result<decode::Table> {
    let table = decode::read_table(bytes)?;
    if table.rows.is_empty() {
        return Err(Error::invalid("file", Invalid::NoRows));
    }
    Ok(table)
}

fn plan(tx: &Tx<'_>, req: &ImportRequest) -> Result<Plan> {
    check_mapping(&req.mapping)?;
    let table = read_nonempty(&req.file.0)?;
    let today = crate::shop::today(tx)?;
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
    let mut problem = |row: &decode::Row, field: Option<&str>, reason: RowReason| {
        report.problems.push(RowProblem {
            line: row.line,
            row: row.row,
            column: field.and_then(header_of),
            field: field.map(str::to_string),
            reason,
        });
    };
    let mut phones_in_file: HashMap<String, u64> = HashMap::new();
    let mut cards_in_file: HashMap<String, u64> = HashMap::new();
    let mut new = Vec::new();
    let mut merges = Vec::new();
    for row in &table.rows {
        if row.cells.len() != table.headers.len() {
            problem(row, None, RowReason::Shape);
            continue;
        }
        // Every problem of the row, not only the first.
        let (raw, bad_dates) = columns::row_fields(&row.cells, &req.mapping);
        for field in &bad_dates {
            problem(row, Some(field), RowReason::Date);
        }
        let f = match raw.check(today) {
            Ok(f) if bad_dates.is_empty() => f,
            Ok(_) => continue,
            Err(errors) => {
                for e in errors {
                    match e {
                        Error::Invalid { field, reason, .. } => {
                            problem(row, Some(field), columns::reason_of(reason));
                        }
                        other => return Err(other),
                    }
                }
                continue;
            }
        };
        if phones_in_file.insert(f.phone.clone(), row.line).is_some() {
            problem(row, Some("phone"), RowReason::DuplicateInFile);
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
            let taken_in_file = cards_in_file.insert(f.card_no.clone(), row.line).is_some();
            if taken_in_db || taken_in_file {
                problem(row, Some("card_no"), RowReason::CardTaken);
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
pub fn dry_run_import(db: &mut Db, session: &Session, req: ImportRequest) -> Result<ImportReport> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ImportCustomers)?;
        let plan = plan(tx, &req)?;
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
                crate::audit::record_about(
                    tx,
                    Some(session.staff_id),
                    crate::audit::Action::CustomerUpdate, Some(id.0),
                    Some(*id),
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
            crate::audit::Action::CustomerImport, None,
            crate::audit::NONE,
            Some(&serde_json::json!({ "rows": report.rows, "new": report.new_customers, "merged": report.merged })),
        )?;
        report.imported = true;
        Ok(report)
    })
}

/// Normalise a phone as the importer does (for tests and previews).
pub fn import_phone(s: &str) -> Option<String> {
    let cell = s.trim();
    let digits = cell
        .strip_prefix("=\"")
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(cell);
    phone::normalise("phone", digits).ok()
}
