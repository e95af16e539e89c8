#include <doctest/doctest.h>

#include "core/error.h"
#include "core/rules.h"
#include "core/ledger.h"
#include "core/schedule.h"
#include "portfolio_builder.h"

using namespace sb;
using namespace sb::test;

namespace {

constexpr CostCategory kLand = CostCategory::Land;
constexpr CostCategory kBuild = CostCategory::Construction;
constexpr CostCategory kEquip = CostCategory::Equipment;

std::vector<Finding> Of(const std::vector<Finding>& all, std::string_view code) {
  std::vector<Finding> out;
  for (const auto& f : all)
    if (f.code == code) out.push_back(f);
  return out;
}

bool Has(const std::vector<Finding>& all, std::string_view code) { return !Of(all, code).empty(); }

// The single finding of this code (fails the test when there is none or several).
Finding One(const std::vector<Finding>& all, std::string_view code) {
  auto found = Of(all, code);
  REQUIRE(found.size() == 1);
  return found[0];
}

bool Says(const Finding& f, std::string_view text) {
  return f.message.find(text) != std::string::npos;
}

// A works project fully funded by county money, with all permits: the base of the
// payment tests, so that only the rule under test can fire.
struct WorksProject {
  PortfolioBuilder b;
  Id project = 0, county = 0, contract = 0;
  explicit WorksProject(const char* contractWan = "1000", std::optional<int> retentionBp = 300,
                        int advanceBp = 0) {
    project = b.Project("LX-01");
    b.Budget(project, kBuild, Wan("2000"));
    county = b.Source("县级财政", CategorySet::All(), "县级财政");
    b.Fund(project, county, Wan("2000"));
    b.AllPermits(project);
    contract = b.Contract(project, ContractKind::Works, Wan(contractWan), retentionBp, advanceBp);
  }
  Id Pay(Money m, PaymentKind kind = PaymentKind::Progress) {
    return b.Pay(project, county, kBuild, m, contract, kind);
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------

TEST_CASE("a sound project raises nothing") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.ProjectRef(p).plannedStart = D("2021-03-01");
  b.ProjectRef(p).plannedFinish = D("2022-02-28");
  b.ProjectRef(p).actualStart = D("2021-03-05");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All());
  Id central = b.Source("中央预算内投资", Only({kBuild, kEquip}));
  b.Fund(p, loan, Wan("100")).Fund(p, central, Wan("500"));
  b.AllPermits(p);
  Id works = b.Contract(p, ContractKind::Works, Wan("480"));
  b.Progress(p, "2021-04", 100).Progress(p, "2021-05", 250).Progress(p, "2021-06", 400);
  b.Pay(p, loan, kLand, Wan("100"), std::nullopt, PaymentKind::LandCompensation);
  // 160 paid: within June's 40% × 480 = 192, above 80% of May's 25% × 480 (due by 30 June).
  b.Pay(p, central, kBuild, Wan("150"), works);
  b.Pay(p, central, kBuild, Wan("10"), works);
  auto all = Evaluate(b.Build(), D("2021-07-10"));
  for (const auto& f : all) INFO(f.code << ": " << f.message);
  CHECK(all.empty());
}

// --- money ---------------------------------------------------------------------------

TEST_CASE("committed funds below the approved budget are a funding gap") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All());
  b.Allocate(p, central, Wan("500")).Allocate(p, loan, Wan("50"));
  b.Receive(p, central, Wan("300"));
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  const Finding& f = One(all, "FUNDING_GAP");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.amount == Wan("50"));
  CHECK(f.actual == Wan("550"));
  CHECK(f.limit == Wan("600"));
  CHECK(f.title == "资金缺口");
  CHECK(f.projectCode == "LX-01");
  CHECK(Says(f, "概算总投资600.00万元"));
  CHECK(Says(f, "已下达550.00万元"));
  CHECK(Says(f, "已到位300.00万元"));
  CHECK(Says(f, "资金缺口50.00万元"));
  CHECK(!f.rule.empty());
}

TEST_CASE("committed funds equal to the budget are no funding gap") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("600"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, county, Wan("599.999999")).Allocate(p, county, Yuan("0.01"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "FUNDING_GAP"));
}

TEST_CASE("a reserve project's funding gap is a notice, a closed project's none") {
  PortfolioBuilder b;
  Id reserve = b.Project("CB-01", "南坑镇", ProjectStatus::Planned);
  Id closed = b.Project("JS-01", "南坑镇", ProjectStatus::Closed);
  b.Budget(reserve, kBuild, Wan("300")).Budget(closed, kBuild, Wan("300"));
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  const Finding& f = One(all, "FUNDING_GAP");
  CHECK(f.projectCode == "CB-01");
  CHECK(f.severity == Severity::Notice);
}

TEST_CASE("land that no eligible source can pay is a category gap even when the total is funded") {
  PortfolioBuilder b;
  Id p = b.Project("LX-02");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All());
  b.Allocate(p, central, Wan("550")).Allocate(p, loan, Wan("50"));
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  CHECK(!Has(all, "FUNDING_GAP"));
  const Finding& f = One(all, "CATEGORY_GAP");
  CHECK(f.category == kLand);
  CHECK(f.amount == Wan("50"));
  CHECK(f.actual == Wan("50"));
  CHECK(f.limit == Wan("100"));
  CHECK(Says(f, "征地拆迁概算100.00万元"));
  CHECK(Says(f, "缺口50.00万元"));
  // The loan could pay land, but all of it is already where nothing else may go.
  CHECK(Says(f, "可用于征地拆迁的来源已分配：教育扶贫贷款50.00万元（本类已用50.00万元）；其余来源不得用于征地拆迁"));
}

TEST_CASE("land covered by the loan once the central fund takes construction is no category gap") {
  PortfolioBuilder b;
  Id p = b.Project("LX-02");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All());
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  b.Allocate(p, loan, Wan("300")).Allocate(p, central, Wan("400"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "CATEGORY_GAP"));
}

TEST_CASE("a category gap with no eligible source at all says so") {
  PortfolioBuilder b;
  Id p = b.Project("LX-03");
  b.Budget(p, kLand, Wan("80"));
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  b.Allocate(p, central, Wan("80"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "CATEGORY_GAP");
  CHECK(Says(f, "没有可用于征地拆迁的来源"));
}

TEST_CASE("central funds paying for land acquisition are an ineligible payment") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id central = b.Source("中央预算内投资", Only({kBuild, kEquip}));
  b.Fund(p, central, Wan("600"));
  Id pay = b.Pay(p, central, kLand, Wan("12.5"), std::nullopt, PaymentKind::LandCompensation,
                 "2021-05-20");
  b.Pay(p, central, kBuild, Wan("100"));
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  const Finding& f = One(all, "INELIGIBLE_PAYMENT");
  CHECK(f.severity == Severity::Error);
  CHECK(f.paymentId == pay);
  CHECK(f.sourceId == central);
  CHECK(f.category == kLand);
  CHECK(f.amount == Wan("12.5"));
  CHECK(Says(f, "2021年5月20日"));
  CHECK(Says(f, "征地拆迁12.50万元"));
  CHECK(Says(f, "只能用于建安工程、设备购置"));
  CHECK(f.rule.find("X财教〔2021〕") != std::string::npos);
}

