//! The service menu, products and metrics: validation by field, unique names,
//! edits in place, deactivation instead of deletion, money in exact fen.

#![allow(clippy::unwrap_used)]

use frontdesk_core::Error;
use frontdesk_core::catalog::{
    self, Metric, Product, SaveMetric, SaveProduct, SaveService, Service,
};
use frontdesk_core::error::Invalid;
use frontdesk_core::money::Fen;
use frontdesk_core::staff::Role;
use frontdesk_tests::{TempShop, setup_manager, snapshot};

fn facial(price: i64, minutes: i64) -> SaveService {
    SaveService {
        service: Service {
            id: 0,
            name: "补水保湿护理".into(),
            category: "面部护理".into(),
            price: Fen(price),
            duration_minutes: minutes,
            performed_by: vec![Role::Stylist],
            active: true,
        },
    }
}

#[test]
fn the_menu_is_kept_in_exact_fen_and_edited_in_place() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    let s = catalog::save_service(&mut shop.db, &m, facial(29_850, 60)).unwrap();
    assert_eq!(s.price.to_string(), "¥298.50");
    let mut changed = s.clone();
    changed.price = Fen(31_800);
    changed.active = false;
    let after = catalog::save_service(&mut shop.db, &m, SaveService { service: changed }).unwrap();
    assert_eq!(after.id, s.id);
    assert_eq!(after.price, Fen(31_800));
    assert!(!after.active, "deactivated, still there");
    let all = catalog::catalog(&mut shop.db, &m).unwrap();
    assert_eq!(all.services.len(), 1);
}

#[test]
fn bad_catalogue_items_are_refused_by_field_and_write_nothing() {
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    catalog::save_service(&mut shop.db, &m, facial(29_800, 60)).unwrap();
    let before = snapshot(&shop.db);
    let field = |e: Error| match e {
        Error::Invalid { field, reason, .. } => (field, Some(reason)),
        Error::Duplicate { field } => (field, None),
        other => panic!("{other:?}"),
    };
    let db = &mut shop.db;
    assert_eq!(
        field(catalog::save_service(db, &m, facial(-1, 60)).unwrap_err()),
        ("price", Some(Invalid::OutOfRange))
    );
    assert_eq!(
        field(catalog::save_service(db, &m, facial(100, 3)).unwrap_err()),
        ("duration_minutes", Some(Invalid::OutOfRange))
    );
    assert_eq!(
        field(catalog::save_service(db, &m, facial(100, 60)).unwrap_err()),
        ("name", None),
        "same name twice"
    );
    let mut nobody = facial(100, 60);
    nobody.service.name = "新项目".into();
    nobody.service.performed_by.clear();
    assert_eq!(
        field(catalog::save_service(db, &m, nobody).unwrap_err()),
        ("performed_by", Some(Invalid::Required))
    );
    let bad_metric = SaveMetric {
        metric: Metric {
            id: 0,
            name: "水分".into(),
            unit: "%".into(),
            decimals: 1,
            min_value: 500,
            max_value: 100,
            active: true,
        },
    };
    assert_eq!(
        field(catalog::save_metric(db, &m, bad_metric).unwrap_err()),
        ("max_value", Some(Invalid::OutOfRange))
    );
    let bad_stock = SaveProduct {
        product: Product {
            id: 0,
            name: "面霜".into(),
            price: Fen(100),
            stock: Some(-2),
            active: true,
        },
    };
    assert_eq!(
        field(catalog::save_product(db, &m, bad_stock).unwrap_err()),
        ("stock", Some(Invalid::OutOfRange))
    );
    let missing = SaveProduct {
        product: Product {
            id: 999,
            name: "面霜".into(),
            price: Fen(100),
            stock: None,
            active: true,
        },
    };
    assert!(matches!(
        catalog::save_product(db, &m, missing),
        Err(Error::NotFound(_))
    ));
    assert_eq!(snapshot(&shop.db), before);
}

#[test]
fn the_demo_shop_has_a_menu_products_and_metrics() {
    let mut shop = TempShop::new();
    frontdesk_core::demo::seed(&mut shop.db).unwrap();
    let m = frontdesk_core::staff::Desk::default()
        .sign_in(
            &mut shop.db,
            frontdesk_core::staff::SignInRequest {
                staff_no: "2001".into(),
                pin: "2001".into(),
            },
        )
        .unwrap();
    let c = catalog::catalog(&mut shop.db, &m).unwrap();
    assert!(
        c.services
            .iter()
            .any(|s| s.name == "补水保湿护理" && s.price == Fen(29_800))
    );
    assert_eq!(c.products.len(), 3);
    assert!(
        c.metrics
            .iter()
            .any(|x| x.name == "水分" && x.decimals == 1)
    );
}
