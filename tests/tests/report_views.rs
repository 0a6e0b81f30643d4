//! The reports beyond the daily summary (issue #13, points 2–6) against a
//! brute-force recomputation on the generated shop of `reports.rs` (two
//! stylists, rebookings at re-consultation, complaints about a stylist,
//! voids), in three time zones across a month end: the staff report and its
//! ranking, trends by day / week / month, the customer visit rows the
//! triggers keep, the dormant list and its follow-up campaign, the visits
//! behind a figure, the CSV and the printed tables.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_core::Error;
use frontdesk_core::clock;
use frontdesk_core::reports::{
    self, Bucket, CustomerListKind, CustomerListRequest, ListFollowUpsRequest, ReportRequest,
    ReportVisitsRequest, SummaryRequest, TrendRequest, VisitFilter,
};
use frontdesk_core::visits::VisitStatus;
use frontdesk_tests::reports_model::views;
use frontdesk_tests::reports_shop::{Now, Shop, date};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FIRST: &str = "2026-11-23";
const DAYS: i64 = 16;

fn period(from: &str, to: &str) -> SummaryRequest {
    SummaryRequest {
        from: from.into(),
        to: to.into(),
    }
}

fn day(i: i64) -> String {
    (date(FIRST) + chrono::Duration::days(i))
        .format("%Y-%m-%d")
        .to_string()
}

fn shop(seed: u64) -> Shop {
    let mut s = Shop::new(seed);
    s.run(FIRST, DAYS);
    s
}

#[test]
fn the_staff_report_and_its_ranking_match_a_recount() {
    for seed in 1..=3u64 {
        let mut s = shop(seed);
        let m = s.m.clone();
        let mut rng = StdRng::seed_from_u64(seed * 31);
        let mut ranges = vec![
            (day(0), day(DAYS)),
            (day(3), day(3)),
            ("2026-12-01".into(), "2026-12-31".into()),
        ];
        for _ in 0..6 {
            let a = rng.random_range(-1..=DAYS);
            let b = rng.random_range(a..=DAYS + 1);
            ranges.push((day(a), day(b)));
        }
        for (from, to) in ranges {
            let got = reports::staff_report(s.db(), &m, period(&from, &to)).unwrap();
            let want = views::staff_rows(&s.t.db, s.tz, &from, &to);
            assert_eq!(got.rows, want, "seed {seed}, {from} to {to}");
            // What the daily summary counts adds up over the stylists.
            let sum = reports::daily_summary(s.db(), &m, period(&from, &to)).unwrap();
            let no_stylist: i64 = s
                .t
                .db
                .conn()
                .query_row(
                    "SELECT count(*) FROM visits WHERE status = 'checked_out' AND stylist_id IS NULL
                     AND closed_at >= ?1 AND closed_at < ?2",
                    [
                        clock::day_bounds(date(&from), s.tz).0,
                        clock::day_bounds(date(&to), s.tz).1,
                    ],
                    |r| r.get(0),
                )
                .unwrap();
            let by_staff: i64 = got.rows.iter().map(|r| r.visits).sum();
            assert_eq!(
                by_staff + no_stylist,
                sum.visits.checked_out,
                "{from} to {to}"
            );
        }
        let all = reports::staff_report(s.db(), &m, period(&day(0), &day(DAYS))).unwrap();
        assert!(
            all.rows.iter().filter(|r| r.visits > 0).count() >= 2,
            "{all:?}"
        );
        assert!(all.rows.iter().any(|r| r.rebooked > 0), "{all:?}");
        assert!(all.rows.iter().any(|r| r.complaints > 0), "{all:?}");
        assert_eq!(all.rows[0].rank, Some(1));
    }
}

