#include "ui/project_list_model.h"

#include <wx/artprov.h>
#include <wx/dc.h>
#include <wx/settings.h>

#include <algorithm>
#include <iterator>
#include <functional>
#include <set>
#include <map>

#include "ui/list_util.h"
#include "ui/units.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
// 形象进度 as a bar with its number on it ("69%"), readable on the selected row too
// (GTK's progress renderer draws a white bar without a number there).
class PercentRenderer : public wxDataViewCustomRenderer {
 public:
  PercentRenderer() : wxDataViewCustomRenderer("long", wxDATAVIEW_CELL_INERT, wxALIGN_CENTER) {}
  bool SetValue(const wxVariant& v) override {
    value_ = v.GetLong();
    return true;
  }
  bool GetValue(wxVariant& v) const override {
    v = value_;
    return true;
  }
  wxSize GetSize() const override { return GetView()->FromDIP(wxSize(70, 18)); }
  bool Render(wxRect cell, wxDC* dc, int state) override {
    wxRect bar = cell.Deflate(2, 3);
    dc->SetPen(wxPen(wxColour(160, 160, 160)));
    dc->SetBrush(*wxWHITE_BRUSH);
    dc->DrawRectangle(bar);
    wxRect done = bar;
    done.width = static_cast<int>(bar.width * std::clamp<long>(value_, 0, 100) / 100);
    dc->SetPen(*wxTRANSPARENT_PEN);
    dc->SetBrush(wxBrush(wxColour(120, 170, 220)));
    if (done.width > 0) dc->DrawRectangle(done);
    wxString text = wxString::Format("%ld%%", value_);
    dc->SetTextForeground(*wxBLACK);
    wxSize ext = dc->GetTextExtent(text);
    dc->DrawText(text, bar.x + (bar.width - ext.x) / 2, bar.y + (bar.height - ext.y) / 2);
    (void)state;
    return true;
  }

 private:
  long value_ = 0;
};

// paid / budget in tenths of a percent; -1 when there is no budget.
int64_t PaidRatioTenths(const ProjectSummary& s) {
  return s.budget.IsZero() ? -1 : s.paid.MulDiv(1000, s.budget.fen()).fen();
}
}  // namespace

void ProjectListModel::SetRows(std::vector<ProjectRow> rows) {
  rows_ = std::move(rows);
  decimals_.Reset();
  for (const auto& r : rows_)
    for (unsigned int col = 0; col < kColumnCount; ++col) decimals_.See(col, CellOf(r, col));
  SortRows();
  Reset(static_cast<unsigned int>(rows_.size()));
  FitAmountColumns();
}

void ProjectListModel::FitAmountColumns() {
  if (!view_) return;
  // An amount column is never narrower than its widest figure (元 mode: "136,000,000.00").
  // A column's figures have one number of decimals and group their digits alike, so the
  // longest texts are the widest: only those of the two greatest lengths are measured, not
  // a province's 5,000 rows.
  for (unsigned int i = 0; i < view_->GetColumnCount(); ++i) {
    wxDataViewColumn* column = view_->GetColumn(i);
    unsigned int col = column->GetModelColumn();
    std::map<size_t, std::set<std::string>, std::greater<>> byLength;
    for (const auto& r : rows_)
      if (ListCell cell = CellOf(r, col); cell.money) {
        std::string text = decimals_.Text(col, cell);
        auto& same = byLength[text.size()];
        if (same.size() < 16) same.insert(std::move(text));
        if (byLength.size() > 2) byLength.erase(std::prev(byLength.end()));
      }
    int widest = 0;
    for (const auto& [length, texts] : byLength)
      for (const auto& text : texts) widest = std::max(widest, view_->GetTextExtent(U8(text)).x);
    // GTK reports 0 for a column not shown yet: never narrower than the width it was given.
    int now = std::max(column->GetWidth(), col < baseWidths_.size() ? baseWidths_[col] : 0);
    if (widest > 0 && widest + view_->FromDIP(20) > now) column->SetWidth(widest + view_->FromDIP(20));
  }
  FitToWidth();
}