TEST_CASE("an ineligible payment reversed by a red entry is no longer flagged") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100"));
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  b.Fund(p, central, Wan("100"));
  Id pay = b.Pay(p, central, kLand, Wan("12.5"));
  b.Reverse(pay);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "INELIGIBLE_PAYMENT"));
}

TEST_CASE("paying more from a source than it has delivered overdraws it") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("500"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, county, Wan("500")).Receive(p, county, Wan("100"));
  b.Pay(p, county, kBuild, Wan("60"));
  b.Pay(p, county, kBuild, Yuan("400000.01"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "SOURCE_OVERDRAWN");
  CHECK(f.severity == Severity::Error);
  CHECK(f.sourceId == county);
  CHECK(f.amount == Yuan("0.01"));
  CHECK(f.limit == Wan("100"));
  CHECK(Says(f, "到位100.00万元"));
  CHECK(Says(f, "已拨付100.000001万元"));
}

TEST_CASE("paying exactly what a source delivered, or less after a reversal, does not overdraw it") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("500"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, county, Wan("500")).Receive(p, county, Wan("100"));
  b.Pay(p, county, kBuild, Wan("100"));
  Id wrong = b.Pay(p, county, kBuild, Wan("30"));
  b.Reverse(wrong);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "SOURCE_OVERDRAWN"));
}

TEST_CASE("contracts beyond a category's budget while the total holds are a warning naming the contingency left") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("500")).Budget(p, kEquip, Wan("50"));
  b.Contract(p, ContractKind::Works, Wan("480"));
  b.Contract(p, ContractKind::Supervision, Wan("20.01"));  // 其他费用 has no budget
  b.Contract(p, ContractKind::Works, Wan("20.01"));
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  auto over = Of(all, "OVER_BUDGET");
  REQUIRE(over.size() == 2);
  CHECK(over[0].category == kBuild);
  CHECK(over[0].amount == Wan("0.01"));
  CHECK(Says(over[0], "建安工程概算500.00万元，合同合计500.01万元"));
  CHECK(over[0].severity == Severity::Warning);
  CHECK(Says(over[0], "项目总额仍在概算内，预备费尚余0.00万元"));
  // 其他费用: a supervision contract with no budget line.
  CHECK(over[1].category == CostCategory::Other);
  CHECK(over[1].amount == Wan("20.01"));
  CHECK(over[1].severity == Severity::Warning);
  CHECK(over[1].rule.find("政府投资条例》第二十三条") != std::string::npos);
}

TEST_CASE("a category over budget is an error once the total is over too") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("500")).Budget(p, CostCategory::Contingency, Wan("30"));
  b.Contract(p, ContractKind::Works, Wan("520"));
  auto within = Of(Evaluate(b.Build(), D("2021-07-01")), "OVER_BUDGET");
  REQUIRE(within.size() == 1);
  CHECK(within[0].severity == Severity::Warning);
  CHECK(Says(within[0], "预备费尚余30.00万元"));
  b.Contract(p, ContractKind::Works, Wan("10.01"));  // 530.01 > 530
  auto over = Of(Evaluate(b.Build(), D("2021-07-01")), "OVER_BUDGET");
  REQUIRE(over.size() == 2);
  CHECK(over[0].severity == Severity::Error);
  CHECK(over[1].severity == Severity::Error);
  CHECK(over[1].amount == Wan("0.01"));
}

TEST_CASE("payments beyond the approved total are over budget, payments up to it are not") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Fund(p, county, Wan("200"));
  b.Pay(p, county, kLand, Wan("100"), std::nullopt, PaymentKind::LandCompensation);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "OVER_BUDGET"));

  b.Pay(p, county, kLand, Yuan("0.01"), std::nullopt, PaymentKind::LandCompensation);
  auto over = Of(Evaluate(b.Build(), D("2021-07-01")), "OVER_BUDGET");
  REQUIRE(over.size() == 2);  // the category and the project total
  CHECK(over[0].category == kLand);
  CHECK(!over[1].category);
  CHECK(over[1].amount == Yuan("0.01"));
  CHECK(Says(over[1], "超出概算总投资0.000001万元"));
}

TEST_CASE("contracts signed before any budget is entered ask for the budget once") {
  PortfolioBuilder b;
  Id p = b.Project("XF-02");
  b.Contract(p, ContractKind::Works, Wan("2600"));
  b.Contract(p, ContractKind::Supervision, Wan("40"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "OVER_BUDGET");
  CHECK(!f.category);
  CHECK(f.amount == Wan("2640"));
  CHECK(Says(f, "项目尚未录入概算，合同合计2,640.00万元"));
}

TEST_CASE("payments on a contract beyond its amount are over contract") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, CostCategory::Preliminary, Wan("100"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Fund(p, county, Wan("100"));
  Id design = b.Contract(p, ContractKind::Design, Wan("30"));
  b.Pay(p, county, CostCategory::Preliminary, Wan("20"), design);
  b.Pay(p, county, CostCategory::Preliminary, Wan("10"), design);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "OVER_CONTRACT"));

  b.Pay(p, county, CostCategory::Preliminary, Yuan("1.00"), design);
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "OVER_CONTRACT");
  CHECK(f.contractId == design);
  CHECK(f.amount == Yuan("1"));
  CHECK(f.limit == Wan("30"));
  CHECK(Says(f, "设计合同HT-"));
  CHECK(Says(f, "合同额30.00万元"));
  CHECK(Says(f, "超出合同金额0.0001万元"));
}

