// Money: exact fen in 64 bits, parsed from what a clerk types, formatted for people and files.
#include <doctest/doctest.h>

#include <limits>

#include "core/money.h"
#include "test_support.h"

using sb::Money;
using sb::MoneyUnit;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t Yuan(std::string_view text) { return Money::Parse(text, MoneyUnit::Yuan).fen(); }
int64_t Wan(std::string_view text) { return Money::Parse(text, MoneyUnit::Wan).fen(); }

}  // namespace

// ---- parsing what a report quotes -------------------------------------------------

TEST_CASE("money parse reads 2,644.2375万元 as 26,442,375.00 元 = 2644237500 fen") {
  Money m = Money::Parse("2,644.2375万元", MoneyUnit::Yuan);
  CHECK(m.fen() == 2644237500);
  CHECK(m.FormatYuan() == "26,442,375.00");
  CHECK(m.FormatWan() == "2,644.2375");
}

TEST_CASE("money parse reads a plain 元 amount 26442375.00 in the default unit") {
  CHECK(Yuan("26442375.00") == 2644237500);
  CHECK(Yuan("26442375") == 2644237500);
  CHECK(Wan("2644.2375") == 2644237500);
}

TEST_CASE("money parse: a unit written in the text wins over the default unit") {
  CHECK(Wan("26,442,375元") == 2644237500);
  CHECK(Yuan("2644.2375万元") == 2644237500);
  CHECK(Yuan("2644.2375万") == 2644237500);
  CHECK(Yuan("37620万元") == 37620000000);  // 3.762亿
}

TEST_CASE("money parse accepts full-width digits, point and comma") {
  CHECK(Yuan("２６４４．２３７５万元") == 2644237500);
  CHECK(Yuan("２，６４４．２３７５万元") == 2644237500);
  CHECK(Wan("２６，４４２，３７５元") == 2644237500);
}

TEST_CASE("money parse ignores ASCII, ideographic and no-break spaces anywhere") {
  CHECK(Yuan("  2,644.2375 万元  ") == 2644237500);
  CHECK(Yuan("\t26442375.00\n") == 2644237500);
  CHECK(Yuan("\u3000２６４４．２３７５\u3000万元\u3000") == 2644237500);
  CHECK(Yuan("\u00A01,234.50\u00A0") == 123450);
}

TEST_CASE("money parse accepts a leading ¥ or ￥") {
  CHECK(Yuan("¥1,234.50") == 123450);
  CHECK(Yuan("￥1,234.50") == 123450);
  CHECK(Yuan("¥ 1,234.50 元") == 123450);
}

TEST_CASE("money parse reads negative amounts (reversals) with the sign before or after ¥") {
  CHECK(Yuan("-1,234.50") == -123450);
  CHECK(Yuan("-¥1,234.50") == -123450);
  CHECK(Yuan("¥-1,234.50") == -123450);
  CHECK(Yuan("-2,644.2375万元") == -2644237500);
  CHECK(Yuan("+12.30") == 1230);
  CHECK(Yuan("-0") == 0);
}

TEST_CASE("money parse keeps every fen of small and fractional amounts") {
  CHECK(Yuan("0.01") == 1);
  CHECK(Yuan(".5") == 50);
  CHECK(Yuan("0") == 0);
  CHECK(Wan("0.000001") == 1);  // the 6th decimal of 万元 is 1 分
  CHECK(Wan("836.49") == 836490000);
  CHECK(Wan("259.662") == 259662000);
  CHECK(Yuan("007.10") == 710);
}

// ---- refusals --------------------------------------------------------------------

TEST_CASE("money parse refuses misplaced thousands separators") {
  CHECK_INVALID(Yuan("12,34"), "千分位");
  CHECK_INVALID(Yuan("1,2345"), "千分位");
  CHECK_INVALID(Yuan("1234,567"), "千分位");
  CHECK_INVALID(Yuan(",123"), "千分位");
  CHECK_INVALID(Yuan("1,234,"), "千分位");
  CHECK_INVALID(Yuan("1,,234"), "千分位");
  CHECK_INVALID(Yuan("1,234.5,6"), "不是数字");
}