void ProjectListModel::FitToWidth() {
  if (!view_ || !fitToWidth_) return;
  int available = view_->GetClientSize().x - wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, view_) - view_->FromDIP(4);
  if (available < view_->FromDIP(400)) return;  // not laid out yet
  auto widthOf = [&](wxDataViewColumn* c) {
    unsigned col = c->GetModelColumn();
    return std::max(c->GetWidth(), col < baseWidths_.size() ? baseWidths_[col] : 0);
  };
  int total = 0;
  for (unsigned i = 0; i < view_->GetColumnCount(); ++i) total += widthOf(view_->GetColumn(i));
  int excess = total - available;
  const int cw = view_->GetCharWidth();
  // The columns that give way, the widest text first, each down to a floor in characters.
  const std::pair<unsigned, int> giving[] = {{kName, 14}, {kSchool, 9}, {kTownship, 6}, {kCode, 9}};
  for (auto [col, floorChars] : giving) {
    if (excess <= 0) break;
    for (unsigned i = 0; i < view_->GetColumnCount(); ++i) {
      wxDataViewColumn* c = view_->GetColumn(i);
      if (c->GetModelColumn() != col) continue;
      // Never narrower than its title in bold (without the room for the sort arrow, which
      // ColumnWidth keeps): a header stays readable.
      int title = ColumnWidth(view_, c->GetTitle(), 0) - view_->FromDIP(22);
      int now = widthOf(c), floor = std::max(floorChars * cw, title);
      int give = std::min(excess, now - floor);
      if (give <= 0) break;
      c->SetWidth(now - give);
      if (col < baseWidths_.size()) baseWidths_[col] = now - give;
      excess -= give;
    }
  }
}

void ProjectListModel::SortBy(unsigned int column, bool ascending) {
  if (column >= kColumnCount) return;
  sortColumn_ = static_cast<int>(column);
  ascending_ = ascending;
  SortRows();
  // Same items (rows), new contents: GTK repaints them and keeps its scroll position.
  wxDataViewItemArray items;
  for (unsigned int i = 0; i < rows_.size(); ++i) items.push_back(GetItem(i));
  if (!items.empty()) ItemsChanged(items);
}

void ProjectListModel::SortRows() {
  if (sortColumn_ < 0) return;
  auto column = static_cast<unsigned int>(sortColumn_);
  // The cells once per row, not once per comparison.
  std::vector<std::pair<ListCell, size_t>> keys;
  keys.reserve(rows_.size());
  for (size_t i = 0; i < rows_.size(); ++i) keys.emplace_back(CellOf(rows_[i], column), i);
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& x, const auto& y) {
    if (int c = CompareCells(x.first, y.first, ascending_)) return c < 0;
    return rows_[x.second].summary.project.code < rows_[y.second].summary.project.code;
  });
  std::vector<ProjectRow> sorted;
  sorted.reserve(rows_.size());
  for (const auto& k : keys) sorted.push_back(std::move(rows_[k.second]));
  rows_ = std::move(sorted);
}

void ProjectListModel::Resort() {
  if (view_) {
    wxDataViewColumn* sorting = view_->GetSortingColumn();
    for (unsigned int i = 0; !sorting && i < view_->GetColumnCount(); ++i)
      if (view_->GetColumn(i)->IsSortKey()) sorting = view_->GetColumn(i);
    if (sorting) {
      const ProjectRow* selected = RowAt(view_->GetSelection());
      Id keep = selected ? selected->summary.project.id : 0;
      SortBy(sorting->GetModelColumn(), sorting->IsSortOrderAscending());
      if (wxDataViewItem item = ItemOf(keep); item.IsOk()) {
        view_->SetCurrentItem(item);
        view_->Select(item);
        view_->EnsureVisible(item);
      }
    }
  }
  wxDataViewVirtualListModel::Resort();
}

const ProjectRow* ProjectListModel::RowAt(const wxDataViewItem& item) const {
  if (!item.IsOk()) return nullptr;
  unsigned int row = GetRow(item);
  return row < rows_.size() ? &rows_[row] : nullptr;
}

wxString ProjectListModel::ExactText(const wxDataViewItem& item, unsigned int column) const {
  const ProjectRow* r = RowAt(item);
  if (!r) return wxString();
  ListCell cell = CellOf(*r, column);
  return cell.money ? ExactAmount(*cell.money) : wxString();
}

wxDataViewItem ProjectListModel::ItemOf(Id id) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].summary.project.id == id) return GetItem(static_cast<unsigned int>(i));
  return wxDataViewItem();
}

wxString ProjectListModel::GetColumnType(unsigned int col) const {
  if (col == kPercent) return "long";
  if (col == kWarnings) return "wxDataViewIconText";
  return "string";
}

ListCell ProjectListModel::CellOf(const ProjectRow& r, unsigned int col) {
  const ProjectSummary& s = r.summary;
  const Project& p = s.project;
  switch (col) {
    case kWarnings: return r.warnings ? ListCell::Count(r.warnings) : ListCell();
    case kCode: return p.code;
    case kName: return p.name;
    case kSchool: return p.school;
    case kTownship: return p.township;
    case kStage: return ListCell::Named(p.stage);
    case kStatus: return ListCell::Named(p.status);
    case kBudget: return s.budget;
    case kCommitted: return s.committed;
    case kReceived: return s.received;
    case kPaid: return s.paid;
    case kPaidRatio: {
      int64_t t = PaidRatioTenths(s);
      return t < 0 ? ListCell() : ListCell::SortedBy(FormatFixed(t, 1) + "%", t);
    }
    // The bar shows 0 for a project with no progress recorded: it sorts just below a
    // recorded 0%.
    case kPercent:
      return ListCell::SortedBy(std::to_string(s.percent ? (s.percent->tenths() + 5) / 10 : 0),
                                s.percent ? s.percent->tenths() : -1);
    case kGap: return r.gap.IsZero() ? ListCell() : ListCell(r.gap);
  }
  return ListCell();
}

