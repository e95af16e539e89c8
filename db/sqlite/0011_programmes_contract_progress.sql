-- Schema version 11, SQLite part (after the shared db/0011_programmes_contract_progress.sql).
-- ---------------------------------------------------------------------------------------
-- SQLite only. The history triggers list every column in json_object, so those of projects
-- are re-created with the new column; then every row already there gets one history entry
-- showing it (an update with nothing changed), so that verify finds each row equal to its
-- last entry. (PostgreSQL records whole rows: db/postgresql/0011_programmes_contract_progress.sql.)

-- The history of projects with its new columns (db/tools/make_history.py --redo projects).
DROP TRIGGER history_projects_insert;
DROP TRIGGER history_projects_update;
DROP TRIGGER history_projects_delete;

CREATE TRIGGER history_projects_insert AFTER INSERT ON projects
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'projects', CAST(NEW.id AS TEXT), NEW.id, 'insert',
          NULL,
          json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'school', NEW.school, 'township', NEW.township, 'stage', NEW.stage, 'category', NEW.category, 'nature', NEW.nature, 'floor_area_centi', NEW.floor_area_centi, 'planned_start', NEW.planned_start, 'planned_finish', NEW.planned_finish, 'actual_start', NEW.actual_start, 'actual_finish', NEW.actual_finish, 'status', NEW.status, 'note', NEW.note, 'row_version', NEW.row_version, 'programme', NEW.programme),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_projects_update AFTER UPDATE ON projects
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'projects', CAST(NEW.id AS TEXT), NEW.id, 'update',
          json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'school', OLD.school, 'township', OLD.township, 'stage', OLD.stage, 'category', OLD.category, 'nature', OLD.nature, 'floor_area_centi', OLD.floor_area_centi, 'planned_start', OLD.planned_start, 'planned_finish', OLD.planned_finish, 'actual_start', OLD.actual_start, 'actual_finish', OLD.actual_finish, 'status', OLD.status, 'note', OLD.note, 'row_version', OLD.row_version, 'programme', OLD.programme),
          json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'school', NEW.school, 'township', NEW.township, 'stage', NEW.stage, 'category', NEW.category, 'nature', NEW.nature, 'floor_area_centi', NEW.floor_area_centi, 'planned_start', NEW.planned_start, 'planned_finish', NEW.planned_finish, 'actual_start', NEW.actual_start, 'actual_finish', NEW.actual_finish, 'status', NEW.status, 'note', NEW.note, 'row_version', NEW.row_version, 'programme', NEW.programme),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_projects_delete AFTER DELETE ON projects
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'projects', CAST(OLD.id AS TEXT), OLD.id, 'delete',
          json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'school', OLD.school, 'township', OLD.township, 'stage', OLD.stage, 'category', OLD.category, 'nature', OLD.nature, 'floor_area_centi', OLD.floor_area_centi, 'planned_start', OLD.planned_start, 'planned_finish', OLD.planned_finish, 'actual_start', OLD.actual_start, 'actual_finish', OLD.actual_finish, 'status', OLD.status, 'note', OLD.note, 'row_version', OLD.row_version, 'programme', OLD.programme),
          NULL,
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;


-- The rows already here, recorded with their new column.
UPDATE projects SET note = note;

-- 形象进度 of one works contract in a month, where a project has several (the building and
-- the sports ground): certified work (合同额 × 形象进度) of that contract is measured by its
-- own entries; a contract without any uses the project's progress. project_id is the
-- contract's project (set from it by the program), so that the history and the live
-- updates name the project.
CREATE TABLE contract_progress (
  id             INTEGER PRIMARY KEY,
  contract_id    BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  month          VARCHAR(7) NOT NULL,
  percent_tenths BIGINT NOT NULL CHECK (percent_tenths BETWEEN 0 AND 1000),
  note           TEXT NOT NULL DEFAULT '',
  row_version    BIGINT NOT NULL DEFAULT 1,
  UNIQUE (contract_id, month)
);
CREATE INDEX contract_progress_project ON contract_progress (project_id);

-- The history of contract_progress (generated by db/tools/make_history.py --table contract_progress).
CREATE TRIGGER history_contract_progress_insert AFTER INSERT ON contract_progress
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contract_progress', CAST(NEW.id AS TEXT), NEW.project_id, 'insert',
          NULL,
          json_object('id', NEW.id, 'contract_id', NEW.contract_id, 'project_id', NEW.project_id, 'month', NEW.month, 'percent_tenths', NEW.percent_tenths, 'note', NEW.note, 'row_version', NEW.row_version),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_contract_progress_update AFTER UPDATE ON contract_progress
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contract_progress', CAST(NEW.id AS TEXT), NEW.project_id, 'update',
          json_object('id', OLD.id, 'contract_id', OLD.contract_id, 'project_id', OLD.project_id, 'month', OLD.month, 'percent_tenths', OLD.percent_tenths, 'note', OLD.note, 'row_version', OLD.row_version),
          json_object('id', NEW.id, 'contract_id', NEW.contract_id, 'project_id', NEW.project_id, 'month', NEW.month, 'percent_tenths', NEW.percent_tenths, 'note', NEW.note, 'row_version', NEW.row_version),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_contract_progress_delete AFTER DELETE ON contract_progress
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contract_progress', CAST(OLD.id AS TEXT), OLD.project_id, 'delete',
          json_object('id', OLD.id, 'contract_id', OLD.contract_id, 'project_id', OLD.project_id, 'month', OLD.month, 'percent_tenths', OLD.percent_tenths, 'note', OLD.note, 'row_version', OLD.row_version),
          NULL,
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

