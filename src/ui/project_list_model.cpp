#include "ui/project_list_model.h"

#include <wx/artprov.h>

#include "ui/list_util.h"
#include "ui/units.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
// paid / budget in tenths of a percent; -1 when there is no budget.
int64_t PaidRatioTenths(const ProjectSummary& s) {
  return s.budget.IsZero() ? -1 : s.paid.MulDiv(1000, s.budget.fen()).fen();
}
}  // namespace

void ProjectListModel::SetRows(std::vector<ProjectRow> rows) {
  rows_ = std::move(rows);
  Reset(static_cast<unsigned int>(rows_.size()));
}

const ProjectRow* ProjectListModel::RowAt(const wxDataViewItem& item) const {
  if (!item.IsOk()) return nullptr;
  unsigned int row = GetRow(item);
  return row < rows_.size() ? &rows_[row] : nullptr;
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

void ProjectListModel::GetValueByRow(wxVariant& v, unsigned int row, unsigned int col) const {
  const ProjectRow& r = rows_[row];
  const ProjectSummary& s = r.summary;
  const Project& p = s.project;
  switch (col) {
    case kWarnings: {
      wxIcon icon;
      if (r.worst)
        icon = wxArtProvider::GetIcon(*r.worst == Severity::Error ? wxART_ERROR
                                      : *r.worst == Severity::Warning ? wxART_WARNING
                                                                      : wxART_INFORMATION,
                                      wxART_LIST, wxSize(16, 16));
      v << wxDataViewIconText(r.warnings ? wxString::Format("%d", r.warnings) : wxString(), icon);
      break;
    }
    case kCode: v = U8(p.code); break;
    case kName: v = U8(p.name); break;
    case kSchool: v = U8(p.school); break;
    case kTownship: v = U8(p.township); break;
    case kStage: v = TR(Name(p.stage).data()); break;  // canonical value, shown translated
    case kStatus: v = TR(Name(p.status).data()); break;
    case kBudget: v = U8(Amount(s.budget)); break;
    case kCommitted: v = U8(Amount(s.committed)); break;
    case kReceived: v = U8(Amount(s.received)); break;
    case kPaid: v = U8(Amount(s.paid)); break;
    case kPaidRatio: {
      int64_t t = PaidRatioTenths(s);
      v = t < 0 ? wxString() : U8(FormatFixed(t, 1) + "%");
      break;
    }
    case kPercent: v = static_cast<long>(s.percent ? (s.percent->tenths() + 5) / 10 : 0); break;
    case kGap: v = r.gap.IsZero() ? wxString() : U8(Amount(r.gap)); break;
  }
}

int ProjectListModel::Compare(const wxDataViewItem& a, const wxDataViewItem& b,
                              unsigned int column, bool ascending) const {
  const ProjectRow& rx = rows_[GetRow(a)];
  const ProjectRow& ry = rows_[GetRow(b)];
  const ProjectSummary& x = rx.summary;
  const ProjectSummary& y = ry.summary;
  auto cmp = [](const auto& l, const auto& r) { return l < r ? -1 : (r < l ? 1 : 0); };
  int c = 0;
  switch (column) {
    case kWarnings: c = cmp(rx.warnings, ry.warnings); break;
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
    case kPaidRatio: c = cmp(PaidRatioTenths(x), PaidRatioTenths(y)); break;
    case kPercent:
      c = cmp(x.percent ? x.percent->tenths() : -1, y.percent ? y.percent->tenths() : -1);
      break;
    case kGap: c = cmp(rx.gap, ry.gap); break;
  }
  if (c == 0) c = cmp(x.project.code, y.project.code);  // stable, predictable order
  return ascending ? c : -c;
}

void ProjectListModel::AddColumns(wxDataViewCtrl* ctrl) {
  int cw = ctrl->GetCharWidth();
  const int flags = wxDATAVIEW_COL_SORTABLE | wxDATAVIEW_COL_RESIZABLE;
  ctrl->AppendColumn(new wxDataViewColumn(TR("预警"), new wxDataViewIconTextRenderer(), kWarnings,
                                          7 * cw, wxALIGN_LEFT, flags));
  struct Spec { unsigned col; const char* title; int width; bool right; };
  // Widths in Latin characters of the list's font (a Chinese character takes two), so
  // nothing is an absolute pixel size.
  const Spec specs[] = {
      {kCode, TRN("项目编号"), 11, false},      {kName, TRN("项目名称"), 26, false},
      {kSchool, TRN("建设单位"), 16, false},    {kTownship, TRN("乡镇"), 8, false},
      {kStage, TRN("学段"), 10, false},         {kStatus, TRN("状态"), 9, false},
      {kBudget, TRN("概算"), 12, true},   {kCommitted, TRN("已下达"), 13, true},
      {kReceived, TRN("已到位"), 13, true}, {kPaid, TRN("已拨付"), 13, true},
      {kPaidRatio, TRN("拨付/概算"), 10, true}};
  for (const auto& s : specs)
    ctrl->AppendColumn(new wxDataViewColumn(TR(s.title), new wxDataViewTextRenderer("string"), s.col,
                                            ColumnWidth(ctrl, TR(s.title), s.width), s.right ? wxALIGN_RIGHT : wxALIGN_LEFT, flags));
  ctrl->AppendColumn(new wxDataViewColumn(TR("形象进度"), new wxDataViewProgressRenderer(), kPercent,
                                          11 * cw, wxALIGN_CENTER, flags));
  ctrl->AppendColumn(new wxDataViewColumn(TR("资金缺口"), new wxDataViewTextRenderer("string"),
                                          kGap, 13 * cw, wxALIGN_RIGHT, flags));
}

}  // namespace sb::ui
