// ParseDate and YearMonth::Parse on any text: refused with sb::Error, or a date (month)
// that its ISO and Chinese forms parse back to exactly.
#include <cstdint>

#include "core/calendar.h"
#include "core/error.h"
#include "core/validate.h"
#include "fuzz_support.h"

namespace {

template <class T, class Parse>
void RoundTrip(const T& value, const std::string& formatted, Parse parse, const char* how) {
  T back;
  try {
    back = parse(formatted);
  } catch (const sb::Error& e) {
    sb::fuzz::PropertyFailed(how, "“" + formatted + "” is refused: " + e.detail());
  }
  SB_FUZZ_CHECK(back == value, std::string(how) + ": “" + formatted + "” reads back differently");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = sb::fuzz::AsText(data, size);
  auto parseDate = [](const std::string& s) { return sb::ParseDate(s); };
  try {
    sb::Date d = sb::ParseDate(text);
    SB_FUZZ_CHECK(!d.is_special(), "ParseDate gave a special date");
    SB_FUZZ_CHECK(d.year() >= 1900 && d.year() <= 2999, sb::FormatDate(d));
    RoundTrip(d, sb::FormatDate(d), parseDate, "FormatDate");
    RoundTrip(d, sb::FormatDateChinese(d), parseDate, "FormatDateChinese");
    auto optional = sb::ParseOptionalDate(text);
    SB_FUZZ_CHECK(optional && *optional == d, "ParseOptionalDate differs from ParseDate");
  } catch (const sb::Error&) {
  }
  try {
    sb::YearMonth m = sb::YearMonth::Parse(text);
    auto parseMonth = [](const std::string& s) { return sb::YearMonth::Parse(s); };
    RoundTrip(m, m.Format(), parseMonth, "YearMonth::Format");
    RoundTrip(m, m.FormatChinese(), parseMonth, "YearMonth::FormatChinese");
    SB_FUZZ_CHECK(m.FirstDay() <= m.LastDay(), m.Format());
  } catch (const sb::Error&) {
  }
  try {
    int year = sb::ParseYear(text);
    SB_FUZZ_CHECK(sb::ParseYear(std::to_string(year)) == year, std::to_string(year));
  } catch (const sb::Error&) {
  }
  return 0;
}
