//! Tracing a variance to its first count, and how each voucher event moves the books.

use super::*;

fn count(id: i64, book: i64, counted: i64) -> Counted {
    Counted {
        line: HandoverLineId(id),
        handover: HandoverRef {
            id: HandoverId(id),
            no: format!("JJ{id}"),
            confirmed_at: id,
        },
        business_date: "2026-12-01".into(),
        book,
        counted,
    }
}

#[test]
fn a_variance_is_traced_to_the_first_count_of_its_run() {
    // Newest first: the last three counts were short, the one before matched.
    let counts = [
        count(5, 10, 9),
        count(4, 11, 10),
        count(3, 12, 11),
        count(2, 12, 12),
        count(1, 3, 2),
    ];
    assert_eq!(first_seen(&counts, 0).map(|h| h.no), Some("JJ3".into()));
    assert_eq!(first_seen(&counts, 3), None);
    assert_eq!(first_seen(&counts, 4).map(|h| h.no), Some("JJ1".into()));
}

#[test]
fn every_event_moves_stock_and_issued_as_the_states_do() {
    // Following one voucher: received, issued, redeemed, unredeemed by a
    // void, recovered, destroyed.
    let path = [
        "receive", "issue", "redeem", "unredeem", "recover", "destroy",
    ];
    let (mut stock, mut issued) = (0, 0);
    let mut seen = Vec::new();
    for k in path {
        let (s, i) = deltas(k);
        stock += s;
        issued += i;
        seen.push((stock, issued));
    }
    assert_eq!(seen, vec![(1, 0), (0, 1), (0, 0), (0, 1), (1, 0), (0, 0)]);
}
