//! What the shop sells and measures (SPEC 3.3, 3.11): the service menu, retail
//! products, and the measurement metrics recorded before and after a service.
//! Everyone signed in reads them; changing them needs `manage_settings`.
//! Items are never deleted (visits will point at them): they are deactivated.
//!
//! Owns the rule of who may perform a service ([`check_performer`]) and the
//! product stock, which only moves through [`take_stock`] and
//! [`return_stock_of_visit`], each leaving a `stock_moves` row.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{MetricId, ProductId, ServiceId, StaffId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Role, Session};
use crate::storage::{Db, Tx};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    /// 面部护理, 美发, 身体护理 …: groups the menu; follow-up delays are set per category.
    pub category: String,
    pub price: Fen,
    pub duration_minutes: i64,
    /// The roles that may perform it.
    pub performed_by: Vec<Role>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    pub price: Fen,
    /// None when the shop does not count this product's stock.
    pub stock: Option<i64>,
    pub active: bool,
}

/// A measurement (moisture %, oil %, elasticity …). Values are integers in
/// units of 10^-decimals: with one decimal, 45.5 is stored as 455.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Metric {
    pub id: MetricId,
    pub name: String,
    pub unit: String,
    pub decimals: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub active: bool,
}

/// Create (id 0) or change a catalogue item.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveService {
    pub service: Service,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveProduct {
    pub product: Product,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveMetric {
    pub metric: Metric,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Catalog {
    pub services: Vec<Service>,
    pub products: Vec<Product>,
    pub metrics: Vec<Metric>,
}

/// The roles stored as a JSON list of codes; an unknown code is an error.
fn roles_from_json(s: &str) -> rusqlite::Result<Vec<Role>> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

const SERVICE_COLUMNS: &str =
    "id, name, category, price_fen, duration_minutes, performed_by, active";

fn service_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Service> {
    Ok(Service {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        price: r.get(3)?,
        duration_minutes: r.get(4)?,
        performed_by: roles_from_json(&r.get::<_, String>(5)?)?,
        active: r.get(6)?,
    })
}

fn load_services(tx: &Tx<'_>) -> Result<Vec<Service>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT {SERVICE_COLUMNS} FROM services ORDER BY active DESC, category, name"
    ))?;
    let rows = stmt
        .query_map([], service_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One service of the menu (active or not).
pub fn service(tx: &Tx<'_>, id: ServiceId) -> Result<Option<Service>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {SERVICE_COLUMNS} FROM services WHERE id = ?1"
        ))?
        .query_row([id], service_from_row)
        .optional()?)
}

/// One retail product (active or not).
pub fn product(tx: &Tx<'_>, id: ProductId) -> Result<Option<Product>> {
    Ok(tx
        .prepare_cached("SELECT id, name, price_fen, stock, active FROM products WHERE id = ?1")?
        .query_row([id], product_from_row)
        .optional()?)
}

/// Every metric, active or not (past visits may hold inactive ones).
pub fn metrics(tx: &Tx<'_>) -> Result<Vec<Metric>> {
    load_metrics(tx)
}

/// Who may perform services: an active staff member whose role is among
/// those the menu allows for every one of `services` (with no services
/// given: a role some active service allows). `field` names the request
/// field at fault.
pub fn check_performer(
    tx: &Tx<'_>,
    field: &'static str,
    staff: StaffId,
    services: &[ServiceId],
) -> Result<()> {
    let not_available = || Error::invalid(field, Invalid::NotAvailable);
    let role = staff::active_role(tx, staff)?.ok_or_else(not_available)?;
    let allowed = if services.is_empty() {
        load_services(tx)?
            .iter()
            .any(|s| s.active && s.performed_by.contains(&role))
    } else {
        let mut all = true;
        for id in services {
            if let Some(s) = service(tx, *id)? {
                all &= s.performed_by.contains(&role);
            }
        }
        all
    };
    if allowed {
        Ok(())
    } else {
        Err(not_available())
    }
}

