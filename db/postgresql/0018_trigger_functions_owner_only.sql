-- Schema version 18, PostgreSQL part: the trigger functions that write as the owner run only
-- as the triggers of SchoolBuild's own tables. PostgreSQL lets every role (PUBLIC) execute a
-- new function, and checks that right when a trigger is created, not when it fires: any login
-- could create a trigger on a temporary table of their own that calls
-- sb_add_payment_groups() (0017), sb_record_history() (0008) or sb_record_inserted() (0015)
-- and so write payment sums or history entries as the owner, past row security. Revoked from
-- PUBLIC, they still fire for the tables they were made for; the sums' function also
-- refuses to run for any table but payments.
REVOKE EXECUTE ON FUNCTION sb_add_payment_groups() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION sb_record_history() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION sb_record_inserted() FROM PUBLIC;

CREATE OR REPLACE FUNCTION sb_add_payment_groups() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_RELID <> 'public.payments'::regclass THEN
    RAISE EXCEPTION 'sb_add_payment_groups: only for payments, not %', TG_RELID::regclass;
  END IF;
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
