#pragma once
/// The project list's rows: a project with its money totals, % complete, funding gap and
/// warnings; sortable on every column by its value (amounts as money, not as text).
#include <wx/dataview.h>

#include <optional>
#include <vector>

#include "core/model.h"
#include "core/rules.h"

namespace sb::ui {

struct ProjectRow {
  ProjectSummary summary;
  Money gap;                         ///< budget − committed, never negative
  int warnings = 0;                  ///< findings of the rules engine for this project
  std::optional<Severity> worst;     ///< the most serious of them
};

class ProjectListModel : public wxDataViewVirtualListModel {
 public:
  enum Column {
    kWarnings, kCode, kName, kSchool, kTownship, kStage, kStatus, kBudget, kCommitted, kReceived,
    kPaid, kPaidRatio, kPercent, kGap, kColumnCount
  };

  void SetRows(std::vector<ProjectRow> rows);
  const std::vector<ProjectRow>& rows() const { return rows_; }
  const ProjectRow* RowAt(const wxDataViewItem& item) const;
  /// The item showing project `id`, or an invalid item.
  wxDataViewItem ItemOf(Id id) const;

  unsigned int GetColumnCount() const override { return kColumnCount; }
  wxString GetColumnType(unsigned int col) const override;
  void GetValueByRow(wxVariant& variant, unsigned int row, unsigned int col) const override;
  bool SetValueByRow(const wxVariant&, unsigned int, unsigned int) override { return false; }
  int Compare(const wxDataViewItem& a, const wxDataViewItem& b, unsigned int column,
              bool ascending) const override;

  /// Adds the columns to a control bound to this model.
  static void AddColumns(wxDataViewCtrl* ctrl);

 private:
  std::vector<ProjectRow> rows_;
};

}  // namespace sb::ui
