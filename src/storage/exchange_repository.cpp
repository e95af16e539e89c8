#include "storage/exchange_repository.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <optional>

#include "core/error.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::use;

namespace {

// A nullable text column bound by reference: the statement reads these members on
// every execution, so they live as long as the statement.
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;
  void Set(const std::optional<Date>& d) {
    value = d ? FormatDate(*d) : std::string();
    ind = d ? soci::i_ok : soci::i_null;
  }
};

struct ProjectRow {
  std::string code, name, school, township, stage, category, nature, status, note;
  long long area = 0;
  NullableText ps, pf, as, af;
};
struct BudgetRow {
  long long project = 0, amount = 0;
  std::string category;
};
struct SourceRow {
  std::string code, name, kind, doc, eligible, note;
  long long year = 0, amount = 0;
};
struct MoneyRow {
  long long project = 0, source = 0, amount = 0;
  std::string date, note;
};
struct StepRow {
  long long project = 0, templ = 0;
  std::string status, doc, note;
  NullableText planned, done;
};
struct ProgressRow {
  long long project = 0, percent = 0, invested = 0;
  std::string month, description, problems, nextSteps;
};
struct ContractRow {
  std::string code, kind, counterparty, note;
  long long project = 0, amount = 0, advance = 0, retention = 0;
  NullableText signedDate;
};
struct PaymentRow {
  long long project = 0, contract = 0, source = 0, amount = 0, reverses = 0;
  soci::indicator contractInd = soci::i_null, reversesInd = soci::i_null;
  std::string category, date, kind, voucher, payee, note;
};

}  // namespace

struct BulkInserter::Impl {
  Database& db;
  ProjectRow project;
  BudgetRow budget;
  SourceRow source;
  MoneyRow allocation, receipt;
  StepRow step;
  ProgressRow progress;
  ContractRow contract;
  PaymentRow payment;
  std::unique_ptr<soci::statement> projectSt, budgetSt, sourceSt, allocationSt, receiptSt, stepSt,
      progressSt, contractSt, paymentSt;

  explicit Impl(Database& d) : db(d) {}

  Id Run(soci::statement& st) {
    st.execute(true);
    auto* be = static_cast<soci::sqlite3_session_backend*>(Sql(db).get_backend());
    return sqlite_api::sqlite3_last_insert_rowid(be->conn_);
  }

  template <class T>
  Id InsertMoney(std::unique_ptr<soci::statement>& st, MoneyRow& b, T& a, const char* table,
                 const char* what) {
    Check(a);
    try {
      if (!st)
        st = std::make_unique<soci::statement>(
            (Sql(db).prepare << std::string("INSERT INTO ") + table +
                                         " (project_id, source_id, amount, date, note) "
                                         "VALUES (:p, :s, :a, :d, :n)",
             use(b.project, "p"), use(b.source, "s"), use(b.amount, "a"), use(b.date, "d"),
             use(b.note, "n")));
      b.project = a.projectId;
      b.source = a.sourceId;
      b.amount = a.amount.fen();
      b.date = FormatDate(a.date);
      b.note = a.note;
      a.id = Run(*st);
      a.rowVersion = 1;
      return a.id;
    } catch (const std::exception& e) {
      Rethrow(db, e, std::string("保存") + what);
    }
  }
};

BulkInserter::BulkInserter(Database& db) : impl_(std::make_unique<Impl>(db)) {}
BulkInserter::~BulkInserter() = default;

