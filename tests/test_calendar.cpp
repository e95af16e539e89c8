// Dates, months, % complete, contract rates, floor areas and the canonical enumerations.
#include <doctest/doctest.h>

#include "core/calendar.h"
#include "core/enums.h"
#include "test_support.h"

using namespace sb;

namespace {
Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}
}  // namespace

// ---- dates -----------------------------------------------------------------------

TEST_CASE("date parse reads ISO, slashes, dots, compact and Chinese forms alike") {
  const Date expected = D(2020, 6, 30);
  for (const char* text : {"2020-06-30", "2020-6-30", "2020/6/30", "2020/06/30", "2020.6.30",
                           "2020年6月30日", "2020年06月30日", "20200630", " 2020-06-30 ",
                           "2020 年 6 月 30 日", "２０２０年６月３０日", "２０２０－０６－３０",
                           "\u30002020/6/30\u3000"}) {
    CAPTURE(text);
    CHECK(ParseDate(text) == expected);
  }
}

TEST_CASE("date parse refuses days that do not exist: 2021-02-29, 2020-06-31, month 13") {
  CHECK_INVALID(ParseDate("2021-02-29"), "不存在");
  CHECK_INVALID(ParseDate("2021年2月29日"), "2021年2月29日");
  CHECK_INVALID(ParseDate("1900-02-29"), "不存在");  // 1900 is not a leap year
  CHECK(ParseDate("2020-02-29") == D(2020, 2, 29));
  CHECK(ParseDate("2000-02-29") == D(2000, 2, 29));
  CHECK_INVALID(ParseDate("2020-06-31"), "不存在");
  CHECK_INVALID(ParseDate("2020-13-01"), "不存在");
  CHECK_INVALID(ParseDate("2020-00-10"), "不存在");
  CHECK_INVALID(ParseDate("2020-06-00"), "不存在");
  CHECK_INVALID(ParseDate("20201301"), "不存在");
}

TEST_CASE("date parse refuses years outside 1900..2999") {
  CHECK_INVALID(ParseDate("1899-12-31"), "年份不合理");
  CHECK_INVALID(ParseDate("3000-01-01"), "年份不合理");
  CHECK_INVALID(ParseDate("20-06-30"), "年份不合理");
  CHECK(ParseDate("1900-01-01") == D(1900, 1, 1));
  CHECK(ParseDate("2999-12-31") == D(2999, 12, 31));
}

TEST_CASE("date parse refuses text that is not a date and says the expected form") {
  for (const char* text : {"", "abc", "2020-06", "2020-06-30-01", "2020--06-30", "-2020-06-30",
                           "2020-06-30T00:00", "2020年6月三十日", "2020-6-3O", "2020063",
                           "12345-01-01"}) {
    CAPTURE(text);
    CHECK_INVALID(ParseDate(text), "格式不对，应为 2020-06-30");
  }
}

TEST_CASE("date parse takes one shape per cell: no trailing separator, no long month, no mixed separators") {
  for (const char* text : {"2021-02-03-", "2021-0002-03", "2021-02-0003", "2021-02/03", "2021/02-03",
                           "2021年02-03", "2021年2月3日日", "2021-02-03日", "2021 02 03", "2021-0 2-03",
                           "20 21-02-03", "2021年2月", "-2021-02-03", "2021..02.03"}) {
    CAPTURE(text);
    CHECK_INVALID(ParseDate(text), "格式不对，应为 2020-06-30");
  }
  CHECK(ParseDate("2021年2月3") == D(2021, 2, 3));  // 日 may be left out
  CHECK(ParseDate("2021.2.3") == D(2021, 2, 3));
  CHECK(ParseDate(" 2021 - 02 - 03 ") == D(2021, 2, 3));  // spaces around separators are padding
}

TEST_CASE("optional date: empty or blank means no date, anything else must be a date") {
  CHECK_FALSE(ParseOptionalDate("").has_value());
  CHECK_FALSE(ParseOptionalDate("  ").has_value());
  CHECK_FALSE(ParseOptionalDate("\u3000").has_value());
  CHECK(ParseOptionalDate("2020年6月30日") == D(2020, 6, 30));
  CHECK_INVALID(ParseOptionalDate("2021-02-29"), "不存在");
}