TEST_CASE("money parse refuses a third decimal in 元") {
  CHECK_INVALID(Yuan("1.234"), "小数超过2位");
  CHECK_INVALID(Yuan("1.234元"), "小数超过2位");
  CHECK_INVALID(Wan("26442375.001元"), "小数超过2位");
}

TEST_CASE("money parse refuses a seventh decimal in 万元") {
  CHECK_INVALID(Wan("1.2345678"), "小数超过6位");
  CHECK_INVALID(Yuan("1.2345678万元"), "小数超过6位");
}

TEST_CASE("money parse accepts trailing zeros beyond the unit's precision") {
  CHECK(Yuan("1.230") == 123);
  CHECK(Yuan("1.2300000") == 123);
  CHECK(Wan("1.2345670") == 1234567);
  CHECK(Yuan("2644.23750000万元") == 2644237500);
}

TEST_CASE("money parse refuses amounts beyond 64 bits of fen") {
  CHECK_INVALID(Yuan("99999999999999999999"), "超出");
  CHECK_INVALID(Wan("99999999999999"), "超出");  // 10^14 万元 > 9.2×10^18 分
  CHECK_INVALID(Yuan("92233720368547758.08"), "超出");
  CHECK(Yuan("92233720368547758.07") == kMax);
  CHECK(Yuan("-92233720368547758.07") == -kMax);
  CHECK(Wan("9223372036854.775807") == kMax);
  CHECK_INVALID(Wan("9223372036854.775808"), "超出");
}

TEST_CASE("money parse refuses garbage and says which text") {
  CHECK_INVALID(Yuan("abc"), "abc");
  CHECK_INVALID(Yuan("abc"), "不是数字");
  CHECK_INVALID(Yuan(""), "金额为空");
  CHECK_INVALID(Yuan("   "), "金额为空");
  CHECK_INVALID(Yuan("\u3000"), "金额为空");
  CHECK_INVALID(Yuan("1.2.3"), "1.2.3");
  CHECK_INVALID(Yuan("万元"), "没有数字");
  CHECK_INVALID(Yuan("元"), "没有数字");
  CHECK_INVALID(Yuan("¥"), "没有数字");
  CHECK_INVALID(Yuan("-"), "没有数字");
  CHECK_INVALID(Yuan("."), "没有数字");
  CHECK_INVALID(Yuan("1e5"), "不是数字");
  CHECK_INVALID(Yuan("12a"), "不是数字");
  CHECK_INVALID(Yuan("--5"), "不是数字");
  CHECK_INVALID(Yuan("+-5"), "不是数字");
  CHECK_INVALID(Yuan("5元元"), "不是数字");
  CHECK_INVALID(Yuan("万元5"), "不是数字");
  CHECK_INVALID(Yuan("1 2 3 .4 5 6"), "中间有空格");  // one number in pieces is refused, not joined
}

TEST_CASE("money parse refuses a number in pieces: 5 5 is not 55万元") {
  for (const char* text : {"5 5", "5 5万元", "1 234.50", "12\u30003", "1,234 567", "55 .5 5"}) {
    CAPTURE(text);
    CHECK_INVALID(Money::Parse(text, MoneyUnit::Wan), "中间有空格");
  }
  CHECK(Money::Parse(" 55 ", MoneyUnit::Wan) == Money::FromWan(55));
  CHECK(Money::Parse("55 万元", MoneyUnit::Yuan) == Money::FromWan(55));
  CHECK(Money::Parse("- 36.50", MoneyUnit::Yuan) == Money::Parse("-36.50", MoneyUnit::Yuan));
  CHECK(Money::Parse("¥ 12", MoneyUnit::Yuan) == Money::FromYuan(12));
}

// ---- formatting ------------------------------------------------------------------

TEST_CASE("money FormatYuan groups thousands and always shows two decimals") {
  CHECK(Money().FormatYuan() == "0.00");
  CHECK(Money::FromFen(1).FormatYuan() == "0.01");
  CHECK(Money::FromFen(-1).FormatYuan() == "-0.01");
  CHECK(Money::FromFen(99999).FormatYuan() == "999.99");
  CHECK(Money::FromFen(100000).FormatYuan() == "1,000.00");
  CHECK(Money::FromFen(123456).FormatYuan() == "1,234.56");
  CHECK(Money::FromFen(2644237500).FormatYuan() == "26,442,375.00");
  CHECK(Money::FromFen(-2644237500).FormatYuan() == "-26,442,375.00");
  CHECK(Money::FromWan(37620).FormatYuan() == "376,200,000.00");
  CHECK(Money::FromFen(kMax).FormatYuan() == "92,233,720,368,547,758.07");
  CHECK(Money::FromFen(kMin).FormatYuan() == "-92,233,720,368,547,758.08");
}

