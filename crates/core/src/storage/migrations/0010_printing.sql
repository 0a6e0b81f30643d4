-- Printing: the shop's print settings, the printer chosen for each kind of
-- document, and the print queue (one row per job, kept as a history).

CREATE TABLE print_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    -- The service slip's paper: an 80 mm roll or an A5 sheet.
    slip_paper      TEXT    NOT NULL DEFAULT 'roll80' CHECK (slip_paper IN ('roll80', 'a5')),
    -- 三联单: customer, front-desk and stylist copies.
    three_part      INTEGER NOT NULL DEFAULT 0 CHECK (three_part IN (0, 1)),
    -- Print the slip by itself when a visit is checked out.
    auto_print_slip INTEGER NOT NULL DEFAULT 0 CHECK (auto_print_slip IN (0, 1)),
    updated_at      INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO print_settings (id) VALUES (1);

CREATE TABLE printers (
    -- slip, care_plan, sheet (handover and daily close), report.
    doc_group TEXT    PRIMARY KEY CHECK (doc_group IN ('slip', 'care_plan', 'sheet', 'report')),
    -- JSON: {"kind":"system","queue":null} | {"kind":"esc_pos_tcp",...} | {"kind":"esc_pos_file",...}
    target    TEXT    NOT NULL CHECK (json_valid(target)),
    copies    INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 9)
) STRICT;

CREATE TABLE print_jobs (
    id           INTEGER PRIMARY KEY,
    -- JSON of the document request; the PDF is rebuilt from the database
    -- when the job runs, so a retry prints what the record says now.
    document     TEXT    NOT NULL CHECK (json_valid(document)),
    title        TEXT    NOT NULL,
    doc_group    TEXT    NOT NULL,
    target       TEXT    NOT NULL CHECK (json_valid(target)),
    -- 1: the person chose this printer; 0: the group's printer at the time,
    -- so a retry goes to whatever the group's printer is then.
    chosen       INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
    copies       INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 9),
    state        TEXT    NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'printing', 'sent', 'failed', 'cancelled')),
    -- The device's error code and message of the last failure.
    error_code   TEXT    NOT NULL DEFAULT '',
    error        TEXT    NOT NULL DEFAULT '',
    -- The operating system's job id (CUPS request id), once sent.
    device_job   TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    requested_by INTEGER NOT NULL REFERENCES staff(id),
    requested_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX print_jobs_waiting ON print_jobs (id) WHERE state IN ('queued', 'printing');
