-- 0005: the six-stage reception workflow (SPEC 3.4), appointments and
-- follow-up calls (3.5), complaints (3.7), and product stock movements.
-- A visit is open until checkout; then it is immutable (triggers below) except
-- for a manager's void and for erasing a customer's words on request.

CREATE TABLE appointments (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers(id),
    stylist_id       INTEGER REFERENCES staff(id),
    start_at         INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    -- JSON array of service ids.
    services         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(services)),
    note             TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'booked'
        CHECK (status IN ('booked', 'arrived', 'no_show', 'cancelled')),
    status_reason    TEXT    NOT NULL DEFAULT '',
    -- The visit this appointment was booked from (re-consult), if any.
    booked_from_visit INTEGER,
    created_at       INTEGER NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES staff(id),
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX appointments_by_start ON appointments (start_at);
CREATE INDEX appointments_by_stylist ON appointments (stylist_id, start_at);
CREATE INDEX appointments_by_customer ON appointments (customer_id, start_at);

CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    -- NULL for an anonymous walk-in (who may become a customer later).
    customer_id      INTEGER REFERENCES customers(id),
    walk_in_label    TEXT    NOT NULL DEFAULT '',
    source           TEXT    NOT NULL CHECK (source IN ('walk_in', 'appointment')),
    appointment_id   INTEGER UNIQUE REFERENCES appointments(id),
    -- The stage the visit is in: greet, consult, service, reconsult; 'done'
    -- once checked out, cancelled or voided (see status).
    stage            TEXT    NOT NULL CHECK (stage IN ('greet', 'consult', 'service', 'reconsult', 'done')),
    status           TEXT    NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'checked_out', 'cancelled', 'voided')),
    stage_since      INTEGER NOT NULL,
    business_date    TEXT    NOT NULL,
    -- 20261123-007: business date + sequence of the day, given at consult.
    slip_no          TEXT    UNIQUE,
    arrived_at       INTEGER NOT NULL,
    greeted_by       INTEGER NOT NULL REFERENCES staff(id),
    consultant_id    INTEGER REFERENCES staff(id),
    stylist_id       INTEGER REFERENCES staff(id),
    needs            TEXT    NOT NULL DEFAULT '',
    care_plan        TEXT    NOT NULL DEFAULT '',
    care_interval_days INTEGER CHECK (care_interval_days IS NULL OR care_interval_days BETWEEN 1 AND 90),
    consult_started_at INTEGER,
    consult_ended_at INTEGER,
    service_started_at INTEGER,
    service_ended_at INTEGER,
    service_notes    TEXT    NOT NULL DEFAULT '',
    remarks_for_consultant TEXT NOT NULL DEFAULT '',
    -- Ratings: NULL not asked yet, 0 不知道, 1..5 很不满意..非常满意.
    service_rating   INTEGER CHECK (service_rating IS NULL OR service_rating BETWEEN 0 AND 5),
    stylist_rating   INTEGER CHECK (stylist_rating IS NULL OR stylist_rating BETWEEN 0 AND 5),
    comments         TEXT    NOT NULL DEFAULT '',
    home_care        TEXT    NOT NULL DEFAULT '',
    recommendations  TEXT    NOT NULL DEFAULT '',
    reconsult_at     INTEGER,
    subtotal_fen     INTEGER NOT NULL DEFAULT 0 CHECK (subtotal_fen >= 0),
    discount_fen     INTEGER NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
    total_fen        INTEGER NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
    tendered_fen     INTEGER NOT NULL DEFAULT 0 CHECK (tendered_fen >= 0),
    change_fen       INTEGER NOT NULL DEFAULT 0 CHECK (change_fen >= 0),
    belongings_checked INTEGER NOT NULL DEFAULT 0 CHECK (belongings_checked IN (0, 1)),
    closed_at        INTEGER,
    closed_by        INTEGER REFERENCES staff(id),
    close_reason     TEXT    NOT NULL DEFAULT '',
    voided_at        INTEGER,
    voided_by        INTEGER REFERENCES staff(id),
    void_reason      TEXT    NOT NULL DEFAULT '',
    -- Set when the customer's words were erased on request.
    text_erased      INTEGER NOT NULL DEFAULT 0 CHECK (text_erased IN (0, 1)),
    CHECK ((status = 'open') = (stage <> 'done'))
) STRICT;
CREATE INDEX visits_open ON visits (stage) WHERE status = 'open';
CREATE INDEX visits_by_date ON visits (business_date);
CREATE INDEX visits_by_customer ON visits (customer_id, arrived_at);
CREATE INDEX visits_by_stylist ON visits (stylist_id, business_date);

