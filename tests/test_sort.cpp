// Sorting the lists by clicking their headers, as a user does: real mouse clicks through
// the X server (wxUIActionSimulator), then the order GTK shows is read back and checked
// against the values the user sees in the cells.
#include <doctest/doctest.h>
#include <wx/dataview.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/uiaction.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gui_util.h"
#include "storage/repository.h"
#include "ui/list_util.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/units.h"
#include "ui/warnings_panel.h"

namespace fs = std::filesystem;
using sb::ui::ProjectListModel;

namespace {

// The main window on a fresh demo database, "today" pinned as in test_ui.cpp.
struct SortWindow {
  std::string path;
  sb::ui::MainFrame* frame = nullptr;
  explicit SortWindow(const std::string& name) {
    fs::path p = fs::temp_directory_path() / ("sb_gui_sort_" + name + "_" + std::to_string(getpid()) + ".db");
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
    sb::storage::LoadDemo(*sb::storage::Database::Open(p.string(), sb::storage::OpenMode::Create));
    path = p.string();
    sb::ui::SetDisplayUnit(sb::MoneyUnit::Wan);
    frame = new sb::ui::MainFrame();
    frame->SetAsOf(sb::Date(2026, 11, 23));
    frame->SetDatabase(sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist));
    frame->Show();
    frame->Raise();
    sb::test::Pump();
  }
  ~SortWindow() {
    frame->Destroy();
    sb::test::Pump(3);
  }
  sb::Id ProjectId(const std::string& code) const {
    for (const auto& p : frame->portfolio().projects)
      if (p.code == code) return p.id;
    FAIL("no project " << code);
    return 0;
  }
};

// Clicks the middle of a column's header with the real mouse, as a user would, then lets
// GTK handle the click. Far apart enough in time that two clicks are never a double click.
void ClickHeader(wxDataViewCtrl* list, unsigned int viewColumn) {
  wxDataViewColumn* col = list->GetColumn(viewColumn);
  REQUIRE(col);
  wxRect cell;
  if (wxDataViewItem top = list->GetTopItem(); top.IsOk()) cell = list->GetItemRect(top, col);
  int x = 0, headerBottom = 0;
  if (cell.height > 0) {
    x = cell.x + cell.width / 2;
    headerBottom = cell.y;  // the top row starts where the header ends
  } else {
    for (unsigned int i = 0; i < viewColumn; ++i) x += list->GetColumn(i)->GetWidth();
    x += col->GetWidth() / 2;
  }
  int y = std::max(list->FromDIP(6), headerBottom / 2);
  REQUIRE(x < list->GetClientSize().x);  // on screen: nothing here scrolls sideways
  wxUIActionSimulator sim;
  sim.MouseMove(list->ClientToScreen(wxPoint(x, y)));
  sb::test::Pump(3);
  sim.MouseClick();
  sb::test::Pump(25);
}

// GTK shows a wxDataViewListCtrl's rows in its own order (the store keeps the order they
// were added in). wx has no call for it, and GTK's headers are not installed, but GTK is
// loaded: its tree model answers, through three of its functions looked up by name.
struct GtkIter {
  int stamp;
  void *userData, *userData2, *userData3;
};
std::vector<wxDataViewItem> ShownItems(wxDataViewCtrl* list) {
  using GetModel = void* (*)(void*);
  using CountChildren = int (*)(void*, GtkIter*);
  using NthChild = int (*)(void*, GtkIter*, GtkIter*, int);
  static auto getModel = reinterpret_cast<GetModel>(dlsym(RTLD_DEFAULT, "gtk_tree_view_get_model"));
  static auto count = reinterpret_cast<CountChildren>(dlsym(RTLD_DEFAULT, "gtk_tree_model_iter_n_children"));
  static auto nth = reinterpret_cast<NthChild>(dlsym(RTLD_DEFAULT, "gtk_tree_model_iter_nth_child"));
  REQUIRE((getModel && count && nth));
  void* model = getModel(list->GtkGetTreeView());
  REQUIRE(model);
  std::vector<wxDataViewItem> items;
  for (int i = 0, n = count(model, nullptr); i < n; ++i) {
    GtkIter it{};
    REQUIRE(nth(model, &it, nullptr, i));
    items.push_back(wxDataViewItem(it.userData));  // wx keeps its item there
  }
  return items;
}

