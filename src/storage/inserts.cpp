#include "storage/inserts.h"

#include <soci/soci.h>

#include <optional>

#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/repository.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::use;

namespace {

// The values a table's INSERT binds. SOCI binds by reference: a statement reads these
// members on every execution, so they live as long as the statement and are overwritten
// (never replaced) for each row.
struct ProjectValues {
  const char* table = "projects";
  std::string code, name, school, township, programme, stage, category, nature, status, note, county;
  long long area = 0;
  OptText plannedStart, plannedFinish, actualStart, actualFinish;
  void Set(const Project& p) {
    code = p.code;
    county = p.countyCode;
    name = p.name;
    school = p.school;
    township = p.township;
    programme = p.programme;
    stage = Name(p.stage);
    category = Name(p.category);
    nature = Name(p.nature);
    status = Name(p.status);
    note = p.note;
    area = p.floorArea.centi();
    plannedStart = OptText(DateText(p.plannedStart));
    plannedFinish = OptText(DateText(p.plannedFinish));
    actualStart = OptText(DateText(p.actualStart));
    actualFinish = OptText(DateText(p.actualFinish));
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO projects (code, name, school, township, stage, "
                           "category, nature, floor_area_centi, planned_start, "
                           "planned_finish, actual_start, actual_finish, status, note, programme, county_code) "
                           "VALUES (:code, :name, :school, :township, :stage, "
                           ":category, :nature, :area, :ps, :pf, :as, :af, :status, "
                           ":note, :programme, :county)",
            use(code, "code"), use(name, "name"), use(school, "school"), use(township, "township"),
            use(stage, "stage"), use(category, "category"), use(nature, "nature"),
            use(area, "area"), use(plannedStart.value, plannedStart.ind, "ps"),
            use(plannedFinish.value, plannedFinish.ind, "pf"),
            use(actualStart.value, actualStart.ind, "as"),
            use(actualFinish.value, actualFinish.ind, "af"), use(status, "status"),
            use(note, "note"), use(programme, "programme"), use(county, "county"));
  }
};

struct BudgetLineValues {
  const char* table = "budget_lines";
  long long project = 0, amount = 0;
  std::string category;
  void Set(const BudgetLine& b) {
    project = b.projectId;
    category = Name(b.category);
    amount = b.amount.fen();
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO budget_lines (project_id, cost_category, amount) "
                           "VALUES (:p, :c, :a)",
            use(project, "p"), use(category, "c"), use(amount, "a"));
  }
};

struct FundingSourceValues {
  const char* table = "funding_sources";
  std::string code, name, kind, docNo, eligible, note, county;
  long long year = 0, amount = 0;
  void Set(const FundingSource& s) {
    code = s.code;
    county = s.countyCode;
    name = s.name;
    kind = s.kind;
    year = s.year;
    amount = s.amount.fen();
    docNo = s.docNo;
    eligible = s.eligible.Format();
    note = s.note;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO funding_sources (code, name, kind, year, amount, "
                           "doc_no, eligible, note, county_code) VALUES (:code, :name, :kind, :year, "
                           ":amount, :doc, :elig, :note, :county)",
            use(code, "code"), use(name, "name"), use(kind, "kind"), use(year, "year"),
            use(amount, "amount"), use(docNo, "doc"), use(eligible, "elig"), use(note, "note"),
            use(county, "county"));
  }
};

// allocations and receipts have the same columns; `table` says which.
struct MoneyMovementValues {
  const char* table;
  long long project = 0, source = 0, amount = 0;
  std::string date, note;
  explicit MoneyMovementValues(const char* t) : table(t) {}
  template <class T> void Set(const T& a) {
    project = a.projectId;
    source = a.sourceId;
    amount = a.amount.fen();
    date = FormatDate(a.date);
    note = a.note;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << std::string("INSERT INTO ") + table +
                               " (project_id, source_id, amount, date, note) "
                               "VALUES (:p, :s, :a, :d, :n)",
            use(project, "p"), use(source, "s"), use(amount, "a"), use(date, "d"), use(note, "n"));
  }
};

struct ProcedureStepValues {
  const char* table = "procedure_steps";
  long long project = 0, templateStep = 0, extensions = 0;
  std::string status, docNo, note;
  OptText plannedDate, doneDate;
  void Set(const ProcedureStep& s) {
    project = s.projectId;
    templateStep = s.templateId;
    status = Name(s.status);
    plannedDate = OptText(DateText(s.plannedDate));
    doneDate = OptText(DateText(s.doneDate));
    docNo = s.docNo;
    note = s.note;
    extensions = s.extensions;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO procedure_steps (project_id, template_id, "
                           "status, planned_date, done_date, doc_no, note, extensions) VALUES "
                           "(:p, :t, :s, :pd, :dd, :doc, :n, :ext)",
            use(project, "p"), use(templateStep, "t"), use(status, "s"),
            use(plannedDate.value, plannedDate.ind, "pd"), use(doneDate.value, doneDate.ind, "dd"),
            use(docNo, "doc"), use(note, "n"), use(extensions, "ext"));
  }
};

