-- Schema version 9, SQLite part (after the shared db/0009_auditors.sql).
-- ---------------------------------------------------------------------------------------
-- SQLite only. The history triggers list every column in json_object, so those of the two
-- changed tables are re-created with the new columns; then every row already there gets
-- one history entry showing them (an update with nothing changed), so that verify finds
-- each row equal to its last entry. (PostgreSQL records whole rows: db/postgresql/0009_auditors.sql.)

-- The history of contracts with its new columns (db/tools/make_history.py --redo contracts).
DROP TRIGGER history_contracts_insert;
DROP TRIGGER history_contracts_update;
DROP TRIGGER history_contracts_delete;

CREATE TRIGGER history_contracts_insert AFTER INSERT ON contracts
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contracts', CAST(NEW.id AS TEXT), NEW.project_id, 'insert',
          NULL,
          json_object('id', NEW.id, 'code', NEW.code, 'project_id', NEW.project_id, 'kind', NEW.kind, 'counterparty', NEW.counterparty, 'amount', NEW.amount, 'signed_date', NEW.signed_date, 'advance_bp', NEW.advance_bp, 'retention_bp', NEW.retention_bp, 'note', NEW.note, 'row_version', NEW.row_version, 'procurement', NEW.procurement, 'award_no', NEW.award_no, 'retention_stated', NEW.retention_stated, 'advance_recover_from_tenths', NEW.advance_recover_from_tenths, 'advance_recover_to_tenths', NEW.advance_recover_to_tenths),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_contracts_update AFTER UPDATE ON contracts
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contracts', CAST(NEW.id AS TEXT), NEW.project_id, 'update',
          json_object('id', OLD.id, 'code', OLD.code, 'project_id', OLD.project_id, 'kind', OLD.kind, 'counterparty', OLD.counterparty, 'amount', OLD.amount, 'signed_date', OLD.signed_date, 'advance_bp', OLD.advance_bp, 'retention_bp', OLD.retention_bp, 'note', OLD.note, 'row_version', OLD.row_version, 'procurement', OLD.procurement, 'award_no', OLD.award_no, 'retention_stated', OLD.retention_stated, 'advance_recover_from_tenths', OLD.advance_recover_from_tenths, 'advance_recover_to_tenths', OLD.advance_recover_to_tenths),
          json_object('id', NEW.id, 'code', NEW.code, 'project_id', NEW.project_id, 'kind', NEW.kind, 'counterparty', NEW.counterparty, 'amount', NEW.amount, 'signed_date', NEW.signed_date, 'advance_bp', NEW.advance_bp, 'retention_bp', NEW.retention_bp, 'note', NEW.note, 'row_version', NEW.row_version, 'procurement', NEW.procurement, 'award_no', NEW.award_no, 'retention_stated', NEW.retention_stated, 'advance_recover_from_tenths', NEW.advance_recover_from_tenths, 'advance_recover_to_tenths', NEW.advance_recover_to_tenths),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_contracts_delete AFTER DELETE ON contracts
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'contracts', CAST(OLD.id AS TEXT), OLD.project_id, 'delete',
          json_object('id', OLD.id, 'code', OLD.code, 'project_id', OLD.project_id, 'kind', OLD.kind, 'counterparty', OLD.counterparty, 'amount', OLD.amount, 'signed_date', OLD.signed_date, 'advance_bp', OLD.advance_bp, 'retention_bp', OLD.retention_bp, 'note', OLD.note, 'row_version', OLD.row_version, 'procurement', OLD.procurement, 'award_no', OLD.award_no, 'retention_stated', OLD.retention_stated, 'advance_recover_from_tenths', OLD.advance_recover_from_tenths, 'advance_recover_to_tenths', OLD.advance_recover_to_tenths),
          NULL,
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

-- The history of procedure_steps with its new columns (db/tools/make_history.py --redo procedure_steps).
DROP TRIGGER history_procedure_steps_insert;
DROP TRIGGER history_procedure_steps_update;
DROP TRIGGER history_procedure_steps_delete;

CREATE TRIGGER history_procedure_steps_insert AFTER INSERT ON procedure_steps
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'procedure_steps', CAST(NEW.id AS TEXT), NEW.project_id, 'insert',
          NULL,
          json_object('id', NEW.id, 'project_id', NEW.project_id, 'template_id', NEW.template_id, 'status', NEW.status, 'planned_date', NEW.planned_date, 'done_date', NEW.done_date, 'doc_no', NEW.doc_no, 'note', NEW.note, 'row_version', NEW.row_version, 'extensions', NEW.extensions),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_procedure_steps_update AFTER UPDATE ON procedure_steps
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'procedure_steps', CAST(NEW.id AS TEXT), NEW.project_id, 'update',
          json_object('id', OLD.id, 'project_id', OLD.project_id, 'template_id', OLD.template_id, 'status', OLD.status, 'planned_date', OLD.planned_date, 'done_date', OLD.done_date, 'doc_no', OLD.doc_no, 'note', OLD.note, 'row_version', OLD.row_version, 'extensions', OLD.extensions),
          json_object('id', NEW.id, 'project_id', NEW.project_id, 'template_id', NEW.template_id, 'status', NEW.status, 'planned_date', NEW.planned_date, 'done_date', NEW.done_date, 'doc_no', NEW.doc_no, 'note', NEW.note, 'row_version', NEW.row_version, 'extensions', NEW.extensions),
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

CREATE TRIGGER history_procedure_steps_delete AFTER DELETE ON procedure_steps
BEGIN
  INSERT INTO history (at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside)
  VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), COALESCE((SELECT who FROM history_context WHERE id = 1), '（程序外）'), COALESCE((SELECT action FROM history_context WHERE id = 1), ''), 'procedure_steps', CAST(OLD.id AS TEXT), OLD.project_id, 'delete',
          json_object('id', OLD.id, 'project_id', OLD.project_id, 'template_id', OLD.template_id, 'status', OLD.status, 'planned_date', OLD.planned_date, 'done_date', OLD.done_date, 'doc_no', OLD.doc_no, 'note', OLD.note, 'row_version', OLD.row_version, 'extensions', OLD.extensions),
          NULL,
          (SELECT COUNT(*) FROM history_context WHERE id = 1) = 0);
END;

-- The rows already here, recorded with their new columns.
UPDATE contracts SET note = note;
UPDATE procedure_steps SET note = note;