/// Active staff who may perform some service (the stylist pickers).
pub fn performers(tx: &Tx<'_>) -> Result<Vec<staff::StaffRef>> {
    let mut roles: Vec<Role> = Vec::new();
    for s in load_services(tx)?.iter().filter(|s| s.active) {
        for r in &s.performed_by {
            if !roles.contains(r) {
                roles.push(*r);
            }
        }
    }
    staff::active_with_roles(tx, &roles)
}

/// Take `qty` of a counted product off the shelf for a sale on `visit`.
/// Products the shop does not count move nothing. Refuses (naming
/// `products`, with the stock left) when the shelf has too few.
pub fn take_stock(
    tx: &Tx<'_>,
    product: ProductId,
    qty: i64,
    visit: VisitId,
    by: StaffId,
) -> Result<()> {
    let stock: Option<i64> =
        tx.query_row("SELECT stock FROM products WHERE id = ?1", [product], |r| {
            r.get(0)
        })?;
    let Some(stock) = stock else { return Ok(()) };
    if stock < qty {
        return Err(Error::invalid_limit("products", Invalid::OutOfRange, stock));
    }
    move_stock(tx, product, visit, -qty, "sale", by)
}

/// Change a counted product's shelf stock by `delta` and record the move.
fn move_stock(
    tx: &Tx<'_>,
    product: ProductId,
    visit: VisitId,
    delta: i64,
    reason: &str,
    by: StaffId,
) -> Result<()> {
    tx.execute(
        "UPDATE products SET stock = stock + ?2 WHERE id = ?1 AND stock IS NOT NULL",
        params![product, delta],
    )?;
    tx.execute(
        "INSERT INTO stock_moves (product_id, visit_id, delta, reason, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![product, visit, delta, reason, tx.now, by],
    )?;
    Ok(())
}

/// Put back on the shelf everything a (voided) visit took off it.
pub fn return_stock_of_visit(tx: &Tx<'_>, visit: VisitId, by: StaffId) -> Result<()> {
    let moves: Vec<(ProductId, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT product_id, SUM(delta) FROM stock_moves WHERE visit_id = ?1
             GROUP BY product_id HAVING SUM(delta) <> 0",
        )?;
        stmt.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (product, delta) in moves {
        move_stock(tx, product, visit, -delta, "void", by)?;
    }
    Ok(())
}

fn product_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        name: r.get(1)?,
        price: r.get(2)?,
        stock: r.get(3)?,
        active: r.get(4)?,
    })
}

