//! A small demo shop (`--demo`): staff of every role and a few customers, made
//! through the same commands the app uses, so the demo obeys every rule.

use crate::customers::{self, CreateCustomerRequest};
use crate::error::Result;
use crate::staff::{self, AddStaffRequest, Role, Session, SetupRequest};
use crate::storage::Db;

/// Staff numbers and PINs of the demo shop (also in README.md).
pub const DEMO_STAFF: &[(&str, &str, Role, &str)] = &[
    ("1001", "王店长", Role::Manager, "1234"),
    ("2001", "张敏", Role::Receptionist, "2001"),
    ("2002", "刘晓燕", Role::Receptionist, "2002"),
    ("3003", "陈静", Role::Stylist, "3003"),
    ("3005", "赵雪", Role::Stylist, "3005"),
];

const DEMO_CUSTOMERS: &[(&str, &str)] = &[
    ("李美华", "13812345678"),
    ("王芳", "13900001234"),
    ("张丽娟", "13611112222"),
    ("曾小红", "15888886666"),
    ("欧阳娜娜", "18612349876"),
    ("陈晓", "13587654321"),
    ("单雪梅", "17700005678"),
    ("刘洋", "13312345678"),
];

/// Seed the demo shop into an empty database. Does nothing (and returns
/// `Ok(false)`) if the shop is already set up.
pub fn seed(db: &mut Db) -> Result<bool> {
    if staff::setup_status(db)?.set_up {
        return Ok(false);
    }
    let (no, name, _, pin) = DEMO_STAFF[0];
    let manager: Session = staff::setup_shop(
        db,
        SetupRequest {
            shop_name: "丽人坊美容美发".into(),
            staff_no: no.into(),
            name: name.into(),
            pin: pin.into(),
            pin_confirm: pin.into(),
        },
    )?;
    for (no, name, role, pin) in &DEMO_STAFF[1..] {
        staff::add_staff(
            db,
            &manager,
            AddStaffRequest {
                staff_no: (*no).into(),
                name: (*name).into(),
                role: *role,
                pin: (*pin).into(),
            },
        )?;
    }
    crate::shop::update_shop(
        db,
        &manager,
        crate::shop::UpdateShopRequest {
            name: "丽人坊美容美发".into(),
            address: "上海市徐汇区漕溪北路 88 号".into(),
            phone: "021-6488 1234".into(),
            idle_lock_minutes: 10,
        },
    )?;
    for (name, phone) in DEMO_CUSTOMERS {
        customers::create_customer(
            db,
            &manager,
            CreateCustomerRequest {
                name: (*name).into(),
                phone: (*phone).into(),
            },
        )?;
    }
    Ok(true)
}
