#pragma once
/// Small helpers for the read-only lists of the workbench.
#include <wx/dataview.h>
#include <wx/stattext.h>

#include <string>
#include <vector>

#include "ui/wxutil.h"

namespace sb::ui {

struct ListColumn {
  const char* title;
  int widthChars;      ///< in Latin characters of the control's font
  bool right = false;  ///< numbers right-aligned
};

/// A bold heading, sized for its bold text (GTK measures a label in the font it was
/// created with, which would clip a bold one).
wxStaticText* BoldHeading(wxWindow* parent, const wxString& text);
/// Pixels for a column of `widthChars` characters, never narrower than its title.
int ColumnWidth(wxWindow* list, const wxString& title, int widthChars);
/// A wxDataViewListCtrl with text columns, sortable, sized in characters.
wxDataViewListCtrl* MakeList(wxWindow* parent, const std::vector<ListColumn>& columns);
/// Appends one row of UTF-8 texts; `data` is kept as the row's item data (e.g. an id).
void AppendRow(wxDataViewListCtrl* list, const std::vector<std::string>& cells, wxUIntPtr data = 0);
/// The item data of the selected row, or 0.
wxUIntPtr SelectedData(wxDataViewListCtrl* list);

}  // namespace sb::ui
