#include "ui/main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/dataview.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/statusbr.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "storage/repository.h"
#include "ui/project_list_model.h"
#include "ui/wxutil.h"

namespace sb::ui {

void ShowError(wxWindow* parent, const wxString& message, const wxString& detail) {
  wxMessageDialog dlg(parent, message, U8("校建通"), wxOK | wxICON_ERROR);
  if (!detail.empty()) dlg.SetExtendedMessage(detail);
  dlg.ShowModal();
}

MainFrame::MainFrame() {
  wxXmlResource::Get()->LoadFrame(this, nullptr, "MainFrame");
  list_ = XRCCTRL(*this, "ProjectList", wxDataViewCtrl);
  model_ = new ProjectListModel();
  modelPtr_ = wxObjectDataPtr<ProjectListModel>(model_);
  list_->AssociateModel(model_);
  ProjectListModel::AddColumns(list_);

  Bind(wxEVT_MENU, &MainFrame::OnNew, this, wxID_NEW);
  Bind(wxEVT_MENU, &MainFrame::OnOpen, this, wxID_OPEN);
  Bind(wxEVT_MENU, &MainFrame::OnRefresh, this, wxID_REFRESH);
  Bind(wxEVT_MENU, &MainFrame::OnAbout, this, wxID_ABOUT);
  Bind(wxEVT_MENU, &MainFrame::OnExit, this, wxID_EXIT);

  SetSize(FromDIP(wxSize(1280, 760)));
  SetMinSize(FromDIP(wxSize(800, 480)));
  UpdateStatus();
}

MainFrame::~MainFrame() = default;

void MainFrame::SetDatabase(std::unique_ptr<storage::Database> db) {
  db_ = std::move(db);
  Reload();
}

void MainFrame::Reload() {
  if (!db_) {
    model_->SetRows({});
  } else {
    try {
      model_->SetRows(storage::ProjectSummaries(*db_));
    } catch (const Error& e) {
      model_->SetRows({});
      ShowError(this, U8("读取项目列表失败"), U8(e.detail()));
    }
  }
  UpdateStatus();
}

void MainFrame::UpdateStatus() {
  wxStatusBar* bar = GetStatusBar();
  if (!bar) return;
  bar->SetStatusText(wxString::Format(U8("共 %zu 个项目"), model_->rows().size()), 0);
  bar->SetStatusText(db_ ? U8("数据库：") + U8(db_->path()) : U8("未打开数据库"), 1);
  SetTitle(db_ ? U8("校建通 SchoolBuild — ") + U8(db_->path()) : U8("校建通 SchoolBuild"));
}

void MainFrame::OnNew(wxCommandEvent&) {
  wxFileDialog dlg(this, U8("新建数据库"), "", "schoolbuild.db",
                   U8("校建通数据库 (*.db)|*.db|所有文件|*"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dlg.ShowModal() != wxID_OK) return;
  std::string path = ToStd(dlg.GetPath());
  if (wxFileExists(dlg.GetPath())) {
    ShowError(this, U8("不能覆盖已有文件"),
              U8("“" + path + "”已经存在。新建数据库请选择一个新的文件名；要使用它请用“打开数据库”。"));
    return;
  }
  try {
    SetDatabase(storage::Database::Open(path, storage::OpenMode::Create));
  } catch (const Error& e) {
    ShowError(this, U8("无法新建数据库"), U8(e.detail()));
  }
}

void MainFrame::OnOpen(wxCommandEvent&) {
  wxFileDialog dlg(this, U8("打开数据库"), "", "", U8("校建通数据库 (*.db)|*.db|所有文件|*"),
                   wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (dlg.ShowModal() != wxID_OK) return;
  try {
    SetDatabase(storage::Database::Open(ToStd(dlg.GetPath()), storage::OpenMode::MustExist));
  } catch (const Error& e) {
    ShowError(this, U8("无法打开数据库"), U8(e.detail()));
  }
}

void MainFrame::OnRefresh(wxCommandEvent&) { Reload(); }

void MainFrame::OnAbout(wxCommandEvent&) {
  wxAboutDialogInfo info;
  info.SetName(U8("校建通 SchoolBuild"));
  info.SetVersion("0.1");
  info.SetDescription(U8("县级教育系统基建项目管理：资金来源、前期手续、形象进度、拨付与资金缺口预警。"));
  wxAboutBox(info, this);
}

void MainFrame::OnExit(wxCommandEvent&) { Close(); }

}  // namespace sb::ui
