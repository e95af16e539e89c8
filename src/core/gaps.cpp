#include "core/gaps.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace sb {

namespace {

// Dinic's algorithm on int64 capacities. The graphs here are tiny (a project's sources
// plus six categories), so clarity wins over micro-optimisation; what matters is that
// the result is exact in fen. Run() may be called again after adding edges: it augments
// the existing flow, which the lexicographic passes rely on.
class MaxFlow {
 public:
  explicit MaxFlow(int nodes) : adj_(static_cast<size_t>(nodes)) {}

  int AddEdge(int from, int to, int64_t cap) {
    int e = static_cast<int>(edges_.size());
    edges_.push_back({to, cap, cap});
    edges_.push_back({from, 0, 0});
    adj_[static_cast<size_t>(from)].push_back(e);
    adj_[static_cast<size_t>(to)].push_back(e + 1);
    return e;
  }

  int64_t Flow(int e) const { return edges_[static_cast<size_t>(e)].original - Residual(e); }

  int64_t Run(int s, int t) {
    int64_t total = 0;
    while (Levels(s, t)) {
      next_.assign(adj_.size(), 0);
      while (int64_t f = Push(s, t, std::numeric_limits<int64_t>::max())) total += f;
    }
    return total;
  }

 private:
  struct Edge {
    int to;
    int64_t cap;       // residual capacity
    int64_t original;  // 0 for the reverse half
  };

  int64_t Residual(int e) const { return edges_[static_cast<size_t>(e)].cap; }

  bool Levels(int s, int t) {
    level_.assign(adj_.size(), -1);
    std::vector<int> queue{s};
    level_[static_cast<size_t>(s)] = 0;
    for (size_t i = 0; i < queue.size(); ++i) {
      int v = queue[i];
      for (int e : adj_[static_cast<size_t>(v)]) {
        const Edge& ed = edges_[static_cast<size_t>(e)];
        if (ed.cap > 0 && level_[static_cast<size_t>(ed.to)] < 0) {
          level_[static_cast<size_t>(ed.to)] = level_[static_cast<size_t>(v)] + 1;
          queue.push_back(ed.to);
        }
      }
    }
    return level_[static_cast<size_t>(t)] >= 0;
  }

  int64_t Push(int v, int t, int64_t limit) {
    if (v == t) return limit;
    auto& list = adj_[static_cast<size_t>(v)];
    for (size_t& i = next_[static_cast<size_t>(v)]; i < list.size(); ++i) {
      int e = list[i];
      Edge& ed = edges_[static_cast<size_t>(e)];
      if (ed.cap <= 0 || level_[static_cast<size_t>(ed.to)] != level_[static_cast<size_t>(v)] + 1)
        continue;
      if (int64_t f = Push(ed.to, t, std::min(limit, ed.cap))) {
        ed.cap -= f;
        edges_[static_cast<size_t>(e ^ 1)].cap += f;
        return f;
      }
    }
    return 0;
  }

  std::vector<Edge> edges_;
  std::vector<std::vector<int>> adj_;
  std::vector<int> level_;
  std::vector<size_t> next_;
};

int EligibleCount(CategorySet s) {
  int n = 0;
  for (size_t c = 0; c < kCostCategoryCount; ++c) n += s.Contains(EnumAt<CostCategory>(c));
  return n;
}

}  // namespace

std::string_view GapBasisName(GapBasis basis) {
  return basis == GapBasis::Committed ? "committed" : "received";
}

std::string_view GapBasisLabel(GapBasis basis) {
  return basis == GapBasis::Committed ? "已下达" : "已到位";
}

std::optional<GapBasis> ParseGapBasis(std::string_view text) {
  if (text == "committed" || text == "已下达" || text == "下达") return GapBasis::Committed;
  if (text == "received" || text == "已到位" || text == "到位") return GapBasis::Received;
  return std::nullopt;
}

Coverage SolveCoverage(const CategoryAmounts& budget, const std::vector<SourceFunds>& funds) {
  const int n = static_cast<int>(funds.size());
  const int s = 0, t = n + static_cast<int>(kCostCategoryCount) + 1;
  auto catNode = [n](size_t c) { return n + 1 + static_cast<int>(c); };
  MaxFlow graph(t + 1);

  // Restricted sources get their edges first so that, among the equally good answers,
  // the one found spends special funds before flexible county money: the split a
  // clerk expects ("central 400 to construction, the loan covers land").
  std::vector<int> order(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return EligibleCount(funds[static_cast<size_t>(a)].eligible) <
           EligibleCount(funds[static_cast<size_t>(b)].eligible);
  });

  std::vector<std::array<int, kCostCategoryCount>> useEdge(static_cast<size_t>(n));
  for (int i : order) {
    const SourceFunds& f = funds[static_cast<size_t>(i)];
    int64_t cap = std::max<int64_t>(f.amount.fen(), 0);
    graph.AddEdge(s, i + 1, cap);
    for (size_t c = 0; c < kCostCategoryCount; ++c) {
      bool usable = cap > 0 && f.eligible.Contains(EnumAt<CostCategory>(c)) && budget[c].fen() > 0;
      useEdge[static_cast<size_t>(i)][c] = usable ? graph.AddEdge(i + 1, catNode(c), cap) : -1;
    }
  }

  // Lexicographic passes: opening one category's sink edge at a time and augmenting.
  // An augmenting path ends at the sink and never passes through it, so the flow into
  // categories opened earlier never drops: each category gets the most it can without
  // taking from the ones before it, and the last pass reaches the overall maximum.
  std::array<int, kCostCategoryCount> sinkEdge{};
  for (size_t c = 0; c < kCostCategoryCount; ++c) {
    sinkEdge[c] = graph.AddEdge(catNode(c), t, std::max<int64_t>(budget[c].fen(), 0));
    graph.Run(s, t);
  }

  Coverage out;
  for (size_t c = 0; c < kCostCategoryCount; ++c)
    out.covered[c] = Money::FromFen(graph.Flow(sinkEdge[c]));
  out.sources.reserve(funds.size());
  for (int i = 0; i < n; ++i) {
    const SourceFunds& f = funds[static_cast<size_t>(i)];
    SourceUse use;
    use.sourceId = f.sourceId;
    use.amount = f.amount;
    Money used;
    for (size_t c = 0; c < kCostCategoryCount; ++c) {
      int e = useEdge[static_cast<size_t>(i)][c];
      use.toCategory[c] = Money::FromFen(e < 0 ? 0 : graph.Flow(e));
      used += use.toCategory[c];
    }
    use.unused = f.amount - used;
    out.sources.push_back(use);
  }
  return out;
}