std::vector<int> ShownRows(wxDataViewListCtrl* list) {
  std::vector<int> rows;
  for (const auto& item : ShownItems(list)) rows.push_back(list->ItemToRow(item));
  REQUIRE(rows.size() == static_cast<size_t>(list->GetItemCount()));
  return rows;
}

std::vector<std::string> ShownColumn(wxDataViewListCtrl* list, unsigned int col) {
  std::vector<std::string> texts;
  for (int r : ShownRows(list)) texts.push_back(sb::ui::ToStd(list->GetTextValue(r, col)));
  return texts;
}

// What a cell says, read back from its text the way the user reads it.
enum class Kind { Text, Money, Date, Number };
struct Value {
  bool empty = true;
  int64_t number = 0;
  std::string text;
};
Value Read(const std::string& shown, Kind kind) {
  Value v;
  v.empty = shown.empty();
  v.text = shown;
  if (v.empty) return v;
  switch (kind) {
    case Kind::Text: break;
    case Kind::Money: v.number = sb::Money::Parse(shown, sb::MoneyUnit::Wan).fen(); break;
    case Kind::Date: v.number = boost::gregorian::from_simple_string(shown).day_number(); break;
    case Kind::Number: {  // "12", "93.5", "12.5%": in tenths when there is one decimal
      std::string digits;
      for (char c : shown)
        if ((c >= '0' && c <= '9') || c == '-') digits += c;
      v.number = std::stoll(digits);
      break;
    }
  }
  return v;
}
// a ≤ b in the order asked for; empty values last in both directions.
bool InOrder(const Value& a, const Value& b, bool ascending) {
  if (a.empty || b.empty) return b.empty;
  if (a.number != b.number) return ascending ? a.number < b.number : a.number > b.number;
  return a.text == b.text || (ascending ? a.text < b.text : a.text > b.text);
}

// Every pair of neighbouring rows in order; says where it is not.
void CheckOrdered(const std::vector<Value>& values, bool ascending, const std::string& what) {
  for (size_t i = 1; i < values.size(); ++i) {
    std::string where = what + (ascending ? " ascending" : " descending") + ", rows " + std::to_string(i - 1) +
                        "/" + std::to_string(i) + ": \"" + values[i - 1].text + "\" then \"" + values[i].text + "\"";
    INFO(where);
    CHECK(InOrder(values[i - 1], values[i], ascending));
  }
}

std::vector<Value> Read(const std::vector<std::string>& texts, Kind kind) {
  std::vector<Value> values;
  for (const auto& t : texts) values.push_back(Read(t, kind));
  return values;
}

// Sorts a list by one column with two header clicks and checks both directions.
void CheckSortsBy(wxDataViewListCtrl* list, unsigned int col, Kind kind) {
  std::string title = sb::ui::ToStd(list->GetColumn(col)->GetTitle());
  ClickHeader(list, col);
  REQUIRE(list->GetColumn(col)->IsSortKey());
  CHECK(list->GetColumn(col)->IsSortOrderAscending());
  CheckOrdered(Read(ShownColumn(list, col), kind), true, title);
  ClickHeader(list, col);
  CHECK_FALSE(list->GetColumn(col)->IsSortOrderAscending());
  CheckOrdered(Read(ShownColumn(list, col), kind), false, title);
}

template <class T>
std::vector<T*> ChildrenOf(wxWindow* parent) {
  std::vector<T*> found;
  for (wxWindow* w : parent->GetChildren())
    if (auto* t = dynamic_cast<T*>(w)) found.push_back(t);
  return found;
}

