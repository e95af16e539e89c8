#include "ui/list_util.h"

#include <wx/dcclient.h>
#include <wx/stattext.h>

#include <algorithm>

#include "ui/units.h"

namespace sb::ui {

wxColour ErrorColour() { return wxColour(190, 0, 20); }
wxColour WarningColour() { return wxColour(170, 95, 0); }
wxColour MutedColour() { return wxColour(120, 120, 120); }

ListCell::ListCell(Money amount) : text(Amount(amount)), value(amount.fen()), money(amount) {}

bool ColumnDecimals::See(size_t column, const ListCell& cell) {
  if (!cell.money) return false;
  if (decimals_.size() <= column) decimals_.resize(column + 1, 0);
  int need = AmountDecimals(*cell.money);
  bool more = decimals_[column] != 0 && need > decimals_[column];
  decimals_[column] = std::max(decimals_[column], need);
  return more;
}

std::string ColumnDecimals::Text(size_t column, const ListCell& cell) const {
  return cell.money ? Amount(*cell.money, Of(column)) : cell.text;
}

ListCell::ListCell(const std::optional<Money>& amount) {
  if (amount) *this = ListCell(*amount);
}

ListCell::ListCell(Date date) : text(FormatDate(date)), value(date.day_number()) {}

ListCell::ListCell(const std::optional<Date>& date) {
  if (date) *this = ListCell(*date);
}

ListCell::ListCell(YearMonth month)
    : text(month.Format()), value(int64_t{month.year()} * 12 + month.month() - 1) {}

ListCell::ListCell(Percent percent) : text(percent.Format()), value(percent.tenths()) {}

ListCell ListCell::SortedBy(std::string shown, int64_t value) {
  ListCell c(std::move(shown));
  c.value = value;
  return c;
}

ListCell ListCell::Count(int64_t n) { return SortedBy(std::to_string(n), n); }

int CompareCells(const ListCell& a, const ListCell& b, bool ascending) {
  bool emptyA = a.text.empty(), emptyB = b.text.empty();
  if (emptyA || emptyB) return emptyA == emptyB ? 0 : (emptyA ? 1 : -1);
  int c;
  if (a.value && b.value) c = *a.value < *b.value ? -1 : (*b.value < *a.value ? 1 : 0);
  else if (a.value || b.value) c = a.value ? -1 : 1;  // figures before text in a mixed column
  else c = a.text.compare(b.text);  // UTF-8 bytes compare in code point order
  c = c < 0 ? -1 : (c > 0 ? 1 : 0);
  return ascending ? c : -c;
}

namespace {

// What a row sorts by in one column, kept in the row itself (in a hidden column after the
// shown ones) so that DeleteAllItems clears it with the row.
class SortKeyData : public wxVariantData {
 public:
  SortKeyData(ListCell cell, bool total) : cell_(std::move(cell)), total_(total) {}
  bool Eq(wxVariantData& other) const override {
    auto* o = dynamic_cast<SortKeyData*>(&other);
    return o && o->total_ == total_ && o->cell_.text == cell_.text && o->cell_.value == cell_.value;
  }
  wxString GetType() const override { return "sb::ListCell"; }
  wxVariantData* Clone() const override { return new SortKeyData(cell_, total_); }
  const ListCell& cell() const { return cell_; }
  bool total() const { return total_; }