TEST_CASE("payments beyond certified work plus the agreed advance are ahead of progress") {
  // 1000万元 works contract, 10% advance, 50% complete: at most 500 + 100 = 600万元.
  WorksProject w("1000", 300, 1000);
  w.b.Progress(w.project, "2021-06", 500);
  w.Pay(Wan("100"), PaymentKind::Advance);
  w.Pay(Wan("500"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS"));

  w.Pay(Wan("10"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS");
  CHECK(f.contractId == w.contract);
  CHECK(f.amount == Wan("10"));
  CHECK(f.limit == Wan("600"));
  CHECK(f.percent == Percent::FromTenths(500));
  CHECK(Says(f, "形象进度50.0%"));
  CHECK(Says(f, "已完工程价值500.00万元"));
  CHECK(Says(f, "其中预付款100.00万元"));
  CHECK(Says(f, "超进度拨付10.00万元"));
}

TEST_CASE("an advance beyond the contract's advance rate counts as paying ahead of progress") {
  WorksProject w("1000", 300, 1000);
  w.b.Progress(w.project, "2021-06", 0);
  w.Pay(Wan("150"), PaymentKind::Advance);  // 10% allowed: 50 too much
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS");
  CHECK(f.amount == Wan("50"));
}

TEST_CASE("payment beyond 97% before settlement is flagged") {
  WorksProject w("1000", 300);
  w.b.Progress(w.project, "2021-06", 1000);
  w.Pay(Wan("970"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD"));

  w.Pay(Yuan("100"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD");
  CHECK(f.contractId == w.contract);
  CHECK(f.amount == Yuan("100"));
  CHECK(f.limit == Wan("970"));
  CHECK(Says(f, "结算审核尚未办结"));
  CHECK(Says(f, "超过合同额的97%（970.00万元）0.01万元"));
  CHECK(Says(f, "未留足3%质保金"));
}

TEST_CASE("paying up to the full contract once the settlement audit is done keeps no retention warning") {
  WorksProject w("1000", 300);
  w.b.Progress(w.project, "2021-06", 1000);
  w.b.Step(w.project, "结算审核", StepStatus::Done, D("2021-06-20"));
  w.Pay(Wan("1000"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD"));
}

TEST_CASE("a contract stating no retention rate holds the county default") {
  WorksProject w("1000", std::nullopt);
  w.b.Progress(w.project, "2021-06", 1000);
  w.b.Set("rule.default_retention_bp", "500");
  w.Pay(Wan("950"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD"));
  w.Pay(Wan("1"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD");
  CHECK(f.amount == Wan("1"));
  CHECK(f.rule.find("rule.default_retention_bp=500") != std::string::npos);
}

TEST_CASE("paying less than 80% of certified work once due leaves the contractor owed") {
  // May: 60% of 1000万元 certified = 600万元; at least 480万元 due by 30 June.
  WorksProject w("1000");
  w.b.Progress(w.project, "2021-05", 600);
  w.Pay(Yuan("4799999.99"));
  auto all = Evaluate(w.b.Build(), D("2021-07-01"));
  const Finding& f = One(all, "UNDERPAID_PROGRESS");
  CHECK(f.contractId == w.contract);
  CHECK(f.amount == Yuan("0.01"));
  CHECK(f.limit == Wan("480"));
  CHECK(f.deadline == D("2021-06-30"));
  CHECK(Says(f, "2021年5月形象进度60.0%"));
  CHECK(Says(f, "已完工程价值600.00万元"));
  CHECK(Says(f, "应至少拨付80%即480.00万元"));
  CHECK(f.rule.find("rule.underpaid_percent=80") != std::string::npos);
}

TEST_CASE("paying exactly 80% of certified work is not underpaid") {
  WorksProject w("1000");
  w.b.Progress(w.project, "2021-05", 600);
  w.Pay(Wan("480"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS"));
}

TEST_CASE("work certified this month is not owed before the payment term has run") {
  WorksProject w("1000");
  w.b.Progress(w.project, "2021-05", 600);
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-06-30")), "UNDERPAID_PROGRESS"));
  CHECK(Has(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS"));
}

TEST_CASE("a works contract with progress of its own is measured by it, the others by the project's") {
  // The building (1000万元) follows the project's 60%; the sports ground (200万元) records
  // its own 20%: certified 600 and 40万元.
  WorksProject w("1000");
  Id ground = w.b.Contract(w.project, ContractKind::Works, Wan("200"));
  w.b.Progress(w.project, "2021-05", 600);
  w.b.ContractProgressOf(ground, "2021-05", 200);
  w.Pay(Wan("480"));
  w.b.Pay(w.project, w.county, kBuild, Wan("32"), ground);
  auto all = Evaluate(w.b.Build(), D("2021-07-01"));
  CHECK(!Has(all, "UNDERPAID_PROGRESS"));  // 80% of 40万元 is 32万元, paid
  CHECK(!Has(all, "PAY_AHEAD_OF_PROGRESS"));
  Ledger l = BuildLedger(w.b.Build());
  CHECK(l.Contract(ground)->certified == Wan("40"));
  CHECK(l.Contract(ground)->ownPercent == Percent::FromTenths(200));
  CHECK(l.Contract(w.contract)->certified == Wan("600"));
  CHECK(!l.Contract(w.contract)->ownPercent);

  // 1元 beyond the ground's certified 40万元 is ahead of its progress, though the
  // project's 60% would allow 120万元.
  w.b.Pay(w.project, w.county, kBuild, Yuan("80000.01"), ground);
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS");
  CHECK(f.contractId == ground);
  CHECK(f.amount == Yuan("0.01"));
  CHECK(f.limit == Wan("40"));
  CHECK(f.percent == Percent::FromTenths(200));
  CHECK(Says(f, "2021年5月本合同形象进度20.0%"));
  CHECK(Says(f, "已完工程价值40.00万元"));
}

TEST_CASE("a works contract's own progress decides what it is owed once due") {
  // The ground's own 50% of May: 100万元 certified, at least 80万元 by 30 June.
  WorksProject w("1000");
  Id ground = w.b.Contract(w.project, ContractKind::Works, Wan("200"));
  w.b.Progress(w.project, "2021-05", 100);
  w.b.ContractProgressOf(ground, "2021-05", 500);
  w.Pay(Wan("80"));
  w.b.Pay(w.project, w.county, kBuild, Yuan("799999.99"), ground);
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-06-30")), "UNDERPAID_PROGRESS"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS");
  CHECK(f.contractId == ground);
  CHECK(f.amount == Yuan("0.01"));
  CHECK(f.limit == Wan("80"));
  CHECK(Says(f, "2021年5月本合同形象进度50.0%"));
  // Its June entry is not due yet: May's still decides on 1 July.
  w.b.ContractProgressOf(ground, "2021-06", 900);
  CHECK(One(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS").limit == Wan("80"));
  // Paid the cent: nothing owed.
  w.b.Pay(w.project, w.county, kBuild, Yuan("0.01"), ground);
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS"));
}

TEST_CASE("the underpaid threshold is the county's setting") {
  WorksProject w("1000");
  w.b.Progress(w.project, "2021-05", 600);
  w.b.Set("rule.underpaid_percent", "70");
  w.Pay(Wan("420"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "UNDERPAID_PROGRESS"));
}

// --- procedures -----------------------------------------------------------------------

TEST_CASE("starting work without the building permit is working without permits") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.ProjectRef(p).actualStart = D("2021-04-01");
  for (const auto& t : b.Build().procedureTemplate)
    if (t.requiredBeforeStart && t.name != "施工许可证" && t.name != "环境影响评价")
      b.Step(p, t.name, StepStatus::Done, D("2021-03-01"));
  b.Step(p, "环境影响评价", StepStatus::NotApplicable);
  b.Step(p, "施工许可证", StepStatus::InProgress);
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "NO_PERMIT_START");
  CHECK(f.severity == Severity::Error);
  CHECK(f.date == D("2021-04-01"));
  CHECK(Says(f, "已于2021年4月1日开工"));
  CHECK(Says(f, "尚未办结：施工许可证"));
  CHECK(!Says(f, "环境影响评价"));
}

TEST_CASE("starting work with every required step done or not applicable is fine") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.ProjectRef(p).actualStart = D("2021-04-01");
  for (const auto& t : b.Build().procedureTemplate)
    if (t.requiredBeforeStart)
      b.Step(p, t.name, t.name == "环境影响评价" ? StepStatus::NotApplicable : StepStatus::Done,
             t.name == "环境影响评价" ? std::nullopt : std::optional<Date>(D("2021-03-01")));
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "NO_PERMIT_START"));
}

TEST_CASE("progress reported without an actual start still counts as starting work") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Progress(p, "2021-05", 0);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "NO_PERMIT_START"));
  b.Progress(p, "2021-06", 50);
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "NO_PERMIT_START");
  CHECK(Says(f, "已填报形象进度5.0%"));
  CHECK(Says(f, "立项批复"));  // never recorded: 未办
}

TEST_CASE("a step past its planned date and not done is overdue") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Preparation);
  b.Step(p, "施工图审查", StepStatus::InProgress, std::nullopt, D("2021-05-31"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-05-31")), "PROCEDURE_OVERDUE"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-06-01")), "PROCEDURE_OVERDUE");
  CHECK(f.daysLate == 1);
  CHECK(f.stepTemplateId == 108);
  CHECK(Says(f, "“施工图审查”计划2021年5月31日办结，目前办理中，已逾期1天"));
}

TEST_CASE("a step done or not applicable is never overdue") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Preparation);
  b.Step(p, "施工图审查", StepStatus::Done, D("2021-06-05"), D("2021-05-31"));
  b.Step(p, "环境影响评价", StepStatus::NotApplicable, std::nullopt, D("2021-01-31"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "PROCEDURE_OVERDUE"));
}

TEST_CASE("a building permit held more than 3 months without starting work is flagged") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Preparation);
  b.Step(p, "施工许可证", StepStatus::Done, D("2021-03-15"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-06-15")), "PERMIT_NOT_STARTED"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-06-16")), "PERMIT_NOT_STARTED");
  CHECK(f.deadline == D("2021-06-15"));
  CHECK(f.daysLate == 1);
  CHECK(Says(f, "施工许可证已于2021年3月15日领取，应在2021年6月15日前开工"));
  CHECK(f.rule.find("建筑法") != std::string::npos);
  CHECK(f.rule.find("rule.permit_start_months=3") != std::string::npos);
}

TEST_CASE("a building permit issued on 30 November must be used by 28 February") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Preparation);
  b.Step(p, "施工许可证", StepStatus::Done, D("2021-11-30"));
  CHECK(!Has(Evaluate(b.Build(), D("2022-02-28")), "PERMIT_NOT_STARTED"));
  CHECK(Has(Evaluate(b.Build(), D("2022-03-01")), "PERMIT_NOT_STARTED"));
  b.ProjectRef(p).actualStart = D("2022-02-20");
  CHECK(!Has(Evaluate(b.Build(), D("2022-03-01")), "PERMIT_NOT_STARTED"));
}

