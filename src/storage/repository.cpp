#include "storage/repository.h"

#include <soci/soci.h>

#include "core/error.h"
#include "storage/dialect.h"
#include "storage/embedded.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

namespace {

// ---- reading rows ----------------------------------------------------------------
// SOCI's sqlite3 backend reports INTEGER columns as int and BIGINT as long long; read
// both, so ids (INTEGER PRIMARY KEY) and money (BIGINT) come out as int64 alike.
int64_t I64(const soci::row& r, size_t i) { return RowInt64(r, i); }
std::string Str(const soci::row& r, size_t i) { return RowText(r, i); }

std::optional<Date> OptDate(const soci::row& r, size_t i) {
  std::string s = Str(r, i);
  if (s.empty()) return std::nullopt;
  return DateFromColumn(s, r.get_properties(i).get_name().c_str());
}

Date ReqDate(const soci::row& r, size_t i) {
  return DateFromColumn(Str(r, i), r.get_properties(i).get_name().c_str());
}

template <class E> E EnumCol(const soci::row& r, size_t i) {
  auto e = TryParseEnum<E>(Str(r, i));
  if (!e) Fail(ErrorCode::Database, "数据库中 " + r.get_properties(i).get_name() + " 的值“" + Str(r, i) + "”无效");
  return *e;
}

std::optional<Id> OptId(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return I64(r, i);
}

// ---- writing ----------------------------------------------------------------------
// Statement helpers that return the number of rows a write touched.
long long Affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

// A row-versioned update touched nothing: either the row is gone or someone changed it.
[[noreturn]] void VersionMismatch(Database& db, const char* table, Id id, const std::string& what) {
  int n = 0;
  Sql(db) << std::string("SELECT COUNT(*) FROM ") + table + " WHERE id = :id", use(id, "id"),
      into(n);
  if (n == 0) Fail(ErrorCode::NotFound, what + "不存在（可能已被删除）");
  Fail(ErrorCode::Conflict, what + "已被其他人修改，请刷新后重新编辑");
}

Id InsertReturningId(soci::statement& st, long long& id) { return dialect::ExecuteInsert(st, id); }

const char* kProjectCols =
    "p.id, p.code, p.name, p.school, p.township, p.stage, p.category, p.nature, "
    "p.floor_area_centi, p.planned_start, p.planned_finish, p.actual_start, p.actual_finish, "
    "p.status, p.note, p.row_version";
constexpr size_t kProjectColCount = 16;

Project ReadProject(const soci::row& r) {
  Project p;
  p.id = I64(r, 0);
  p.code = Str(r, 1);
  p.name = Str(r, 2);
  p.school = Str(r, 3);
  p.township = Str(r, 4);
  p.stage = EnumCol<Stage>(r, 5);
  p.category = EnumCol<BuildingCategory>(r, 6);
  p.nature = EnumCol<Nature>(r, 7);
  p.floorArea = Area::FromCenti(I64(r, 8));
  p.plannedStart = OptDate(r, 9);
  p.plannedFinish = OptDate(r, 10);
  p.actualStart = OptDate(r, 11);
  p.actualFinish = OptDate(r, 12);
  p.status = EnumCol<ProjectStatus>(r, 13);
  p.note = Str(r, 14);
  p.rowVersion = I64(r, 15);
  return p;
}

BudgetLine ReadBudgetLine(const soci::row& r) {
  BudgetLine b;
  b.id = I64(r, 0);
  b.projectId = I64(r, 1);
  b.category = EnumCol<CostCategory>(r, 2);
  b.amount = Money::FromFen(I64(r, 3));
  b.rowVersion = I64(r, 4);
  return b;
}
const char* kBudgetSelect =
    "SELECT id, project_id, cost_category, amount, row_version FROM budget_lines";

FundingSource ReadSource(const soci::row& r) {
  FundingSource s;
  s.id = I64(r, 0);
  s.code = Str(r, 1);
  s.name = Str(r, 2);
  s.kind = Str(r, 3);
  s.year = static_cast<int>(I64(r, 4));
  s.amount = Money::FromFen(I64(r, 5));
  s.docNo = Str(r, 6);
  s.eligible = CategorySet::Parse(Str(r, 7), CategorySet());
  s.note = Str(r, 8);
  s.rowVersion = I64(r, 9);
  return s;
}
const char* kSourceSelect =
    "SELECT id, code, name, kind, year, amount, doc_no, eligible, note, row_version "
    "FROM funding_sources";

template <class T> T ReadMoneyRow(const soci::row& r) {
  T a;
  a.id = I64(r, 0);
  a.projectId = I64(r, 1);
  a.sourceId = I64(r, 2);
  a.amount = Money::FromFen(I64(r, 3));
  a.date = ReqDate(r, 4);
  a.note = Str(r, 5);
  a.rowVersion = I64(r, 6);
  return a;
}
const char* kAllocationSelect =
    "SELECT id, project_id, source_id, amount, date, note, row_version FROM allocations";
const char* kReceiptSelect =
    "SELECT id, project_id, source_id, amount, date, note, row_version FROM receipts";

ProcedureStep ReadStep(const soci::row& r) {
  ProcedureStep s;
  s.id = I64(r, 0);
  s.projectId = I64(r, 1);
  s.templateId = I64(r, 2);
  s.status = EnumCol<StepStatus>(r, 3);
  s.plannedDate = OptDate(r, 4);
  s.doneDate = OptDate(r, 5);
  s.docNo = Str(r, 6);
  s.note = Str(r, 7);
  s.rowVersion = I64(r, 8);
  return s;
}
const char* kStepSelect =
    "SELECT id, project_id, template_id, status, planned_date, done_date, doc_no, note, "
    "row_version FROM procedure_steps";

ProgressEntry ReadProgress(const soci::row& r) {
  ProgressEntry e;
  e.id = I64(r, 0);
  e.projectId = I64(r, 1);
  e.month = YearMonth::Parse(Str(r, 2));
  e.percent = Percent::FromTenths(I64(r, 3));
  e.invested = Money::FromFen(I64(r, 4));
  e.description = Str(r, 5);
  e.problems = Str(r, 6);
  e.nextSteps = Str(r, 7);
  e.rowVersion = I64(r, 8);
  return e;
}
const char* kProgressSelect =
    "SELECT id, project_id, month, percent_tenths, invested, description, problems, "
    "next_steps, row_version FROM progress_entries";

Contract ReadContract(const soci::row& r) {
  Contract c;
  c.id = I64(r, 0);
  c.code = Str(r, 1);
  c.projectId = I64(r, 2);
  c.kind = EnumCol<ContractKind>(r, 3);
  c.counterparty = Str(r, 4);
  c.amount = Money::FromFen(I64(r, 5));
  c.signedDate = OptDate(r, 6);
  c.advanceRate = Rate::FromBasisPoints(I64(r, 7));
  c.retentionRate = Rate::FromBasisPoints(I64(r, 8));
  c.note = Str(r, 9);
  c.rowVersion = I64(r, 10);
  return c;
}
const char* kContractSelect =
    "SELECT id, code, project_id, kind, counterparty, amount, signed_date, advance_bp, "
    "retention_bp, note, row_version FROM contracts";

Payment ReadPayment(const soci::row& r) {
  Payment p;
  p.id = I64(r, 0);
  p.projectId = I64(r, 1);
  p.contractId = OptId(r, 2);
  p.sourceId = I64(r, 3);
  p.category = EnumCol<CostCategory>(r, 4);
  p.date = ReqDate(r, 5);
  p.amount = Money::FromFen(I64(r, 6));
  p.kind = EnumCol<PaymentKind>(r, 7);
  p.voucher = Str(r, 8);
  p.payee = Str(r, 9);
  p.reversesId = OptId(r, 10);
  p.note = Str(r, 11);
  return p;
}
const char* kPaymentSelect =
    "SELECT id, project_id, contract_id, source_id, cost_category, date, amount, kind, "
    "voucher, payee, reverses_id, note FROM payments";

FundKind ReadFundKind(const soci::row& r) {
  FundKind k;
  k.name = Str(r, 0);
  k.level = EnumCol<SourceLevel>(r, 1);
  k.defaultEligible = CategorySet::Parse(Str(r, 2), CategorySet());
  k.sortOrder = static_cast<int>(I64(r, 3));
  k.note = Str(r, 4);
  k.rowVersion = I64(r, 5);
  return k;
}

ProcedureTemplateStep ReadTemplateStep(const soci::row& r) {
  ProcedureTemplateStep t;
  t.id = I64(r, 0);
  t.order = static_cast<int>(I64(r, 1));
  t.name = Str(r, 2);
  t.issuer = Str(r, 3);
  t.requiredBeforeStart = I64(r, 4) != 0;
  t.note = Str(r, 5);
  t.rowVersion = I64(r, 6);
  return t;
}

// Runs `query` (binding :id to `id` when id is given) and reads every row with `read`.
template <class T, class Read>
std::vector<T> Query(Database& db, const std::string& query, Read read,
                     std::optional<Id> id = std::nullopt) {
  std::vector<T> out;
  long long bound = id.value_or(0);
  try {
    soci::rowset<soci::row> rows = id ? (Sql(db).prepare << query, use(bound, "id"))
                                      : (Sql(db).prepare << query);
    for (const auto& r : rows) out.push_back(read(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取数据");
  }
  return out;
}

// SQL-side value holders: SOCI binds lvalues, so each write builds one of these.
struct ProjectBind {
  std::string stage, category, nature, status;
  long long area;
  OptText ps, pf, as, af;
  explicit ProjectBind(const Project& p)
      : stage(Name(p.stage)), category(Name(p.category)), nature(Name(p.nature)),
        status(Name(p.status)), area(p.floorArea.centi()), ps(DateText(p.plannedStart)),
        pf(DateText(p.plannedFinish)), as(DateText(p.actualStart)), af(DateText(p.actualFinish)) {}
};

}  // namespace

// ---- settings and reference data -------------------------------------------------

Settings LoadSettings(Database& db) {
  std::map<std::string, std::string> values;
  for (auto& kv : Query<std::pair<std::string, std::string>>(
           db, "SELECT key, value FROM settings",
           [](const soci::row& r) { return std::make_pair(Str(r, 0), Str(r, 1)); }))
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
    Rethrow(db, e, "保存设置 " + key);
  }
}

std::vector<FundKind> FundKinds(Database& db) {
  return Query<FundKind>(db,
                         "SELECT name, level, default_eligible, sort_order, note, row_version "
                         "FROM fund_kinds ORDER BY sort_order, name",
                         ReadFundKind);
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
      if (Affected(st) == 0) Fail(ErrorCode::Conflict, "来源类型“" + k.name + "”已被其他人修改");
      ++k.rowVersion;
    } else {
      sql << "INSERT INTO fund_kinds (name, level, default_eligible, sort_order, note) "
             "VALUES (:n, :l, :e, :o, :note)",
          use(k.name, "n"), use(level, "l"), use(elig, "e"), use(order, "o"), use(k.note, "note");
      k.rowVersion = 1;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, "保存来源类型“" + k.name + "”");
  }
}

