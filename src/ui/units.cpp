#include "ui/units.h"

#include <wx/config.h>

#include "ui/wxutil.h"

namespace sb::ui {

namespace {
// Every amount shown asks for the unit: read once per configuration object, not from the
// configuration for each of a province's 60,000 cells.
wxConfigBase* unitReadFrom = nullptr;
MoneyUnit unitRead = MoneyUnit::Wan;
}  // namespace

MoneyUnit DisplayUnit() {
  wxConfigBase* config = wxConfigBase::Get();
  if (config != unitReadFrom) {
    unitRead = config->Read("/View/Unit", "wan") == "yuan" ? MoneyUnit::Yuan : MoneyUnit::Wan;
    unitReadFrom = config;
  }
  return unitRead;
}

void SetDisplayUnit(MoneyUnit unit) {
  wxConfigBase* config = wxConfigBase::Get();
  config->Write("/View/Unit", unit == MoneyUnit::Yuan ? "yuan" : "wan");
  unitReadFrom = config;
  unitRead = unit;
}

std::string Amount(Money m) {
  return DisplayUnit() == MoneyUnit::Yuan ? m.FormatYuan() : m.FormatWan(2, 4);
}

int AmountDecimals(Money m) {
  if (DisplayUnit() == MoneyUnit::Yuan) return 2;
  std::string exact = m.FormatWan(2, 6, false);
  size_t dot = exact.find('.');
  return dot == std::string::npos ? 2 : static_cast<int>(exact.size() - dot - 1);
}

std::string Amount(Money m, int decimals) {
  return DisplayUnit() == MoneyUnit::Yuan ? m.FormatYuan() : m.FormatWan(decimals, decimals);
}

wxString ExactAmount(Money m) {
  return U8(m.FormatYuan()) + " " + TR("元") + TR("（") + U8(m.FormatWan(2, 6)) + " " + TR("万元") + TR("）");
}

wxString UnitName() { return DisplayUnit() == MoneyUnit::Yuan ? TR("元") : TR("万元"); }

wxString MonthLabel(YearMonth m) {
  // TRANSLATORS: a month, year then month ("2026年11月"); English "%d-%02d" (2026-11).
  return wxString::Format(TR("%d年%d月"), m.year(), m.month());
}

}  // namespace sb::ui
