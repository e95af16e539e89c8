#pragma once
/// How the window shows amounts: 万元 (default) or 元, a setting kept in wxConfig.
/// Column titles carry no unit; the status bar and headings name it.
#include <wx/string.h>

#include <string>

#include "core/money.h"

namespace sb::ui {

MoneyUnit DisplayUnit();
void SetDisplayUnit(MoneyUnit unit);
/// The amount in the display unit: "2,644.2375" (万元, 2–4 decimals) or "26,442,375.00" (元).
std::string Amount(Money m);
/// "万元" or "元", translated.
wxString UnitName();

}  // namespace sb::ui
