#include <doctest/doctest.h>
#include <wx/display.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>

#include <cstring>
#include <filesystem>
#include <set>

#include "core/kpi.h"
#include "gui_util.h"
#include "storage/repository.h"
#include "ui/app.h"
#include "ui/main_frame.h"
#include "ui/overview_panel.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/units.h"
#include "ui/warnings_panel.h"
#include <wx/config.h>
#include <wx/xrc/xmlres.h>

namespace fs = std::filesystem;
using sb::ui::ProjectListModel;

namespace {

std::string FreshDemoDb(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sb_gui_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = sb::storage::Database::Open(p.string(), sb::storage::OpenMode::Create);
  sb::storage::LoadDemo(*db);
  return p.string();
}

wxString Cell(ProjectListModel& m, unsigned row, unsigned col) {
  wxVariant v;
  m.GetValueByRow(v, row, col);
  return v.GetString();
}

// A main window on a fresh demo database, "today" pinned so the warnings are stable.
struct Window {
  std::string path;
  sb::ui::MainFrame* frame;
  explicit Window(const std::string& name) : path(FreshDemoDb(name)), frame(new sb::ui::MainFrame()) {
    frame->SetAsOf(sb::Date(2026, 11, 23));
    frame->SetDatabase(sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist));
    frame->Show();
    sb::test::Pump();
  }
  ~Window() {
    if (frame) frame->Destroy();
    sb::test::Pump(3);
  }
  size_t Rows() { return frame->model().rows().size(); }
};

}  // namespace

TEST_CASE("main window opens on the demo database and lists its 19 projects") {
  Window w("main");
  auto* frame = w.frame;
  CHECK(w.Rows() == 19);
  CHECK(frame->list()->GetColumnCount() == ProjectListModel::kColumnCount);
  CHECK(frame->GetStatusBar()->GetStatusText(0).StartsWith(wxString::FromUTF8("共 19 个项目")));
  CHECK(frame->GetStatusBar()->GetStatusText(1).Contains(wxString::FromUTF8(w.path)));

  auto& m = frame->model();
  CHECK(Cell(m, 0, ProjectListModel::kName) == wxString::FromUTF8("濂溪中学新建工程"));
  CHECK(Cell(m, 0, ProjectListModel::kBudget) == "9,800.00");
  // 路行学校整体搬迁 is fully committed in total: no gap shown in the list's gap column.
  CHECK(Cell(m, 18, ProjectListModel::kCode) == "LX2026-03");
  CHECK(Cell(m, 18, ProjectListModel::kGap) == "");
  // 芦溪小学整体搬迁: 8,600 budget − 7,700 committed = 900 万元 gap.
  CHECK(Cell(m, 1, ProjectListModel::kGap) == "900.00");

  // Sorting by budget compares money, not text: 9,800.00 is larger than 980.00.
  wxDataViewItem big = m.GetItem(0), small = m.GetItem(3);  // LX2025-01 9800, LX2025-04 980
  CHECK(m.Compare(big, small, ProjectListModel::kBudget, true) > 0);
  CHECK(m.Compare(small, big, ProjectListModel::kBudget, true) < 0);

  sb::test::SaveScreenshot(frame, "main_window");

  // 视图 → 金额以元显示: the same figures in 元, and the setting is remembered.
  wxCommandEvent toYuan(wxEVT_MENU, XRCID("UnitYuan"));
  frame->ProcessWindowEvent(toYuan);
  CHECK(Cell(m, 0, ProjectListModel::kBudget) == "98,000,000.00");
  CHECK(frame->GetStatusBar()->GetStatusText(0).Contains(wxString::FromUTF8("金额单位：元")));
  CHECK(sb::ui::DisplayUnit() == sb::MoneyUnit::Yuan);
  wxCommandEvent toWan(wxEVT_MENU, XRCID("UnitWan"));
  frame->ProcessWindowEvent(toWan);
  CHECK(Cell(m, 0, ProjectListModel::kBudget) == "9,800.00");
}

