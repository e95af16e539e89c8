#include "ui/list_util.h"

namespace sb::ui {

wxDataViewListCtrl* MakeList(wxWindow* parent, const std::vector<ListColumn>& columns) {
  auto* list = new wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxDV_ROW_LINES | wxDV_VERT_RULES | wxDV_SINGLE);
  int cw = list->GetCharWidth();
  // At least a header and three rows, however small the page: a list showing one row
  // hides that there are more.
  list->SetMinSize(wxSize(-1, list->GetCharHeight() * 6));
  for (const auto& c : columns)
    list->AppendTextColumn(TR(c.title), wxDATAVIEW_CELL_INERT, c.widthChars * cw,
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