-- A closed visit never changes: only a void of a checked-out visit, or the
-- erasure of a customer's words, may touch it.
CREATE TRIGGER visits_closed_are_immutable BEFORE UPDATE ON visits
WHEN OLD.status <> 'open'
     AND NOT (OLD.status = 'checked_out' AND NEW.status = 'voided')
     AND NOT (OLD.text_erased = 0 AND NEW.text_erased = 1)
BEGIN
    SELECT RAISE(ABORT, 'a closed visit cannot change');
END;
CREATE TRIGGER visits_are_never_deleted BEFORE DELETE ON visits
BEGIN
    SELECT RAISE(ABORT, 'visits are never deleted');
END;

CREATE TABLE slip_counters (
    business_date TEXT    PRIMARY KEY,
    last          INTEGER NOT NULL
) STRICT;

-- Every stage a visit entered, when and by whom. Append-only.
CREATE TABLE visit_stages (
    id       INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    stage    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    note     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX visit_stages_by_visit ON visit_stages (visit_id, at);
CREATE TRIGGER visit_stages_append_only_u BEFORE UPDATE ON visit_stages
BEGIN SELECT RAISE(ABORT, 'visit_stages is append-only'); END;
CREATE TRIGGER visit_stages_append_only_d BEFORE DELETE ON visit_stages
BEGIN SELECT RAISE(ABORT, 'visit_stages is append-only'); END;

-- The bill: services chosen at consult and products bought at checkout.
CREATE TABLE visit_lines (
    id           INTEGER PRIMARY KEY,
    visit_id     INTEGER NOT NULL REFERENCES visits(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('service', 'product')),
    item_id      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    category     TEXT    NOT NULL DEFAULT '',
    unit_fen     INTEGER NOT NULL CHECK (unit_fen >= 0),
    qty          INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 99),
    discount_fen INTEGER NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen = unit_fen * qty - discount_fen AND amount_fen >= 0)
) STRICT;
CREATE INDEX visit_lines_by_visit ON visit_lines (visit_id);

-- Products the stylist used during the service (not billed).
CREATE TABLE visit_products_used (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    amount     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX visit_products_used_by_visit ON visit_products_used (visit_id);

CREATE TABLE visit_measurements (
    visit_id  INTEGER NOT NULL REFERENCES visits(id),
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    phase     TEXT    NOT NULL CHECK (phase IN ('pre', 'post')),
    value     INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (visit_id, metric_id, phase)
) STRICT;

CREATE TABLE visit_payments (
    id         INTEGER PRIMARY KEY,
    visit_id   INTEGER NOT NULL REFERENCES visits(id),
    method     TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'mobile')),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0)
) STRICT;
CREATE INDEX visit_payments_by_visit ON visit_payments (visit_id);

