-- 0006: membership (SPEC 3.6): tiers and their history, stored-value cards
-- (储值卡) as an append-only ledger, and package cards (次卡 / 疗程卡) with
-- their session ledger. Balances are kept beside the ledgers by triggers, so
-- "never below zero" is enforced by the database itself, and the balance is
-- the sum of the ledger rows by construction (a test checks both).

CREATE TABLE tiers (
    id                        INTEGER PRIMARY KEY,
    name                      TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- Position in the ordered list: 0 is the entry tier (普通顾客).
    rank                      INTEGER NOT NULL UNIQUE CHECK (rank >= 0),
    color                     TEXT    NOT NULL DEFAULT '#8c8c8c',
    -- Qualification: spend over the last 12 months, and/or one top-up of at
    -- least this much. NULL: that rule does not apply. Inclusive (≥).
    min_spend_12m_fen         INTEGER CHECK (min_spend_12m_fen IS NULL OR min_spend_12m_fen >= 0),
    min_single_topup_fen      INTEGER CHECK (min_single_topup_fen IS NULL OR min_single_topup_fen >= 0),
    -- Price paid as a share of the menu price, in per mille (900 = 10% off).
    service_rate_permille     INTEGER NOT NULL DEFAULT 1000 CHECK (service_rate_permille BETWEEN 1 AND 1000),
    product_rate_permille     INTEGER NOT NULL DEFAULT 1000 CHECK (product_rate_permille BETWEEN 1 AND 1000),
    birthday_gift             TEXT    NOT NULL DEFAULT '',
    priority_booking          INTEGER NOT NULL DEFAULT 0 CHECK (priority_booking IN (0, 1)),
    active                    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at                INTEGER NOT NULL,
    updated_by                INTEGER REFERENCES staff(id)
) STRICT;

CREATE TABLE membership_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    -- Downgrades are evaluated at the end of each period of this many months.
    review_months        INTEGER NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 36),
    last_review_date     TEXT,
    updated_at           INTEGER NOT NULL DEFAULT 0,
    updated_by           INTEGER REFERENCES staff(id)
) STRICT;
INSERT INTO membership_settings (id) VALUES (1);

-- A customer's current tier (absent: the entry tier).
CREATE TABLE customer_tiers (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    tier_id     INTEGER NOT NULL REFERENCES tiers(id),
    since       INTEGER NOT NULL,
    -- Set by a manager's override: downgrades leave it alone until the next review.
    overridden  INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1))
) STRICT;

-- Every tier change. Append-only.
CREATE TABLE tier_changes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    from_tier   INTEGER REFERENCES tiers(id),
    to_tier     INTEGER NOT NULL REFERENCES tiers(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('upgrade', 'downgrade', 'override', 'void')),
    reason      TEXT    NOT NULL DEFAULT '',
    visit_id    INTEGER REFERENCES visits(id),
    at          INTEGER NOT NULL,
    staff_id    INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX tier_changes_by_customer ON tier_changes (customer_id, at);
CREATE TRIGGER tier_changes_append_only_u BEFORE UPDATE ON tier_changes
BEGIN SELECT RAISE(ABORT, 'tier_changes is append-only'); END;
CREATE TRIGGER tier_changes_append_only_d BEFORE DELETE ON tier_changes
BEGIN SELECT RAISE(ABORT, 'tier_changes is append-only'); END;

-- The stored-value ledger. amount_fen is signed: top-ups and bonuses add,
-- spends take away, refunds take away, a void of a spend gives back.
CREATE TABLE sv_ledger (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('topup', 'bonus', 'spend', 'refund', 'void')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),
    -- How a top-up was paid / a refund was given back (cash, card, mobile).
    method      TEXT    CHECK (method IS NULL OR method IN ('cash', 'card', 'mobile')),
    visit_id    INTEGER REFERENCES visits(id),
    note        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX sv_ledger_by_customer ON sv_ledger (customer_id, id);
CREATE INDEX sv_ledger_by_visit ON sv_ledger (visit_id) WHERE visit_id IS NOT NULL;
CREATE TRIGGER sv_ledger_append_only_u BEFORE UPDATE ON sv_ledger
BEGIN SELECT RAISE(ABORT, 'sv_ledger is append-only'); END;
CREATE TRIGGER sv_ledger_append_only_d BEFORE DELETE ON sv_ledger
BEGIN SELECT RAISE(ABORT, 'sv_ledger is append-only'); END;

-- The balance per customer, moved by the ledger's trigger; the CHECK makes a
-- movement that would take it below zero fail the whole transaction.
CREATE TABLE sv_balances (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    balance_fen INTEGER NOT NULL CHECK (balance_fen >= 0)
) STRICT;
-- (Two statements: an upsert would check the CHECK on the inserted row first.)
CREATE TRIGGER sv_ledger_moves_balance AFTER INSERT ON sv_ledger
BEGIN
    INSERT OR IGNORE INTO sv_balances (customer_id, balance_fen) VALUES (NEW.customer_id, 0);
    UPDATE sv_balances SET balance_fen = balance_fen + NEW.amount_fen
    WHERE customer_id = NEW.customer_id;
END;

-- Package cards: N sessions of one service, bought once.
CREATE TABLE packages (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    service_id     INTEGER NOT NULL REFERENCES services(id),
    name           TEXT    NOT NULL,
    sessions_total INTEGER NOT NULL CHECK (sessions_total BETWEEN 1 AND 200),
    sessions_left  INTEGER NOT NULL CHECK (sessions_left >= 0 AND sessions_left <= sessions_total),
    price_fen      INTEGER NOT NULL CHECK (price_fen >= 0),
    method         TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'mobile', 'stored_value')),
    expires_on     TEXT    CHECK (expires_on IS NULL OR expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sold_at        INTEGER NOT NULL,
    sold_by        INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX packages_by_customer ON packages (customer_id);

-- Every session used (-1) or given back by a void (+1). Append-only; moves
-- packages.sessions_left in step (whose CHECK refuses going below zero).
CREATE TABLE package_uses (
    id         INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    visit_id   INTEGER REFERENCES visits(id),
    delta      INTEGER NOT NULL CHECK (delta IN (-1, 1)),
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX package_uses_by_package ON package_uses (package_id);
CREATE INDEX package_uses_by_visit ON package_uses (visit_id) WHERE visit_id IS NOT NULL;
CREATE TRIGGER package_uses_append_only_u BEFORE UPDATE ON package_uses
BEGIN SELECT RAISE(ABORT, 'package_uses is append-only'); END;
CREATE TRIGGER package_uses_append_only_d BEFORE DELETE ON package_uses
BEGIN SELECT RAISE(ABORT, 'package_uses is append-only'); END;
CREATE TRIGGER package_uses_move_sessions AFTER INSERT ON package_uses
BEGIN
    UPDATE packages SET sessions_left = sessions_left + NEW.delta WHERE id = NEW.package_id;
END;

-- A bill line paid by a package session.
ALTER TABLE visit_lines ADD COLUMN package_id INTEGER REFERENCES packages(id);
