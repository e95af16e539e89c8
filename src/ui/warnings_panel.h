#pragma once
/// 预警: every finding of the rules engine, filtered by severity, rule and text.
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
  /// Double-clicking a finding shows its project.
  std::function<void(Id)> onShowProject;

 private:
  void Refill();
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
