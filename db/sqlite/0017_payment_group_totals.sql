-- Schema version 17 (issue 12): the payments' sums kept in the same transaction as each
-- payment. The analysis, the report and the project list read the payments summed by
-- project, contract, source, cost category, kind and payee (core/payment_totals.h). Summing
-- a province's million payments at every open took a third of a second even from the
-- covering index of schema 13; payment_groups holds the tens of thousands of sums instead,
-- each written by the trigger below with the payment itself (payments are never updated or
-- deleted: db/sqlite/0002_payment_guards.sql). It is derived data: not in the history, and
-- `verify` compares it with the payments (storage::PaymentGroupsDisagreeing). contract_id
-- 0 is "no contract" (a key column cannot be NULL). BIGINT, not INTEGER: SOCI reads an
-- INTEGER column as 32 bits. A month's report takes the groups whose last payment is
-- dated within the month as they are, and sums again only the projects with later payments
-- (from the index payments_groups, whose last columns are the date and the amount).
CREATE TABLE payment_groups (
  project_id    BIGINT NOT NULL,
  contract_id   BIGINT NOT NULL,
  source_id     BIGINT NOT NULL,
  cost_category TEXT NOT NULL,
  kind          TEXT NOT NULL,
  payee         TEXT NOT NULL,
  amount        BIGINT NOT NULL,
  count         BIGINT NOT NULL,
  first_date    TEXT NOT NULL,
  last_date     TEXT NOT NULL,
  PRIMARY KEY (project_id, contract_id, source_id, cost_category, kind, payee)
) WITHOUT ROWID;

INSERT INTO payment_groups
SELECT project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee, SUM(amount), COUNT(*), MIN(date),
       MAX(date)
FROM payments GROUP BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee;

CREATE TRIGGER payment_groups_add AFTER INSERT ON payments
BEGIN
  INSERT INTO payment_groups
  VALUES (NEW.project_id, COALESCE(NEW.contract_id, 0), NEW.source_id, NEW.cost_category, NEW.kind, NEW.payee,
          NEW.amount, 1, NEW.date, NEW.date)
  ON CONFLICT (project_id, contract_id, source_id, cost_category, kind, payee) DO UPDATE
  SET amount = amount + excluded.amount, count = count + 1, first_date = min(first_date, excluded.first_date),
      last_date = max(last_date, excluded.last_date);
END;
