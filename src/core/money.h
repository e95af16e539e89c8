#pragma once
/// Exact money: a signed count of fen (分) in 64 bits. There is no floating point
/// anywhere in this type; parsing and formatting work on decimal digits.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

enum class MoneyUnit { Yuan, Wan };  ///< 元 (2 decimals), 万元 (6 decimals = 1 分)

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  /// Whole yuan; throws on overflow.
  static Money FromYuan(int64_t yuan);
  /// Whole 万元; throws on overflow.
  static Money FromWan(int64_t wan);

  /// Parses what a clerk types: "2,644.2375万元", "26442375.00", "26,442,375元",
  /// full-width digits, spaces, a leading ¥. A unit written in the text wins over
  /// defaultUnit. Refuses garbage, misplaced thousands separators, more decimals than
  /// the unit allows (2 for 元, 6 for 万元) and overflow: throws Error(InvalidInput)
  /// whose detail says why.
  static Money Parse(std::string_view text, MoneyUnit defaultUnit);

  constexpr int64_t fen() const { return fen_; }
  constexpr bool IsZero() const { return fen_ == 0; }
  constexpr bool IsNegative() const { return fen_ < 0; }

  /// "26,442,375.00" (thousands separators, always 2 decimals).
  std::string FormatYuan() const;
  /// "26442375.00": for csv/json, no separators.
  std::string FormatYuanPlain() const;
  /// 万元 with at least minDecimals and at most maxDecimals; digits beyond maxDecimals
  /// are rounded half away from zero (display only). "2,644.2375".
  std::string FormatWan(int minDecimals = 2, int maxDecimals = 4, bool thousands = true) const;
  /// 万元 exactly (up to 6 decimals, trailing zeros trimmed to 2), no separators: for files.
  std::string FormatWanExact() const;

  Money operator-() const;
  Money& operator+=(Money o);
  Money& operator-=(Money o);
  friend Money operator+(Money a, Money b) { return a += b; }
  friend Money operator-(Money a, Money b) { return a -= b; }
  friend constexpr auto operator<=>(Money a, Money b) = default;

  /// this × num / den, rounded half away from zero, exact in 128-bit; throws on overflow.
  Money MulDiv(int64_t num, int64_t den) const;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

inline Money Min(Money a, Money b) { return a < b ? a : b; }
inline Money Max(Money a, Money b) { return a < b ? b : a; }

}  // namespace sb
