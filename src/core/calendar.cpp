#include "core/calendar.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <charconv>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb {

namespace {

// Splits "2020-6-30" / "2020年6月30日" into its numbers; false on any other character.
bool Numbers(std::string_view text, std::vector<int>* out) {
  std::string s = StripSpaces(NarrowFullWidth(text));
  out->clear();
  std::string cur;
  auto flush = [&]() -> bool {
    if (cur.empty()) return false;
    if (cur.size() > 4) return false;
    out->push_back(std::stoi(cur));
    cur.clear();
    return true;
  };
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c >= '0' && c <= '9') { cur.push_back(c); ++i; continue; }
    size_t len = 0;
    if (c == '-' || c == '/' || c == '.') len = 1;
    else if (s.compare(i, 3, "年") == 0 || s.compare(i, 3, "月") == 0 || s.compare(i, 3, "日") == 0)
      len = 3;
    else return false;
    if (!flush()) return false;
    i += len;
  }
  if (!cur.empty() && !flush()) return false;
  return true;
}

}  // namespace

namespace {

// One shape per cell: 20200630; Y-M-D with one separator used twice (- / .); or
// Y年M月D日 (日 may be left out). The year has up to four digits (a range check follows),
// month and day one or two; nothing before or after but white space.
bool DateNumbers(std::string_view text, std::vector<int>* n) {
  const std::string narrow = NarrowFullWidth(text);
  if (SpaceBetweenDigits(narrow)) return false;
  const std::string s = StripSpaces(narrow);
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    *n = {std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2))};
    return true;
  }
  size_t i = 0;
  auto number = [&](size_t maxDigits, int* out) {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start || i - start > maxDigits) return false;
    *out = std::stoi(s.substr(start, i - start));
    return true;
  };
  auto literal = [&](std::string_view sep) {
    if (s.compare(i, sep.size(), sep) != 0) return false;
    i += sep.size();
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!number(4, &y)) return false;
  if (literal("年")) {
    if (!number(2, &m) || !literal("月") || !number(2, &d)) return false;
    literal("日");
  } else {
    if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return false;
    const std::string sep(1, s[i]);
    ++i;
    if (!number(2, &m) || !literal(sep) || !number(2, &d)) return false;
  }
  if (i != s.size()) return false;
  *n = {y, m, d};
  return true;
}

}  // namespace

Date ParseDate(std::string_view text) {
  std::vector<int> n;
  if (!DateNumbers(text, &n))
    Fail(ErrorCode::InvalidInput, Tr("日期“%s”格式不对，应为 2020-06-30", std::string(text).c_str()));
  if (n[0] < 1900 || n[0] > 2999)
    Fail(ErrorCode::InvalidInput, Tr("日期“%s”的年份不合理", std::string(text).c_str()));
  try {
    return Date(static_cast<unsigned short>(n[0]), static_cast<unsigned short>(n[1]),
                static_cast<unsigned short>(n[2]));
  } catch (const std::exception&) {
    // TRANSLATORS: %s is a date as typed that is not in the calendar (2025-02-30).
    Fail(ErrorCode::InvalidInput, Tr("日期“%s”不存在", std::string(text).c_str()));
  }
}

std::optional<Date> ParseOptionalDate(std::string_view text) {
  if (Trim(text).empty()) return std::nullopt;
  return ParseDate(text);
}

std::string FormatDate(Date d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

std::string FormatDate(const std::optional<Date>& d) { return d ? FormatDate(*d) : ""; }

std::string FormatDateChinese(Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" +
         std::to_string(d.day()) + "日";
}

Date Today() { return boost::gregorian::day_clock::local_day(); }

YearMonth::YearMonth(int year, int month) : year_(year), month_(month) {
  if (year < 1900 || year > 2999 || month < 1 || month > 12)
    // TRANSLATORS: a month that is not in the calendar: year, then month (2025-13).
    Fail(ErrorCode::InvalidInput, Tr("月份 %d-%d 不存在", year, month));
}

YearMonth YearMonth::Parse(std::string_view text) {
  std::string compact = StripSpaces(NarrowFullWidth(text));
  std::vector<int> n;
  if (compact.size() == 6 && compact.find_first_not_of("0123456789") == std::string::npos) {
    n = {std::stoi(compact.substr(0, 4)), std::stoi(compact.substr(4, 2))};
  } else if (!Numbers(text, &n) || n.size() != 2) {
    Fail(ErrorCode::InvalidInput, Tr("月份“%s”格式不对，应为 2020-06", std::string(text).c_str()));
  }
  if (n[0] < 1900 || n[0] > 2999 || n[1] < 1 || n[1] > 12)
    Fail(ErrorCode::InvalidInput, Tr("月份“%s”不存在", std::string(text).c_str()));
  return YearMonth(n[0], n[1]);
}

YearMonth YearMonth::Next() const {
  return month_ == 12 ? YearMonth(year_ + 1, 1) : YearMonth(year_, month_ + 1);
}

YearMonth YearMonth::Prev() const {
  return month_ == 1 ? YearMonth(year_ - 1, 12) : YearMonth(year_, month_ - 1);
}

Date YearMonth::FirstDay() const {
  return Date(static_cast<unsigned short>(year_), static_cast<unsigned short>(month_), 1);
}

Date YearMonth::LastDay() const { return FirstDay().end_of_month(); }

std::string YearMonth::Format() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year_, month_);
  return buf;
}

