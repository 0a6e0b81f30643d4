-- 0001: the shop, its staff, the first customer fields, and the audit trail.
-- Instants are INTEGER milliseconds since the Unix epoch, UTC.

CREATE TABLE shop (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT    NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
    address           TEXT    NOT NULL DEFAULT '',
    phone             TEXT    NOT NULL DEFAULT '',
    time_zone         TEXT    NOT NULL DEFAULT 'Asia/Shanghai',
    idle_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 1 AND 480),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER REFERENCES staff(id)
) STRICT;

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    staff_no        TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT    NOT NULL CHECK (role IN ('receptionist', 'stylist', 'manager')),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    pin_hash        TEXT    NOT NULL,
    language        TEXT    NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    created_at      INTEGER NOT NULL,
    created_by      INTEGER REFERENCES staff(id),
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES staff(id)
) STRICT;

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    -- Normalised 11-digit mainland mobile; NULL once erased on request.
    phone      TEXT    UNIQUE CHECK (phone IS NULL OR (length(phone) = 11 AND phone NOT GLOB '*[^0-9]*')),
    created_at INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES staff(id),
    updated_at INTEGER NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;

-- Who did what, when, with the values before and after (JSON). Append-only:
-- the triggers below refuse any UPDATE or DELETE, whoever asks.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    staff_id  INTEGER REFERENCES staff(id),
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