TEST_CASE("the filter bar and the search box narrow the project list as you type") {
  Window w("filter");
  auto* f = w.frame;
  f->searchBox()->SetValue(wxString::FromUTF8("幼儿园"));  // fires wxEVT_TEXT
  sb::test::Pump(2);
  REQUIRE(w.Rows() == 1);
  CHECK(Cell(f->model(), 0, ProjectListModel::kName) == wxString::FromUTF8("宣风中心幼儿园"));
  CHECK(f->GetStatusBar()->GetStatusText(0).StartsWith(wxString::FromUTF8("显示 1 / 共 19 个项目")));
  f->searchBox()->SetValue("LX2026");  // codes match too
  sb::test::Pump(2);
  CHECK(w.Rows() == 3);
  f->searchBox()->SetValue("");

  f->townshipFilter()->SetStringSelection(wxString::FromUTF8("源南乡"));
  f->ApplyFilter();
  CHECK(w.Rows() == 3);  // 源南学校, 新下小学, 花园小学
  f->townshipFilter()->SetSelection(0);

  f->onlyWarnings()->SetValue(true);
  f->ApplyFilter();
  std::set<sb::Id> flagged;
  for (const auto& x : f->findings()) flagged.insert(x.projectId);
  CHECK(w.Rows() == flagged.size());
  CHECK(w.Rows() > 0);
  for (const auto& r : f->model().rows()) CHECK(r.warnings > 0);
}

TEST_CASE("selecting a project fills its notebook: coverage shows land that no fund may pay") {
  Window w("notebook");
  auto* f = w.frame;
  // 路行学校整体搬迁: committed 4,600 = budget, but 3,900 of it may pay only for
  // construction and equipment (3,400 budgeted): 500 万元 of land stays uncovered.
  sb::Id id = 0;
  for (const auto& p : f->portfolio().projects)
    if (p.code == "LX2026-03") id = p.id;
  f->SelectProject(id);
  sb::test::Pump();
  auto* panel = f->projectPanel();
  CHECK(panel->projectId() == id);
  panel->SetSelection(sb::ui::ProjectPanel::kFunds);
  sb::test::Pump();
  bool landUncovered = false;
  for (const auto& g : f->findings())
    if (g.projectId == id && g.code == "CATEGORY_GAP") landUncovered = true;
  CHECK(landUncovered);
  sb::test::SaveScreenshot(f, "project_funds");

  for (const auto& p : f->portfolio().projects)
    if (p.code == "LX2025-01") id = p.id;
  f->SelectProject(id);
  panel->SetSelection(sb::ui::ProjectPanel::kProgress);
  sb::test::SaveScreenshot(f, "project_progress");
  panel->SetSelection(sb::ui::ProjectPanel::kContracts);
  sb::test::SaveScreenshot(f, "project_contracts");
}

TEST_CASE("county overview shows the four KPIs and totals; the warnings tab lists every finding") {
  Window w("overview");
  auto* f = w.frame;
  sb::Kpis k = sb::ComputeKpis(f->portfolio(), f->asOf());
  CHECK(f->overviewPanel()->KpiText(0) ==
        wxString::FromUTF8(k.startRate.Format() + "（" + std::to_string(k.startRate.numerator) + "/" +
                           std::to_string(k.startRate.denominator) + "）"));
  CHECK(f->overviewPanel()->KpiText(2) == wxString::FromUTF8(k.fundsReceivedRate.Format()));
  CHECK(f->overviewPanel()->TotalsText().Contains(wxString::FromUTF8("项目 19 个")));
  CHECK(f->overviewPanel()->TotalsText().Contains(wxString::FromUTF8("概算总投资 51,870.00 万元")));
  f->book()->SetSelection(sb::ui::MainFrame::kOverviewTab);
  sb::test::SaveScreenshot(f, "overview");

  CHECK(f->warningsPanel()->ShownCount() == f->findings().size());
  // Selecting a finding shows its whole sentence and the rule it rests on.
  f->warningsPanel()->SelectShown(0);
  const sb::Finding* first = f->warningsPanel()->ShownFinding(0);
  REQUIRE(first);
  CHECK(f->warningsPanel()->DetailText().Contains(wxString::FromUTF8(first->message)));
  CHECK(f->warningsPanel()->DetailText().Contains(sb::ui::BasisInWords(first->rule)));
  f->book()->SetSelection(sb::ui::MainFrame::kWarningsTab);
  sb::test::SaveScreenshot(f, "warnings");
}