// The project list: what each column shows, read as the user reads it. Stage and status
// are choices: the user expects them in their domain order, which the row knows.
Value ProjectValue(ProjectListModel& m, unsigned int row, unsigned int col) {
  wxVariant v;
  m.GetValueByRow(v, row, col);
  const sb::ui::ProjectRow& r = m.rows()[row];
  switch (col) {
    case ProjectListModel::kWarnings: {
      wxDataViewIconText it;
      it << v;
      return Read(sb::ui::ToStd(it.GetText()), Kind::Number);
    }
    case ProjectListModel::kPercent: return Read(std::to_string(v.GetLong()), Kind::Number);
    case ProjectListModel::kStage: {
      Value s = Read(sb::ui::ToStd(v.GetString()), Kind::Text);
      s.number = static_cast<int64_t>(r.summary.project.stage);
      return s;
    }
    case ProjectListModel::kStatus: {
      Value s = Read(sb::ui::ToStd(v.GetString()), Kind::Text);
      s.number = static_cast<int64_t>(r.summary.project.status);
      return s;
    }
    case ProjectListModel::kBudget: case ProjectListModel::kCommitted: case ProjectListModel::kReceived:
    case ProjectListModel::kPaid: case ProjectListModel::kGap:
      return Read(sb::ui::ToStd(v.GetString()), Kind::Money);
    case ProjectListModel::kPaidRatio: return Read(sb::ui::ToStd(v.GetString()), Kind::Number);
    default: return Read(sb::ui::ToStd(v.GetString()), Kind::Text);
  }
}

std::vector<Value> ProjectColumn(sb::ui::MainFrame* f, unsigned int col) {
  std::vector<Value> values;
  for (unsigned int r = 0; r < f->model().rows().size(); ++r) values.push_back(ProjectValue(f->model(), r, col));
  return values;
}

wxDataViewColumn* ColumnShowing(wxDataViewCtrl* list, unsigned int modelColumn) {
  for (unsigned int i = 0; i < list->GetColumnCount(); ++i)
    if (list->GetColumn(i)->GetModelColumn() == modelColumn) return list->GetColumn(i);
  FAIL("no column shows model column " << modelColumn);
  return nullptr;
}

unsigned int IndexOf(wxDataViewCtrl* list, wxDataViewColumn* col) {
  return static_cast<unsigned int>(list->GetColumnPosition(col));
}

sb::Id SelectedProject(sb::ui::MainFrame* f) {
  const sb::ui::ProjectRow* r = f->model().RowAt(f->list()->GetSelection());
  return r ? r->summary.project.id : 0;
}

}  // namespace

