#pragma once
/// Small helpers for the read-only lists of the workbench.
#include <wx/dataview.h>
#include <wx/stattext.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/calendar.h"
#include "core/enums.h"
#include "core/money.h"
#include "ui/wxutil.h"

namespace sb::ui {

struct ListColumn {
  const char* title;
  int widthChars;      ///< in Latin characters of the control's font
  bool right = false;  ///< numbers right-aligned
};

/// One cell of a read-only list: the text it shows and what it sorts by. Amounts, dates,
/// months, percentages and counts sort by their value ("9,800.00" after "644.9164",
/// "12%" after "9%"), other cells by their text; an empty cell sorts last either way.
struct ListCell {
  ListCell() = default;  ///< empty
  ListCell(std::string shown) : text(std::move(shown)) {}
  ListCell(const char* shown) : text(shown) {}
  ListCell(Money amount);                        ///< in the display unit (Amount)
  ListCell(const std::optional<Money>& amount);  ///< empty when absent
  ListCell(Date date);
  ListCell(const std::optional<Date>& date);     ///< empty when absent
  ListCell(YearMonth month);
  ListCell(Percent percent);                     ///< "93.5"
  /// `shown` sorted by `value`: a figure formatted by the caller ("12.5%").
  static ListCell SortedBy(std::string shown, int64_t value);
  /// A choice (severity, status, kind) shown translated, sorted in its domain order
  /// whatever the language: 错误 before 警告, 在建 before 竣工.
  template <class E>
    requires std::is_enum_v<E>
  static ListCell Choice(std::string shown, E value) {
    return SortedBy(std::move(shown), static_cast<int64_t>(value));
  }
  /// A choice shown by its translated Name(), sorted in its domain order.
  template <class E>
    requires std::is_enum_v<E>
  static ListCell Named(E value) {
    return Choice(TRs(Name(value).data()), value);
  }
  static ListCell Count(int64_t n);

  std::string text;              ///< UTF-8, as shown
  std::optional<int64_t> value;  ///< what the cell sorts by; its text when absent
  std::optional<Money> money;    ///< an amount: shown with its column's decimals
  wxColour colour;               ///< the text's colour (none: the row's, or the list's)
  bool bold = false;
  /// This cell in `c` (and bold): a negative balance, an error.
  ListCell Marked(const wxColour& c, bool inBold = true) const {
    ListCell m = *this;
    m.colour = c;
    m.bold = inBold;
    return m;
  }
};

/// Colours the lists mark rows with: errors and reversals red, warnings amber, what no
/// longer counts (a reversed payment) grey.
wxColour ErrorColour();
wxColour WarningColour();
wxColour MutedColour();

/// The decimals every amount of a column shows: the most any of them needs to be exact
/// (at least 2), so the column lines up on the decimal point.
class ColumnDecimals {
 public:
  void Reset() { decimals_.clear(); }
  /// Takes `cell` into account; true when its column now needs more decimals.
  bool See(size_t column, const ListCell& cell);
  int Of(size_t column) const { return column < decimals_.size() && decimals_[column] ? decimals_[column] : 2; }
  /// The cell's text with its column's decimals (unchanged if it is no amount).
  std::string Text(size_t column, const ListCell& cell) const;

 private:
  std::vector<int> decimals_;
};

/// How a list orders two cells: negative, 0 or positive. Values compare as numbers, text
/// by Unicode code point (stable, the same on every machine); empty cells come last in
/// either direction.
int CompareCells(const ListCell& a, const ListCell& b, bool ascending);

/// A bold heading, sized for its bold text (GTK measures a label in the font it was
/// created with, which would clip a bold one).
wxStaticText* BoldHeading(wxWindow* parent, const wxString& text);
/// Pixels for a column of `widthChars` characters, never narrower than its title.
int ColumnWidth(wxWindow* list, const wxString& title, int widthChars);
/// A wxDataViewListCtrl with text columns, sized in characters, sortable on every column
/// by the cells' values (see ListCell); the order chosen stays when the rows are refilled.
wxDataViewListCtrl* MakeList(wxWindow* parent, const std::vector<ListColumn>& columns);
/// Appends one row; `data` is kept as the row's item data (e.g. an id); `colour` colours
/// the cells that have none of their own.
void AppendRow(wxDataViewListCtrl* list, const std::vector<ListCell>& cells, wxUIntPtr data = 0,
               const wxColour& colour = wxColour());
/// Appends a totals row (合计), which stays below the others however the list is sorted.
void AppendTotalRow(wxDataViewListCtrl* list, const std::vector<ListCell>& cells);
/// Shows `exact(item, model column)` as the tooltip of the cell under the mouse (none when
/// it is empty): the exact value of an amount, in 元 and 万元.
void BindCellTooltip(wxDataViewCtrl* ctrl,
                     std::function<wxString(const wxDataViewItem&, unsigned int)> exact);
/// The exact value of the amount in `list`'s cell, or empty (not an amount, no such cell).
wxString ExactCellText(wxDataViewListCtrl* list, const wxDataViewItem& item, unsigned int column);
/// The item data of the selected row, or 0.
wxUIntPtr SelectedData(wxDataViewListCtrl* list);

}  // namespace sb::ui