-- The visit's child rows change only while it is open.
CREATE TRIGGER visit_lines_open_i BEFORE INSERT ON visit_lines
WHEN (SELECT status FROM visits WHERE id = NEW.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_lines_open_d BEFORE DELETE ON visit_lines
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_lines_open_u BEFORE UPDATE ON visit_lines
BEGIN SELECT RAISE(ABORT, 'visit lines are replaced, never edited'); END;
CREATE TRIGGER visit_measurements_open_i BEFORE INSERT ON visit_measurements
WHEN (SELECT status FROM visits WHERE id = NEW.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_measurements_open_d BEFORE DELETE ON visit_measurements
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_payments_open_i BEFORE INSERT ON visit_payments
WHEN (SELECT status FROM visits WHERE id = NEW.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_payments_never_u BEFORE UPDATE ON visit_payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
CREATE TRIGGER visit_payments_never_d BEFORE DELETE ON visit_payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
CREATE TRIGGER visit_products_used_open_i BEFORE INSERT ON visit_products_used
WHEN (SELECT status FROM visits WHERE id = NEW.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;
CREATE TRIGGER visit_products_used_open_d BEFORE DELETE ON visit_products_used
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) <> 'open'
BEGIN SELECT RAISE(ABORT, 'a closed visit cannot change'); END;

-- Product stock movements (sales at checkout, their reversal by a void).
-- Append-only; products.stock moves with them in the same transaction.
CREATE TABLE stock_moves (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    visit_id   INTEGER REFERENCES visits(id),
    delta      INTEGER NOT NULL CHECK (delta <> 0),
    reason     TEXT    NOT NULL CHECK (reason IN ('sale', 'void')),
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX stock_moves_by_product ON stock_moves (product_id);
CREATE TRIGGER stock_moves_append_only_u BEFORE UPDATE ON stock_moves
BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;
CREATE TRIGGER stock_moves_append_only_d BEFORE DELETE ON stock_moves
BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;

CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER REFERENCES customers(id),
    visit_id      INTEGER REFERENCES visits(id),
    -- The stylist or staff member the complaint is about, if any.
    about_staff_id INTEGER REFERENCES staff(id),
    source        TEXT    NOT NULL CHECK (source IN ('rating', 'manual')),
    channel       TEXT    NOT NULL CHECK (channel IN ('in_person', 'phone_letter', 'third_party', 'online')),
    kind          TEXT    NOT NULL CHECK (kind IN ('attitude', 'quality', 'billing', 'other')),
    description   TEXT    NOT NULL DEFAULT '',
    taken_by      INTEGER NOT NULL REFERENCES staff(id),
    severity      TEXT    NOT NULL CHECK (severity IN ('simple', 'complex')),
    opened_at     INTEGER NOT NULL,
    answer_due_at INTEGER NOT NULL,
    answered_at   INTEGER,
    level         TEXT    NOT NULL DEFAULT 'desk' CHECK (level IN ('desk', 'supervisor', 'manager')),
    result        TEXT    NOT NULL DEFAULT '',
    reaction      TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at     INTEGER,
    closed_by     INTEGER REFERENCES staff(id),
    CHECK (status = 'open' OR length(trim(result)) > 0)
) STRICT;
CREATE INDEX complaints_open ON complaints (status, answer_due_at);
CREATE INDEX complaints_by_customer ON complaints (customer_id, opened_at);
CREATE INDEX complaints_by_month ON complaints (opened_at);
CREATE UNIQUE INDEX complaints_one_per_rated_visit ON complaints (visit_id) WHERE source = 'rating';

-- What was done about a complaint, in order. Append-only.
CREATE TABLE complaint_actions (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('action', 'answer', 'escalate', 'close')),
    text         TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX complaint_actions_by_complaint ON complaint_actions (complaint_id, at);
CREATE TRIGGER complaint_actions_append_only_u BEFORE UPDATE ON complaint_actions
WHEN NOT (NEW.text = '' AND NEW.id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'complaint_actions is append-only'); END;
CREATE TRIGGER complaint_actions_append_only_d BEFORE DELETE ON complaint_actions
BEGIN SELECT RAISE(ABORT, 'complaint_actions is append-only'); END;

CREATE TABLE followups (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    visit_id     INTEGER REFERENCES visits(id),
    complaint_id INTEGER REFERENCES complaints(id),
    reason       TEXT    NOT NULL CHECK (reason IN ('aftercare', 'course', 'birthday', 'complaint', 'dormant')),
    due_date     TEXT    NOT NULL,
    -- Not to be tried again before this instant (a "call back later" or an unanswered try).
    not_before   INTEGER,
    assigned_to  INTEGER REFERENCES staff(id),
    status       TEXT    NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'done', 'unreachable', 'wrong_number', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    words        TEXT    NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 0 AND 5),
    rebooked_appointment_id INTEGER REFERENCES appointments(id),
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER,
    closed_by    INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX followups_open ON followups (due_date) WHERE status = 'open';
CREATE INDEX followups_by_customer ON followups (customer_id, due_date);
CREATE INDEX followups_by_visit ON followups (visit_id);

-- Every call made for a follow-up. Append-only (erasure blanks the words).
CREATE TABLE followup_calls (
    id          INTEGER PRIMARY KEY,
    followup_id INTEGER NOT NULL REFERENCES followups(id),
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    outcome     TEXT    NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'call_back', 'wrong_number')),
    words       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX followup_calls_by_followup ON followup_calls (followup_id, at);
CREATE TRIGGER followup_calls_append_only_u BEFORE UPDATE ON followup_calls
WHEN NOT (NEW.words = '' AND NEW.id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'followup_calls is append-only'); END;
CREATE TRIGGER followup_calls_append_only_d BEFORE DELETE ON followup_calls
BEGIN SELECT RAISE(ABORT, 'followup_calls is append-only'); END;
