-- Settings the rules engine reads (src/core/rules.h) that 0001 did not store yet.
-- Defaults from DOMAIN.md; a county edits these rows, the code never hard-codes them.
--   rule.payment_due_days      certified work is owed this many days after month end (30)
--   rule.default_retention_bp  retention (质保金) held when a contract states none, in
--                              basis points of the contract (300 = 3%)
INSERT INTO settings (key, value) VALUES
  ('rule.payment_due_days', '30'),
  ('rule.default_retention_bp', '300');
