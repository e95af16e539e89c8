-- Schema version 15, PostgreSQL only: an import's rows reach the history a statement at a
-- time (issue 12). The server's import writes its rows through COPY, a thousand and more
-- per statement; the row trigger of db/postgresql/0008_baseline.sql ran a PL/pgSQL call,
-- a lock and a one-row INSERT into history for each of them (a province's 1.3 million
-- rows). An insert into the nine tables an import writes is now recorded by one trigger
-- per statement, from the statement's new rows (a transition table), in the order they
-- were inserted; the entries are the ones the row trigger wrote: the same time, user,
-- action, key, project, and the whole row as JSON. Updates and deletes keep the row
-- trigger (still named history_<table>), as every other table does for all three.
-- SQLite reaches the same end by another road (db/sqlite/0014_deferred_history.sql).

CREATE FUNCTION sb_record_inserted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  action  text := current_setting('sb.action', true);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(1397904458);  -- 0x5342544A, "SBTJ", as sb_record_history
  INSERT INTO public.history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  SELECT to_char(localtimestamp, 'YYYY-MM-DD"T"HH24:MI:SS'), session_user, COALESCE(action, ''),
         TG_TABLE_NAME, r.j ->> TG_ARGV[0],
         CASE WHEN TG_ARGV[1] = '' THEN NULL ELSE (r.j ->> TG_ARGV[1])::bigint END,
         'insert', NULL, r.j::text,
         CASE WHEN action IS NULL OR action = '' THEN 1 ELSE 0 END
  FROM (SELECT to_jsonb(n) AS j FROM new_rows n) r;  -- a transition table reads in insertion order
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
  project_column text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'budget_lines', 'funding_sources', 'allocations', 'receipts',
                           'procedure_steps', 'progress_entries', 'contracts', 'payments'] LOOP
    project_column := CASE t WHEN 'projects' THEN 'id' WHEN 'funding_sources' THEN '' ELSE 'project_id' END;
    EXECUTE format('DROP TRIGGER history_%s ON %I', t, t);
    EXECUTE format('CREATE TRIGGER history_%s AFTER UPDATE OR DELETE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION sb_record_history(''id'', %L)', t, t, project_column);
    EXECUTE format('CREATE TRIGGER history_%s_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION sb_record_inserted(''id'', %L)', t, t, project_column);
  END LOOP;
END $$;

-- The other windows hear of a change once per project a statement touched, not once per
-- history entry (pg_notify folds repeats within a transaction, after a call per row).
DROP TRIGGER history_notify ON history;
CREATE FUNCTION sb_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sb_changes', p.project)
  FROM (SELECT DISTINCT COALESCE(project_id::text, '') AS project FROM new_entries) p;
  RETURN NULL;
END $$;
CREATE TRIGGER history_notify AFTER INSERT ON history REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION sb_notify_changes();
DROP FUNCTION sb_notify_change();

-- The county guard reads the row as JSON only for a user limited to a county (the owner
-- and the city's users were paying for it on every row of an import).
CREATE OR REPLACE FUNCTION sb_county_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  mine    text := public.sb_user_county();
  theirs  text;
  row_of  jsonb;
BEGIN
  IF mine IS NULL THEN RETURN NEW; END IF;
  row_of := to_jsonb(NEW);
  IF TG_ARGV[0] = 'project_id' THEN
    SELECT county_code INTO theirs FROM public.projects WHERE id = (row_of ->> 'project_id')::bigint;
  ELSE
    theirs := row_of ->> TG_ARGV[0];
  END IF;
  IF theirs IS DISTINCT FROM mine THEN
    RAISE EXCEPTION 'county: 数据库用户“%”只能修改本县（% %）的数据；这一行属于%，服务器拒绝保存',
      session_user, mine, (SELECT name FROM public.counties WHERE code = mine),
      COALESCE('县（区）' || theirs || ' ' || (SELECT name FROM public.counties WHERE code = theirs), '其他县（区）');
  END IF;
  RETURN NEW;
END $$;

-- The unsealed entries a chunk at a time, after the last one sealed. sb_unsealed_history()
-- of db/postgresql/0012_counties.sql runs as the owner and so is never inlined into the
-- caller's query: its LIMIT came after the function had read every unsealed entry, again
-- for each chunk of a province's import (quadratic in the import's size).
CREATE FUNCTION sb_unsealed_history_after(after_id bigint, how_many bigint) RETURNS SETOF history
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT * FROM public.history WHERE hash IS NULL AND id > after_id ORDER BY id LIMIT how_many
$$;

-- Seals a batch of entries as the owner and says how many it sealed (only a NULL hash is
-- set; history_seal_only still checks each row). A user limited to one county must seal
-- what their own transaction wrote, yet row security hides from them the entries of a
-- delete whose project is gone (the history of a deleted project is the city's): their
-- UPDATE of those rows changed nothing, said nothing, and the next entry chained from the
-- wrong hash. The caller refuses a batch of which any entry stayed unsealed.
CREATE FUNCTION sb_seal_history_batch(entry_ids bigint[], entry_hashes text[]) RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  WITH sealed AS (
    UPDATE public.history h SET hash = v.entry_hash
    FROM unnest(entry_ids, entry_hashes) AS v(entry_id, entry_hash)
    WHERE h.id = v.entry_id AND h.hash IS NULL
    RETURNING 1)
  SELECT COUNT(*) FROM sealed
$$;
REVOKE EXECUTE ON FUNCTION sb_seal_history_batch(bigint[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_seal_history_batch(bigint[], text[]) TO sb_infra, sb_finance, sb_admin;
