#pragma once
/// The project list's rows: one ProjectSummary each, sortable on every column by its
/// value (amounts as money, not as text).
#include <wx/dataview.h>

#include <vector>

#include "core/model.h"

namespace sb::ui {

class ProjectListModel : public wxDataViewVirtualListModel {
 public:
  enum Column {
    kCode, kName, kSchool, kTownship, kStage, kStatus, kBudget, kCommitted, kReceived, kPaid,
    kPercent, kColumnCount
  };

  void SetRows(std::vector<ProjectSummary> rows);
  const std::vector<ProjectSummary>& rows() const { return rows_; }
  const ProjectSummary* RowAt(const wxDataViewItem& item) const;

  unsigned int GetColumnCount() const override { return kColumnCount; }
  wxString GetColumnType(unsigned int col) const override;
  void GetValueByRow(wxVariant& variant, unsigned int row, unsigned int col) const override;
  bool SetValueByRow(const wxVariant&, unsigned int, unsigned int) override { return false; }
  int Compare(const wxDataViewItem& a, const wxDataViewItem& b, unsigned int column,
              bool ascending) const override;

  /// Adds the columns to a control bound to this model.
  static void AddColumns(wxDataViewCtrl* ctrl);

 private:
  std::vector<ProjectSummary> rows_;
};

}  // namespace sb::ui
