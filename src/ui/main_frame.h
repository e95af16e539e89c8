#pragma once
/// The main window: menu, three tabs (项目一览 with filter bar, list and the selected
/// project's notebook; 县域总览; 预警), status bar. Layout in forms/main_frame.xrc.
#include <wx/cmdproc.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/gaps.h"
#include "core/portfolio.h"
#include "core/rules.h"
#include "app/session.h"
#include "storage/database.h"
#include "ui/undo.h"

class wxDataViewCtrl;
class wxChoice;
class wxCheckBox;
class wxSearchCtrl;
class wxNotebook;
class wxSplitterWindow;

namespace sb::ui {

class ProjectListModel;
class ProjectPanel;
class OverviewPanel;
class WarningsPanel;

class MainFrame : public wxFrame {
 public:
  MainFrame();
  ~MainFrame() override;

  /// Switches to `db` (as the local user) and shows its projects.
  void SetDatabase(std::unique_ptr<storage::Database> db);
  storage::Database* database() { return session_ ? &session_->db() : nullptr; }
  /// The open database as the acting user: every change goes through it (src/app).
  app::Session* session() { return session_.get(); }
  /// Re-reads everything from the database (one query per table), recomputes the
  /// warnings and gaps, keeps the filters and the selected project.
  void Reload();
  /// "Today" for the warnings and the overview (tests pin it).
  void SetAsOf(Date asOf);
  Date asOf() const { return asOf_; }
  /// Selects a project in the list (clearing filters that hide it) and shows it.
  void SelectProject(Id id);
  /// Opens a database file; a damaged one is never written and the newest backup that
  /// verifies is offered instead. False when nothing was opened.
  bool OpenDatabaseFile(const std::string& path, storage::OpenMode mode);
  /// 文件 → 连接服务器…: opens the server database at `location` ("postgresql: …"); an
  /// empty one is offered to be built. False when nothing was opened (the reason shown).
  bool ConnectTo(const std::string& location);
  /// The database at `path` is damaged (`why`): offers its newest good backup and, if the
  /// clerk agrees, restores it and opens the result.
  bool OfferRestore(const std::string& path, const std::string& why);
  /// 文件 → 导入 once the files are chosen: imports them and makes the import the next
  /// step of 编辑 → 撤销 (one step; an import that replaced rows ends what can be undone).
  bool ImportFiles(const std::vector<std::string>& paths, bool update);
  /// 文件 → 备份: a backup into backups/ beside the database; returns its path ("" if none).
  std::string BackupNow(bool quiet);
  /// 文件 → 从备份恢复: the backup's content and check shown, then the replacement.
  void RestoreFrom(const std::string& backupPath);

  ProjectListModel& model() { return *model_; }
  wxDataViewCtrl* list() { return list_; }
  ProjectPanel* projectPanel() { return projectPanel_; }
  OverviewPanel* overviewPanel() { return overview_; }
  WarningsPanel* warningsPanel() { return warnings_; }
  wxNotebook* book() { return book_; }
  wxSearchCtrl* searchBox() { return search_; }
  wxCheckBox* onlyWarnings() { return onlyWarnings_; }
  wxChoice* townshipFilter() { return township_; }
  wxChoice* countyFilter() { return county_; }
  wxChoice* programmeFilter() { return programme_; }
  wxChoice* sourceFilter() { return source_; }
  wxChoice* yearFilter() { return year_; }
  /// The whole analysis' (computed here if the list shows a preview).
  const Portfolio& portfolio();
  const std::vector<Finding>& findings();
  /// True while the list shows the SQL summaries of a large database and its analysis is
  /// computed on a thread (the findings, the overview and the project pane follow).
  bool AnalysisPending() const { return analysis_ && !analysis_->complete; }
  /// Databases with at least this many projects show the list before the analysis
  /// (SB_BACKGROUND_ANALYSIS_PROJECTS overrides it; the tests set 0).
  static size_t BackgroundAnalysisProjects();
  UndoStack& commands() { return commands_; }
  /// Applies the filter bar to the loaded rows.
  void ApplyFilter();
  /// Live updates: when other users (another window, another PC on the server) committed
  /// since the last look, reloads keeping filters and selection and says so in the status
  /// bar. Runs every kLivePollMs; true when it reloaded.
  bool RefreshFromOthers();
  static constexpr int kLivePollMs = 2000;
  /// The project notebook's height (DIP) before the user moves the sash.
  static constexpr int kLowerPaneHeight = 380;

