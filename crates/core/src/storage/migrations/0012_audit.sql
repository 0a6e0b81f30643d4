-- 0012: the audit trail viewer (issue #14). Each row names the customer it
-- concerns, whatever kind of record it is about (her card, her stored value
-- or packages, a visit, an appointment, a follow-up, a complaint), so the
-- manager can filter the trail by customer; indexes for the viewer's filters.

ALTER TABLE audit_log ADD COLUMN customer_id INTEGER REFERENCES customers(id);

-- Rows written before this version: the customer is derived from the record
-- each is about. The append-only triggers are lifted for this one backfill
-- and put back exactly as they were.
DROP TRIGGER audit_log_is_append_only_update;
DROP TRIGGER audit_log_is_append_only_delete;

UPDATE audit_log SET customer_id = CASE
    WHEN action IN ('customer.create', 'customer.update', 'customer.note', 'customer.vip',
                    'customer.erase', 'stored_value.top_up', 'stored_value.refund',
                    'package.sell', 'tier.override', 'gift_item.birthday')
        THEN (SELECT id FROM customers WHERE id = audit_log.entity_id)
    WHEN entity = 'visit'
        THEN (SELECT customer_id FROM visits WHERE id = audit_log.entity_id)
    WHEN entity = 'appointment'
        THEN (SELECT customer_id FROM appointments WHERE id = audit_log.entity_id)
    WHEN entity = 'followup' AND action <> 'followup.campaign'
        THEN (SELECT customer_id FROM followups WHERE id = audit_log.entity_id)
    WHEN entity = 'complaint'
        THEN (SELECT customer_id FROM complaints WHERE id = audit_log.entity_id)
END
WHERE entity_id IS NOT NULL;

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The viewer pages newest first, by date range, staff member or customer.
CREATE INDEX audit_log_by_at ON audit_log (at, id);
CREATE INDEX audit_log_by_staff ON audit_log (staff_id, at);
CREATE INDEX audit_log_by_customer ON audit_log (customer_id, at) WHERE customer_id IS NOT NULL;