Id BulkInserter::Insert(Project& p) {
  Check(p);
  auto& b = impl_->project;
  try {
    if (!impl_->projectSt)
      impl_->projectSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO projects (code, name, school, township, stage, category, nature, "
                  "floor_area_centi, planned_start, planned_finish, actual_start, actual_finish, "
                  "status, note) VALUES (:code, :name, :school, :township, :stage, :category, "
                  ":nature, :area, :ps, :pf, :as, :af, :status, :note)",
           use(b.code, "code"), use(b.name, "name"), use(b.school, "school"),
           use(b.township, "township"), use(b.stage, "stage"), use(b.category, "category"),
           use(b.nature, "nature"), use(b.area, "area"), use(b.ps.value, b.ps.ind, "ps"),
           use(b.pf.value, b.pf.ind, "pf"), use(b.as.value, b.as.ind, "as"),
           use(b.af.value, b.af.ind, "af"), use(b.status, "status"), use(b.note, "note")));
    b.code = p.code;
    b.name = p.name;
    b.school = p.school;
    b.township = p.township;
    b.stage = Name(p.stage);
    b.category = Name(p.category);
    b.nature = Name(p.nature);
    b.status = Name(p.status);
    b.note = p.note;
    b.area = p.floorArea.centi();
    b.ps.Set(p.plannedStart);
    b.pf.Set(p.plannedFinish);
    b.as.Set(p.actualStart);
    b.af.Set(p.actualFinish);
    p.id = impl_->Run(*impl_->projectSt);
    p.rowVersion = 1;
    return p.id;
  } catch (const std::exception& e) {
    RethrowProjectSave(impl_->db, e, p);
  }
}

Id BulkInserter::Insert(BudgetLine& line) {
  Check(line);
  auto& b = impl_->budget;
  try {
    if (!impl_->budgetSt)
      impl_->budgetSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare << "INSERT INTO budget_lines (project_id, cost_category, "
                                          "amount) VALUES (:p, :c, :a)",
           use(b.project, "p"), use(b.category, "c"), use(b.amount, "a")));
    b.project = line.projectId;
    b.category = Name(line.category);
    b.amount = line.amount.fen();
    line.id = impl_->Run(*impl_->budgetSt);
    line.rowVersion = 1;
    return line.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存概算");
  }
}

Id BulkInserter::Insert(FundingSource& s) {
  Check(s);
  auto& b = impl_->source;
  try {
    if (!impl_->sourceSt)
      impl_->sourceSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO funding_sources (code, name, kind, year, amount, doc_no, eligible, "
                  "note) VALUES (:code, :name, :kind, :year, :amount, :doc, :elig, :note)",
           use(b.code, "code"), use(b.name, "name"), use(b.kind, "kind"), use(b.year, "year"),
           use(b.amount, "amount"), use(b.doc, "doc"), use(b.eligible, "elig"),
           use(b.note, "note")));
    b.code = s.code;
    b.name = s.name;
    b.kind = s.kind;
    b.year = s.year;
    b.amount = s.amount.fen();
    b.doc = s.docNo;
    b.eligible = s.eligible.Format();
    b.note = s.note;
    s.id = impl_->Run(*impl_->sourceSt);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    RethrowSourceSave(impl_->db, e, s);
  }
}


Id BulkInserter::Insert(Allocation& a) {
  return impl_->InsertMoney(impl_->allocationSt, impl_->allocation, a, "allocations", "资金下达");
}

Id BulkInserter::Insert(Receipt& r) {
  return impl_->InsertMoney(impl_->receiptSt, impl_->receipt, r, "receipts", "资金到位");
}

Id BulkInserter::Insert(ProcedureStep& s) {
  Check(s);
  auto& b = impl_->step;
  try {
    if (!impl_->stepSt)
      impl_->stepSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO procedure_steps (project_id, template_id, status, planned_date, "
                  "done_date, doc_no, note) VALUES (:p, :t, :s, :pd, :dd, :doc, :n)",
           use(b.project, "p"), use(b.templ, "t"), use(b.status, "s"),
           use(b.planned.value, b.planned.ind, "pd"), use(b.done.value, b.done.ind, "dd"),
           use(b.doc, "doc"), use(b.note, "n")));
    b.project = s.projectId;
    b.templ = s.templateId;
    b.status = Name(s.status);
    b.planned.Set(s.plannedDate);
    b.done.Set(s.doneDate);
    b.doc = s.docNo;
    b.note = s.note;
    s.id = impl_->Run(*impl_->stepSt);
    s.rowVersion = 1;
    return s.id;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, "保存前期手续");
  }
}

