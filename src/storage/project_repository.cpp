// Projects and what hangs on one project: budget lines, procedure steps, progress.
#include "storage/repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/error.h"
#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/inserts.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

namespace {

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

// ---- projects ----------------------------------------------------------------------

std::vector<ProjectSummary> ProjectSummaries(Database& db) {
  std::string q = std::string("SELECT ") + kProjectColumns +
                  ", COALESCE(b.total, 0), COALESCE(a.total, 0), COALESCE(r.total, 0), "
                  "COALESCE(pay.total, 0), g.percent_tenths, g.month "
                  "FROM projects p "
                  "LEFT JOIN (SELECT project_id, CAST(SUM(amount) AS BIGINT) AS total FROM budget_lines "
                  "GROUP BY project_id) b ON b.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, CAST(SUM(amount) AS BIGINT) AS total FROM allocations "
                  "GROUP BY project_id) a ON a.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, CAST(SUM(amount) AS BIGINT) AS total FROM receipts "
                  "GROUP BY project_id) r ON r.project_id = p.id "
                  "LEFT JOIN (SELECT project_id, CAST(SUM(amount) AS BIGINT) AS total FROM payment_groups "
                  "GROUP BY project_id) pay ON pay.project_id = p.id "
                  "LEFT JOIN progress_entries g ON g.project_id = p.id AND g.month = "
                  "(SELECT MAX(m.month) FROM progress_entries m WHERE m.project_id = p.id) "
                  "ORDER BY p.code";
  return Query<ProjectSummary>(db, q, [](const Row& r) {
    ProjectSummary s;
    s.project = ReadProject(r);
    size_t k = kProjectColumnCount;
    s.budget = Money::FromFen(r.Int(k));
    s.committed = Money::FromFen(r.Int(k + 1));
    s.received = Money::FromFen(r.Int(k + 2));
    s.paid = Money::FromFen(r.Int(k + 3));
    if (!r.IsNull(k + 4)) {
      s.percent = Percent::FromTenths(r.Int(k + 4));
      s.percentMonth = YearMonth::Parse(r.Text(k + 5));
    }
    return s;
  });
}

size_t ProjectCount(Database& db) {
  long long n = 0;
  try {
    Sql(db) << "SELECT COUNT(*) FROM projects", soci::into(n);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取项目"));
  }
  return static_cast<size_t>(n);
}

std::optional<Project> FindProjectByCode(Database& db, const std::string& code) {
  std::vector<Project> v;
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << std::string("SELECT ") + kProjectColumns +
                                     " FROM projects p WHERE p.code = :c",
         use(code, "c"));
    for (const auto& r : rows) v.push_back(ReadProject(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("查找项目 %s", code.c_str()));
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

namespace {
[[noreturn]] void ProjectNotFound(Id id) {
  Fail(ErrorCode::NotFound, Tr("项目不存在（编号 %lld）", static_cast<long long>(id)));
}
}  // namespace

Project ProjectById(Database& db, Id id) {
  auto v = Query<Project>(db, ProjectByIdQuery(), ReadProject, id);
  if (v.empty()) ProjectNotFound(id);
  return v.front();
}

Id InsertProject(Database& db, Project& p) {
  Check(p);
  return Inserts(db).Insert(p);
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
                "programme = :programme, county_code = COALESCE(NULLIF(:county, ''), county_code), "
                "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
         use(p.code, "code"), use(p.name, "name"), use(p.school, "school"),
         use(p.township, "township"), use(b.stage, "stage"), use(b.category, "category"),
         use(b.nature, "nature"), use(b.area, "area"), use(b.ps.value, b.ps.ind, "ps"),
         use(b.pf.value, b.pf.ind, "pf"), use(b.as.value, b.as.ind, "as"),
         use(b.af.value, b.af.ind, "af"), use(b.status, "status"), use(p.note, "note"),
         use(p.programme, "programme"), use(p.countyCode, "county"), use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "projects", p.id, Tr("项目“%s”", p.code.c_str()));
    ++p.rowVersion;
  } catch (const std::exception& e) {
    RethrowProjectSave(db, e, p);
  }
}

bool ProjectHasMoneyRows(Database& db, Id id) {
  long long pid = id;
  int money = 0;
  try {
    Sql(db) << "SELECT (SELECT COUNT(*) FROM allocations WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM receipts WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM contracts WHERE project_id = :id) + "
                    "(SELECT COUNT(*) FROM payments WHERE project_id = :id)",
        use(pid, "id"), into(money);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取项目的资金记录"));
  }
  return money > 0;
}

void DeleteProject(Database& db, Id id, int64_t rowVersion) {
  try {
    long long pid = id, rv = rowVersion;
    if (ProjectHasMoneyRows(db, id))
      Fail(ErrorCode::Refused, Tr("该项目已有资金下达、到位、合同或拨付记录，不能删除"));
    soci::statement st = (Sql(db).prepare
                              << "DELETE FROM projects WHERE id = :id AND row_version = :rv",
                          use(pid, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "projects", id, TrC("row", "项目"));
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("删除项目"));
  }
}