  enum Tab { kProjectsTab, kOverviewTab, kWarningsTab };

  /// 帮助 → 使用说明: the bundled guide in the system's browser (GuidePath()).
  bool OpenGuide();
  /// Tests open the guide here instead of a browser.
  void SetGuideOpener(std::function<bool(const std::string&)> opener) { guideOpener_ = std::move(opener); }

 private:
  void OnNew(wxCommandEvent&);
  void OnOpen(wxCommandEvent&);
  void OnRefresh(wxCommandEvent&);
  void OnAbout(wxCommandEvent&);
  void OnNewProject(wxCommandEvent&);
  void OnEditProject(wxCommandEvent&);
  void OnDeleteProject(wxCommandEvent&);
  void OnRecordProgress(wxCommandEvent&);
  void OnNewSource(wxCommandEvent&);
  void OnSources(wxCommandEvent&);
  void RecordImport(const app::ImportUndo& undo);
  void OnSelectionChanged();
  void OnClose(wxCloseEvent&);
  void FillFilterChoices();
  void UpdateStatus();
  void ShowSelected();
  void SaveLayout();
  void RestoreLayout();
  Id SelectedProjectId() const;
  bool RequireDatabase();

  std::unique_ptr<app::Session> session_;
  long writesAtBackup_ = 0;  ///< the session's committed writes when it was last backed up (or opened)
  wxTimer liveTimer_;
  /// What the screens show, computed once per reload by the session (or its Preview()
  /// while a thread computes it).
  std::shared_ptr<const app::Analysis> analysis_;
  /// The analysis of a large database, on a thread with a connection of its own.
  void StartAnalysis();
  /// StartAnalysis at the next idle moment, when what Reload showed is painted.
  void StartAnalysisWhenIdle();
  void OnIdleStartAnalysis(wxIdleEvent& e);
  void OnAnalysed();
  void JoinAnalysis();
  void CompleteAnalysis();
  std::thread analysisThread_;
  bool analysisRunning_ = false;
  bool analysisWaitsForIdle_ = false;  ///< StartAnalysisWhenIdle bound the idle handler
  long analysisGeneration_ = 0;  ///< the session's generation when the thread started
  long analysisSession_ = 0;     ///< sessionSerial_ when it started
  long sessionSerial_ = 0;       ///< counts SetDatabase()
  std::mutex analysedMutex_;     ///< guards the two below, which the thread fills
  std::shared_ptr<const app::Analysis> analysed_;
  std::string analysisError_;
  Date asOf_;

  wxNotebook* book_ = nullptr;
  wxSplitterWindow* splitter_ = nullptr;
  wxDataViewCtrl* list_ = nullptr;
  ProjectListModel* model_ = nullptr;
  ProjectPanel* projectPanel_ = nullptr;
  OverviewPanel* overview_ = nullptr;
  WarningsPanel* warnings_ = nullptr;
  wxChoice *county_ = nullptr, *township_ = nullptr, *programme_ = nullptr, *stage_ = nullptr, *status_ = nullptr,
           *source_ = nullptr, *year_ = nullptr;
  std::string userCounty_;  ///< "422822 建始县" for a server user limited to one county
  wxCheckBox* onlyWarnings_ = nullptr;
  wxSearchCtrl* search_ = nullptr;
  std::vector<Id> sourceIds_;  ///< FilterSource entries after "全部"
  std::vector<std::string> countyCodes_;  ///< FilterCounty entries after "全部"
  wxWindow* countyLabel_ = nullptr;
  std::vector<int> years_;     ///< FilterYear entries after "全部"
  std::function<bool(const std::string&)> guideOpener_;
  UndoStack commands_{50};  ///< undo/redo of edits on the open database
  bool panelStale_ = true;  ///< data reloaded since the notebook last showed its project
};

}  // namespace sb::ui