const CategoryGap* ProjectGap::Find(CostCategory c) const {
  for (const auto& g : categories)
    if (g.category == c) return &g;
  return nullptr;
}

std::vector<ProjectGap> ComputeGaps(const Portfolio& portfolio, GapBasis basis) {
  // Everything is bucketed once by project; no scan of a table per project.
  std::unordered_map<Id, size_t> projectAt, sourceAt;
  for (size_t i = 0; i < portfolio.projects.size(); ++i) projectAt[portfolio.projects[i].id] = i;
  for (size_t i = 0; i < portfolio.sources.size(); ++i) sourceAt[portfolio.sources[i].id] = i;

  struct Bucket {
    CategoryAmounts budget;
    std::array<bool, kCostCategoryCount> hasLine{};
    std::unordered_map<Id, Money> bySource;
  };
  std::vector<Bucket> buckets(portfolio.projects.size());

  for (const auto& b : portfolio.budgetLines) {
    auto it = projectAt.find(b.projectId);
    if (it == projectAt.end()) continue;
    size_t c = static_cast<size_t>(b.category);
    buckets[it->second].budget[c] += b.amount;
    buckets[it->second].hasLine[c] = true;
  }
  auto addFunds = [&](Id projectId, Id sourceId, Money amount) {
    auto it = projectAt.find(projectId);
    if (it != projectAt.end()) buckets[it->second].bySource[sourceId] += amount;
  };
  if (basis == GapBasis::Committed)
    for (const auto& a : portfolio.allocations) addFunds(a.projectId, a.sourceId, a.amount);
  else
    for (const auto& r : portfolio.receipts) addFunds(r.projectId, r.sourceId, r.amount);

  std::vector<ProjectGap> out;
  out.reserve(portfolio.projects.size());
  for (size_t pi = 0; pi < portfolio.projects.size(); ++pi) {
    const Project& p = portfolio.projects[pi];
    Bucket& bucket = buckets[pi];

    // Portfolio order of sources (by code) keeps the output and the flow deterministic;
    // unknown sources follow, by id.
    std::vector<std::pair<size_t, Id>> keys;
    for (const auto& [sid, amount] : bucket.bySource) {
      auto it = sourceAt.find(sid);
      keys.emplace_back(it == sourceAt.end() ? portfolio.sources.size() : it->second, sid);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<SourceFunds> funds;
    for (const auto& [pos, sid] : keys) {
      CategorySet eligible = pos < portfolio.sources.size() ? portfolio.sources[pos].eligible
                                                            : CategorySet();
      funds.push_back({sid, bucket.bySource[sid], eligible});
    }

    Coverage cov = SolveCoverage(bucket.budget, funds);

    ProjectGap g;
    g.projectId = p.id;
    g.projectCode = p.code;
    g.projectName = p.name;
    g.township = p.township;
    g.basis = basis;
    for (size_t c = 0; c < kCostCategoryCount; ++c) {
      g.budget += bucket.budget[c];
      Money uncovered = bucket.budget[c] - cov.covered[c];
      g.uncovered += uncovered;
      if (bucket.hasLine[c])
        g.categories.push_back({EnumAt<CostCategory>(c), bucket.budget[c], cov.covered[c], uncovered});
    }
    for (const auto& f : funds) g.funds += f.amount;
    g.totalGap = g.budget - g.funds;
    g.sources = std::move(cov.sources);
    out.push_back(std::move(g));
  }
  return out;
}

namespace {

void Add(GapTotals& t, const ProjectGap& g) {
  ++t.projects;
  if (g.uncovered.fen() > 0) ++t.projectsWithGap;
  t.budget += g.budget;
  t.funds += g.funds;
  t.shortfall += g.Shortfall();
  t.surplus += g.Surplus();
  t.uncovered += g.uncovered;
  for (const auto& c : g.categories) {
    size_t i = static_cast<size_t>(c.category);
    t.budgetByCategory[i] += c.budget;
    t.coveredByCategory[i] += c.covered;
    t.uncoveredByCategory[i] += c.uncovered;
  }
}

}  // namespace

GapSummary SummarizeGaps(const std::vector<ProjectGap>& gaps) {
  GapSummary s;
  if (!gaps.empty()) s.basis = gaps.front().basis;
  std::unordered_map<std::string, size_t> townshipAt;
  for (const auto& g : gaps) {
    Add(s.county, g);
    auto [it, added] = townshipAt.try_emplace(g.township, s.townships.size());
    if (added) s.townships.push_back({g.township, {}});
    Add(s.townships[it->second].totals, g);
  }
  return s;
}

}  // namespace sb