namespace {
// The reads of one project's file, to be sent with whatever else a caller reads beside it
// (one round trip to a server).
struct ProjectReads {
  ProjectFile file;
  std::vector<Project> project;
  std::vector<ProcedureStep> stored;
  std::vector<ProcedureTemplateStep> steps;  // the procedure template

  void Add(std::vector<RowRead>& reads) {
    const std::string where = " WHERE project_id = :id";
    auto add = [&](std::string query, auto& into, auto read) {
      reads.push_back({std::move(query), [&into, read](const Row& r) { into.push_back(read(r)); }});
    };
    add(ProjectByIdQuery(), project, ReadProject);
    add(kBudgetLineSelect + where + " ORDER BY cost_category", file.budgetLines, ReadBudgetLine);
    add(kAllocationSelect + where + " ORDER BY date, id", file.allocations, ReadAllocation);
    add(kReceiptSelect + where + " ORDER BY date, id", file.receipts, ReadReceipt);
    add(kProcedureStepSelect + where, stored, ReadProcedureStep);
    add(TemplateQuery(), steps, ReadTemplateStep);
    add(kProgressSelect + where + " ORDER BY month", file.progress, ReadProgress);
    add(kContractSelect + where + " ORDER BY code", file.contracts, ReadContract);
    add(PaymentsOfProjectQuery(), file.payments, ReadPayment);
  }

  ProjectFile Finish(Id projectId) {
    if (project.empty()) ProjectNotFound(projectId);
    file.project = project.front();
    std::sort(file.budgetLines.begin(), file.budgetLines.end(),
              [](auto& a, auto& b) { return a.category < b.category; });
    for (const auto& t : steps) {
      ProcedureStep s;
      s.projectId = projectId;
      s.templateId = t.id;
      for (const auto& st : stored)
        if (st.templateId == t.id) s = st;
      file.procedureSteps.push_back(s);
    }
    return std::move(file);
  }
};

void Read(Database& db, const std::vector<RowRead>& reads, const std::vector<RowParam>& params) {
  try {
    EachRows(db, reads, params);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取数据");
  }
}
}  // namespace

ProjectFile LoadProjectFile(Database& db, Id projectId) {
  ProjectReads p;
  std::vector<RowRead> reads;
  p.Add(reads);
  Read(db, reads, {RowParam{":id", "", projectId}});
  return p.Finish(projectId);
}

ProjectWithReference LoadProjectWithReference(Database& db, Id projectId, Id alsoSource) {
  ProjectReads p;
  std::vector<RowRead> reads;
  p.Add(reads);
  ProjectWithReference out;
  std::map<std::string, std::string> settings;
  reads.push_back({kSettingsQuery, [&](const Row& r) { settings.emplace(r.Text(0), r.Text(1)); }});
  reads.push_back({FundKindsQuery(), [&](const Row& r) { out.fundKinds.push_back(ReadFundKind(r)); }});
  // The sources the project's rows name, and the one of a row about to be added.
  reads.push_back({std::string(kFundingSourceSelect) +
                       " WHERE id = :also OR id IN (SELECT source_id FROM allocations WHERE project_id = :id "
                       "UNION SELECT source_id FROM receipts WHERE project_id = :id "
                       "UNION SELECT source_id FROM payments WHERE project_id = :id) ORDER BY code",
                   [&](const Row& r) { out.sources.push_back(ReadFundingSource(r)); }});
  Read(db, reads, {RowParam{":id", "", projectId}, RowParam{":also", "", alsoSource}});
  out.file = p.Finish(projectId);
  out.settings = Settings(std::move(settings));
  out.procedureTemplate = std::move(p.steps);
  return out;
}

// ---- budget lines ----------------------------------------------------------------

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
      if (Affected(st) == 0) VersionMismatch(db, "budget_lines", existing, Tr("概算“%s”", Tr(cat.c_str()).c_str()));
      line.id = existing;
      line.rowVersion = expect + 1;
    } else {
      Inserts(db).Insert(line);
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存概算"));
  }
}

std::vector<BudgetLine> BudgetLinesByProject(Database& db, Id projectId) {
  return Query<BudgetLine>(db, std::string(kBudgetLineSelect) + " WHERE project_id = :id",
                           ReadBudgetLine, projectId);
}

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
      long long extensions = s.extensions;
      soci::statement st =
          (sql.prepare << "UPDATE procedure_steps SET status = :s, planned_date = :pd, "
                          "done_date = :dd, doc_no = :doc, note = :n, extensions = :ext, "
                          "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
           use(status, "s"), use(planned.value, planned.ind, "pd"), use(done.value, done.ind, "dd"),
           use(s.docNo, "doc"), use(s.note, "n"), use(extensions, "ext"), use(existing, "id"),
           use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "procedure_steps", existing, TrC("row", "前期手续"));
      s.id = existing;
      s.rowVersion = expect + 1;
    } else {
      Inserts(db).Insert(s);
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("保存前期手续"));
  }
}

