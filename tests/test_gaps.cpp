#include <doctest/doctest.h>

#include <random>

#include "core/gaps.h"
#include "portfolio_builder.h"

using namespace sb;
using namespace sb::test;

namespace {

constexpr CostCategory kLand = CostCategory::Land;
constexpr CostCategory kPrelim = CostCategory::Preliminary;
constexpr CostCategory kBuild = CostCategory::Construction;
constexpr CostCategory kEquip = CostCategory::Equipment;
constexpr CostCategory kOther = CostCategory::Other;
constexpr CostCategory kReserve = CostCategory::Contingency;

Money Covered(const ProjectGap& g, CostCategory c) { return g.Find(c) ? g.Find(c)->covered : Money(); }
Money Uncovered(const ProjectGap& g, CostCategory c) {
  return g.Find(c) ? g.Find(c)->uncovered : Money();
}
const SourceUse& Use(const ProjectGap& g, Id source) {
  for (const auto& u : g.sources)
    if (u.sourceId == source) return u;
  throw std::logic_error("source not in gap");
}
Money To(const SourceUse& u, CostCategory c) { return u.toCategory[static_cast<size_t>(c)]; }

}  // namespace

TEST_CASE("DOMAIN example: loan 300 and central 400 cover land 100 and construction 500") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All(), "政策性贷款");
  Id central = b.Source("中央预算内投资", Only({kBuild}), "中央预算内投资");
  b.Allocate(p, loan, Wan("300")).Allocate(p, central, Wan("400"));

  auto gaps = ComputeGaps(b.Build(), GapBasis::Committed);
  REQUIRE(gaps.size() == 1);
  const ProjectGap& g = gaps[0];
  CHECK(g.budget == Wan("600"));
  CHECK(g.funds == Wan("700"));
  CHECK(g.totalGap == -Wan("100"));  // a surplus of 100万元
  CHECK(g.Surplus() == Wan("100"));
  CHECK(g.Shortfall().IsZero());
  CHECK(g.uncovered.IsZero());
  CHECK(Covered(g, kLand) == Wan("100"));
  CHECK(Covered(g, kBuild) == Wan("500"));
  // The split DOMAIN.md describes: central 400 + loan 100 to construction, loan 100 to land.
  CHECK(To(Use(g, central), kBuild) == Wan("400"));
  CHECK(To(Use(g, loan), kBuild) == Wan("100"));
  CHECK(To(Use(g, loan), kLand) == Wan("100"));
  CHECK(Use(g, loan).unused == Wan("100"));
}

TEST_CASE("DOMAIN example: central 500 and loan 50 leave a gap of 50, all on land") {
  PortfolioBuilder b;
  Id p = b.Project("LX-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id central = b.Source("中央预算内投资", Only({kBuild}));
  Id loan = b.Source("教育扶贫贷款", CategorySet::All());
  b.Allocate(p, central, Wan("500")).Allocate(p, loan, Wan("50"));

  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap == Wan("50"));
  CHECK(g.uncovered == Wan("50"));
  CHECK(Uncovered(g, kLand) == Wan("50"));
  CHECK(Uncovered(g, kBuild).IsZero());
  CHECK(Covered(g, kLand) == Wan("50"));
}

TEST_CASE("a greedy pass that spends the flexible loan on construction first would leave land unpaid") {
  // Whichever order the sources are listed in, the flexible loan must go to land.
  for (bool loanFirst : {true, false}) {
    PortfolioBuilder b;
    Id p = b.Project("SK-01");
    b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("100"));
    Id a = b.Source(loanFirst ? "贷款" : "中央", loanFirst ? CategorySet::All() : Only({kBuild}));
    Id c = b.Source(loanFirst ? "中央" : "贷款", loanFirst ? Only({kBuild}) : CategorySet::All());
    b.Allocate(p, a, Wan("100")).Allocate(p, c, Wan("100"));
    const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
    CHECK(g.uncovered.IsZero());
    CHECK(Covered(g, kLand) == Wan("100"));
    CHECK(Covered(g, kBuild) == Wan("100"));
  }
}

