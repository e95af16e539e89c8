-- Schema version 12, PostgreSQL part: several counties in one database (issue 11).
-- Numbered 12, not 10: version 10 was once reserved for this step, but 0011 has shipped
-- since, and a database already at version 11 would never run a 0010. The same step for a
-- file: db/sqlite/0012_counties.sql (which explains the placeholder county 000000).
--
-- A city or province server holds many counties. Every project and funding source carries
-- its county_code; every other row reaches it through its project (budget lines,
-- allocations, receipts, procedure steps, progress, contracts, payments, annual plans,
-- contract progress). A database user may be limited to one county (user_counties, kept by
-- the admin with `schoolbuild-cli user add NAME --role R --county CODE`): row-level
-- security then shows and lets them change only that county's rows; a user without a row
-- there (the city, the owner) sees everything.

CREATE TABLE counties (
  code        VARCHAR(6) COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        TEXT COLLATE "C" NOT NULL CHECK (name <> ''),
  row_version BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER history_counties AFTER INSERT OR UPDATE OR DELETE ON counties
  FOR EACH ROW EXECUTE FUNCTION sb_record_history('code', '');

INSERT INTO counties (code, name) VALUES (
  COALESCE((SELECT value FROM settings WHERE key = 'county_code' AND value ~ '^[0-9]{6}$'), '000000'),
  COALESCE((SELECT value FROM settings WHERE key = 'county_name' AND value <> ''), 'XX县'));

-- The whole row goes into the history (to_jsonb), so these updates record the new column.
ALTER TABLE projects ADD COLUMN county_code VARCHAR(6) COLLATE "C" NOT NULL DEFAULT '000000';
ALTER TABLE funding_sources ADD COLUMN county_code VARCHAR(6) COLLATE "C" NOT NULL DEFAULT '000000';
UPDATE projects SET county_code = (SELECT code FROM counties);
UPDATE funding_sources SET county_code = (SELECT code FROM counties);
ALTER TABLE projects ADD CONSTRAINT projects_county_fk FOREIGN KEY (county_code) REFERENCES counties (code);
ALTER TABLE funding_sources ADD CONSTRAINT funding_sources_county_fk FOREIGN KEY (county_code) REFERENCES counties (code);
CREATE INDEX projects_county ON projects (county_code);
CREATE INDEX funding_sources_county ON funding_sources (county_code);

-- Counties are the city's to keep (the admin); every role reads them.
GRANT INSERT, UPDATE, DELETE ON counties TO sb_admin;

-- ---- a user limited to one county ------------------------------------------------
CREATE TABLE user_counties (
  user_name   TEXT COLLATE "C" PRIMARY KEY,
  county_code VARCHAR(6) COLLATE "C" NOT NULL REFERENCES counties (code)
);
GRANT INSERT, UPDATE, DELETE ON user_counties TO sb_admin;

-- The county of the logged-in user (session_user: a SECURITY DEFINER function does not
-- change it), NULL for the city.
CREATE FUNCTION sb_user_county() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT county_code FROM public.user_counties WHERE user_name = session_user
$$;

-- Policies: the county's rows only. "(SELECT sb_user_county())" is evaluated once per
-- statement (an init plan), not once per row. The owner of the tables (who created the
-- database) is not subject to them.
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY county_rows ON projects
  USING ((SELECT sb_user_county()) IS NULL OR county_code = (SELECT sb_user_county()));
ALTER TABLE funding_sources ENABLE ROW LEVEL SECURITY;
CREATE POLICY county_rows ON funding_sources
  USING ((SELECT sb_user_county()) IS NULL OR county_code = (SELECT sb_user_county()));
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['budget_lines', 'allocations', 'receipts', 'procedure_steps', 'progress_entries',
                           'contracts', 'payments', 'annual_plans', 'contract_progress'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    -- The projects subquery is itself limited by the policy on projects.
    EXECUTE format('CREATE POLICY county_rows ON %I USING ((SELECT sb_user_county()) IS NULL '
                   'OR project_id IN (SELECT id FROM projects))', t);
  END LOOP;
END $$;

-- History: an entry of a project's row belongs to the project's county, one of a funding
-- source to the source's; county-wide tables (settings, fund kinds, template, counties,
-- closings) are everyone's. The history of a project deleted since is the city's.
ALTER TABLE history ENABLE ROW LEVEL SECURITY;
CREATE POLICY county_rows ON history
  USING ((SELECT sb_user_county()) IS NULL
         OR (project_id IS NULL AND tbl <> 'funding_sources')
         OR project_id IN (SELECT id FROM projects)
         OR (tbl = 'funding_sources'
             AND COALESCE(new_values, old_values)::jsonb ->> 'county_code' = (SELECT sb_user_county())));

-- A write into another county is refused with a sentence naming the user's county (row
-- security alone would say only "violates row-level security policy"). Argument: the
-- column holding the county code, or 'project_id' for a row reaching it through its project.
CREATE FUNCTION sb_county_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  mine    text := public.sb_user_county();
  theirs  text;
  row_of  jsonb := to_jsonb(NEW);
BEGIN
  IF mine IS NULL THEN RETURN NEW; END IF;
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
CREATE TRIGGER county_guard BEFORE INSERT OR UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION sb_county_guard('county_code');
CREATE TRIGGER county_guard BEFORE INSERT OR UPDATE ON funding_sources
  FOR EACH ROW EXECUTE FUNCTION sb_county_guard('county_code');
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['budget_lines', 'allocations', 'receipts', 'procedure_steps', 'progress_entries',
                           'contracts', 'payments', 'annual_plans', 'contract_progress'] LOOP
    EXECUTE format('CREATE TRIGGER county_guard BEFORE INSERT OR UPDATE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION sb_county_guard(''project_id'')', t);
  END LOOP;
END $$;

-- The history chain is one for the whole database: sealing and the head check must see
-- every entry, also those of counties hidden from the user, so they run as the owner.
CREATE FUNCTION sb_unsealed_history() RETURNS SETOF history LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT * FROM public.history WHERE hash IS NULL ORDER BY id
$$;
CREATE FUNCTION sb_history_hash_before(first_id bigint) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT hash FROM public.history WHERE hash IS NOT NULL AND id < first_id ORDER BY id DESC LIMIT 1
$$;
CREATE FUNCTION sb_history_head() RETURNS SETOF history LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT * FROM public.history WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 2
$$;
-- Sets the hash of one unsealed entry (the seal-only trigger refuses anything else).
CREATE FUNCTION sb_seal_history(entry_id bigint, entry_hash text) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  UPDATE public.history SET hash = entry_hash WHERE id = entry_id AND hash IS NULL
$$;
REVOKE EXECUTE ON FUNCTION sb_seal_history(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sb_seal_history(bigint, text) TO sb_infra, sb_finance, sb_admin;