Id BulkInserter::Insert(ProgressEntry& e) {
  Check(e);
  auto& b = impl_->progress;
  try {
    if (!impl_->progressSt)
      impl_->progressSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO progress_entries (project_id, month, percent_tenths, invested, "
                  "description, problems, next_steps) VALUES (:p, :m, :pct, :inv, :d, :pr, :ns)",
           use(b.project, "p"), use(b.month, "m"), use(b.percent, "pct"),
           use(b.invested, "inv"), use(b.description, "d"), use(b.problems, "pr"),
           use(b.nextSteps, "ns")));
    b.project = e.projectId;
    b.month = e.month.Format();
    b.percent = e.percent.tenths();
    b.invested = e.invested.fen();
    b.description = e.description;
    b.problems = e.problems;
    b.nextSteps = e.nextSteps;
    e.id = impl_->Run(*impl_->progressSt);
    e.rowVersion = 1;
    return e.id;
  } catch (const std::exception& ex) {
    Rethrow(impl_->db, ex, "保存进度 " + e.month.Format());
  }
}

Id BulkInserter::Insert(Contract& c) {
  Check(c);
  auto& b = impl_->contract;
  try {
    if (!impl_->contractSt)
      impl_->contractSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO contracts (code, project_id, kind, counterparty, amount, "
                  "signed_date, advance_bp, retention_bp, note) VALUES (:code, :p, :k, :cp, :a, "
                  ":sd, :adv, :ret, :n)",
           use(b.code, "code"), use(b.project, "p"), use(b.kind, "k"),
           use(b.counterparty, "cp"), use(b.amount, "a"),
           use(b.signedDate.value, b.signedDate.ind, "sd"), use(b.advance, "adv"),
           use(b.retention, "ret"), use(b.note, "n")));
    b.code = c.code;
    b.project = c.projectId;
    b.kind = Name(c.kind);
    b.counterparty = c.counterparty;
    b.amount = c.amount.fen();
    b.signedDate.Set(c.signedDate);
    b.advance = c.advanceRate.basisPoints();
    b.retention = c.retentionRate.basisPoints();
    b.note = c.note;
    c.id = impl_->Run(*impl_->contractSt);
    c.rowVersion = 1;
    return c.id;
  } catch (const std::exception& e) {
    RethrowContractSave(impl_->db, e, c);
  }
}

Id BulkInserter::Insert(Payment& p) {
  Check(p);
  auto& b = impl_->payment;
  try {
    if (!impl_->paymentSt)
      impl_->paymentSt = std::make_unique<soci::statement>(
          (Sql(impl_->db).prepare
               << "INSERT INTO payments (project_id, contract_id, source_id, cost_category, "
                  "date, amount, kind, voucher, payee, reverses_id, note) VALUES (:p, :c, :s, "
                  ":cat, :d, :a, :k, :v, :payee, :r, :n)",
           use(b.project, "p"), use(b.contract, b.contractInd, "c"), use(b.source, "s"),
           use(b.category, "cat"), use(b.date, "d"), use(b.amount, "a"), use(b.kind, "k"),
           use(b.voucher, "v"), use(b.payee, "payee"), use(b.reverses, b.reversesInd, "r"),
           use(b.note, "n")));
    b.project = p.projectId;
    b.contract = p.contractId.value_or(0);
    b.contractInd = p.contractId ? soci::i_ok : soci::i_null;
    b.source = p.sourceId;
    b.category = Name(p.category);
    b.date = FormatDate(p.date);
    b.amount = p.amount.fen();
    b.kind = Name(p.kind);
    b.voucher = p.voucher;
    b.payee = p.payee;
    b.reverses = p.reversesId.value_or(0);
    b.reversesInd = p.reversesId ? soci::i_ok : soci::i_null;
    b.note = p.note;
    p.id = impl_->Run(*impl_->paymentSt);
    return p.id;
  } catch (const std::exception& e) {
    RethrowPaymentSave(impl_->db, e, p);
  }
}

}  // namespace sb::storage