// --- progress --------------------------------------------------------------------------

TEST_CASE("progress more than 20 points behind the time-elapsed target is behind schedule") {
  // 100 days planned; on day 60 the target is 60.0%.
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.ProjectRef(p).plannedStart = D("2021-01-01");
  b.ProjectRef(p).plannedFinish = D("2021-04-11");
  b.Progress(p, "2021-02", 400);
  CHECK(!Has(Evaluate(b.Build(), D("2021-03-02")), "BEHIND_SCHEDULE"));  // exactly 20 points

  b.Progress(p, "2021-03", 399);
  const Finding& f = One(Evaluate(b.Build(), D("2021-03-02")), "BEHIND_SCHEDULE");
  CHECK(f.expected == Percent::FromTenths(600));
  CHECK(f.expected == SchedulePercent(b.Build().projects[0], D("2021-03-02")));  // the report's 序时进度
  CHECK(f.percent == Percent::FromTenths(399));
  CHECK(Says(f, "序时进度60.0%，形象进度39.9%，落后20.1个百分点（允许20个）"));
  CHECK(f.rule.find("rule.behind_schedule_points=20") != std::string::npos);
}

TEST_CASE("a finished project or one before its planned start is never behind schedule") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Finished);
  b.ProjectRef(p).plannedStart = D("2021-01-01");
  b.ProjectRef(p).plannedFinish = D("2021-04-11");
  Id q = b.Project("LX-02", "芦溪镇", ProjectStatus::Preparation);
  b.ProjectRef(q).plannedStart = D("2021-08-01");
  b.ProjectRef(q).plannedFinish = D("2021-12-31");
  CHECK(!Has(Evaluate(b.Build(), D("2021-08-01")), "BEHIND_SCHEDULE"));
}

TEST_CASE("no rise in % complete for 3 months under construction is stalled") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Progress(p, "2021-02", 300).Progress(p, "2021-03", 450);
  b.Progress(p, "2021-04", 450).Progress(p, "2021-05", 450).Progress(p, "2021-06", 450);
  CHECK(!Has(Evaluate(b.Build(), D("2021-06-30")), "STALLED"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "STALLED");
  CHECK(f.deadline == D("2021-06-30"));
  CHECK(Says(f, "自2021年3月（45.0%）以来已超过3个月没有增长"));
  CHECK(f.rule.find("rule.stalled_months=3") != std::string::npos);
}

TEST_CASE("a suspended project, a finished one at 100%, or a longer county setting is not stalled") {
  PortfolioBuilder b;
  Id suspended = b.Project("TG-01", "芦溪镇", ProjectStatus::Suspended);
  Id full = b.Project("WG-01");
  Id other = b.Project("LX-01");
  b.Progress(suspended, "2021-03", 450).Progress(full, "2021-03", 1000).Progress(other, "2021-03", 450);
  b.Set("rule.stalled_months", "4");
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "STALLED"));
  CHECK(Has(Evaluate(b.Build(), D("2021-08-01")), "STALLED"));
}

TEST_CASE("% complete lower than the month before is a decrease") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Progress(p, "2021-04", 500).Progress(p, "2021-05", 500);
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "PROGRESS_DECREASED"));
  b.Progress(p, "2021-06", 480);
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "PROGRESS_DECREASED");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.percent == Percent::FromTenths(480));
  CHECK(f.expected == Percent::FromTenths(500));
  CHECK(Says(f, "2021年6月形象进度48.0%，低于上次填报（2021年5月）的50.0%，且未在“存在问题”中说明原因"));
}

TEST_CASE("a decrease explained in the problems column is only a notice") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Progress(p, "2021-05", 500).Progress(p, "2021-06", 480, "上月多报，已按监理核定数更正");
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "PROGRESS_DECREASED");
  CHECK(f.severity == Severity::Notice);
  CHECK(Says(f, "已按监理核定数更正"));
}

// --- completion ------------------------------------------------------------------------

TEST_CASE("settlement audit of works under 500万元 overdue after 20 days") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Accepted);
  b.Contract(p, ContractKind::Works, Wan("499.99"));
  b.Step(p, "竣工验收", StepStatus::Done, D("2021-06-01"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-06-21")), "SETTLEMENT_OVERDUE"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-06-22")), "SETTLEMENT_OVERDUE");
  CHECK(f.deadline == D("2021-06-21"));
  CHECK(f.daysLate == 1);
  CHECK(f.actual == Wan("499.99"));
  CHECK(Says(f, "项目于2021年6月1日竣工验收，施工合同额499.99万元，结算审核应在20天内（2021年6月21日前）办结"));
  CHECK(f.rule.find("财建〔2004〕369号") != std::string::npos);
}

