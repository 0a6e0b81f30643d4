-- 0002: the full customer profile card (顾客档案卡), its search index, notes,
-- and the shop's greeting style. Text fields default to '' (not NULL) so the
-- UI and CSV export never have to tell "empty" from "missing".

ALTER TABLE shop ADD COLUMN greeting_style TEXT NOT NULL DEFAULT 'familiar'
    CHECK (greeting_style IN ('familiar', 'formal'));

-- Identity
ALTER TABLE customers ADD COLUMN gender TEXT NOT NULL DEFAULT 'unknown'
    CHECK (gender IN ('female', 'male', 'unknown'));
ALTER TABLE customers ADD COLUMN salutation TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN birthday TEXT
    CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE customers ADD COLUMN card_no TEXT;
ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT 'walk_in'
    CHECK (source IN ('walk_in', 'referral', 'online', 'flyer', 'other'));
ALTER TABLE customers ADD COLUMN referrer TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN class TEXT CHECK (class IS NULL OR class IN ('A', 'B', 'C'));
ALTER TABLE customers ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags));
ALTER TABLE customers ADD COLUMN first_visit TEXT
    CHECK (first_visit IS NULL OR first_visit GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- Care record
ALTER TABLE customers ADD COLUMN skin_type TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN blood_type TEXT NOT NULL DEFAULT ''
    CHECK (blood_type IN ('', 'A', 'B', 'AB', 'O', 'other'));
ALTER TABLE customers ADD COLUMN allergies TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN contraindications TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN treatments_elsewhere TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN products_in_use TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN care_times TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN workplace TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN home_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN hobbies TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN eating_habits TEXT NOT NULL DEFAULT '';
-- Preferences
ALTER TABLE customers ADD COLUMN preferred_stylist_id INTEGER REFERENCES staff(id);
ALTER TABLE customers ADD COLUMN drink TEXT NOT NULL DEFAULT ''
    CHECK (drink IN ('', 'tea', 'juice', 'water', 'coffee'));
ALTER TABLE customers ADD COLUMN contact_channel TEXT NOT NULL DEFAULT 'phone'
    CHECK (contact_channel IN ('phone', 'sms', 'wechat'));
ALTER TABLE customers ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1));
-- VIP register
ALTER TABLE customers ADD COLUMN vip INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1));
ALTER TABLE customers ADD COLUMN account_manager_id INTEGER REFERENCES staff(id);
-- Search helpers, kept by the core from the name (see customers/names.rs).
ALTER TABLE customers ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
-- Erasure on request: personal fields wiped, the row (and any money history
-- pointing at it) kept.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;

CREATE UNIQUE INDEX customers_card_no ON customers (card_no) WHERE card_no IS NOT NULL;
CREATE INDEX customers_name_birthday ON customers (name, birthday);
CREATE INDEX customers_vip ON customers (vip) WHERE vip = 1;

-- The search index: one row per (term, customer). Terms are prefixed by kind:
--   n<char> / n<bigram>  Chinese characters of the name (rank 0 at its start)
--   p<4 digits>          every 4-digit run of the mobile (rank 0 = its last four)
--   i<initials>          pinyin initials (李美华 → ilmh), prefix-searched by range
--   f<pinyin>            full pinyin (李美华 → flimeihua), prefix-searched by range
-- Rows are derived from the customer row and rewritten with it (customers/search.rs).
CREATE TABLE customer_search (
    term        TEXT    NOT NULL,
    rank        INTEGER NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    PRIMARY KEY (term, rank, customer_id)
) STRICT, WITHOUT ROWID;

-- Dated notes on the card (the timeline shows them); personal data, so erasure
-- removes them.
CREATE TABLE customer_notes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    text        TEXT    NOT NULL CHECK (length(text) > 0)
) STRICT;
CREATE INDEX customer_notes_by_customer ON customer_notes (customer_id, at);