TEST_CASE("money FormatYuanPlain has two decimals and no separators (csv, json)") {
  CHECK(Money::FromFen(2644237500).FormatYuanPlain() == "26442375.00");
  CHECK(Money::FromFen(-5).FormatYuanPlain() == "-0.05");
  CHECK(Money().FormatYuanPlain() == "0.00");
  CHECK(Money::FromFen(kMin).FormatYuanPlain() == "-92233720368547758.08");
}

TEST_CASE("money FormatWan shows between min and max decimals, trimming zeros") {
  Money m = Money::FromFen(2644237500);
  CHECK(m.FormatWan() == "2,644.2375");
  CHECK(m.FormatWan(2, 4, false) == "2644.2375");
  CHECK(m.FormatWan(2, 6) == "2,644.2375");
  CHECK(m.FormatWan(4, 6) == "2,644.2375");
  CHECK(m.FormatWan(6, 6) == "2,644.237500");
  CHECK(Money::FromWan(100).FormatWan() == "100.00");
  CHECK(Money::FromWan(100).FormatWan(0, 4) == "100");
  CHECK(Money::FromWan(2205).FormatWan(0, 0) == "2,205");
  CHECK(Money::FromFen(836490000).FormatWan() == "836.49");
  CHECK(Money::FromFen(259662000).FormatWan() == "259.662");
  CHECK(Money::FromFen(259662000).FormatWan(4, 4) == "259.6620");
  CHECK(Money().FormatWan() == "0.00");
  CHECK(Money().FormatWan(0, 4) == "0");
}

TEST_CASE("money FormatWan rounds beyond max decimals half away from zero") {
  CHECK(Money::FromFen(2644237500).FormatWan(2, 2) == "2,644.24");
  CHECK(Money::FromFen(2644237500).FormatWan(0, 0) == "2,644");
  CHECK(Money::FromFen(50).FormatWan() == "0.0001");     // 0.00005万 → 0.0001
  CHECK(Money::FromFen(49).FormatWan() == "0.00");       // 0.000049万 → 0
  CHECK(Money::FromFen(-50).FormatWan() == "-0.0001");
  CHECK(Money::FromFen(-49).FormatWan() == "0.00");      // never "-0.00"
  CHECK(Money::FromFen(1).FormatWan() == "0.00");
  CHECK(Money::FromFen(99999950).FormatWan() == "100.00");  // 99.99995 carries into 100
  CHECK(Money::FromFen(12345678950).FormatWan() == "12,345.679");
  CHECK(Money::FromFen(-12345678950).FormatWan() == "-12,345.679");
  CHECK(Money::FromFen(9999995000).FormatWan(2, 2) == "10,000.00");
}

TEST_CASE("money FormatWanExact keeps all six decimals of 万元, no separators") {
  CHECK(Money::FromFen(1).FormatWanExact() == "0.000001");
  CHECK(Money::FromFen(12345678901).FormatWanExact() == "12345.678901");
  CHECK(Money::FromFen(2644237500).FormatWanExact() == "2644.2375");
  CHECK(Money::FromWan(37620).FormatWanExact() == "37620.00");
  CHECK(Money::FromFen(-1).FormatWanExact() == "-0.000001");
}

TEST_CASE("money formatted as 元 or 万元 parses back to the same fen") {
  for (int64_t fen : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{99}, int64_t{123456789},
                      int64_t{2644237500}, int64_t{-37620000000}, kMax, kMin + 1}) {
    Money m = Money::FromFen(fen);
    CHECK(Money::Parse(m.FormatYuan(), MoneyUnit::Yuan) == m);
    CHECK(Money::Parse(m.FormatYuanPlain(), MoneyUnit::Yuan) == m);
    CHECK(Money::Parse(m.FormatWanExact(), MoneyUnit::Wan) == m);
    CHECK(Money::Parse(m.FormatWan(2, 6), MoneyUnit::Wan) == m);
  }
}