TEST_CASE("sort: cells compare by value, text by code point, empty cells last both ways") {
  using sb::ui::CompareCells;
  using sb::ui::ListCell;
  sb::ui::SetDisplayUnit(sb::MoneyUnit::Wan);
  ListCell big(sb::Money::FromFen(9'800'000'000)), small(sb::Money::FromFen(644'916'400));
  CHECK(big.text == "9,800.00");
  CHECK(small.text == "644.9164");
  CHECK(CompareCells(small, big, true) < 0);  // as text "9,800.00" < "644.9164" would be wrong
  CHECK(CompareCells(small, big, false) > 0);
  ListCell none(std::optional<sb::Money>{});
  CHECK(none.text.empty());
  CHECK(CompareCells(none, small, true) > 0);
  CHECK(CompareCells(none, small, false) > 0);  // empty stays last when descending too
  CHECK(CompareCells(ListCell::SortedBy("9%", 90), ListCell::SortedBy("12%", 120), true) < 0);
  CHECK(CompareCells(ListCell(sb::Date(2025, 12, 1)), ListCell(sb::Date(2026, 1, 5)), true) < 0);
  CHECK(CompareCells(ListCell::Count(9), ListCell::Count(10), true) < 0);
  // Text by code point, the same on every machine: Latin, then 上 U+4E0A, 芦 U+82A6, 银 U+94F6.
  CHECK(CompareCells(ListCell("LX2025-01"), ListCell("上埠镇"), true) < 0);
  CHECK(CompareCells(ListCell("上埠镇"), ListCell("芦溪镇"), true) < 0);
  CHECK(CompareCells(ListCell("芦溪镇"), ListCell("银河镇"), true) < 0);
  CHECK(CompareCells(ListCell("银河镇"), ListCell("芦溪镇"), false) < 0);
}

TEST_CASE("sort: every column of the project list reorders the rows by value") {
  SortWindow w("projects");
  auto* f = w.frame;
  wxDataViewCtrl* list = f->list();
  REQUIRE(f->model().rows().size() == 19);
  // A project in the middle of code order, shown below: it must stay selected and shown.
  sb::Id chosen = w.ProjectId("LX2025-08");
  f->SelectProject(chosen);
  sb::test::Pump();
  REQUIRE(f->projectPanel()->projectId() == chosen);
  // The columns are wider than the screen: narrow 项目名称 so that every header is on it.
  wxDataViewColumn* nameColumn = ColumnShowing(list, ProjectListModel::kName);
  const int nameWidth = nameColumn->GetWidth();
  int total = 0;
  for (unsigned int i = 0; i < list->GetColumnCount(); ++i) total += list->GetColumn(i)->GetWidth();
  if (int excess = total - list->GetClientSize().x + list->FromDIP(20); excess > 0)
    nameColumn->SetWidth(nameWidth - excess);
  sb::test::Pump(5);

  for (unsigned int i = 0; i < list->GetColumnCount(); ++i) {
    wxDataViewColumn* col = list->GetColumn(i);
    unsigned int mc = col->GetModelColumn();
    std::string title = sb::ui::ToStd(col->GetTitle());
    CAPTURE(title);
    ClickHeader(list, i);
    REQUIRE(col->IsSortKey());
    CHECK(col->IsSortOrderAscending());
    CHECK(f->model().sortColumn() == static_cast<int>(mc));
    CheckOrdered(ProjectColumn(f, mc), true, title);
    CHECK(SelectedProject(f) == chosen);
    CHECK(f->projectPanel()->projectId() == chosen);

    ClickHeader(list, i);
    CHECK(col->IsSortKey());
    CHECK_FALSE(col->IsSortOrderAscending());
    CheckOrdered(ProjectColumn(f, mc), false, title);
    CHECK(SelectedProject(f) == chosen);
    CHECK(f->projectPanel()->projectId() == chosen);
    for (unsigned int j = 0; j < list->GetColumnCount(); ++j)
      if (j != i) CHECK_FALSE(list->GetColumn(j)->IsSortKey());  // one arrow only
  }

  // 概算 as the user sees it, descending: 9,800.00 first, above 980.00 (as text, "980.00"
  // would come first).
  auto& m = f->model();
  wxDataViewColumn* budget = ColumnShowing(list, ProjectListModel::kBudget);
  ClickHeader(list, IndexOf(list, budget));
  ClickHeader(list, IndexOf(list, budget));
  REQUIRE(budget->IsSortKey());
  REQUIRE_FALSE(budget->IsSortOrderAscending());
  std::vector<std::string> budgets;
  for (unsigned int r = 0; r < m.rows().size(); ++r) {
    wxVariant v;
    m.GetValueByRow(v, r, ProjectListModel::kBudget);
    budgets.push_back(sb::ui::ToStd(v.GetString()));
  }
  CHECK(budgets.front() == "9,800.00");
  auto at = [&](const std::string& b) { return std::find(budgets.begin(), budgets.end(), b) - budgets.begin(); };
  CHECK(at("9,800.00") < at("980.00"));
  CHECK(f->projectPanel()->projectId() == chosen);
  // The list shows the model's rows top to bottom, in the model's order.
  std::vector<wxDataViewItem> shown = ShownItems(list);
  REQUIRE(shown.size() == m.rows().size());
  for (unsigned int r = 0; r < shown.size(); ++r) CHECK(m.GetRow(shown[r]) == r);
  nameColumn->SetWidth(nameWidth);
  list->EnsureVisible(m.GetItem(0));
  list->SetFocus();
  wxUIActionSimulator().MouseMove(f->GetStatusBar()->GetScreenRect().GetRight(),
                                  f->GetStatusBar()->GetScreenRect().GetBottom());  // no hover highlight
  sb::test::SaveScreenshot(f, "sort_projects_budget_descending");
}

TEST_CASE("sort: the project list stays sorted by the chosen column when its rows are reloaded") {
  SortWindow w("reload");
  auto* f = w.frame;
  wxDataViewCtrl* list = f->list();
  wxDataViewColumn* paid = ColumnShowing(list, ProjectListModel::kPaid);
  sb::Id chosen = w.ProjectId("LX2025-03");
  f->SelectProject(chosen);
  ClickHeader(list, IndexOf(list, paid));
  ClickHeader(list, IndexOf(list, paid));  // 已拨付, largest first
  REQUIRE_FALSE(paid->IsSortOrderAscending());

  f->searchBox()->SetValue("LX2025");  // the filter refills the rows
  sb::test::Pump(3);
  CHECK(f->model().rows().size() < 19);
  CheckOrdered(ProjectColumn(f, ProjectListModel::kPaid), false, "已拨付 after filtering");
  f->searchBox()->SetValue("");
  sb::test::Pump(3);
  f->Reload();  // everything read again from the database
  sb::test::Pump(3);
  REQUIRE(f->model().rows().size() == 19);
  CheckOrdered(ProjectColumn(f, ProjectListModel::kPaid), false, "已拨付 after reloading");
  CHECK(paid->IsSortKey());
  CHECK_FALSE(paid->IsSortOrderAscending());
  CHECK(SelectedProject(f) == chosen);
  CHECK(f->projectPanel()->projectId() == chosen);
}

TEST_CASE("sort: the warnings list sorts amounts by value and keeps the selected finding") {
  SortWindow w("warnings");
  auto* f = w.frame;
  f->book()->SetSelection(sb::ui::MainFrame::kWarningsTab);
  sb::test::Pump();
  auto lists = ChildrenOf<wxDataViewListCtrl>(f->warningsPanel());
  REQUIRE(lists.size() == 1);
  wxDataViewListCtrl* list = lists[0];
  REQUIRE(list->GetItemCount() > 5);
  f->warningsPanel()->SelectShown(3);
  wxUIntPtr selected = sb::ui::SelectedData(list);
  wxString detail = f->warningsPanel()->DetailText();
  REQUIRE(selected != 0);

  CheckSortsBy(list, 4, Kind::Money);  // 金额: empty amounts last both ways
  std::vector<std::string> amounts = ShownColumn(list, 4);
  CHECK(amounts.back().empty());
  CHECK(sb::ui::SelectedData(list) == selected);
  CHECK(f->warningsPanel()->DetailText() == detail);

  // 级别 in severity order (严重, 一般, 提示), not in the characters' order.
  ClickHeader(list, 0);
  std::vector<std::string> levels = ShownColumn(list, 0);
  auto rank = [](const std::string& s) {
    return s == sb::ui::TRs("严重") ? 0 : s == sb::ui::TRs("一般") ? 1 : 2;
  };
  for (size_t i = 1; i < levels.size(); ++i) CHECK(rank(levels[i - 1]) <= rank(levels[i]));
  CheckSortsBy(list, 1, Kind::Text);  // 项目编号
  CHECK(sb::ui::SelectedData(list) == selected);

  // Changing the filter refills the list: still sorted by 项目编号, descending.
  f->warningsPanel()->SetFindings(f->findings());
  sb::test::Pump(3);
  CheckOrdered(Read(ShownColumn(list, 1), Kind::Text), false, "项目编号 after refilling");
  sb::test::SaveScreenshot(f, "sort_warnings");
}

TEST_CASE("sort: the project panel's payments, contracts and procedures sort money and dates by value") {
  SortWindow w("panel");
  auto* f = w.frame;
  sb::Id id = w.ProjectId("LX2025-01");
  f->SelectProject(id);
  auto* panel = f->projectPanel();
  panel->SetSelection(sb::ui::ProjectPanel::kContracts);
  sb::test::Pump();
  auto lists = ChildrenOf<wxDataViewListCtrl>(panel->GetPage(sb::ui::ProjectPanel::kContracts));
  REQUIRE(lists.size() == 2);
  wxDataViewListCtrl *contracts = lists[0], *payments = lists[1];
  REQUIRE(payments->GetItemCount() >= 5);

  // 金额: 1,008.00 is larger than 176.40 (as text it would sort first).
  payments->SelectRow(2);
  wxUIntPtr selected = sb::ui::SelectedData(payments);
  CheckSortsBy(payments, 2, Kind::Money);
  CHECK(sb::ui::SelectedData(payments) == selected);
  CheckSortsBy(payments, 0, Kind::Date);  // 拨付日期
  CheckSortsBy(payments, 1, Kind::Text);  // 凭证号
  CheckSortsBy(contracts, 3, Kind::Money);  // 合同金额
  CheckSortsBy(contracts, 4, Kind::Money);  // 已付
  CheckSortsBy(contracts, 5, Kind::Number);  // 已付比例
  CheckSortsBy(contracts, 8, Kind::Date);  // 签订日期
  sb::test::SaveScreenshot(f, "sort_contracts");

  // Another project and back: the lists are refilled, and stay sorted (签订日期, descending).
  f->SelectProject(w.ProjectId("LX2025-02"));
  sb::test::Pump(3);
  CheckOrdered(Read(ShownColumn(contracts, 8), Kind::Date), false, "签订日期 of LX2025-02");
  f->SelectProject(id);
  sb::test::Pump(3);
  CheckOrdered(Read(ShownColumn(contracts, 8), Kind::Date), false, "签订日期 of LX2025-01");

  panel->SetSelection(sb::ui::ProjectPanel::kProcedures);
  sb::test::Pump();
  auto steps = ChildrenOf<wxDataViewListCtrl>(panel->GetPage(sb::ui::ProjectPanel::kProcedures));
  REQUIRE(steps.size() == 1);
  REQUIRE(steps[0]->GetItemCount() >= 10);
  CheckSortsBy(steps[0], 0, Kind::Number);  // 序: 10 after 9
  CheckSortsBy(steps[0], 4, Kind::Date);  // 计划日期, steps without one last
  CheckSortsBy(steps[0], 5, Kind::Date);  // 完成日期
  CheckSortsBy(steps[0], 1, Kind::Text);  // 手续

  // 合计 stays below the categories however the coverage list is sorted.
  panel->SetSelection(sb::ui::ProjectPanel::kFunds);
  sb::test::Pump();
  auto funds = ChildrenOf<wxDataViewListCtrl>(panel->GetPage(sb::ui::ProjectPanel::kFunds));
  REQUIRE(funds.size() == 3);
  wxDataViewListCtrl* coverage = funds[0];
  REQUIRE(coverage->GetItemCount() > 2);
  for (int clicks = 0; clicks < 2; ++clicks) {
    ClickHeader(coverage, 1);
    std::vector<std::string> names = ShownColumn(coverage, 0);
    CHECK(names.back() == sb::ui::TRs("合计"));
    names.pop_back();
    std::vector<std::string> budgets = ShownColumn(coverage, 1);
    budgets.pop_back();
    CheckOrdered(Read(budgets, Kind::Money), clicks == 0, "概算 of the coverage");
  }
}