TEST_CASE("date formats as ISO for files and as 2020年6月30日 for print") {
  CHECK(FormatDate(D(2020, 6, 3)) == "2020-06-03");
  CHECK(FormatDate(std::optional<Date>()) == "");
  CHECK(FormatDate(std::optional<Date>(D(2025, 12, 31))) == "2025-12-31");
  CHECK(FormatDateChinese(D(2021, 7, 3)) == "2021年7月3日");
  CHECK(ParseDate(FormatDateChinese(D(2021, 7, 3))) == D(2021, 7, 3));
}

// ---- months ----------------------------------------------------------------------

TEST_CASE("year-month parse reads 2020-06, 2020-6, 2020/06, 2020.06, 2020年6月, 202006") {
  for (const char* text : {"2020-06", "2020-6", "2020/06", "2020.06", "2020年6月", "2020年06月",
                           "202006", "２０２０年６月", " 2020-06 "}) {
    CAPTURE(text);
    YearMonth m = YearMonth::Parse(text);
    CHECK(m.year() == 2020);
    CHECK(m.month() == 6);
  }
}

TEST_CASE("year-month parse refuses month 0 and 13, bare years and full dates") {
  CHECK_INVALID(YearMonth::Parse("2020-13"), "不存在");
  CHECK_INVALID(YearMonth::Parse("2020-00"), "不存在");
  CHECK_INVALID(YearMonth::Parse("202013"), "不存在");
  CHECK_INVALID(YearMonth::Parse("1899-12"), "不存在");
  CHECK_INVALID(YearMonth::Parse("2020"), "格式不对");
  CHECK_INVALID(YearMonth::Parse("2020-06-30"), "格式不对");
  CHECK_INVALID(YearMonth::Parse(""), "格式不对");
  CHECK_INVALID(YearMonth::Parse("June 2020"), "格式不对");
  CHECK_INVALID(YearMonth(2020, 13), "2020-13");
  CHECK_INVALID(YearMonth(2020, 0), "不存在");
  CHECK_INVALID(YearMonth(3000, 1), "不存在");
}

TEST_CASE("year-month next and previous cross the year boundary") {
  CHECK(YearMonth(2020, 12).Next() == YearMonth(2021, 1));
  CHECK(YearMonth(2021, 1).Prev() == YearMonth(2020, 12));
  CHECK(YearMonth(2020, 6).Next() == YearMonth(2020, 7));
  CHECK(YearMonth(2020, 6).Prev() == YearMonth(2020, 5));
  CHECK(YearMonth(2020, 6).Next().Prev() == YearMonth(2020, 6));
  CHECK(YearMonth(2021, 1).Index() - YearMonth(2020, 12).Index() == 1);
  CHECK(YearMonth(2020, 12) < YearMonth(2021, 1));
  CHECK_INVALID(YearMonth(2999, 12).Next(), "不存在");
}

TEST_CASE("year-month first and last day, leap February included") {
  CHECK(YearMonth(2020, 2).FirstDay() == D(2020, 2, 1));
  CHECK(YearMonth(2020, 2).LastDay() == D(2020, 2, 29));
  CHECK(YearMonth(2021, 2).LastDay() == D(2021, 2, 28));
  CHECK(YearMonth(2020, 6).LastDay() == D(2020, 6, 30));
  CHECK(YearMonth(2020, 12).LastDay() == D(2020, 12, 31));
  CHECK(YearMonth::Of(D(2021, 7, 3)) == YearMonth(2021, 7));
}

TEST_CASE("year-month formats as 2020-06 and 2020年6月") {
  CHECK(YearMonth(2020, 6).Format() == "2020-06");
  CHECK(YearMonth(2020, 12).Format() == "2020-12");
  CHECK(YearMonth(2021, 6).FormatChinese() == "2021年6月");
  CHECK(YearMonth::Parse(YearMonth(2021, 6).FormatChinese()) == YearMonth(2021, 6));
}

// ---- percent complete ------------------------------------------------------------

TEST_CASE("percent complete is kept in tenths: 93, 93.5, 93.5%, full-width") {
  CHECK(Percent::Parse("93").tenths() == 930);
  CHECK(Percent::Parse("93.5").tenths() == 935);
  CHECK(Percent::Parse("93.5%").tenths() == 935);
  CHECK(Percent::Parse(" 93.5 % ").tenths() == 935);
  CHECK(Percent::Parse("９３．５％").tenths() == 935);
  CHECK(Percent::Parse("93.50").tenths() == 935);  // a trailing zero adds no precision
  CHECK(Percent::Parse("0").tenths() == 0);
  CHECK(Percent::Parse("100").tenths() == 1000);
  CHECK(Percent::Parse("100.0").tenths() == 1000);
  CHECK(Percent::Parse(".5").tenths() == 5);
}