// ---- arithmetic ------------------------------------------------------------------

TEST_CASE("money FromYuan and FromWan scale exactly and refuse overflow") {
  CHECK(Money::FromYuan(26442375).fen() == 2644237500);
  CHECK(Money::FromWan(37620).fen() == 37620000000);
  CHECK(Money::FromWan(-1).fen() == -1000000);
  CHECK(Money::FromWan(9223372036854).fen() == 9223372036854000000);
  CHECK_INVALID(Money::FromWan(9223372036855), "超出");
  CHECK_INVALID(Money::FromYuan(kMax / 100 + 1), "超出");
  CHECK_INVALID(Money::FromYuan(kMin / 100 - 1), "超出");
}

TEST_CASE("money MulDiv rounds half away from zero, exact in 128 bits") {
  Money contract = Money::Parse("12,345,678.91", MoneyUnit::Yuan);
  CHECK(contract.MulDiv(97, 100).FormatYuan() == "11,975,308.54");  // 97% of the contract
  CHECK(contract.MulDiv(3, 100).FormatYuan() == "370,370.37");      // 3% retention
  CHECK(Money::FromFen(1).MulDiv(1, 2).fen() == 1);    // 0.5 → 1
  CHECK(Money::FromFen(-1).MulDiv(1, 2).fen() == -1);  // -0.5 → -1
  CHECK(Money::FromFen(5).MulDiv(1, 3).fen() == 2);    // 1.67 → 2
  CHECK(Money::FromFen(4).MulDiv(1, 3).fen() == 1);    // 1.33 → 1
  CHECK(Money::FromFen(100).MulDiv(1, -3).fen() == -33);
  CHECK(Money::FromFen(-100).MulDiv(-2, 3).fen() == 67);
  CHECK(Money::FromFen(kMax).MulDiv(3, 3).fen() == kMax);  // the product exceeds 64 bits
  CHECK(Money::FromFen(kMax).MulDiv(kMax, kMax).fen() == kMax);
  CHECK(Money::FromWan(30000).MulDiv(935, 1000).FormatWan() == "28,050.00");  // 93.5% of 3亿
}

TEST_CASE("money MulDiv refuses a zero divisor and a result beyond 64 bits") {
  CHECK_INVALID(Money::FromFen(1).MulDiv(1, 0), "除数为零");
  CHECK_INVALID(Money::FromFen(kMax).MulDiv(2, 1), "超出");
  CHECK_INVALID(Money::FromFen(kMin).MulDiv(2, 1), "超出");
}

TEST_CASE("money addition, subtraction and negation refuse overflow") {
  Money a = Money::FromFen(2644237500), b = Money::FromFen(-37620000000);
  CHECK((a + b).fen() == 2644237500 - 37620000000);
  CHECK((a - b).fen() == 2644237500 + 37620000000);
  CHECK((-a).fen() == -2644237500);
  Money c = a;
  c += a;
  c -= Money::FromFen(1);
  CHECK(c.fen() == 2 * 2644237500 - 1);
  CHECK_INVALID(Money::FromFen(kMax) + Money::FromFen(1), "超出");
  CHECK_INVALID(Money::FromFen(kMin) - Money::FromFen(1), "超出");
  CHECK_INVALID(Money::FromFen(kMin) + Money::FromFen(-1), "超出");
  CHECK_INVALID(Money::FromFen(-1) - Money::FromFen(kMax) - Money::FromFen(2), "超出");
  CHECK_INVALID(-Money::FromFen(kMin), "超出");
  Money d = Money::FromFen(kMax);
  CHECK_INVALID(d += Money::FromFen(1), "超出");
  CHECK(d.fen() == kMax);  // a refused addition leaves the value as it was
}

TEST_CASE("money compares by fen, Min and Max pick the right one") {
  Money small = Money::FromFen(-1), big = Money::FromWan(1);
  CHECK(small < big);
  CHECK(big > Money());
  CHECK(Money::FromYuan(10000) == big);
  CHECK(Min(small, big) == small);
  CHECK(Max(small, big) == big);
  CHECK(Money().IsZero());
  CHECK(small.IsNegative());
  CHECK_FALSE(big.IsNegative());
}