#[test]
fn trends_by_day_week_and_month_match_a_recount() {
    for seed in 1..=3u64 {
        let mut s = shop(seed);
        let m = s.m.clone();
        for (from, to) in [
            (day(-3), day(DAYS + 1)),
            ("2026-11-01".to_string(), "2027-01-31".to_string()),
            (day(2), day(9)),
        ] {
            for bucket in Bucket::ALL.iter().copied() {
                let got = reports::trend(
                    s.db(),
                    &m,
                    TrendRequest {
                        from: from.clone(),
                        to: to.clone(),
                        bucket,
                    },
                )
                .unwrap();
                let want = views::trend_points(&s.t.db, s.tz, &from, &to, bucket);
                assert_eq!(
                    got.points, want,
                    "seed {seed}, {from} to {to} by {bucket:?}"
                );
                // The steps tile the period and add up to the whole.
                assert_eq!(got.points.first().unwrap().from, from);
                assert_eq!(got.points.last().unwrap().to, to);
                let whole = reports::daily_summary(s.db(), &m, period(&from, &to)).unwrap();
                let visits: i64 = got.points.iter().map(|p| p.visits).sum();
                let billed: i64 = got.points.iter().map(|p| p.revenue.0).sum();
                assert_eq!(
                    (visits, billed),
                    (whole.visits.checked_out, whole.revenue.billed.0)
                );
            }
        }
        // The liability at the end of the last step is today's.
        let t = reports::trend(
            s.db(),
            &m,
            TrendRequest {
                from: day(0),
                to: day(DAYS + 30),
                bucket: Bucket::Month,
            },
        )
        .unwrap();
        let report = frontdesk_core::membership::membership_report(s.db(), &m).unwrap();
        assert_eq!(t.points.last().unwrap().liability, report.liability);
    }
}

#[test]
fn each_customers_visit_row_is_kept_through_checkouts_and_voids() {
    for seed in 1..=3u64 {
        let s = shop(seed);
        let kept: Vec<(i64, i64, i64, i64, i64)> = {
            let mut stmt =
                s.t.db
                    .conn()
                    .prepare(
                        "SELECT customer_id, visits, first_visit_at, last_visit_at, last_visit_id
                     FROM customer_visits ORDER BY customer_id",
                    )
                    .unwrap();
            stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
        };
        let want: Vec<(i64, i64, i64, i64, i64)> = views::customer_visits(&s.t.db)
            .into_iter()
            .map(|(c, (n, first, last, id))| (c, n, first, last, id))
            .collect();
        assert_eq!(kept, want, "seed {seed}");
        assert!(
            s.done.get("void").copied().unwrap_or(0) > 0,
            "seed {seed} never voided"
        );
    }
}