TEST_CASE("the window remembers its size, splitter and column widths, the widths per language (Chinese and English apart)") {
  wxConfigBase* cfg = wxConfigBase::Get();
  cfg->Write("/Window/Width", 1100);
  cfg->Write("/Window/Height", 700);
  cfg->Write(wxString::Format("/ProjectList/%s/Column2", sb::ui::UiLanguage()), 333);
  // The other language's widths are its own.
  const char* other = std::strcmp(sb::ui::UiLanguage(), "zh") == 0 ? "en" : "zh";
  cfg->Write(wxString::Format("/ProjectList/%s/Column3", other), 444);
  {
    Window w("layout");
    CHECK(w.frame->GetSize().x == 1100);
    CHECK(w.frame->list()->GetColumn(2)->GetWidth() == 333);
    CHECK(w.frame->list()->GetColumn(3)->GetWidth() != 444);
    w.frame->list()->GetColumn(2)->SetWidth(280);
    sb::test::Pump(5);  // GTK reports the new width once it has laid the column out
    w.frame->Close();  // saves the layout, then destroys the frame
    w.frame = nullptr;
    sb::test::Pump(3);
  }
  CHECK(cfg->ReadLong(wxString::Format("/ProjectList/%s/Column2", sb::ui::UiLanguage()), 0) == 280);
  CHECK(cfg->ReadLong(wxString::Format("/ProjectList/%s/Column3", other), 0) == 444);  // left as it was
  cfg->DeleteGroup("/Window");
  cfg->DeleteGroup("/ProjectList");
}

TEST_CASE("1024: a size remembered from a larger monitor opens within the screen, its filters on it") {
  wxConfigBase* cfg = wxConfigBase::Get();
  const wxRect area = wxDisplay(0u).GetClientArea();
  cfg->Write("/Window/Width", area.width + 1500);
  cfg->Write("/Window/Height", area.height + 900);
  {
    Window w("clamped");
    const wxRect r = w.frame->GetRect();
    CAPTURE(area.width);
    CAPTURE(r.width);
    CHECK(r.width <= area.width);
    CHECK(r.height <= area.height);
    CHECK(area.Contains(r.GetTopLeft()));
    // The filters at the rows' right-hand ends are on the screen, not past its edge.
    CHECK(w.frame->yearFilter()->GetScreenRect().GetRight() <= area.GetRight());
    CHECK(w.frame->sourceFilter()->GetScreenRect().GetRight() <= area.GetRight());
  }
  cfg->DeleteGroup("/Window");
}

TEST_CASE("county filter: hidden with one county; with 芦溪 and 建始 in one database it narrows the list and the overview lists both") {
  Window w("county_filter");
  auto* f = w.frame;
  CHECK_FALSE(f->countyFilter()->IsShown());  // one county: nothing to choose
  CHECK_FALSE(f->overviewPanel()->countyList()->IsShown());

  // A second county beside the first, as `demo --county 建始` adds it.
  auto db = sb::storage::Database::Open(w.path, sb::storage::OpenMode::MustExist);
  sb::storage::LoadDemo(*db, "建始");
  db.reset();
  f->SetDatabase(sb::storage::Database::Open(w.path, sb::storage::OpenMode::MustExist));
  sb::test::Pump();
  CHECK(w.Rows() == 51);
  REQUIRE(f->countyFilter()->IsShown());
  REQUIRE(f->countyFilter()->GetCount() == 3);
  CHECK(f->countyFilter()->GetString(1) == wxString::FromUTF8("芦溪县（360323）"));
  CHECK(f->countyFilter()->GetString(2) == wxString::FromUTF8("建始县（422822）"));

  f->countyFilter()->SetSelection(2);
  f->ApplyFilter();
  CHECK(w.Rows() == 32);
  for (const auto& r : f->model().rows()) CHECK(r.summary.project.countyCode == "422822");
  CHECK(f->GetStatusBar()->GetStatusText(0).StartsWith(wxString::FromUTF8("显示 32 / 共 51 个项目")));
  sb::test::SaveScreenshot(f, "county_filter");
  f->countyFilter()->SetSelection(1);
  f->ApplyFilter();
  CHECK(w.Rows() == 19);
  // Selecting a project of the other county clears the filter that hides it.
  sb::Id js = 0;
  for (const auto& p : f->portfolio().projects)
    if (p.code == "JS2019-01") js = p.id;
  f->SelectProject(js);
  CHECK(f->countyFilter()->GetSelection() == 0);
  CHECK(w.Rows() == 51);

  // The overview: one line per county, the county's own project count and budget.
  auto* list = f->overviewPanel()->countyList();
  REQUIRE(list->IsShown());
  REQUIRE(list->GetItemCount() == 2);
  CHECK(list->GetTextValue(0, 0) == wxString::FromUTF8("芦溪县"));
  CHECK(list->GetTextValue(0, 2) == "19");
  CHECK(list->GetTextValue(0, 3) == "51,870.00");
  CHECK(list->GetTextValue(1, 0) == wxString::FromUTF8("建始县"));
  CHECK(list->GetTextValue(1, 2) == "32");
  CHECK(list->GetTextValue(1, 3) == "4,699.00");
  f->book()->SetSelection(sb::ui::MainFrame::kOverviewTab);
  sb::test::SaveScreenshot(f, "county_overview");
}
