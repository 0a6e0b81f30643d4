-- 0009: gifts and vouchers (赠品 / 赠券, SPEC 3.8). Every unit is accounted
-- for: gift stock is the sum of an append-only ledger, kept beside it by a
-- trigger whose CHECK refuses going below zero; vouchers are tracked one by
-- one by serial, their state moved only along the allowed transitions (a
-- trigger refuses any other), every change an append-only event. Handovers
-- are counted blind and, once confirmed, never change.

CREATE TABLE gift_items (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- 件, 盒, 瓶 ...
    unit          TEXT    NOT NULL CHECK (length(trim(unit)) > 0),
    unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at    INTEGER NOT NULL,
    updated_by    INTEGER REFERENCES staff(id)
) STRICT;

CREATE TABLE voucher_types (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    face_value_fen INTEGER NOT NULL CHECK (face_value_fen > 0),
    -- Valid between two dates, or for a number of days from issue.
    valid_from     TEXT    CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to       TEXT    CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_days     INTEGER CHECK (valid_days IS NULL OR valid_days BETWEEN 1 AND 3650),
    min_spend_fen  INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
    -- 1: pays only for the services and products in voucher_type_scope.
    restricted     INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
    -- Serials read prefix + number with this many digits: A000101.
    serial_prefix  TEXT    NOT NULL CHECK (serial_prefix GLOB '[A-Z]*' AND length(serial_prefix) BETWEEN 1 AND 4
                                           AND serial_prefix NOT GLOB '*[^A-Z]*'),
    serial_digits  INTEGER NOT NULL CHECK (serial_digits BETWEEN 3 AND 10),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at     INTEGER NOT NULL,
    updated_by     INTEGER REFERENCES staff(id),
    CHECK ((valid_to IS NULL) <> (valid_days IS NULL)),
    CHECK (valid_from IS NULL OR valid_to IS NOT NULL),
    CHECK (valid_from IS NULL OR valid_from <= valid_to)
) STRICT;

