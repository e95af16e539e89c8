-- Programmes and per-contract progress (issue 14).
--
-- Portable SQL, run on both engines; then db/sqlite/0011_programmes_contract_progress.sql
-- or db/postgresql/0011_programmes_contract_progress.sql (which create contract_progress:
-- its id column is each engine's own).

-- 项目批次/计划 (programme): the plan or batch a project was approved under, as a county's
-- summary counts them ("2019年寄宿制学校建设: 18个项目 1798万元"). '' = none.
ALTER TABLE projects ADD COLUMN programme TEXT NOT NULL DEFAULT '';