std::string YearMonth::FormatChinese() const {
  return std::to_string(year_) + "年" + std::to_string(month_) + "月";
}

int64_t ParseFixed(std::string_view text, const FixedSpec& spec) {
  std::string s = StripSpaces(NarrowFullWidth(text));
  std::string original(text);
  if (!s.empty() && s.back() == '%') s.pop_back();
  // TRANSLATORS: %s is a field's name (完成比例(%)); the field is empty.
  if (s.empty()) Fail(ErrorCode::InvalidInput, Tr("%s为空", TrC("field", spec.what).c_str()));
  bool negative = false;
  if (s[0] == '-') { negative = true; s.erase(0, 1); }
  size_t dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (ip.empty()) ip = "0";
  if (ip.find_first_not_of("0123456789") != std::string::npos ||
      fp.find_first_not_of("0123456789") != std::string::npos || ip.size() > 15)
    // TRANSLATORS: a field's name, then the text typed in it.
    Fail(ErrorCode::InvalidInput, Tr("%s“%s”不是数字", TrC("field", spec.what).c_str(), original.c_str()));
  while (static_cast<int>(fp.size()) > spec.decimals && fp.back() == '0') fp.pop_back();
  if (static_cast<int>(fp.size()) > spec.decimals)
    // TRANSLATORS: a field's name, the text typed in it, and the decimals it may have.
    Fail(ErrorCode::InvalidInput, Tr("%s“%s”最多%d位小数", TrC("field", spec.what).c_str(), original.c_str(), spec.decimals));
  fp.resize(static_cast<size_t>(spec.decimals), '0');
  int64_t v = 0;
  for (char c : ip + fp) v = v * 10 + (c - '0');
  if (negative) v = -v;
  if (v < spec.min || v > spec.max)
    // TRANSLATORS: a field's name, the text typed in it, then the smallest and largest value.
    Fail(ErrorCode::InvalidInput, Tr("%s“%s”应在 %s 到 %s 之间", TrC("field", spec.what).c_str(), original.c_str(),
                                     FormatFixed(spec.min, spec.decimals).c_str(),
                                     FormatFixed(spec.max, spec.decimals).c_str()));
  return v;
}

std::string FormatFixed(int64_t units, int decimals) {
  bool neg = units < 0;
  uint64_t m = neg ? static_cast<uint64_t>(-units) : static_cast<uint64_t>(units);
  std::string d = std::to_string(m);
  if (decimals == 0) return (neg ? "-" : "") + d;
  if (static_cast<int>(d.size()) <= decimals) d.insert(0, decimals + 1 - d.size(), '0');
  return (neg ? "-" : "") + d.substr(0, d.size() - decimals) + "." +
         d.substr(d.size() - decimals);
}

Percent Percent::FromTenths(int64_t tenths) {
  if (tenths < 0 || tenths > 1000)
    // TRANSLATORS: %s%% is a percentage of completion (105.0%).
    Fail(ErrorCode::InvalidInput, Tr("完成比例 %s%% 应在 0 到 100 之间", FormatFixed(tenths, 1).c_str()));
  Percent p;
  p.tenths_ = static_cast<int>(tenths);
  return p;
}

Percent Percent::Parse(std::string_view text) {
  // TRANSLATORS: the percentage of completion of a project (形象进度), a field's name.
  return FromTenths(ParseFixed(text, {1, 0, 1000, TrNoopC("field", "完成比例(%)")}));
}

Rate Rate::FromBasisPoints(int64_t bp, int64_t maxBp) {
  if (bp < 0 || bp > maxBp)
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: a rate typed (35.00%), then the largest rate allowed (30.00).
         Tr("比例 %s%% 应在 0 到 %s 之间", FormatFixed(bp, 2).c_str(), FormatFixed(maxBp, 2).c_str()));
  Rate r;
  r.bp_ = static_cast<int>(bp);
  return r;
}

Rate Rate::Parse(std::string_view text, int64_t maxBp, const char* what) {
  return FromBasisPoints(ParseFixed(text, {2, 0, maxBp, what}), maxBp);
}

Area Area::FromCenti(int64_t centi) {
  // TRANSLATORS: 建筑面积 is a project's floor area.
  if (centi < 0) Fail(ErrorCode::InvalidInput, Tr("建筑面积不能为负数"));
  Area a;
  a.centi_ = centi;
  return a;
}

Area Area::Parse(std::string_view text) {
  std::string s = StripSpaces(NarrowFullWidth(text));
  if (s.empty()) return Area();
  std::string plain;
  for (char c : s)
    if (c != ',') plain.push_back(c);
  return FromCenti(ParseFixed(plain, {2, 0, 99999999999LL, TrNoopC("field", "建筑面积(㎡)")}));
}

}  // namespace sb
