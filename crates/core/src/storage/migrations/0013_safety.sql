-- Data safety (SPEC 3.12): the second backup folder, and the wrong-PIN
-- throttle kept in the file so that restarting the app does not reset it.

-- The second folder backups are copied to (a USB stick, a network share);
-- empty for none. One row, written by `backup`.
CREATE TABLE backup_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    mirror_dir TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES staff(id)
) STRICT;

-- Wrong PINs in a row per typed staff number (folded), for sign-in and for a
-- colleague's PIN (a handover's confirmation, a manager's override); a
-- number locked out until `locked_until` (UTC ms). Written by `staff`.
CREATE TABLE pin_throttle (
    staff_no     TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until INTEGER
) STRICT;
