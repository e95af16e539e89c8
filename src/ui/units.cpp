#include "ui/units.h"

#include <wx/config.h>

#include "ui/wxutil.h"

namespace sb::ui {

MoneyUnit DisplayUnit() {
  return wxConfigBase::Get()->Read("/View/Unit", "wan") == "yuan" ? MoneyUnit::Yuan : MoneyUnit::Wan;
}

void SetDisplayUnit(MoneyUnit unit) {
  wxConfigBase::Get()->Write("/View/Unit", unit == MoneyUnit::Yuan ? "yuan" : "wan");
}

std::string Amount(Money m) {
  return DisplayUnit() == MoneyUnit::Yuan ? m.FormatYuan() : m.FormatWan(2, 4);
}

wxString UnitName() { return DisplayUnit() == MoneyUnit::Yuan ? TR("元") : TR("万元"); }

}  // namespace sb::ui
