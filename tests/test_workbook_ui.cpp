// File → 导入 of an Excel ledger in the window (issue 15): the mapping is shown before
// anything is written, then all or nothing.
#include <doctest/doctest.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/grid.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <fstream>

#include "app/import.h"
#include "gui_util.h"
#include "storage/repository.h"
#include "test_support.h"
#include "ui/dialog_classes.h"
#include "ui/exchange_ui.h"

using namespace sb;

namespace {

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Answers every message box at once, keeping what it was told.
struct QuietPrompter : ui::Prompter {
  std::vector<wxString> infos, errors;
  ui::Prompter* previous;
  QuietPrompter() { previous = ui::SetPrompter(this); }
  ~QuietPrompter() override { ui::SetPrompter(previous); }
  void Error(wxWindow*, const wxString& m, const wxString& d) override { errors.push_back(m + "\n" + d); }
  bool Confirm(wxWindow*, const wxString&, const wxString&) override { return true; }
  void Info(wxWindow*, const wxString& m, const wxString& d) override { infos.push_back(m + "\n" + d); }
};

void Texts(wxWindow* w, std::vector<wxString>& out) {
  if (auto* t = dynamic_cast<wxStaticText*>(w)) out.push_back(t->GetLabel());
  if (auto* e = dynamic_cast<wxTextCtrl*>(w)) out.push_back(e->GetValue());
  if (auto* g = dynamic_cast<wxGrid*>(w))
    for (int r = 0; r < g->GetNumberRows(); ++r) out.push_back("grid: " + g->GetCellValue(r, 1) + " → " + g->GetCellValue(r, 2));
  for (wxWindow* c : w->GetChildren()) Texts(c, out);
}

}  // namespace

TEST_CASE("workbook import window: the mapping and counts are shown before anything is written, then all of it goes in") {
  test::TempDir dir("sb_workbook_ui");
  auto db = storage::Database::Open(dir.Path("county.db"), storage::OpenMode::Create);
  app::Session session(*db);
  Write(dir.Path("projects.csv"),
        "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,建筑面积(㎡),计划开工,计划竣工,状态\n"
        "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,3250,2025-03-01,2027-02-28,在建\n"
        "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,2860,2025-04-01,2027-03-31,在建\n"
        "P-03,宣风中心幼儿园,宣风中心幼儿园,宣风镇,学前教育,幼儿园,新建,1200,2025-04-01,2026-12-31,在建\n"
        "P-04,宣风中心幼儿园,宣风镇中心小学,宣风镇,学前教育,幼儿园,改扩建,800,2025-04-01,2026-12-31,在建\n");
  Write(dir.Path("sources.csv"),
        "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\n"
        "ZJ-01,教育扶贫贷款,政策性贷款,2025,30000,芦府字〔2025〕12号,征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费\n"
        "ZJ-02,中央预算内投资,中央预算内投资,2025,2400,发改投资〔2025〕88号,建安工程、设备购置\n");
  Write(dir.Path("contracts.csv"),
        "合同编号,项目编号,合同类型,乙方,合同金额(万元),签订日期,预付款比例(%),质保金比例(%)\n"
        "HT-01,P-01,施工,萍乡市城建集团有限公司,6240,2025-02-26,20,3\n"
        "HT-02,P-02,施工,江西中恒建设集团有限公司,5472,2025-03-20,20,3\n"
        "HT-03,P-01,监理,江西华杰工程监理有限公司,120,2025-02-20,0,0\n");
  REQUIRE(app::Import(session, {dir.Path("projects.csv"), dir.Path("sources.csv"), dir.Path("contracts.csv")})
              .result.committed);

  QuietPrompter prompter;
  size_t paymentsWhileShown = 99;
  std::vector<wxString> shown, others;
  wxString sheet;
  bool seen = false;
  wxTimer timer;
  timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    for (wxWindow* w : wxTopLevelWindows) {
      auto* dlg = dynamic_cast<wxDialog*>(w);
      if (!dlg || !dlg->IsModal()) continue;
      if (dlg->GetTitle() != wxString::FromUTF8("导入 Excel 台账") || seen) {
        // Anything else modal (a result list) is noted and closed: the test must not hang.
        others.push_back(dlg->GetTitle());
        Texts(dlg, others);
        dlg->EndModal(wxID_CANCEL);
        continue;
      }
      seen = true;
      paymentsWhileShown = storage::LoadPortfolio(*db).payments.size();
      Texts(dlg, shown);
      for (wxWindow* c : dlg->GetChildren())
        if (auto* choice = dynamic_cast<wxChoice*>(c); choice && sheet.empty()) sheet = choice->GetStringSelection();
      dlg->EndModal(wxID_OK);
    }
  });
  timer.Start(300);
  bool written = ui::ImportWorkbookInteractive(nullptr, session, std::string(SB_TEST_DATA) + "/xlsx/拨付台账.xls");
  timer.Stop();
  REQUIRE(seen);
  CHECK(paymentsWhileShown == 0);  // nothing written while the mapping is on screen
  bool counted = false;
  for (const auto& t : shown) counted = counted || t.Contains(wxString::FromUTF8("将新增 3 行"));
  CHECK_MESSAGE(counted, "the dialog says how many rows it will add");
  bool amountMapped = false;  // each column → field: the ledger's 金额 is the payment's amount
  for (const auto& t : shown) amountMapped = amountMapped || (t.StartsWith("grid: ") && t.Contains(wxString::FromUTF8("金额(万元)")));
  CHECK(amountMapped);
  CHECK_FALSE(sheet.empty());
  CHECK(written);
  auto payments = storage::LoadPortfolio(*db).payments;
  REQUIRE(payments.size() == 3);
  CHECK(payments[0].amount.fen() == 356782300);  // 356.7823万元, shown in the ledger as 356.78
  CHECK(prompter.errors.empty());
  // Afterwards the clerk reads what went in and what it raised.
  bool done = false, raised = false;
  for (const auto& o : others) {
    done = done || o == wxString::FromUTF8("导入完成");
    raised = raised || o.Contains(wxString::FromUTF8("新增 3 行"));
  }
  CHECK(done);
  CHECK(raised);
}
