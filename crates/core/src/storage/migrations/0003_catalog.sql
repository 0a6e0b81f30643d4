-- 0003: what the shop sells and measures: the service menu, retail products,
-- and the skin/body measurement metrics recorded at consultation.
-- Money is INTEGER fen. Measurement values are INTEGER in units of
-- 10^-decimals (45.5 % with one decimal is 455).

CREATE TABLE services (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    category         TEXT    NOT NULL DEFAULT '',
    price_fen        INTEGER NOT NULL CHECK (price_fen >= 0),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    -- JSON array of the roles that may perform it, e.g. ["stylist"].
    performed_by     TEXT    NOT NULL DEFAULT '["stylist"]' CHECK (json_valid(performed_by)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NOT NULL REFERENCES staff(id)
) STRICT;

CREATE TABLE products (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    price_fen  INTEGER NOT NULL CHECK (price_fen >= 0),
    -- NULL when the shop does not track this product's stock.
    stock      INTEGER CHECK (stock IS NULL OR stock >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;

CREATE TABLE metrics (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    unit       TEXT    NOT NULL DEFAULT '',
    decimals   INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 2),
    min_value  INTEGER NOT NULL,
    max_value  INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES staff(id),
    CHECK (min_value < max_value)
) STRICT;