TEST_CASE("settlement audit of works of 500万元 has 20 days: 以下 includes the amount") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Accepted);
  b.Contract(p, ContractKind::Works, Wan("500"));
  b.Step(p, "竣工验收", StepStatus::Done, D("2021-06-01"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-06-21")), "SETTLEMENT_OVERDUE"));
  CHECK(Has(Evaluate(b.Build(), D("2021-06-22")), "SETTLEMENT_OVERDUE"));
  b.Step(p, "结算审核", StepStatus::Done, D("2021-06-28"));
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-02")), "SETTLEMENT_OVERDUE"));
}

TEST_CASE("final accounts not done 3 months after the works finished are overdue") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Accepted);
  b.ProjectRef(p).actualStart = D("2020-03-01");
  b.ProjectRef(p).actualFinish = D("2021-03-31");
  CHECK(!Has(Evaluate(b.Build(), D("2021-06-30")), "ACCOUNTS_OVERDUE"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "ACCOUNTS_OVERDUE");
  CHECK(f.deadline == D("2021-06-30"));
  CHECK(Says(f, "项目于2021年3月31日完工，应在3个月内（2021年6月30日前）编报竣工财务决算"));
  CHECK(f.rule.find("财建〔2016〕503号）第二条") != std::string::npos);
  CHECK(f.rule.find("rule.accounts_months=3") != std::string::npos);
}

TEST_CASE("final accounts done, or a closed project, are not overdue") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Accepted);
  b.ProjectRef(p).actualStart = D("2020-03-01");
  b.ProjectRef(p).actualFinish = D("2021-03-31");
  b.Step(p, "竣工财务决算", StepStatus::Done, D("2021-06-20"));
  Id q = b.Project("LX-02", "芦溪镇", ProjectStatus::Closed);
  b.ProjectRef(q).actualStart = D("2020-03-01");
  b.ProjectRef(q).actualFinish = D("2021-03-31");
  CHECK(!Has(Evaluate(b.Build(), D("2021-09-01")), "ACCOUNTS_OVERDUE"));
}

// --- settings and helpers --------------------------------------------------------------

TEST_CASE("settlement days by contract size follow the county tiers") {
  RuleSettings rs = ReadRuleSettings(Settings());
  CHECK(rs.SettlementDaysFor(Wan("499.999999")) == 20);
  CHECK(rs.SettlementDaysFor(Wan("500")) == 20);
  CHECK(rs.SettlementDaysFor(Wan("500.000001")) == 30);
  CHECK(rs.SettlementDaysFor(Wan("2000")) == 30);
  CHECK(rs.SettlementDaysFor(Wan("2000.01")) == 45);
  CHECK(rs.SettlementDaysFor(Wan("5000")) == 45);
  CHECK(rs.SettlementDaysFor(Wan("5000.01")) == 60);
  CHECK(rs.SettlementDaysFor(Wan("90000")) == 60);
  CHECK(ParseSettlementTiers("300：15；*：40").size() == 2);
}

TEST_CASE("an unusable rule setting is refused with the key named") {
  CHECK_THROWS_WITH_AS(ParseSettlementTiers("2000:30;500:20"), doctest::Contains("从小到大"), Error);
  CHECK_THROWS_WITH_AS(ParseSettlementTiers("*:60;500:20"), doctest::Contains("最后一档"), Error);
  CHECK_THROWS_AS(ParseSettlementTiers("500-20"), Error);
  PortfolioBuilder b;
  b.Project("LX-01");
  b.Set("rule.stalled_months", "三");
  CHECK_THROWS_WITH_AS(Evaluate(b.Build(), D("2021-07-01")),
                       doctest::Contains("rule.stalled_months"), Error);
}

TEST_CASE("months are added as the statute counts them") {
  CHECK(AddMonths(D("2021-03-15"), 3) == D("2021-06-15"));
  CHECK(AddMonths(D("2021-11-30"), 3) == D("2022-02-28"));
  CHECK(AddMonths(D("2021-02-28"), 3) == D("2021-05-28"));
  CHECK(AddMonths(D("2021-10-31"), 3) == D("2022-01-31"));
}

TEST_CASE("every code in the catalog has a title and the findings carry it") {
  CHECK(RuleCatalog().size() == 26);
  for (const auto& r : RuleCatalog()) {
    CHECK(!r.title.empty());
    CHECK(!r.when.empty());
    CHECK(!r.basis.empty());
    CHECK(FindRule(r.code) == &r);
    // Every code is evaluated by its rule function, except the report's own.
    CHECK((r.evaluate != nullptr) == (r.code != kClosedMonthChanged));
  }
  REQUIRE(FindRule("CLOSED_MONTH_CHANGED"));
  CHECK(FindRule("CLOSED_MONTH_CHANGED")->family == RuleFamily::Report);
  CHECK(ParseSeverity("warning") == Severity::Warning);
  CHECK(ParseSeverity("错误") == Severity::Error);  // the word of earlier versions
  CHECK(ParseSeverity("严重") == Severity::Error);
  CHECK(ParseSeverity("黄色预警") == Severity::Warning);
  CHECK(SeverityLabel(Severity::Error) == "严重");
  CHECK(SeverityLabel(Severity::Warning) == "一般");
  CHECK(SeverityLabel(Severity::Notice) == "提示");
  CHECK(SeverityName(Severity::Notice) == "notice");
}

TEST_CASE("the whole county is evaluated in one pass") {
  // 2,000 projects with 20 payments each: any per-project scan of all payments would
  // be 80 million steps; this must stay instant.
  PortfolioBuilder b;
  Id county = b.Source("县级财政", CategorySet::All());
  for (int i = 0; i < 2000; ++i) {
    Id p = b.Project("P" + std::to_string(i), "镇" + std::to_string(i % 12));
    b.Budget(p, kBuild, Wan("100"));
    b.Fund(p, county, Wan("100"));
    Id k = b.Contract(p, ContractKind::Works, Wan("100"));
    for (int j = 0; j < 20; ++j) b.Pay(p, county, kBuild, Wan("5"), k);
  }
  auto all = Evaluate(b.Build(), D("2021-07-01"));
  // Paid 100% of each works contract with no progress and no permits recorded.
  CHECK(Of(all, "PAY_AHEAD_OF_PROGRESS").size() == 2000);
  CHECK(Of(all, "RETENTION_NOT_HELD").size() == 2000);
  CHECK(!Has(all, "OVER_CONTRACT"));
}

// ---- what auditors check: idle money, payments before the contract, 未批先建 ------------------

TEST_CASE("money received 6 months ago of which less than 30% is paid is idle") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("3000"));
  b.AllPermits(p);
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  b.Allocate(p, central, Wan("2400"), "2025-01-10").Receive(p, central, Wan("2400"), "2025-03-10");
  b.Pay(p, central, kBuild, Wan("719.99"), {}, PaymentKind::Progress, "2025-05-10");
  // Six months after arrival (10 September): not yet.
  CHECK(!Has(Evaluate(b.Build(), D("2025-09-10")), "IDLE_FUNDS"));
  const Finding& f = One(Evaluate(b.Build(), D("2025-09-11")), "IDLE_FUNDS");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.sourceId == central);
  CHECK(f.amount == Wan("1680.01"));
  CHECK(Says(f, "“中央预算内投资”最早于2025年3月10日到位，6个月前到位的2,400.00万元至今只支付719.99万元（30.0%），1,680.01万元已闲置约6个月"));
  CHECK(f.rule.find("rule.idle_months=6") != std::string::npos);
  // 30% paid (720万) is the limit itself: no longer idle.
  b.Pay(p, central, kBuild, Wan("0.01"), {}, PaymentKind::Progress, "2025-05-11");
  CHECK(!Has(Evaluate(b.Build(), D("2025-09-11")), "IDLE_FUNDS"));
}

