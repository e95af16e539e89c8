#pragma once
/// 预警: every finding of the rules engine, filtered by severity, rule and text.
#include <wx/colour.h>
#include <wx/panel.h>

#include <functional>
#include <vector>

#include "core/rules.h"

class wxChoice;
class wxSearchCtrl;
class wxDataViewListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sb::ui {

/// A finding's basis for the clerk: the county settings it names by key
/// ("rule.stalled_months=3") said in words ("停滞月数 3").
wxString BasisInWords(const std::string& rule);
/// The findings in the order the lists show them first: errors, then warnings, then notices.
void ErrorsFirst(std::vector<Finding>& findings);
/// The text colour of a finding's row.
wxColour SeverityColour(Severity s);

class WarningsPanel : public wxPanel {
 public:
  explicit WarningsPanel(wxWindow* parent);
  void SetFindings(std::vector<Finding> findings);
  /// Rows currently shown (after the filters).
  size_t ShownCount() const { return shown_.size(); }
  /// The text of the detail pane (the selected finding in full).
  wxString DetailText() const;
  /// Selects the n-th shown row (tests, keyboard).
  void SelectShown(size_t n);
  /// The n-th shown finding (nullptr past the end).
  const Finding* ShownFinding(size_t n) const { return n < shown_.size() ? &findings_[shown_[n]] : nullptr; }
  /// Double-clicking a finding shows it in its project's 预警 tab.
  std::function<void(const Finding&)> onShowFinding;

 private:
  /// Applies the filters; the list itself is filled when the panel is on screen.
  void Refill();
  void FillList();
  bool listStale_ = false;  ///< the list does not show shown_ yet
  std::vector<Finding> findings_;
  std::vector<size_t> shown_;
  wxChoice* severity_ = nullptr;
  wxChoice* rule_ = nullptr;
  wxSearchCtrl* search_ = nullptr;
  wxDataViewListCtrl* list_ = nullptr;
  wxStaticText* count_ = nullptr;
  wxTextCtrl* detail_ = nullptr;  ///< the selected finding in full: sentence and rule
};

}  // namespace sb::ui
