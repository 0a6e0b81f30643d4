//! The daily summary (issue #13, point 1) against a brute-force
//! recomputation: a shop runs for two weeks and a half across a month end
//! through the real commands (check-ins from appointments and walk-ins,
//! consultations of random length, ratings, checkouts paid by cash, card,
//! mobile, stored value, package sessions and vouchers, gifts handed over,
//! cancellations, voids, top-ups with bonuses, refunds, package sales,
//! follow-up calls, complaints answered or not), in a time zone picked by
//! the seed; then every figure of the report for random ranges is
//! recomputed from the raw rows in Rust, with each row's business day taken
//! from `clock::business_date` of its instant (not the report's SQL bounds).
//! Also: checkouts at 23:59 and 00:01 local across a month end fall on
//! their days, a voided visit counts nowhere in revenue, and the printed
//! summary reads back with its figures.
//!
//! The generated shop is `frontdesk_tests::reports_shop`, the recomputation
//! `frontdesk_tests::reports_model`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono_tz::Tz;
use frontdesk_core::clock;
use frontdesk_core::money::Fen;
use frontdesk_core::printing::{self, DocumentRequest};
use frontdesk_core::reports::{self, DailySummary, SummaryRequest};
use frontdesk_core::staff::Session;
use frontdesk_core::visits::{self, Stage, VoidVisitRequest};
use frontdesk_core::{Db, Error};
use frontdesk_tests::flow_support;
use frontdesk_tests::reports_model::brute_force;
use frontdesk_tests::reports_shop::{Now, Shop, date, local, small_shop, visit};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn summary(db: &mut Db, m: &Session, from: &str, to: &str) -> DailySummary {
    reports::daily_summary(
        db,
        m,
        SummaryRequest {
            from: from.into(),
            to: to.into(),
        },
    )
    .unwrap()
}

fn check_range(s: &mut Shop, from: &str, to: &str) {
    let m = s.m.clone();
    let got = summary(s.db(), &m, from, to);
    let want = brute_force(&s.t.db, s.tz, s.t.clock.now(), from, to);
    assert_eq!(got, want, "the summary of {from} to {to} in {}", s.tz);
    let r = &got.revenue;
    assert_eq!(
        r.billed.0,
        r.money_taken.0 + r.stored_value.0 + r.vouchers.0,
        "billed = money + stored value + vouchers, {from} to {to}"
    );
    assert_eq!(r.billed.0, r.services.0 + r.products.0);
    let v = &got.visits;
    assert_eq!(v.total, v.checked_out + v.cancelled + v.voided + v.open);
    assert_eq!(v.total, v.walk_ins + v.appointments);
    let c = &got.customers;
    assert_eq!(v.checked_out, c.new_customers + c.returning + c.anonymous);
}

#[test]
fn every_figure_matches_a_recount_from_the_raw_rows_for_random_ranges() {
    let first = "2026-11-23";
    let days = 16;
    for seed in 1..=3u64 {
        let mut s = Shop::new(seed);
        s.run(first, days);
        if seed != 1 {
            // Some follow-ups and complaints fall overdue while nobody works.
            s.t.clock.advance(4 * 86_400_000);
        }
        let mut rng = StdRng::seed_from_u64(seed * 7919);
        let day = |i: i64| {
            (date(first) + chrono::Duration::days(i))
                .format("%Y-%m-%d")
                .to_string()
        };
        // Each single day (the day after the last too: work ran past midnight).
        for i in -1..=days {
            check_range(&mut s, &day(i), &day(i));
        }
        for _ in 0..12 {
            let a = rng.random_range(-2..=days + 1);
            let b = rng.random_range(a..=days + 1);
            check_range(&mut s, &day(a), &day(b));
        }
        check_range(&mut s, "2026-11-01", "2026-11-30");
        check_range(&mut s, "2026-12-01", "2026-12-31");
        // Adding up: the month's figures are November's and December's.
        let m = s.m.clone();
        let all = summary(s.db(), &m, "2026-11-01", "2026-12-31");
        let nov = summary(s.db(), &m, "2026-11-01", "2026-11-30");
        let dec = summary(s.db(), &m, "2026-12-01", "2026-12-31");
        assert_eq!(
            all.revenue.billed.0,
            nov.revenue.billed.0 + dec.revenue.billed.0
        );
        assert_eq!(all.visits.total, nov.visits.total + dec.visits.total);
        // The run reached every kind of thing the summary counts.
        for what in [
            "check in",
            "check in (appointment)",
            "checkout",
            "checkout with gifts",
            "checkout with a voucher",
            "checkout with a package session",
            "checkout with stored value",
            "cancel",
            "void",
            "top up",
            "refund",
            "package sale",
            "follow-up call",
            "complaint answered",
        ] {
            assert!(
                s.done.get(what).copied().unwrap_or(0) > 0,
                "seed {seed} never did: {what} ({:?})",
                s.done
            );
        }
        assert!(
            all.followups.overdue > 0 && all.followups.done > 0,
            "{:?}",
            all.followups
        );
        assert!(all.complaints.opened > 0, "{:?}", all.complaints);
        let c = &all.consultations;
        assert!(c.within > 0 && c.too_short > 0 && c.too_long > 0, "{c:?}");
        let w = &all.waiting_for_consult;
        assert!(w.within > 0 && w.over_red > 0, "{w:?}");
        assert!(all.revenue.package_sessions > 0 && all.revenue.vouchers.0 > 0);
        assert!(!all.gifts.is_empty() && !all.vouchers.is_empty());
    }
}

