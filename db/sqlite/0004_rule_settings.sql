-- Settings the rules engine reads (src/core/rules.h) that 0001 did not store yet.
-- Defaults from DOMAIN.md; a county edits these rows, the code never hard-codes them.
--   rule.payment_due_days      certified work is owed this many days after month end (30)
--   rule.default_retention_bp  retention (质保金) held when a contract states none, in
--                              basis points of the contract (300 = 3%)
-- A county may already have saved either key (SaveSetting inserts any key) before this
-- migration ran: its value is kept, and the migration must not fail on the primary key.
INSERT INTO settings (key, value)
  SELECT 'rule.payment_due_days', '30'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.payment_due_days');
INSERT INTO settings (key, value)
  SELECT 'rule.default_retention_bp', '300'
  WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rule.default_retention_bp');
