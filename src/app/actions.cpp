#include "app/actions.h"
#include "app/import.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/text.h"
#include "core/translate.h"
#include "core/validate.h"
#include "storage/history_repository.h"
#include "storage/lookups.h"
#include "storage/repository.h"

namespace sb::app {

namespace {

// One user action: permission first, then the work inside one transaction that the
// history records under the actor's name and the action's label; the analysis is stale
// once it has committed.
template <class F> auto Act(Session& s, Area area, const std::string& label, F&& work) {
  s.Require(area);
  storage::WriteTransaction tx(s.db());
  storage::SetHistoryContext(s.db(), s.actor().user, label);
  if constexpr (std::is_void_v<decltype(work())>) {
    work();
    tx.Commit();
    s.Invalidate();
  } else {
    auto result = work();
    tx.Commit();
    s.Invalidate();
    return result;
  }
}

AllocationContext AllocationContextFor(storage::Database& db, const Allocation& a,
                                       std::optional<FundingSource>& source) {
  source = storage::SourceById(db, a.sourceId);
  AllocationContext c;
  c.source = source ? &*source : nullptr;
  c.allocatedElsewhere = storage::AllocatedFromSource(db, a.sourceId, a.id);
  storage::ProjectSourceFlows f = storage::FlowsOf(db, a.projectId, a.sourceId, a.id, 0);
  c.allocatedForProjectElsewhere = f.allocated;
  c.receivedForProject = f.received;
  return c;
}

}  // namespace

// ---- projects ------------------------------------------------------------------------

void SaveProject(Session& s, Project& p) {
  Act(s, Area::Projects, (p.id == 0 ? "新建项目 " : "修改项目 ") + p.code, [&] {
    Check(p);
    if (p.id == 0)
      storage::InsertProject(s.db(), p);
    else
      storage::UpdateProject(s.db(), p);
  });
}

void DeleteProject(Session& s, Id projectId, int64_t rowVersion) {
  Act(s, Area::Projects, "删除项目 " + storage::ProjectById(s.db(), projectId).code,
      [&] { storage::DeleteProject(s.db(), projectId, rowVersion); });
}

void CheckDeleteProject(Session& s, Id projectId) {
  s.Require(Area::Projects);
  if (storage::ProjectHasMoneyRows(s.db(), projectId))
    Fail(ErrorCode::Refused, Tr("该项目已有资金下达、到位、合同或拨付记录，不能删除"));
}

void SaveBudget(Session& s, Id projectId, const std::array<Money, kCostCategoryCount>& amounts,
                std::array<std::optional<BudgetLine>, kCostCategoryCount>& lines) {
  for (size_t i = 0; i < amounts.size(); ++i)
    if (amounts[i].IsNegative())
      // TRANSLATORS: %s is a cost category (建安工程, construction and installation).
      Fail(ErrorCode::InvalidInput, Tr("%s的概算不能为负数", Tr(EnumInfo<CostCategory>::names[i]).c_str()));
  auto after = lines;
  Act(s, Area::Projects, "修改概算 " + storage::ProjectById(s.db(), projectId).code, [&] {
    for (size_t i = 0; i < amounts.size(); ++i) {
      BudgetLine line;
      if (lines[i]) {
        if (lines[i]->amount == amounts[i]) continue;
        line = *lines[i];
      } else {
        if (amounts[i].IsZero()) continue;
        line.projectId = projectId;
        line.category = EnumAt<CostCategory>(i);
      }
      line.amount = amounts[i];
      Check(line);
      storage::SaveBudgetLine(s.db(), line);
      after[i] = line;
    }
  });
  lines = after;
}

void SaveBudgetLine(Session& s, BudgetLine& line) {
  Act(s, Area::Projects, "修改概算", [&] {
    Check(line);
    storage::SaveBudgetLine(s.db(), line);
  });
}

void SaveProcedureStep(Session& s, ProcedureStep& step) {
  InputLimits limits = s.Limits();
  Act(s, Area::Projects, "办理前期手续", [&] {
    Check(step, limits);
    storage::SaveProcedureStep(s.db(), step);
  });
}

void SaveProgress(Session& s, ProgressEntry& entry) {
  InputLimits limits = s.Limits();
  Act(s, Area::Projects, "填报进度 " + entry.month.Format(), [&] {
    Check(entry, limits);
    storage::SaveProgress(s.db(), entry);
  });
}

void DeleteProgress(Session& s, Id id, int64_t rowVersion) {
  Act(s, Area::Projects, "删除进度", [&] { storage::DeleteProgress(s.db(), id, rowVersion); });
}

void SavePlan(Session& s, AnnualPlan& plan) {
  Act(s, Area::Projects, "录入年度计划 " + std::to_string(plan.year) + "年", [&] {
    Check(plan);
    storage::SaveAnnualPlan(s.db(), plan);
  });
}

namespace {
Contract ContractNamed(Session& s, const std::string& code) {
  auto c = storage::FindContractByCode(s.db(), code);
  if (!c) Fail(ErrorCode::NotFound, Tr("合同编号“%s”不存在", code.c_str()));
  return *c;
}
}  // namespace

void SaveContractProgress(Session& s, const std::string& contractCode, ContractProgress& entry) {
  InputLimits limits = s.Limits();
  Act(s, Area::Projects, "填报合同进度 " + contractCode + " " + entry.month.Format(), [&] {
    Contract c = ContractNamed(s, contractCode);
    entry.contractId = c.id;
    entry.projectId = c.projectId;
    Check(entry, c, limits);
    storage::SaveContractProgress(s.db(), entry);
  });
}

bool DeleteContractProgress(Session& s, const std::string& contractCode, YearMonth month) {
  bool removed = false;
  Act(s, Area::Projects, "删除合同进度 " + contractCode + " " + month.Format(), [&] {
    removed = storage::DeleteContractProgress(s.db(), ContractNamed(s, contractCode).id, month);
  });
  return removed;
}

// ---- funds ---------------------------------------------------------------------------

void SaveSource(Session& s, FundingSource& source) {
  Act(s, Area::Funds, (source.id == 0 ? "新增资金来源 " : "修改资金来源 ") + source.code, [&] {
    SourceContext c;
    if (source.id != 0) c.allocated = storage::AllocatedFromSource(s.db(), source.id);
    Check(source, c);
    if (source.id == 0)
      storage::InsertSource(s.db(), source);
    else
      storage::UpdateSource(s.db(), source);
  });
}

namespace {
void RefuseUsedSource(storage::Database& db, Id id) {
  storage::SourceUse u = storage::SourceUses(db, id);
  if (!u.Any()) return;
  // TRANSLATORS: a funding source still referred to; the counts of each kind of row follow.
  Fail(ErrorCode::Refused, Tr("这个资金来源还有 %d 笔资金下达、%d 笔资金到位、%d 笔拨付引用，不能删除。"
                              "先删除这些记录或把它们改到正确的来源，再删除它。",
                              u.allocations, u.receipts, u.payments));
}
}  // namespace

void CheckDeleteSource(Session& s, Id id) {
  s.Require(Area::Funds);
  RefuseUsedSource(s.db(), id);
}

void DeleteSource(Session& s, Id id, int64_t rowVersion) {
  std::optional<FundingSource> source = storage::SourceById(s.db(), id);
  if (!source) Fail(ErrorCode::NotFound, Tr("资金来源不存在（可能已被删除）"));
  Act(s, Area::Funds, "删除资金来源 " + source->code, [&] {
    RefuseUsedSource(s.db(), id);
    storage::DeleteSource(s.db(), id, rowVersion);
  });
}

void SaveAllocation(Session& s, Allocation& a) {
  InputLimits limits = s.Limits();
  Act(s, Area::Funds, a.id == 0 ? "录入资金下达" : "修改资金下达", [&] {
    std::optional<FundingSource> source;
    Check(a, AllocationContextFor(s.db(), a, source), limits);
    if (a.id == 0)
      storage::InsertAllocation(s.db(), a);
    else
      storage::UpdateAllocation(s.db(), a);
  });
}

void DeleteAllocation(Session& s, Id id, int64_t rowVersion) {
  Act(s, Area::Funds, "删除资金下达", [&] {
    auto a = storage::AllocationById(s.db(), id);
    if (!a) Fail(ErrorCode::NotFound, Tr("资金下达不存在（可能已被删除）"));
    storage::ProjectSourceFlows f = storage::FlowsOf(s.db(), a->projectId, a->sourceId, id, 0);
    if (f.allocated < f.received)
      // TRANSLATORS: what the source sent to the project, then what it would have allocated
      // to it without this allocation, both in 万元 (ten thousand yuan).
      Fail(ErrorCode::Refused, Tr("不能删除这笔资金下达：该来源已为本项目到位 %s 万元，删除后下达合计只有 %s 万元，少于到位金额",
                                  f.received.FormatWan(2, 6).c_str(), f.allocated.FormatWan(2, 6).c_str()));
    storage::DeleteAllocation(s.db(), id, rowVersion);
  });
}

void SaveReceipt(Session& s, Receipt& r) {
  InputLimits limits = s.Limits();
  Act(s, Area::Funds, r.id == 0 ? "录入资金到位" : "修改资金到位", [&] {
    std::optional<FundingSource> source = storage::SourceById(s.db(), r.sourceId);
    storage::ProjectSourceFlows f = storage::FlowsOf(s.db(), r.projectId, r.sourceId, 0, r.id);
    ReceiptContext c;
    c.source = source ? &*source : nullptr;
    c.allocatedForProject = f.allocated;
    c.receivedForProjectElsewhere = f.received;
    c.firstAllocation = f.firstAllocation;
    Check(r, c, limits);
    if (r.id == 0)
      storage::InsertReceipt(s.db(), r);
    else
      storage::UpdateReceipt(s.db(), r);
  });
}

void DeleteReceipt(Session& s, Id id, int64_t rowVersion) {
  Act(s, Area::Funds, "删除资金到位", [&] { storage::DeleteReceipt(s.db(), id, rowVersion); });
}

void SaveContract(Session& s, Contract& c) {
  Act(s, Area::Funds, (c.id == 0 ? "新签合同 " : "修改合同 ") + c.code, [&] {
    Check(c);
    if (c.id == 0)
      storage::InsertContract(s.db(), c);
    else
      storage::UpdateContract(s.db(), c);
  });
}

void CheckDeleteContract(Session& s, Id id) {
  s.Require(Area::Funds);
  if (int n = storage::PaymentsOfContract(s.db(), id); n > 0)
    Fail(ErrorCode::Refused, Tr("这份合同已有 %d 笔拨付，不能删除（拨付不能删除，只能红字冲销）。", n));
}

void DeleteContract(Session& s, Id id, int64_t rowVersion) {
  Act(s, Area::Funds, "删除合同", [&] {
    CheckDeleteContract(s, id);
    storage::DeleteContract(s.db(), id, rowVersion);
  });
}

// ---- payments ------------------------------------------------------------------------

namespace {

// The cross-row facts of a payment, read from the database.
struct PaymentFacts {
  std::optional<Contract> contract;
  std::optional<Payment> original, reversal, sameVoucher;
  PaymentContext Context() const {
    PaymentContext c;
    c.contract = contract ? &*contract : nullptr;
    c.original = original ? &*original : nullptr;
    if (reversal) c.originalReversedBy = reversal->voucher;
    c.sameVoucher = sameVoucher ? &*sameVoucher : nullptr;
    return c;
  }
};

PaymentFacts FactsOf(storage::Database& db, const Payment& p) {
  PaymentFacts f;
  if (p.contractId) {
    f.contract = storage::ContractById(db, *p.contractId);
    if (!f.contract) Fail(ErrorCode::NotFound, Tr("拨付引用的合同不存在"));
  }
  if (p.reversesId) {
    f.original = storage::PaymentById(db, *p.reversesId);
    f.reversal = storage::ReversalOf(db, *p.reversesId);
  }
  f.sameVoucher = storage::PaymentByVoucher(db, p.voucher);
  return f;
}

// One project with everything the rules read about it, and the county's reference data.
Portfolio ProjectPortfolio(storage::Database& db, Id projectId, Id alsoSource) {
  // The rules look a source up by its id only, in code order: the sources the project's rows
  // name (and the one of the row about to be added) give its findings, not a province's 300.
  storage::ProjectWithReference read = storage::LoadProjectWithReference(db, projectId, alsoSource);
  storage::ProjectFile& file = read.file;
  Portfolio pf;
  pf.settings = std::move(read.settings);
  pf.fundKinds = std::move(read.fundKinds);
  pf.procedureTemplate = std::move(read.procedureTemplate);
  pf.sources = std::move(read.sources);
  pf.projects = {file.project};
  pf.budgetLines = std::move(file.budgetLines);
  pf.allocations = std::move(file.allocations);
  pf.receipts = std::move(file.receipts);
  for (auto& step : file.procedureSteps)
    if (step.id != 0) pf.procedureSteps.push_back(step);
  pf.progress = std::move(file.progress);
  pf.contracts = std::move(file.contracts);
  pf.payments = std::move(file.payments);
  std::sort(pf.payments.begin(), pf.payments.end(),
            [](const Payment& a, const Payment& b) { return a.id < b.id; });
  pf.Reindex();
  return pf;
}

auto FindingKey(const Finding& f) {
  return std::make_tuple(f.code, f.projectId, f.contractId.value_or(0), f.sourceId.value_or(0),
                         f.category ? static_cast<int>(*f.category) : -1, f.paymentId.value_or(0),
                         f.stepTemplateId.value_or(0));
}

}  // namespace

std::vector<Finding> RaisedFindings(const std::vector<Finding>& before, const std::vector<Finding>& after) {
  std::map<decltype(FindingKey(Finding{})), Money> was;
  for (const auto& f : before) was[FindingKey(f)] = f.amount.value_or(Money());
  std::vector<Finding> out;
  for (const auto& f : after) {
    auto it = was.find(FindingKey(f));
    if (it == was.end() || (f.amount && *f.amount > it->second)) out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
  return out;
}

std::vector<Finding> PaymentFindings(Session& s, const Payment& payment) {
  Portfolio pf = ProjectPortfolio(s.db(), payment.projectId, payment.sourceId);
  std::vector<Finding> before = Evaluate(pf, s.today());
  Payment p = payment;
  Id next = 0;
  for (const auto& q : pf.payments) next = std::max(next, q.id);
  p.id = next + 1;  // stands for the payment about to be stored
  pf.payments.push_back(p);
  return RaisedFindings(before, Evaluate(pf, s.today()));
}

void CheckPayment(Session& s, const Payment& payment) {
  PaymentFacts facts = FactsOf(s.db(), payment);
  Check(payment, facts.Context(), s.Limits());
}

Id RecordPayment(Session& s, Payment& payment) {
  InputLimits limits = s.Limits();
  return Act(s, Area::Funds, "录入拨付 " + payment.voucher, [&] {
    PaymentFacts facts = FactsOf(s.db(), payment);
    Check(payment, facts.Context(), limits);
    return storage::InsertPayment(s.db(), payment);
  });
}

namespace {
// The reversing row of payment `paymentId`, checked like any payment.
Payment CheckedReversal(Session& s, Id paymentId, Date date, const std::string& voucher,
                        const std::string& reason, const InputLimits& limits) {
  if (Trim(voucher).empty()) Fail(ErrorCode::InvalidInput, Tr("凭证号不能为空：冲销也要有自己的记账凭证"));
  if (Trim(reason).empty()) Fail(ErrorCode::InvalidInput, Tr("冲销原因不能为空"));
  auto original = storage::PaymentById(s.db(), paymentId);
  if (!original) Fail(ErrorCode::NotFound, Tr("要冲销的拨付不存在"));
  // Before the copy is negated: a reversal's negative copy would be positive and fail
  // with a message about the sign instead of the real reason.
  if (original->reversesId)
    Fail(ErrorCode::Refused, Tr("凭证号“%s”本身是冲销记录，不能再冲销", original->voucher.c_str()));
  Payment r = *original;
  r.id = 0;
  r.reversesId = paymentId;
  r.amount = -original->amount;
  r.date = date;
  r.voucher = voucher;
  r.note = reason;
  PaymentFacts facts = FactsOf(s.db(), r);
  Check(r, facts.Context(), limits);
  return r;
}
}  // namespace

void CheckReversal(Session& s, Id paymentId, Date date, const std::string& voucher,
                   const std::string& reason) {
  CheckedReversal(s, paymentId, date, voucher, reason, s.Limits());
}

Id ReversePayment(Session& s, Id paymentId, Date date, const std::string& voucher,
                  const std::string& reason) {
  InputLimits limits = s.Limits();
  return Act(s, Area::Funds, "红字冲销 " + voucher, [&] {
    Payment r = CheckedReversal(s, paymentId, date, voucher, reason, limits);
    return storage::InsertPayment(s.db(), r);
  });
}

void UndoImport(Session& s, const ImportUndo& undo) {
  if (undo.updated > 0)
    Fail(ErrorCode::Refused, Tr("“%s”更新了 %zu 行已有数据，不能整体撤销；请逐项改回。", undo.label.c_str(),
                                undo.updated));
  if (undo.created.empty()) Fail(ErrorCode::Refused, Tr("“%s”没有新增任何行，没有可撤销的内容。", undo.label.c_str()));
  for (const auto& row : undo.created)
    s.Require(row.table == "payments" || row.table == "funding_sources" || row.table == "allocations" ||
                      row.table == "receipts" || row.table == "contracts"
                  ? Area::Funds
                  : Area::Projects);
  InputLimits limits = s.Limits();
  const std::string label = "撤销" + undo.label;
  storage::WriteTransaction tx(s.db());
  storage::SetHistoryContext(s.db(), s.actor().user, label);
  for (auto it = undo.created.rbegin(); it != undo.created.rend(); ++it) {
    if (it->table != "payments") {
      storage::DeleteImportedRow(s.db(), it->table, it->id, it->rowVersion);
      continue;
    }
    // A payment is never deleted: the import's payment gets its red entry.
    auto original = storage::PaymentById(s.db(), it->id);
    if (!original) Fail(ErrorCode::NotFound, Tr("导入的拨付已不存在，不能撤销“%s”。", undo.label.c_str()));
    Payment r = CheckedReversal(s, it->id, std::max(s.today(), original->date), "冲" + original->voucher, label,
                                limits);
    storage::InsertPayment(s.db(), r);
  }
  tx.Commit();
  s.Invalidate();
}

// ---- settings and data -----------------------------------------------------------------

void SaveSetting(Session& s, const std::string& key, const std::string& value) {
  Act(s, Area::Settings, "修改设置 " + key, [&] { storage::SaveSetting(s.db(), key, value); });
}

void LoadDemo(Session& s, const std::string& county) {
  Act(s, Area::Settings, "装入演示数据", [&] { storage::LoadDemo(s.db(), county); });
}

void SetCounty(Session& s, const std::string& code, const std::string& name) {
  County wanted{code, name, 0};
  Check(wanted);
  Act(s, Area::Settings, "设置县（区）" + code + " " + name, [&] {
    auto counties = storage::Counties(s.db());
    for (auto& c : counties)
      if (c.code == code) {
        c.name = name;
        storage::RenameCounty(s.db(), c);
        if (counties.size() == 1) storage::SaveSetting(s.db(), "county_name", name);
        return;
      }
    // The placeholder 000000 of a new or upgraded database: this is its real code.
    // Otherwise a county more (a city's server).
    if (counties.size() == 1 && counties.front().code == kUnsetCountyCode) {
      storage::ReplaceCounty(s.db(), counties.front().code, wanted);
      storage::SaveSetting(s.db(), "county_name", name);
    } else {
      storage::InsertCounty(s.db(), wanted);
    }
  });
}

void CreateDatabase(const std::string& path, bool demo, const std::string& county) {
  if (storage::Database::IsServerLocation(path)) {
    // A server's database is made empty by its administrator (createdb); the schema,
    // and the demo if asked, go in with one transaction each, and a failure leaves the
    // database as it was.
    auto db = storage::Database::Open(path, storage::OpenMode::Create);
    if (demo) {
      Session session(*db);
      LoadDemo(session, county);
    }
    return;
  }
  CreateDatabaseFile(path, [demo, &county](storage::Database& db) {
    if (!demo) return;
    Session session(db);
    LoadDemo(session, county);
  });
}

void CreateDatabaseFile(const std::string& path, const std::function<void(storage::Database&)>& fill) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    Fail(ErrorCode::Refused, Tr("数据库文件已存在：%s（新建只用新的文件名，不会覆盖）", path.c_str()));
  // (symlink_status set ec for a path that does not exist: the folder's own result only)
  fs::path parent = fs::path(path).parent_path();
  ec.clear();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) Fail(ErrorCode::Io, Tr("无法创建文件夹 %s：%s", parent.string().c_str(), ec.message().c_str()));
  TemporaryPath temp(TemporaryNameBeside(path));
  // SQLite's companions of the temporary file go with it on every way out.
  TemporaryPath wal(temp.path() + "-wal"), shm(temp.path() + "-shm"),
      journal(temp.path() + "-journal");
  try {
    auto db = storage::Database::Open(temp.path(), storage::OpenMode::Create);
    fill(*db);
  } catch (const Error& e) {
    // TRANSLATORS: the new database's file, then why it could not be made.
    Fail(e.code(), Tr("新建数据库 %s 失败：%s；没有留下任何文件", path.c_str(), e.detail().c_str()));
  }
  // Closing the last connection checkpoints the WAL into the file and removes it; a WAL
  // still there holds data the file lacks, so the file alone is not complete.
  if (fs::exists(wal.path(), ec))
    Fail(ErrorCode::Io, Tr("新建数据库 %s 失败：未能把数据完整写入文件（磁盘已满？）；没有留下任何文件", path.c_str()));
  SyncToDisk(temp.path());
  PublishNew(temp.path(), path);
  temp.Keep();
}

}  // namespace sb::app