TEST_CASE("idle money older than two years says it may be taken back") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  Id central = b.Source("中央专项", Only({kBuild}));
  b.Allocate(p, central, Wan("100"), "2023-01-05").Receive(p, central, Wan("100"), "2023-02-01");
  const Finding& f = One(Evaluate(b.Build(), D("2025-03-01")), "IDLE_FUNDS");
  CHECK(Says(f, "其中100.00万元到位已超过两年仍未支付，按规定可能被收回统筹使用"));
}

TEST_CASE("money committed 3 months ago and not arrived is flagged, not before") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  Id bond = b.Source("专项债券", Only({kBuild}));
  b.Allocate(p, bond, Wan("500"), "2025-06-30").Receive(p, bond, Wan("200"), "2025-08-01");
  CHECK(!Has(Evaluate(b.Build(), D("2025-09-30")), "FUNDS_NOT_ARRIVED"));
  const Finding& f = One(Evaluate(b.Build(), D("2025-10-01")), "FUNDS_NOT_ARRIVED");
  CHECK(f.amount == Wan("300"));
  CHECK(Says(f, "“专项债券”自2025年6月30日起向本项目下达500.00万元，超过3个月仍有300.00万元未到位（已到位200.00万元）"));
  b.Receive(p, bond, Wan("300"), "2025-09-15");
  CHECK(!Has(Evaluate(b.Build(), D("2025-10-01")), "FUNDS_NOT_ARRIVED"));
}

TEST_CASE("a payment on a contract dated before the contract was signed is flagged") {
  WorksProject w("1000");
  Id early = w.b.Pay(w.project, w.county, kBuild, Wan("10"), w.contract, PaymentKind::Advance, "2021-01-31");
  w.b.ContractRef(w.contract).signedDate = D("2021-02-01");
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAYMENT_BEFORE_CONTRACT");
  CHECK(f.severity == Severity::Error);
  CHECK(f.paymentId == early);
  CHECK(Says(f, "于2021年1月31日按施工合同"));
  CHECK(Says(f, "但该合同2021年2月1日才签订"));
  w.b.ContractRef(w.contract).signedDate = D("2021-01-31");  // signed that same day: fine
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "PAYMENT_BEFORE_CONTRACT"));
}

TEST_CASE("a contract signed before 2022-08-01 is held to 60% of certified work, a later one to 80%") {
  WorksProject w("1000");
  w.b.ContractRef(w.contract).signedDate = D("2022-07-31");
  w.b.Progress(w.project, "2022-09", 500);
  w.Pay(Wan("300"));  // 60% of 500万 certified
  CHECK(!Has(Evaluate(w.b.Build(), D("2022-12-01")), "UNDERPAID_PROGRESS"));
  w.b.ContractRef(w.contract).signedDate = D("2022-08-01");
  const Finding& f = One(Evaluate(w.b.Build(), D("2022-12-01")), "UNDERPAID_PROGRESS");
  CHECK(f.limit == Wan("400"));
  CHECK(f.rule.find("183号") != std::string::npos);
}

TEST_CASE("starting with a step other than the permit missing is 未批先建, citing 政府投资条例 第二十条") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.ProjectRef(p).actualStart = D("2021-04-01");
  b.AllPermits(p);
  b.Step(p, "初步设计及概算批复", StepStatus::InProgress);
  const Finding& f = One(Evaluate(b.Build(), D("2021-07-01")), "NO_PERMIT_START");
  CHECK(f.title == "未批先建");
  CHECK(Says(f, "尚未办结：初步设计及概算批复，属手续不全开工（未批先建）"));
  CHECK(f.rule.find("《政府投资条例》第二十条") != std::string::npos);
  CHECK(f.rule.find("建筑法") == std::string::npos);
}

TEST_CASE("a building permit marked not applicable is checked against the 30万元 / 300㎡ exemption") {
  auto started = [](const char* works, const char* area) {
    PortfolioBuilder b;
    Id p = b.Project("LX-01");
    b.ProjectRef(p).actualStart = D("2021-04-01");
    b.ProjectRef(p).floorArea = Area::Parse(area);
    b.Budget(p, kBuild, Wan(works));
    b.AllPermits(p);
    b.Step(p, "施工许可证", StepStatus::NotApplicable);
    return Evaluate(b.Build(), D("2021-07-01"));
  };
  const Finding& f = One(started("30.01", "1200"), "NO_PERMIT_START");
  CHECK(f.title == "无证施工");
  CHECK(Says(f, "施工许可证标为“不适用”，但建安工程概算30.01万元、建筑面积1200.00㎡，不在豁免范围内"));
  CHECK(f.rule.find("建筑法》第七条") != std::string::npos);
  CHECK(!Has(started("30", "1200"), "NO_PERMIT_START"));    // 30万元 and below: 以下 includes it
  CHECK(!Has(started("500", "300"), "NO_PERMIT_START"));    // 300㎡ and below
  CHECK(Has(started("500", "300.01"), "NO_PERMIT_START"));
}

TEST_CASE("a project more than 20 points behind the year's time elapsed is behind its annual plan") {
  // 2026: plan 1,200万; by the end of September (9/12 = 75.0%) 600万 done since January
  // (cumulative 1,000万 less 400万 at the end of 2025) = 50.0%: 25.0 points behind.
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Plan(p, 2026, Wan("1200")).Plan(p, 2025, Wan("9999"));
  b.Progress(p, "2025-12", 300, Wan("400")).Progress(p, "2026-09", 700, Wan("1000"));
  const Finding& f = One(Evaluate(b.Build(), D("2026-09-30")), "BEHIND_ANNUAL_PLAN");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.actual == Wan("600"));
  CHECK(f.limit == Wan("1200"));
  CHECK(f.amount == Wan("300"));  // what the time elapsed asks for (900万) less what was done
  CHECK(Says(f, "2026年计划投资1,200.00万元，1–9月完成投资600.00万元，完成年度计划50.0%，慢于时间进度（75.0%）25.0个百分点（允许20个）"));
  // On 29 September only August has ended, and nothing of 2026 is reported by then.
  CHECK(Says(One(Evaluate(b.Build(), D("2026-09-29")), "BEHIND_ANNUAL_PLAN"), "1–8月完成投资0.00万元"));
  // No plan for the year, or January not yet over: nothing to compare.
  CHECK(!Has(Evaluate(b.Build(), D("2027-01-15")), "BEHIND_ANNUAL_PLAN"));
  // 55.0% done at 75.0%: exactly 20 points is not more than 20.
  PortfolioBuilder c;
  Id q = c.Project("LX-02");
  c.Plan(q, 2026, Wan("1000")).Progress(q, "2026-09", 500, Wan("550"));
  CHECK(!Has(Evaluate(c.Build(), D("2026-09-30")), "BEHIND_ANNUAL_PLAN"));
}

