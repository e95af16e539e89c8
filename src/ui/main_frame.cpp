#include "ui/main_frame.h"

#include <wx/dialog.h>

#include "ui/app.h"
#include "ui/connect_ui.h"

#include "storage/changes.h"

#include <wx/aboutdlg.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/dataview.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/utils.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/strconv.h>
#include <wx/statusbr.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "core/paths.h"
#include "core/text.h"
#include "app/actions.h"
#include "app/audit.h"
#include "app/server.h"
#include "schoolbuild_version.h"
#include "storage/repository.h"
#include "core/translate.h"
#include "ui/dialog_classes.h"
#include "ui/dialogs.h"
#include "ui/exchange_ui.h"
#include "ui/overview_panel.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/report_ui.h"
#include "ui/sources_ui.h"
#include "ui/undo.h"
#include "ui/units.h"
#include "ui/warnings_panel.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
bool AnyModalDialog() {
  for (wxWindow* w : wxTopLevelWindows)
    if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) return true;
  return false;
}
}  // namespace


void WrapText(wxStaticText* label, int width) {
  static const wxString kClosing = wxString::FromUTF8("，。、；：！？）》」』”’,.;:!?)");
  static const wxString kOpening = wxString::FromUTF8("（《「『“‘(");
  const wxString text = label->GetLabelText();
  wxString out, line;
  auto wide = [&](const wxString& s) { return label->GetTextExtent(s).x > width; };
  for (wxString::const_iterator it = text.begin(); it != text.end(); ++it) {
    const wxUniChar c = *it;
    if (c == '\n') {
      out += line + "\n";
      line.clear();
      continue;
    }
    if (!line.empty() && wide(line + c)) {
      const size_t space = line.find_last_of(' ');
      if (space != wxString::npos && space > 0) {
        out += line.substr(0, space) + "\n";
        line = line.substr(space + 1);
      } else {
        size_t keep = line.length();
        if (kClosing.find(c) != wxString::npos && keep > 1) --keep;
        while (keep > 1 && kOpening.find(line[keep - 1]) != wxString::npos) --keep;
        out += line.substr(0, keep) + "\n";
        line = line.substr(keep);
      }
    }
    line += c;
  }
  label->SetLabelText(out + line);
}

void ShowError(wxWindow* parent, const wxString& message, const wxString& detail) {
  wxMessageDialog dlg(parent, message, TR("校建通"), wxOK | wxICON_ERROR);
  if (!detail.empty()) dlg.SetExtendedMessage(detail);
  dlg.ShowModal();
}

