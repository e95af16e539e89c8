#pragma once
/// How the window shows amounts: 万元 (default) or 元, a setting kept in wxConfig.
/// Column titles carry no unit; the status bar and headings name it.
#include <wx/string.h>

#include <string>

#include "core/calendar.h"
#include "core/money.h"

namespace sb::ui {

MoneyUnit DisplayUnit();
void SetDisplayUnit(MoneyUnit unit);
/// The amount in the display unit: "2,644.2375" (万元, 2–4 decimals) or "26,442,375.00" (元).
std::string Amount(Money m);
/// Decimals `m` needs in the display unit to be exact: 2 to 6 in 万元, 2 in 元.
int AmountDecimals(Money m);
/// The amount in the display unit with exactly `decimals` decimals (a column's, so that
/// its figures line up on the decimal point).
std::string Amount(Money m, int decimals);
/// The exact amount for a tooltip: "6,449,164.00 元（644.9164 万元）".
wxString ExactAmount(Money m);
/// "万元" or "元", translated.
wxString UnitName();
/// A month for the screen: "2026年11月", in English "2026-11".
wxString MonthLabel(YearMonth m);

}  // namespace sb::ui
