-- Schema version 9, PostgreSQL part (after the shared db/0009_auditors.sql).
-- Text compares byte for byte here as in every other column (db/postgresql/0008_baseline.sql).
ALTER TABLE contracts ALTER COLUMN procurement TYPE VARCHAR(8) COLLATE "C";
ALTER TABLE contracts ALTER COLUMN award_no TYPE TEXT COLLATE "C";

-- The history function records whole rows (to_jsonb), so the new columns are in every
-- entry from now on; the rows already here get one entry showing them (an update with
-- nothing changed), so that verify finds each row equal to its last entry.
UPDATE contracts SET note = note;
UPDATE procedure_steps SET note = note;