std::vector<ProcedureTemplateStep> ProcedureTemplate(Database& db) {
  return Query<ProcedureTemplateStep>(
      db,
      "SELECT id, step_order, name, issuer, required_before_start, note, row_version "
      "FROM procedure_template ORDER BY step_order",
      ReadTemplateStep);
}

void SaveTemplateStep(Database& db, ProcedureTemplateStep& t) {
  Check(t);
  try {
    auto& sql = Sql(db);
    long long order = t.order, req = t.requiredBeforeStart ? 1 : 0;
    if (t.id == 0) {
      long long id = 0;
      soci::statement st =
          (sql.prepare << std::string("INSERT INTO procedure_template (step_order, name, issuer, "
                          "required_before_start, note) VALUES (:o, :n, :i, :r, :note)") + dialect::kReturningId,
           use(order, "o"), use(t.name, "n"), use(t.issuer, "i"), use(req, "r"),
           use(t.note, "note"), into(id));
      t.id = InsertReturningId(st, id);
      t.rowVersion = 1;
    } else {
      long long id = t.id, rv = t.rowVersion;
      soci::statement st =
          (sql.prepare << "UPDATE procedure_template SET step_order = :o, name = :n, issuer = :i, "
                          "required_before_start = :r, note = :note, row_version = row_version + 1 "
                          "WHERE id = :id AND row_version = :rv",
           use(order, "o"), use(t.name, "n"), use(t.issuer, "i"), use(req, "r"),
           use(t.note, "note"), use(id, "id"), use(rv, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "procedure_template", t.id, "手续“" + t.name + "”");
      ++t.rowVersion;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, "保存手续模板“" + t.name + "”");
  }
}

// ---- projects ---------------------------------------------------------------------

std::vector<ProjectSummary> ProjectSummaries(Database& db) {
  std::string q = std::string("SELECT ") + kProjectCols +
                  ", COALESCE(b.total, 0), COALESCE(a.total, 0), COALESCE(r.total, 0), "
                  "COALESCE(pay.total, 0), g.percent_tenths, g.month "
                  "FROM projects p "
                  "LEFT JOIN (SELECT project_id, SUM(amount) AS total FROM budget_lines "
                  "GROUP BY project_id) b ON b.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, SUM(amount) AS total FROM allocations "
                  "GROUP BY project_id) a ON a.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, SUM(amount) AS total FROM receipts "
                  "GROUP BY project_id) r ON r.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, SUM(amount) AS total FROM payments "
                  "GROUP BY project_id) pay ON pay.project_id = p.id "
                  "LEFT JOIN progress_entries g ON g.project_id = p.id AND g.month = "
                  "(SELECT MAX(m.month) FROM progress_entries m WHERE m.project_id = p.id) "
                  "ORDER BY p.code";
  return Query<ProjectSummary>(db, q, [](const soci::row& r) {
    ProjectSummary s;
    s.project = ReadProject(r);
    size_t k = kProjectColCount;
    s.budget = Money::FromFen(I64(r, k));
    s.committed = Money::FromFen(I64(r, k + 1));
    s.received = Money::FromFen(I64(r, k + 2));
    s.paid = Money::FromFen(I64(r, k + 3));
    if (r.get_indicator(k + 4) != soci::i_null) {
      s.percent = Percent::FromTenths(I64(r, k + 4));
      s.percentMonth = YearMonth::Parse(Str(r, k + 5));
    }
    return s;
  });
}

std::optional<Project> FindProjectByCode(Database& db, const std::string& code) {
  std::vector<Project> v;
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << std::string("SELECT ") + kProjectCols +
                                     " FROM projects p WHERE p.code = :c",
         use(code, "c"));
    for (const auto& r : rows) v.push_back(ReadProject(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "查找项目 " + code);
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

Project ProjectById(Database& db, Id id) {
  auto v = Query<Project>(db, std::string("SELECT ") + kProjectCols + " FROM projects p WHERE p.id = :id",
                          ReadProject, id);
  if (v.empty()) Fail(ErrorCode::NotFound, "项目不存在（编号 " + std::to_string(id) + "）");
  return v.front();
}

Id InsertProject(Database& db, Project& p) {
  Check(p);
  try {
    ProjectBind b(p);
    long long id = 0;
    soci::statement st =
        (Sql(db).prepare
             << std::string("INSERT INTO projects (code, name, school, township, stage, category, nature, "
                "floor_area_centi, planned_start, planned_finish, actual_start, actual_finish, "
                "status, note) VALUES (:code, :name, :school, :township, :stage, :category, "
                ":nature, :area, :ps, :pf, :as, :af, :status, :note)") + dialect::kReturningId,
         use(p.code, "code"), use(p.name, "name"), use(p.school, "school"),
         use(p.township, "township"), use(b.stage, "stage"), use(b.category, "category"),
         use(b.nature, "nature"), use(b.area, "area"), use(b.ps.value, b.ps.ind, "ps"),
         use(b.pf.value, b.pf.ind, "pf"), use(b.as.value, b.as.ind, "as"),
         use(b.af.value, b.af.ind, "af"), use(b.status, "status"), use(p.note, "note"),
         into(id));
    p.id = InsertReturningId(st, id);
    p.rowVersion = 1;
    return p.id;
  } catch (const std::exception& e) {
    RethrowProjectSave(db, e, p);
  }
}

void UpdateProject(Database& db, Project& p) {
  Check(p);
  try {
    ProjectBind b(p);
    long long id = p.id, rv = p.rowVersion;
    soci::statement st =
        (Sql(db).prepare
             << "UPDATE projects SET code = :code, name = :name, school = :school, "
                "township = :township, stage = :stage, category = :category, nature = :nature, "
                "floor_area_centi = :area, planned_start = :ps, planned_finish = :pf, "
                "actual_start = :as, actual_finish = :af, status = :status, note = :note, "
                "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
         use(p.code, "code"), use(p.name, "name"), use(p.school, "school"),
         use(p.township, "township"), use(b.stage, "stage"), use(b.category, "category"),
         use(b.nature, "nature"), use(b.area, "area"), use(b.ps.value, b.ps.ind, "ps"),
         use(b.pf.value, b.pf.ind, "pf"), use(b.as.value, b.as.ind, "as"),
         use(b.af.value, b.af.ind, "af"), use(b.status, "status"), use(p.note, "note"),
         use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "projects", p.id, "项目“" + p.code + "”");
    ++p.rowVersion;
  } catch (const std::exception& e) {
    RethrowProjectSave(db, e, p);
  }
}

void DeleteProject(Database& db, Id id, int64_t rowVersion) {
  try {
    long long pid = id, rv = rowVersion;
    int money = 0;
    Sql(db) << "SELECT (SELECT COUNT(*) FROM allocations WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM receipts WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM contracts WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM payments WHERE project_id = :id)",
        use(pid, "id"), into(money);
    if (money > 0)
      Fail(ErrorCode::Refused, "该项目已有资金下达、到位、合同或拨付记录，不能删除");
    soci::statement st = (Sql(db).prepare
                              << "DELETE FROM projects WHERE id = :id AND row_version = :rv",
                          use(pid, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "projects", id, "项目");
  } catch (const std::exception& e) {
    Rethrow(db, e, "删除项目");
  }
}

ProjectFile LoadProjectFile(Database& db, Id projectId) {
  ProjectFile f;
  f.project = ProjectById(db, projectId);
  std::string where = " WHERE project_id = :id";
  f.budgetLines = Query<BudgetLine>(db, kBudgetSelect + where + " ORDER BY cost_category",
                                    ReadBudgetLine, projectId);
  std::sort(f.budgetLines.begin(), f.budgetLines.end(),
            [](auto& a, auto& b) { return a.category < b.category; });
  f.allocations = Query<Allocation>(db, kAllocationSelect + where + " ORDER BY date, id",
                                    ReadMoneyRow<Allocation>, projectId);
  f.receipts = Query<Receipt>(db, kReceiptSelect + where + " ORDER BY date, id",
                              ReadMoneyRow<Receipt>, projectId);
  auto stored = Query<ProcedureStep>(db, kStepSelect + where, ReadStep, projectId);
  for (const auto& t : ProcedureTemplate(db)) {
    ProcedureStep s;
    s.projectId = projectId;
    s.templateId = t.id;
    for (const auto& st : stored)
      if (st.templateId == t.id) s = st;
    f.procedureSteps.push_back(s);
  }
  f.progress = Query<ProgressEntry>(db, kProgressSelect + where + " ORDER BY month",
                                    ReadProgress, projectId);
  f.contracts = Query<Contract>(db, kContractSelect + where + " ORDER BY code", ReadContract,
                                projectId);
  f.payments = PaymentsByProject(db, projectId);
  return f;
}

// ---- budget, sources, allocations, receipts ---------------------------------------

void SaveBudgetLine(Database& db, BudgetLine& line) {
  Check(line);
  try {
    auto& sql = Sql(db);
    std::string cat(Name(line.category));
    long long pid = line.projectId, amount = line.amount.fen();
    long long existing = 0, rv = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, row_version FROM budget_lines WHERE project_id = :p AND cost_category = :c",
        use(pid, "p"), use(cat, "c"), into(existing, ind), into(rv);
    if (ind == soci::i_ok) {
      // A line read before (rowVersion > 0) must still be the version the user saw.
      long long expect = line.rowVersion > 0 ? line.rowVersion : rv;
      soci::statement st = (sql.prepare << "UPDATE budget_lines SET amount = :a, "
                                           "row_version = row_version + 1 "
                                           "WHERE id = :id AND row_version = :rv",
                            use(amount, "a"), use(existing, "id"), use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "budget_lines", existing, "概算“" + cat + "”");
      line.id = existing;
      line.rowVersion = expect + 1;
    } else {
      long long id = 0;
      soci::statement st = (sql.prepare << std::string("INSERT INTO budget_lines (project_id, cost_category, "
                                           "amount) VALUES (:p, :c, :a)") + dialect::kReturningId,
                            use(pid, "p"), use(cat, "c"), use(amount, "a"), into(id));
      line.id = InsertReturningId(st, id);
      line.rowVersion = 1;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, "保存概算");
  }
}

std::vector<BudgetLine> BudgetLinesByProject(Database& db, Id projectId) {
  return Query<BudgetLine>(db, std::string(kBudgetSelect) + " WHERE project_id = :id",
                           ReadBudgetLine, projectId);
}

std::vector<FundingSource> FundingSources(Database& db) {
  return Query<FundingSource>(db, std::string(kSourceSelect) + " ORDER BY code", ReadSource);
}

std::optional<FundingSource> FindSourceByCode(Database& db, const std::string& code) {
  for (auto& s : FundingSources(db))
    if (s.code == code) return s;
  return std::nullopt;
}

namespace {
struct SourceBind {
  long long year, amount;
  std::string eligible;
  explicit SourceBind(const FundingSource& s)
      : year(s.year), amount(s.amount.fen()), eligible(s.eligible.Format()) {}
};
}  // namespace

Id InsertSource(Database& db, FundingSource& s) {
  Check(s);
  try {
    SourceBind b(s);
    long long id = 0;
    soci::statement st =
        (Sql(db).prepare << std::string("INSERT INTO funding_sources (code, name, kind, year, amount, "
                                 "doc_no, eligible, note) VALUES (:code, :name, :kind, :year, "
                                 ":amount, :doc, :elig, :note)") + dialect::kReturningId,
         use(s.code, "code"), use(s.name, "name"), use(s.kind, "kind"), use(b.year, "year"),
         use(b.amount, "amount"), use(s.docNo, "doc"), use(b.eligible, "elig"),
         use(s.note, "note"), into(id));
    s.id = InsertReturningId(st, id);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    RethrowSourceSave(db, e, s);
  }
}

void UpdateSource(Database& db, FundingSource& s) {
  Check(s);
  try {
    SourceBind b(s);
    long long id = s.id, rv = s.rowVersion;
    soci::statement st =
        (Sql(db).prepare << "UPDATE funding_sources SET code = :code, name = :name, "
                                 "kind = :kind, year = :year, amount = :amount, doc_no = :doc, "
                                 "eligible = :elig, note = :note, row_version = row_version + 1 "
                                 "WHERE id = :id AND row_version = :rv",
         use(s.code, "code"), use(s.name, "name"), use(s.kind, "kind"), use(b.year, "year"),
         use(b.amount, "amount"), use(s.docNo, "doc"), use(b.eligible, "elig"),
         use(s.note, "note"), use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "funding_sources", s.id, "资金来源“" + s.code + "”");
    ++s.rowVersion;
  } catch (const std::exception& e) {
    RethrowSourceSave(db, e, s);
  }
}

namespace {
template <class T>
Id InsertMoneyRow(Database& db, T& a, const char* table, const char* what) {
  Check(a);
  try {
    long long pid = a.projectId, sid = a.sourceId, amount = a.amount.fen(), id = 0;
    std::string date = FormatDate(a.date);
    soci::statement st =
        (Sql(db).prepare << std::string("INSERT INTO ") + table +
                                     " (project_id, source_id, amount, date, note) VALUES "
                                     "(:p, :s, :a, :d, :n)" + dialect::kReturningId,
         use(pid, "p"), use(sid, "s"), use(amount, "a"), use(date, "d"), use(a.note, "n"),
         into(id));
    a.id = InsertReturningId(st, id);
    a.rowVersion = 1;
    return a.id;
  } catch (const std::exception& e) {
    Rethrow(db, e, std::string("保存") + what);
  }
}

template <class T> void UpdateMoneyRow(Database& db, T& a, const char* table, const char* what) {
  Check(a);
  try {
    long long pid = a.projectId, sid = a.sourceId, amount = a.amount.fen(), id = a.id,
              rv = a.rowVersion;
    std::string date = FormatDate(a.date);
    soci::statement st =
        (Sql(db).prepare << std::string("UPDATE ") + table +
                                     " SET project_id = :p, source_id = :s, amount = :a, "
                                     "date = :d, note = :n, row_version = row_version + 1 "
                                     "WHERE id = :id AND row_version = :rv",
         use(pid, "p"), use(sid, "s"), use(amount, "a"), use(date, "d"), use(a.note, "n"),
         use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, table, a.id, what);
    ++a.rowVersion;
  } catch (const std::exception& e) {
    Rethrow(db, e, std::string("保存") + what);
  }
}

void DeleteVersioned(Database& db, const char* table, Id id, int64_t rowVersion, const char* what) {
  try {
    long long i = id, rv = rowVersion;
    soci::statement st = (Sql(db).prepare << std::string("DELETE FROM ") + table +
                                                      " WHERE id = :id AND row_version = :rv",
                          use(i, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, table, id, what);
  } catch (const std::exception& e) {
    Rethrow(db, e, std::string("删除") + what);
  }
}
}  // namespace

Id InsertAllocation(Database& db, Allocation& a) { return InsertMoneyRow(db, a, "allocations", "资金下达"); }
void UpdateAllocation(Database& db, Allocation& a) { UpdateMoneyRow(db, a, "allocations", "资金下达"); }
void DeleteAllocation(Database& db, Id id, int64_t rv) { DeleteVersioned(db, "allocations", id, rv, "资金下达"); }
Id InsertReceipt(Database& db, Receipt& r) { return InsertMoneyRow(db, r, "receipts", "资金到位"); }
void UpdateReceipt(Database& db, Receipt& r) { UpdateMoneyRow(db, r, "receipts", "资金到位"); }
void DeleteReceipt(Database& db, Id id, int64_t rv) { DeleteVersioned(db, "receipts", id, rv, "资金到位"); }

// ---- procedures and progress ------------------------------------------------------

void SaveProcedureStep(Database& db, ProcedureStep& s) {
  Check(s);
  try {
    auto& sql = Sql(db);
    long long pid = s.projectId, tid = s.templateId, existing = 0, rv = 0;
    std::string status(Name(s.status));
    OptText planned(DateText(s.plannedDate)), done(DateText(s.doneDate));
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, row_version FROM procedure_steps WHERE project_id = :p AND template_id = :t",
        use(pid, "p"), use(tid, "t"), into(existing, ind), into(rv);
    if (ind == soci::i_ok) {
      long long expect = s.rowVersion > 0 ? s.rowVersion : rv;
      soci::statement st =
          (sql.prepare << "UPDATE procedure_steps SET status = :s, planned_date = :pd, "
                          "done_date = :dd, doc_no = :doc, note = :n, row_version = row_version + 1 "
                          "WHERE id = :id AND row_version = :rv",
           use(status, "s"), use(planned.value, planned.ind, "pd"), use(done.value, done.ind, "dd"),
           use(s.docNo, "doc"), use(s.note, "n"), use(existing, "id"), use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "procedure_steps", existing, "前期手续");
      s.id = existing;
      s.rowVersion = expect + 1;
    } else {
      long long id = 0;
      soci::statement st =
          (sql.prepare << std::string("INSERT INTO procedure_steps (project_id, template_id, status, "
                          "planned_date, done_date, doc_no, note) VALUES (:p, :t, :s, :pd, :dd, "
                          ":doc, :n)") + dialect::kReturningId,
           use(pid, "p"), use(tid, "t"), use(status, "s"), use(planned.value, planned.ind, "pd"),
           use(done.value, done.ind, "dd"), use(s.docNo, "doc"), use(s.note, "n"), into(id));
      s.id = InsertReturningId(st, id);
      s.rowVersion = 1;
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, "保存前期手续");
  }
}

void SaveProgress(Database& db, ProgressEntry& e) {
  Check(e);
  try {
    auto& sql = Sql(db);
    long long pid = e.projectId, pct = e.percent.tenths(), inv = e.invested.fen(), existing = 0,
              rv = 0;
    std::string month = e.month.Format();
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, row_version FROM progress_entries WHERE project_id = :p AND month = :m",
        use(pid, "p"), use(month, "m"), into(existing, ind), into(rv);
    if (ind == soci::i_ok) {
      long long expect = e.rowVersion > 0 ? e.rowVersion : rv;
      soci::statement st =
          (sql.prepare << "UPDATE progress_entries SET percent_tenths = :pct, invested = :inv, "
                          "description = :d, problems = :pr, next_steps = :ns, "
                          "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
           use(pct, "pct"), use(inv, "inv"), use(e.description, "d"), use(e.problems, "pr"),
           use(e.nextSteps, "ns"), use(existing, "id"), use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "progress_entries", existing, "进度 " + month);
      e.id = existing;
      e.rowVersion = expect + 1;
    } else {
      long long id = 0;
      soci::statement st =
          (sql.prepare << std::string("INSERT INTO progress_entries (project_id, month, percent_tenths, "
                          "invested, description, problems, next_steps) VALUES (:p, :m, :pct, "
                          ":inv, :d, :pr, :ns)") + dialect::kReturningId,
           use(pid, "p"), use(month, "m"), use(pct, "pct"), use(inv, "inv"),
           use(e.description, "d"), use(e.problems, "pr"), use(e.nextSteps, "ns"), into(id));
      e.id = InsertReturningId(st, id);
      e.rowVersion = 1;
    }
  } catch (const std::exception& ex) {
    Rethrow(db, ex, "保存进度");
  }
}

// ---- contracts and payments -------------------------------------------------------

std::optional<Contract> FindContractByCode(Database& db, const std::string& code) {
  std::vector<Contract> v;
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << std::string(kContractSelect) + " WHERE code = :c", use(code, "c"));
    for (const auto& r : rows) v.push_back(ReadContract(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "查找合同 " + code);
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

namespace {
struct ContractBind {
  std::string kind;
  long long pid, amount, adv, ret;
  OptText signedDate;
  explicit ContractBind(const Contract& c)
      : kind(Name(c.kind)), pid(c.projectId), amount(c.amount.fen()),
        adv(c.advanceRate.basisPoints()), ret(c.retentionRate.basisPoints()),
        signedDate(DateText(c.signedDate)) {}
};
}  // namespace

Id InsertContract(Database& db, Contract& c) {
  Check(c);
  try {
    ContractBind b(c);
    long long id = 0;
    soci::statement st =
        (Sql(db).prepare << std::string("INSERT INTO contracts (code, project_id, kind, counterparty, "
                                 "amount, signed_date, advance_bp, retention_bp, note) VALUES "
                                 "(:code, :p, :k, :cp, :a, :sd, :adv, :ret, :n)") + dialect::kReturningId,
         use(c.code, "code"), use(b.pid, "p"), use(b.kind, "k"), use(c.counterparty, "cp"),
         use(b.amount, "a"), use(b.signedDate.value, b.signedDate.ind, "sd"), use(b.adv, "adv"),
         use(b.ret, "ret"), use(c.note, "n"), into(id));
    c.id = InsertReturningId(st, id);
    c.rowVersion = 1;
    return c.id;
  } catch (const std::exception& e) {
    RethrowContractSave(db, e, c);
  }
}

void UpdateContract(Database& db, Contract& c) {
  Check(c);
  try {
    ContractBind b(c);
    long long id = c.id, rv = c.rowVersion;
    soci::statement st =
        (Sql(db).prepare << "UPDATE contracts SET code = :code, project_id = :p, kind = :k, "
                                 "counterparty = :cp, amount = :a, signed_date = :sd, "
                                 "advance_bp = :adv, retention_bp = :ret, note = :n, "
                                 "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
         use(c.code, "code"), use(b.pid, "p"), use(b.kind, "k"), use(c.counterparty, "cp"),
         use(b.amount, "a"), use(b.signedDate.value, b.signedDate.ind, "sd"), use(b.adv, "adv"),
         use(b.ret, "ret"), use(c.note, "n"), use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "contracts", c.id, "合同“" + c.code + "”");
    ++c.rowVersion;
  } catch (const std::exception& e) {
    RethrowContractSave(db, e, c);
  }
}

Id InsertPayment(Database& db, Payment& p) {
  Check(p);
  try {
    auto& sql = Sql(db);
    if (p.contractId) {
      long long cid = *p.contractId, owner = 0;
      soci::indicator ind = soci::i_null;
      sql << "SELECT project_id FROM contracts WHERE id = :c", use(cid, "c"), into(owner, ind);
      if (ind != soci::i_ok) Fail(ErrorCode::NotFound, "拨付引用的合同不存在");
      if (owner != p.projectId) Fail(ErrorCode::InvalidInput, "合同不属于该项目，不能在此项目下拨付");
    }
    if (p.reversesId) {
      auto orig = Query<Payment>(db, std::string(kPaymentSelect) + " WHERE id = :id", ReadPayment,
                                 *p.reversesId);
      if (orig.empty()) Fail(ErrorCode::NotFound, "要冲销的拨付不存在");
      const Payment& o = orig.front();
      if (o.reversesId) Fail(ErrorCode::Refused, "冲销记录本身不能再冲销");
      if (o.projectId != p.projectId || o.sourceId != p.sourceId || o.contractId != p.contractId ||
          o.category != p.category || p.amount != -o.amount)
        Fail(ErrorCode::InvalidInput, "冲销记录必须与原拨付的项目、合同、资金来源、费用类别和金额（取负）一致");
    }
    long long pid = p.projectId, sid = p.sourceId, amount = p.amount.fen(), id = 0;
    long long cid = p.contractId.value_or(0), rid = p.reversesId.value_or(0);
    soci::indicator cind = p.contractId ? soci::i_ok : soci::i_null;
    soci::indicator rind = p.reversesId ? soci::i_ok : soci::i_null;
    std::string cat(Name(p.category)), kind(Name(p.kind)), date = FormatDate(p.date);
    soci::statement st =
        (sql.prepare << std::string("INSERT INTO payments (project_id, contract_id, source_id, cost_category, "
                        "date, amount, kind, voucher, payee, reverses_id, note) VALUES (:p, :c, :s, "
                        ":cat, :d, :a, :k, :v, :payee, :r, :n)") + dialect::kReturningId,
         use(pid, "p"), use(cid, cind, "c"), use(sid, "s"), use(cat, "cat"), use(date, "d"),
         use(amount, "a"), use(kind, "k"), use(p.voucher, "v"), use(p.payee, "payee"),
         use(rid, rind, "r"), use(p.note, "n"), into(id));
    p.id = InsertReturningId(st, id);
    return p.id;
  } catch (const std::exception& e) {
    RethrowPaymentSave(db, e, p);
  }
}

Id ReversePayment(Database& db, Id id, Date date, const std::string& voucher,
                  const std::string& note) {
  auto orig = Query<Payment>(db, std::string(kPaymentSelect) + " WHERE id = :id", ReadPayment, id);
  if (orig.empty()) Fail(ErrorCode::NotFound, "要冲销的拨付不存在");
  // Checked here, before the copy is negated: a reversal's negative copy would be positive
  // and fail Check() with a message about the sign instead of the real reason.
  if (orig.front().reversesId) Fail(ErrorCode::Refused, "冲销记录本身不能再冲销");
  Payment r = orig.front();
  r.id = 0;
  r.reversesId = id;
  r.amount = -orig.front().amount;
  r.date = date;
  r.voucher = voucher;
  r.note = note.empty() ? "红字冲销 " + orig.front().voucher : note;
  return InsertPayment(db, r);
}

std::vector<Payment> PaymentsByProject(Database& db, Id projectId) {
  return Query<Payment>(db, std::string(kPaymentSelect) + " WHERE project_id = :id ORDER BY date, id",
                        ReadPayment, projectId);
}

// ---- everything at once -----------------------------------------------------------

Portfolio LoadPortfolio(Database& db) {
  Portfolio p;
  p.settings = LoadSettings(db);
  p.fundKinds = FundKinds(db);
  p.procedureTemplate = ProcedureTemplate(db);
  p.projects = Query<Project>(db, std::string("SELECT ") + kProjectCols + " FROM projects p ORDER BY p.code",
                              ReadProject);
  p.budgetLines = Query<BudgetLine>(db, std::string(kBudgetSelect) + " ORDER BY project_id, id",
                                    ReadBudgetLine);
  p.sources = FundingSources(db);
  p.allocations = Query<Allocation>(db, std::string(kAllocationSelect) + " ORDER BY id",
                                    ReadMoneyRow<Allocation>);
  p.receipts = Query<Receipt>(db, std::string(kReceiptSelect) + " ORDER BY id", ReadMoneyRow<Receipt>);
  p.procedureSteps = Query<ProcedureStep>(db, std::string(kStepSelect) + " ORDER BY project_id, template_id",
                                          ReadStep);
  p.progress = Query<ProgressEntry>(db, std::string(kProgressSelect) + " ORDER BY project_id, month",
                                    ReadProgress);
  p.contracts = Query<Contract>(db, std::string(kContractSelect) + " ORDER BY code", ReadContract);
  p.payments = Query<Payment>(db, std::string(kPaymentSelect) + " ORDER BY id", ReadPayment);
  p.Reindex();
  return p;
}

bool IsEmpty(Database& db) {
  int n = 0;
  Sql(db) << "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM funding_sources)",
      into(n);
  return n == 0;
}

void LoadDemo(Database& db) {
  if (!IsEmpty(db))
    Fail(ErrorCode::Refused, "数据库 " + db.path() + " 已有项目或资金来源，不能再装入演示数据");
  for (const auto& f : EmbeddedFiles()) {
    if (f.name != "demo.sql") continue;
    WriteTransaction tx(db);
    ExecScript(Sql(db), std::string(f.text), "装入演示数据");
    tx.Commit();
    return;
  }
  Fail(ErrorCode::NotFound, "程序中缺少演示数据");
}

}  // namespace sb::storage
