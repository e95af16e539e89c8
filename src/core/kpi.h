#pragma once
/// The four county KPIs (四率) of the overview and the monthly report.
#include <optional>
#include <string>

#include "core/portfolio.h"

namespace sb {

/// A rate with the figures it is made of, so a screen can say "12 / 16".
struct Ratio {
  int64_t numerator = 0;    ///< a count, or fen for money rates
  int64_t denominator = 0;
  /// numerator / denominator in tenths of a percent (half up); nullopt when nothing to rate.
  std::optional<int64_t> Tenths() const;
  std::string Format() const;  ///< "75.0%" or "—"
};

struct Kpis {
  /// 开工率: projects actually started by asOf / projects planned to start by asOf.
  Ratio startRate;
  /// 投资完成率: Σ latest cumulative completed investment / Σ approved budget (fen).
  Ratio investmentRate;
  /// 资金到位率: Σ received / Σ committed (fen).
  Ratio fundsReceivedRate;
  /// 按期完工率: projects due by asOf (planned finish ≤ asOf) that actually finished on or
  /// before their planned finish / projects due by asOf.
  Ratio onTimeRate;
};

Kpis ComputeKpis(const Portfolio& portfolio, Date asOf);

}  // namespace sb
