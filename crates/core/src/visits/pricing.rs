//! The bill: service and product lines at today's menu prices, her tier's
//! discount (rounded half up to the fen per line), the lines a package
//! session pays, and the totals. Pure arithmetic ([`apply_discounts`],
//! [`price`]) is separate from reading the menu, so the rules are tested
//! line by line.

use rusqlite::params;

use super::model::{Bill, BillLine, LineKind, PackageUse, ProductSale};
use crate::catalog;
use crate::error::{Error, Invalid, Result};
use crate::ids::{CustomerId, PackageId, ServiceId, VisitId};
use crate::membership;
use crate::money::Fen;
use crate::storage::Tx;
use crate::validate;

/// Service lines for the chosen services, at today's menu prices.
pub(crate) fn service_lines(tx: &Tx<'_>, ids: &[ServiceId]) -> Result<Vec<BillLine>> {
    if ids.len() > 20 {
        return Err(Error::invalid_limit("services", Invalid::TooMany, 20));
    }
    let mut lines = Vec::new();
    for id in ids {
        let Some(s) = catalog::service(tx, *id)?.filter(|s| s.active) else {
            return Err(Error::invalid("services", Invalid::NotAvailable));
        };
        lines.push(BillLine {
            kind: LineKind::Service,
            item_id: id.0,
            name: s.name,
            category: s.category,
            unit: s.price,
            qty: 1,
            discount: Fen::ZERO,
            amount: s.price,
            package_id: None,
        });
    }
    Ok(lines)
}

/// Product lines for what she buys, at today's prices.
pub(crate) fn product_lines(tx: &Tx<'_>, sales: &[ProductSale]) -> Result<Vec<BillLine>> {
    if sales.len() > 30 {
        return Err(Error::invalid_limit("products", Invalid::TooMany, 30));
    }
    let mut lines: Vec<BillLine> = Vec::new();
    for s in sales {
        validate::in_range("products", s.qty, 1, 99)?;
        if lines.iter().any(|l| l.item_id == s.product_id.0) {
            return Err(Error::invalid("products", Invalid::Repeated));
        }
        let Some(p) = catalog::product(tx, s.product_id)?.filter(|p| p.active) else {
            return Err(Error::invalid("products", Invalid::NotAvailable));
        };
        lines.push(BillLine {
            kind: LineKind::Product,
            item_id: s.product_id.0,
            name: p.name,
            category: String::new(),
            unit: p.price,
            qty: s.qty,
            discount: Fen::ZERO,
            amount: p.price.times(s.qty, "products")?,
            package_id: None,
        });
    }
    Ok(lines)
}

/// The tier rates a bill is priced at (per mille of the menu price).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rates {
    pub services: i64,
    pub products: i64,
}

