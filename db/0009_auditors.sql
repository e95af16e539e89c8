-- What auditors check (issue 14): procurement, retention stated or not, advance recovery,
-- building permit extensions, and the settings of the rules that read them.
--
-- The first part is portable SQL (ALTER TABLE … ADD COLUMN with CHECKs, plain INSERT and
-- UPDATE), for the PostgreSQL port. The SQLite-only part — the history triggers — is
-- separated at the end.

-- 采购方式 and 中标通知书 of a contract ('' = not entered). TENDER_REQUIRED and
-- TENDER_SPLIT read them (必须招标的工程项目规定, 发改委令2018年第16号, 第五条).
ALTER TABLE contracts ADD COLUMN procurement VARCHAR(8) NOT NULL DEFAULT ''
  CHECK (procurement IN ('', '公开招标', '邀请招标', '竞争性谈判', '竞争性磋商', '询价', '单一来源', '直接委托'));
ALTER TABLE contracts ADD COLUMN award_no TEXT NOT NULL DEFAULT '';

-- A stated 0% retention (a 履约保证金 or guarantee instead, 建质〔2017〕138号) is not "none
-- stated": retention_stated says which. Before this version only a rate above 0 counted
-- as stated, and so it stays for the rows already here.
ALTER TABLE contracts ADD COLUMN retention_stated BIGINT NOT NULL DEFAULT 0
  CHECK (retention_stated IN (0, 1));
UPDATE contracts SET retention_stated = 1 WHERE retention_bp > 0;

-- The advance is recovered from progress payments linearly while % complete (tenths)
-- goes from the first point to the second; both NULL = the contract does not say.
-- (from < to and both-or-neither are checked by the program: core Check(Contract).)
ALTER TABLE contracts ADD COLUMN advance_recover_from_tenths BIGINT
  CHECK (advance_recover_from_tenths BETWEEN 0 AND 1000);
ALTER TABLE contracts ADD COLUMN advance_recover_to_tenths BIGINT
  CHECK (advance_recover_to_tenths BETWEEN 0 AND 1000);

-- Extensions of the building permit (建筑法 第九条: at most two, three months each).
ALTER TABLE procedure_steps ADD COLUMN extensions BIGINT NOT NULL DEFAULT 0
  CHECK (extensions BETWEEN 0 AND 2);

-- The county settings of the new rules (defaults from DOMAIN.md); a value a county saved
-- already is kept.
INSERT INTO settings (key, value)
  SELECT 'rule.tender_works_wan', '400'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.tender_works_wan');
INSERT INTO settings (key, value)
  SELECT 'rule.tender_goods_wan', '200'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.tender_goods_wan');
INSERT INTO settings (key, value)
  SELECT 'rule.tender_services_wan', '100'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.tender_services_wan');
INSERT INTO settings (key, value)
  SELECT 'rule.defects_months', '24'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.defects_months');

-- ---------------------------------------------------------------------------------------
-- SQLite only. The history triggers list every column in json_object, so those of the two
-- changed tables are re-created with the new columns; then every row already there gets
-- one history entry showing them (an update with nothing changed), so that verify finds
-- each row equal to its last entry. A PostgreSQL port writes its own history functions.

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
