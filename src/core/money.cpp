#include "core/money.h"

#include <limits>

#include "core/error.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb {

namespace {

int64_t Checked(bool overflow, int64_t v) {
  if (overflow) Fail(ErrorCode::InvalidInput, Tr("金额超出可表示的范围"));
  return v;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string GroupThousands(std::string digits) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Unsigned magnitude as decimal with `scale` fraction digits (fen → 元 is scale 2).
std::string Decimal(uint64_t magnitude, int scale, int keepDecimals, bool thousands) {
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= scale)
    digits.insert(0, static_cast<size_t>(scale + 1 - static_cast<int>(digits.size())), '0');
  std::string intPart = digits.substr(0, digits.size() - scale);
  std::string frac = digits.substr(digits.size() - scale);
  frac.resize(static_cast<size_t>(keepDecimals), '0');
  if (thousands) intPart = GroupThousands(intPart);
  return keepDecimals > 0 ? intPart + "." + frac : intPart;
}

uint64_t Magnitude(int64_t v) {
  return v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
}

}  // namespace

Money Money::FromYuan(int64_t yuan) {
  int64_t r = 0;
  bool overflow = __builtin_mul_overflow(yuan, 100, &r);
  return Money(Checked(overflow, r));
}

Money Money::FromWan(int64_t wan) {
  int64_t r = 0;
  bool overflow = __builtin_mul_overflow(wan, 1000000, &r);
  return Money(Checked(overflow, r));
}

Money Money::Parse(std::string_view original, MoneyUnit defaultUnit) {
  const std::string narrow = NarrowFullWidth(original);
  std::string s = StripSpaces(narrow);
  // `why` is a msgid marked with TrNoop; its %s is the text as typed.
  auto bad = [&](const char* why) -> Money {
    Fail(ErrorCode::InvalidInput, Tr(why, std::string(original).c_str()));
  };
  // TRANSLATORS: %s is an amount as typed ("1 200"): is it one number or two?
  if (SpaceBetweenDigits(narrow)) return bad(TrNoop("金额“%s”的数字中间有空格（是一个数还是两个？）"));
  if (s.empty()) Fail(ErrorCode::InvalidInput, Tr("金额为空"));

  MoneyUnit unit = defaultUnit;
  if (EndsWith(s, "万元")) { unit = MoneyUnit::Wan; s.resize(s.size() - 6); }
  else if (EndsWith(s, "万")) { unit = MoneyUnit::Wan; s.resize(s.size() - 3); }
  else if (EndsWith(s, "元")) { unit = MoneyUnit::Yuan; s.resize(s.size() - 3); }

  bool negative = false, hasSign = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    hasSign = true;
    s.erase(0, 1);
  }
  if (s.rfind("\xC2\xA5", 0) == 0) s.erase(0, 2);       // ¥
  else if (s.rfind("\xEF\xBF\xA5", 0) == 0) s.erase(0, 3);  // ￥
  // "¥-12" is a sign after the currency symbol; "+-12" has two signs and is refused below.
  if (!hasSign && !s.empty() && s[0] == '-') { negative = true; s.erase(0, 1); }
  // TRANSLATORS: %s is an amount as typed; it holds no digit.
  if (s.empty()) return bad(TrNoop("金额“%s”没有数字"));

  size_t dot = s.find('.');
  std::string intPart = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (dot != std::string::npos && frac.empty() && intPart.empty()) return bad(TrNoop("金额“%s”没有数字"));
  for (char c : frac)
    if (c < '0' || c > '9') return bad(TrNoop("金额“%s”不是数字"));
  if (intPart.find(',') != std::string::npos) {
    // Thousands separators must sit every three digits: 1,234,567 — not 12,34.
    std::string plain;
    size_t groupLen = 0;
    bool firstGroup = true;
    for (size_t i = 0; i <= intPart.size(); ++i) {
      if (i == intPart.size() || intPart[i] == ',') {
        if ((firstGroup && (groupLen < 1 || groupLen > 3)) || (!firstGroup && groupLen != 3))
          // TRANSLATORS: %s is an amount as typed whose thousands separators are misplaced (12,34).
          return bad(TrNoop("金额“%s”的千分位逗号位置不对"));
        firstGroup = false;
        groupLen = 0;
      } else {
        plain.push_back(intPart[i]);
        ++groupLen;
      }
    }
    intPart = plain;
  }
  if (intPart.empty()) intPart = "0";
  for (char c : intPart)
    if (c < '0' || c > '9') return bad(TrNoop("金额“%s”不是数字"));

  const int scale = unit == MoneyUnit::Yuan ? 2 : 6;  // fraction digits that make 1 分
  // Trailing zeros beyond the scale carry no precision: "12.300" 元 is fine.
  while (static_cast<int>(frac.size()) > scale && frac.back() == '0') frac.pop_back();
  if (static_cast<int>(frac.size()) > scale)
    // TRANSLATORS: 分 (fen) is one hundredth of a yuan, the smallest unit; in 万元 (ten
    // thousand yuan) the sixth decimal is one fen.
    return bad(unit == MoneyUnit::Yuan ? TrNoop("金额“%s”的小数超过2位（最小单位为分）")
                                       : TrNoop("金额“%s”的小数超过6位（万元的第6位小数即为1分）"));
  frac.resize(static_cast<size_t>(scale), '0');

  int64_t v = 0;
  for (char c : intPart + frac) {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
      return bad(TrNoop("金额“%s”超出可表示的范围"));
  }
  return Money(negative ? -v : v);
}