struct ProgressValues {
  const char* table = "progress_entries";
  long long project = 0, percent = 0, invested = 0;
  std::string month, description, problems, nextSteps;
  void Set(const ProgressEntry& e) {
    project = e.projectId;
    month = e.month.Format();
    percent = e.percent.tenths();
    invested = e.invested.fen();
    description = e.description;
    problems = e.problems;
    nextSteps = e.nextSteps;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO progress_entries (project_id, month, "
                           "percent_tenths, invested, description, problems, "
                           "next_steps) VALUES (:p, :m, :pct, :inv, :d, :pr, :ns)",
            use(project, "p"), use(month, "m"), use(percent, "pct"), use(invested, "inv"),
            use(description, "d"), use(problems, "pr"), use(nextSteps, "ns"));
  }
};

struct ContractValues {
  const char* table = "contracts";
  std::string code, kind, counterparty, note, procurement, awardNo;
  long long project = 0, amount = 0, advance = 0, retention = 0, retentionStated = 0, from = 0, to = 0;
  soci::indicator fromInd = soci::i_null, toInd = soci::i_null;
  OptText signedDate;
  void Set(const Contract& c) {
    code = c.code;
    project = c.projectId;
    kind = Name(c.kind);
    counterparty = c.counterparty;
    amount = c.amount.fen();
    signedDate = OptText(DateText(c.signedDate));
    advance = c.advanceRate.basisPoints();
    retention = c.retentionRate ? c.retentionRate->basisPoints() : 0;
    retentionStated = c.retentionRate ? 1 : 0;
    procurement = c.procurement ? std::string(Name(*c.procurement)) : std::string();
    awardNo = c.awardNo;
    from = c.advanceRecoverFrom ? c.advanceRecoverFrom->tenths() : 0;
    fromInd = c.advanceRecoverFrom ? soci::i_ok : soci::i_null;
    to = c.advanceRecoverTo ? c.advanceRecoverTo->tenths() : 0;
    toInd = c.advanceRecoverTo ? soci::i_ok : soci::i_null;
    note = c.note;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO contracts (code, project_id, kind, "
                           "counterparty, amount, signed_date, advance_bp, "
                           "retention_bp, note, procurement, award_no, retention_stated, "
                           "advance_recover_from_tenths, advance_recover_to_tenths) "
                           "VALUES (:code, :p, :k, :cp, :a, :sd, :adv, :ret, :n, :how, :award, "
                           ":stated, :rfrom, :rto)",
            use(code, "code"), use(project, "p"), use(kind, "k"), use(counterparty, "cp"),
            use(amount, "a"), use(signedDate.value, signedDate.ind, "sd"), use(advance, "adv"),
            use(retention, "ret"), use(note, "n"), use(procurement, "how"), use(awardNo, "award"),
            use(retentionStated, "stated"), use(from, fromInd, "rfrom"), use(to, toInd, "rto"));
  }
};

struct PaymentValues {
  const char* table = "payments";
  long long project = 0, contract = 0, source = 0, amount = 0, reverses = 0;
  soci::indicator contractInd = soci::i_null, reversesInd = soci::i_null;
  std::string category, date, kind, voucher, payee, note;
  void Set(const Payment& p) {
    project = p.projectId;
    contract = p.contractId.value_or(0);
    contractInd = p.contractId ? soci::i_ok : soci::i_null;
    source = p.sourceId;
    category = Name(p.category);
    date = FormatDate(p.date);
    amount = p.amount.fen();
    kind = Name(p.kind);
    voucher = p.voucher;
    payee = p.payee;
    reverses = p.reversesId.value_or(0);
    reversesInd = p.reversesId ? soci::i_ok : soci::i_null;
    note = p.note;
  }
  soci::statement Prepare(soci::session& sql) {
    return (sql.prepare << "INSERT INTO payments (project_id, contract_id, source_id, "
                           "cost_category, date, amount, kind, voucher, payee, "
                           "reverses_id, note) VALUES (:p, :c, :s, :cat, :d, :a, :k, "
                           ":v, :payee, :r, :n)",
            use(project, "p"), use(contract, contractInd, "c"), use(source, "s"),
            use(category, "cat"), use(date, "d"), use(amount, "a"), use(kind, "k"),
            use(voucher, "v"), use(payee, "payee"), use(reverses, reversesInd, "r"),
            use(note, "n"));
  }
};

