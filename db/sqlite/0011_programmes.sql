-- Schema version 11, SQLite part (after the shared db/0011_programmes.sql).
-- ---------------------------------------------------------------------------------------
-- SQLite only. The history triggers list every column in json_object, so those of projects
-- are re-created with the new column; then every row already there gets one history entry
-- showing it (an update with nothing changed), so that verify finds each row equal to its
-- last entry. (PostgreSQL records whole rows: db/postgresql/0011_programmes.sql.)

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
