-- What auditors check (issue 14): procurement, retention stated or not, advance recovery,
-- building permit extensions, and the settings of the rules that read them.
--
-- Portable SQL (ALTER TABLE … ADD COLUMN with CHECKs, plain INSERT and UPDATE), run on
-- both engines; then db/sqlite/0009_auditors.sql or db/postgresql/0009_auditors.sql.

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

