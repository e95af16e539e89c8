#include "ui/list_util.h"

#include <wx/dcclient.h>
#include <wx/stattext.h>

#include <algorithm>

namespace sb::ui {

wxStaticText* BoldHeading(wxWindow* parent, const wxString& text) {
  auto* t = new wxStaticText(parent, wxID_ANY, text);
  wxFont bold = t->GetFont().Bold();
  t->SetFont(bold);
  wxClientDC dc(t);
  dc.SetFont(bold);
  wxSize extent = dc.GetMultiLineTextExtent(text);
  t->SetMinSize(wxSize(extent.x + t->FromDIP(4), extent.y));
  return t;
}

int ColumnWidth(wxWindow* list, const wxString& title, int widthChars) {
  // Room for the title in bold plus the sort arrow, whatever the language.
  wxFont bold = list->GetFont().Bold();
  int titleWidth = list->GetTextExtent(title).x;
  {
    wxClientDC dc(list);
    dc.SetFont(bold);
    titleWidth = dc.GetTextExtent(title).x;
  }
  return std::max(widthChars * list->GetCharWidth(), titleWidth + list->FromDIP(28));
}

wxDataViewListCtrl* MakeList(wxWindow* parent, const std::vector<ListColumn>& columns) {
  auto* list = new wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxDV_ROW_LINES | wxDV_VERT_RULES | wxDV_SINGLE);
  int cw = list->GetCharWidth();
  // At least a header and three rows, however small the page: a list showing one row
  // hides that there are more.
  list->SetMinSize(wxSize(-1, list->GetCharHeight() * 6));
  for (const auto& c : columns)
    list->AppendTextColumn(TR(c.title), wxDATAVIEW_CELL_INERT, ColumnWidth(list, TR(c.title), c.widthChars),
                           c.right ? wxALIGN_RIGHT : wxALIGN_LEFT,
                           wxDATAVIEW_COL_RESIZABLE | wxDATAVIEW_COL_SORTABLE);
  return list;
}

void AppendRow(wxDataViewListCtrl* list, const std::vector<std::string>& cells, wxUIntPtr data) {
  wxVector<wxVariant> values;
  for (const auto& c : cells) values.push_back(wxVariant(U8(c)));
  list->AppendItem(values, data);
}

wxUIntPtr SelectedData(wxDataViewListCtrl* list) {
  int row = list->GetSelectedRow();
  if (row == wxNOT_FOUND) return 0;
  return list->GetItemData(list->RowToItem(row));
}

}  // namespace sb::ui
