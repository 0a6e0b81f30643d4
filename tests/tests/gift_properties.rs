//! Gifts and vouchers under random days at the desk (SPEC 3.8, 账实相符):
//! whatever sequence of receipts, checkouts that reach a tier and issue (some
//! of) its gifts and vouchers, vouchers taken as payment, voids with or
//! without the gifts given back, damage, destruction, returns, blind
//! handovers confirmed by the incoming PIN, count adjustments and days
//! passing — refused ones included — after every step the invariants of
//! `frontdesk_tests::gift_invariants` hold: each item's book is its ledger's
//! sum and never negative, each voucher's state is its events replayed, no
//! serial is redeemed twice, and the reconciliation agrees with the book and
//! with itself split at any day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, OnceLock};

use frontdesk_core::Db;
use frontdesk_core::clock::FixedClock;
use frontdesk_core::gifts::handover::{
    self, ConfirmHandoverRequest, Count, CountHandoverRequest, HandoverKind,
};
use frontdesk_core::gifts::rewards::{GiftIssue, ItemQty, TierIssue};
use frontdesk_core::gifts::setup::{self, PromotionTier, Reward, SavePromotion};
use frontdesk_core::gifts::stock::{
    self, AdjustCountRequest, DamageRequest, DestroyGiftsRequest, ReceiveGiftsRequest,
    ReturnGiftsRequest,
};
use frontdesk_core::gifts::vouchers::{self, DestroyVouchersRequest, ReceiveVouchersRequest};
use frontdesk_core::ids::{
    CustomerId, GiftItemId, HandoverLineId, ProductId, PromotionId, PromotionTierId, ServiceId,
    StaffId, VisitId, VoucherTypeId,
};
use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::staff::{self, AddStaffRequest, Language, Role, Session};
use frontdesk_core::visits::{
    self, CheckoutRequest, CloseVisitRequest, Payment, ProductSale, QuoteRequest, Stage,
    VoidVisitRequest,
};
use frontdesk_tests::gifts::{GiftCounter, counter, uncounted_product, voucher_type};
use frontdesk_tests::{MORNING_MS, TempShop, flow_support, gift_invariants, setup_manager};
use proptest::prelude::*;

/// The shop every case starts from, set up once (PIN hashing is slow) and
/// copied into a fresh directory per case.
struct Template {
    file: Vec<u8>,
    manager: Session,
    desk: Session,
    facial: ServiceId,
    stylist: StaffId,
    /// ¥100 and ¥1, not counted: any spend from ¥298 up, to the fen a tier needs.
    p100: ProductId,
    p1: ProductId,
    customers: Vec<CustomerId>,
    gifts: GiftCounter,
    /// 20元体验券 B001–B012 (B005 never arrived), valid to 2026-11-28.
    type_b: VoucherTypeId,
    /// 周末特惠 ≥ ¥400: one B voucher and one scarf.
    tier_400: PromotionTierId,
}

static TEMPLATE: OnceLock<Template> = OnceLock::new();