fn load_products(tx: &Tx<'_>) -> Result<Vec<Product>> {
    let mut stmt = tx.prepare(
        "SELECT id, name, price_fen, stock, active FROM products ORDER BY active DESC, name",
    )?;
    let rows = stmt
        .query_map([], product_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn load_metrics(tx: &Tx<'_>) -> Result<Vec<Metric>> {
    let mut stmt = tx.prepare(
        "SELECT id, name, unit, decimals, min_value, max_value, active FROM metrics ORDER BY active DESC, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Metric {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                decimals: r.get(3)?,
                min_value: r.get(4)?,
                max_value: r.get(5)?,
                active: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The whole catalogue, active items first.
pub fn catalog(db: &mut Db, session: &Session) -> Result<Catalog> {
    db.read(|tx| {
        staff::signed_in(tx, session)?;
        Ok(Catalog {
            services: load_services(tx)?,
            products: load_products(tx)?,
            metrics: load_metrics(tx)?,
        })
    })
}

fn name_taken(tx: &Tx<'_>, table: &str, name: &str, id: i64) -> Result<bool> {
    Ok(tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE name = ?1 AND id <> ?2"),
            params![name, id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Write a row: insert when `id` is 0, else update it (which must exist).
fn upsert(
    tx: &Tx<'_>,
    table: &str,
    id: i64,
    columns: &[&str],
    values: &[&dyn rusqlite::ToSql],
    by: StaffId,
) -> Result<i64> {
    let mut args: Vec<&dyn rusqlite::ToSql> = values.to_vec();
    args.push(&tx.now);
    args.push(&by);
    let n = columns.len();
    if id == 0 {
        let cols = columns.join(", ");
        let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
        tx.execute(
            &format!(
                "INSERT INTO {table} ({cols}, created_at, updated_at, updated_by)
                 VALUES ({}, ?{}, ?{}, ?{})",
                marks.join(", "),
                n + 1,
                n + 1,
                n + 2
            ),
            args.as_slice(),
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        args.push(&id);
        let changed = tx.execute(
            &format!(
                "UPDATE {table} SET {}, updated_at = ?{}, updated_by = ?{} WHERE id = ?{}",
                sets.join(", "),
                n + 1,
                n + 2,
                n + 3
            ),
            args.as_slice(),
        )?;
        if changed == 0 {
            return Err(Error::NotFound(Entity::CatalogItem));
        }
        Ok(id)
    }
}

pub fn save_service(db: &mut Db, session: &Session, req: SaveService) -> Result<Service> {
    let s = req.service;
    let name = validate::required_text("name", &s.name, 30)?;
    let category = validate::code("category", &s.category, 20)?;
    let price = Fen::price("price", s.price.0)?;
    let minutes = validate::in_range("duration_minutes", s.duration_minutes, 5, 600)?;
    if s.performed_by.is_empty() {
        return Err(Error::invalid("performed_by", Invalid::Required));
    }
    let roles = serde_json::to_string(&s.performed_by)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        if name_taken(tx, "services", &name, s.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        let id = upsert(
            tx,
            "services",
            s.id.0,
            &[
                "name",
                "category",
                "price_fen",
                "duration_minutes",
                "performed_by",
                "active",
            ],
            &[&name, &category, &price, &minutes, &roles, &s.active],
            session.staff_id,
        )?;
        let saved = load_services(tx)?
            .into_iter()
            .find(|x| x.id.0 == id)
            .ok_or(Error::NotFound(Entity::CatalogItem))?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CatalogService,
            Some(id),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}

pub fn save_product(db: &mut Db, session: &Session, req: SaveProduct) -> Result<Product> {
    let p = req.product;
    let name = validate::required_text("name", &p.name, 30)?;
    let price = Fen::price("price", p.price.0)?;
    if let Some(stock) = p.stock {
        validate::in_range("stock", stock, 0, 1_000_000)?;
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        if name_taken(tx, "products", &name, p.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        let id = upsert(
            tx,
            "products",
            p.id.0,
            &["name", "price_fen", "stock", "active"],
            &[&name, &price, &p.stock, &p.active],
            session.staff_id,
        )?;
        let saved = load_products(tx)?
            .into_iter()
            .find(|x| x.id.0 == id)
            .ok_or(Error::NotFound(Entity::CatalogItem))?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CatalogProduct,
            Some(id),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}

pub fn save_metric(db: &mut Db, session: &Session, req: SaveMetric) -> Result<Metric> {
    let m = req.metric;
    let name = validate::required_text("name", &m.name, 20)?;
    let unit = validate::optional_text("unit", &m.unit, 10)?;
    let decimals = validate::in_range("decimals", m.decimals, 0, 2)?;
    let bound = 1_000_000;
    let min = validate::in_range("min_value", m.min_value, -bound, bound)?;
    let max = validate::in_range("max_value", m.max_value, -bound, bound)?;
    if min >= max {
        return Err(Error::invalid_limit("max_value", Invalid::OutOfRange, min));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageSettings)?;
        if name_taken(tx, "metrics", &name, m.id.0)? {
            return Err(Error::Duplicate { field: "name" });
        }
        let id = upsert(
            tx,
            "metrics",
            m.id.0,
            &[
                "name",
                "unit",
                "decimals",
                "min_value",
                "max_value",
                "active",
            ],
            &[&name, &unit, &decimals, &min, &max, &m.active],
            session.staff_id,
        )?;
        let saved = load_metrics(tx)?
            .into_iter()
            .find(|x| x.id.0 == id)
            .ok_or(Error::NotFound(Entity::CatalogItem))?;
        audit::record(
            tx,
            Some(session.staff_id),
            crate::audit::Action::CatalogMetric,
            Some(id),
            audit::NONE,
            Some(&saved),
        )?;
        Ok(saved)
    })
}
