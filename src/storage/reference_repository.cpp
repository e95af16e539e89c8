// Settings and reference data: fund kinds and the procedure template.
#include "storage/repository.h"

#include <soci/soci.h>

#include "core/error.h"
#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

Settings LoadSettings(Database& db) {
  std::map<std::string, std::string> values;
  for (auto& kv : Query<std::pair<std::string, std::string>>(
           db, kSettingsQuery,
           [](const Row& r) { return std::make_pair(r.Text(0), r.Text(1)); }))
    values.insert(kv);
  return Settings(std::move(values));
}

void SaveSetting(Database& db, const std::string& key, const std::string& value) {
  try {
    auto& sql = Sql(db);
    int n = 0;
    sql << "SELECT COUNT(*) FROM settings WHERE key = :k", use(key, "k"), into(n);
    if (n)
      sql << "UPDATE settings SET value = :v, row_version = row_version + 1 WHERE key = :k",
          use(value, "v"), use(key, "k");
    else
      sql << "INSERT INTO settings (key, value) VALUES (:k, :v)", use(key, "k"), use(value, "v");
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存设置 %s", key.c_str()));
  }
}

std::vector<County> Counties(Database& db) {
  return Query<County>(db, "SELECT code, name, row_version FROM counties ORDER BY code", [](const soci::row& r) {
    return County{RowText(r, 0), RowText(r, 1), RowInt64(r, 2)};
  });
}

void InsertCounty(Database& db, County& c) {
  Check(c);
  try {
    Sql(db) << "INSERT INTO counties (code, name) VALUES (:c, :n)", use(c.code, "c"), use(c.name, "n");
    c.rowVersion = 1;
  } catch (const std::exception& e) {
    if (dialect::LastError(Sql(db), e).failure == dialect::Failure::UniqueViolation)
      Fail(ErrorCode::Duplicate, Tr("行政区划代码 %s 已有：本数据库已有这个县（区）", c.code.c_str()));
    Rethrow(db, e, Tr("保存县（区）%s", c.code.c_str()));
  }
}

void DeleteCounty(Database& db, const std::string& code) {
  try {
    auto& sql = Sql(db);
    int used = 0;
    sql << "SELECT (SELECT COUNT(*) FROM projects WHERE county_code = :c) + "
           "(SELECT COUNT(*) FROM funding_sources WHERE county_code = :c)",
        use(code, "c"), into(used);
    if (used)
      Fail(ErrorCode::Refused, Tr("县（区）%s 还有 %lld 个项目或资金来源，不能删除", code.c_str(), static_cast<long long>(used)));
    sql << "DELETE FROM counties WHERE code = :c", use(code, "c");
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("删除县（区）%s", code.c_str()));
  }
}

void RenameCounty(Database& db, County& c) {
  Check(c);
  try {
    long long rv = c.rowVersion;
    soci::statement st = (Sql(db).prepare << "UPDATE counties SET name = :n, row_version = row_version + 1 "
                                              "WHERE code = :c AND row_version = :rv",
                          use(c.name, "n"), use(c.code, "c"), use(rv, "rv"));
    if (Affected(st) == 0) Fail(ErrorCode::Conflict, Tr("县（区）%s 不存在或已被其他人修改", c.code.c_str()));
    ++c.rowVersion;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存县（区）%s", c.code.c_str()));
  }
}

void ReplaceCounty(Database& db, const std::string& from, County& to) {
  InsertCounty(db, to);
  try {
    auto& sql = Sql(db);
    sql << "UPDATE projects SET county_code = :t, row_version = row_version + 1 WHERE county_code = :f",
        use(to.code, "t"), use(from, "f");
    sql << "UPDATE funding_sources SET county_code = :t, row_version = row_version + 1 WHERE county_code = :f",
        use(to.code, "t"), use(from, "f");
    sql << "DELETE FROM counties WHERE code = :f", use(from, "f");
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("把县（区）%s 改为 %s", from.c_str(), to.code.c_str()));
  }
}

std::string UserCounty(Database& db) {
  if (!db.IsServer()) return {};
  std::string code;
  soci::indicator ind = soci::i_null;
  try {
    Sql(db) << "SELECT sb_user_county()", into(code, ind);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取数据库用户所属的县（区）"));
  }
  return ind == soci::i_ok ? code : std::string();
}

std::vector<FundKind> FundKinds(Database& db) {
  return Query<FundKind>(db, FundKindsQuery(), ReadFundKind);
}

void SaveFundKind(Database& db, FundKind& k) {
  Check(k);
  try {
    auto& sql = Sql(db);
    std::string level(Name(k.level)), elig = k.defaultEligible.Format();
    long long order = k.sortOrder;
    int n = 0;
    sql << "SELECT COUNT(*) FROM fund_kinds WHERE name = :n", use(k.name, "n"), into(n);
    if (n) {
      long long rv = k.rowVersion;
      soci::statement st =
          (sql.prepare << "UPDATE fund_kinds SET level = :l, default_eligible = :e, "
                          "sort_order = :o, note = :note, row_version = row_version + 1 "
                          "WHERE name = :n AND row_version = :rv",
           use(level, "l"), use(elig, "e"), use(order, "o"), use(k.note, "note"),
           use(k.name, "n"), use(rv, "rv"));
      if (Affected(st) == 0) Fail(ErrorCode::Conflict, Tr("来源类型“%s”已被其他人修改", k.name.c_str()));
      ++k.rowVersion;
    } else {
      sql << "INSERT INTO fund_kinds (name, level, default_eligible, sort_order, note) "
             "VALUES (:n, :l, :e, :o, :note)",
          use(k.name, "n"), use(level, "l"), use(elig, "e"), use(order, "o"), use(k.note, "note");
      k.rowVersion = 1;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存来源类型“%s”", k.name.c_str()));
  }
}

std::vector<ProcedureTemplateStep> ProcedureTemplate(Database& db) {
  return Query<ProcedureTemplateStep>(db, TemplateQuery(), ReadTemplateStep);
}

void SaveTemplateStep(Database& db, ProcedureTemplateStep& t) {
  Check(t);
  try {
    auto& sql = Sql(db);
    long long order = t.order, req = t.requiredBeforeStart ? 1 : 0;
    if (t.id == 0) {
      soci::statement st =
          (sql.prepare << "INSERT INTO procedure_template (step_order, name, issuer, "
                          "required_before_start, note) VALUES (:o, :n, :i, :r, :note)",
           use(order, "o"), use(t.name, "n"), use(t.issuer, "i"), use(req, "r"),
           use(t.note, "note"));
      t.id = dialect::ExecuteInsert(sql, st, "procedure_template");
      t.rowVersion = 1;
    } else {
      long long id = t.id, rv = t.rowVersion;
      soci::statement st =
          (sql.prepare << "UPDATE procedure_template SET step_order = :o, name = :n, issuer = :i, "
                          "required_before_start = :r, note = :note, row_version = row_version + 1 "
                          "WHERE id = :id AND row_version = :rv",
           use(order, "o"), use(t.name, "n"), use(t.issuer, "i"), use(req, "r"),
           use(t.note, "note"), use(id, "id"), use(rv, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "procedure_template", t.id, Tr("手续“%s”", t.name.c_str()));
      ++t.rowVersion;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存手续模板“%s”", t.name.c_str()));
  }
}

}  // namespace sb::storage