MainFrame::MainFrame() : asOf_(Today()) {
  wxXmlResource* res = wxXmlResource::Get();
  res->LoadFrame(this, nullptr, "MainFrame");
  book_ = XRCCTRL(*this, "MainBook", wxNotebook);
  splitter_ = XRCCTRL(*this, "ProjectSplitter", wxSplitterWindow);
  list_ = XRCCTRL(*this, "ProjectList", wxDataViewCtrl);
  county_ = XRCCTRL(*this, "FilterCounty", wxChoice);
  countyLabel_ = XRCCTRL(*this, "FilterCountyLabel", wxStaticText);
  township_ = XRCCTRL(*this, "FilterTownship", wxChoice);
  programme_ = XRCCTRL(*this, "FilterProgramme", wxChoice);
  stage_ = XRCCTRL(*this, "FilterStage", wxChoice);
  status_ = XRCCTRL(*this, "FilterStatus", wxChoice);
  source_ = XRCCTRL(*this, "FilterSource", wxChoice);
  year_ = XRCCTRL(*this, "FilterYear", wxChoice);
  onlyWarnings_ = XRCCTRL(*this, "FilterWarnings", wxCheckBox);
  search_ = XRCCTRL(*this, "SearchBox", wxSearchCtrl);
  search_->SetDescriptiveText(TR("搜索项目名称、学校、编号、批次"));
  search_->SetMinSize(wxSize(FromDIP(200), -1));  // room for a project code and a name
  // Source names are long ("中央预算内投资（义务教育薄弱环节改善）"): the choice would take the
  // search box's room; it shows the start of the name, the list drops down in full.
  source_->SetInitialSize(wxSize(FromDIP(180), -1));
  programme_->SetInitialSize(wxSize(FromDIP(140), -1));  // "2019年寄宿制学校建设": the same

  projectPanel_ = new ProjectPanel(splitter_);
  res->AttachUnknownControl("ProjectPanel", projectPanel_, this);
  // Whole-page panels are added in code: an XRC "unknown" placeholder as a notebook page
  // does not size its child.
  overview_ = new OverviewPanel(book_);
  book_->AddPage(overview_, TR("县域总览"));
  warnings_ = new WarningsPanel(book_);
  book_->AddPage(warnings_, TR("预警"));

  model_ = new ProjectListModel();
  list_->AssociateModel(model_);
  model_->DecRef();  // the control holds the only reference now
  ProjectListModel::AddColumns(list_);

  Bind(wxEVT_MENU, &MainFrame::OnNew, this, wxID_NEW);
  Bind(wxEVT_MENU, &MainFrame::OnOpen, this, wxID_OPEN);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    std::string last = session_ && session_->db().IsServer() ? session_->db().path() : DefaultDatabasePath();
    ConnectDialog dlg(this, storage::Database::IsServerLocation(last) ? last : "");
    if (dlg.ShowModal() == wxID_OK) ConnectTo(dlg.location());
  }, XRCID("ConnectServer"));
  Bind(wxEVT_MENU, &MainFrame::OnRefresh, this, wxID_REFRESH);
  Bind(wxEVT_MENU, &MainFrame::OnAbout, this, wxID_ABOUT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { OpenGuide(); }, wxID_HELP);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, &MainFrame::OnNewProject, this, XRCID("NewProject"));
  Bind(wxEVT_MENU, &MainFrame::OnEditProject, this, XRCID("EditProject"));
  Bind(wxEVT_MENU, &MainFrame::OnDeleteProject, this, XRCID("DeleteProject"));
  // Nothing to edit or delete without a selected project; and only what the user's role
  // may change (on a server the role is the server's: a reader changes nothing).
  for (int id : {XRCID("EditProject"), XRCID("DeleteProject")})
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
      e.Enable(session_ && SelectedProjectId() != 0 && session_->May(app::Area::Projects) &&
               session_->db().ReadOnlyReason().empty());
    }, id);
  for (auto [id, area] : {std::pair{XRCID("NewProject"), app::Area::Projects},
                          std::pair{XRCID("RecordProgress"), app::Area::Projects},
                          std::pair{XRCID("NewSource"), app::Area::Funds}})
    Bind(wxEVT_UPDATE_UI, [this, area = area](wxUpdateUIEvent& e) {
      e.Enable(!session_ || (session_->May(area) && session_->db().ReadOnlyReason().empty()));
    }, id);
  Bind(wxEVT_MENU, &MainFrame::OnRecordProgress, this, XRCID("RecordProgress"));
  Bind(wxEVT_MENU, &MainFrame::OnNewSource, this, XRCID("NewSource"));
  Bind(wxEVT_MENU, &MainFrame::OnSources, this, XRCID("ManageSources"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    app::ImportUndo undo;
    if (RequireDatabase() && ImportInteractive(this, *session_, &undo)) RecordImport(undo);
  }, XRCID("ImportCsv"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (RequireDatabase()) ExportInteractive(this, session_->db());
  }, XRCID("ExportCsv"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (RequireDatabase()) ExportWorkbookInteractive(this, session_->db());
  }, XRCID("ExportXlsx"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (RequireDatabase()) BackupNow(false);
  }, XRCID("BackupNow"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (!RequireDatabase()) return;
    wxFileDialog dlg(this, TR("从备份恢复"), U8(app::BackupFolder(session_->db().path())), "",
                     TR("校建通数据库 (*.db)|*.db|所有文件|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK) RestoreFrom(ToStd(dlg.GetPath()));
  }, XRCID("RestoreBackup"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { book_->SetSelection(kProjectsTab); }, XRCID("ShowProjects"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { book_->SetSelection(kOverviewTab); }, XRCID("ShowOverview"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { book_->SetSelection(kWarningsTab); }, XRCID("ShowWarnings"));
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    book_->SetSelection(kProjectsTab);
    search_->SetFocus();
  }, XRCID("FocusSearch"));
  Bind(wxEVT_CLOSE_WINDOW, &MainFrame::OnClose, this);
  auto setUnit = [this](MoneyUnit u) {
    SetDisplayUnit(u);
    Reload();
  };
  Bind(wxEVT_MENU, [setUnit](wxCommandEvent&) { setUnit(MoneyUnit::Wan); }, XRCID("UnitWan"));
  Bind(wxEVT_MENU, [setUnit](wxCommandEvent&) { setUnit(MoneyUnit::Yuan); }, XRCID("UnitYuan"));
  GetMenuBar()->Check(DisplayUnit() == MoneyUnit::Yuan ? XRCID("UnitYuan") : XRCID("UnitWan"), true);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (commands_.Undo()) SetStatusText(TR("已撤销：") + commands_.lastUndone(), 0);
  }, wxID_UNDO);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    wxString name = commands_.RedoName();
    if (commands_.Redo()) SetStatusText(TR("已重做：") + name, 0);
  }, wxID_REDO);
  // The menu names what will be undone (wxCommandProcessor's own labels are English).
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
    e.Enable(commands_.CanUndo());
    wxString name = commands_.UndoName();
    e.SetText((name.empty() ? TR("撤销(&U)") : TR("撤销(&U)：") + name) + "\tCtrl+Z");
  }, wxID_UNDO);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
    e.Enable(commands_.CanRedo());
    wxString name = commands_.RedoName();
    e.SetText((name.empty() ? TR("重做(&R)") : TR("重做(&R)：") + name) + "\tCtrl+Y");
  }, wxID_REDO);
  projectPanel_->SetCommandProcessor(&commands_);

  for (wxChoice* c : {county_, township_, programme_, stage_, status_, source_, year_})
    c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ApplyFilter(); });
  onlyWarnings_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { ApplyFilter(); });
  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { ApplyFilter(); });
  list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { OnSelectionChanged(); });
  list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
    wxCommandEvent e;
    OnEditProject(e);
  });
  projectPanel_->onChanged = [this](Id id) {
    Reload();
    SelectProject(id);
  };
  // Double-clicking a finding shows that finding, selected in its project's 预警 tab.
  warnings_->onShowFinding = [this](const Finding& f) {
    book_->SetSelection(kProjectsTab);
    SelectProject(f.projectId);
    projectPanel_->SetSelection(ProjectPanel::kWarnings);
    projectPanel_->SelectFinding(f);
  };

  // Live updates (issue 11): what other users save shows within a few seconds.
  liveTimer_.SetOwner(this);
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
    if (!RefreshFromOthers() && AnalysisPending() && session_ && session_->cached() && !AnyModalDialog())
      Reload();  // the analysis came while a dialog was open
  }, liveTimer_.GetId());
  liveTimer_.Start(kLivePollMs);

  AddReportMenu(this);
  SetMinSize(FromDIP(wxSize(900, 560)));
  RestoreLayout();
  FillFilterChoices();
  overview_->Clear();
  UpdateStatus();
}