// ------------------------------------------------------------ boundaries

#[test]
fn checkouts_at_23_59_and_00_01_fall_on_their_days_across_a_month_end() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    let mut s = small_shop();
    // Arrived 23:00 on 30 November, out at 23:59: November's.
    visit(
        &mut s,
        local(sh, "2026-11-30", 23, 0),
        local(sh, "2026-11-30", 23, 59),
    );
    // Back in at 23:59:30 (she forgot to buy the cream), out at 00:01: December's.
    visit(
        &mut s,
        local(sh, "2026-11-30", 23, 59) + 30_000,
        local(sh, "2026-12-01", 0, 1),
    );
    let m = s.m.clone();
    let nov30 = summary(&mut s.t.db, &m, "2026-11-30", "2026-11-30");
    let dec1 = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-01");
    let both = summary(&mut s.t.db, &m, "2026-11-30", "2026-12-01");
    let nov = summary(&mut s.t.db, &m, "2026-11-01", "2026-11-30");
    let dec = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-31");
    for (sum, visits, billed) in [
        (&nov30, 1, 29_800),
        (&dec1, 1, 29_800),
        (&both, 2, 59_600),
        (&nov, 1, 29_800),
        (&dec, 1, 29_800),
    ] {
        assert_eq!(sum.visits.checked_out, visits, "{} to {}", sum.from, sum.to);
        assert_eq!(
            sum.revenue.billed,
            Fen(billed),
            "{} to {}",
            sum.from,
            sum.to
        );
        assert_eq!(sum.revenue.money_taken, Fen(billed));
    }
    // Her first visit was November's; the one after midnight is a return.
    assert_eq!(nov30.customers.new_customers, 1);
    assert_eq!(dec1.customers.returning, 1);
    // UTC would put both on 30 November (15:59 and 16:01 UTC): the shop's
    // zone decides, not the computer's.
    assert_eq!(
        clock::business_date(local(sh, "2026-12-01", 0, 1), chrono_tz::UTC),
        date("2026-11-30")
    );
    // Still open across midnight: counted on the day she arrived.
    s.t.clock.set(local(sh, "2026-12-01", 23, 58));
    flow_support::visit_at(
        &mut s.t.db,
        &m,
        s.customer,
        Stage::Consult,
        s.facial,
        s.stylist,
    );
    s.t.clock.set(local(sh, "2026-12-02", 0, 30));
    let dec1 = summary(&mut s.t.db, &m, "2026-12-01", "2026-12-01");
    let dec2 = summary(&mut s.t.db, &m, "2026-12-02", "2026-12-02");
    assert_eq!((dec1.visits.open, dec2.visits.open), (1, 0));
}

#[test]
fn a_voided_visit_counts_nowhere_in_revenue() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    let mut s = small_shop();
    let kept = visit(
        &mut s,
        local(sh, "2026-11-23", 10, 0),
        local(sh, "2026-11-23", 11, 0),
    );
    let voided = visit(
        &mut s,
        local(sh, "2026-11-23", 12, 0),
        local(sh, "2026-11-23", 13, 0),
    );
    let m = s.m.clone();
    let before = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-23");
    assert_eq!(before.revenue.billed, Fen(59_600));
    // Voided the next morning: the 23rd's figures lose it, the 24th's do not gain it.
    s.t.clock.set(local(sh, "2026-11-24", 9, 0));
    visits::void_visit(
        &mut s.t.db,
        &m,
        VoidVisitRequest {
            visit_id: voided,
            reason: "收银录错".into(),
            gifts_recovered: true,
        },
    )
    .unwrap();
    let day = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-23");
    let next = summary(&mut s.t.db, &m, "2026-11-24", "2026-11-24");
    let both = summary(&mut s.t.db, &m, "2026-11-23", "2026-11-24");
    for sum in [&day, &both] {
        assert_eq!(sum.visits.voided, 1);
        assert_eq!(sum.visits.checked_out, 1);
        assert_eq!(sum.visits.total, 2);
        assert_eq!(sum.revenue.visits, 1);
        assert_eq!(sum.revenue.billed, Fen(29_800));
        assert_eq!(sum.revenue.money_taken, Fen(29_800));
        assert_eq!(sum.money_in.iter().map(|m| m.amount.0).sum::<i64>(), 29_800);
        assert_eq!(sum.services[0].count, 1);
        assert_eq!(sum.service_rating.rated + sum.service_rating.unknown, 0);
    }
    assert_eq!(next.visits.total, 0);
    assert_eq!(next.revenue.billed, Fen(0));
    let _ = kept;
}

