-- 0011: what the reports (SPEC 3.10) read on years of history. Indexes on the
-- instants a report's period selects by, and each customer's visits in one
-- row (first and last checked-out visit, how many), kept by triggers as
-- visits close or are voided, so the dormant list, new customers per day and
-- a card's "last seen" cost the same at five million visits as at five.

-- Covering what a trend adds up per step (visits, billed, service rating)
-- and what the staff report reads of each visit.
CREATE INDEX visits_by_closed ON visits
    (closed_at, status, total_fen, service_rating, stylist_rating, stylist_id)
    WHERE closed_at IS NOT NULL;
-- A visit's lines by kind with their quantities and amounts: the staff
-- report adds them up from the index alone (replaces visit_lines_by_visit).
DROP INDEX visit_lines_by_visit;
CREATE INDEX visit_lines_by_visit ON visit_lines (visit_id, kind, qty, amount_fen);
CREATE INDEX sv_ledger_by_at ON sv_ledger (at, amount_fen);
CREATE INDEX packages_by_sold ON packages (sold_at);
CREATE INDEX appointments_by_visit ON appointments (booked_from_visit) WHERE booked_from_visit IS NOT NULL;
CREATE INDEX followups_by_due ON followups (due_date);
CREATE INDEX followups_by_closed ON followups (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX customers_by_created ON customers (created_at);
CREATE INDEX customers_by_class ON customers (class);
-- Birthdays by month and day ('MM-DD'), whatever the year (erased_at:
-- counting the living needs no row).
CREATE INDEX customers_by_birthday ON customers (substr(birthday, 6, 5), erased_at)
    WHERE birthday IS NOT NULL;

CREATE TABLE customer_visits (
    customer_id    INTEGER PRIMARY KEY REFERENCES customers(id),
    -- Checked-out visits (voided ones do not count).
    visits         INTEGER NOT NULL CHECK (visits > 0),
    first_visit_at INTEGER NOT NULL,
    last_visit_at  INTEGER NOT NULL,
    last_visit_id  INTEGER NOT NULL REFERENCES visits(id),
    -- Her card was erased (the lists leave her out without reading it).
    erased         INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1)),
    CHECK (first_visit_at <= last_visit_at)
) STRICT;
CREATE INDEX customer_visits_by_last ON customer_visits (erased, last_visit_at, customer_id);
CREATE INDEX customer_visits_by_first ON customer_visits (first_visit_at);

INSERT INTO customer_visits (customer_id, visits, first_visit_at, last_visit_at, last_visit_id, erased)
SELECT v.customer_id, count(*), min(v.closed_at), max(v.closed_at),
       (SELECT w.id FROM visits w WHERE w.customer_id = v.customer_id AND w.status = 'checked_out'
        ORDER BY w.closed_at DESC, w.id DESC LIMIT 1),
       (SELECT c.erased_at IS NOT NULL FROM customers c WHERE c.id = v.customer_id)
FROM visits v WHERE v.status = 'checked_out' AND v.customer_id IS NOT NULL
GROUP BY v.customer_id;

-- A checkout adds one visit.
CREATE TRIGGER customer_visits_checkout AFTER UPDATE OF status ON visits
WHEN NEW.status = 'checked_out' AND OLD.status <> 'checked_out' AND NEW.customer_id IS NOT NULL
BEGIN
    INSERT INTO customer_visits (customer_id, visits, first_visit_at, last_visit_at, last_visit_id)
    VALUES (NEW.customer_id, 1, NEW.closed_at, NEW.closed_at, NEW.id)
    ON CONFLICT (customer_id) DO UPDATE SET
        visits = visits + 1,
        first_visit_at = min(first_visit_at, excluded.first_visit_at),
        last_visit_id = CASE WHEN excluded.last_visit_at >= last_visit_at
                             THEN excluded.last_visit_id ELSE last_visit_id END,
        last_visit_at = max(last_visit_at, excluded.last_visit_at);
END;

-- A checked-out visit voided (or moved to another card): its customers'
-- rows are counted again from their visits.
CREATE TRIGGER customer_visits_recount AFTER UPDATE OF status, customer_id ON visits
WHEN OLD.status = 'checked_out'
    AND (NEW.status <> 'checked_out' OR NEW.customer_id IS NOT OLD.customer_id)
BEGIN
    DELETE FROM customer_visits WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
    INSERT INTO customer_visits (customer_id, visits, first_visit_at, last_visit_at, last_visit_id, erased)
    SELECT v.customer_id, count(*), min(v.closed_at), max(v.closed_at),
           (SELECT w.id FROM visits w WHERE w.customer_id = v.customer_id AND w.status = 'checked_out'
            ORDER BY w.closed_at DESC, w.id DESC LIMIT 1),
           (SELECT c.erased_at IS NOT NULL FROM customers c WHERE c.id = v.customer_id)
    FROM visits v
    WHERE v.status = 'checked_out' AND v.customer_id IN (OLD.customer_id, NEW.customer_id)
    GROUP BY v.customer_id;
END;

-- An erased card leaves the lists.
CREATE TRIGGER customer_visits_erased AFTER UPDATE OF erased_at ON customers
WHEN NEW.erased_at IS NOT NULL
BEGIN
    UPDATE customer_visits SET erased = 1 WHERE customer_id = NEW.id;
END;
