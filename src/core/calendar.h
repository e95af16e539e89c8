#pragma once
/// Dates, months and the small fixed-point quantities of the domain (percent complete in
/// tenths, contract rates in basis points, floor area in hundredths of a m²).
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/translate.h"

namespace sb {

using Date = boost::gregorian::date;

/// "2020-06-30", "2020/6/30", "2020.6.30", "2020年6月30日" (full-width digits too).
/// Throws Error(InvalidInput) naming the text when it is not a real calendar date.
Date ParseDate(std::string_view text);
/// Empty (or only spaces) → nullopt; otherwise ParseDate.
std::optional<Date> ParseOptionalDate(std::string_view text);
/// ISO "2020-06-30".
std::string FormatDate(Date d);
std::string FormatDate(const std::optional<Date>& d);  ///< "" when absent
/// "2020年6月30日".
std::string FormatDateChinese(Date d);
Date Today();

class YearMonth {
 public:
  constexpr YearMonth() = default;
  /// Throws unless 1900 ≤ year ≤ 2999 and 1 ≤ month ≤ 12.
  YearMonth(int year, int month);
  static YearMonth Of(Date d) { return YearMonth(d.year(), d.month()); }
  /// "2020-06", "2020-6", "2020/06", "2020.06", "2020年6月", "202006".
  static YearMonth Parse(std::string_view text);

  int year() const { return year_; }
  int month() const { return month_; }
  int Index() const { return year_ * 12 + (month_ - 1); }  ///< months since year 0
  YearMonth Next() const;
  YearMonth Prev() const;
  Date FirstDay() const;
  Date LastDay() const;
  std::string Format() const;         ///< "2020-06"
  std::string FormatChinese() const;  ///< "2020年6月"
  friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) = default;

 private:
  int year_ = 1970;
  int month_ = 1;
};

/// A fixed-point decimal with a fixed number of fraction digits, range-checked.
/// Percent complete is Fixed<1> in [0, 100]; rates are Fixed<2>.
struct FixedSpec {
  int decimals;
  int64_t min;  ///< in units of 10^-decimals
  int64_t max;
  const char* what;  ///< field name for messages, marked with TrNoopC("field", …)
};

/// Parses "93", "93.5", "93.5%" into units of 10^-decimals; refuses more decimals than
/// allowed (never rounds) and values outside [min, max].
int64_t ParseFixed(std::string_view text, const FixedSpec& spec);
/// Plain decimal with exactly `decimals` fraction digits: 935 → "93.5".
std::string FormatFixed(int64_t units, int decimals);

/// % complete (形象进度) as an integer of tenths: 0..1000.
class Percent {
 public:
  constexpr Percent() = default;
  static Percent FromTenths(int64_t tenths);  ///< throws outside 0..1000
  static Percent Parse(std::string_view text);
  int tenths() const { return tenths_; }
  std::string Format() const { return FormatFixed(tenths_, 1); }  ///< "93.5"
  friend constexpr auto operator<=>(const Percent&, const Percent&) = default;

 private:
  int tenths_ = 0;
};

/// A contract rate (预付款/质保金比例) in basis points: 100 = 1%.
class Rate {
 public:
  constexpr Rate() = default;
  /// Throws unless 0 ≤ bp ≤ maxBp.
  static Rate FromBasisPoints(int64_t bp, int64_t maxBp = 10000);
  /// `what` names the field in messages (marked with TrNoopC("field", …), translated when shown).
  static Rate Parse(std::string_view text, int64_t maxBp = 10000, const char* what = TrNoopC("field", "比例"));
  int basisPoints() const { return bp_; }
  std::string Format() const { return FormatFixed(bp_, 2); }  ///< "2.50"
  friend constexpr auto operator<=>(const Rate&, const Rate&) = default;

 private:
  int bp_ = 0;
};

/// Floor area (建筑面积) in hundredths of a square metre.
class Area {
 public:
  constexpr Area() = default;
  static Area FromCenti(int64_t centi);  ///< throws when negative
  static Area Parse(std::string_view text);
  int64_t centi() const { return centi_; }
  std::string Format() const { return FormatFixed(centi_, 2); }
  friend constexpr auto operator<=>(const Area&, const Area&) = default;

 private:
  int64_t centi_ = 0;
};

}  // namespace sb
