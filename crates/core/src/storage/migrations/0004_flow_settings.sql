-- 0004: the rules of the reception flow (SPEC 3.4, 3.5): when follow-up calls
-- fall due (by service category), how many tries before a customer counts as
-- unreachable, and the manuals' consultation time standards.

CREATE TABLE flow_settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    followup_days           INTEGER NOT NULL DEFAULT 3 CHECK (followup_days BETWEEN 0 AND 60),
    followup_attempts       INTEGER NOT NULL DEFAULT 3 CHECK (followup_attempts BETWEEN 1 AND 10),
    followup_window_days    INTEGER NOT NULL DEFAULT 2 CHECK (followup_window_days BETWEEN 1 AND 14),
    consult_min_minutes     INTEGER NOT NULL DEFAULT 3,
    consult_max_minutes     INTEGER NOT NULL DEFAULT 15,
    consult_new_max_minutes INTEGER NOT NULL DEFAULT 20,
    updated_at              INTEGER NOT NULL DEFAULT 0,
    updated_by              INTEGER REFERENCES staff(id),
    CHECK (0 < consult_min_minutes AND consult_min_minutes < consult_max_minutes
           AND consult_max_minutes <= consult_new_max_minutes AND consult_new_max_minutes <= 240)
) STRICT;
INSERT INTO flow_settings (id) VALUES (1);

-- A follow-up delay for one service category, overriding the default.
CREATE TABLE followup_delays (
    category TEXT    PRIMARY KEY CHECK (length(trim(category)) > 0),
    days     INTEGER NOT NULL CHECK (days BETWEEN 0 AND 60)
) STRICT;
