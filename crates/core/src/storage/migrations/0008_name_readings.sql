-- Names are now stored by one rule (crate::text::person_name: no spaces inside
-- Chinese, single spaces between Latin words) and read by the surname and
-- given-name tables of customers/readings (several readings per name where a
-- name is ambiguous). The Rust step declared with this file in crate::schema
-- tidies every stored name and rebuilds the customer search index.
DELETE FROM customer_search;
