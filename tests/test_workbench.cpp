// The workbench after a day's work (issue 16): the monthly walker's month, the window at
// 1024×700, editing and deleting funding sources, undo of creations, screenshots of
// every page. Case names carry a keyword (month, 1024, source, undo, screenshot) so
// that `-tc="*month*"` finds them.
#include <doctest/doctest.h>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/menu.h>
#include <wx/statusbr.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "app/actions.h"
#include "gui_util.h"
#include "storage/lookups.h"
#include "storage/report_repository.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/report_ui.h"
#include "ui/sources_ui.h"
#include "ui/warnings_panel.h"
#include "ui/wxutil.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::ui::ToStd;
using sb::ui::U8;

namespace {

std::string DemoDb(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sb_bench_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = storage::Database::Open(p.string(), storage::OpenMode::Create);
  storage::LoadDemo(*db);
  return p.string();
}

struct Bench {
  std::string path;
  ui::MainFrame* frame;
  Bench(const std::string& name, Date asOf) : path(DemoDb(name)), frame(new ui::MainFrame()) {
    frame->SetAsOf(asOf);
    frame->SetDatabase(storage::Database::Open(path, storage::OpenMode::MustExist));
    frame->Show();
    sb::test::Pump();
  }
  ~Bench() {
    frame->Destroy();
    sb::test::Pump(3);
  }
  storage::Database& db() { return *frame->database(); }
  void Menu(int id) {
    wxCommandEvent e(wxEVT_MENU, id);
    frame->ProcessWindowEvent(e);
  }
};

wxWindow* TopLevelNamed(const wxString& name) {
  for (wxWindow* w : wxTopLevelWindows)
    if (w->IsShown() && w->GetName() == name) return w;
  return nullptr;
}

template <class T>
T* TopLevelOf() {
  for (wxWindow* w : wxTopLevelWindows)
    if (auto* t = dynamic_cast<T*>(w); t && t->IsShown()) return t;
  return nullptr;
}

/// Runs `step(n)` every 300 ms while a modal loop runs (the n-th tick); returns after
/// `run()` returns. A step that returns false ends the timer.
void WhileModal(const std::function<void()>& run, const std::function<bool(int)>& step) {
  int n = 0;
  wxTimer timer;
  timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    if (!step(n++)) timer.Stop();
  });
  timer.Start(300);
  run();
  timer.Stop();
}

std::optional<ProgressEntry> EntryOf(storage::Database& db, const std::string& code, YearMonth m) {
  Project p = *storage::FindProjectByCode(db, code);
  for (const auto& e : storage::LoadProjectFile(db, p.id).progress)
    if (e.month == m) return e;
  return std::nullopt;
}

}  // namespace

TEST_CASE("month: the walker asks which month, defaults to the report's month and records that month") {
  // 2026-12-01: the report defaults to November (not closed), and so does the walker.
  Bench b("walker_month", Date(2026, 12, 1));
  CHECK(ui::DefaultReportMonth(Date(2026, 12, 1), {}) == YearMonth(2026, 11));
  wxString asked, walkerTitle, previousText, header;
  std::string firstCode;
  bool done = false;
  WhileModal([&] { b.Menu(XRCID("RecordProgress")); },
             [&](int) {
               if (wxWindow* q = TopLevelNamed("ProgressMonthDialog")) {
                 auto* month = static_cast<wxChoice*>(q->FindWindow("Month"));
                 asked = month->GetStringSelection();
                 static_cast<wxDialog*>(q)->EndModal(wxID_OK);  // Enter: the default month
                 return true;
               }
               if (auto* w = TopLevelOf<ui::MonthlyProgressDialog>(); w && w->IsModal()) {
                 walkerTitle = w->GetTitle();
                 previousText = static_cast<wxStaticText*>(w->FindWindow("Previous"))->GetLabel();
                 firstCode = w->current()->code;
                 CHECK(w->Text("Month")->GetValue() == "2026-11");
                 CHECK(w->AcceptCurrent());
                 w->EndModal(wxID_CANCEL);
                 done = true;
                 return false;
               }
               return !done;
             });
  CHECK(asked == U8("2026年11月"));
  CHECK(walkerTitle.Contains(U8("2026年11月")));
  // The demo's last entries are October's: that is the month before, so it is 上月.
  CHECK(previousText.StartsWith(U8("上月（2026年10月）：")));
  REQUIRE(!firstCode.empty());
  // What it said is what it stored, and December has nothing.
  CHECK(EntryOf(b.db(), firstCode, YearMonth(2026, 11)).has_value());
  CHECK_FALSE(EntryOf(b.db(), firstCode, YearMonth(2026, 12)).has_value());
  CHECK(b.frame->GetStatusBar()->GetStatusText(0).Contains(U8("2026年11月")));
}