TEST_CASE("percent complete refuses a second decimal: 93.55") {
  CHECK_INVALID(Percent::Parse("93.55"), "最多1位小数");
  CHECK_INVALID(Percent::Parse("93.55"), "93.55");
  CHECK_INVALID(Percent::Parse("0.05"), "最多1位小数");
}

TEST_CASE("percent complete refuses more than 100 and less than 0") {
  CHECK_INVALID(Percent::Parse("100.1"), "0.0 到 100.0");
  CHECK_INVALID(Percent::Parse("101"), "完成比例");
  CHECK_INVALID(Percent::Parse("-1"), "完成比例");
  CHECK_INVALID(Percent::FromTenths(1001), "100.1%");
  CHECK_INVALID(Percent::FromTenths(-1), "0 到 100");
  CHECK(Percent::FromTenths(1000).tenths() == 1000);
}

TEST_CASE("percent complete refuses text that is not a number") {
  CHECK_INVALID(Percent::Parse(""), "为空");
  CHECK_INVALID(Percent::Parse("%"), "为空");
  CHECK_INVALID(Percent::Parse("abc"), "不是数字");
  CHECK_INVALID(Percent::Parse("9 3.5.1"), "不是数字");
  CHECK_INVALID(Percent::Parse("+50"), "不是数字");
  CHECK_INVALID(Percent::Parse("五十"), "不是数字");
}

TEST_CASE("percent complete formats with one decimal") {
  CHECK(Percent::FromTenths(935).Format() == "93.5");
  CHECK(Percent::FromTenths(930).Format() == "93.0");
  CHECK(Percent::FromTenths(5).Format() == "0.5");
  CHECK(Percent().Format() == "0.0");
  CHECK(Percent::FromTenths(1000).Format() == "100.0");
  CHECK(Percent::FromTenths(900) < Percent::FromTenths(935));
}

// ---- rates and areas -------------------------------------------------------------

TEST_CASE("rate is kept in basis points with two decimals of a percent") {
  CHECK(Rate::Parse("2.5").basisPoints() == 250);
  CHECK(Rate::Parse("2.50%").basisPoints() == 250);
  CHECK(Rate::Parse("30").basisPoints() == 3000);
  CHECK(Rate::Parse("0.01").basisPoints() == 1);
  CHECK(Rate::FromBasisPoints(250).Format() == "2.50");
  CHECK(Rate::FromBasisPoints(3000).Format() == "30.00");
  CHECK(Rate().Format() == "0.00");
}

TEST_CASE("rate refuses a third decimal and values above its maximum, naming the field") {
  CHECK_INVALID(Rate::Parse("2.555"), "最多2位小数");
  CHECK_INVALID(Rate::Parse("3.01", 300, "质保金比例"), "质保金比例");
  CHECK_INVALID(Rate::Parse("3.01", 300, "质保金比例"), "0.00 到 3.00");
  CHECK(Rate::Parse("3", 300, "质保金比例").basisPoints() == 300);
  CHECK_INVALID(Rate::Parse("100.01"), "0.00 到 100.00");
  CHECK_INVALID(Rate::Parse("-1"), "比例");
  CHECK_INVALID(Rate::FromBasisPoints(-1), "比例");
  CHECK_INVALID(Rate::FromBasisPoints(301, 300), "3.00");
}

TEST_CASE("floor area is kept in hundredths of a square metre") {
  CHECK(Area::Parse("3250.5").centi() == 325050);
  CHECK(Area::Parse("32,500").centi() == 3250000);
  CHECK(Area::Parse("３２５００．２５").centi() == 3250025);
  CHECK(Area::Parse("").centi() == 0);
  CHECK(Area::Parse("  ").centi() == 0);
  CHECK(Area::FromCenti(3250000).Format() == "32500.00");
  CHECK(Area::FromCenti(5).Format() == "0.05");
}

TEST_CASE("floor area refuses negatives, a third decimal and garbage") {
  CHECK_INVALID(Area::Parse("-5"), "建筑面积");
  CHECK_INVALID(Area::Parse("1.234"), "最多2位小数");
  CHECK_INVALID(Area::Parse("abc"), "不是数字");
  CHECK_INVALID(Area::FromCenti(-1), "不能为负数");
}

// ---- enumerations ----------------------------------------------------------------

