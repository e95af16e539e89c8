#pragma once
/// 项目 → 资金来源: every funding source with what has been committed from it; new, edit
/// (double-click or 修改) and delete — refused, before any question, while an allocation,
/// a receipt or a payment refers to the source (forms/dialogs.xrc, SourcesDialog).
#include <wx/dialog.h>

#include <functional>

#include "app/session.h"

class wxDataViewListCtrl;
class wxCommandProcessor;

namespace sb::ui {

class SourcesDialog : public wxDialog {
 public:
  /// `commands` records the edits for undo (may be null); `reload` refreshes the window
  /// after an undo.
  SourcesDialog(wxWindow* parent, app::Session& session, wxCommandProcessor* commands,
                std::function<void()> reload);
  /// Something was saved or deleted: the window reloads.
  bool changed() const { return changed_; }
  wxDataViewListCtrl* list() { return list_; }
  /// Selects the source `id` in the list (tests, and after a save).
  void Select(Id id);
  bool AddNew();
  bool EditSelected();
  bool DeleteSelected();

 private:
  void Fill();
  Id SelectedId() const;

  app::Session& session_;
  wxCommandProcessor* commands_;
  std::function<void()> reload_;
  wxDataViewListCtrl* list_ = nullptr;
  bool changed_ = false;
};

}  // namespace sb::ui
