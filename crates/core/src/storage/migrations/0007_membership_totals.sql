-- 0007: what the membership report adds up, kept as it changes, so the
-- report costs the same at a million members as at ten: the stored-value
-- liability and the number of members holding a balance (moved by the
-- balances' triggers), tier membership by index, and erased customers by a
-- partial index (counting the living is then "all minus erased").

CREATE TABLE sv_totals (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    liability_fen        INTEGER NOT NULL CHECK (liability_fen >= 0),
    members_with_balance INTEGER NOT NULL CHECK (members_with_balance >= 0)
) STRICT;
INSERT INTO sv_totals (id, liability_fen, members_with_balance)
SELECT 1, COALESCE(SUM(balance_fen), 0), COUNT(*) FILTER (WHERE balance_fen > 0) FROM sv_balances;

CREATE TRIGGER sv_balances_move_totals AFTER UPDATE OF balance_fen ON sv_balances
BEGIN
    UPDATE sv_totals SET
        liability_fen = liability_fen + NEW.balance_fen - OLD.balance_fen,
        members_with_balance = members_with_balance + (NEW.balance_fen > 0) - (OLD.balance_fen > 0)
    WHERE id = 1;
END;
CREATE TRIGGER sv_balances_insert_totals AFTER INSERT ON sv_balances
BEGIN
    UPDATE sv_totals SET
        liability_fen = liability_fen + NEW.balance_fen,
        members_with_balance = members_with_balance + (NEW.balance_fen > 0)
    WHERE id = 1;
END;

CREATE INDEX customer_tiers_by_tier ON customer_tiers (tier_id);
CREATE INDEX customers_erased ON customers (erased_at) WHERE erased_at IS NOT NULL;