fn template() -> &'static Template {
    TEMPLATE.get_or_init(|| {
        let shop = TempShop::new();
        let TempShop { dir, mut db, .. } = shop;
        let db_ref = &mut db;
        let manager = setup_manager(db_ref);
        let (facial, _, _) = flow_support::menu(db_ref, &manager);
        let stylist = flow_support::stylist(db_ref, &manager);
        let desk_id = staff::add_staff(
            db_ref,
            &manager,
            AddStaffRequest {
                staff_no: "2001".into(),
                name: "张敏".into(),
                role: Role::Receptionist,
                pin: "2001".into(),
            },
        )
        .unwrap()
        .id;
        let desk = Session::new(desk_id, "2001", "张敏", Role::Receptionist, Language::ZhCn);
        let gifts = counter(db_ref, &manager);
        let p100 = uncounted_product(db_ref, &manager, "精华小样", 10_000);
        let p1 = uncounted_product(db_ref, &manager, "试用装", 100);
        let mut b = voucher_type("20元体验券", "B", 2_000, 0);
        b.valid_days = None;
        b.valid_to = Some("2026-11-28".into());
        b.serial_digits = 3;
        let type_b = setup::save_voucher_type(db_ref, &manager, b).unwrap().id;
        vouchers::receive_vouchers(
            db_ref,
            &manager,
            ReceiveVouchersRequest {
                voucher_type_id: type_b,
                first_serial: "B001".into(),
                last_serial: "B012".into(),
                slip_no: "CK-1004".into(),
                missing: vec!["B005".into()],
            },
        )
        .unwrap();
        let weekend = setup::save_promotion(
            db_ref,
            &manager,
            SavePromotion {
                promotion: setup::Promotion {
                    id: PromotionId(0),
                    name: "周末特惠".into(),
                    starts_on: "2026-11-20".into(),
                    ends_on: "2026-12-31".into(),
                    active: true,
                    tiers: vec![PromotionTier {
                        id: PromotionTierId(0),
                        threshold: Fen(40_000),
                        rewards: vec![
                            Reward {
                                item_id: Some(gifts.scarf),
                                voucher_type_id: None,
                                quantity: 1,
                            },
                            Reward {
                                item_id: None,
                                voucher_type_id: Some(type_b),
                                quantity: 1,
                            },
                        ],
                    }],
                },
            },
        )
        .unwrap();
        let customers = (0..3)
            .map(|i| {
                flow_support::customer(
                    db_ref,
                    &manager,
                    &format!("顾客{i}"),
                    &format!("1380000100{i}"),
                )
            })
            .collect();
        drop(db);
        let path = dir.path().join(frontdesk_core::storage::DB_FILE_NAME);
        assert!(
            !dir.path().join("frontdesk.db-wal").exists(),
            "closing the last connection checkpoints the WAL into the file"
        );
        Template {
            file: std::fs::read(path).unwrap(),
            manager,
            desk,
            facial,
            stylist,
            p100,
            p1,
            customers,
            gifts,
            type_b,
            tier_400: weekend.tiers[0].id,
        }
    })
}

/// A fresh copy of the template shop, on 2026-11-23 at 09:00.
fn fresh(t: &Template) -> TempShop {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(frontdesk_core::storage::DB_FILE_NAME),
        &t.file,
    )
    .unwrap();
    let clock = FixedClock::at(MORNING_MS);
    let (db, _) = Db::open_in_dir(dir.path(), Arc::new(clock.clone())).unwrap();
    TempShop { dir, db, clock }
}

/// A voucher serial: typed at random (known, unknown, missing from its
/// range), or one of those in a given state now, by index.
#[derive(Debug, Clone)]
enum Pick {
    Raw(usize),
    InStock(usize),
    Issued(usize),
    Redeemed(usize),
}

#[derive(Debug, Clone)]
enum Handed {
    /// Exactly what the tier gives, with serials of its types from the drawer.
    Exact,
    /// Gift items (0 cream, 1 scarf) and serials at random.
    Random(Vec<(usize, i64)>, Vec<Pick>),
}

#[derive(Debug, Clone)]
struct TierPick {
    /// 0: ≥ ¥300, 1: ≥ ¥500 (双十二), 2: ≥ ¥400 (周末特惠).
    tier: usize,
    handed: Handed,
}

#[derive(Debug, Clone)]
enum Op {
    Receive {
        item: usize,
        qty: i64,
    },
    Checkout {
        customer: usize,
        hundreds: i64,
        ones: i64,
        pay: Vec<Pick>,
        tiers: Vec<TierPick>,
        receipts: i64,
        seconds: i64,
    },
    Void {
        pick: usize,
        recovered: bool,
    },
    Damage {
        item: usize,
        qty: i64,
        replaced: bool,
    },
    Destroy {
        item: usize,
        qty: i64,
    },
    DestroyVoucher(Pick),
    Return {
        item: usize,
        qty: i64,
    },
    Handover {
        close: bool,
        deltas: Vec<i64>,
        confirm: bool,
    },
    Adjust {
        variance_only: bool,
        pick: usize,
    },
    Advance {
        hours: i64,
    },
}