TEST_CASE("month: a closed report month moves the default on; 上月 names the month before, not the last entry") {
  std::vector<storage::MonthClosing> closings(1);
  closings[0].month = YearMonth(2026, 11);
  CHECK(ui::DefaultReportMonth(Date(2026, 12, 1), closings) == YearMonth(2026, 12));

  // Recording December with nothing in November: 上月 is November, said to be empty, and
  // October's figures are the starting point, named as October's.
  Bench b("walker_gap", Date(2027, 1, 5));
  auto* w = new ui::MonthlyProgressDialog(b.frame, *b.frame->session(), YearMonth(2026, 12));
  w->Show();
  sb::test::Pump(3);
  wxString prev = static_cast<wxStaticText*>(w->FindWindow("Previous"))->GetLabel();
  CHECK(prev.StartsWith(U8("上月（2026年11月）没有进度记录；最近一次是2026年10月：")));
  storage::ProjectFile file = storage::LoadProjectFile(b.db(), w->current()->id);
  CHECK(w->Text("Percent")->GetValue() == U8(file.progress.back().percent.Format()));
  CHECK(w->Text("Month")->GetValue() == "2026-12");
  sb::test::SaveScreenshot(w, "walker_month_gap");
  w->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("month: Enter in the report-month dialog is OK, not the drop-down") {
  Bench b("report_enter", Date(2026, 12, 1));
  std::optional<YearMonth> answer;
  bool pressed = false;
  WhileModal([&] { answer = ui::AskProgressMonth(b.frame); },
             [&](int n) {
               wxWindow* q = TopLevelNamed("ProgressMonthDialog");
               if (!q) return n < 20;
               if (n < 2) {
                 q->FindWindow("Month")->SetFocus();  // even with the focus on the month
                 return true;
               }
               wxKeyEvent key(wxEVT_CHAR_HOOK);
               key.m_keyCode = WXK_RETURN;
               key.SetEventObject(q->FindWindow("Month"));
               if (!pressed) {
                 pressed = true;
                 q->FindWindow("Month")->ProcessWindowEvent(key);
                 return true;
               }
               static_cast<wxDialog*>(q)->EndModal(wxID_CANCEL);  // Enter did nothing
               return false;
             });
  CHECK(pressed);
  CHECK(answer == YearMonth(2026, 11));
}

// ---- 1024×700 -------------------------------------------------------------------------------

namespace {

/// Every shown control under `win` whose rectangle leaves `area` (screen coordinates) or
/// its parent's client area: "Class name at x,y w×h". Only the current page of a notebook
/// counts; the children of a (vertically) scrolled window may lie below it — they scroll
/// into view — but not beside it. The status bar lies below the client area by design.
void Outside(wxWindow* win, const wxRect& area, std::vector<std::string>& out) {
  for (wxWindow* child : win->GetChildren()) {
    if (!child->IsShown() || child->IsTopLevel() || dynamic_cast<wxStatusBar*>(child)) continue;
    if (auto* book = dynamic_cast<wxBookCtrlBase*>(win); book && child != book->GetCurrentPage() &&
                                                          book->FindPage(child) != wxNOT_FOUND)
      continue;
    wxRect r = child->GetScreenRect();
    wxRect parent(win->ClientToScreen(wxPoint(0, 0)), win->GetClientSize());
    bool scrolled = dynamic_cast<wxScrolledWindow*>(win) != nullptr;
    bool inside = scrolled ? r.x >= parent.x && r.GetRight() <= parent.GetRight()
                           : area.Contains(r) && parent.Contains(r);
    if (r.width > 0 && r.height > 0 && !inside)
      out.push_back(ToStd(child->GetClassInfo()->GetClassName()) + " " + ToStd(child->GetName()) + " \"" +
                    ToStd(child->GetLabel()).substr(0, 40) + "\" at " + std::to_string(r.x - area.x) + "," +
                    std::to_string(r.y - area.y) + " " + std::to_string(r.width) + "x" + std::to_string(r.height));
    if (!scrolled) Outside(child, area, out);
  }
}

std::vector<std::string> ControlsOutside(wxTopLevelWindow* top) {
  std::vector<std::string> out;
  Outside(top, wxRect(top->ClientToScreen(wxPoint(0, 0)), top->GetClientSize()), out);
  if (wxStatusBar* bar = dynamic_cast<wxFrame*>(top) ? static_cast<wxFrame*>(top)->GetStatusBar() : nullptr)
    if (!top->GetScreenRect().Contains(bar->GetScreenRect())) out.push_back("the status bar");
  return out;
}

/// Rows a list shows without scrolling, measured on its first row.
double VisibleRows(wxDataViewListCtrl* list) {
  if (list->GetItemCount() == 0) return 0;
  wxRect first = list->GetItemRect(list->RowToItem(0));
  if (first.height <= 0) return 0;
  return double(list->GetClientSize().y - first.y) / first.height;
}

const char* const kMainPages[] = {"projects", "overview", "warnings"};
const char* const kProjectPages[] = {"details", "funds", "procedures", "progress", "contracts", "warnings", "history"};

}  // namespace

TEST_CASE("1024: at 1024×700 no control lies outside the client area, on every page and tab") {
  Bench b("small", Date(2026, 11, 23));
  b.frame->SetSize(1024, 700);
  sb::test::Pump(10);
  // 芦溪县第一中学 (LX2025-03) has contracts and payments to show.
  b.frame->SelectProject(storage::FindProjectByCode(b.db(), "LX2025-03")->id);
  sb::test::Pump(5);
  for (int page = 0; page < 3; ++page) {
    b.frame->book()->SetSelection(page);
    sb::test::Pump(5);
    int tabs = page == ui::MainFrame::kProjectsTab ? ui::ProjectPanel::kHistory + 1 : 1;
    for (int tab = 0; tab < tabs; ++tab) {
      if (page == ui::MainFrame::kProjectsTab) b.frame->projectPanel()->SetSelection(tab);
      sb::test::Pump(5);
      std::string where = std::string(kMainPages[page]) + (tabs > 1 ? std::string("_") + kProjectPages[tab] : "");
      CAPTURE(where);
      auto outside = ControlsOutside(b.frame);
      for (const auto& o : outside) MESSAGE(o);
      CHECK(outside.empty());
    }
  }
}

TEST_CASE("1024: at 1024×700 the payments list shows five rows, the project list too, and the receipts are on screen") {
  Bench b("small_rows", Date(2026, 11, 23));
  b.frame->SetSize(1024, 700);
  sb::test::Pump(10);
  b.frame->SelectProject(storage::FindProjectByCode(b.db(), "LX2025-03")->id);
  ui::ProjectPanel* panel = b.frame->projectPanel();
  panel->SetSelection(ui::ProjectPanel::kContracts);
  sb::test::Pump(10);
  REQUIRE(panel->PaymentsList()->GetItemCount() >= 5);
  panel->PaymentsList()->EnsureVisible(panel->PaymentsList()->RowToItem(0));  // measured from the top
  sb::test::Pump(5);
  CHECK(VisibleRows(panel->PaymentsList()) >= 5.0);
  panel->SetSelection(ui::ProjectPanel::kFunds);
  sb::test::Pump(10);
  REQUIRE(panel->ReceiptsList()->GetItemCount() >= 1);
  CHECK(VisibleRows(panel->ReceiptsList()) >= 3.0);
  wxRect list(b.frame->list()->GetScreenRect());
  wxDataViewItem first = b.frame->model().GetItem(0);
  wxRect row = b.frame->list()->GetItemRect(first);
  REQUIRE(row.height > 0);
  CHECK(double(b.frame->list()->GetClientSize().y - row.y) / row.height >= 5.0);
  (void)list;
}

// ---- funding sources ------------------------------------------------------------------------

namespace {
struct Answers : ui::Prompter {
  bool answer = true;
  std::vector<wxString> errors, questions;
  ui::Prompter* previous;
  Answers() { previous = ui::SetPrompter(this); }
  ~Answers() override { ui::SetPrompter(previous); }
  void Error(wxWindow*, const wxString& m, const wxString& d) override { errors.push_back(m + "\n" + d); }
  bool Confirm(wxWindow*, const wxString& q, const wxString&) override {
    questions.push_back(q);
    return answer;
  }
  void Info(wxWindow*, const wxString&, const wxString&) override {}
};

FundingSource Mistyped(app::Session& s) {
  FundingSource src;
  src.code = "ZJ2026-99";
  src.name = "中央预算内投资（错字）";
  src.kind = storage::FundingSources(s.db()).front().kind;
  src.year = 2026;
  src.amount = Money::Parse("1", MoneyUnit::Wan);
  src.eligible = storage::FundingSources(s.db()).front().eligible;
  app::SaveSource(s, src);
  return src;
}

void PressOk(wxDialog* d) {
  wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
  ok.SetEventObject(d->FindWindow(wxID_OK));
  d->FindWindow(wxID_OK)->ProcessWindowEvent(ok);
}
}  // namespace

TEST_CASE("source: a source nothing refers to is edited and deleted in the window; a used one is refused before any question") {
  Bench b("sources", Date(2026, 11, 23));
  Answers answers;
  app::Session& s = *b.frame->session();
  FundingSource typo = Mistyped(s);
  b.frame->Reload();
  auto* dlg = new ui::SourcesDialog(b.frame, s, &b.frame->commands(), [&] { b.frame->Reload(); });
  dlg->Show();
  sb::test::Pump(3);
  CHECK(dlg->list()->GetItemCount() == static_cast<int>(storage::FundingSources(b.db()).size()));
  sb::test::SaveScreenshot(dlg, "dialog_sources");

  // Edit: the name corrected through the source form.
  dlg->Select(typo.id);
  WhileModal([&] { CHECK(dlg->EditSelected()); },
             [&](int) {
               auto* form = TopLevelOf<ui::SourceDialog>();
               if (!form || !form->IsModal()) return true;
               form->Text("Name")->SetValue(U8("中央预算内投资（更正）"));
               PressOk(form);
               return false;
             });
  CHECK(storage::FindSourceByCode(b.db(), "ZJ2026-99")->name == "中央预算内投资（更正）");
  CHECK(b.frame->commands().UndoName() == U8("修改资金来源 ZJ2026-99"));

  // A source with allocations: refused, no question asked, still there.
  Id used = b.frame->portfolio().allocations.front().sourceId;
  dlg->Select(used);
  CHECK_FALSE(dlg->DeleteSelected());
  CHECK(answers.questions.empty());
  REQUIRE(answers.errors.size() == 1);
  CHECK(answers.errors[0].Contains(U8("笔资金下达")));
  CHECK(storage::SourceById(b.db(), used).has_value());

  // The corrected one, unused: asked, then deleted.
  dlg->Select(typo.id);
  CHECK(dlg->DeleteSelected());
  CHECK(answers.questions.size() == 1);
  CHECK_FALSE(storage::FindSourceByCode(b.db(), "ZJ2026-99").has_value());
  CHECK(dlg->changed());
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("source: deleting a referenced source is refused by the app layer too, saying what refers to it") {
  Bench b("sources_app", Date(2026, 11, 23));
  app::Session& s = *b.frame->session();
  Id used = b.frame->portfolio().allocations.front().sourceId;
  std::optional<FundingSource> src = storage::SourceById(b.db(), used);
  REQUIRE(src);
  try {
    app::DeleteSource(s, src->id, src->rowVersion);
    FAIL("deleted a source in use");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Refused);
    CHECK(e.detail().find("不能删除") != std::string::npos);
  }
  CHECK(storage::SourceById(b.db(), used).has_value());
}

// ---- undo -----------------------------------------------------------------------------------

TEST_CASE("undo: a new source is the next thing undone, the menu names it and the status bar says it was undone") {
  Bench b("undo_source", Date(2026, 11, 23));
  Answers answers;
  WhileModal([&] { b.Menu(XRCID("NewSource")); },
             [&](int) {
               auto* form = TopLevelOf<ui::SourceDialog>();
               if (!form || !form->IsModal()) return true;
               form->Text("Code")->SetValue("ZJ2026-98");
               form->Text("Name")->SetValue(U8("县级配套（测试）"));
               form->Text("Year")->SetValue("2026");
               form->Text("Amount")->SetValue("10");
               PressOk(form);
               if (form->IsModal()) {  // refused: say why, and close
                 MESSAGE(ToStd(form->refusal()));
                 form->EndModal(wxID_CANCEL);
               }
               return false;
             });
  REQUIRE(storage::FindSourceByCode(b.db(), "ZJ2026-98").has_value());
  CHECK(b.frame->commands().UndoName() == U8("新增资金来源 ZJ2026-98"));
  wxMenuItem* item = b.frame->GetMenuBar()->FindItem(wxID_UNDO);
  b.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  b.frame->GetMenuBar()->UpdateMenus();
  CHECK(item->GetItemLabelText().Contains(U8("新增资金来源 ZJ2026-98")));
  b.Menu(wxID_UNDO);
  CHECK_FALSE(storage::FindSourceByCode(b.db(), "ZJ2026-98").has_value());
  CHECK(b.frame->GetStatusBar()->GetStatusText(0) == U8("已撤销：新增资金来源 ZJ2026-98"));
  // Not redone: the clerk enters it again.
  CHECK_FALSE(b.frame->commands().CanRedo());
}

TEST_CASE("undo: the monthly walker's entries are one step of undo") {
  Bench b("undo_walker", Date(2026, 12, 1));
  std::vector<std::string> codes;
  WhileModal([&] { b.Menu(XRCID("RecordProgress")); },
             [&](int) {
               if (wxWindow* q = TopLevelNamed("ProgressMonthDialog")) {
                 static_cast<wxDialog*>(q)->EndModal(wxID_OK);
                 return true;
               }
               auto* w = TopLevelOf<ui::MonthlyProgressDialog>();
               if (!w || !w->IsModal()) return true;
               for (int i = 0; i < 2; ++i) {
                 codes.push_back(w->current()->code);
                 CHECK(w->AcceptCurrent());
               }
               w->EndModal(wxID_CANCEL);
               return false;
             });
  REQUIRE(codes.size() == 2);
  for (const auto& c : codes) CHECK(EntryOf(b.db(), c, YearMonth(2026, 11)).has_value());
  CHECK(b.frame->commands().UndoName() == U8("录入2026年11月的进度（2 个项目）"));
  b.Menu(wxID_UNDO);
  for (const auto& c : codes) CHECK_FALSE(EntryOf(b.db(), c, YearMonth(2026, 11)).has_value());
  // October's entries, which the walk started from, are untouched.
  for (const auto& c : codes) CHECK(EntryOf(b.db(), c, YearMonth(2026, 10)).has_value());
}

// ---- screenshots ----------------------------------------------------------------------------

namespace {
bool English() {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  return lang && std::string(lang).rfind("en", 0) == 0;
}

// Every page and tab at both sizes, as build/screenshots/page_<lang>_<size>_<page>.png.
void ShootEveryPage(const char* lang) {
  for (wxSize size : {wxSize(1024, 700), wxSize(1280, 800)}) {
    Bench b(std::string("shots_") + lang, Date(2026, 11, 23));
    b.frame->Move(0, 0);
    b.frame->SetSize(size);
    sb::test::Pump(10);
    b.frame->SelectProject(storage::FindProjectByCode(b.db(), "LX2025-03")->id);
    std::string tag = std::string(lang) + "_" + std::to_string(size.x) + "x" + std::to_string(size.y);
    for (int page = 0; page < 3; ++page) {
      b.frame->book()->SetSelection(page);
      int tabs = page == ui::MainFrame::kProjectsTab ? ui::ProjectPanel::kHistory + 1 : 1;
      for (int tab = 0; tab < tabs; ++tab) {
        if (page == ui::MainFrame::kProjectsTab) b.frame->projectPanel()->SetSelection(tab);
        sb::test::Pump(5);
        std::string where = std::string(kMainPages[page]) + (tabs > 1 ? std::string("_") + kProjectPages[tab] : "");
        CHECK(fs::exists(sb::test::SaveScreenshot(b.frame, "page_" + tag + "_" + where)));
      }
    }
  }
}
}  // namespace

TEST_CASE("screenshot: every page and tab at 1024×700 and 1280×800 in Chinese") {
  if (English()) return;
  ShootEveryPage("zh");
}

TEST_CASE("English: screenshot of every page and tab at 1024×700 and 1280×800") {
  if (!English()) return;
  ShootEveryPage("en");
}

// ---- reversals, warnings, the lower pane ---------------------------------------------------

namespace {
wxColour CellColour(wxDataViewListCtrl* list, unsigned row, unsigned col) {
  wxDataViewItemAttr attr;
  static_cast<wxDataViewIndexListModel*>(list->GetModel())->GetAttrByRow(row, col, attr);
  return attr.HasColour() ? attr.GetColour() : wxColour();
}
int RowOfData(wxDataViewListCtrl* list, wxUIntPtr data) {
  for (int row = 0; row < list->GetItemCount(); ++row)
    if (list->GetItemData(list->RowToItem(row)) == data) return row;
  return -1;
}
}  // namespace

TEST_CASE("reversal: the reversing row is red and the payment it reverses is marked 已冲销") {
  Bench b("reversal", Date(2026, 11, 23));
  Project p = *storage::FindProjectByCode(b.db(), "LX2025-03");
  Payment original = storage::LoadProjectFile(b.db(), p.id).payments.back();
  Id reversal = app::ReversePayment(*b.frame->session(), original.id, Date(2026, 11, 20), "记-202611-9001",
                                    "凭证号录错");
  b.frame->Reload();
  b.frame->SelectProject(p.id);
  wxDataViewListCtrl* pays = b.frame->projectPanel()->PaymentsList();
  int rev = RowOfData(pays, static_cast<wxUIntPtr>(reversal)), orig = RowOfData(pays, static_cast<wxUIntPtr>(original.id));
  REQUIRE(rev >= 0);
  REQUIRE(orig >= 0);
  CHECK(CellColour(pays, static_cast<unsigned>(rev), 2) == ui::ErrorColour());
  CHECK(CellColour(pays, static_cast<unsigned>(orig), 2) == ui::MutedColour());
  CHECK(pays->GetTextValue(static_cast<unsigned>(orig), 8).StartsWith(U8("已冲销（记-202611-9001）")));
  CHECK(pays->GetTextValue(static_cast<unsigned>(rev), 8).StartsWith(U8("红字冲销")));
  b.frame->projectPanel()->SetSelection(ui::ProjectPanel::kContracts);
  sb::test::SaveScreenshot(b.frame, "reversal_marked");
}

TEST_CASE("warnings: errors come first and in red, the basis is in words, and double-click opens that very warning") {
  Bench b("warnings_read", Date(2026, 11, 23));
  ui::WarningsPanel* w = b.frame->warningsPanel();
  REQUIRE(w->ShownCount() > 2);
  CHECK(w->ShownFinding(0)->severity == Severity::Error);
  for (size_t i = 1; i < w->ShownCount(); ++i) CHECK(w->ShownFinding(i - 1)->severity <= w->ShownFinding(i)->severity);
  // No setting key left in any basis shown.
  size_t withSetting = 0;
  for (size_t i = 0; i < w->ShownCount(); ++i) {
    if (w->ShownFinding(i)->rule.find("rule.") != std::string::npos) ++withSetting;
    CHECK_FALSE(ui::BasisInWords(w->ShownFinding(i)->rule).Contains("rule."));
  }
  CHECK(withSetting > 0);
  CHECK(ui::BasisInWords("县设置 rule.stalled_months=3：在建项目") == U8("县设置 进度停滞月数 3：在建项目"));

  // The last warning shown (a later one, not the project's first): opened in its project.
  const Finding f = *w->ShownFinding(w->ShownCount() - 1);
  REQUIRE(w->onShowFinding);
  w->onShowFinding(f);
  sb::test::Pump(3);
  CHECK(b.frame->book()->GetSelection() == ui::MainFrame::kProjectsTab);
  CHECK(b.frame->projectPanel()->projectId() == f.projectId);
  CHECK(b.frame->projectPanel()->GetSelection() == ui::ProjectPanel::kWarnings);
  CHECK(b.frame->projectPanel()->WarningDetailText().Contains(U8(f.message)));
  sb::test::SaveScreenshot(b.frame, "warning_opened");
}

TEST_CASE("stale: a filter that hides the selected project empties the pane and its 预警 count") {
  Bench b("stale", Date(2026, 11, 23));
  b.frame->SelectProject(storage::FindProjectByCode(b.db(), "LX2025-01")->id);
  sb::test::Pump(3);
  ui::ProjectPanel* panel = b.frame->projectPanel();
  REQUIRE(panel->GetPageText(ui::ProjectPanel::kWarnings) != U8("预警"));
  b.frame->searchBox()->SetValue("no-such-project");
  sb::test::Pump(3);
  CHECK(b.frame->model().rows().empty());
  CHECK(panel->projectId() == 0);
  CHECK(panel->GetPageText(ui::ProjectPanel::kWarnings) == U8("预警"));
}

TEST_CASE("stale: after the walker the selected project is shown in the pane") {
  Bench b("stale_walker", Date(2026, 12, 1));
  Id id = storage::FindProjectByCode(b.db(), "LX2025-03")->id;
  b.frame->SelectProject(id);
  WhileModal([&] { b.Menu(XRCID("RecordProgress")); },
             [&](int) {
               if (wxWindow* q = TopLevelNamed("ProgressMonthDialog")) {
                 static_cast<wxDialog*>(q)->EndModal(wxID_OK);
                 return true;
               }
               auto* w = TopLevelOf<ui::MonthlyProgressDialog>();
               if (!w || !w->IsModal()) return true;
               CHECK(w->AcceptCurrent());
               w->EndModal(wxID_CANCEL);
               return false;
             });
  sb::test::Pump(3);
  const ui::ProjectRow* row = b.frame->model().RowAt(b.frame->list()->GetSelection());
  REQUIRE(row);
  CHECK(row->summary.project.id == id);
  CHECK(b.frame->projectPanel()->projectId() == id);
}

// ---- smaller items --------------------------------------------------------------------------

TEST_CASE("guide: 帮助 → 使用说明 opens the bundled HTML guide") {
  Bench b("guide", Date(2026, 11, 23));
  std::string opened;
  b.frame->SetGuideOpener([&](const std::string& path) {
    opened = path;
    return true;
  });
  b.Menu(wxID_HELP);
  REQUIRE(!opened.empty());
  CHECK(fs::exists(opened));
  CHECK(fs::path(opened).filename() == "guide.html");
}

TEST_CASE("pinyin: the township filter lists townships in pinyin order") {
  Bench b("pinyin", Date(2026, 11, 23));
  wxChoice* t = b.frame->townshipFilter();
  std::vector<wxString> towns;
  for (unsigned i = 1; i < t->GetCount(); ++i) towns.push_back(t->GetString(i));
  REQUIRE(towns.size() >= 4);
  CHECK(towns.front() == U8("长丰乡"));  // chang before lu, nan, shang …
  auto at = [&](const char* name) { return std::find(towns.begin(), towns.end(), U8(name)) - towns.begin(); };
  CHECK(at("芦溪镇") < at("南坑镇"));
  CHECK(at("南坑镇") < at("上埠镇"));
  CHECK(at("上埠镇") < at("源南乡"));
}

TEST_CASE("source: the receipt dialog preselects the project's only source") {
  Bench b("only_source", Date(2026, 11, 23));
  // A project funded from one source: find one in the demo.
  const Portfolio& pf = b.frame->portfolio();
  std::map<Id, std::set<Id>> sources;
  for (const auto& a : pf.allocations) sources[a.projectId].insert(a.sourceId);
  Id project = 0;
  for (const auto& [p, s] : sources)
    if (s.size() == 1) project = p;
  REQUIRE(project != 0);
  ui::FundFlowDialog::Row row;
  row.projectId = project;
  ui::FundFlowDialog d(b.frame, *b.frame->session(), ui::FundFlowDialog::Kind::Receipt, row);
  const FundingSource* only = pf.FindSource(*sources[project].begin());
  REQUIRE(only);
  CHECK(d.Choice("Source")->GetStringSelection().Contains(U8(only->name)));
}

TEST_CASE("keyboard: Enter with the focus on 取消 saves the budget instead of cancelling") {
  Bench b("budget_enter", Date(2026, 11, 23));
  Project p = *storage::FindProjectByCode(b.db(), "LX2025-03");
  auto* d = new ui::BudgetDialog(b.frame, *b.frame->session(), p.id);
  d->Show();
  sb::test::Pump(3);
  d->Text("Amount5")->SetValue("31");  // 预备费 31 万元
  d->FindWindow(wxID_CANCEL)->SetFocus();
  sb::test::Pump(2);
  wxKeyEvent key(wxEVT_CHAR_HOOK);
  key.m_keyCode = WXK_RETURN;
  key.SetEventObject(d->FindWindow(wxID_CANCEL));
  d->FindWindow(wxID_CANCEL)->ProcessWindowEvent(key);
  sb::test::Pump(2);
  Money reserve;
  for (const auto& l : storage::BudgetLinesByProject(b.db(), p.id))
    if (l.category == CostCategory::Contingency) reserve = l.amount;
  CHECK(reserve == Money::Parse("31", MoneyUnit::Wan));
  d->Destroy();
  sb::test::Pump(3);
}
