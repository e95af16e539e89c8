-- Schema version 18, SQLite only (issue 12): while an import writes its rows
-- (history_deferred holds its row, db/sqlite/0014_deferred_history.sql) the trigger that adds
-- each payment to its sums (0017) stands aside like the history's, and the import adds each
-- batch's payments summed in one statement before the flag goes
-- (storage::AddPaymentGroupsAfter, from DeferredInsertHistory::Write): about 4 µs a payment.
DROP TRIGGER payment_groups_add;
CREATE TRIGGER payment_groups_add AFTER INSERT ON payments
WHEN NOT EXISTS (SELECT 1 FROM history_deferred)
BEGIN
  INSERT INTO payment_groups
  VALUES (NEW.project_id, COALESCE(NEW.contract_id, 0), NEW.source_id, NEW.cost_category, NEW.kind, NEW.payee,
          NEW.amount, 1, NEW.date, NEW.date)
  ON CONFLICT (project_id, contract_id, source_id, cost_category, kind, payee) DO UPDATE
  SET amount = amount + excluded.amount, count = count + 1, first_date = min(first_date, excluded.first_date),
      last_date = max(last_date, excluded.last_date);
END;