TEST_CASE("every canonical enumeration has the names of DOMAIN.md, in order") {
  CHECK(EnumCount<Stage>() == 8);
  CHECK(EnumCount<BuildingCategory>() == 13);
  CHECK(EnumCount<Nature>() == 4);
  CHECK(EnumCount<ProjectStatus>() == 7);
  CHECK(EnumCount<CostCategory>() == 6);
  CHECK(EnumCount<StepStatus>() == 4);
  CHECK(EnumCount<ContractKind>() == 7);
  CHECK(EnumCount<PaymentKind>() == 6);
  CHECK(EnumCount<SourceLevel>() == 7);
  CHECK(Name(Stage::NineYear) == "九年一贯制");
  CHECK(Name(BuildingCategory::TeacherFlats) == "教师周转宿舍");
  CHECK(Name(Nature::Relocation) == "迁建");
  CHECK(Name(ProjectStatus::Closed) == "已决算");
  CHECK(Name(CostCategory::Land) == "征地拆迁");
  CHECK(Name(CostCategory::Contingency) == "预备费");
  CHECK(Name(StepStatus::NotApplicable) == "不适用");
  CHECK(Name(ContractKind::Works) == "施工");
  CHECK(Name(ContractKind::EquipmentPurchase) == "设备采购");
  CHECK(Name(PaymentKind::Retention) == "质保金");
  CHECK(Name(SourceLevel::Bond) == "债券");
}

TEST_CASE("every enumeration name parses back to its value") {
  auto roundTrip = [](auto tag) {
    using E = decltype(tag);
    for (size_t i = 0; i < EnumCount<E>(); ++i) {
      E e = EnumAt<E>(i);
      CHECK(ParseEnum<E>(Name(e)) == e);
    }
  };
  roundTrip(Stage{});
  roundTrip(BuildingCategory{});
  roundTrip(Nature{});
  roundTrip(ProjectStatus{});
  roundTrip(CostCategory{});
  roundTrip(StepStatus{});
  roundTrip(ContractKind{});
  roundTrip(PaymentKind{});
  roundTrip(SourceLevel{});
}

TEST_CASE("an unknown enumeration value is refused with the field and the allowed values") {
  CHECK_INVALID(ParseEnum<BuildingCategory>("教学搂"), "建设类别“教学搂”不是规定的取值");
  CHECK_INVALID(ParseEnum<BuildingCategory>("教学搂"), "教学楼、综合楼、学生宿舍");
  CHECK_INVALID(ParseEnum<StepStatus>("已完成"), "手续状态");
  CHECK_FALSE(TryParseEnum<Stage>("").has_value());
  CHECK_FALSE(TryParseEnum<Stage>(" 小学").has_value());  // canonical names are exact
}

// ---- category sets ---------------------------------------------------------------

TEST_CASE("category set parses names joined by 、 or ， or ； (ASCII too) or / and formats them in canonical order") {
  CategorySet s = CategorySet::Parse("设备购置、建安工程", CategorySet());
  CHECK(s.Contains(CostCategory::Construction));
  CHECK(s.Contains(CostCategory::Equipment));
  CHECK_FALSE(s.Contains(CostCategory::Land));
  CHECK(s.Format() == "建安工程、设备购置");
  for (const char* text : {"建安工程,设备购置", "建安工程;设备购置", "建安工程，设备购置",
                           "建安工程；设备购置", "建安工程/设备购置", " 建安工程 、 设备购置 ",
                           "建安工程、、设备购置、"}) {
    CAPTURE(text);
    CHECK(CategorySet::Parse(text, CategorySet()) == s);
  }
}

TEST_CASE("category set: empty text gives the default, every category formats as the full list") {
  CHECK(CategorySet::Parse("", CategorySet::All()) == CategorySet::All());
  CHECK(CategorySet::Parse("  ", CategorySet()).Empty());
  CHECK(CategorySet::All().Format() == "征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费");
  CHECK(CategorySet::Parse(CategorySet::All().Format(), CategorySet()) == CategorySet::All());
  CHECK(CategorySet().Format() == "");
  CHECK(CategorySet::All().mask() == 0x3F);
  CHECK(CategorySet::FromMask(0xFFFF) == CategorySet::All());
  CHECK(CategorySet::FromMask(1u << 2).Format() == "建安工程");
}

TEST_CASE("category set refuses an unknown category") {
  CHECK_INVALID(CategorySet::Parse("建安工程、土地", CategorySet()), "费用类别“土地”");
  CHECK_INVALID(CategorySet::Parse("建安", CategorySet()), "征地拆迁、前期费用");
}
