#include "storage/inserts.h"

#include <soci/soci.h>

#include <optional>
#include <vector>

#include "core/translate.h"
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
  template <class F> void Columns(F&& f) {
    f("code", code);
    f("name", name);
    f("school", school);
    f("township", township);
    f("stage", stage);
    f("category", category);
    f("nature", nature);
    f("floor_area_centi", area);
    f("planned_start", plannedStart);
    f("planned_finish", plannedFinish);
    f("actual_start", actualStart);
    f("actual_finish", actualFinish);
    f("status", status);
    f("note", note);
    f("programme", programme);
    f("county_code", county);
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
  template <class F> void Columns(F&& f) {
    f("project_id", project);
    f("cost_category", category);
    f("amount", amount);
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
  template <class F> void Columns(F&& f) {
    f("code", code);
    f("name", name);
    f("kind", kind);
    f("year", year);
    f("amount", amount);
    f("doc_no", docNo);
    f("eligible", eligible);
    f("note", note);
    f("county_code", county);
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
  template <class F> void Columns(F&& f) {
    f("project_id", project);
    f("source_id", source);
    f("amount", amount);
    f("date", date);
    f("note", note);
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
  template <class F> void Columns(F&& f) {
    f("project_id", project);
    f("template_id", templateStep);
    f("status", status);
    f("planned_date", plannedDate);
    f("done_date", doneDate);
    f("doc_no", docNo);
    f("note", note);
    f("extensions", extensions);
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
  template <class F> void Columns(F&& f) {
    f("project_id", project);
    f("month", month);
    f("percent_tenths", percent);
    f("invested", invested);
    f("description", description);
    f("problems", problems);
    f("next_steps", nextSteps);
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
  template <class F> void Columns(F&& f) {
    f("code", code);
    f("project_id", project);
    f("kind", kind);
    f("counterparty", counterparty);
    f("amount", amount);
    f("signed_date", signedDate);
    f("advance_bp", advance);
    f("retention_bp", retention);
    f("note", note);
    f("procurement", procurement);
    f("award_no", awardNo);
    f("retention_stated", retentionStated);
    f("advance_recover_from_tenths", from, fromInd);
    f("advance_recover_to_tenths", to, toInd);
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
  template <class F> void Columns(F&& f) {
    f("project_id", project);
    f("contract_id", contract, contractInd);
    f("source_id", source);
    f("cost_category", category);
    f("date", date);
    f("amount", amount);
    f("kind", kind);
    f("voucher", voucher);
    f("payee", payee);
    f("reverses_id", reverses, reversesInd);
    f("note", note);
  }
};

// The INSERT of a table: its columns (Values::Columns), each bound by name to the member
// that holds its value.
template <class Values> soci::statement PrepareInsert(soci::session& sql, Values& values) {
  std::string columns, params;
  size_t n = 0;
  values.Columns([&](const char* column, auto&...) {
    columns += (n ? ", " : "") + std::string(column);
    params += (n ? ", :v" : ":v") + std::to_string(n);
    ++n;
  });
  soci::details::prepare_temp_type prepared =
      (sql.prepare << "INSERT INTO " + std::string(values.table) + " (" + columns + ") VALUES (" + params + ")");
  n = 0;
  auto name = [&] { return "v" + std::to_string(n++); };
  struct Bind {
    soci::details::prepare_temp_type& prepared;
    decltype(name)& next;
    void operator()(const char*, long long& v) { prepared, use(v, next()); }
    void operator()(const char*, std::string& v) { prepared, use(v, next()); }
    void operator()(const char*, OptText& v) { prepared, use(v.value, v.ind, next()); }
    void operator()(const char*, long long& v, soci::indicator& ind) { prepared, use(v, ind, next()); }
  };
  values.Columns(Bind{prepared, name});
  return soci::statement(prepared);
}

// One row in COPY's text format: tab-separated, \N for NULL, backslash escapes.
struct CopyLine {
  std::string& out;
  bool first = true;
  void Text(const std::string& v) {
    Separate();
    for (char c : v) switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
  }
  void Null() {
    Separate();
    out += "\\N";
  }
  void Separate() {
    if (!first) out += '\t';
    first = false;
  }
  void operator()(const char*, long long& v) { Text(std::to_string(v)); }
  void operator()(const char*, std::string& v) { Text(v); }
  void operator()(const char*, OptText& v) { v.ind == soci::i_ok ? Text(v.value) : Null(); }
  void operator()(const char*, long long& v, soci::indicator& ind) { ind == soci::i_ok ? Text(std::to_string(v)) : Null(); }
};

// One table's statement with the values it binds, prepared on the first insert.
template <class Values> struct Cached {
  Values values;
  std::unique_ptr<soci::statement> statement;

  template <class... Args> explicit Cached(Args... args) : values(args...) {}

  template <class T> Id Run(soci::session& sql, const T& row) {
    values.Set(row);
    if (!statement) statement = std::make_unique<soci::statement>(PrepareInsert(sql, values));
    return dialect::ExecuteInsert(sql, *statement, values.table);
  }
};

// ---- PostgreSQL: an import's rows in batches through COPY -------------------------

// Ids drawn from a table's sequence at a time: one round trip per this many rows.
constexpr size_t kCopyIds = 1000;

template <class Values, class T> struct CopyBatch {
  Values values;
  std::vector<T> rows;  // as given, to find the refused one if the batch is refused
  std::string data;
  std::vector<Id> ids;
  size_t used = 0;
  template <class... Args> explicit CopyBatch(Args... args) : values(args...) {}

  Id Add(soci::session& sql, T& row) {
    if (used == ids.size()) {
      // The engine's own implementation: only the server imports through COPY.
      ids = dialect::postgresql::NextIds(sql, values.table, kCopyIds);
      used = 0;
    }
    row.id = ids[used++];
    if constexpr (requires { row.rowVersion; }) row.rowVersion = 1;
    values.Set(row);
    CopyLine line{data};
    line.Text(std::to_string(row.id));
    values.Columns(line);
    data += '\n';
    rows.push_back(row);
    return row.id;
  }
  std::string Command() {
    std::string columns = "id";
    values.Columns([&](const char* column, auto&...) { columns += ", " + std::string(column); });
    return "COPY " + std::string(values.table) + " (" + columns + ") FROM STDIN";
  }
  void Clear() {
    rows.clear();
    data.clear();
  }
};

}  // namespace

// The county of a project or source saved without one: the database's only county; with
// several, the row must say which (`what` names it: a msgid marked with TrNoop whose %s
// is the row's code, formatted only when it is refused). Read once per inserter.
class DefaultCounty {
 public:
  explicit DefaultCounty(Database& db) : db_(db) {}
  const std::string& For(const char* what, const std::string& code) {
    if (!only_) {
      auto counties = Counties(db_);
      only_ = counties.size() == 1 ? counties.front().code : std::string();
      count_ = counties.size();
    }
    if (only_->empty())
      // TRANSLATORS: the row (项目“X”), then how many counties the database holds.
      Fail(ErrorCode::InvalidInput, Tr("%s没有填写所属县（区）的行政区划代码；本数据库有 %zu 个县（区），必须指明是哪一个",
                                       Tr(what, code.c_str()).c_str(), count_));
    return *only_;
  }

 private:
  Database& db_;
  std::optional<std::string> only_;
  size_t count_ = 0;
};

struct CopyInserts::Impl {
  Database& db;
  CopyBatch<ProjectValues, Project> projects;
  CopyBatch<BudgetLineValues, BudgetLine> budgetLines;
  CopyBatch<FundingSourceValues, FundingSource> sources;
  CopyBatch<MoneyMovementValues, Allocation> allocations{"allocations"};
  CopyBatch<MoneyMovementValues, Receipt> receipts{"receipts"};
  CopyBatch<ProcedureStepValues, ProcedureStep> procedureSteps;
  CopyBatch<ProgressValues, ProgressEntry> progress;
  CopyBatch<ContractValues, Contract> contracts;
  CopyBatch<PaymentValues, Payment> payments;
  DefaultCounty county;
  explicit Impl(Database& d) : db(d), county(d) {}

  template <class F> void EachBatch(F&& f) {  // in the order rows may refer to each other
    f(projects), f(budgetLines), f(sources), f(allocations), f(receipts), f(procedureSteps), f(progress),
        f(contracts), f(payments);
  }

  template <class Batch> void Send(Batch& b) {
    if (b.rows.empty()) return;
    soci::session& sql = Sql(db);
    dialect::EngineError err;
    try {
      sql << "SAVEPOINT sb_copy";
      err = dialect::postgresql::CopyIn(sql, b.Command(), b.data);
      sql << (err.failure == dialect::Failure::None ? "RELEASE SAVEPOINT sb_copy" : "ROLLBACK TO SAVEPOINT sb_copy");
    } catch (const std::exception& e) {
      // TRANSLATORS: %s is a table of the database (payments).
      Rethrow(db, e, Tr("写入 %s", b.values.table));
    }
    auto rows = std::move(b.rows);
    b.Clear();
    if (err.failure == dialect::Failure::None) return;
    // Which row was refused, and why: each again through its single INSERT, which fails
    // as a dialog's save of that row says it (the import is rolled back anyway).
    for (auto row : rows) Inserts(db).Insert(row);
    Fail(ErrorCode::Database, Tr("写入 %s 失败（SQLSTATE %s）", b.values.table, err.sqlstate.c_str()));
  }
};

CopyInserts::CopyInserts(Database& db) : impl_(std::make_unique<Impl>(db)) {}
CopyInserts::~CopyInserts() = default;

Id CopyInserts::Insert(Project& p) {
  if (p.countyCode.empty()) p.countyCode = impl_->county.For(TrNoop("项目“%s”"), p.code);
  return impl_->projects.Add(Sql(impl_->db), p);
}
Id CopyInserts::Insert(BudgetLine& b) { return impl_->budgetLines.Add(Sql(impl_->db), b); }
Id CopyInserts::Insert(FundingSource& s) {
  if (s.countyCode.empty()) s.countyCode = impl_->county.For(TrNoop("资金来源“%s”"), s.code);
  return impl_->sources.Add(Sql(impl_->db), s);
}
Id CopyInserts::Insert(Allocation& a) { return impl_->allocations.Add(Sql(impl_->db), a); }
Id CopyInserts::Insert(Receipt& r) { return impl_->receipts.Add(Sql(impl_->db), r); }
Id CopyInserts::Insert(ProcedureStep& s) { return impl_->procedureSteps.Add(Sql(impl_->db), s); }
Id CopyInserts::Insert(ProgressEntry& e) { return impl_->progress.Add(Sql(impl_->db), e); }
Id CopyInserts::Insert(Contract& c) { return impl_->contracts.Add(Sql(impl_->db), c); }
Id CopyInserts::Insert(Payment& p) { return impl_->payments.Add(Sql(impl_->db), p); }

void CopyInserts::Flush() {
  impl_->EachBatch([&](auto& b) { impl_->Send(b); });
}

void CopyInserts::Discard() {
  impl_->EachBatch([](auto& b) { b.Clear(); });
}

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
  DefaultCounty county;
  explicit Impl(Database& d) : db(d), county(d) {}
};

InsertStatements::InsertStatements(Database& db) : impl_(std::make_unique<Impl>(db)) {}
InsertStatements::~InsertStatements() = default;

Id InsertStatements::Insert(Project& p) {
  if (p.countyCode.empty()) p.countyCode = impl_->county.For(TrNoop("项目“%s”"), p.code);
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
    Rethrow(impl_->db, e, Tr("保存概算"));
  }
}

Id InsertStatements::Insert(FundingSource& s) {
  if (s.countyCode.empty()) s.countyCode = impl_->county.For(TrNoop("资金来源“%s”"), s.code);
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
    Rethrow(impl_->db, e, Tr("保存资金下达"));
  }
}

Id InsertStatements::Insert(Receipt& r) {
  try {
    r.id = impl_->receipts.Run(Sql(impl_->db), r);
    r.rowVersion = 1;
    return r.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, Tr("保存资金到位"));
  }
}

Id InsertStatements::Insert(ProcedureStep& s) {
  try {
    s.id = impl_->procedureSteps.Run(Sql(impl_->db), s);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, Tr("保存前期手续"));
  }
}

Id InsertStatements::Insert(ProgressEntry& e) {
  try {
    e.id = impl_->progress.Run(Sql(impl_->db), e);
    e.rowVersion = 1;
    return e.id;
  } catch (const std::exception& ex) {
    Rethrow(impl_->db, ex, Tr("保存进度 %s", e.month.Format().c_str()));
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
