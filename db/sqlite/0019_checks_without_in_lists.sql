-- Schema version 19, SQLite only (issue 12): a CHECK written `x IN ('a', 'b', 'c', …)` with
-- more than two values makes SQLite build a temporary b-tree of the list each time an
-- INSERT or UPDATE statement runs. An import runs one INSERT per row: for a province's
-- 1,000,000 payments and their 1,300,000 history entries that was a quarter of all the
-- instructions of the import (callgrind). The same conditions written `x = 'a' OR x = 'b' …`
-- are compared in place.
--
-- Only the text of the tables' definitions changes: the conditions are the same, so every
-- stored row meets them as before, and SQLite documents this way of changing a constraint
-- in place (writable_schema) for it. The server keeps its
-- IN lists: PostgreSQL compares them in place.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (cost_category IN (''征地拆迁'',''前期费用'',''建安工程'',''设备购置'',''其他费用'',''预备费''))',
  'CHECK (cost_category = ''征地拆迁'' OR cost_category = ''前期费用'' OR cost_category = ''建安工程'' OR cost_category = ''设备购置'' OR cost_category = ''其他费用'' OR cost_category = ''预备费'')')
WHERE type = 'table' AND name = 'budget_lines';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''施工'',''监理'',''设计'',''勘察'',''设备采购'',''征地补偿'',''其他''))',
  'CHECK (kind = ''施工'' OR kind = ''监理'' OR kind = ''设计'' OR kind = ''勘察'' OR kind = ''设备采购'' OR kind = ''征地补偿'' OR kind = ''其他'')')
WHERE type = 'table' AND name = 'contracts';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (procurement IN ('''', ''公开招标'', ''邀请招标'', ''竞争性谈判'', ''竞争性磋商'', ''询价'', ''单一来源'', ''直接委托''))',
  'CHECK (procurement = '''' OR procurement = ''公开招标'' OR procurement = ''邀请招标'' OR procurement = ''竞争性谈判'' OR procurement = ''竞争性磋商'' OR procurement = ''询价'' OR procurement = ''单一来源'' OR procurement = ''直接委托'')')
WHERE type = 'table' AND name = 'contracts';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (level IN (''中央'',''省级'',''市级'',''县级'',''债券'',''贷款'',''其他''))',
  'CHECK (level = ''中央'' OR level = ''省级'' OR level = ''市级'' OR level = ''县级'' OR level = ''债券'' OR level = ''贷款'' OR level = ''其他'')')
WHERE type = 'table' AND name = 'fund_kinds';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (op IN (''insert'', ''update'', ''delete''))',
  'CHECK (op = ''insert'' OR op = ''update'' OR op = ''delete'')')
WHERE type = 'table' AND name = 'history';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (cost_category IN (''征地拆迁'',''前期费用'',''建安工程'',''设备购置'',''其他费用'',''预备费''))',
  'CHECK (cost_category = ''征地拆迁'' OR cost_category = ''前期费用'' OR cost_category = ''建安工程'' OR cost_category = ''设备购置'' OR cost_category = ''其他费用'' OR cost_category = ''预备费'')')
WHERE type = 'table' AND name = 'payments';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''预付款'',''进度款'',''结算款'',''质保金'',''征地补偿'',''其他''))',
  'CHECK (kind = ''预付款'' OR kind = ''进度款'' OR kind = ''结算款'' OR kind = ''质保金'' OR kind = ''征地补偿'' OR kind = ''其他'')')
WHERE type = 'table' AND name = 'payments';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (status IN (''未办'',''办理中'',''已办结'',''不适用''))',
  'CHECK (status = ''未办'' OR status = ''办理中'' OR status = ''已办结'' OR status = ''不适用'')')
WHERE type = 'table' AND name = 'procedure_steps';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (stage IN (''学前教育'',''小学'',''初中'',''九年一贯制'',''高中'',''中职'',''特殊教育'',''其他''))',
  'CHECK (stage = ''学前教育'' OR stage = ''小学'' OR stage = ''初中'' OR stage = ''九年一贯制'' OR stage = ''高中'' OR stage = ''中职'' OR stage = ''特殊教育'' OR stage = ''其他'')')
WHERE type = 'table' AND name = 'projects';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (category IN (''教学楼'',''综合楼'',''学生宿舍'',''食堂'',''厕所'',''运动场'',''校门围墙'',
                                     ''教师周转宿舍'',''幼儿园'',''整体搬迁'',''设备购置'',''信息化'',''其他''))',
  'CHECK (category = ''教学楼'' OR category = ''综合楼'' OR category = ''学生宿舍'' OR category = ''食堂'' OR category = ''厕所'' OR category = ''运动场'' OR category = ''校门围墙'' OR category = ''教师周转宿舍'' OR category = ''幼儿园'' OR category = ''整体搬迁'' OR category = ''设备购置'' OR category = ''信息化'' OR category = ''其他'')')
WHERE type = 'table' AND name = 'projects';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (nature IN (''新建'',''改扩建'',''迁建'',''维修改造''))',
  'CHECK (nature = ''新建'' OR nature = ''改扩建'' OR nature = ''迁建'' OR nature = ''维修改造'')')
WHERE type = 'table' AND name = 'projects';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (status IN (''储备'',''前期'',''在建'',''停工'',''完工'',''竣工验收'',''已决算''))',
  'CHECK (status = ''储备'' OR status = ''前期'' OR status = ''在建'' OR status = ''停工'' OR status = ''完工'' OR status = ''竣工验收'' OR status = ''已决算'')')
WHERE type = 'table' AND name = 'projects';
-- Every connection reads the new text: a table made and dropped raises the schema's version,
-- which makes the others read it again, and RESET (which also ends writable_schema) makes
-- this one read it again, so an import right after the upgrade runs the new checks.
CREATE TABLE schema_19_reread (x);
DROP TABLE schema_19_reread;
PRAGMA writable_schema = RESET;