// One table's statement with the values it binds, prepared on the first insert.
template <class Values> struct Cached {
  Values values;
  std::unique_ptr<soci::statement> statement;

  template <class... Args> explicit Cached(Args... args) : values(args...) {}

  template <class T> Id Run(soci::session& sql, const T& row) {
    values.Set(row);
    if (!statement) statement = std::make_unique<soci::statement>(values.Prepare(sql));
    return dialect::ExecuteInsert(sql, *statement, values.table);
  }
};

}  // namespace

struct InsertStatements::Impl {
  Database& db;
  Cached<ProjectValues> projects;
  Cached<BudgetLineValues> budgetLines;
  Cached<FundingSourceValues> sources;
  Cached<MoneyMovementValues> allocations{"allocations"}, receipts{"receipts"};
  Cached<ProcedureStepValues> procedureSteps;
  Cached<ProgressValues> progress;
  Cached<ContractValues> contracts;
  Cached<PaymentValues> payments;
  std::optional<std::string> onlyCounty;  ///< read once, for rows that name no county
  size_t countyCount = 0;
  explicit Impl(Database& d) : db(d) {}
  /// The county of a row saved without one: the database's only county; with several,
  /// the row must say which (`what` names it).
  const std::string& DefaultCounty(const std::string& what) {
    if (!onlyCounty) {
      auto counties = Counties(db);
      onlyCounty = counties.size() == 1 ? counties.front().code : std::string();
      countyCount = counties.size();
    }
    if (onlyCounty->empty())
      Fail(ErrorCode::InvalidInput, what + "没有填写所属县（区）的行政区划代码；本数据库有 " +
                                        std::to_string(countyCount) + " 个县（区），必须指明是哪一个");
    return *onlyCounty;
  }
};

InsertStatements::InsertStatements(Database& db) : impl_(std::make_unique<Impl>(db)) {}
InsertStatements::~InsertStatements() = default;

Id InsertStatements::Insert(Project& p) {
  if (p.countyCode.empty()) p.countyCode = impl_->DefaultCounty("项目“" + p.code + "”");
  try {
    p.id = impl_->projects.Run(Sql(impl_->db), p);
    p.rowVersion = 1;
    return p.id;
  } catch (const std::exception& e) {
    RethrowProjectSave(impl_->db, e, p);
  }
}

Id InsertStatements::Insert(BudgetLine& line) {
  try {
    line.id = impl_->budgetLines.Run(Sql(impl_->db), line);
    line.rowVersion = 1;
    return line.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存概算");
  }
}

Id InsertStatements::Insert(FundingSource& s) {
  if (s.countyCode.empty()) s.countyCode = impl_->DefaultCounty("资金来源“" + s.code + "”");
  try {
    s.id = impl_->sources.Run(Sql(impl_->db), s);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    RethrowSourceSave(impl_->db, e, s);
  }
}

Id InsertStatements::Insert(Allocation& a) {
  try {
    a.id = impl_->allocations.Run(Sql(impl_->db), a);
    a.rowVersion = 1;
    return a.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存资金下达");
  }
}

Id InsertStatements::Insert(Receipt& r) {
  try {
    r.id = impl_->receipts.Run(Sql(impl_->db), r);
    r.rowVersion = 1;
    return r.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存资金到位");
  }
}

Id InsertStatements::Insert(ProcedureStep& s) {
  try {
    s.id = impl_->procedureSteps.Run(Sql(impl_->db), s);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存前期手续");
  }
}

Id InsertStatements::Insert(ProgressEntry& e) {
  try {
    e.id = impl_->progress.Run(Sql(impl_->db), e);
    e.rowVersion = 1;
    return e.id;
  } catch (const std::exception& ex) {
    Rethrow(impl_->db, ex, "保存进度 " + e.month.Format());
  }
}

Id InsertStatements::Insert(Contract& c) {
  try {
    c.id = impl_->contracts.Run(Sql(impl_->db), c);
    c.rowVersion = 1;
    return c.id;
  } catch (const std::exception& e) {
    RethrowContractSave(impl_->db, e, c);
  }
}

Id InsertStatements::Insert(Payment& p) {
  try {
    p.id = impl_->payments.Run(Sql(impl_->db), p);
    return p.id;
  } catch (const std::exception& e) {
    RethrowPaymentSave(impl_->db, e, p);
  }
}

}  // namespace sb::storage