MainFrame::~MainFrame() {
  liveTimer_.Stop();
  JoinAnalysis();  // its result, queued to this frame, goes with it
}

bool MainFrame::RefreshFromOthers() {
  if (!session_) return false;
  // Not under an open dialog: it holds what it read, and saving it checks row versions.
  for (wxWindow* w : wxTopLevelWindows)
    if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) return false;
  auto changes = session_->OthersChanged();
  if (!changes) return false;
  session_->Invalidate();
  Reload();
  SetStatusText(changes->projects.size() == 1 && !changes->countyWide
                    ? TR("其他用户刚保存了修改，已刷新（1 个项目）")
                    : wxString::Format(TR("其他用户刚保存了修改，已刷新（%zu 个项目）"), changes->projects.size()),
                0);
  return true;
}

namespace {
wxString ColumnWidthKey(unsigned column) {
  return wxString::Format("/ProjectList/%s/Column%u", UiLanguage(), column);
}
}  // namespace

void MainFrame::RestoreLayout() {
  wxConfigBase* cfg = wxConfigBase::Get();
  int w = cfg->ReadLong("/Window/Width", FromDIP(1280));
  int h = cfg->ReadLong("/Window/Height", FromDIP(780));
  // Never larger than the screen it opens on (a 1024×700 office PC, a size remembered from a
  // larger monitor): a frame wider than the display hides its right-hand filters.
  const int display = wxDisplay::GetFromWindow(this);
  const wxRect area = wxDisplay(display == wxNOT_FOUND ? 0u : static_cast<unsigned>(display)).GetClientArea();
  if (area.width > 0 && area.height > 0) {
    w = std::min(w, area.width);
    h = std::min(h, area.height);
  }
  SetSize(wxSize(w, h));
  if (area.width > 0 && area.height > 0 && !area.Contains(GetRect())) Move(area.GetTopLeft());
  if (cfg->ReadBool("/Window/Maximized", false)) Maximize();
  // The lower pane keeps its height when the window grows (the list takes the room) and is
  // restored as a height from the bottom: at 1024×700 the payments list still shows five rows.
  splitter_->SetSashGravity(1.0);
  splitter_->SetMinimumPaneSize(FromDIP(120));
  splitter_->SetSashPosition(-cfg->ReadLong("/Window/LowerPane", FromDIP(kLowerPaneHeight)));
  for (unsigned i = 0; i < list_->GetColumnCount(); ++i) {
    // Per language: an English title needs other widths than a Chinese one. Widths saved
    // before that (no language in the key) were the Chinese window's.
    long w = cfg->ReadLong(ColumnWidthKey(i), -1);
    if (w <= 0 && std::strcmp(UiLanguage(), "zh") == 0) w = cfg->ReadLong(wxString::Format("/ProjectList/Column%u", i), -1);
    if (w > 0) list_->GetColumn(i)->SetWidth(static_cast<int>(w));
    if (w > 0) model_->SetFitToWidth(false);  // the clerk's own widths stay
  }
}

void MainFrame::SaveLayout() {
  wxConfigBase* cfg = wxConfigBase::Get();
  cfg->Write("/Window/Maximized", IsMaximized());
  if (!IsMaximized()) {
    cfg->Write("/Window/Width", GetSize().x);
    cfg->Write("/Window/Height", GetSize().y);
  }
  if (splitter_->GetWindow2()) cfg->Write("/Window/LowerPane", splitter_->GetWindow2()->GetSize().y);
  for (unsigned i = 0; i < list_->GetColumnCount(); ++i)
    cfg->Write(ColumnWidthKey(i), list_->GetColumn(i)->GetWidth());
  cfg->Flush();
}

void MainFrame::OnClose(wxCloseEvent& e) {
  SaveLayout();
  // A backup on every close that follows a change: the clerk's day is never more than one
  // session from a copy. A session that changed nothing since the file was opened (or since
  // its last backup) leaves nothing new to copy — a province's gigabyte is not copied
  // for looking at it. A server is backed up by its administrator (and 文件 → 备份 copies
  // it into a file).
  if (session_ && session_->db().ReadOnlyReason().empty() && !session_->db().IsServer() &&
      session_->db().CommittedWrites() != writesAtBackup_)
    BackupNow(true);
  e.Skip();
}

std::string MainFrame::BackupNow(bool quiet) {
  if (!session_) return "";
  try {
    wxBusyCursor busy;
    std::string path = app::Backup(*session_);
    writesAtBackup_ = session_->db().CommittedWrites();
    SetStatusText(TR("已备份到 ") + U8(path), 0);
    return path;
  } catch (const Error& e) {
    if (!quiet || e.code() != ErrorCode::Io) ShowError(this, TR("备份失败"), U8(e.detail()));
    else CurrentPrompter().Error(this, TR("关闭时自动备份失败"), U8(e.detail()));
  }
  return "";
}

