#include "ui/project_list_model.h"

#include "ui/wxutil.h"

namespace sb::ui {

void ProjectListModel::SetRows(std::vector<ProjectSummary> rows) {
  rows_ = std::move(rows);
  Reset(static_cast<unsigned int>(rows_.size()));
}

const ProjectSummary* ProjectListModel::RowAt(const wxDataViewItem& item) const {
  if (!item.IsOk()) return nullptr;
  unsigned int row = GetRow(item);
  return row < rows_.size() ? &rows_[row] : nullptr;
}

wxString ProjectListModel::GetColumnType(unsigned int col) const {
  return col == kPercent ? "long" : "string";
}

void ProjectListModel::GetValueByRow(wxVariant& v, unsigned int row, unsigned int col) const {
  const ProjectSummary& s = rows_[row];
  const Project& p = s.project;
  switch (col) {
    case kCode: v = U8(p.code); break;
    case kName: v = U8(p.name); break;
    case kSchool: v = U8(p.school); break;
    case kTownship: v = U8(p.township); break;
    case kStage: v = U8(Name(p.stage)); break;
    case kStatus: v = U8(Name(p.status)); break;
    case kBudget: v = U8(s.budget.FormatWan(2, 4)); break;
    case kCommitted: v = U8(s.committed.FormatWan(2, 4)); break;
    case kReceived: v = U8(s.received.FormatWan(2, 4)); break;
    case kPaid: v = U8(s.paid.FormatWan(2, 4)); break;
    case kPercent: v = static_cast<long>(s.percent ? (s.percent->tenths() + 5) / 10 : 0); break;
  }
}

int ProjectListModel::Compare(const wxDataViewItem& a, const wxDataViewItem& b,
                              unsigned int column, bool ascending) const {
  const ProjectSummary& x = rows_[GetRow(a)];
  const ProjectSummary& y = rows_[GetRow(b)];
  auto cmp = [](const auto& l, const auto& r) { return l < r ? -1 : (r < l ? 1 : 0); };
  int c = 0;
  switch (column) {
    case kCode: c = cmp(x.project.code, y.project.code); break;
    case kName: c = cmp(x.project.name, y.project.name); break;
    case kSchool: c = cmp(x.project.school, y.project.school); break;
    case kTownship: c = cmp(x.project.township, y.project.township); break;
    case kStage: c = cmp(x.project.stage, y.project.stage); break;
    case kStatus: c = cmp(x.project.status, y.project.status); break;
    case kBudget: c = cmp(x.budget, y.budget); break;
    case kCommitted: c = cmp(x.committed, y.committed); break;
    case kReceived: c = cmp(x.received, y.received); break;
    case kPaid: c = cmp(x.paid, y.paid); break;
    case kPercent:
      c = cmp(x.percent ? x.percent->tenths() : -1, y.percent ? y.percent->tenths() : -1);
      break;
  }
  if (c == 0) c = cmp(x.project.code, y.project.code);  // stable, predictable order
  return ascending ? c : -c;
}

void ProjectListModel::AddColumns(wxDataViewCtrl* ctrl) {
  struct Spec { const char* title; int width; bool right; };
  // Widths in Latin characters of the list's font (a Chinese character takes two), so
  // nothing is an absolute pixel size.
  const Spec specs[kColumnCount - 1] = {
      {"项目编号", 12, false}, {"项目名称", 30, false}, {"建设单位", 20, false},
      {"乡镇", 9, false},      {"学段", 11, false},     {"状态", 9, false},
      {"概算(万元)", 13, true}, {"已下达(万元)", 13, true}, {"已到位(万元)", 13, true},
      {"已拨付(万元)", 13, true}};
  int charWidth = ctrl->GetCharWidth();
  for (unsigned i = 0; i < kColumnCount - 1; ++i) {
    auto* col = new wxDataViewColumn(U8(specs[i].title), new wxDataViewTextRenderer("string"), i,
                                     specs[i].width * charWidth,
                                     specs[i].right ? wxALIGN_RIGHT : wxALIGN_LEFT,
                                     wxDATAVIEW_COL_SORTABLE | wxDATAVIEW_COL_RESIZABLE);
    ctrl->AppendColumn(col);
  }
  ctrl->AppendColumn(new wxDataViewColumn(U8("形象进度"), new wxDataViewProgressRenderer(),
                                          kPercent, 12 * charWidth, wxALIGN_CENTER,
                                          wxDATAVIEW_COL_SORTABLE | wxDATAVIEW_COL_RESIZABLE));
}

}  // namespace sb::ui
