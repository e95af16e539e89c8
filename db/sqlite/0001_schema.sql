-- SchoolBuild schema, version 1.
-- Portable SQL: it runs on SQLite and (with INTEGER PRIMARY KEY read as BIGSERIAL) on
-- PostgreSQL. Money is BIGINT fen; dates are ISO text; months 'YYYY-MM'; booleans 0/1.
-- Every mutable row carries row_version, bumped on each update (lost-update checks).
-- Payments carry none: they are never updated (corrections are reversing rows).

CREATE TABLE settings (
  key         VARCHAR(64) PRIMARY KEY,
  value       TEXT NOT NULL,
  row_version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE fund_kinds (
  name             VARCHAR(40) PRIMARY KEY,
  level            VARCHAR(8) NOT NULL
                   CHECK (level IN ('中央','省级','市级','县级','债券','贷款','其他')),
  default_eligible TEXT NOT NULL,      -- 费用类别 joined by 、
  sort_order       BIGINT NOT NULL DEFAULT 0,
  note             TEXT NOT NULL DEFAULT '',
  row_version      BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE procedure_template (
  id                    INTEGER PRIMARY KEY,
  step_order            BIGINT NOT NULL UNIQUE,
  name                  VARCHAR(60) NOT NULL UNIQUE,
  issuer                VARCHAR(60) NOT NULL DEFAULT '',
  required_before_start BIGINT NOT NULL DEFAULT 1 CHECK (required_before_start IN (0,1)),
  note                  TEXT NOT NULL DEFAULT '',
  row_version           BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE projects (
  id             INTEGER PRIMARY KEY,
  code           VARCHAR(40) NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  school         TEXT NOT NULL,
  township       VARCHAR(40) NOT NULL,
  stage          VARCHAR(16) NOT NULL
                 CHECK (stage IN ('学前教育','小学','初中','九年一贯制','高中','中职','特殊教育','其他')),
  category       VARCHAR(16) NOT NULL
                 CHECK (category IN ('教学楼','综合楼','学生宿舍','食堂','厕所','运动场','校门围墙',
                                     '教师周转宿舍','幼儿园','整体搬迁','设备购置','信息化','其他')),
  nature         VARCHAR(8) NOT NULL CHECK (nature IN ('新建','改扩建','迁建','维修改造')),
  floor_area_centi BIGINT NOT NULL DEFAULT 0 CHECK (floor_area_centi >= 0), -- 0.01 m²
  planned_start  VARCHAR(10),
  planned_finish VARCHAR(10),
  actual_start   VARCHAR(10),
  actual_finish  VARCHAR(10),
  status         VARCHAR(8) NOT NULL
                 CHECK (status IN ('储备','前期','在建','停工','完工','竣工验收','已决算')),
  note           TEXT NOT NULL DEFAULT '',
  row_version    BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX projects_township ON projects (township);

CREATE TABLE budget_lines (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  cost_category VARCHAR(8) NOT NULL
                CHECK (cost_category IN ('征地拆迁','前期费用','建安工程','设备购置','其他费用','预备费')),
  amount        BIGINT NOT NULL CHECK (amount >= 0),
  row_version   BIGINT NOT NULL DEFAULT 1,
  UNIQUE (project_id, cost_category)
);

CREATE TABLE funding_sources (
  id          INTEGER PRIMARY KEY,
  code        VARCHAR(40) NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        VARCHAR(40) NOT NULL REFERENCES fund_kinds (name) ON UPDATE CASCADE,
  year        BIGINT NOT NULL,
  amount      BIGINT NOT NULL CHECK (amount >= 0),
  doc_no      TEXT NOT NULL DEFAULT '',
  eligible    TEXT NOT NULL,           -- 费用类别 joined by 、
  note        TEXT NOT NULL DEFAULT '',
  row_version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE allocations (
  id          INTEGER PRIMARY KEY,
  project_id  BIGINT NOT NULL REFERENCES projects (id),
  source_id   BIGINT NOT NULL REFERENCES funding_sources (id),
  amount      BIGINT NOT NULL CHECK (amount > 0),
  date        VARCHAR(10) NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  row_version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX allocations_project ON allocations (project_id);
CREATE INDEX allocations_source ON allocations (source_id);

CREATE TABLE receipts (
  id          INTEGER PRIMARY KEY,
  project_id  BIGINT NOT NULL REFERENCES projects (id),
  source_id   BIGINT NOT NULL REFERENCES funding_sources (id),
  amount      BIGINT NOT NULL CHECK (amount > 0),
  date        VARCHAR(10) NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  row_version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX receipts_project ON receipts (project_id);
CREATE INDEX receipts_source ON receipts (source_id);

CREATE TABLE procedure_steps (
  id           INTEGER PRIMARY KEY,
  project_id   BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  template_id  BIGINT NOT NULL REFERENCES procedure_template (id),
  status       VARCHAR(8) NOT NULL CHECK (status IN ('未办','办理中','已办结','不适用')),
  planned_date VARCHAR(10),
  done_date    VARCHAR(10),
  doc_no       TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  row_version  BIGINT NOT NULL DEFAULT 1,
  UNIQUE (project_id, template_id)
);

CREATE TABLE progress_entries (
  id             INTEGER PRIMARY KEY,
  project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  month          VARCHAR(7) NOT NULL,
  percent_tenths BIGINT NOT NULL CHECK (percent_tenths BETWEEN 0 AND 1000),
  invested       BIGINT NOT NULL CHECK (invested >= 0),
  description    TEXT NOT NULL DEFAULT '',
  problems       TEXT NOT NULL DEFAULT '',
  next_steps     TEXT NOT NULL DEFAULT '',
  row_version    BIGINT NOT NULL DEFAULT 1,
  UNIQUE (project_id, month)
);

CREATE TABLE contracts (
  id             INTEGER PRIMARY KEY,
  code           VARCHAR(40) NOT NULL UNIQUE,
  project_id     BIGINT NOT NULL REFERENCES projects (id),
  kind           VARCHAR(8) NOT NULL
                 CHECK (kind IN ('施工','监理','设计','勘察','设备采购','征地补偿','其他')),
  counterparty   TEXT NOT NULL,
  amount         BIGINT NOT NULL CHECK (amount > 0),
  signed_date    VARCHAR(10),
  advance_bp     BIGINT NOT NULL DEFAULT 0 CHECK (advance_bp BETWEEN 0 AND 3000),
  retention_bp   BIGINT NOT NULL DEFAULT 0 CHECK (retention_bp BETWEEN 0 AND 300),
  note           TEXT NOT NULL DEFAULT '',
  row_version    BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX contracts_project ON contracts (project_id);

CREATE TABLE payments (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT NOT NULL REFERENCES projects (id),
  contract_id   BIGINT REFERENCES contracts (id),
  source_id     BIGINT NOT NULL REFERENCES funding_sources (id),
  cost_category VARCHAR(8) NOT NULL
                CHECK (cost_category IN ('征地拆迁','前期费用','建安工程','设备购置','其他费用','预备费')),
  date          VARCHAR(10) NOT NULL,
  amount        BIGINT NOT NULL CHECK (amount <> 0),
  kind          VARCHAR(8) NOT NULL
                CHECK (kind IN ('预付款','进度款','结算款','质保金','征地补偿','其他')),
  voucher       VARCHAR(40) NOT NULL,
  payee         TEXT NOT NULL DEFAULT '',
  reverses_id   BIGINT UNIQUE REFERENCES payments (id),
  note          TEXT NOT NULL DEFAULT '',
  CHECK ((reverses_id IS NULL AND amount > 0) OR (reverses_id IS NOT NULL AND amount < 0))
);
CREATE INDEX payments_project ON payments (project_id);
CREATE INDEX payments_contract ON payments (contract_id);
CREATE INDEX payments_source ON payments (source_id);

-- Defaults from DOMAIN.md; a county edits these rows, the code never hard-codes them.
INSERT INTO settings (key, value) VALUES
  ('county_name', 'XX县'),
  ('bureau_name', 'XX县教育局'),
  ('rule.underpaid_percent', '80'),
  ('rule.stalled_months', '3'),
  ('rule.behind_schedule_points', '20'),
  ('rule.permit_start_months', '3'),
  ('rule.accounts_months', '3'),
  ('rule.settlement_days_by_wan', '500:20;2000:30;5000:45;*:60');

INSERT INTO fund_kinds (name, level, default_eligible, sort_order, note) VALUES
  ('中央预算内投资', '中央', '建安工程、设备购置', 1, '只用于工程建设，不得用于征地拆迁'),
  ('中央专项', '中央', '建安工程、设备购置', 2, '薄改、校舍维修改造、学前教育发展资金等；不得用于征地、偿债、人员、办公楼'),
  ('省级专项', '省级', '建安工程、设备购置', 3, '按下达文件，通常同中央资金'),
  ('市级专项', '市级', '建安工程、设备购置', 4, '按下达文件'),
  ('县级财政', '县级', '征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费', 5, '县级配套，通常负担征地'),
  ('专项债券', '债券', '建安工程、设备购置', 6, '按批准用途，通常用于工程建设'),
  ('政策性贷款', '贷款', '征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费', 7, '如教育扶贫贷款，可用于含征地在内的资本性支出'),
  ('整合涉农资金', '其他', '建安工程、设备购置', 8, '按整合方案'),
  ('东西部协作', '其他', '建安工程、设备购置', 9, '按协议'),
  ('对口帮扶', '其他', '建安工程、设备购置', 10, '按协议'),
  ('社会捐赠', '其他', '建安工程、设备购置', 11, '按捐赠协议'),
  ('学校自筹', '其他', '征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费', 12, ''),
  ('其他', '其他', '征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费', 13, '');

INSERT INTO procedure_template (step_order, name, issuer, required_before_start, note) VALUES
  (1, '立项批复', '发改局', 1, '小型项目可标记为不适用'),
  (2, '用地预审与选址意见书', '自然资源局', 1, ''),
  (3, '可行性研究报告批复', '发改局', 1, ''),
  (4, '环境影响评价', '生态环境局', 1, '多数可豁免：不适用'),
  (5, '土地征收', '县政府/省', 1, '仅集体土地/农用地'),
  (6, '建设用地规划许可证', '自然资源(规划)', 1, ''),
  (7, '初步设计及概算批复', '发改局/教育局', 1, '批复概算为总投资上限'),
  (8, '施工图审查', '审图机构/住建局', 1, '含消防设计审查'),
  (9, '建设工程规划许可证', '规划部门', 1, ''),
  (10, '招标', '公共资源交易中心', 1, '施工≥400万元、设计监理≥100万元必须招标'),
  (11, '施工许可证', '住建局', 1, '30万元或300㎡以下不需要；领证后3个月内开工'),
  (12, '竣工验收', '建设单位', 0, '验收后15日内备案'),
  (13, '结算审核', '财政评审/造价咨询', 0, '按合同额20/30/45/60日内完成'),
  (14, '竣工财务决算', '财政局', 0, '完工后3个月内');