 private:
  ListCell cell_;
  bool total_;
};

// wxDataViewListStore compares the shown text ("9,800.00" < "644.9164"); this store
// compares the cells' values. wxGTK sorts a non-virtual list itself with Compare(), also
// each row added while a column is sorted, so refilling the list keeps its order.
class SortedListStore : public wxDataViewListStore {
 public:
  /// Once the shown columns are added: one hidden key column per shown column.
  void AddKeyColumns() {
    shown_ = static_cast<unsigned int>(m_cols.size());
    for (unsigned int i = 0; i < shown_; ++i) AppendColumn("sb::ListCell");
  }
  unsigned int shown() const { return shown_; }
  ColumnDecimals& decimals() { return decimals_; }
  void SetWidth(unsigned int column, int width) {
    if (widths_.size() <= column) widths_.resize(column + 1, 0);
    widths_[column] = width;
  }
  /// True (and remembered) when `need` is wider than the column's width.
  bool Widen(unsigned int column, int need) {
    if (widths_.size() <= column) widths_.resize(column + 1, 0);
    if (need <= widths_[column]) return false;
    widths_[column] = need;
    return true;
  }
  /// Shows every amount of `column` again with the column's decimals.
  void Reformat(unsigned int column) {
    for (unsigned int row = 0; row < m_data.size(); ++row) {
      const wxVector<wxVariant>& values = m_data[row]->m_values;
      if (shown_ + column >= values.size()) continue;
      auto* key = dynamic_cast<SortKeyData*>(values[shown_ + column].GetData());
      if (key && key->cell().money) SetValueByRow(wxVariant(U8(decimals_.Text(column, key->cell()))), row, column);
    }
  }

  /// The amount in the cell, if it is one.
  std::optional<Money> MoneyAt(const wxDataViewItem& item, unsigned int column) const {
    SortKeyData* key = KeyOf(item, column);
    return key ? key->cell().money : std::nullopt;
  }

  int Compare(const wxDataViewItem& a, const wxDataViewItem& b, unsigned int column,
              bool ascending) const override {
    SortKeyData *x = KeyOf(a, column), *y = KeyOf(b, column);
    bool totalX = x && x->total(), totalY = y && y->total();
    if (totalX != totalY) return totalX ? 1 : -1;
    if (int c = CompareCells(x ? x->cell() : TextOf(a, column), y ? y->cell() : TextOf(b, column),
                             ascending))
      return c;
    // Equal values keep the order the rows were added in, in both directions.
    unsigned int ra = GetRow(a), rb = GetRow(b);
    return ra < rb ? -1 : (ra > rb ? 1 : 0);
  }

  bool GetAttrByRow(unsigned int row, unsigned int col, wxDataViewItemAttr& attr) const override {
    if (row >= m_data.size() || col >= shown_) return false;
    const wxVector<wxVariant>& values = m_data[row]->m_values;
    auto* key = shown_ + col < values.size() ? dynamic_cast<SortKeyData*>(values[shown_ + col].GetData()) : nullptr;
    if (!key) return false;
    bool any = false;
    if (key->cell().colour.IsOk()) {
      attr.SetColour(key->cell().colour);
      any = true;
    }
    if (key->cell().bold || key->total()) {
      attr.SetBold(true);
      any = true;
    }
    return any;
  }

 private:
  SortKeyData* KeyOf(const wxDataViewItem& item, unsigned int column) const {
    unsigned int row = GetRow(item);
    if (row >= m_data.size() || column >= shown_) return nullptr;
    const wxVector<wxVariant>& values = m_data[row]->m_values;
    size_t at = shown_ + column;
    return at < values.size() ? dynamic_cast<SortKeyData*>(values[at].GetData()) : nullptr;
  }
  // A row appended without its keys sorts by its text.
  ListCell TextOf(const wxDataViewItem& item, unsigned int column) const {
    wxVariant v;
    GetValueByRow(v, GetRow(item), column);
    return ListCell(ToStd(v.GetString()));
  }