fn pick(raw: u32, in_stock: u32, issued: u32, redeemed: u32) -> impl Strategy<Value = Pick> {
    prop_oneof![
        raw => (0..130usize).prop_map(Pick::Raw),
        in_stock => any::<usize>().prop_map(Pick::InStock),
        issued => any::<usize>().prop_map(Pick::Issued),
        redeemed => any::<usize>().prop_map(Pick::Redeemed),
    ]
}

fn tier_pick() -> impl Strategy<Value = TierPick> {
    let handed = prop_oneof![
        3 => Just(Handed::Exact),
        2 => (
            prop::collection::vec((0..2usize, 1i64..=2), 0..=2),
            prop::collection::vec(pick(1, 4, 1, 0), 0..=2),
        )
            .prop_map(|(items, serials)| Handed::Random(items, serials)),
    ];
    (0..3usize, handed).prop_map(|(tier, handed)| TierPick { tier, handed })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..2usize, 1i64..=20).prop_map(|(item, qty)| Op::Receive { item, qty }),
        10 => (
            0..3usize,
            0i64..=5,
            0i64..=3,
            prop_oneof![
                2 => Just(vec![]),
                2 => pick(1, 0, 6, 1).prop_map(|p| vec![p]),
                1 => prop::collection::vec(pick(1, 0, 6, 1), 2),
            ],
            prop_oneof![
                1 => Just(vec![]),
                4 => tier_pick().prop_map(|p| vec![p]),
                1 => prop::collection::vec(tier_pick(), 2),
            ],
            1i64..=8,
            0i64..=240,
        )
            .prop_map(|(customer, hundreds, ones, pay, tiers, receipts, seconds)| Op::Checkout {
                customer,
                hundreds,
                ones,
                pay,
                tiers,
                receipts,
                seconds,
            }),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(pick, recovered)| Op::Void { pick, recovered }),
        1 => (0..2usize, 1i64..=5, any::<bool>())
            .prop_map(|(item, qty, replaced)| Op::Damage { item, qty, replaced }),
        1 => (0..2usize, 1i64..=5).prop_map(|(item, qty)| Op::Destroy { item, qty }),
        1 => pick(1, 3, 1, 0).prop_map(Op::DestroyVoucher),
        1 => (0..2usize, 1i64..=5).prop_map(|(item, qty)| Op::Return { item, qty }),
        1 => (
            any::<bool>(),
            prop::collection::vec(prop_oneof![3 => Just(0i64), 1 => -2i64..=2], 1..=4),
            prop::sample::select(vec![true, true, true, false]),
        )
            .prop_map(|(close, deltas, confirm)| Op::Handover { close, deltas, confirm }),
        1 => (prop::sample::select(vec![true, true, true, false]), any::<usize>())
            .prop_map(|(variance_only, pick)| Op::Adjust { variance_only, pick }),
        2 => (0i64..=72).prop_map(|hours| Op::Advance { hours }),
    ]
}

/// One case's shop and what the ops refer to.
struct Desk {
    shop: TempShop,
    t: &'static Template,
    checked_out: Vec<VisitId>,
}

impl Desk {
    fn db(&mut self) -> &mut Db {
        &mut self.shop.db
    }

    fn item(&self, i: usize) -> GiftItemId {
        [self.t.gifts.cream, self.t.gifts.scarf][i]
    }

