// schoolbuild: the desktop program.
#include <wx/app.h>
#include <wx/cmdline.h>

#include "core/error.h"
#include "core/paths.h"
#include "ui/app.h"
#include "ui/main_frame.h"
#include "ui/wxutil.h"

namespace {

class SchoolBuildApp : public wxApp {
 public:
  bool OnInit() override {
    sb::ui::InstallAssertHandler();
    SetAppName("schoolbuild");
    SetVendorName("SchoolBuild");
    if (!wxApp::OnInit()) return false;
    sb::ui::InitTranslations();
    sb::ui::InitResources();
    auto* frame = new sb::ui::MainFrame();
    try {
      frame->SetDatabase(sb::ui::OpenStartupDatabase(sb::ui::ToStd(dbPath_)));
    } catch (const sb::Error& e) {
      if (e.code() == sb::ErrorCode::Damaged)  // never written: offer its newest good backup
        frame->OfferRestore(dbPath_.empty() ? sb::DefaultDatabasePath() : sb::ui::ToStd(dbPath_), e.detail());
      else
        sb::ui::ShowError(frame, sb::ui::TR("无法打开数据库"), sb::ui::U8(e.detail()));
    }
    frame->Show();
    return true;
  }

  void OnInitCmdLine(wxCmdLineParser& parser) override {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "db", sb::ui::TR("数据库文件（默认与命令行相同）"));
  }

  bool OnCmdLineParsed(wxCmdLineParser& parser) override {
    parser.Found("db", &dbPath_);
    return wxApp::OnCmdLineParsed(parser);
  }

  bool OnExceptionInMainLoop() override {
    try {
      throw;
    } catch (const sb::Error& e) {
      sb::ui::ShowError(nullptr, sb::ui::TR("操作失败"), sb::ui::U8(e.detail()));
    } catch (const std::exception& e) {
      sb::ui::ShowError(nullptr, sb::ui::TR("程序内部错误"), sb::ui::U8(e.what()));
    }
    return true;  // keep running: nothing half-saved survives a rolled-back transaction
  }

 private:
  wxString dbPath_;
};

}  // namespace

wxIMPLEMENT_APP(SchoolBuildApp);