  unsigned int shown_ = 0;
  ColumnDecimals decimals_;
  std::vector<int> widths_;
};

void AddRow(wxDataViewListCtrl* list, const std::vector<ListCell>& given, wxUIntPtr data, bool total,
            const wxColour& colour = wxColour()) {
  std::vector<ListCell> cells = given;
  if (colour.IsOk())
    for (auto& c : cells)
      if (!c.colour.IsOk()) c.colour = colour;
  wxVector<wxVariant> values;
  auto* store = dynamic_cast<SortedListStore*>(list->GetStore());
  std::vector<unsigned int> widened;
  if (store) {
    if (store->GetItemCount() == 0) store->decimals().Reset();  // the list was emptied
    for (size_t i = 0; i < cells.size(); ++i)
      if (store->decimals().See(i, cells[i])) widened.push_back(static_cast<unsigned int>(i));
  }
  for (size_t i = 0; i < cells.size(); ++i)
    values.push_back(wxVariant(U8(store ? store->decimals().Text(i, cells[i]) : cells[i].text)));
  if (store) {
    values.resize(store->shown(), wxVariant(wxString()));
    for (unsigned int i = 0; i < store->shown(); ++i)
      values.push_back(wxVariant(new SortKeyData(i < cells.size() ? cells[i] : ListCell(), total)));
  }
  list->AppendItem(values, data);
  for (unsigned int column : widened) store->Reformat(column);
  // An amount column is never narrower than its widest figure (元 mode: "136,000,000.00").
  // The widths are the store's: GTK reports 0 for a list not shown yet.
  if (!store) return;
  for (size_t i = 0; i < cells.size() && i < list->GetColumnCount(); ++i) {
    if (!cells[i].money) continue;
    int need = list->GetTextExtent(values[i].GetString()).x + list->FromDIP(20);
    if (store->Widen(static_cast<unsigned int>(i), need)) list->GetColumn(static_cast<unsigned int>(i))->SetWidth(need);
  }
}

}  // namespace

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
  return std::max(widthChars * list->GetCharWidth(), titleWidth + list->FromDIP(34));
}

wxDataViewListCtrl* MakeList(wxWindow* parent, const std::vector<ListColumn>& columns) {
  auto* list = new wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxDV_ROW_LINES | wxDV_VERT_RULES | wxDV_SINGLE);
  auto* store = new SortedListStore();
  list->AssociateModel(store);
  store->DecRef();  // the control holds the only reference now
  // At least a header and three rows, however small the page: a list showing one row
  // hides that there are more.
  list->SetMinSize(wxSize(-1, list->GetCharHeight() * 6));
  for (const auto& c : columns) {
    int width = ColumnWidth(list, TR(c.title), c.widthChars);
    store->SetWidth(list->GetColumnCount(), width);
    list->AppendTextColumn(TR(c.title), wxDATAVIEW_CELL_INERT, width, c.right ? wxALIGN_RIGHT : wxALIGN_LEFT,
                           wxDATAVIEW_COL_RESIZABLE | wxDATAVIEW_COL_SORTABLE);
  }
  store->AddKeyColumns();
  BindCellTooltip(list, [list](const wxDataViewItem& item, unsigned int column) {
    return ExactCellText(list, item, column);
  });
  return list;
}

void BindCellTooltip(wxDataViewCtrl* ctrl,
                     std::function<wxString(const wxDataViewItem&, unsigned int)> exact) {
  ctrl->GetMainWindow()->Bind(wxEVT_MOTION, [ctrl, exact = std::move(exact)](wxMouseEvent& e) {
    e.Skip();
    wxDataViewItem item;
    wxDataViewColumn* column = nullptr;
    ctrl->HitTest(e.GetPosition(), item, column);
    wxString tip = item.IsOk() && column ? exact(item, column->GetModelColumn()) : wxString();
    wxWindow* body = ctrl->GetMainWindow();
    if (tip.empty()) body->UnsetToolTip();
    else if (body->GetToolTipText() != tip) body->SetToolTip(tip);
  });
}

wxString ExactCellText(wxDataViewListCtrl* list, const wxDataViewItem& item, unsigned int column) {
  auto* store = dynamic_cast<SortedListStore*>(list->GetStore());
  std::optional<Money> m = store && item.IsOk() ? store->MoneyAt(item, column) : std::nullopt;
  return m ? ExactAmount(*m) : wxString();
}

void AppendRow(wxDataViewListCtrl* list, const std::vector<ListCell>& cells, wxUIntPtr data,
               const wxColour& colour) {
  AddRow(list, cells, data, false, colour);
}

void AppendTotalRow(wxDataViewListCtrl* list, const std::vector<ListCell>& cells) {
  AddRow(list, cells, 0, true);
}

wxUIntPtr SelectedData(wxDataViewListCtrl* list) {
  int row = list->GetSelectedRow();
  if (row == wxNOT_FOUND) return 0;
  return list->GetItemData(list->RowToItem(row));
}

}  // namespace sb::ui