TEST_CASE("a payment on a contract to someone other than its counterparty is a payee mismatch") {
  WorksProject w("1000");
  Id wrong = w.Pay(Wan("10"));
  w.b.PaymentRef(wrong).payee = "某劳务公司";
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAYEE_MISMATCH");
  CHECK(f.severity == Severity::Error);
  CHECK(f.paymentId == wrong);
  CHECK(Says(f, "收款单位却是“某劳务公司”，不是合同的施工单位"));
  // The counterparty written with a space or in full-width form is the same party …
  w.b.PaymentRef(wrong).payee = "某建设 公司";
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "PAYEE_MISMATCH"));
  // … and wages into the migrant workers' wage account are allowed.
  w.b.PaymentRef(wrong).payee = "某建设公司农民工工资专用账户";
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "PAYEE_MISMATCH"));
}

// --- procurement, retention, advance recovery (issue 14) ------------------------------

namespace {
// A contract of `kind` and `amount` in a project that needs nothing else, awarded by `how`.
std::vector<Finding> WithContract(ContractKind kind, Money amount, std::optional<Procurement> how) {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("5000")).Budget(p, CostCategory::Preliminary, Wan("500"))
      .Budget(p, kEquip, Wan("500")).Budget(p, CostCategory::Other, Wan("500"));
  Id county = b.Source("县级财政", CategorySet::All(), "县级财政");
  b.Fund(p, county, Wan("6500"));
  b.AllPermits(p);
  Id k = b.Contract(p, kind, amount);
  b.ContractRef(k).procurement = how;
  return Evaluate(b.Build(), D("2021-07-01"));
}
}  // namespace

TEST_CASE("a works contract of 400万元 not awarded by tender must be tendered: 以上 includes the amount") {
  auto all = WithContract(ContractKind::Works, Wan("400"), Procurement::CompetitiveNegotiation);
  const Finding& f = One(all, "TENDER_REQUIRED");
  CHECK(f.severity == Severity::Error);
  CHECK(f.amount == Wan("400"));
  CHECK(f.limit == Wan("400"));
  CHECK(Says(f, "施工合同HT-"));
  CHECK(Says(f, "达到必须招标的限额400.00万元（以上含本数），采购方式却是“竞争性谈判”，应当公开招标或邀请招标"));
  CHECK(f.rule.find("发展改革委令2018年第16号）第五条") != std::string::npos);
  CHECK(f.rule.find("rule.tender_works_wan=400") != std::string::npos);
  // Just inside: one 分 below 400万元.
  CHECK(!Has(WithContract(ContractKind::Works, Yuan("3999999.99"), Procurement::CompetitiveNegotiation),
             "TENDER_REQUIRED"));
  // Tendered, openly or by invitation: fine.
  CHECK(!Has(WithContract(ContractKind::Works, Wan("4000"), Procurement::InvitedTender), "TENDER_REQUIRED"));
  CHECK(!Has(WithContract(ContractKind::Works, Wan("4000"), Procurement::OpenTender), "TENDER_REQUIRED"));
}

TEST_CASE("goods from 200万元 and survey, design or supervision from 100万元 must be tendered") {
  CHECK(Has(WithContract(ContractKind::EquipmentPurchase, Wan("200"), Procurement::Inquiry), "TENDER_REQUIRED"));
  CHECK(!Has(WithContract(ContractKind::EquipmentPurchase, Yuan("1999999.99"), Procurement::Inquiry),
             "TENDER_REQUIRED"));
  for (ContractKind k : {ContractKind::Design, ContractKind::Survey, ContractKind::Supervision}) {
    const Finding& f = One(WithContract(k, Wan("100"), Procurement::DirectAward), "TENDER_REQUIRED");
    CHECK(f.limit == Wan("100"));
    CHECK(Says(f, "采购方式却是“直接委托”"));
    CHECK(f.rule.find("rule.tender_services_wan=100") != std::string::npos);
    CHECK(!Has(WithContract(k, Yuan("999999.99"), Procurement::DirectAward), "TENDER_REQUIRED"));
  }
  // Land compensation is not procured at all.
  CHECK(!Has(WithContract(ContractKind::LandCompensation, Wan("3000"), std::nullopt), "TENDER_REQUIRED"));
}

TEST_CASE("a contract over the tender threshold with no procurement method entered is a notice") {
  const Finding& f = One(WithContract(ContractKind::Works, Wan("480"), std::nullopt), "TENDER_REQUIRED");
  CHECK(f.severity == Severity::Notice);
  CHECK(Says(f, "未填写采购方式，无法确认是否依法招标"));
}

TEST_CASE("the tender thresholds are county settings") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kBuild, Wan("1000"));
  Id k = b.Contract(p, ContractKind::Works, Wan("450"));
  b.ContractRef(k).procurement = Procurement::CompetitiveConsultation;
  CHECK(Has(Evaluate(b.Build(), D("2021-07-01")), "TENDER_REQUIRED"));
  b.Set("rule.tender_works_wan", "500");
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "TENDER_REQUIRED"));
  b.Set("rule.tender_works_wan", "0");
  CHECK_THROWS_WITH(Evaluate(b.Build(), D("2021-07-01")), doctest::Contains("rule.tender_works_wan"));
}

TEST_CASE("design contracts of one project each below 100万元 that together reach it are split to avoid tender") {
  auto split = [](Money second, std::optional<Procurement> secondHow) {
    PortfolioBuilder b;
    Id p = b.Project("LX-01");
    b.Budget(p, CostCategory::Preliminary, Wan("300"));
    Id a = b.Contract(p, ContractKind::Design, Wan("60"));
    Id c = b.Contract(p, ContractKind::Design, second);
    b.ContractRef(a).procurement = Procurement::DirectAward;
    b.ContractRef(c).procurement = secondHow;
    return Evaluate(b.Build(), D("2021-07-01"));
  };
  const Finding& f = One(split(Wan("40"), Procurement::DirectAward), "TENDER_SPLIT");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.amount == Wan("100"));
  CHECK(f.limit == Wan("100"));
  CHECK(Says(f, "本项目2份设计合同每份都低于招标限额100.00万元、均未招标，合计100.00万元，达到限额"));
  CHECK(f.rule.find("招标投标法》第四条") != std::string::npos);
  // One 分 short of the threshold together, or one of them tendered: no split.
  CHECK(!Has(split(Yuan("399999.99"), Procurement::DirectAward), "TENDER_SPLIT"));
  CHECK(!Has(split(Wan("40"), Procurement::OpenTender), "TENDER_SPLIT"));
  // A contract of another kind does not count with them.
  PortfolioBuilder b;
  Id p = b.Project("LX-02");
  b.Budget(p, CostCategory::Preliminary, Wan("300"));
  b.ContractRef(b.Contract(p, ContractKind::Design, Wan("60"))).procurement = Procurement::DirectAward;
  b.ContractRef(b.Contract(p, ContractKind::Survey, Wan("40"))).procurement = Procurement::DirectAward;
  CHECK(!Has(Evaluate(b.Build(), D("2021-07-01")), "TENDER_SPLIT"));
}

