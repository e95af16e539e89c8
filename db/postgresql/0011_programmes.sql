-- Schema version 11, PostgreSQL part (after the shared db/0011_programmes.sql).
-- Text compares byte for byte here as in every other column (db/postgresql/0008_baseline.sql).
ALTER TABLE projects ALTER COLUMN programme TYPE TEXT COLLATE "C";

-- The history function records whole rows (to_jsonb), so the new column is in every entry
-- from now on; the rows already here get one entry showing it (an update with nothing
-- changed), so that verify finds each row equal to its last entry.
UPDATE projects SET note = note;
