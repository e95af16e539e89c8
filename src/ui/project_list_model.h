#pragma once
/// The project list's rows: a project with its money totals, % complete, funding gap and
/// warnings; sortable on every column by its value (amounts as money, not as text).
#include <wx/dataview.h>

#include <optional>
#include <vector>

#include "core/model.h"
#include "core/rules.h"
#include "ui/list_util.h"

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

  /// Replaces the rows, keeping them in the order of the column last sorted by.
  void SetRows(std::vector<ProjectRow> rows);
  /// Orders the rows by `column`'s value (ties in code order) and keeps that order for
  /// later SetRows. Called from Resort() when a header is clicked.
  void SortBy(unsigned int column, bool ascending);
  int sortColumn() const { return sortColumn_; }  ///< -1 until sorted
  bool sortAscending() const { return ascending_; }
  /// What a row shows in `column` and sorts by there.
  static ListCell CellOf(const ProjectRow& row, unsigned int column);
  const std::vector<ProjectRow>& rows() const { return rows_; }
  const ProjectRow* RowAt(const wxDataViewItem& item) const;
  /// The tooltip of a cell: an amount's exact value in 元 and 万元 ("" for other cells).
  wxString ExactText(const wxDataViewItem& item, unsigned int column) const;
  /// The item showing project `id`, or an invalid item.
  wxDataViewItem ItemOf(Id id) const;

  unsigned int GetColumnCount() const override { return kColumnCount; }
  wxString GetColumnType(unsigned int col) const override;
  void GetValueByRow(wxVariant& variant, unsigned int row, unsigned int col) const override;
  bool SetValueByRow(const wxVariant&, unsigned int, unsigned int) override { return false; }
  int Compare(const wxDataViewItem& a, const wxDataViewItem& b, unsigned int column,
              bool ascending) const override;
  /// wxGTK calls this when a header click changes the sort column or direction, but
  /// leaves a virtual list's rows where they are: the model reorders them itself,
  /// keeping the selected project selected.
  void Resort() override;

  /// Adds the columns to a control bound to this model (after AssociateModel).
  static void AddColumns(wxDataViewCtrl* ctrl);
  /// While on (the default), the columns fit the list's width: when the amounts widen
  /// them past it, the text columns (name, school, township, code) give way down to a
  /// floor, so that 资金缺口 shows at 1280 px in either language. Widths the user saved
  /// (MainFrame::RestoreLayout) turn it off.
  void SetFitToWidth(bool on) { fitToWidth_ = on; }
  /// Fits the columns into the list's client width now (see SetFitToWidth).
  void FitToWidth();

 private:
  void SortRows();
  void FitAmountColumns();
  std::vector<ProjectRow> rows_;
  ColumnDecimals decimals_;  ///< per column, over the rows shown
  std::vector<int> baseWidths_;  ///< by model column, as AddColumns made them
  bool fitToWidth_ = true;
  int sortColumn_ = -1;
  bool ascending_ = true;
  wxDataViewCtrl* view_ = nullptr;  ///< the control showing the rows, set by AddColumns
};

}  // namespace sb::ui