#[test]
fn the_period_is_refused_by_field_and_the_summary_is_the_managers() {
    let mut s = small_shop();
    let m = s.m.clone();
    for (from, to, field) in [
        ("2026-11-31", "2026-12-01", "from"),
        ("2026-12-01", "昨天", "to"),
        ("2026-12-02", "2026-12-01", "to"),
        ("2020-01-01", "2026-12-01", "to"),
    ] {
        match reports::daily_summary(
            &mut s.t.db,
            &m,
            SummaryRequest {
                from: from.into(),
                to: to.into(),
            },
        ) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field, "{from} {to}"),
            other => panic!("{from} {to}: {other:?}"),
        }
    }
    // Full-width digits from an IME are read as digits.
    let s1 = summary(&mut s.t.db, &m, "２０２６-11-23", "2026-11-23");
    assert_eq!((s1.from.as_str(), s1.days), ("2026-11-23", 1));
    assert_eq!(
        printing::permission(&DocumentRequest::DailySummary {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
        }),
        frontdesk_core::access::Permission::ViewReports
    );
}

// ------------------------------------------------------------ printing

#[test]
fn the_printed_summary_reads_back_with_its_figures() {
    use frontdesk_print::docs::{self, Paper};
    use frontdesk_tests::printing::{SlipCase, page_texts, print_shop, squeezed};
    let mut p = print_shop(&SlipCase::default());
    let manager = p.manager.clone();
    let desk = p.desk.clone();
    let req = DocumentRequest::DailySummary {
        from: "2026-11-23".into(),
        to: "2026-11-23".into(),
    };
    // The desk may not see the shop's figures.
    assert!(matches!(
        printing::document(&mut p.shop.db, &desk, &req),
        Err(Error::Forbidden(_))
    ));
    let doc = printing::document(&mut p.shop.db, &manager, &req).unwrap();
    let target = frontdesk_core::printing::PrinterTarget::System {
        queue: Some("Frontdesk-Test-PDF".into()),
    };
    assert_eq!(docs::paper_for(&doc, &target), Paper::A4);
    assert_eq!(printing::title(&doc), "营业日报 2026-11-23");
    let rendered = docs::render(&doc, Paper::A4);
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/print-check");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("daily-summary.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "110"])
        .arg(&path)
        .arg(dir.join("daily-summary"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let text: String = page_texts(&path).iter().map(|t| squeezed(t)).collect();
    // ¥298 facial + 2 × ¥168 cream = ¥634: ¥200 from her balance, ¥434 by
    // card; her ¥1,000 top-up by mobile; the ¥500 tier's cream and voucher.
    for want in [
        "丽人坊美容会所",
        "营业日报",
        "营业日2026-11-23",
        "账单合计（1单）¥634.00",
        "其中服务¥298.00",
        "其中产品¥336.00",
        "实收·银行卡¥434.00",
        "实收合计¥434.00",
        "储值卡消费（不计实收）¥200.00",
        "充值收款·移动支付¥1,000.00",
        "新增储值余额（负债）¥1,000.00",
        "银行卡¥434.00",
        "移动支付¥1,000.00",
        "合计¥1,434.00",
        "面部补水护理10",
        "服务满意度5.0分（1人评价，不知道0人）",
        "玫瑰护手霜（支）1",
        "50元代金券（面值¥50.00）10¥0.00",
        "标准：3至15分钟，新顾客不超过20分钟。",
        "打印：",
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }
    let s = match &doc {
        frontdesk_core::printing::Document::DailySummary(v) => &v.summary,
        _ => unreachable!(),
    };
    assert_eq!(s.revenue.billed, Fen(63_400));
    assert_eq!(s.top_ups.received, Fen(100_000));
}
