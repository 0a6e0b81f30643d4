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
            id: frontdesk_core::ids::ServiceId(0),
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
            id: frontdesk_core::ids::MetricId(0),
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
            id: frontdesk_core::ids::ProductId(0),
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
            id: frontdesk_core::ids::ProductId(999),
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

#[test]
fn flow_rules_default_to_the_manuals_and_are_checked_by_field() {
    use frontdesk_core::flow::{self, CategoryDelay, FlowSettings};
    let mut shop = TempShop::new();
    let m = setup_manager(&mut shop.db);
    let s = flow::get_flow_settings(&mut shop.db, &m).unwrap();
    // The manuals: follow up 3 days after; 3 tries over 2 working days;
    // front-desk consultation 3–15 minutes, a new customer's at most 20.
    assert_eq!(
        (s.followup_days, s.followup_attempts, s.followup_window_days),
        (3, 3, 2)
    );
    assert_eq!(
        (
            s.consult_min_minutes,
            s.consult_max_minutes,
            s.consult_new_max_minutes
        ),
        (3, 15, 20)
    );
    let hair = FlowSettings {
        category_delays: vec![CategoryDelay {
            category: "美发".into(),
            days: 7,
        }],
        ..s.clone()
    };
    let saved = flow::update_flow_settings(&mut shop.db, &m, hair).unwrap();
    assert_eq!(saved.category_delays.len(), 1);
    let days = shop
        .db
        .read(|tx| {
            Ok((
                flow::followup_days_for(tx, "美发")?,
                flow::followup_days_for(tx, "面部护理")?,
            ))
        })
        .unwrap();
    assert_eq!(days, (7, 3), "a category's own delay, else the default");

    let before = snapshot(&shop.db);
    let refused = |r: Result<FlowSettings, Error>| match r {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let db = &mut shop.db;
    assert_eq!(
        refused(flow::update_flow_settings(
            db,
            &m,
            FlowSettings {
                consult_max_minutes: 2,
                ..s.clone()
            }
        )),
        "consult_max_minutes"
    );
    assert_eq!(
        refused(flow::update_flow_settings(
            db,
            &m,
            FlowSettings {
                followup_attempts: 0,
                ..s.clone()
            }
        )),
        "followup_attempts"
    );
    let twice = FlowSettings {
        category_delays: vec![
            CategoryDelay {
                category: "美发".into(),
                days: 7,
            },
            CategoryDelay {
                category: "美发".into(),
                days: 5,
            },
        ],
        ..s.clone()
    };
    assert_eq!(
        refused(flow::update_flow_settings(db, &m, twice)),
        "category_delays"
    );
    assert_eq!(snapshot(&shop.db), before);
}

#[test]
fn only_roles_the_menu_names_may_perform_a_service_on_every_path() {
    use frontdesk_core::appointments::{self, SaveAppointmentRequest};
    use frontdesk_core::ids::AppointmentId;
    use frontdesk_core::visits::{self, AdvanceRequest, ConsultRequest, Stage};
    use frontdesk_tests::flow_support;
    let mut shop = TempShop::new();
    let db = &mut shop.db;
    let m = setup_manager(db);
    let (facial, _, _) = flow_support::menu(db, &m); // performed by stylists
    let stylist = flow_support::stylist(db, &m);
    let li = flow_support::customer(db, &m, "李美华", "13812345678");
    let v = flow_support::visit_at(db, &m, li, Stage::Greet, facial, stylist);
    visits::advance(
        db,
        &m,
        AdvanceRequest {
            visit_id: v,
            to: Stage::Consult,
        },
    )
    .unwrap();
    let consult = |by| ConsultRequest {
        visit_id: v,
        needs: String::new(),
        measurements: vec![],
        services: vec![facial],
        stylist_id: Some(by),
        care_plan: String::new(),
        care_interval_days: None,
    };
    let book = |by| SaveAppointmentRequest {
        id: AppointmentId(0),
        customer_id: li,
        stylist_id: Some(by),
        start_at: frontdesk_tests::MORNING_MS + 86_400_000,
        duration_minutes: None,
        services: vec![facial],
        note: String::new(),
        allow_conflict: false,
        from_visit_id: None,
    };
    let not_available = |r: &Result<_, Error>, field: &str| matches!(r, Err(Error::Invalid { field: f, reason: Invalid::NotAvailable, .. }) if *f == field);
    // The manager is not on the facial's list: refused at consultation and
    // when booking, and nothing is written.
    let before = snapshot(db);
    let r = visits::save_consult(db, &m, consult(m.staff_id)).map(drop);
    assert!(not_available(&r, "stylist_id"), "{r:?}");
    let r = appointments::save_appointment(db, &m, book(m.staff_id)).map(drop);
    assert!(not_available(&r, "stylist_id"), "{r:?}");
    assert_eq!(snapshot(db), before);
    // The stylist is.
    visits::save_consult(db, &m, consult(stylist)).unwrap();
    // Once the menu names managers too, the manager may do it.
    let mut service = catalog::catalog(db, &m)
        .unwrap()
        .services
        .into_iter()
        .find(|s| s.id == facial)
        .unwrap();
    service.performed_by.push(Role::Manager);
    catalog::save_service(db, &m, SaveService { service }).unwrap();
    visits::save_consult(db, &m, consult(m.staff_id)).unwrap();
    appointments::save_appointment(db, &m, book(m.staff_id)).unwrap();
}