TEST_CASE("the 招标 step is required before starting only when some contract must be tendered") {
  auto started = [](const char* worksWan) {
    PortfolioBuilder b;
    Id p = b.Project("LX-01");
    b.ProjectRef(p).actualStart = D("2021-04-01");
    b.Budget(p, kBuild, Wan("300"));
    for (const auto& t : b.Build().procedureTemplate)
      if (t.requiredBeforeStart && t.name != "招标") b.Step(p, t.name, StepStatus::Done, D("2021-03-01"));
    b.Step(p, "招标", StepStatus::InProgress);
    if (worksWan) b.Contract(p, ContractKind::Works, Wan(worksWan));
    return Evaluate(b.Build(), D("2021-07-01"));
  };
  CHECK(!Has(started("399.99"), "NO_PERMIT_START"));
  CHECK(!Has(started(nullptr), "NO_PERMIT_START"));  // no contract yet, 建安 300万元
  const Finding& f = One(started("400"), "NO_PERMIT_START");
  CHECK(f.title == "未批先建");
  CHECK(Says(f, "尚未办结：招标，属手续不全开工（未批先建）"));
}

TEST_CASE("a stated 0% retention (a guarantee instead) is not none stated") {
  WorksProject zero("1000", 0);
  zero.b.Progress(zero.project, "2021-06", 1000);
  zero.Pay(Wan("1000"));
  CHECK(!Has(Evaluate(zero.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD"));
  WorksProject none("1000", std::nullopt);
  none.b.Progress(none.project, "2021-06", 1000);
  none.Pay(Wan("970"));
  CHECK(!Has(Evaluate(none.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD"));
  none.Pay(Yuan("0.01"));
  const Finding& f = One(Evaluate(none.b.Build(), D("2021-07-01")), "RETENTION_NOT_HELD");
  CHECK(f.title == "未留足质保金");
  CHECK(f.limit == Wan("970"));
  CHECK(f.rule.find("rule.default_retention_bp=300") != std::string::npos);
}

TEST_CASE("retention still held 24 months after acceptance is not returned") {
  WorksProject w("1000", 300);
  w.b.Progress(w.project, "2021-06", 1000);
  w.b.Step(w.project, "竣工验收", StepStatus::Done, D("2021-06-30"));
  w.b.Step(w.project, "结算审核", StepStatus::Done, D("2021-07-20"));
  w.Pay(Wan("970"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2023-06-30")), "RETENTION_NOT_RETURNED"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2023-07-01")), "RETENTION_NOT_RETURNED");
  CHECK(f.contractId == w.contract);
  CHECK(f.amount == Wan("30"));
  CHECK(f.deadline == D("2023-06-30"));
  CHECK(f.daysLate == 1);
  CHECK(Says(f, "项目于2021年6月30日竣工验收，缺陷责任期24个月已于2023年6月30日届满，质保金30.00万元（3%）中仍有30.00万元未返还"));
  CHECK(f.rule.find("建质〔2017〕138号") != std::string::npos);
  CHECK(f.rule.find("rule.defects_months=24") != std::string::npos);
  // A shorter period agreed by the county.
  w.b.Set("rule.defects_months", "12");
  CHECK(Has(Evaluate(w.b.Build(), D("2022-07-01")), "RETENTION_NOT_RETURNED"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2022-06-30")), "RETENTION_NOT_RETURNED"));
  // Returned: paid in full.
  w.Pay(Wan("30"), PaymentKind::Retention);
  CHECK(!Has(Evaluate(w.b.Build(), D("2023-07-01")), "RETENTION_NOT_RETURNED"));
}

TEST_CASE("a contract without retention (stated 0%) has none to return") {
  WorksProject w("1000", 0);
  w.b.Step(w.project, "竣工验收", StepStatus::Done, D("2021-06-30"));
  w.Pay(Wan("900"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2024-01-01")), "RETENTION_NOT_RETURNED"));
}

TEST_CASE("an advance recovered linearly between two % complete points is deducted from what may be paid ahead") {
  // 1000万元, 10% advance recovered from 20% to 80% complete: at 50% half of it (50万元)
  // is recovered, so at most 500 + 50 = 550万元 may be paid.
  WorksProject w("1000", 300, 1000);
  w.b.ContractRef(w.contract).advanceRecoverFrom = Percent::FromTenths(200);
  w.b.ContractRef(w.contract).advanceRecoverTo = Percent::FromTenths(800);
  w.b.Progress(w.project, "2021-06", 500);
  w.Pay(Wan("100"), PaymentKind::Advance);
  w.Pay(Wan("450"));
  CHECK(!Has(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS"));
  w.Pay(Yuan("0.01"));
  const Finding& f = One(Evaluate(w.b.Build(), D("2021-07-01")), "PAY_AHEAD_OF_PROGRESS");
  CHECK(f.limit == Wan("550"));
  CHECK(f.amount == Yuan("0.01"));
  CHECK(Says(f, "预付款按合同应已扣回50.00万元"));
  CHECK(f.rule.find("按合同自形象进度20.0%至80.0%均匀扣回") != std::string::npos);
  // From 80% complete on the advance is recovered in full: at 90%, 900万元 and no more.
  w.b.Progress(w.project, "2021-07", 900);
  w.Pay(Wan("350"));
  const Finding& g = One(Evaluate(w.b.Build(), D("2021-08-01")), "PAY_AHEAD_OF_PROGRESS");
  CHECK(g.limit == Wan("900"));
  CHECK(g.amount == Yuan("0.01"));
}

TEST_CASE("advance recovery points are both given and the first below the second") {
  Contract c;
  c.code = "HT-1";
  c.projectId = 1;
  c.counterparty = "某建设公司";
  c.amount = Wan("100");
  c.advanceRecoverFrom = Percent::FromTenths(200);
  CHECK_THROWS_WITH(Check(c), doctest::Contains("要么都填"));
  c.advanceRecoverTo = Percent::FromTenths(200);
  CHECK_THROWS_WITH(Check(c), doctest::Contains("必须小于终点"));
  c.advanceRecoverTo = Percent::FromTenths(201);
  CHECK_NOTHROW(Check(c));
}

TEST_CASE("a building permit extended once must be used within six months, twice within nine") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01", "芦溪镇", ProjectStatus::Preparation);
  b.Step(p, "施工许可证", StepStatus::Done, D("2021-03-15"));
  b.StepRef(p, "施工许可证").extensions = 1;
  CHECK(!Has(Evaluate(b.Build(), D("2021-09-15")), "PERMIT_NOT_STARTED"));
  const Finding& f = One(Evaluate(b.Build(), D("2021-09-16")), "PERMIT_NOT_STARTED");
  CHECK(f.deadline == D("2021-09-15"));
  CHECK(Says(f, "施工许可证已于2021年3月15日领取（已延期1次），应在2021年9月15日前开工"));
  CHECK(Says(f, "应申请延期"));
  CHECK(f.rule.find("延期以两次为限，每次不超过三个月") != std::string::npos);
  b.StepRef(p, "施工许可证").extensions = 2;
  CHECK(!Has(Evaluate(b.Build(), D("2021-12-15")), "PERMIT_NOT_STARTED"));
  CHECK(Says(One(Evaluate(b.Build(), D("2021-12-16")), "PERMIT_NOT_STARTED"), "延期已满两次，许可证自行废止"));
  ProcedureStep third = b.StepRef(p, "施工许可证");
  third.extensions = 3;
  CHECK_THROWS_WITH(Check(third), doctest::Contains("延期以两次为限"));
}
