//! The serial format as typed or scanned, and the gaps of a received range.

use super::*;

#[test]
fn gaps_are_the_runs_not_received() {
    assert_eq!(gaps(1, 10, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), vec![]);
    assert_eq!(gaps(1, 10, &[2, 3, 7]), vec![(1, 1), (4, 6), (8, 10)]);
    assert_eq!(gaps(5, 5, &[]), vec![(5, 5)]);
}

#[test]
fn serials_are_read_as_typed_or_scanned() {
    assert_eq!(normalize(" a-000101 "), "A000101");
    assert_eq!(normalize("Ａ０００１０１"), "A000101");
    assert_eq!(normalize("A 000 101"), "A000101");
}
