-- Programmes (项目批次/计划, issue 14): the plan or batch a project was approved under, as a
-- county's summary counts them ("2019年寄宿制学校建设: 18个项目 1798万元"). '' = none.
--
-- Portable SQL, run on both engines; then db/sqlite/0011_programmes.sql or
-- db/postgresql/0011_programmes.sql.
ALTER TABLE projects ADD COLUMN programme TEXT NOT NULL DEFAULT '';