namespace {
// Undoing "新建项目" removes the project only while it is still bare: a budget or a month
// of progress entered since would go with it unasked.
void UndoProjectCreation(app::Session& s, const Project& p) {
  storage::ProjectFile file = storage::LoadProjectFile(s.db(), p.id);
  bool stepsStored = false;
  for (const auto& step : file.procedureSteps) stepsStored |= step.id != 0;
  if (!file.budgetLines.empty() || !file.progress.empty() || stepsStored)
    Fail(ErrorCode::Refused, ToStd(TR("项目新建后已录入概算、前期手续或进度；请用“删除项目”删除它。")));
  app::DeleteProject(s, p.id, p.rowVersion);
}

std::string BackupText(const app::BackupInfo& info) {
  std::string s = Tr("备份文件：%s", info.path.c_str()) + "\n";
  if (!info.opens) return s + Tr("不能使用：%s", info.problem.c_str());
  // TRANSLATORS: what a backup holds: how many projects and payments.
  s += Tr("项目 %zu 个，拨付 %zu 笔", info.projects, info.payments) + "\n";
  s += Tr("最后一次改动：%s", (info.lastChange.empty() ? Tr("（无历史记录）") : info.lastChange).c_str()) + "\n";
  // TRANSLATORS: whether the backup passed the check of its history and rows.
  s += info.verified ? Tr("核对：通过") : Tr("核对：未通过");
  for (size_t i = 0; i < info.verifyProblems.size() && i < 5; ++i) s += "\n  " + info.verifyProblems[i];
  return s;
}
}  // namespace

void MainFrame::RestoreFrom(const std::string& backupPath) {
  if (!session_) return;
  std::string dbPath = session_->db().path();
  app::BackupInfo info = app::InspectBackup(backupPath);
  if (!info.opens || !info.verified) {
    ShowError(this, TR("这个备份不能用来恢复"), U8(BackupText(info)));
    return;
  }
  if (!CurrentPrompter().Confirm(this, TR("用这个备份替换当前数据库？"),
                                 U8(BackupText(info)) + "\n\n" + TR("当前数据库会先另存到 backups 文件夹，然后被替换。")))
    return;
  SetDatabase(nullptr);  // closed before its file is replaced
  try {
    std::string kept = app::RestoreBackup(dbPath, backupPath);
    OpenDatabaseFile(dbPath, storage::OpenMode::MustExist);
    SetStatusText(TR("已从备份恢复；原文件另存为 ") + U8(kept), 0);
  } catch (const Error& e) {
    ShowError(this, TR("恢复失败"), U8(e.detail()));
    OpenDatabaseFile(dbPath, storage::OpenMode::MustExist);
  }
}

bool MainFrame::OpenDatabaseFile(const std::string& path, storage::OpenMode mode) {
  try {
    SetDatabase(storage::Database::Open(path, mode));
    RememberCurrentDatabase(path);
    if (session_ && !session_->db().NetworkNotice().empty())
      CurrentPrompter().Info(this, TR("数据库在网络共享文件夹上"), U8(session_->db().NetworkNotice()));
    return true;
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Damaged) return OfferRestore(path, e.detail());
    ShowError(this, TR("无法打开数据库"), U8(e.detail()));
  }
  return false;
}

bool MainFrame::ConnectTo(const std::string& location) {
  try {
    wxBusyCursor busy;
    SetDatabase(storage::Database::Open(location, storage::OpenMode::MustExist));
  } catch (const Error& e) {
    if (e.code() != ErrorCode::FileMissing) {
      ShowError(this, TR("无法连接数据库服务器"), U8(e.detail()));
      return false;
    }
    // An empty database on the server: its owner builds SchoolBuild's tables once.
    if (!CurrentPrompter().Confirm(this, TR("服务器上的这个数据库还是空的。要在其中建立校建通的数据表吗？"),
                                   TR("只有数据库的所有者（或管理员）能建立；建立后各科室即可连接使用。")))
      return false;
    try {
      wxBusyCursor busy;
      SetDatabase(storage::Database::Open(location, storage::OpenMode::Create));
    } catch (const Error& e2) {
      ShowError(this, TR("建立数据库失败"), U8(e2.detail()));
      return false;
    }
  }
  RememberCurrentDatabase(session_->db().path());  // the location without a password
  return true;
}

bool MainFrame::OfferRestore(const std::string& path, const std::string& why) {
  std::optional<app::BackupInfo> good;
  {
    wxBusyCursor busy;
    good = app::NewestGoodBackup(path);
  }
  if (!good) {
    ShowError(this, TR("数据库已损坏，也没有找到可用的备份"),
              U8(why + Tr("\n\n在 %s 中没有核对通过的备份。损坏的文件没有被改动。", app::BackupFolder(path).c_str())));
    return false;
  }
  if (!CurrentPrompter().Confirm(this, TR("数据库已损坏。要从最新的完好备份恢复吗？"),
                                 U8(why + "\n\n" + BackupText(*good) +
                                    Tr("\n\n损坏的文件会先原样另存到 backups 文件夹。"))))
    return false;
  try {
    app::RestoreBackup(path, good->path);
  } catch (const Error& e) {
    ShowError(this, TR("恢复失败"), U8(e.detail()));
    return false;
  }
  return OpenDatabaseFile(path, storage::OpenMode::MustExist);
}

void MainFrame::SetDatabase(std::unique_ptr<storage::Database> db) {
  commands_.ClearCommands();  // they write to the database being closed
  projectPanel_->Clear();
  JoinAnalysis();
  ++sessionSerial_;  // what a thread computed of the previous database is not this one's
  analysis_.reset();
  session_.reset();
  userCounty_.clear();
  if (db) {
    session_ = std::make_unique<app::Session>(std::move(db));
    writesAtBackup_ = session_->db().CommittedWrites();
    try {
      userCounty_ = app::UserCountyText(*session_);
    } catch (const Error& e) {
      ShowError(this, TR("读取数据库用户所属的县（区）失败"), U8(e.detail()));
    }
    session_->SetToday(asOf_);
    session_->OthersChanged();  // starts watching from now
  }
  Reload();
}

