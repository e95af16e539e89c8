// Money::Parse on any text, in either default unit: refused with sb::Error (anything else
// escaping is a crash), or a value that every exact format parses back to, fen for fen.
#include <cstdint>

#include "core/error.h"
#include "core/money.h"
#include "fuzz_support.h"

using sb::Money;
using sb::MoneyUnit;

namespace {

void RoundTrip(const Money& m, const std::string& formatted, MoneyUnit unit, const char* how) {
  Money back;
  try {
    back = Money::Parse(formatted, unit);
  } catch (const sb::Error& e) {
    sb::fuzz::PropertyFailed(how, "fen " + std::to_string(m.fen()) + " formatted as “" + formatted +
                                      "” is refused: " + e.detail());
  }
  SB_FUZZ_CHECK(back == m, std::string(how) + ": fen " + std::to_string(m.fen()) + " → “" + formatted +
                               "” → fen " + std::to_string(back.fen()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = sb::fuzz::AsText(data, size);
  for (MoneyUnit unit : {MoneyUnit::Yuan, MoneyUnit::Wan}) {
    Money m;
    try {
      m = Money::Parse(text, unit);
    } catch (const sb::Error&) {
      continue;  // refused cleanly
    }
    RoundTrip(m, m.FormatYuanPlain(), MoneyUnit::Yuan, "FormatYuanPlain");
    RoundTrip(m, m.FormatYuan(), MoneyUnit::Yuan, "FormatYuan");
    RoundTrip(m, m.FormatWanExact(), MoneyUnit::Wan, "FormatWanExact");
    RoundTrip(m, m.FormatYuan() + "元", MoneyUnit::Wan, "FormatYuan with 元");
    RoundTrip(m, m.FormatWanExact() + "万元", MoneyUnit::Yuan, "FormatWanExact with 万元");
    (void)m.FormatWan();  // display rounding: must not crash, need not round-trip
  }
  return 0;
}