void SaveAnnualPlan(Database& db, AnnualPlan& a) {
  Check(a);
  try {
    auto& sql = Sql(db);
    long long pid = a.projectId, year = a.year, amount = a.amount.fen(), existing = 0, rv = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, row_version FROM annual_plans WHERE project_id = :p AND year = :y", use(pid, "p"),
        use(year, "y"), into(existing, ind), into(rv);
    if (ind == soci::i_ok) {
      long long expect = a.rowVersion > 0 ? a.rowVersion : rv;
      soci::statement st = (sql.prepare << "UPDATE annual_plans SET amount = :a, note = :n, "
                                           "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
                            use(amount, "a"), use(a.note, "n"), use(existing, "id"), use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "annual_plans", existing, Tr("%d年计划", a.year));
      a.id = existing;
      a.rowVersion = expect + 1;
    } else {
      soci::statement st = (sql.prepare << "INSERT INTO annual_plans (project_id, year, amount, note) "
                                           "VALUES (:p, :y, :a, :n)",
                            use(pid, "p"), use(year, "y"), use(amount, "a"), use(a.note, "n"));
      a.id = dialect::ExecuteInsert(sql, st, "annual_plans");
      a.rowVersion = 1;
    }
  } catch (const std::exception& ex) {
    Rethrow(db, ex, Tr("保存年度计划"));
  }
}

std::vector<AnnualPlan> AnnualPlansByProject(Database& db, Id projectId) {
  return Query<AnnualPlan>(db, std::string(kAnnualPlanSelect) + " WHERE project_id = :id ORDER BY year",
                           ReadAnnualPlan, projectId);
}

void DeleteProgress(Database& db, Id id, int64_t rv) {
  DeleteVersioned(db, "progress_entries", id, rv, TrNoopC("row", "进度"));
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
      if (Affected(st) == 0) VersionMismatch(db, "progress_entries", existing, Tr("进度 %s", month.c_str()));
      e.id = existing;
      e.rowVersion = expect + 1;
    } else {
      Inserts(db).Insert(e);
    }
  } catch (const std::exception& ex) {
    Rethrow(db, ex, Tr("保存进度"));
  }
}

void SaveContractProgress(Database& db, ContractProgress& e) {
  Check(e);
  try {
    auto& sql = Sql(db);
    long long cid = e.contractId, pct = e.percent.tenths(), existing = 0, rv = 0, project = 0;
    std::string month = e.month.Format();
    soci::indicator pind = soci::i_null;
    sql << "SELECT project_id FROM contracts WHERE id = :c", use(cid, "c"), into(project, pind);
    if (pind != soci::i_ok) Fail(ErrorCode::NotFound, Tr("合同不存在（编号 %lld）", static_cast<long long>(e.contractId)));
    e.projectId = project;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, row_version FROM contract_progress WHERE contract_id = :c AND month = :m", use(cid, "c"),
        use(month, "m"), into(existing, ind), into(rv);
    if (ind == soci::i_ok) {
      long long expect = e.rowVersion > 0 ? e.rowVersion : rv;
      soci::statement st = (sql.prepare << "UPDATE contract_progress SET percent_tenths = :pct, note = :n, "
                                           "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
                            use(pct, "pct"), use(e.note, "n"), use(existing, "id"), use(expect, "rv"));
      if (Affected(st) == 0) VersionMismatch(db, "contract_progress", existing, Tr("合同进度 %s", month.c_str()));
      e.id = existing;
      e.rowVersion = expect + 1;
    } else {
      soci::statement st = (sql.prepare << "INSERT INTO contract_progress (contract_id, project_id, month, "
                                           "percent_tenths, note) VALUES (:c, :p, :m, :pct, :n)",
                            use(cid, "c"), use(project, "p"), use(month, "m"), use(pct, "pct"), use(e.note, "n"));
      e.id = dialect::ExecuteInsert(sql, st, "contract_progress");
      e.rowVersion = 1;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& ex) {
    Rethrow(db, ex, Tr("保存合同进度"));
  }
}

bool DeleteContractProgress(Database& db, Id contractId, YearMonth month) {
  try {
    long long cid = contractId;
    std::string m = month.Format();
    soci::statement st = (Sql(db).prepare << "DELETE FROM contract_progress WHERE contract_id = :c AND month = :m",
                          use(cid, "c"), use(m, "m"));
    return Affected(st) > 0;
  } catch (const std::exception& ex) {
    Rethrow(db, ex, Tr("删除合同进度"));
  }
}

}  // namespace sb::storage
