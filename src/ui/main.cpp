// schoolbuild: the desktop program.
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/log.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/error.h"
#include "core/paths.h"
#include "schoolbuild_version.h"
#include "ui/app.h"
#include "ui/dialog_classes.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/wxutil.h"

namespace {

// When the program started (its static initialisation): --exit-when-ready says how long
// the window took to be ready.
const std::chrono::steady_clock::time_point kStarted = std::chrono::steady_clock::now();

/// --exit-when-ready: what would be a message box goes to stderr, a question is answered
/// "no", and an error makes the run exit 1.
class UnattendedPrompter : public sb::ui::Prompter {
 public:
  explicit UnattendedPrompter(bool& failed) : failed_(failed) {}
  void Error(wxWindow*, const wxString& message, const wxString& detail) override {
    Print(message, detail);
    failed_ = true;
  }
  bool Confirm(wxWindow*, const wxString& message, const wxString& detail) override {
    Print(message, detail);
    return false;
  }
  void Info(wxWindow*, const wxString& message, const wxString& detail) override { Print(message, detail); }

 private:
  static void Print(const wxString& message, const wxString& detail) {
    std::fprintf(stderr, "%s: %s\n", sb::ui::ToStd(message).c_str(), sb::ui::ToStd(detail).c_str());
  }
  bool& failed_;
};

class SchoolBuildApp : public wxApp {
 public:
  bool OnInit() override {
    sb::ui::InstallAssertHandler();
    SetAppName("schoolbuild");
    SetVendorName("SchoolBuild");
    if (!wxApp::OnInit()) return false;
    // Unattended, nothing may wait for a click that never comes: wx's own log messages (a
    // broken form, a missing catalog) and the dialogs' prompts (a failed backup on close)
    // go to stderr.
    if (exitWhenReady_) {
      delete wxLog::SetActiveTarget(new wxLogStderr());
      prompter_ = std::make_unique<UnattendedPrompter>(failed_);
      sb::ui::SetPrompter(prompter_.get());
    }
    sb::ui::InitTranslations();
    sb::ui::InitResources();
    frame_ = new sb::ui::MainFrame();
    // For window managers that do not take the icon from the desktop entry.
    if (wxIconBundle icons = sb::ui::ProgramIcons(); !icons.IsEmpty()) frame_->SetIcons(icons);
    try {
      frame_->SetDatabase(sb::ui::OpenStartupDatabase(sb::ui::ToStd(dbPath_), exitWhenReady_));
    } catch (const sb::Error& e) {
      // A damaged file (never written) is offered its newest good backup — unless nobody
      // is there to answer.
      if (e.code() == sb::ErrorCode::Damaged && !exitWhenReady_)
        frame_->OfferRestore(dbPath_.empty() ? sb::DefaultDatabasePath() : sb::ui::ToStd(dbPath_), e.detail());
      else
        Report(frame_, sb::ui::TR("无法打开数据库"), sb::ui::U8(e.detail()));
    }
    frame_->Show();
    if (exitWhenReady_) Bind(wxEVT_IDLE, &SchoolBuildApp::OnFirstIdle, this);
    return true;
  }

  void OnInitCmdLine(wxCmdLineParser& parser) override {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "db", sb::ui::TR("数据库文件（默认与命令行相同）"));
    parser.AddSwitch("", "exit-when-ready",
                     sb::ui::TR("打开窗口、显示项目列表后立即退出（退出码 0），用于检验安装"));
    // Answered by main() before wx starts; listed here for --help.
    parser.AddSwitch("", "version", sb::ui::TR("显示版本号"));
  }

  bool OnCmdLineParsed(wxCmdLineParser& parser) override {
    parser.Found("db", &dbPath_);
    exitWhenReady_ = parser.Found("exit-when-ready");
    return wxApp::OnCmdLineParsed(parser);
  }

  int OnRun() override {
    int rc = wxApp::OnRun();
    return failed_ ? 1 : rc;
  }

  int OnExit() override {
    if (prompter_) sb::ui::SetPrompter(nullptr);
    return wxApp::OnExit();
  }

  bool OnExceptionInMainLoop() override {
    try {
      throw;
    } catch (const sb::Error& e) {
      Report(nullptr, sb::ui::TR("操作失败"), sb::ui::U8(e.detail()));
    } catch (const std::exception& e) {
      Report(nullptr, sb::ui::TR("程序内部错误"), sb::ui::U8(e.what()));
    }
    return true;  // keep running: nothing half-saved survives a rolled-back transaction
  }

 private:
  /// A dialog for the user; on stderr, and exit 1 later, when nobody is there to click.
  void Report(wxWindow* parent, const wxString& message, const wxString& detail) {
    if (!exitWhenReady_) {
      sb::ui::ShowError(parent, message, detail);
      return;
    }
    std::fprintf(stderr, "%s: %s\n", sb::ui::ToStd(message).c_str(), sb::ui::ToStd(detail).c_str());
    failed_ = true;
  }

  void OnFirstIdle(wxIdleEvent&) {
    Unbind(wxEVT_IDLE, &SchoolBuildApp::OnFirstIdle, this);
    auto* db = frame_->database();
    wxString line = db ? wxString::Format(sb::ui::TR("校建通已就绪：%zu 个项目，数据库 %s"),
                                          frame_->model().rows().size(), sb::ui::U8(db->path()))
                       : sb::ui::TR("校建通已就绪：未打开数据库");
    // How long the list took to be usable, from the start of the program (the benchmark's
    // "window open"; the close that follows is not counted).
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - kStarted).count();
    std::printf("%s (%.2f s)\n", sb::ui::ToStd(line).c_str(), seconds);
    std::fflush(stdout);
    frame_->Close(true);
  }

  wxString dbPath_;
  std::unique_ptr<UnattendedPrompter> prompter_;
  bool exitWhenReady_ = false;
  bool failed_ = false;
  sb::ui::MainFrame* frame_ = nullptr;
};

}  // namespace

wxIMPLEMENT_APP_NO_MAIN(SchoolBuildApp);

int main(int argc, char** argv) {
  // Before wx starts, so it works without a display (scripts, the package test).
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("schoolbuild (校建通 SchoolBuild) %s\n", sb::kVersion);
      return 0;
    }
  return wxEntry(argc, argv);
}
