-- Schema version 17, PostgreSQL part (issue 12): the payments' sums kept in the same
-- transaction as each payment (the same step for a file: db/sqlite/0017_payment_group_totals.sql,
-- which says why). One statement-level trigger adds each INSERT's or COPY's payments,
-- summed, in key order (two imports at once wait for each other's groups rather than
-- deadlock). It runs as the owner, so a clerk limited to one county adds to the sums without
-- a right to write them; row security shows them their county's groups only.
CREATE TABLE payment_groups (
  project_id    BIGINT NOT NULL,
  contract_id   BIGINT NOT NULL,
  source_id     BIGINT NOT NULL,
  cost_category VARCHAR(8) COLLATE "C" NOT NULL,
  kind          VARCHAR(8) COLLATE "C" NOT NULL,
  payee         TEXT COLLATE "C" NOT NULL,
  amount        BIGINT NOT NULL,
  count         BIGINT NOT NULL,
  first_date    VARCHAR(10) COLLATE "C" NOT NULL,
  last_date     VARCHAR(10) COLLATE "C" NOT NULL,
  PRIMARY KEY (project_id, contract_id, source_id, cost_category, kind, payee)
);

INSERT INTO payment_groups
SELECT project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee, SUM(amount), COUNT(*), MIN(date),
       MAX(date)
FROM payments GROUP BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee;

CREATE FUNCTION sb_add_payment_groups() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO public.payment_groups AS g
  SELECT project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee, SUM(amount), COUNT(*), MIN(date),
         MAX(date)
  FROM new_rows
  GROUP BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee
  ORDER BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee
  ON CONFLICT (project_id, contract_id, source_id, cost_category, kind, payee) DO UPDATE
  SET amount = g.amount + EXCLUDED.amount, count = g.count + EXCLUDED.count,
      first_date = LEAST(g.first_date, EXCLUDED.first_date),
      last_date = GREATEST(g.last_date, EXCLUDED.last_date);
  RETURN NULL;
END $$;
CREATE TRIGGER payment_groups_add AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sb_add_payment_groups();

ALTER TABLE payment_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY county_rows ON payment_groups
  USING ((SELECT sb_user_county()) IS NULL OR project_id IN (SELECT id FROM projects));
GRANT SELECT ON payment_groups TO sb_reader, sb_infra, sb_finance, sb_admin;