    fn serials(&self, state: &str, type_id: Option<VoucherTypeId>) -> Vec<String> {
        let conn = self.shop.db.conn();
        let mut stmt = conn
            .prepare(
                "SELECT serial FROM vouchers WHERE state = ?1
                 AND (?2 IS NULL OR voucher_type_id = ?2) ORDER BY serial",
            )
            .unwrap();
        stmt.query_map(rusqlite::params![state, type_id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap()
    }

    /// The serial a pick names; None when it asks for a state no voucher is in.
    fn serial(&self, p: &Pick) -> Option<String> {
        let from = |state: &str, i: usize| {
            let list = self.serials(state, None);
            (!list.is_empty()).then(|| list[i % list.len()].clone())
        };
        match p {
            Pick::Raw(i) if *i < 110 => Some(format!("A{:06}", 101 + i)),
            Pick::Raw(i) => Some(format!("B{:03}", i - 109)),
            Pick::InStock(i) => from("in_stock", *i),
            Pick::Issued(i) => from("issued", *i),
            Pick::Redeemed(i) => from("redeemed", *i),
        }
    }

    fn tier_issue(&self, p: &TierPick) -> TierIssue {
        let g = &self.t.gifts;
        let tier = [g.tier_300, g.tier_500, self.t.tier_400][p.tier];
        match &p.handed {
            Handed::Exact => {
                let (items, serials) = match p.tier {
                    0 => (vec![g.scarf], vec![]),
                    1 => (
                        vec![g.cream],
                        self.serials("in_stock", Some(g.voucher_type)),
                    ),
                    _ => (vec![g.scarf], self.serials("in_stock", Some(self.t.type_b))),
                };
                TierIssue {
                    tier_id: tier,
                    items: items
                        .into_iter()
                        .map(|item_id| ItemQty {
                            item_id,
                            quantity: 1,
                        })
                        .collect(),
                    vouchers: serials
                        .into_iter()
                        .take(if p.tier == 0 { 0 } else { 1 })
                        .collect(),
                }
            }
            Handed::Random(items, serials) => TierIssue {
                tier_id: tier,
                items: items
                    .iter()
                    .map(|(i, q)| ItemQty {
                        item_id: self.item(*i),
                        quantity: *q,
                    })
                    .collect(),
                vouchers: serials.iter().filter_map(|s| self.serial(s)).collect(),
            },
        }
    }

    fn run(&mut self, op: &Op) {
        let t = self.t;
        let (m, desk) = (&t.manager, &t.desk);
        match op {
            Op::Receive { item, qty } => {
                let item_id = self.item(*item);
                let _ = stock::receive_gifts(
                    self.db(),
                    desk,
                    ReceiveGiftsRequest {
                        item_id,
                        quantity: *qty,
                        slip_no: "CK-2001".into(),
                    },
                );
            }
            Op::Checkout {
                customer,
                hundreds,
                ones,
                pay,
                tiers,
                receipts,
                seconds,
            } => {
                let v = flow_support::visit_at(
                    self.db(),
                    desk,
                    t.customers[*customer],
                    Stage::Reconsult,
                    t.facial,
                    t.stylist,
                );
                let mut products = Vec::new();
                if *hundreds > 0 {
                    products.push(ProductSale {
                        product_id: t.p100,
                        qty: *hundreds,
                    });
                }
                if *ones > 0 {
                    products.push(ProductSale {
                        product_id: t.p1,
                        qty: *ones,
                    });
                }
                let serials: Vec<String> = pay.iter().filter_map(|p| self.serial(p)).collect();
                let total = 29_800 + hundreds * 10_000 + ones * 100;
                let due = visits::quote(
                    self.db(),
                    desk,
                    QuoteRequest {
                        visit_id: v,
                        products: products.clone(),
                        package_uses: vec![],
                        vouchers: serials.clone(),
                    },
                )
                .map_or(total, |q| q.due.0);
                let gifts = (!tiers.is_empty()).then(|| GiftIssue {
                    tiers: tiers.iter().map(|p| self.tier_issue(p)).collect(),
                    receipts: *receipts,
                    seconds: *seconds,
                });
                let r = visits::checkout(
                    self.db(),
                    desk,
                    CheckoutRequest {
                        visit_id: v,
                        products,
                        payments: if due > 0 {
                            vec![Payment {
                                method: PayMethod::Card,
                                amount: Fen(due),
                            }]
                        } else {
                            vec![]
                        },
                        tendered: Fen(0),
                        belongings_checked: true,
                        stored_value: Fen(0),
                        package_uses: vec![],
                        vouchers: serials,
                        gifts,
                    },
                );
                match r {
                    Ok(_) => self.checked_out.push(v),
                    Err(_) => {
                        // A refused checkout leaves the visit open: she leaves.
                        visits::cancel_visit(
                            self.db(),
                            desk,
                            CloseVisitRequest {
                                visit_id: v,
                                reason: "未结账".into(),
                            },
                        )
                        .expect("a refused checkout left its visit open");
                    }
                }
            }
            Op::Void { pick, recovered } => {
                if self.checked_out.is_empty() {
                    return;
                }
                let i = pick % self.checked_out.len();
                let v = self.checked_out[i];
                let r = visits::void_visit(
                    self.db(),
                    m,
                    VoidVisitRequest {
                        visit_id: v,
                        reason: "顾客退货".into(),
                        gifts_recovered: *recovered,
                    },
                );
                if r.is_ok() {
                    self.checked_out.remove(i);
                }
            }
            Op::Damage {
                item,
                qty,
                replaced,
            } => {
                let item_id = self.item(*item);
                let _ = stock::record_damage(
                    self.db(),
                    desk,
                    DamageRequest {
                        item_id,
                        quantity: *qty,
                        reason: "包装破损".into(),
                        replaced: *replaced,
                        slip_no: "CK-3001".into(),
                    },
                );
            }
            Op::Destroy { item, qty } => {
                let item_id = self.item(*item);
                let _ = stock::destroy_gifts(
                    self.db(),
                    m,
                    DestroyGiftsRequest {
                        item_id,
                        quantity: *qty,
                        reason: "受潮".into(),
                    },
                );
            }
            Op::DestroyVoucher(p) => {
                let Some(serial) = self.serial(p) else { return };
                let _ = vouchers::destroy_vouchers(
                    self.db(),
                    m,
                    DestroyVouchersRequest {
                        serials: vec![serial],
                        reason: "污损".into(),
                    },
                );
            }
            Op::Return { item, qty } => {
                let item_id = self.item(*item);
                let _ = stock::return_gifts(
                    self.db(),
                    m,
                    ReturnGiftsRequest {
                        item_id,
                        quantity: *qty,
                        slip_no: "TK-1001".into(),
                    },
                );
            }
            Op::Handover {
                close,
                deltas,
                confirm,
            } => {
                let sheet = handover::handover_sheet(self.db(), desk).unwrap();
                let catalog = setup::gift_catalog(self.db(), desk).unwrap();
                let batches = vouchers::voucher_batches(self.db(), desk).unwrap();
                let counts = sheet
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let book = match (l.item_id, l.batch_id) {
                            (Some(it), _) => {
                                catalog.items.iter().find(|x| x.id == it).unwrap().stock
                            }
                            (_, Some(b)) => batches.iter().find(|x| x.id == b).unwrap().in_stock,
                            _ => unreachable!("a sheet line counts an item or a range"),
                        };
                        Count {
                            item_id: l.item_id,
                            batch_id: l.batch_id,
                            counted: (book + deltas[i % deltas.len()]).max(0),
                        }
                    })
                    .collect();
                // A full, valid count and the right PIN are never refused.
                let counted = handover::count_handover(
                    self.db(),
                    desk,
                    CountHandoverRequest {
                        kind: if *close {
                            HandoverKind::Close
                        } else {
                            HandoverKind::Shift
                        },
                        counts,
                    },
                )
                .expect("count the whole sheet");
                if *confirm {
                    handover::confirm_handover(
                        self.db(),
                        desk,
                        ConfirmHandoverRequest {
                            handover_id: counted.id,
                            incoming_staff_no: "1001".into(),
                            incoming_pin: "1234".into(),
                            notes: String::new(),
                            matters: vec![],
                        },
                    )
                    .expect("confirm with the incoming PIN");
                }
            }
            Op::Adjust {
                variance_only,
                pick,
            } => {
                let lines: Vec<HandoverLineId> = {
                    let conn = self.shop.db.conn();
                    let mut stmt = conn
                        .prepare(
                            "SELECT l.id FROM handover_lines l JOIN handovers h ON h.id = l.handover_id
                             WHERE ?1 = 0 OR (h.state = 'confirmed' AND l.item_id IS NOT NULL
                                 AND l.counted <> l.book)
                             ORDER BY l.id",
                        )
                        .unwrap();
                    stmt.query_map([variance_only], |r| r.get(0))
                        .unwrap()
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .unwrap()
                };
                if lines.is_empty() {
                    return;
                }
                let _ = stock::adjust_count(
                    self.db(),
                    m,
                    AdjustCountRequest {
                        handover_line_id: lines[pick % lines.len()],
                        reason: "盘点差异".into(),
                    },
                );
            }
            Op::Advance { hours } => self.shop.clock.advance(hours * 3_600_000),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_gift_and_voucher_is_accounted_for_after_every_step(
        ops in prop::collection::vec((op(), any::<u64>()), 1..40)
    ) {
        let t = template();
        let mut desk = Desk { shop: fresh(t), t, checked_out: Vec::new() };
        for (step, (op, seed)) in ops.iter().enumerate() {
            desk.run(op);
            let db = desk.db();
            let today = db.read(frontdesk_core::shop::today).unwrap();
            let split = gift_invariants::split_day(today, *seed);
            let r = gift_invariants::check(db, &t.manager, today, split);
            prop_assert!(r.is_ok(), "after step {} ({:?}): {}", step, op, r.unwrap_err());
        }
    }
}

/// The ops above reach every kind of movement the invariants are about: a
/// fixed day through the same harness, checked after every step, must leave
/// each gift move kind and each voucher event kind in the file (else the
/// property test could pass on refusals alone).
#[test]
fn a_fixed_day_through_the_harness_reaches_every_kind_of_movement() {
    let t = template();
    let mut desk = Desk {
        shop: fresh(t),
        t,
        checked_out: Vec::new(),
    };
    let checkout = |customer, hundreds, pay: Vec<Pick>, tiers: Vec<usize>| Op::Checkout {
        customer,
        hundreds,
        ones: 0,
        pay,
        tiers: tiers
            .into_iter()
            .map(|tier| TierPick {
                tier,
                handed: Handed::Exact,
            })
            .collect(),
        receipts: 2,
        seconds: 45,
    };
    let ops = [
        // ¥598: the ¥500 tier, cream and an A voucher.
        checkout(0, 3, vec![], vec![1]),
        // ¥548 after that voucher pays ¥50: 周末特惠, scarf and a B voucher.
        checkout(1, 3, vec![Pick::Issued(0)], vec![2]),
        // Void the second, gifts back: unredeem, recover (scarf and B).
        Op::Void {
            pick: 1,
            recovered: true,
        },
        // Void the first, gifts kept: not_recovered, cancel.
        Op::Void {
            pick: 0,
            recovered: false,
        },
        checkout(2, 1, vec![], vec![0]),
        Op::Receive { item: 0, qty: 5 },
        Op::Damage {
            item: 0,
            qty: 1,
            replaced: true,
        },
        Op::Damage {
            item: 1,
            qty: 1,
            replaced: false,
        },
        Op::Destroy { item: 1, qty: 1 },
        Op::Return { item: 0, qty: 2 },
        Op::DestroyVoucher(Pick::InStock(0)),
        Op::Handover {
            close: false,
            deltas: vec![-1],
            confirm: true,
        },
        Op::Adjust {
            variance_only: true,
            pick: 0,
        },
        checkout(0, 2, vec![], vec![2]),
        // Past B's last day (11-28): the close expires the issued B voucher
        // and those still in the drawer.
        Op::Advance { hours: 72 },
        Op::Advance { hours: 72 },
        Op::Handover {
            close: true,
            deltas: vec![0],
            confirm: true,
        },
    ];
    for (step, op) in ops.iter().enumerate() {
        desk.run(op);
        let db = desk.db();
        let today = db.read(frontdesk_core::shop::today).unwrap();
        if let Err(e) =
            gift_invariants::check(db, &t.manager, today, Some(today.pred_opt().unwrap()))
        {
            panic!("after step {step} ({op:?}): {e}");
        }
    }
    let kinds = |sql: &str| -> Vec<String> {
        let conn = desk.shop.db.conn();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap()
    };
    assert_eq!(
        kinds("SELECT DISTINCT kind FROM gift_moves ORDER BY kind"),
        [
            "adjust",
            "damage",
            "destroy",
            "issue",
            "not_recovered",
            "receive",
            "recover",
            "replace",
            "return"
        ]
    );
    assert_eq!(
        kinds("SELECT DISTINCT kind FROM voucher_events ORDER BY kind"),
        [
            "cancel",
            "destroy",
            "expire",
            "expire_unissued",
            "issue",
            "receive",
            "recover",
            "redeem",
            "unredeem"
        ]
    );
}
