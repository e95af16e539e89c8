// Everything at once: the whole portfolio, emptiness and the demo county.
#include "storage/repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "core/error.h"
#include "core/rules.h"
#include "core/translate.h"
#include "storage/embedded.h"
#include "storage/rows.h"
#include "storage/dialect.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;

std::vector<Project> AllProjects(Database& db) {
  return Query<Project>(db, std::string("SELECT ") + kProjectColumns + " FROM projects p ORDER BY p.code", ReadProject);
}
std::vector<BudgetLine> AllBudgetLines(Database& db) {
  return Query<BudgetLine>(db, std::string(kBudgetLineSelect) + " ORDER BY project_id, id", ReadBudgetLine);
}
std::vector<ProcedureStep> AllProcedureSteps(Database& db) {
  return Query<ProcedureStep>(db, std::string(kProcedureStepSelect) + " ORDER BY project_id, template_id",
                              ReadProcedureStep);
}
std::vector<AnnualPlan> AllAnnualPlans(Database& db) {
  return Query<AnnualPlan>(db, std::string(kAnnualPlanSelect) + " ORDER BY project_id, year", ReadAnnualPlan);
}
std::vector<ProgressEntry> AllProgress(Database& db) {
  return Query<ProgressEntry>(db, std::string(kProgressSelect) + " ORDER BY project_id, month", ReadProgress);
}
std::vector<Contract> AllContracts(Database& db) {
  return Query<Contract>(db, std::string(kContractSelect) + " ORDER BY code", ReadContract);
}
std::vector<ContractProgress> AllContractProgress(Database& db) {
  return Query<ContractProgress>(db, std::string(kContractProgressSelect) + " ORDER BY contract_id, month",
                                 ReadContractProgress);
}

namespace {
// Every table but the payments.
Portfolio LoadAllButPayments(Database& db) {
  Portfolio p;
  p.settings = LoadSettings(db);
  p.counties = Counties(db);
  p.fundKinds = FundKinds(db);
  p.procedureTemplate = ProcedureTemplate(db);
  p.projects = AllProjects(db);
  p.budgetLines = AllBudgetLines(db);
  p.sources = FundingSources(db);
  p.allocations = Query<Allocation>(db, std::string(kAllocationSelect) + " ORDER BY id", ReadAllocation);
  p.receipts = Query<Receipt>(db, std::string(kReceiptSelect) + " ORDER BY id", ReadReceipt);
  p.procedureSteps = AllProcedureSteps(db);
  p.plans = AllAnnualPlans(db);
  p.progress = AllProgress(db);
  p.contracts = AllContracts(db);
  p.contractProgress = AllContractProgress(db);
  return p;
}
}  // namespace

Portfolio LoadPortfolio(Database& db) {
  Portfolio p = LoadAllButPayments(db);
  p.payments = Query<Payment>(db, std::string(kPaymentSelect) + " ORDER BY id", ReadPayment);
  p.Reindex();
  return p;
}

Portfolio LoadFundingPortfolio(Database& db) {
  Portfolio p;
  p.settings = LoadSettings(db);
  p.fundKinds = FundKinds(db);
  p.counties = Counties(db);
  p.projects = AllProjects(db);
  p.budgetLines = AllBudgetLines(db);
  p.sources = FundingSources(db);
  p.allocations = Query<Allocation>(db, std::string(kAllocationSelect) + " ORDER BY id", ReadAllocation);
  p.receipts = Query<Receipt>(db, std::string(kReceiptSelect) + " ORDER BY id", ReadReceipt);
  p.Reindex();
  return p;
}

Portfolio LoadAnalysisPortfolio(Database& db) {
  Portfolio p = LoadAllButPayments(db);
  PaymentTotals& paid = p.paymentTotals.emplace();
  paid.groups = PaymentGroups(db);
  for (const auto& g : paid.groups) paid.count += g.count;
  p.Reindex();
  // Single payments only of the projects where a per-payment rule may find something.
  paid.singles = NetPaymentsOfProjects(db, ProjectsWithPaymentsToCheck(p));
  return p;
}

Portfolio LoadReportPortfolio(Database& db, Date upTo) {
  Portfolio p = LoadAllButPayments(db);
  // The groups first: they say which projects' single payments the rules must read.
  p.paymentTotals = PaymentTotalsUpTo(db, upTo, {});
  p.Reindex();
  p.paymentTotals->singles = NetPaymentsOfProjectsUpTo(db, ProjectsWithPaymentsToCheck(p), upTo);
  return p;
}

namespace {
// The rows of `T` whose project is one of `ids`, in the order `less` gives the whole table
// (ByKeys reads them 500 projects per statement).
template <class T, class Read, class Less>
std::vector<T> OfProjects(Database& db, const std::string& select, const char* column, const std::vector<Id>& ids,
                          Read read, Less less) {
  std::vector<T> out = ByKeys<T>(db, select, column, ids, read);
  std::sort(out.begin(), out.end(), less);
  return out;
}
}  // namespace