std::string Money::FormatYuan() const {
  return (fen_ < 0 ? "-" : "") + Decimal(Magnitude(fen_), 2, 2, true);
}

std::string Money::FormatYuanPlain() const {
  return (fen_ < 0 ? "-" : "") + Decimal(Magnitude(fen_), 2, 2, false);
}

std::string Money::FormatWan(int minDecimals, int maxDecimals, bool thousands) const {
  // 1 万元 = 1,000,000 分: six fraction digits are exact.
  uint64_t m = Magnitude(fen_);
  int drop = 6 - maxDecimals;
  if (drop > 0) {
    uint64_t p = 1;
    for (int i = 0; i < drop; ++i) p *= 10;
    m = (m + p / 2) / p;  // half away from zero on the magnitude
    for (int i = 0; i < drop; ++i) m *= 10;
  }
  std::string s = Decimal(m, 6, maxDecimals, thousands);
  if (maxDecimals > minDecimals) {
    size_t dot = s.find('.');
    size_t keep = dot + 1 + static_cast<size_t>(minDecimals);
    while (s.size() > keep && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  bool zero = m == 0;
  return (fen_ < 0 && !zero ? "-" : "") + s;
}

std::string Money::FormatWanExact() const { return FormatWan(2, 6, false); }

Money Money::operator-() const {
  if (fen_ == std::numeric_limits<int64_t>::min())
    Fail(ErrorCode::InvalidInput, Tr("金额超出可表示的范围"));
  return Money(-fen_);
}

Money& Money::operator+=(Money o) {
  int64_t r = 0;
  bool overflow = __builtin_add_overflow(fen_, o.fen_, &r);
  fen_ = Checked(overflow, r);
  return *this;
}

Money& Money::operator-=(Money o) {
  int64_t r = 0;
  bool overflow = __builtin_sub_overflow(fen_, o.fen_, &r);
  fen_ = Checked(overflow, r);
  return *this;
}

Money Money::MulDiv(int64_t num, int64_t den) const {
  if (den == 0) Fail(ErrorCode::InvalidInput, Tr("除数为零"));
  __int128 p = static_cast<__int128>(fen_) * num;
  bool neg = (p < 0) != (den < 0);
  __int128 a = p < 0 ? -p : p;
  __int128 d = den < 0 ? -static_cast<__int128>(den) : den;
  __int128 q = (a + d / 2) / d;
  if (q > std::numeric_limits<int64_t>::max())
    Fail(ErrorCode::InvalidInput, Tr("金额超出可表示的范围"));
  return Money(static_cast<int64_t>(neg ? -q : q));
}

}  // namespace sb