void MainFrame::SetAsOf(Date asOf) {
  asOf_ = asOf;
  if (session_) session_->SetToday(asOf);
}

namespace {
wxString RoleText(app::Role role) {
  switch (role) {
    case app::Role::Admin: return TR("管理员");
    case app::Role::Infra: return TR("基建股");
    case app::Role::Finance: return TR("计财股");
    case app::Role::Reader: return TR("只读（领导）");
  }
  return wxString();
}

const app::Analysis& NoAnalysis() {
  static const app::Analysis none;
  return none;
}
}  // namespace

const Portfolio& MainFrame::portfolio() {
  CompleteAnalysis();
  return (analysis_ ? *analysis_ : NoAnalysis()).portfolio;
}
const std::vector<Finding>& MainFrame::findings() {
  CompleteAnalysis();
  return (analysis_ ? *analysis_ : NoAnalysis()).findings;
}

size_t MainFrame::BackgroundAnalysisProjects() {
  if (const char* v = std::getenv("SB_BACKGROUND_ANALYSIS_PROJECTS"); v && *v) return std::strtoull(v, nullptr, 10);
  return 1000;  // a county has tens to a few hundred; a city or a province thousands
}

// Whoever needs the whole analysis now (a report dialog's months) gets it computed here.
void MainFrame::CompleteAnalysis() {
  if (!AnalysisPending() || !session_) return;
  try {
    analysis_ = session_->shared();
  } catch (const Error& e) {
    ShowError(this, TR("读取数据失败"), U8(e.detail()));
  }
}

void MainFrame::StartAnalysisWhenIdle() {
  if (analysisWaitsForIdle_) return;
  analysisWaitsForIdle_ = true;
  Bind(wxEVT_IDLE, &MainFrame::OnIdleStartAnalysis, this);
}

void MainFrame::OnIdleStartAnalysis(wxIdleEvent& e) {
  e.Skip();
  Unbind(wxEVT_IDLE, &MainFrame::OnIdleStartAnalysis, this);
  analysisWaitsForIdle_ = false;
  if (!IsBeingDeleted() && session_ && AnalysisPending()) StartAnalysis();
}

void MainFrame::StartAnalysis() {
  if (analysisRunning_) return;  // when it ends, OnAnalysed finds it stale and starts again
  JoinAnalysis();
  analysisRunning_ = true;
  analysisGeneration_ = session_->generation();
  analysisSession_ = sessionSerial_;
  analysisThread_ = std::thread([this, location = session_->ReopenableLocation(), asOf = session_->today()] {
    std::shared_ptr<const app::Analysis> result;
    std::string error;
    try {
      result = app::AnalyseLocation(location, asOf);
    } catch (const Error& e) {
      error = e.detail();
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "?";
    }
    {
      std::lock_guard<std::mutex> lock(analysedMutex_);
      analysed_ = std::move(result);
      analysisError_ = std::move(error);
    }
    CallAfter([this] { OnAnalysed(); });
  });
}

void MainFrame::JoinAnalysis() {
  if (analysisThread_.joinable()) analysisThread_.join();
  analysisRunning_ = false;
}

void MainFrame::OnAnalysed() {
  JoinAnalysis();
  std::shared_ptr<const app::Analysis> result;
  std::string error;
  {
    std::lock_guard<std::mutex> lock(analysedMutex_);
    result = std::move(analysed_);
    error = std::move(analysisError_);
  }
  if (!session_ || analysisSession_ != sessionSerial_) return;
  if (!error.empty() && !session_->cached()) {
    // The thread could not read the file: the analysis is computed here, as it is for a
    // county, and says what went wrong if it fails again.
    CompleteAnalysis();
  } else {
    session_->Adopt(std::move(result), analysisGeneration_);
  }
  // Shown as soon as it is current; a change made meanwhile starts another (Reload). Under
  // a modal dialog the live timer shows it when the dialog is closed.
  if (AnalysisPending() && !AnyModalDialog()) Reload();
}

void MainFrame::Reload() {
  Id keep = SelectedProjectId();
  panelStale_ = true;
  analysis_.reset();
  if (session_) {
    try {
      if (auto cached = session_->cached()) {
        analysis_ = cached;
      } else if (!session_->ReopenableLocation().empty() &&
                 session_->ProjectCount() >= std::max<size_t>(BackgroundAnalysisProjects(), 1)) {
        // A province: the list from SQL's summaries at once, the findings when the thread
        // has them. The thread starts once the list is on screen: on two cores its reading
        // slowed the list's first paint.
        analysis_ = session_->Preview();
        StartAnalysisWhenIdle();
      } else {
        analysis_ = session_->shared();  // summaries, ledger, gaps and findings, computed once
      }
    } catch (const Error& e) {
      ShowError(this, TR("读取数据失败"), U8(e.detail()));
    }
  }
  const app::Analysis& a = analysis_ ? *analysis_ : NoAnalysis();
  FillFilterChoices();
  ApplyFilter();
  warnings_->SetFindings(a.findings);
  if (analysis_ && analysis_->complete) overview_->Show(a.portfolio, a.ledger, SummarizeGaps(a.gaps), asOf_);
  else overview_->Clear();
  book_->SetPageText(kWarningsTab, AnalysisPending()     ? TR("预警（计算中…）")
                                   : a.findings.empty() ? TR("预警")
                                                        : wxString::Format(TR("预警 (%zu)"), a.findings.size()));
  if (keep) SelectProject(keep);
  else if (!model_->rows().empty()) SelectProject(model_->rows().front().summary.project.id);
}