#[test]
fn the_dormant_list_pages_in_order_and_its_campaign_makes_one_task_each() {
    let mut s = shop(2);
    // A month later nobody has come back.
    s.t.clock.advance(40 * 86_400_000);
    let m = s.m.clone();
    let today = clock::business_date(s.t.clock.now(), s.tz);
    for days in [1, 30, 45, 50, 3650] {
        let want = views::dormant_ids(&s.t.db, s.tz, today, days);
        let mut got = Vec::new();
        let mut page = 1;
        loop {
            let l = reports::customer_list(
                s.db(),
                &m,
                CustomerListRequest {
                    list: CustomerListKind::Dormant { days },
                    page,
                    page_size: 3,
                },
            )
            .unwrap();
            assert_eq!(l.total as usize, want.len(), "{days} days");
            if l.rows.is_empty() {
                break;
            }
            for r in &l.rows {
                let since = r.days_since.unwrap();
                assert!(since >= days, "{r:?} listed at {days} days");
                assert!(r.phone_masked.contains("****"), "{r:?}");
            }
            got.extend(l.rows.iter().map(|r| r.customer_id.0));
            page += 1;
        }
        assert_eq!(got, want, "{days} days");
    }
    // An erased card leaves the list (and its count) at once.
    let gone = views::dormant_ids(&s.t.db, s.tz, today, 30)[0];
    let name: String =
        s.t.db
            .conn()
            .query_row("SELECT name FROM customers WHERE id = ?1", [gone], |r| {
                r.get(0)
            })
            .unwrap();
    frontdesk_core::erasure::erase_customer(
        s.db(),
        &m,
        frontdesk_core::customers::EraseCustomerRequest {
            id: frontdesk_core::ids::CustomerId(gone),
            confirm_name: name,
        },
    )
    .unwrap();
    let want = views::dormant_ids(&s.t.db, s.tz, today, 30);
    assert!(!want.is_empty() && !want.contains(&gone));
    let listed = reports::customer_list(
        s.db(),
        &m,
        CustomerListRequest {
            list: CustomerListKind::Dormant { days: 30 },
            page: 1,
            page_size: 500,
        },
    )
    .unwrap();
    assert_eq!(listed.total as usize, want.len());
    let ids: Vec<i64> = listed.rows.iter().map(|r| r.customer_id.0).collect();
    assert_eq!(ids, want);
    let mix = reports::customer_report(s.db(), &m, period(&day(0), &day(DAYS))).unwrap();
    let thirty = mix.dormant.iter().find(|d| d.days == 30).unwrap();
    assert_eq!(thirty.customers as usize, want.len());
    let living: i64 = mix.classes.iter().map(|c| c.customers).sum();
    let all: i64 =
        s.t.db
            .conn()
            .query_row(
                "SELECT count(*) FROM customers WHERE erased_at IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(living, all);
    let tasks = |s: &mut Shop| -> i64 {
        s.t.db
            .conn()
            .query_row(
                "SELECT count(*) FROM followups WHERE reason = 'dormant' AND status = 'open'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let due = today.format("%Y-%m-%d").to_string();
    let req = ListFollowUpsRequest {
        list: CustomerListKind::Dormant { days: 30 },
        due_date: due.clone(),
        assigned_to: None,
    };
    let made = reports::list_follow_ups(s.db(), &m, req.clone()).unwrap();
    assert_eq!(made.created as usize, want.len());
    assert_eq!(tasks(&mut s), want.len() as i64);
    // Again: nobody gets a second task.
    let again = reports::list_follow_ups(s.db(), &m, req.clone()).unwrap();
    assert_eq!(
        (again.created, again.skipped_already_open),
        (0, want.len() as i64)
    );
    assert_eq!(tasks(&mut s), want.len() as i64);
    // A date in the past is refused by field, and nothing is made.
    let past = ListFollowUpsRequest {
        due_date: "2020-01-01".into(),
        ..req
    };
    match reports::list_follow_ups(s.db(), &m, past) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "due_date"),
        other => panic!("{other:?}"),
    }
    // Bad list arguments are named.
    for (list, field) in [
        (CustomerListKind::Dormant { days: 0 }, "days"),
        (CustomerListKind::Birthdays { month: 13 }, "month"),
    ] {
        match reports::customer_list(
            s.db(),
            &m,
            CustomerListRequest {
                list,
                page: 1,
                page_size: 50,
            },
        ) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_figure_lists_exactly_the_visits_it_counts() {
    let mut s = shop(3);
    // Some follow-ups and complaints fall overdue while nobody works.
    s.t.clock.advance(4 * 86_400_000);
    let m = s.m.clone();
    let (from, to) = (day(0), day(DAYS));
    let sum = reports::daily_summary(s.db(), &m, period(&from, &to)).unwrap();
    let staff = reports::staff_report(s.db(), &m, period(&from, &to)).unwrap();
    let mut total = |filter: VisitFilter| -> (i64, usize) {
        let mut seen = std::collections::BTreeSet::new();
        let mut page = 1;
        let mut total;
        loop {
            let r = reports::report_visits(
                s.db(),
                &m,
                ReportVisitsRequest {
                    from: from.clone(),
                    to: to.clone(),
                    filter: filter.clone(),
                    page,
                    page_size: 40,
                },
            )
            .unwrap();
            total = r.total;
            if r.rows.is_empty() {
                break;
            }
            seen.extend(r.rows.iter().map(|v| v.visit_id.0));
            page += 1;
        }
        (total, seen.len())
    };
    let v = &sum.visits;
    for (filter, want) in [
        (VisitFilter::All, v.total),
        (
            VisitFilter::Status {
                status: VisitStatus::CheckedOut,
            },
            v.checked_out,
        ),
        (
            VisitFilter::Status {
                status: VisitStatus::Voided,
            },
            v.voided,
        ),
        (
            VisitFilter::Status {
                status: VisitStatus::Cancelled,
            },
            v.cancelled,
        ),
        (VisitFilter::WalkIns, v.walk_ins),
        (VisitFilter::Appointments, v.appointments),
        (VisitFilter::NewCustomers, sum.customers.new_customers),
        (VisitFilter::Returning, sum.customers.returning),
    ] {
        let (n, distinct) = total(filter.clone());
        assert_eq!((n, distinct as i64), (want, want), "{filter:?}");
    }
    for r in staff.rows.iter().filter(|r| r.visits > 0) {
        let (n, _) = total(VisitFilter::Stylist {
            staff_id: r.staff_id,
        });
        assert_eq!(n, r.visits, "{}", r.name);
        let (n, _) = total(VisitFilter::Rebooked {
            staff_id: r.staff_id,
        });
        assert_eq!(n, r.rebooked, "{}", r.name);
    }
    // The money rows behind the stored-value and package figures.
    let mut rows = |kind: reports::MoneyRowKind| -> (i64, i64, i64) {
        let (mut n, mut sum, mut page) = (0, 0, 1);
        let mut total;
        loop {
            let r = reports::money_rows(
                s.db(),
                &m,
                reports::MoneyRowsRequest {
                    from: from.clone(),
                    to: to.clone(),
                    kind,
                    page,
                    page_size: 7,
                },
            )
            .unwrap();
            total = (r.total, r.amount.0);
            if r.rows.is_empty() {
                break;
            }
            n += r.rows.len() as i64;
            sum += r.rows.iter().map(|x| x.amount.0).sum::<i64>();
            page += 1;
        }
        assert_eq!(total, (n, sum), "{kind:?}: the pages add up to the total");
        (n, sum, 0)
    };
    let t = &sum.top_ups;
    assert_eq!(
        rows(reports::MoneyRowKind::TopUps),
        (t.count, t.received.0, 0)
    );
    assert_eq!(rows(reports::MoneyRowKind::Bonuses).1, t.bonus.0);
    assert_eq!(
        rows(reports::MoneyRowKind::Refunds),
        (t.refunds, t.refunded.0, 0)
    );
    let pk = &sum.packages;
    assert_eq!(
        rows(reports::MoneyRowKind::PackageSales),
        (pk.count, pk.liability_created.0, 0)
    );
    assert!(t.count > 0 && t.refunds > 0 && pk.count > 0, "{t:?} {pk:?}");
    // The follow-ups and complaints behind theirs (over the run and the days
    // after it, when follow-ups fall due and overdue).
    let to = day(DAYS + 10);
    let sum = reports::daily_summary(s.db(), &m, period(&from, &to)).unwrap();
    let mut care = |kind: reports::CareRowKind| -> i64 {
        let (mut n, mut page) = (0, 1);
        let mut total;
        let mut seen = std::collections::BTreeSet::new();
        loop {
            let r = reports::care_rows(
                s.db(),
                &m,
                reports::CareRowsRequest {
                    from: from.clone(),
                    to: to.clone(),
                    kind,
                    page,
                    page_size: 6,
                },
            )
            .unwrap();
            total = r.total;
            if r.rows.is_empty() {
                break;
            }
            n += r.rows.len() as i64;
            seen.extend(r.rows.iter().map(|x| format!("{x:?}")));
            page += 1;
        }
        assert_eq!((total, seen.len() as i64), (n, n), "{kind:?}");
        n
    };
    use reports::CareRowKind as K;
    let (f, c) = (&sum.followups, &sum.complaints);
    assert_eq!(care(K::FollowupsDone), f.done);
    assert_eq!(care(K::FollowupsNotReached), f.not_reached);
    assert_eq!(care(K::FollowupsOverdue), f.overdue);
    assert_eq!(care(K::Complaints), c.opened);
    assert_eq!(care(K::ComplaintsLate), c.answered_late);
    assert_eq!(care(K::ComplaintsOverdue), c.unanswered_overdue);
    assert!(f.done > 0 && f.overdue > 0 && c.opened > 0, "{f:?} {c:?}");
}

#[test]
fn every_report_exports_to_csv_and_prints_with_the_same_figures() {
    use frontdesk_core::printing::{self, DocumentRequest};
    use frontdesk_print::docs::{self, Paper};
    use frontdesk_tests::printing::{page_texts, squeezed};
    let mut s = shop(1);
    let m = s.m.clone();
    let p = period(&day(0), &day(DAYS));
    let staff = reports::staff_report(s.db(), &m, p.clone()).unwrap();
    let best = &staff.rows[0];
    let requests = [
        ReportRequest::Staff { period: p.clone() },
        ReportRequest::Customers { period: p.clone() },
        ReportRequest::Trend {
            trend: TrendRequest {
                from: p.from.clone(),
                to: p.to.clone(),
                bucket: Bucket::Week,
            },
        },
        ReportRequest::DailySummary { period: p.clone() },
        ReportRequest::CustomerList {
            list: CustomerListKind::Dormant { days: 1 },
        },
    ];
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/print-check");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, req) in requests.iter().enumerate() {
        let file = reports::export_report(s.db(), &m, req.clone()).unwrap();
        let bytes = std::fs::read(&file.path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
        let csv = String::from_utf8(bytes).unwrap();
        assert!(file.rows > 0, "{req:?}");
        let doc = printing::document(
            s.db(),
            &m,
            &DocumentRequest::Report {
                report: req.clone(),
            },
        )
        .unwrap();
        let rendered = docs::render(&doc, Paper::A4);
        let path = dir.join(format!("report-{i}.pdf"));
        std::fs::write(&path, &rendered.pdf).unwrap();
        let text: String = page_texts(&path).iter().map(|t| squeezed(t)).collect();
        if let ReportRequest::Staff { .. } = req {
            // The best-rated stylist's figures, on paper and in the file.
            let revenue = best.revenue.plain_yuan();
            let line = format!(
                "1,{},{},{},{},",
                best.staff_no, best.name, best.visits, best.services
            );
            assert!(csv.contains(&line), "{line:?} missing from\n{csv}");
            assert!(csv.contains(&revenue), "{revenue} missing from\n{csv}");
            let printed = format!(
                "1{}{}{}{}{}",
                best.staff_no, best.name, best.visits, best.services, revenue
            );
            assert!(text.contains(&printed), "{printed:?} missing from\n{text}");
            assert!(
                text.contains("员工业绩") && text.contains("（续）"),
                "{text}"
            );
        }
        // Every figure of the file is on paper.
        for line in csv.lines().skip(1) {
            for cell in line.split(',').filter(|c| !c.is_empty()) {
                let cell = cell.trim_matches('"');
                assert!(
                    text.contains(&squeezed(cell)),
                    "{cell:?} of {req:?} not printed:\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_demo_history_gives_every_report_figures() {
    let mut t = frontdesk_tests::TempShop::new();
    assert!(frontdesk_core::demo::seed_with_history(&mut t.db).unwrap());
    let m = frontdesk_core::staff::sign_in(
        &mut t.db,
        frontdesk_core::staff::SignInRequest {
            staff_no: "1001".into(),
            pin: "1234".into(),
        },
    )
    .unwrap();
    let tz = frontdesk_core::shop::time_zone_of(&mut t.db).unwrap();
    let today = clock::business_date(t.db.now_ms(), tz);
    let from = (today - chrono::Days::new(frontdesk_core::demo::HISTORY_DAYS))
        .format("%Y-%m-%d")
        .to_string();
    let to = today.format("%Y-%m-%d").to_string();
    let sum = reports::daily_summary(&mut t.db, &m, period(&from, &to)).unwrap();
    assert!(sum.visits.checked_out > 100, "{:?}", sum.visits);
    assert_eq!(sum.visits.open, 0);
    assert!(sum.revenue.money_taken.0 > 0 && sum.stylist_rating.rated > 0);
    // Booked appointments were kept; walk-ins got cards and came back.
    assert!(sum.visits.appointments > 10, "{:?}", sum.visits);
    assert!(sum.customers.new_customers > 8, "{:?}", sum.customers);
    // New customers keep coming: some had their first visit this last month.
    let month_ago = (today - chrono::Days::new(30))
        .format("%Y-%m-%d")
        .to_string();
    let recent = reports::customer_report(&mut t.db, &m, period(&month_ago, &to)).unwrap();
    assert!(recent.first_visits > 0, "{recent:?}");
    // The desk called most follow-ups on their day.
    assert!(
        sum.followups.done > 3 * sum.followups.overdue,
        "{:?}",
        sum.followups
    );
    // Open from 10:00 to 19:00 (a visit may run on past 19:00, not past 22:00).
    let hours: Vec<i64> = {
        let mut stmt =
            t.db.conn()
                .prepare("SELECT arrived_at, closed_at FROM visits")
                .unwrap();
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .unwrap()
            .flat_map(|r| {
                let (a, c) = r.unwrap();
                [a, c]
            })
            .map(|ms| {
                use chrono::Timelike;
                i64::from(
                    chrono::DateTime::from_timestamp_millis(ms)
                        .unwrap()
                        .with_timezone(&tz)
                        .hour(),
                )
            })
            .collect()
    };
    assert!(hours.iter().all(|h| (10..22).contains(h)), "{hours:?}");
    let staff = reports::staff_report(&mut t.db, &m, period(&from, &to)).unwrap();
    assert!(
        staff
            .rows
            .iter()
            .filter(|r| r.visits > 0 && r.rebooked > 0)
            .count()
            >= 2,
        "{staff:?}"
    );
    let dormant = reports::customer_list(
        &mut t.db,
        &m,
        CustomerListRequest {
            list: CustomerListKind::Dormant { days: 30 },
            page: 1,
            page_size: 50,
        },
    )
    .unwrap();
    assert_eq!(dormant.total, 2, "{dormant:?}");
    // The app's clock is the real one again: new visits are made today.
    assert_eq!(clock::business_date(t.db.now_ms(), tz), today);
}

#[test]
fn a_regulars_timeline_pages_through_every_visit_and_follow_up() {
    use frontdesk_core::customers::timeline::{TimelineKind, TimelineRequest, customer_timeline};
    let mut s = shop(1);
    let m = s.m.clone();
    let (c, visits): (i64, i64) =
        s.t.db
            .conn()
            .query_row(
                "SELECT customer_id, count(*) FROM visits WHERE customer_id IS NOT NULL
             GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
    let followups: i64 =
        s.t.db
            .conn()
            .query_row(
                "SELECT count(*) FROM followups WHERE customer_id = ?1",
                [c],
                |r| r.get(0),
            )
            .unwrap();
    assert!(
        visits > 7 && followups > 2,
        "{visits} visits, {followups} follow-ups"
    );
    let mut all_pages = |limit: u32| {
        let mut events = Vec::new();
        let mut before = None;
        loop {
            let page = customer_timeline(
                s.db(),
                &m,
                TimelineRequest {
                    id: frontdesk_core::ids::CustomerId(c),
                    before,
                    limit: Some(limit),
                },
            )
            .unwrap();
            if page.events.is_empty() {
                break;
            }
            before = page.next;
            events.extend(page.events);
            if before.is_none() {
                break;
            }
        }
        events
    };
    let small = all_pages(3);
    let large = all_pages(100);
    assert_eq!(small, large);
    let count = |k: TimelineKind| small.iter().filter(|e| e.kind == k).count() as i64;
    assert_eq!(count(TimelineKind::Visit), visits);
    assert_eq!(count(TimelineKind::FollowUp), followups);
}
