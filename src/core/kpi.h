#pragma once
/// The four county KPIs (四率) of the overview and the monthly report.
#include <optional>
#include <string>
#include <vector>

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

/// Counties are judged on the year (DOMAIN.md, issue 14): the four rates are of the year
/// of `asOf`, the months 1–N of it that have ended.
struct Kpis {
  int year = 0;
  int monthsElapsed = 0;  ///< N: the months of the year that have ended by asOf
  /// 开工率: projects planned to start this year that have actually started by asOf /
  /// projects planned to start this year.
  Ratio startRate;
  /// 投资完成率: Σ 本年（1–N月）完成投资 / Σ 年度计划投资, over the projects with a plan (fen).
  Ratio investmentRate;
  /// 资金到位率: Σ received / Σ committed (fen).
  Ratio fundsReceivedRate;
  /// 按期完工率: projects planned to finish this year that finished on or before their
  /// planned finish / projects planned to finish this year.
  Ratio onTimeRate;
  /// 时间进度: N / 12.
  Ratio TimeElapsed() const { return {monthsElapsed, 12}; }
  /// "完成年度计划62.3%，慢于时间进度21.0个百分点" ("" without any plan).
  std::string AnnualSentence() const;
};

Kpis ComputeKpis(const Portfolio& portfolio, Date asOf);

/// The months of asOf's year that have ended by asOf (0 in January before its last day).
int MonthsElapsed(Date asOf);

/// One project's year: its plan for the year and what it invested in the year up to the
/// month (本年完成投资 = cumulative invested at the latest entry up to `month` less that at
/// the last entry before the year began).
struct AnnualFigures {
  std::optional<Money> plan;
  Money ytdInvested;
};
/// Per project, in portfolio order.
std::vector<AnnualFigures> AnnualFiguresOf(const Portfolio& portfolio, YearMonth month);

}  // namespace sb