void MainFrame::FillFilterChoices() {
  auto refill = [](wxChoice* c, const std::vector<std::string>& values) {
    wxString keep = c->GetStringSelection();
    c->Clear();
    c->Append(TR("全部"));
    for (const auto& v : values) c->Append(U8(v));
    if (keep.empty() || !c->SetStringSelection(keep)) c->SetSelection(0);
  };
  std::set<std::string> towns, programmes;
  std::set<int> years;
  const Portfolio& pf = (analysis_ ? *analysis_ : NoAnalysis()).portfolio;  // a preview has these
  for (const auto& p : pf.projects) {
    towns.insert(p.township);
    if (!p.programme.empty()) programmes.insert(p.programme);
    if (p.plannedStart) years.insert(p.plannedStart->year());
  }
  // In pinyin order, as a county lists its townships: GB2312 orders its common characters
  // by pinyin, so comparing the GBK bytes does it without a collation library.
  std::vector<std::string> townList(towns.begin(), towns.end());
  wxCSConv gbk("GBK");
  auto key = [&gbk](const std::string& s) {
    wxCharBuffer b = U8(s).mb_str(gbk);
    return b.data() && b.length() ? std::string(b.data(), b.length()) : s;
  };
  std::stable_sort(townList.begin(), townList.end(),
                   [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
  refill(township_, townList);
  refill(programme_, {programmes.begin(), programmes.end()});
  // 县（区）: a choice only where there is more than one county to choose from.
  countyCodes_.clear();
  std::vector<std::string> counties;
  for (const auto& c : pf.counties) {
    counties.push_back(c.name + "（" + c.code + "）");
    countyCodes_.push_back(c.code);
  }
  refill(county_, counties);
  const bool several = pf.counties.size() > 1;
  if (county_->IsShown() != several) {
    county_->Show(several);
    countyLabel_->Show(several);
    if (!several) county_->SetSelection(0);
    county_->GetParent()->Layout();
  }
  std::vector<std::string> stages, statuses, sources;
  // Shown in the user's language; the filter goes by position, not by the text.
  for (auto n : EnumInfo<Stage>::names) stages.push_back(TRs(n));
  for (auto n : EnumInfo<ProjectStatus>::names) statuses.push_back(TRs(n));
  refill(stage_, stages);
  refill(status_, statuses);
  sourceIds_.clear();
  for (const auto& s : pf.sources) {
    sources.push_back(s.code + " " + s.name);
    sourceIds_.push_back(s.id);
  }
  refill(source_, sources);
  years_.assign(years.begin(), years.end());
  std::vector<std::string> yearTexts;
  for (int y : years_) yearTexts.push_back(ToStd(wxString::Format(TR("%d年开工"), y)));
  refill(year_, yearTexts);
}

void MainFrame::ApplyFilter() {
  const app::Analysis& shown = analysis_ ? *analysis_ : NoAnalysis();
  std::unordered_map<Id, std::pair<int, std::optional<Severity>>> warn;
  for (const auto& f : shown.findings) {
    auto& w = warn[f.projectId];
    ++w.first;
    if (!w.second || f.severity < *w.second) w.second = f.severity;
  }
  std::unordered_map<Id, Money> gap;
  for (const auto& g : shown.gaps) gap[g.projectId] = g.Shortfall();
  std::set<Id> withSource;
  int src = source_->GetSelection();
  if (src > 0)
    for (const auto& a : shown.portfolio.allocations)
      if (a.sourceId == sourceIds_[src - 1]) withSource.insert(a.projectId);
  std::string town = township_->GetSelection() > 0 ? ToStd(township_->GetStringSelection()) : "";
  std::string programme = programme_->GetSelection() > 0 ? ToStd(programme_->GetStringSelection()) : "";
  std::string county = county_->GetSelection() > 0 && static_cast<size_t>(county_->GetSelection()) <= countyCodes_.size()
                           ? countyCodes_[static_cast<size_t>(county_->GetSelection()) - 1]
                           : "";
  int stage = stage_->GetSelection() - 1, status = status_->GetSelection() - 1;
  int year = year_->GetSelection() > 0 ? years_[year_->GetSelection() - 1] : 0;
  // Case and width do not matter: "lx2026" finds LX2026-01, "ＬＸ" too.
  auto fold = [](std::string_view s) {
    std::string t = NarrowFullWidth(s);
    for (char& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return t;
  };
  std::string needle = fold(Trim(ToStd(search_->GetValue())));

  std::vector<ProjectRow> rows;
  for (const auto& s : shown.summaries) {
    const Project& p = s.project;
    if (!county.empty() && p.countyCode != county) continue;
    if (!town.empty() && p.township != town) continue;
    if (!programme.empty() && p.programme != programme) continue;
    if (stage >= 0 && static_cast<int>(p.stage) != stage) continue;
    if (status >= 0 && static_cast<int>(p.status) != status) continue;
    if (src > 0 && !withSource.count(p.id)) continue;
    if (year && (!p.plannedStart || p.plannedStart->year() != year)) continue;
    auto w = warn.find(p.id);
    if (onlyWarnings_->GetValue() && w == warn.end()) continue;
    if (!needle.empty() && fold(p.name).find(needle) == std::string::npos &&
        fold(p.school).find(needle) == std::string::npos && fold(p.code).find(needle) == std::string::npos &&
        fold(p.programme).find(needle) == std::string::npos)
      continue;
    ProjectRow r;
    r.summary = s;
    r.gap = gap[p.id];
    if (w != warn.end()) {
      r.warnings = w->second.first;
      r.worst = w->second.second;
    }
    rows.push_back(std::move(r));
  }
  Id keep = SelectedProjectId();
  model_->SetRows(std::move(rows));
  if (keep) {
    wxDataViewItem item = model_->ItemOf(keep);
    if (item.IsOk()) list_->Select(item);
  }
  ShowSelected();
  UpdateStatus();
}

Id MainFrame::SelectedProjectId() const {
  const ProjectRow* r = model_->RowAt(list_->GetSelection());
  return r ? r->summary.project.id : 0;
}

void MainFrame::SelectProject(Id id) {
  wxDataViewItem item = model_->ItemOf(id);
  if (!item.IsOk()) {
    // Hidden by the filters: clear them so the project can be shown.
    for (wxChoice* c : {county_, township_, programme_, stage_, status_, source_, year_}) c->SetSelection(0);
    onlyWarnings_->SetValue(false);
    search_->ChangeValue("");
    ApplyFilter();
    item = model_->ItemOf(id);
  }
  if (!item.IsOk()) return;
  list_->Select(item);
  list_->EnsureVisible(item);
  ShowSelected();
}

void MainFrame::OnSelectionChanged() { ShowSelected(); }

void MainFrame::ShowSelected() {
  Id id = SelectedProjectId();
  if (!session_ || !analysis_ || id == 0 || AnalysisPending()) {
    // A preview has no ledger: the pane shows the project when the analysis comes.
    if (projectPanel_->projectId() != 0) projectPanel_->Clear();
    panelStale_ = true;
    return;
  }
  // Filtering as the user types keeps the same project selected: no need to re-read it.
  if (id == projectPanel_->projectId() && !panelStale_) return;
  panelStale_ = false;
  try {
    projectPanel_->ShowProject(*session_, analysis_, id);
  } catch (const Error& e) {
    ShowError(this, TR("读取项目失败"), U8(e.detail()));
  }
}

void MainFrame::UpdateStatus() {
  wxStatusBar* bar = GetStatusBar();
  if (!bar) return;
  size_t shown = model_->rows().size(), total = analysis_ ? analysis_->summaries.size() : 0;
  bar->SetStatusText((shown == total ? wxString::Format(TR("共 %zu 个项目"), total)
                                     : wxString::Format(TR("显示 %zu / 共 %zu 个项目"), shown, total)) +
                         wxString::Format(TR("　金额单位：%s"), UnitName()),
                     0);
  // TRANSLATORS: after the database path when the file can only be read; %s says why.
  wxString readOnly = session_ && !session_->db().ReadOnlyReason().empty()
                          ? wxString::Format(TR("（只读：%s，不能修改）"), U8(session_->db().ReadOnlyReason()))
                          : wxString();
  if (session_ && !session_->db().NetworkNotice().empty())
    readOnly += TR("（网络共享：一次只能一人保存）");
  if (session_ && session_->db().IsServer())
    // TRANSLATORS: after the server database: the user and their role, e.g. "zhang（计财股）".
    readOnly += wxString::Format(TR("（%s：%s）"), U8(session_->actor().user), RoleText(session_->actor().role));
  if (session_ && !userCounty_.empty())
    // TRANSLATORS: the one county a server user may see and change, e.g. "只限 422822 建始县".
    readOnly += wxString::Format(TR("（只限 %s）"), U8(userCounty_));
  bar->SetStatusText(session_ ? TR("数据库：") + U8(session_->db().path()) + readOnly : TR("未打开数据库"), 1);
  SetTitle(session_ ? TR("校建通 SchoolBuild — ") + U8(session_->db().path()) + readOnly : TR("校建通 SchoolBuild"));
}

bool MainFrame::RequireDatabase() {
  if (session_) return true;
  ShowError(this, TR("请先打开或新建一个数据库"), TR("文件 → 打开数据库（Ctrl+O）或新建数据库（Ctrl+N）。"));
  return false;
}

void MainFrame::OnNew(wxCommandEvent&) {
  wxFileDialog dlg(this, TR("新建数据库"), "", "schoolbuild.db",
                   TR("校建通数据库 (*.db)|*.db|所有文件|*"), wxFD_SAVE);
  if (dlg.ShowModal() != wxID_OK) return;
  std::string path = ToStd(dlg.GetPath());
  if (wxFileExists(dlg.GetPath())) {
    ShowError(this, TR("不能覆盖已有文件"),
              wxString::Format(TR("“%s”已经存在。新建数据库请选择一个新的文件名；要使用它请用“打开数据库”。"), U8(path)));
    return;
  }
  try {
    app::CreateDatabase(path, false);
  } catch (const Error& e) {
    ShowError(this, TR("无法新建数据库"), U8(e.detail()));
    return;
  }
  OpenDatabaseFile(path, storage::OpenMode::MustExist);
}

void MainFrame::OnOpen(wxCommandEvent&) {
  wxFileDialog dlg(this, TR("打开数据库"), "", "", TR("校建通数据库 (*.db)|*.db|所有文件|*"),
                   wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dlg.ShowModal() != wxID_OK) return;
  OpenDatabaseFile(ToStd(dlg.GetPath()), storage::OpenMode::MustExist);
}

void MainFrame::OnRefresh(wxCommandEvent&) { Reload(); }

bool MainFrame::OpenGuide() {
  std::string path = GuidePath();
  if (!wxFileExists(U8(path))) {
    ShowError(this, TR("找不到用户手册"), wxString::Format(TR("应在 %s。请重新安装校建通。"), U8(path)));
    return false;
  }
  if (guideOpener_) return guideOpener_(path);
  if (!wxLaunchDefaultBrowser(wxFileName::FileNameToURL(wxFileName(U8(path))))) {
    ShowError(this, TR("无法打开用户手册"), wxString::Format(TR("请用浏览器打开 %s。"), U8(path)));
    return false;
  }
  return true;
}

void MainFrame::OnAbout(wxCommandEvent&) {
  wxAboutDialogInfo info;
  info.SetName(TR("校建通 SchoolBuild"));
  info.SetVersion(kVersion);
  info.SetDescription(TR("县级教育系统基建项目管理：资金来源、前期手续、形象进度、拨付与资金缺口预警。"));
  wxAboutBox(info, this);
}

void MainFrame::OnNewProject(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  Project p;
  if (EditProjectDialog(this, *session_, p)) {
    RecordCreation<Project>(&commands_, session_.get(), {{std::nullopt, p}}, UndoProjectCreation, app::SaveProject,
                            TR("新建项目 ") + U8(p.code), [this] { Reload(); });
    Reload();
    SelectProject(p.id);
  }
}

void MainFrame::OnEditProject(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  const ProjectRow* r = model_->RowAt(list_->GetSelection());
  if (!r) {
    ShowError(this, TR("请先在列表中选中一个项目"), "");
    return;
  }
  Project before = r->summary.project, p = before;
  if (EditProjectDialog(this, *session_, p)) {
    RecordEdit<Project>(&commands_, session_.get(), before, p, app::SaveProject,
                        TR("编辑项目 ") + U8(p.code), [this, id = p.id] {
                          Reload();
                          SelectProject(id);
                        });
    Reload();
    SelectProject(p.id);
  }
}

void MainFrame::OnDeleteProject(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  const ProjectRow* r = model_->RowAt(list_->GetSelection());
  if (!r) {
    ShowError(this, TR("请先在列表中选中一个项目"), "");
    return;
  }
  const Project p = r->summary.project;
  // Refused first, rather than asked and then refused.
  try {
    app::CheckDeleteProject(*session_, p.id);
  } catch (const Error& e) {
    CurrentPrompter().Error(this, TR("不能删除该项目"), U8(e.detail()));
    return;
  }
  if (!CurrentPrompter().Confirm(this, wxString::Format(TR("删除项目“%s”？"), U8(p.name)),
                                 TR("项目的概算、前期手续和进度记录会一起删除。")))
    return;
  try {
    app::DeleteProject(*session_, p.id, p.rowVersion);
  } catch (const Error& e) {
    ShowError(this, TR("不能删除该项目"), U8(e.detail()));
    return;
  }
  Reload();
}

void MainFrame::OnRecordProgress(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  std::optional<YearMonth> month = AskProgressMonth(this);
  if (!month) return;
  std::vector<CreateCommand<ProgressEntry>::Change> changes;
  int saved = RecordMonthlyProgress(this, *session_, *month, &changes);
  // The walk is one step of undo: every entry it created is removed, every one it updated restored.
  RecordCreation<ProgressEntry>(&commands_, session_.get(), std::move(changes),
                                [](app::Session& ss, const ProgressEntry& e) { app::DeleteProgress(ss, e.id, e.rowVersion); },
                                app::SaveProgress,
                                wxString::Format(TR("录入%s的进度（%d 个项目）"), MonthLabel(*month), saved),
                                [this] { Reload(); });
  if (saved > 0) Reload();
  // TRANSLATORS: after the monthly walker; %s is the month, %d how many projects were saved.
  SetStatusText(wxString::Format(TR("已录入%s %d 个项目的进度"), MonthLabel(*month), saved), 0);
}

void MainFrame::OnNewSource(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  FundingSource s;
  s.year = asOf_.year();
  if (EditSourceDialog(this, *session_, s)) {
    RecordCreation<FundingSource>(&commands_, session_.get(), {{std::nullopt, s}},
                                  [](app::Session& ss, const FundingSource& x) { app::DeleteSource(ss, x.id, x.rowVersion); },
                                  app::SaveSource, TR("新增资金来源 ") + U8(s.code), [this] { Reload(); });
    Reload();
  }
}

bool MainFrame::ImportFiles(const std::vector<std::string>& paths, bool update) {
  if (!RequireDatabase()) return false;
  app::ImportUndo undo;
  if (!ImportWithProgress(this, *session_, paths, update, &undo)) return false;
  RecordImport(undo);
  return true;
}

void MainFrame::RecordImport(const app::ImportUndo& undo) {
  if (undo.updated > 0 || undo.created.empty())
    RecordBarrier(&commands_, ImportCommand::Name(undo));  // replaced rows: not undone, nor anything before
  else
    commands_.Submit(new ImportCommand(session_.get(), undo, [this] { Reload(); }));
  Reload();
}

void MainFrame::OnSources(wxCommandEvent&) {
  if (!RequireDatabase()) return;
  SourcesDialog dlg(this, *session_, &commands_, [this] { Reload(); });
  dlg.ShowModal();
  if (dlg.changed()) Reload();
}

}  // namespace sb::ui