Portfolio LoadAnalysisPortfolioOf(Database& db, const std::vector<Id>& projectIds) {
  Portfolio p;
  p.settings = LoadSettings(db);
  p.counties = Counties(db);
  p.fundKinds = FundKinds(db);
  p.procedureTemplate = ProcedureTemplate(db);
  p.sources = FundingSources(db);
  const auto& ids = projectIds;
  p.projects = OfProjects<Project>(db, std::string("SELECT ") + kProjectColumns + " FROM projects p", "p.id", ids,
                                   ReadProject, [](const Project& a, const Project& b) { return a.code < b.code; });
  auto byProjectThenId = [](const auto& a, const auto& b) {
    return std::tie(a.projectId, a.id) < std::tie(b.projectId, b.id);
  };
  auto byId = [](const auto& a, const auto& b) { return a.id < b.id; };
  p.budgetLines = OfProjects<BudgetLine>(db, kBudgetLineSelect, "project_id", ids, ReadBudgetLine, byProjectThenId);
  p.allocations = OfProjects<Allocation>(db, kAllocationSelect, "project_id", ids, ReadAllocation, byId);
  p.receipts = OfProjects<Receipt>(db, kReceiptSelect, "project_id", ids, ReadReceipt, byId);
  p.procedureSteps = OfProjects<ProcedureStep>(
      db, kProcedureStepSelect, "project_id", ids, ReadProcedureStep, [](const ProcedureStep& a, const ProcedureStep& b) {
        return std::tie(a.projectId, a.templateId) < std::tie(b.projectId, b.templateId);
      });
  p.plans = OfProjects<AnnualPlan>(db, kAnnualPlanSelect, "project_id", ids, ReadAnnualPlan,
                                   [](const AnnualPlan& a, const AnnualPlan& b) {
                                     return std::tie(a.projectId, a.year) < std::tie(b.projectId, b.year);
                                   });
  p.progress = OfProjects<ProgressEntry>(db, kProgressSelect, "project_id", ids, ReadProgress,
                                         [](const ProgressEntry& a, const ProgressEntry& b) {
                                           return std::tie(a.projectId, a.month) < std::tie(b.projectId, b.month);
                                         });
  p.contracts = OfProjects<Contract>(db, kContractSelect, "project_id", ids, ReadContract,
                                     [](const Contract& a, const Contract& b) { return a.code < b.code; });
  p.contractProgress = OfProjects<ContractProgress>(
      db, kContractProgressSelect, "project_id", ids, ReadContractProgress,
      [](const ContractProgress& a, const ContractProgress& b) {
        return std::tie(a.contractId, a.month) < std::tie(b.contractId, b.month);
      });
  PaymentTotals& paid = p.paymentTotals.emplace();
  paid.groups = PaymentGroupsOfProjects(db, ids);
  for (const auto& g : paid.groups) paid.count += g.count;
  p.Reindex();
  paid.singles = NetPaymentsOfProjects(db, ProjectsWithPaymentsToCheck(p));
  return p;
}

bool IsEmpty(Database& db) {
  int n = 0;
  Sql(db) << "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM funding_sources)",
      into(n);
  return n == 0;
}

namespace {
struct DemoCounty {
  const char* name;
  const char* file;
  const char* code;  ///< 行政区划代码, as the file inserts it into counties
};
constexpr DemoCounty kDemoCounties[] = {{"芦溪", "demo.sql", "360323"}, {"建始", "demo_jianshi.sql", "422822"}};
}  // namespace

std::vector<std::string> DemoCounties() {
  std::vector<std::string> out;
  for (const auto& c : kDemoCounties) out.emplace_back(c.name);
  return out;
}

void LoadDemo(Database& db, const std::string& county) {
  const DemoCounty* demo = nullptr;
  for (const auto& c : kDemoCounties)
    if (county == c.name || county == std::string(c.name) + "县") demo = &c;
  if (!demo) {
    std::string names;
    for (const auto& c : kDemoCounties) names += (names.empty() ? "" : "、") + std::string(c.name);
    Fail(ErrorCode::InvalidInput, Tr("没有“%s”的演示数据；可选：%s", county.c_str(), names.c_str()));
  }
  // Into an empty database the demo county is its county (replacing the one `init` set);
  // into one with data, a second county beside the first — not the same one twice.
  const bool empty = IsEmpty(db);
  if (!empty)
    for (const auto& c : Counties(db))
      if (c.code == demo->code)
        // TRANSLATORS: the database, then the demo county's name and code.
        Fail(ErrorCode::Refused, Tr("数据库 %s 已有%s（%s）的数据，不能再装入一次它的演示数据", db.path().c_str(),
                                    c.name.c_str(), c.code.c_str()));
  for (const auto& f : EmbeddedFiles()) {
    if (f.name != demo->file) continue;
    WriteTransaction tx(db);
    // The program's own data: recorded as such unless the caller (src/app) said who acts.
    dialect::SetHistoryContext(Sql(db), "校建通", "装入演示数据", /*keepExisting=*/true);
    if (empty) {
      try {
        Sql(db) << "DELETE FROM counties";
      } catch (const std::exception& e) {
        Rethrow(db, e, Tr("装入演示数据"));
      }
    }
    ExecScript(Sql(db), std::string(f.text), Tr("装入演示数据"));
    tx.Commit();
    return;
  }
  Fail(ErrorCode::NotFound, Tr("程序中缺少演示数据"));
}

}  // namespace sb::storage