TEST_CASE("a chain of overlapping eligibilities is solved exactly and the gap lands on the later category") {
  // A pays land/preliminary, B preliminary/construction, C construction/equipment,
  // D equipment only. Funds 500万元 for a budget of 530万元: 30 must stay uncovered, and
  // with land, preliminary and construction covered first it is equipment's.
  PortfolioBuilder b;
  Id p = b.Project("XF-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kPrelim, Wan("50"));
  b.Budget(p, kBuild, Wan("300")).Budget(p, kEquip, Wan("80"));
  Id A = b.Source("县级财政", Only({kLand, kPrelim}));
  Id B = b.Source("专项债券", Only({kPrelim, kBuild}));
  Id C = b.Source("中央专项", Only({kBuild, kEquip}));
  Id D = b.Source("社会捐赠", Only({kEquip}));
  b.Allocate(p, A, Wan("120")).Allocate(p, B, Wan("100")).Allocate(p, C, Wan("250"));
  b.Allocate(p, D, Wan("30"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap == Wan("30"));
  CHECK(g.uncovered == Wan("30"));
  CHECK(Uncovered(g, kLand).IsZero());
  CHECK(Uncovered(g, kPrelim).IsZero());
  CHECK(Uncovered(g, kBuild).IsZero());
  CHECK(Uncovered(g, kEquip) == Wan("30"));
  for (const auto& u : g.sources) CHECK(u.unused.IsZero());
}

TEST_CASE("fully funded in total yet short for land: the gap the bureau asked about") {
  // 3亿 of special funds for construction, 0.762亿 county money; land needs 1亿.
  PortfolioBuilder b;
  Id p = b.Project("SB-01");
  b.Budget(p, kLand, Wan("10000")).Budget(p, kBuild, Wan("27620"));
  Id special = b.Source("中央专项", Only({kBuild, kEquip}));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, special, Wan("30000")).Allocate(p, county, Wan("7620"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap.IsZero());
  CHECK(g.uncovered == Wan("2380"));
  CHECK(Uncovered(g, kLand) == Wan("2380"));
  CHECK(Use(g, special).unused == Wan("2380"));
}

TEST_CASE("when either category could carry the gap it is shown on the later one") {
  PortfolioBuilder b;
  Id p = b.Project("YH-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("100"));
  Id loan = b.Source("政策性贷款", CategorySet::All());
  b.Allocate(p, loan, Wan("150"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(Uncovered(g, kLand).IsZero());
  CHECK(Uncovered(g, kBuild) == Wan("50"));
}

TEST_CASE("contingency is covered last") {
  PortfolioBuilder b;
  Id p = b.Project("YH-02");
  b.Budget(p, kOther, Wan("20")).Budget(p, kReserve, Wan("10"));
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, county, Wan("25"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(Uncovered(g, kOther).IsZero());
  CHECK(Uncovered(g, kReserve) == Wan("5"));
}

TEST_CASE("gaps are exact to the fen") {
  PortfolioBuilder b;
  Id p = b.Project("LX-02");
  b.Budget(p, kLand, Wan("2644.2375")).Budget(p, kBuild, Yuan("12345678.91"));
  Id loan = b.Source("贷款", CategorySet::All());
  Id central = b.Source("中央", Only({kBuild}));
  b.Allocate(p, loan, Yuan("26442374.99")).Allocate(p, central, Yuan("12345678.91"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap == Yuan("0.01"));
  CHECK(Uncovered(g, kLand) == Yuan("0.01"));
  CHECK(Uncovered(g, kLand).FormatYuan() == "0.01");
}

TEST_CASE("zero budgets: categories listed with nothing to cover, funds are surplus") {
  PortfolioBuilder b;
  Id p = b.Project("ZB-01");
  b.Budget(p, kLand, Money()).Budget(p, kBuild, Money());
  Id county = b.Source("县级财政", CategorySet::All());
  b.Allocate(p, county, Wan("10"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  REQUIRE(g.categories.size() == 2);
  CHECK(g.categories[0].category == kLand);
  CHECK(g.categories[1].category == kBuild);
  for (const auto& c : g.categories) {
    CHECK(c.budget.IsZero());
    CHECK(c.covered.IsZero());
    CHECK(c.uncovered.IsZero());
  }
  CHECK(g.totalGap == -Wan("10"));
  CHECK(Use(g, county).unused == Wan("10"));
}

TEST_CASE("a source with no eligible category counts in the total but covers nothing") {
  PortfolioBuilder b;
  Id p = b.Project("NE-01");
  b.Budget(p, kBuild, Wan("100"));
  Id odd = b.Source("未设置用途的资金", CategorySet());
  b.Allocate(p, odd, Wan("100"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap.IsZero());
  CHECK(g.uncovered == Wan("100"));
  CHECK(Uncovered(g, kBuild) == Wan("100"));
  CHECK(Use(g, odd).unused == Wan("100"));
}

TEST_CASE("a project with no money at all has no rows and no gap") {
  PortfolioBuilder b;
  b.Project("EMPTY");
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.categories.empty());
  CHECK(g.sources.empty());
  CHECK(g.budget.IsZero());
  CHECK(g.funds.IsZero());
  CHECK(g.totalGap.IsZero());
  CHECK(g.uncovered.IsZero());
}

TEST_CASE("a budget with no funds at all is uncovered in every category") {
  PortfolioBuilder b;
  Id p = b.Project("NF-01");
  b.Budget(p, kLand, Wan("30")).Budget(p, kBuild, Wan("70"));
  const ProjectGap g = ComputeGaps(b.Build(), GapBasis::Committed).at(0);
  CHECK(g.totalGap == Wan("100"));
  CHECK(Uncovered(g, kLand) == Wan("30"));
  CHECK(Uncovered(g, kBuild) == Wan("70"));
}

TEST_CASE("received basis counts receipts, committed basis allocations") {
  PortfolioBuilder b;
  Id p = b.Project("RC-01");
  b.Budget(p, kLand, Wan("100")).Budget(p, kBuild, Wan("500"));
  Id loan = b.Source("贷款", CategorySet::All());
  Id central = b.Source("中央", Only({kBuild}));
  b.Allocate(p, loan, Wan("100")).Allocate(p, central, Wan("500"));
  b.Receive(p, loan, Wan("60")).Receive(p, loan, Wan("10")).Receive(p, central, Wan("450"));
  const Portfolio& pf = b.Build();

  const ProjectGap committed = ComputeGaps(pf, GapBasis::Committed).at(0);
  CHECK(committed.totalGap.IsZero());
  CHECK(committed.uncovered.IsZero());

  const ProjectGap received = ComputeGaps(pf, GapBasis::Received).at(0);
  CHECK(received.basis == GapBasis::Received);
  CHECK(received.funds == Wan("520"));
  CHECK(received.totalGap == Wan("80"));
  CHECK(Uncovered(received, kLand) == Wan("30"));
  CHECK(Uncovered(received, kBuild) == Wan("50"));
}

TEST_CASE("money of one project never covers another's budget") {
  PortfolioBuilder b;
  Id p1 = b.Project("P1", "芦溪镇");
  Id p2 = b.Project("P2", "芦溪镇");
  Id p3 = b.Project("P3", "宣风镇");
  Id county = b.Source("县级财政", CategorySet::All());
  Id central = b.Source("中央", Only({kBuild}));
  b.Budget(p1, kLand, Wan("100")).Budget(p1, kBuild, Wan("400"));
  b.Allocate(p1, central, Wan("450"));  // land 100 uncovered, 50 of central unused
  b.Budget(p2, kBuild, Wan("200"));
  b.Allocate(p2, county, Wan("300"));  // surplus 100
  b.Budget(p3, kLand, Wan("40")).Budget(p3, kEquip, Wan("60"));
  b.Allocate(p3, county, Wan("70"));  // total gap 30: land first, so equipment carries it

  auto gaps = ComputeGaps(b.Build(), GapBasis::Committed);
  REQUIRE(gaps.size() == 3);
  CHECK(Uncovered(gaps[0], kLand) == Wan("100"));
  CHECK(gaps[1].Surplus() == Wan("100"));
  CHECK(Uncovered(gaps[2], kEquip) == Wan("30"));

  GapSummary s = SummarizeGaps(gaps);
  CHECK(s.county.projects == 3);
  CHECK(s.county.projectsWithGap == 2);
  CHECK(s.county.budget == Wan("800"));
  CHECK(s.county.funds == Wan("820"));
  CHECK(s.county.shortfall == Wan("80"));  // 50 + 30: P2's surplus does not offset
  CHECK(s.county.surplus == Wan("100"));
  CHECK(s.county.uncovered == Wan("130"));
  CHECK(s.county.uncoveredByCategory[static_cast<size_t>(kLand)] == Wan("100"));
  CHECK(s.county.uncoveredByCategory[static_cast<size_t>(kEquip)] == Wan("30"));
  CHECK(s.county.budgetByCategory[static_cast<size_t>(kBuild)] == Wan("600"));
  CHECK(s.county.coveredByCategory[static_cast<size_t>(kBuild)] == Wan("600"));
  REQUIRE(s.townships.size() == 2);
  CHECK(s.townships[0].township == "芦溪镇");
  CHECK(s.townships[0].totals.projects == 2);
  CHECK(s.townships[0].totals.shortfall == Wan("50"));
  CHECK(s.townships[0].totals.uncovered == Wan("100"));
  CHECK(s.townships[1].township == "宣风镇");
  CHECK(s.townships[1].totals.uncoveredByCategory[static_cast<size_t>(kEquip)] == Wan("30"));
}

TEST_CASE("gap basis names parse both ways") {
  CHECK(ParseGapBasis("committed") == GapBasis::Committed);
  CHECK(ParseGapBasis("已到位") == GapBasis::Received);
  CHECK(!ParseGapBasis("paid"));
  CHECK(GapBasisName(GapBasis::Received) == "received");
}

namespace {

// The max-flow value by the min-cut formula: with X the categories on the source side,
// cut(X) = Σ_{c∈X} budget[c] + Σ_{s: eligible(s) ⊄ X} amount[s].
int64_t MinCut(const CategoryAmounts& budget, const std::vector<SourceFunds>& funds,
               uint32_t open) {
  int64_t best = INT64_MAX;
  for (uint32_t x = 0; x < 64; ++x) {
    int64_t cut = 0;
    for (size_t c = 0; c < 6; ++c)
      if ((x >> c) & 1) cut += (open >> c) & 1 ? budget[c].fen() : 0;
    for (const auto& f : funds)
      if ((f.eligible.mask() & ~x) != 0) cut += f.amount.fen();
    best = std::min(best, cut);
  }
  return best;
}

}  // namespace

TEST_CASE("max-flow matches the min-cut bound and is lexicographic on random projects") {
  std::mt19937 rng(20210630);  // raw outputs only: the same on every standard library
  for (int round = 0; round < 400; ++round) {
    CategoryAmounts budget;
    for (size_t c = 0; c < 6; ++c) budget[c] = Money::FromFen(rng() % 3 == 0 ? 0 : rng() % 1000);
    std::vector<SourceFunds> funds;
    int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i)
      funds.push_back({i + 1, Money::FromFen(rng() % 800), CategorySet::FromMask(rng() % 64)});

    Coverage cov = SolveCoverage(budget, funds);
    int64_t total = 0;
    CategoryAmounts bySources;
    for (size_t c = 0; c < 6; ++c) {
      CHECK(cov.covered[c] <= budget[c]);
      CHECK(!cov.covered[c].IsNegative());
      total += cov.covered[c].fen();
    }
    for (size_t i = 0; i < funds.size(); ++i) {
      const SourceUse& u = cov.sources[i];
      Money used;
      for (size_t c = 0; c < 6; ++c) {
        if (!funds[i].eligible.Contains(EnumAt<CostCategory>(c))) CHECK(u.toCategory[c].IsZero());
        used += u.toCategory[c];
        bySources[c] += u.toCategory[c];
      }
      CHECK(used + u.unused == funds[i].amount);
      CHECK(!u.unused.IsNegative());
    }
    for (size_t c = 0; c < 6; ++c) CHECK(bySources[c] == cov.covered[c]);
    CHECK(total == MinCut(budget, funds, 0x3f));
    // Lexicographic: the first k categories together get as much as they could alone.
    int64_t prefix = 0;
    for (size_t k = 0; k < 6; ++k) {
      prefix += cov.covered[k].fen();
      CHECK(prefix == MinCut(budget, funds, (1u << (k + 1)) - 1));
    }
  }
}
