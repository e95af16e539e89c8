#pragma once
/// The main window: menu, project list, status bar. Layout in forms/main_frame.xrc.
#include <wx/frame.h>

#include <memory>
#include <string>

#include "storage/database.h"

class wxDataViewCtrl;

namespace sb::ui {

class ProjectListModel;

class MainFrame : public wxFrame {
 public:
  MainFrame();
  ~MainFrame() override;

  /// Switches to `db` and shows its projects.
  void SetDatabase(std::unique_ptr<storage::Database> db);
  storage::Database* database() { return db_.get(); }
  /// Re-reads the project list from the database (one query).
  void Reload();
  ProjectListModel& model() { return *model_; }
  wxDataViewCtrl* list() { return list_; }

 private:
  void OnNew(wxCommandEvent&);
  void OnOpen(wxCommandEvent&);
  void OnRefresh(wxCommandEvent&);
  void OnAbout(wxCommandEvent&);
  void OnExit(wxCommandEvent&);
  void UpdateStatus();

  std::unique_ptr<storage::Database> db_;
  wxDataViewCtrl* list_ = nullptr;
  wxObjectDataPtr<ProjectListModel> modelPtr_;
  ProjectListModel* model_ = nullptr;
};

}  // namespace sb::ui