void ProjectListModel::GetValueByRow(wxVariant& v, unsigned int row, unsigned int col) const {
  const ProjectRow& r = rows_[row];
  const ProjectSummary& s = r.summary;
  switch (col) {
    case kWarnings: {
      wxIcon icon;
      if (r.worst)
        icon = wxArtProvider::GetIcon(*r.worst == Severity::Error ? wxART_ERROR
                                      : *r.worst == Severity::Warning ? wxART_WARNING
                                                                      : wxART_INFORMATION,
                                      wxART_LIST, wxSize(16, 16));
      v << wxDataViewIconText(U8(CellOf(r, col).text), icon);
      break;
    }
    case kPercent: v = static_cast<long>(s.percent ? (s.percent->tenths() + 5) / 10 : 0); break;
    default: v = U8(decimals_.Text(col, CellOf(r, col))); break;
  }
}

int ProjectListModel::Compare(const wxDataViewItem& a, const wxDataViewItem& b,
                              unsigned int column, bool ascending) const {
  const ProjectRow& x = rows_[GetRow(a)];
  const ProjectRow& y = rows_[GetRow(b)];
  if (int c = CompareCells(CellOf(x, column), CellOf(y, column), ascending)) return c;
  const std::string &cx = x.summary.project.code, &cy = y.summary.project.code;
  return cx < cy ? -1 : (cy < cx ? 1 : 0);  // stable, predictable order
}

void ProjectListModel::AddColumns(wxDataViewCtrl* ctrl) {
  auto* model = dynamic_cast<ProjectListModel*>(ctrl->GetModel());
  wxCHECK_RET(model, "AddColumns needs the control's ProjectListModel associated first");
  model->view_ = ctrl;
  int cw = ctrl->GetCharWidth();
  const int flags = wxDATAVIEW_COL_SORTABLE | wxDATAVIEW_COL_RESIZABLE;
  ctrl->AppendColumn(new wxDataViewColumn(TR("预警"), new wxDataViewIconTextRenderer(), kWarnings,
                                          ColumnWidth(ctrl, TR("预警"), 6), wxALIGN_LEFT, flags));
  struct Spec { unsigned col; const char* title; int width; bool right; };
  // Widths in Latin characters of the list's font (a Chinese character takes two), so
  // nothing is an absolute pixel size.
  const Spec specs[] = {
      // At 1280 px every column shows, 资金缺口 included (amount columns widen to their
      // widest figure by themselves, FitAmountColumns).
      {kCode, TRN("项目编号"), 10, false},      {kName, TRN("项目名称"), 21, false},
      {kSchool, TRN("建设单位"), 13, false},    {kTownship, TRN("乡镇"), 7, false},
      {kStage, TRN("学段"), 9, false},          {kStatus, TRN("状态"), 8, false},
      {kBudget, TRN("概算"), 10, true},   {kCommitted, TRN("已下达"), 10, true},
      {kReceived, TRN("已到位"), 10, true}, {kPaid, TRN("已拨付"), 10, true},
      {kPaidRatio, TRN("拨付/概算"), 8, true}};
  model->baseWidths_.assign(kColumnCount, 0);
  for (const auto& s : specs) {
    model->baseWidths_[s.col] = ColumnWidth(ctrl, TR(s.title), s.width);
    ctrl->AppendColumn(new wxDataViewColumn(TR(s.title), new wxDataViewTextRenderer("string"), s.col,
                                            model->baseWidths_[s.col], s.right ? wxALIGN_RIGHT : wxALIGN_LEFT, flags));
  }
  ctrl->AppendColumn(new wxDataViewColumn(TR("形象进度"), new PercentRenderer(), kPercent,
                                          9 * cw, wxALIGN_CENTER, flags));
  model->baseWidths_[kGap] = ColumnWidth(ctrl, TR("资金缺口"), 10);
  ctrl->AppendColumn(new wxDataViewColumn(TR("资金缺口"), new wxDataViewTextRenderer("string"),
                                          kGap, model->baseWidths_[kGap], wxALIGN_RIGHT, flags));
  ctrl->Bind(wxEVT_SIZE, [model](wxSizeEvent& e) {
    e.Skip();
    model->FitToWidth();
  });
  // The exact value of the amount under the mouse, in 元 and 万元.
  BindCellTooltip(ctrl, [model](const wxDataViewItem& item, unsigned int column) {
    return model->ExactText(item, column);
  });
}

}  // namespace sb::ui
