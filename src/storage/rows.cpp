#include "storage/rows.h"

#include "core/translate.h"
namespace sb::storage {

namespace {

int64_t I64(const Row& r, size_t i) { return r.Int(i); }
std::string Str(const Row& r, size_t i) { return r.Text(i); }

std::optional<Date> OptDate(const Row& r, size_t i) {
  std::string s = Str(r, i);
  if (s.empty()) return std::nullopt;
  return DateFromColumn(s, r.Name(i).c_str());
}

Date ReqDate(const Row& r, size_t i) { return DateFromColumn(Str(r, i), r.Name(i).c_str()); }

template <class E> E EnumCol(const Row& r, size_t i) {
  const std::string text = Str(r, i);
  auto e = TryParseEnum<E>(text);
  if (!e)
    // TRANSLATORS: a column of the database (payments.kind), then the value it holds.
    Fail(ErrorCode::Database, Tr("数据库中 %s 的值“%s”无效", r.Name(i).c_str(), text.c_str()));
  return *e;
}

std::optional<Id> OptId(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return I64(r, i);
}

std::optional<Percent> OptPercent(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return Percent::FromTenths(I64(r, i));
}

// allocations and receipts have the same columns.
template <class T> T ReadMoneyRow(const Row& r) {
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

}  // namespace

const char* const kProjectColumns =
    "p.id, p.code, p.name, p.school, p.township, p.stage, p.category, p.nature, "
    "p.floor_area_centi, p.planned_start, p.planned_finish, p.actual_start, p.actual_finish, "
    "p.status, p.note, p.row_version, p.programme, p.county_code";

Project ReadProject(const Row& r) {
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
  p.programme = Str(r, 16);
  p.countyCode = Str(r, 17);
  return p;
}

BudgetLine ReadBudgetLine(const Row& r) {
  BudgetLine b;
  b.id = I64(r, 0);
  b.projectId = I64(r, 1);
  b.category = EnumCol<CostCategory>(r, 2);
  b.amount = Money::FromFen(I64(r, 3));
  b.rowVersion = I64(r, 4);
  return b;
}
const char* const kBudgetLineSelect =
    "SELECT id, project_id, cost_category, amount, row_version FROM budget_lines";

FundingSource ReadFundingSource(const Row& r) {
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
  s.countyCode = Str(r, 10);
  return s;
}
const char* const kFundingSourceSelect =
    "SELECT id, code, name, kind, year, amount, doc_no, eligible, note, row_version, county_code "
    "FROM funding_sources";


Allocation ReadAllocation(const Row& r) { return ReadMoneyRow<Allocation>(r); }
Receipt ReadReceipt(const Row& r) { return ReadMoneyRow<Receipt>(r); }
const char* const kAllocationSelect =
    "SELECT id, project_id, source_id, amount, date, note, row_version FROM allocations";
const char* const kReceiptSelect =
    "SELECT id, project_id, source_id, amount, date, note, row_version FROM receipts";

ProcedureStep ReadProcedureStep(const Row& r) {
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
  s.extensions = static_cast<int>(I64(r, 9));
  return s;
}
const char* const kProcedureStepSelect =
    "SELECT id, project_id, template_id, status, planned_date, done_date, doc_no, note, "
    "row_version, extensions FROM procedure_steps";

ProgressEntry ReadProgress(const Row& r) {
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
const char* const kProgressSelect =
    "SELECT id, project_id, month, percent_tenths, invested, description, problems, "
    "next_steps, row_version FROM progress_entries";

AnnualPlan ReadAnnualPlan(const Row& r) {
  AnnualPlan a;
  a.id = I64(r, 0);
  a.projectId = I64(r, 1);
  a.year = static_cast<int>(I64(r, 2));
  a.amount = Money::FromFen(I64(r, 3));
  a.note = Str(r, 4);
  a.rowVersion = I64(r, 5);
  return a;
}
const char* const kAnnualPlanSelect =
    "SELECT id, project_id, year, amount, note, row_version FROM annual_plans";

ContractProgress ReadContractProgress(const Row& r) {
  ContractProgress e;
  e.id = I64(r, 0);
  e.contractId = I64(r, 1);
  e.projectId = I64(r, 2);
  e.month = YearMonth::Parse(Str(r, 3));
  e.percent = Percent::FromTenths(I64(r, 4));
  e.note = Str(r, 5);
  e.rowVersion = I64(r, 6);
  return e;
}
const char* const kContractProgressSelect =
    "SELECT id, contract_id, project_id, month, percent_tenths, note, row_version FROM contract_progress";

Contract ReadContract(const Row& r) {
  Contract c;
  c.id = I64(r, 0);
  c.code = Str(r, 1);
  c.projectId = I64(r, 2);
  c.kind = EnumCol<ContractKind>(r, 3);
  c.counterparty = Str(r, 4);
  c.amount = Money::FromFen(I64(r, 5));
  c.signedDate = OptDate(r, 6);
  c.advanceRate = Rate::FromBasisPoints(I64(r, 7));
  // A rate above 0 was always the contract's own (files from before schema 9).
  if (I64(r, 13) != 0 || I64(r, 8) != 0) c.retentionRate = Rate::FromBasisPoints(I64(r, 8));
  c.note = Str(r, 9);
  c.rowVersion = I64(r, 10);
  if (std::string how = Str(r, 11); !how.empty()) c.procurement = EnumCol<Procurement>(r, 11);
  c.awardNo = Str(r, 12);
  c.advanceRecoverFrom = OptPercent(r, 14);
  c.advanceRecoverTo = OptPercent(r, 15);
  return c;
}
const char* const kContractSelect =
    "SELECT id, code, project_id, kind, counterparty, amount, signed_date, advance_bp, "
    "retention_bp, note, row_version, procurement, award_no, retention_stated, "
    "advance_recover_from_tenths, advance_recover_to_tenths FROM contracts";

Payment ReadPayment(const Row& r) {
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
const char* const kPaymentColumns =
    "p.id, p.project_id, p.contract_id, p.source_id, p.cost_category, p.date, p.amount, p.kind, "
    "p.voucher, p.payee, p.reverses_id, p.note";
const char* const kPaymentSelect =
    "SELECT p.id, p.project_id, p.contract_id, p.source_id, p.cost_category, p.date, p.amount, p.kind, "
    "p.voucher, p.payee, p.reverses_id, p.note FROM payments p";


std::string ProjectByIdQuery() { return std::string("SELECT ") + kProjectColumns + " FROM projects p WHERE p.id = :id"; }
std::string PaymentsOfProjectQuery() { return std::string(kPaymentSelect) + " WHERE project_id = :id ORDER BY date, id"; }
std::string TemplateQuery() { return std::string(kTemplateStepSelect) + " ORDER BY step_order"; }
std::string FundKindsQuery() { return std::string(kFundKindSelect) + " ORDER BY sort_order, name"; }
const char* const kSettingsQuery = "SELECT key, value FROM settings";

const char* const kFundKindSelect =
    "SELECT name, level, default_eligible, sort_order, note, row_version FROM fund_kinds";
FundKind ReadFundKind(const Row& r) {
  FundKind k;
  k.name = Str(r, 0);
  k.level = EnumCol<SourceLevel>(r, 1);
  k.defaultEligible = CategorySet::Parse(Str(r, 2), CategorySet());
  k.sortOrder = static_cast<int>(I64(r, 3));
  k.note = Str(r, 4);
  k.rowVersion = I64(r, 5);
  return k;
}


const char* const kTemplateStepSelect =
    "SELECT id, step_order, name, issuer, required_before_start, note, row_version "
    "FROM procedure_template";
ProcedureTemplateStep ReadTemplateStep(const Row& r) {
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


}  // namespace sb::storage