CREATE TABLE voucher_type_scope (
    voucher_type_id INTEGER NOT NULL REFERENCES voucher_types(id),
    service_id      INTEGER REFERENCES services(id),
    product_id      INTEGER REFERENCES products(id),
    CHECK ((service_id IS NULL) <> (product_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX voucher_type_scope_unique
    ON voucher_type_scope (voucher_type_id, coalesce(service_id, 0), coalesce(product_id, 0));

CREATE TABLE promotions (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    starts_on  TEXT    NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    ends_on    TEXT    NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES staff(id),
    CHECK (starts_on <= ends_on)
) STRICT;

-- A spend tier (档级) of a promotion: spending at least threshold_fen earns
-- its rewards. Tiers are deactivated, never deleted (issues point at them).
CREATE TABLE promotion_tiers (
    id            INTEGER PRIMARY KEY,
    promotion_id  INTEGER NOT NULL REFERENCES promotions(id),
    threshold_fen INTEGER NOT NULL CHECK (threshold_fen > 0),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX promotion_tiers_threshold
    ON promotion_tiers (promotion_id, threshold_fen) WHERE active = 1;

-- What a tier earns: gift items or vouchers, each so many.
CREATE TABLE tier_rewards (
    tier_id         INTEGER NOT NULL REFERENCES promotion_tiers(id),
    item_id         INTEGER REFERENCES gift_items(id),
    voucher_type_id INTEGER REFERENCES voucher_types(id),
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    CHECK ((item_id IS NULL) <> (voucher_type_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX tier_rewards_unique
    ON tier_rewards (tier_id, coalesce(item_id, 0), coalesce(voucher_type_id, 0));

-- A membership tier's birthday gift, issued from stock in her birthday month.
CREATE TABLE birthday_gifts (
    membership_tier_id INTEGER PRIMARY KEY REFERENCES tiers(id),
    item_id            INTEGER NOT NULL REFERENCES gift_items(id),
    quantity           INTEGER NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 9)
) STRICT;

-- Shift handovers (交接班) and daily closes (闭店盘点). Counted blind by the
-- outgoing receptionist, confirmed with the incoming one's PIN; a confirmed
-- handover never changes. A counted one not yet confirmed may be abandoned
-- (a recount replaces it).
CREATE TABLE handovers (
    id            INTEGER PRIMARY KEY,
    -- JJ20261201-02: business date + sequence of the day, given at confirmation.
    no            TEXT    UNIQUE,
    business_date TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('shift', 'close')),
    state         TEXT    NOT NULL CHECK (state IN ('counted', 'confirmed', 'abandoned')),
    outgoing_id   INTEGER NOT NULL REFERENCES staff(id),
    incoming_id   INTEGER REFERENCES staff(id),
    counted_at    INTEGER NOT NULL,
    confirmed_at  INTEGER,
    notes         TEXT    NOT NULL DEFAULT '',
    CHECK (incoming_id IS NULL OR incoming_id <> outgoing_id),
    CHECK ((state = 'confirmed') = (no IS NOT NULL AND incoming_id IS NOT NULL AND confirmed_at IS NOT NULL))
) STRICT;
CREATE INDEX handovers_confirmed ON handovers (confirmed_at) WHERE state = 'confirmed';
CREATE TRIGGER handovers_final_u BEFORE UPDATE ON handovers
WHEN OLD.state <> 'counted'
  OR NEW.state NOT IN ('confirmed', 'abandoned')
  OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.outgoing_id <> OLD.outgoing_id
  OR NEW.counted_at <> OLD.counted_at OR NEW.business_date <> OLD.business_date
BEGIN SELECT RAISE(ABORT, 'a handover record never changes once confirmed'); END;
CREATE TRIGGER handovers_final_d BEFORE DELETE ON handovers
BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;

-- A received range of voucher serials (one warehouse out-slip).
CREATE TABLE voucher_batches (
    id              INTEGER PRIMARY KEY,
    voucher_type_id INTEGER NOT NULL REFERENCES voucher_types(id),
    first_no        INTEGER NOT NULL CHECK (first_no >= 0),
    last_no         INTEGER NOT NULL,
    received        INTEGER NOT NULL CHECK (received > 0),
    slip_no         TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    CHECK (last_no >= first_no),
    CHECK (received <= last_no - first_no + 1)
) STRICT;
CREATE INDEX voucher_batches_by_type ON voucher_batches (voucher_type_id, first_no);
CREATE TRIGGER voucher_batches_append_only_u BEFORE UPDATE ON voucher_batches
BEGIN SELECT RAISE(ABORT, 'voucher_batches is append-only'); END;
CREATE TRIGGER voucher_batches_append_only_d BEFORE DELETE ON voucher_batches
BEGIN SELECT RAISE(ABORT, 'voucher_batches is append-only'); END;

-- One row per voucher. in_stock → issued → redeemed / expired / cancelled;
-- in_stock → destroyed / expired; issued → in_stock (recovered from her);
-- redeemed → issued (the redeeming visit was voided). Nothing else.
CREATE TABLE vouchers (
    serial          TEXT    PRIMARY KEY,
    voucher_type_id INTEGER NOT NULL REFERENCES voucher_types(id),
    batch_id        INTEGER NOT NULL REFERENCES voucher_batches(id),
    number          INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('in_stock', 'issued', 'redeemed', 'expired', 'cancelled', 'destroyed')),
    customer_id     INTEGER REFERENCES customers(id),
    expires_on      TEXT,
    state_since     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX vouchers_by_batch ON vouchers (batch_id, state, number);
CREATE INDEX vouchers_by_type ON vouchers (voucher_type_id, state, serial);
CREATE INDEX vouchers_by_customer ON vouchers (customer_id) WHERE customer_id IS NOT NULL;
CREATE TRIGGER vouchers_states BEFORE UPDATE OF state ON vouchers
WHEN NOT (
       (OLD.state = 'in_stock' AND NEW.state IN ('issued', 'destroyed', 'expired'))
    OR (OLD.state = 'issued' AND NEW.state IN ('redeemed', 'expired', 'cancelled', 'in_stock'))
    OR (OLD.state = 'redeemed' AND NEW.state = 'issued'))
BEGIN SELECT RAISE(ABORT, 'this voucher cannot change state that way'); END;
CREATE TRIGGER vouchers_fixed BEFORE UPDATE OF serial, voucher_type_id, batch_id, number ON vouchers
BEGIN SELECT RAISE(ABORT, 'a voucher''s serial and type never change'); END;
CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers
BEGIN SELECT RAISE(ABORT, 'vouchers are never deleted'); END;

-- Every change of a voucher. Append-only.
CREATE TABLE voucher_events (
    id              INTEGER PRIMARY KEY,
    serial          TEXT    NOT NULL REFERENCES vouchers(serial),
    voucher_type_id INTEGER NOT NULL REFERENCES voucher_types(id),
    -- expire: an issued voucher ran out; expire_unissued: one still in stock.
    kind            TEXT    NOT NULL CHECK (kind IN ('receive', 'issue', 'redeem', 'unredeem', 'recover',
                                                    'cancel', 'expire', 'expire_unissued', 'destroy')),
    visit_id        INTEGER REFERENCES visits(id),
    customer_id     INTEGER REFERENCES customers(id),
    promotion_tier_id INTEGER REFERENCES promotion_tiers(id),
    -- What a redemption paid of the bill (a voucher pays at most the bill).
    amount_fen      INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    reason          TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL,
    business_date   TEXT    NOT NULL,
    staff_id        INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX voucher_events_by_serial ON voucher_events (serial, id);
CREATE INDEX voucher_events_by_visit ON voucher_events (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX voucher_events_by_customer ON voucher_events (customer_id, at) WHERE customer_id IS NOT NULL;
CREATE INDEX voucher_events_by_date ON voucher_events (business_date);
CREATE TRIGGER voucher_events_append_only_u BEFORE UPDATE ON voucher_events
BEGIN SELECT RAISE(ABORT, 'voucher_events is append-only'); END;
CREATE TRIGGER voucher_events_append_only_d BEFORE DELETE ON voucher_events
BEGIN SELECT RAISE(ABORT, 'voucher_events is append-only'); END;

-- Voucher events per type, day and kind, kept by trigger for reconciliation.
CREATE TABLE voucher_daily (
    voucher_type_id INTEGER NOT NULL REFERENCES voucher_types(id),
    business_date   TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (voucher_type_id, business_date, kind)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER voucher_events_daily AFTER INSERT ON voucher_events
BEGIN
    INSERT INTO voucher_daily (voucher_type_id, business_date, kind, n)
    VALUES (NEW.voucher_type_id, NEW.business_date, NEW.kind, 1)
    ON CONFLICT (voucher_type_id, business_date, kind) DO UPDATE SET n = n + 1;
END;

-- A handover's counted lines: one per gift item, one per voucher batch. The
-- book is what the ledger said when she had counted.
CREATE TABLE handover_lines (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES handovers(id),
    item_id     INTEGER REFERENCES gift_items(id),
    batch_id    INTEGER REFERENCES voucher_batches(id),
    book        INTEGER NOT NULL CHECK (book >= 0),
    counted     INTEGER NOT NULL CHECK (counted >= 0),
    CHECK ((item_id IS NULL) <> (batch_id IS NULL))
) STRICT;
CREATE INDEX handover_lines_by_handover ON handover_lines (handover_id);
CREATE INDEX handover_lines_by_item ON handover_lines (item_id, handover_id) WHERE item_id IS NOT NULL;
CREATE INDEX handover_lines_by_batch ON handover_lines (batch_id, handover_id) WHERE batch_id IS NOT NULL;
CREATE TRIGGER handover_lines_append_only_u BEFORE UPDATE ON handover_lines
BEGIN SELECT RAISE(ABORT, 'handover_lines is append-only'); END;
CREATE TRIGGER handover_lines_append_only_d BEFORE DELETE ON handover_lines
BEGIN SELECT RAISE(ABORT, 'handover_lines is append-only'); END;

-- Open matters a handover passes on (赠品短缺, a customer to call back).
CREATE TABLE handover_matters (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES handovers(id),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;
CREATE INDEX handover_matters_by_handover ON handover_matters (handover_id);
CREATE TRIGGER handover_matters_append_only_u BEFORE UPDATE ON handover_matters
BEGIN SELECT RAISE(ABORT, 'handover_matters is append-only'); END;
CREATE TRIGGER handover_matters_append_only_d BEFORE DELETE ON handover_matters
BEGIN SELECT RAISE(ABORT, 'handover_matters is append-only'); END;
-- A matter settled by a later shift.
CREATE TABLE matter_resolutions (
    matter_id INTEGER PRIMARY KEY REFERENCES handover_matters(id),
    note      TEXT    NOT NULL DEFAULT '',
    at        INTEGER NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id)
) STRICT;

-- The gift ledger. qty is the signed change of the book: receive, recover
-- and a damaged unit's replacement add; issue, return to the warehouse,
-- damage and destroy take away; a count adjustment either; a gift not
-- recovered from a voided visit is recorded with 0.
CREATE TABLE gift_moves (
    id                INTEGER PRIMARY KEY,
    item_id           INTEGER NOT NULL REFERENCES gift_items(id),
    kind              TEXT    NOT NULL CHECK (kind IN ('receive', 'issue', 'recover', 'not_recovered', 'return',
                                                      'damage', 'replace', 'destroy', 'adjust')),
    qty               INTEGER NOT NULL,
    visit_id          INTEGER REFERENCES visits(id),
    customer_id       INTEGER REFERENCES customers(id),
    promotion_tier_id INTEGER REFERENCES promotion_tiers(id),
    -- A birthday gift: the year it was for (one per customer and year).
    birthday_year     INTEGER,
    -- The warehouse out-slip (出库单号) of a receipt, return or replacement.
    slip_no           TEXT    NOT NULL DEFAULT '',
    -- Issue: the purchase receipts shown, and how long issuing took.
    receipts          INTEGER CHECK (receipts IS NULL OR receipts BETWEEN 1 AND 99),
    seconds           INTEGER CHECK (seconds IS NULL OR seconds >= 0),
    -- Adjust: the counted line whose variance it settles.
    handover_line_id  INTEGER REFERENCES handover_lines(id),
    reason            TEXT    NOT NULL DEFAULT '',
    at                INTEGER NOT NULL,
    business_date     TEXT    NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id),
    CHECK (CASE kind
        WHEN 'receive' THEN qty > 0 WHEN 'recover' THEN qty > 0 WHEN 'replace' THEN qty > 0
        WHEN 'issue' THEN qty < 0 WHEN 'return' THEN qty < 0 WHEN 'damage' THEN qty < 0
        WHEN 'destroy' THEN qty < 0 WHEN 'adjust' THEN qty <> 0 ELSE qty = 0 END),
    CHECK (kind <> 'adjust' OR (handover_line_id IS NOT NULL AND length(trim(reason)) > 0)),
    CHECK (kind <> 'destroy' OR length(trim(reason)) > 0)
) STRICT;
CREATE INDEX gift_moves_by_item ON gift_moves (item_id, id);
CREATE INDEX gift_moves_by_visit ON gift_moves (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX gift_moves_by_customer ON gift_moves (customer_id, at) WHERE customer_id IS NOT NULL;
CREATE INDEX gift_moves_by_date ON gift_moves (business_date);
CREATE UNIQUE INDEX gift_moves_birthday_once
    ON gift_moves (customer_id, birthday_year) WHERE birthday_year IS NOT NULL AND kind = 'issue';
CREATE UNIQUE INDEX gift_moves_adjust_once
    ON gift_moves (handover_line_id) WHERE kind = 'adjust';
CREATE TRIGGER gift_moves_append_only_u BEFORE UPDATE ON gift_moves
BEGIN SELECT RAISE(ABORT, 'gift_moves is append-only'); END;
CREATE TRIGGER gift_moves_append_only_d BEFORE DELETE ON gift_moves
BEGIN SELECT RAISE(ABORT, 'gift_moves is append-only'); END;

-- The book per item, moved by the ledger's trigger; its CHECK makes a
-- movement that would take it below zero fail the whole transaction.
CREATE TABLE gift_stock (
    item_id INTEGER PRIMARY KEY REFERENCES gift_items(id),
    qty     INTEGER NOT NULL CONSTRAINT gift_stock_not_negative CHECK (qty >= 0)
) STRICT;
-- Movements per item, day and kind, for reconciliation over long periods.
CREATE TABLE gift_daily (
    item_id       INTEGER NOT NULL REFERENCES gift_items(id),
    business_date TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    qty           INTEGER NOT NULL,
    PRIMARY KEY (item_id, business_date, kind)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER gift_moves_book AFTER INSERT ON gift_moves
BEGIN
    INSERT OR IGNORE INTO gift_stock (item_id, qty) VALUES (NEW.item_id, 0);
    UPDATE gift_stock SET qty = qty + NEW.qty WHERE item_id = NEW.item_id;
    INSERT INTO gift_daily (item_id, business_date, kind, qty)
    VALUES (NEW.item_id, NEW.business_date, NEW.kind, NEW.qty)
    ON CONFLICT (item_id, business_date, kind) DO UPDATE SET qty = qty + excluded.qty;
END;

CREATE TABLE handover_counters (
    business_date TEXT    PRIMARY KEY,
    last_seq      INTEGER NOT NULL
) STRICT;
