-- Schema version 13, both engines (issue 12): the payments summed by project, contract,
-- source, cost category, kind and payee (storage/payment_totals_repository.cpp, what the
-- analysis reads instead of every payment) are read from one index in its order, without
-- a sort and without visiting the table: a province's million payments in 0.18 s instead
-- of 1.2 s. It starts with project_id, so the index on project_id alone goes.
CREATE INDEX payments_groups ON payments (project_id, contract_id, source_id, cost_category, kind, payee, date, amount);
DROP INDEX payments_project;