/// Price each line: a service line a package session pays costs nothing
/// (its whole price is the discount); the others pay her tier's rate,
/// rounded half up to the fen. Every package use must find a service line
/// of its service on the bill.
pub(crate) fn apply_discounts(
    lines: &mut [BillLine],
    rates: Option<Rates>,
    uses: &[PackageUse],
) -> Result<()> {
    let mut remaining: Vec<&PackageUse> = uses.iter().collect();
    for l in lines.iter_mut() {
        let gross = l.unit.times(l.qty, "products")?;
        l.package_id = None;
        let covered: Option<PackageId> = if l.kind == LineKind::Service {
            remaining
                .iter()
                .position(|u| u.service_id.0 == l.item_id)
                .map(|i| remaining.remove(i).package_id)
        } else {
            None
        };
        let paid = match (covered, rates) {
            (Some(p), _) => {
                l.package_id = Some(p);
                Fen::ZERO
            }
            (None, Some(r)) => Fen(membership::discounted(
                gross.0,
                if l.kind == LineKind::Service {
                    r.services
                } else {
                    r.products
                },
            )),
            (None, None) => gross,
        };
        l.discount = gross.minus(paid, "products")?;
        l.amount = paid;
    }
    if !remaining.is_empty() {
        // A package for a service not on the bill.
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    Ok(())
}

/// Apply her tier's rates and her package sessions to the lines (see
/// [`apply_discounts`]). An anonymous walk-in has no tier and no packages.
pub(crate) fn discount_lines(
    tx: &Tx<'_>,
    customer: Option<CustomerId>,
    lines: &mut [BillLine],
    uses: &[PackageUse],
) -> Result<()> {
    if customer.is_none() && !uses.is_empty() {
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    let rates = match customer {
        Some(c) => membership::tiers::current_tier(tx, c)?.map(|t| Rates {
            services: t.service_rate_permille,
            products: t.product_rate_permille,
        }),
        None => None,
    };
    apply_discounts(lines, rates, uses)
}

/// Add up the bill's lines.
pub(crate) fn price(lines: Vec<BillLine>) -> Result<Bill> {
    let mut subtotal = Fen::ZERO;
    let mut discount = Fen::ZERO;
    for l in &lines {
        subtotal = subtotal.plus(l.unit.times(l.qty, "products")?, "products")?;
        discount = discount.plus(l.discount, "products")?;
    }
    Ok(Bill {
        lines,
        subtotal,
        discount,
        total: subtotal.minus(discount, "products")?,
    })
}

pub(crate) fn insert_lines(tx: &Tx<'_>, visit: VisitId, lines: &[BillLine]) -> Result<()> {
    for l in lines {
        tx.execute(
            "INSERT INTO visit_lines (visit_id, kind, item_id, name, category, unit_fen, qty,
                discount_fen, amount_fen, package_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                visit,
                l.kind,
                l.item_id,
                l.name,
                l.category,
                l.unit,
                l.qty,
                l.discount,
                l.amount,
                l.package_id
            ],
        )?;
    }
    Ok(())
}

/// The visit's lines as stored (all, or one kind).
pub(crate) fn load_lines(
    tx: &Tx<'_>,
    visit: VisitId,
    kind: Option<LineKind>,
) -> Result<Vec<BillLine>> {
    let mut stmt = tx.prepare_cached(
        "SELECT kind, item_id, name, category, unit_fen, qty, discount_fen, amount_fen, package_id
         FROM visit_lines WHERE visit_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![visit, kind], |r| {
            Ok(BillLine {
                kind: r.get(0)?,
                item_id: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                unit: r.get(4)?,
                qty: r.get(5)?,
                discount: r.get(6)?,
                amount: r.get(7)?,
                package_id: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn line(kind: LineKind, item: i64, unit: i64, qty: i64) -> BillLine {
        BillLine {
            kind,
            item_id: item,
            name: format!("item {item}"),
            category: String::new(),
            unit: Fen(unit),
            qty,
            discount: Fen::ZERO,
            amount: Fen(unit.saturating_mul(qty)),
            package_id: None,
        }
    }

    const GOLD: Rates = Rates {
        services: 880,
        products: 950,
    };

    /// (lines: kind, unit, qty), rates, package uses (package, service) →
    /// (each line's amount), subtotal, discount, total.
    #[rstest]
    #[case::no_tier(&[(LineKind::Service, 29_800, 1), (LineKind::Product, 16_800, 2)], None, &[], &[29_800, 33_600], 63_400, 0, 63_400)]
    #[case::gold_tier(&[(LineKind::Service, 29_800, 1), (LineKind::Product, 16_800, 2)], Some(GOLD), &[], &[26_224, 31_920], 63_400, 5_256, 58_144)]
    #[case::half_up_rounding(&[(LineKind::Service, 1_005, 1)], Some(Rates { services: 500, products: 1000 }), &[], &[503], 1_005, 502, 503)]
    #[case::package_pays_a_service(&[(LineKind::Service, 29_800, 1), (LineKind::Service, 19_800, 1)], Some(GOLD), &[(7, 1)], &[0, 17_424], 49_600, 32_176, 17_424)]
    #[case::package_and_product(&[(LineKind::Service, 29_800, 1), (LineKind::Product, 12_800, 1)], None, &[(7, 1)], &[0, 12_800], 42_600, 29_800, 12_800)]
    fn bills_are_priced_line_by_line(
        #[case] spec: &[(LineKind, i64, i64)],
        #[case] rates: Option<Rates>,
        #[case] uses: &[(i64, i64)],
        #[case] amounts: &[i64],
        #[case] subtotal: i64,
        #[case] discount: i64,
        #[case] total: i64,
    ) {
        let mut lines: Vec<BillLine> = spec
            .iter()
            .enumerate()
            .map(|(i, (k, unit, qty))| line(*k, i as i64 + 1, *unit, *qty))
            .collect();
        let uses: Vec<PackageUse> = uses
            .iter()
            .map(|(p, s)| PackageUse {
                package_id: PackageId(*p),
                service_id: ServiceId(*s),
            })
            .collect();
        apply_discounts(&mut lines, rates, &uses).unwrap();
        let got: Vec<i64> = lines.iter().map(|l| l.amount.0).collect();
        assert_eq!(got, amounts);
        let bill = price(lines).unwrap();
        assert_eq!(
            (bill.subtotal.0, bill.discount.0, bill.total.0),
            (subtotal, discount, total)
        );
        assert_eq!(
            bill.total.0,
            amounts.iter().sum::<i64>(),
            "the lines add up to the total"
        );
    }

    #[test]
    fn a_package_for_a_service_not_on_the_bill_is_refused() {
        let mut lines = vec![line(LineKind::Service, 1, 29_800, 1)];
        let uses = [PackageUse {
            package_id: PackageId(7),
            service_id: ServiceId(2),
        }];
        assert!(matches!(
            apply_discounts(&mut lines, None, &uses),
            Err(Error::Invalid {
                field: "package_uses",
                ..
            })
        ));
    }

    #[test]
    fn an_overflowing_bill_is_refused_not_wrapped() {
        let lines = vec![
            line(LineKind::Product, 2, i64::MAX / 2, 1),
            line(LineKind::Product, 3, i64::MAX / 2, 3),
        ];
        assert!(price(lines).is_err());
    }
}
