// The editing dialogs, driven as a clerk would: fill the form, press OK (Save()), and
// look at the database. Refused input must leave the database exactly as it was.
#include <doctest/doctest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>
#include <wx/uiaction.h>
#include <wx/srchctrl.h>
#include <wx/xrc/xmlres.h>

#include <filesystem>

#include <fstream>

#include "app/actions.h"
#include "app/audit.h"
#include "app/import.h"
#include "gui_util.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/dialogs.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/wxutil.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::ui::U8;

namespace {

std::string NewDemoDb(const std::string& name) {
  fs::path p = fs::temp_directory_path() /
               ("sb_dialogs_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = storage::Database::Open(p.string(), storage::OpenMode::Create);
  storage::LoadDemo(*db);
  return p.string();
}

/// Answers confirmations without a modal box and remembers what was said.
struct TestPrompter : ui::Prompter {
  bool answer = true;
  int confirms = 0;
  /// Every confirmation asked, question and detail, in order.
  std::vector<wxString> questions, details;
  std::vector<wxString> errors, infos;
  ui::Prompter* previous;
  TestPrompter() { previous = ui::SetPrompter(this); }
  ~TestPrompter() override { ui::SetPrompter(previous); }
  void Error(wxWindow*, const wxString& m, const wxString& d) override { errors.push_back(m + "\n" + d); }
  int noAt = 0;  ///< answer "no" to this confirmation (1-based), "answer" to the others
  bool Confirm(wxWindow*, const wxString& q, const wxString& d) override {
    ++confirms;
    questions.push_back(q);
    details.push_back(d);
    return confirms == noAt ? false : answer;
  }
  void Info(wxWindow*, const wxString& m, const wxString&) override { infos.push_back(m); }
};

/// Everything a refused save could have touched, counted and summed.
struct DbState {
  size_t projects, budget, sources, allocations, receipts, steps, progress, contracts, payments;
  int64_t budgetFen = 0, allocFen = 0, receiptFen = 0, paidFen = 0;
  bool operator==(const DbState&) const = default;
};
DbState State(storage::Database& db) {
  Portfolio p = storage::LoadPortfolio(db);
  DbState s{p.projects.size(), p.budgetLines.size(), p.sources.size(), p.allocations.size(),
            p.receipts.size(), p.procedureSteps.size(), p.progress.size(), p.contracts.size(),
            p.payments.size()};
  for (auto& b : p.budgetLines) s.budgetFen += b.amount.fen();
  for (auto& a : p.allocations) s.allocFen += a.amount.fen();
  for (auto& r : p.receipts) s.receiptFen += r.amount.fen();
  for (auto& x : p.payments) s.paidFen += x.amount.fen();
  return s;
}

void Type(ui::EditDialog& d, const char* ctrl, const char* text) { d.Text(ctrl)->SetValue(U8(text)); }

/// Picks the entry of a wxChoice that starts with `text`, as a click would (with the event).
void Pick(ui::EditDialog& d, const char* ctrl, const char* text) {
  wxChoice* c = d.Choice(ctrl);
  int found = wxNOT_FOUND;
  for (unsigned i = 0; i < c->GetCount(); ++i)
    if (c->GetString(i).StartsWith(U8(text))) {
      found = static_cast<int>(i);
      break;
    }
  REQUIRE_MESSAGE(found != wxNOT_FOUND, text);
  c->SetSelection(found);
  wxCommandEvent ev(wxEVT_CHOICE, c->GetId());
  ev.SetEventObject(c);
  ev.SetInt(found);
  c->ProcessWindowEvent(ev);
}

bool Has(const wxString& s, const char* part) { return s.Contains(U8(part)); }

const ProjectSummary& Summary(storage::Database& db, const std::string& code,
                              std::vector<ProjectSummary>& keep) {
  keep = storage::ProjectSummaries(db);
  for (auto& s : keep)
    if (s.project.code == code) return s;
  FAIL("project not in the list: " << code);
  return keep.front();
}

Money Wan(const char* text) { return Money::Parse(text, MoneyUnit::Wan); }

struct Fixture {
  std::string path;
  std::unique_ptr<storage::Database> db;
  app::Session session;  ///< the dialogs write through it, as in the window
  TestPrompter prompter;
  explicit Fixture(const std::string& name)
      : path(NewDemoDb(name)), db(storage::Database::Open(path, storage::OpenMode::MustExist)),
        session(*db) {}
  Project ProjectByCode(const std::string& code) { return *storage::FindProjectByCode(*db, code); }
  FundingSource SourceByCode(const std::string& code) { return *storage::FindSourceByCode(*db, code); }
};

}  // namespace

TEST_CASE("project dialog: a new project saved through the form is in the project list") {
  Fixture f("project");
  Project p;
  ui::ProjectDialog dlg(nullptr, f.session, p);
  Type(dlg, "Code", "LX2027-01");
  Type(dlg, "Name", "芦溪镇中心小学教学楼新建工程");
  Type(dlg, "School", "芦溪镇中心小学");
  XRCCTRL(dlg, "Township", wxComboBox)->ChangeValue(U8("芦溪镇"));
  Pick(dlg, "Status", "前期");
  Pick(dlg, "Stage", "小学");
  Pick(dlg, "Category", "教学楼");
  Pick(dlg, "Nature", "新建");
  Type(dlg, "FloorArea", "4,800.5");
  Type(dlg, "PlannedStart", "2027-03-01");
  Type(dlg, "PlannedFinish", "2028/6/30");
  REQUIRE(dlg.Save());
  CHECK(dlg.refusal().empty());
  CHECK(dlg.project().id > 0);

  std::vector<ProjectSummary> keep;
  const auto& s = Summary(*f.db, "LX2027-01", keep);
  CHECK(s.project.name == "芦溪镇中心小学教学楼新建工程");
  CHECK(s.project.status == ProjectStatus::Preparation);
  CHECK(s.project.floorArea.centi() == 480050);
  CHECK(FormatDate(s.project.plannedFinish) == "2028-06-30");
  CHECK(keep.size() == 20);
}

TEST_CASE("project dialog refuses finish before start, a non-date and a taken code, saving nothing") {
  Fixture f("project_refusals");
  DbState before = State(*f.db);
  auto* dlg = new ui::ProjectDialog(nullptr, f.session, Project{});
  dlg->Show();
  Type(*dlg, "Code", "LX2027-02");
  Type(*dlg, "Name", "新泉乡中学食堂");
  Type(*dlg, "School", "新泉乡中学");
  XRCCTRL(*dlg, "Township", wxComboBox)->ChangeValue(U8("新泉乡"));
  Type(*dlg, "PlannedStart", "2027-09-01");
  Type(*dlg, "PlannedFinish", "2027-03-31");

  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "计划竣工"));
  CHECK(Has(dlg->refusal(), "早于"));
  CHECK(dlg->Text("PlannedFinish")->GetValue() == "2027-03-31");  // what was typed stays
  sb::test::Pump(5);
  CHECK(wxWindow::FindFocus() == dlg->Text("PlannedFinish"));
  sb::test::SaveScreenshot(dlg, "dialog_project_refused");

  Type(*dlg, "PlannedFinish", "2027-02-30");
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "计划竣工"));
  CHECK(Has(dlg->refusal(), "不存在"));

  Type(*dlg, "PlannedFinish", "2028-01-31");
  Type(*dlg, "FloorArea", "一千");
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "建筑面积"));

  Type(*dlg, "FloorArea", "");
  Type(*dlg, "Code", "LX2025-01");  // the demo's first project
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "已存在"));
  CHECK(State(*f.db) == before);

  Type(*dlg, "Code", "LX2027-02");
  CHECK(dlg->Save());
  CHECK(State(*f.db).projects == before.projects + 1);
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("project dialog: a row changed by someone else meanwhile is a conflict, not an overwrite") {
  Fixture f("conflict");
  Project mine = f.ProjectByCode("LX2025-03");
  ui::ProjectDialog dlg(nullptr, f.session, mine);
  CHECK(dlg.Text("Name")->GetValue() == U8("南坑镇中学综合楼建设"));

  Project theirs = mine;  // another clerk saves first
  theirs.note = "另一位同事的修改";
  {
    storage::WriteTransaction tx(*f.db);
    storage::UpdateProject(*f.db, theirs);
    tx.Commit();
  }
  Type(dlg, "Note", "我的修改");
  CHECK_FALSE(dlg.Save());
  REQUIRE(f.prompter.errors.size() == 1);
  CHECK(Has(f.prompter.errors[0], "其他人"));
  CHECK(Has(dlg.refusal(), "已被其他人修改"));
  CHECK(f.ProjectByCode("LX2025-03").note == "另一位同事的修改");
  CHECK(dlg.Text("Note")->GetValue() == U8("我的修改"));
}

TEST_CASE("budget dialog: six categories in 万元, a live total, and the list's budget follows") {
  Fixture f("budget");
  Project p;
  p.code = "LX2027-03";
  p.name = "宣风镇中学学生宿舍";
  p.school = "宣风镇中学";
  p.township = "宣风镇";
  {
    storage::WriteTransaction tx(*f.db);
    storage::InsertProject(*f.db, p);
    tx.Commit();
  }
  auto* dlg = new ui::BudgetDialog(nullptr, f.session, p.id);
  dlg->Show();
  CHECK(dlg->TotalText() == "0.00");
  Type(*dlg, "Amount0", "120.5");
  Type(*dlg, "Amount2", "1,800");
  Type(*dlg, "Amount5", "30万元");
  CHECK(dlg->TotalText() == "1,950.50");

  DbState before = State(*f.db);
  Type(*dlg, "Amount3", "abc");
  CHECK(Has(dlg->TotalText(), "设备购置"));
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "设备购置"));
  CHECK(State(*f.db) == before);

  Type(*dlg, "Amount3", "49.5");
  CHECK(dlg->TotalText() == "2,000.00");
  sb::test::SaveScreenshot(dlg, "dialog_budget");
  REQUIRE(dlg->Save());
  std::vector<ProjectSummary> keep;
  CHECK(Summary(*f.db, "LX2027-03", keep).budget == Wan("2000"));
  CHECK(storage::BudgetLinesByProject(*f.db, p.id).size() == 4);  // empty categories not stored
  dlg->Destroy();

  // Reopened, it shows what is stored; lowering one line updates only that line.
  ui::BudgetDialog again(nullptr, f.session, p.id);
  CHECK(again.Text("Amount2")->GetValue() == "1,800.00");
  CHECK(again.Text("Amount1")->GetValue().empty());
  Type(again, "Amount2", "1700");
  REQUIRE(again.Save());
  CHECK(Summary(*f.db, "LX2027-03", keep).budget == Wan("1900"));
  sb::test::Pump(3);
}

TEST_CASE("source dialog: eligibility defaults to the kind's and can be adjusted") {
  Fixture f("source");
  ui::SourceDialog dlg(nullptr, f.session, FundingSource{});
  dlg.Show();  // showing moves the data to the window (InitDialog): before typing
  Pick(dlg, "Kind", "中央预算内投资");
  CHECK_FALSE(dlg.CheckBox("Eligible0")->GetValue());  // never land
  CHECK(dlg.CheckBox("Eligible2")->GetValue());
  CHECK(dlg.CheckBox("Eligible3")->GetValue());
  Pick(dlg, "Kind", "县级财政");
  for (const char* c : {"Eligible0", "Eligible1", "Eligible2", "Eligible3", "Eligible4", "Eligible5"})
    CHECK(dlg.CheckBox(c)->GetValue());

  Type(dlg, "Code", "ZJ2027-01");
  Type(dlg, "Name", "县级财政配套资金（2027年）");
  Type(dlg, "Year", "2027");
  Type(dlg, "Amount", "2,500");
  for (const char* c : {"Eligible0", "Eligible1", "Eligible2", "Eligible3", "Eligible4", "Eligible5"})
    dlg.CheckBox(c)->SetValue(false);
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "费用类别"));
  Type(dlg, "Year", "二〇二七");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "年度"));
  CHECK(State(*f.db) == before);

  Type(dlg, "Year", "2027");
  Type(dlg, "DocNo", "芦财预〔2027〕1号");
  dlg.CheckBox("Eligible0")->SetValue(true);
  dlg.CheckBox("Eligible2")->SetValue(true);
  sb::test::SaveScreenshot(&dlg, "dialog_source");
  REQUIRE(dlg.Save());
  FundingSource s = f.SourceByCode("ZJ2027-01");
  CHECK(s.kind == "县级财政");
  CHECK(s.amount == Wan("2500"));
  CHECK(s.eligible.Format() == "征地拆迁、建安工程");
  CHECK(s.year == 2027);
}

TEST_CASE("allocation and receipt dialogs: committed and received follow; zero is refused") {
  Fixture f("funds");
  Project p = f.ProjectByCode("LX2026-02");
  FundingSource county = f.SourceByCode("ZJ2026-03");
  std::vector<ProjectSummary> keep;
  Money committed = Summary(*f.db, p.code, keep).committed;
  Money received = Summary(*f.db, p.code, keep).received;

  ui::FundFlowDialog::Row row;
  row.projectId = p.id;
  ui::FundFlowDialog alloc(nullptr, f.session, ui::FundFlowDialog::Kind::Allocation, row);
  alloc.Choice("Source")->SetSelection(wxNOT_FOUND);  // the project's only source was preselected
  CHECK_FALSE(alloc.Save());  // no source chosen
  CHECK(Has(alloc.refusal(), "资金来源"));
  // The 2026 county fund is committed in full: 300 more would be money that does not exist.
  Pick(alloc, "Source", "ZJ2026-03");
  Type(alloc, "Amount", "300");
  Type(alloc, "Date", "2026-07-15");
  DbState untouched = State(*f.db);
  CHECK_FALSE(alloc.Save());
  CHECK(Has(alloc.refusal(), "来源总额 1,500.00 万元，已下达（不含本条）1,500.00 万元，本条 300.00 万元，超出 300.00 万元"));
  CHECK(State(*f.db) == untouched);
  FundingSource older = f.SourceByCode("ZJ2025-07");  // 3,000万, 1,332.848万 committed
  Pick(alloc, "Source", "ZJ2025-07");
  REQUIRE_MESSAGE(alloc.Save(), ui::ToStd(alloc.refusal()));
  CHECK(alloc.row().sourceId == older.id);
  CHECK(Summary(*f.db, p.code, keep).committed == committed + Wan("300"));

  ui::FundFlowDialog receipt(nullptr, f.session, ui::FundFlowDialog::Kind::Receipt, row);
  Pick(receipt, "Source", "ZJ2026-03");
  Type(receipt, "Amount", "0");
  DbState before = State(*f.db);
  CHECK_FALSE(receipt.Save());
  CHECK(Has(receipt.refusal(), "到位金额"));
  CHECK(State(*f.db) == before);
  Type(receipt, "Amount", "120.25");
  REQUIRE(receipt.Save());
  CHECK(Summary(*f.db, p.code, keep).received == received + Wan("120.25"));
}

TEST_CASE("procedure step dialog: 已办结 needs its done date") {
  Fixture f("step");
  Project p = f.ProjectByCode("LX2026-03");
  storage::ProjectFile file = storage::LoadProjectFile(*f.db, p.id);
  ProcedureStep step = file.procedureSteps.back();
  ui::ProcedureStepDialog dlg(nullptr, f.session, step);
  Pick(dlg, "Status", "已办结");
  CHECK(dlg.Text("DoneDate")->IsEnabled());
  Type(dlg, "DoneDate", "");
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "完成日期"));
  CHECK(State(*f.db) == before);
  Type(dlg, "DoneDate", "2026-10-09");
  Type(dlg, "DocNo", "芦财决〔2026〕3号");
  REQUIRE(dlg.Save());
  CHECK(dlg.step().status == StepStatus::Done);
  CHECK(FormatDate(dlg.step().doneDate) == "2026-10-09");

  Pick(dlg, "Status", "办理中");  // a done date only belongs to 已办结: greyed and dropped
  CHECK_FALSE(dlg.Text("DoneDate")->IsEnabled());
  REQUIRE(dlg.Save());
  CHECK_FALSE(dlg.step().doneDate);
}

TEST_CASE("progress dialog: % over 100, two decimals and a fall without a note are refused") {
  Fixture f("progress");
  Project p = f.ProjectByCode("LX2025-03");
  storage::ProjectFile file = storage::LoadProjectFile(*f.db, p.id);
  REQUIRE(!file.progress.empty());
  ProgressEntry last = file.progress.back();
  ProgressEntry next;
  next.projectId = p.id;
  next.month = last.month.Next();

  auto* dlg = new ui::ProgressDialog(nullptr, f.session, next, &last);
  dlg->Show();
  CHECK(Has(XRCCTRL(*dlg, "Previous", wxStaticText)->GetLabel(), last.percent.Format().c_str()));
  // Cumulative figures start from last month's.
  CHECK(dlg->Text("Percent")->GetValue() == U8(last.percent.Format()));
  CHECK(dlg->Text("Invested")->GetValue() == U8(last.invested.FormatWan(2, 6)));
  DbState before = State(*f.db);

  Type(*dlg, "Percent", "100.5");
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "形象进度"));
  CHECK(Has(dlg->refusal(), "100"));
  Type(*dlg, "Percent", "93.55");
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "1位小数"));

  std::string lower = Percent::FromTenths(last.percent.tenths() - 50).Format();
  Type(*dlg, "Percent", lower.c_str());
  Type(*dlg, "Invested", last.invested.FormatWanExact().c_str());
  Type(*dlg, "Problems", "");
  CHECK_FALSE(dlg->Save());
  CHECK(Has(dlg->refusal(), "存在问题"));
  sb::test::Pump(5);
  CHECK(wxWindow::FindFocus() == dlg->Text("Problems"));
  sb::test::SaveScreenshot(dlg, "dialog_progress_refused");
  CHECK(State(*f.db) == before);

  Type(*dlg, "Problems", "三层楼板检测不合格，返工拆除，形象进度核减");
  REQUIRE(dlg->Save());
  CHECK(dlg->entry().percent.Format() == lower);
  CHECK(State(*f.db).progress == before.progress + 1);
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("contract dialog: advance over 30% and retention over 3% are refused") {
  Fixture f("contract");
  Project p = f.ProjectByCode("LX2026-02");
  Contract c;
  c.projectId = p.id;
  ui::ContractDialog dlg(nullptr, f.session, c);
  Type(dlg, "Code", "HT-LX2026-02-SG");
  Pick(dlg, "Kind", "施工");
  Type(dlg, "Counterparty", "萍乡市城建集团有限公司");
  Type(dlg, "Amount", "1,580");
  Type(dlg, "SignedDate", "2026-08-20");
  Type(dlg, "AdvanceRate", "35");
  Type(dlg, "RetentionRate", "3");
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "预付款比例"));
  Type(dlg, "AdvanceRate", "20%");
  Type(dlg, "RetentionRate", "5");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "质保金比例"));
  CHECK(State(*f.db) == before);
  Type(dlg, "RetentionRate", "3");
  REQUIRE(dlg.Save());
  Contract saved = *storage::FindContractByCode(*f.db, "HT-LX2026-02-SG");
  CHECK(saved.advanceRate.basisPoints() == 2000);
  CHECK(saved.retentionRate == Rate::FromBasisPoints(300));
  CHECK(saved.amount == Wan("1580"));
  CHECK(!saved.procurement);
}

TEST_CASE("contract dialog: procurement, award notice, a stated 0% retention and the advance recovery are saved") {
  Fixture f("contract-procurement");
  Project p = f.ProjectByCode("LX2026-02");
  Contract c;
  c.projectId = p.id;
  ui::ContractDialog dlg(nullptr, f.session, c);
  Type(dlg, "Code", "HT-LX2026-02-SG");
  Pick(dlg, "Kind", "施工");
  Type(dlg, "Counterparty", "萍乡市城建集团有限公司");
  Type(dlg, "Amount", "1,580");
  Pick(dlg, "Procurement", "公开招标");
  Type(dlg, "AwardNo", "芦公资交中〔2026〕031号");
  Type(dlg, "AdvanceRate", "10");
  Type(dlg, "RetentionRate", "0");
  Type(dlg, "RecoverFrom", "20");
  Type(dlg, "RecoverTo", "");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "预付款扣回起点和终点要么都填"));
  Type(dlg, "RecoverTo", "80");
  REQUIRE(dlg.Save());
  Contract saved = *storage::FindContractByCode(*f.db, "HT-LX2026-02-SG");
  CHECK(saved.procurement == Procurement::OpenTender);
  CHECK(saved.awardNo == "芦公资交中〔2026〕031号");
  CHECK(saved.retentionRate == Rate());  // stated 0%, not "none stated"
  CHECK(saved.advanceRecoverFrom == Percent::FromTenths(200));
  CHECK(saved.advanceRecoverTo == Percent::FromTenths(800));
  // Reopened, the dialog shows what was saved: 0 stays 0, not empty.
  ui::ContractDialog again(nullptr, f.session, saved);
  CHECK(again.Text("RetentionRate")->GetValue() == "0.00");
  CHECK(again.Choice("Procurement")->GetStringSelection() == wxString::FromUTF8("公开招标"));
}

TEST_CASE("payment dialog: a confirmed payment raises the list's paid total") {
  Fixture f("payment");
  Project p = f.ProjectByCode("LX2025-03");
  Contract works = *storage::FindContractByCode(*f.db, "HT-LX2025-03-SG");
  std::vector<ProjectSummary> keep;
  Money paid = Summary(*f.db, p.code, keep).paid;

  Payment pay;
  pay.projectId = p.id;
  auto* dlg = new ui::PaymentDialog(nullptr, f.session, pay);
  dlg->Show();
  // Only this project's contracts, after 无合同.
  wxChoice* contracts = dlg->Choice("Contract");
  CHECK(contracts->GetCount() == 1 + storage::LoadProjectFile(*f.db, p.id).contracts.size());
  for (unsigned i = 1; i < contracts->GetCount(); ++i)
    CHECK(contracts->GetString(i).StartsWith("HT-LX2025-03-"));
  dlg->SelectContract(works.id);
  CHECK(dlg->Text("Payee")->GetValue() == U8(works.counterparty));
  CHECK(dlg->Choice("Category")->GetStringSelection() == U8("建安工程"));
  Pick(*dlg, "Source", "ZJ2025-07");
  Pick(*dlg, "Kind", "进度款");
  Type(*dlg, "Date", "2026-06-30");
  // A refusal under the amount, longer than its column, is broken into lines between
  // Chinese characters and stays inside the dialog instead of widening it.
  const int width = dlg->GetClientSize().x;
  Type(*dlg, "Amount", "12.3456789");
  wxStaticText* echo = XRCCTRL(*dlg, "AmountEcho", wxStaticText);
  CHECK(Has(echo->GetLabel(), "小数超过6位"));
  CHECK(echo->GetLabel().Freq('\n') >= 1);
  wxString joined = echo->GetLabel();
  joined.Replace("\n", "");
  CHECK(ui::ToStd(joined) == "金额“12.3456789”的小数超过6位（万元的第6位小数即为1分）");
  CHECK(dlg->GetClientSize().x == width);
  CHECK(echo->GetScreenRect().GetRight() < dlg->ClientToScreen(wxPoint(dlg->GetClientSize().x, 0)).x);
  Type(*dlg, "Amount", "85.5");
  Type(*dlg, "Voucher", "记-2026-06-031");
  CHECK(Has(echo->GetLabel(), "855,000.00"));
  sb::test::SaveScreenshot(dlg, "dialog_payment");

  REQUIRE(dlg->Save());
  // Nothing from ZJ2025-07 has arrived for this project: the rules will call this paying
  // beyond received money an error, so the dialog lists it and asks a second time.
  REQUIRE(f.prompter.confirms == 2);
  CHECK(Has(f.prompter.details[0], "保存后将产生以下严重问题"));
  CHECK(Has(f.prompter.details[0], "超到位资金拨付"));
  CHECK(Has(f.prompter.details[0], "“县级财政配套资金”为本项目到位0.00万元，已拨付85.50万元，超出到位资金85.50万元"));
  CHECK(Has(f.prompter.questions[1], "违反资金管理规定"));
  CHECK(dlg->payment().id > 0);
  CHECK(Summary(*f.db, p.code, keep).paid == paid + Wan("85.5"));
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("payment dialog refuses an unreadable amount and a contract of another project; the database is unchanged") {
  Fixture f("payment_refused");
  Project p = f.ProjectByCode("LX2025-03");
  Contract foreign = *storage::FindContractByCode(*f.db, "HT-LX2025-01-SG");
  DbState before = State(*f.db);

  Payment pay;
  pay.projectId = p.id;
  ui::PaymentDialog dlg(nullptr, f.session, pay);
  Pick(dlg, "Source", "ZJ2025-07");
  Type(dlg, "Date", "2026-06-30");
  Type(dlg, "Amount", "abc");
  Type(dlg, "Voucher", "记-2026-06-032");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "拨付金额"));
  CHECK(dlg.Text("Amount")->GetValue() == "abc");
  CHECK(f.prompter.confirms == 0);  // refused before anything is asked
  CHECK(State(*f.db) == before);

  // A contract of another project, preset by a caller: shown as such and refused.
  Payment wrong = pay;
  wrong.contractId = foreign.id;
  ui::PaymentDialog dlg2(nullptr, f.session, wrong);
  CHECK(Has(dlg2.Choice("Contract")->GetStringSelection(), "不属于本项目"));
  Pick(dlg2, "Source", "ZJ2025-07");
  Type(dlg2, "Date", "2026-06-30");
  Type(dlg2, "Amount", "10");
  Type(dlg2, "Voucher", "记-2026-06-033");
  CHECK_FALSE(dlg2.Save());
  CHECK(Has(dlg2.refusal(), "合同"));
  CHECK(Has(dlg2.refusal(), "不属于"));
  CHECK(f.prompter.confirms == 0);
  CHECK(State(*f.db) == before);

  // Declining the confirmation saves nothing and says nothing.
  f.prompter.answer = false;
  Type(dlg, "Amount", "10");
  CHECK_FALSE(dlg.Save());
  CHECK(f.prompter.confirms == 1);
  CHECK(dlg.refusal().empty());
  CHECK(State(*f.db) == before);
}

TEST_CASE("reversal dialog: 红字冲销 nets the payment out, once") {
  Fixture f("reversal");
  Project p = f.ProjectByCode("LX2025-03");
  std::vector<Payment> payments = storage::PaymentsByProject(*f.db, p.id);
  REQUIRE(!payments.empty());
  Payment original = payments.front();
  std::vector<ProjectSummary> keep;
  Money paid = Summary(*f.db, p.code, keep).paid;

  ui::ReversalDialog dlg(nullptr, f.session, original);
  Type(dlg, "Voucher", "记-2026-07-001");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "冲销原因"));
  Type(dlg, "Reason", "收款单位录错");
  Type(dlg, "Date", "2026-07-02");
  REQUIRE(dlg.Save());
  CHECK(dlg.reversalId() > 0);
  CHECK(Summary(*f.db, p.code, keep).paid == paid - original.amount);
  CHECK_THROWS_AS(ui::ReversalDialog(nullptr, f.session, original), sb::Error);
}

TEST_CASE("monthly walker: pre-filled from last month, Enter saves and moves on, a fall needs a note") {
  Fixture f("walker");
  Portfolio pf = storage::LoadPortfolio(*f.db);
  size_t active = 0;
  YearMonth latest = YearMonth(2000, 1);
  for (auto& p : pf.projects)
    if (p.status == ProjectStatus::UnderConstruction || p.status == ProjectStatus::Suspended) ++active;
  for (auto& e : pf.progress) latest = std::max(latest, e.month);
  YearMonth month = latest.Next();

  auto* dlg = new ui::MonthlyProgressDialog(nullptr, f.session, month);
  dlg->Show();
  REQUIRE(dlg->projectCount() == active);
  REQUIRE(dlg->current());
  const Project first = *dlg->current();
  storage::ProjectFile file = storage::LoadProjectFile(*f.db, first.id);
  const ProgressEntry& prev = file.progress.back();
  CHECK(dlg->Text("Percent")->GetValue() == U8(prev.percent.Format()));
  CHECK(dlg->Text("Month")->GetValue() == U8(month.Format()));
  CHECK_FALSE(dlg->Text("Month")->IsEnabled());
  sb::test::SaveScreenshot(dlg, "dialog_monthly_walker");

  REQUIRE(dlg->AcceptCurrent());  // unchanged: one Enter
  CHECK(dlg->saved() == 1);
  CHECK(dlg->position() == 1);

  const Project* second = dlg->current();
  storage::ProjectFile file2 = storage::LoadProjectFile(*f.db, second->id);
  Percent was = file2.progress.back().percent;
  REQUIRE(was.tenths() >= 10);
  Type(*dlg, "Percent", Percent::FromTenths(was.tenths() - 10).Format().c_str());
  Type(*dlg, "Problems", "");
  DbState before = State(*f.db);
  CHECK_FALSE(dlg->AcceptCurrent());
  CHECK(Has(dlg->refusal(), "存在问题"));
  CHECK(dlg->position() == 1);
  CHECK(State(*f.db) == before);

  dlg->SkipCurrent();
  CHECK(dlg->position() == 2);
  CHECK(dlg->saved() == 1);
  dlg->Destroy();
  sb::test::Pump(3);

  // What the first Enter stored is last month's values for this month.
  storage::ProjectFile after = storage::LoadProjectFile(*f.db, first.id);
  CHECK(after.progress.back().month == month);
  CHECK(after.progress.back().percent == prev.percent);
  CHECK(after.progress.back().invested == prev.invested);
}

TEST_CASE("RecordMonthlyProgress from the keyboard: Enter, Enter, Esc saves two projects") {
  Fixture f("walker_keys");
  YearMonth month(2027, 1);
  int steps = 0;
  wxTimer timer;
  // Each tick plays one key into the modal dialog, as a clerk would.
  timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    wxUIActionSimulator sim;
    auto* dlg = dynamic_cast<ui::MonthlyProgressDialog*>(wxGetActiveWindow());
    if (!dlg) {
      for (wxWindow* w : wxTopLevelWindows)
        if ((dlg = dynamic_cast<ui::MonthlyProgressDialog*>(w))) break;
    }
    if (!dlg || !dlg->IsShown()) return;
    if (steps == 0) {  // make sure the keyboard goes to the dialog under Xvfb (no window manager)
      dlg->Raise();
      sim.MouseMove(dlg->GetScreenPosition() + wxPoint(20, 20));
      dlg->Text("Percent")->SetFocus();
    } else if (steps <= 2) {
      sim.Char(WXK_RETURN);
    } else if (steps == 3) {
      sim.Char(WXK_ESCAPE);
    } else {
      // The keys never arrived: close the dialog so the test fails instead of hanging.
      dlg->EndModal(wxID_CANCEL);
    }
    ++steps;
  });
  timer.Start(400);
  f.session.SetToday(Date(2027, 1, 31));  // January's progress is recorded once January has come
  int saved = ui::RecordMonthlyProgress(nullptr, f.session, month);
  timer.Stop();
  CHECK(saved == 2);
  CHECK(steps == 4);
}

TEST_CASE("keyboard: Alt + the underlined letter of a label goes to its field; Tab follows the form") {
  Fixture f("keys");
  auto* dlg = new ui::ProjectDialog(nullptr, f.session, Project{});
  dlg->Show();
  dlg->Raise();
  sb::test::Pump(10);
  wxUIActionSimulator sim;
  sim.MouseMove(dlg->GetScreenPosition() + wxPoint(20, 20));
  dlg->Text("Code")->SetFocus();
  sb::test::Pump(5);
  CHECK(wxWindow::FindFocus() == dlg->Text("Code"));
  // 项目编号 → 项目状态 → 项目名称: the row's second field, then the next row. (GTK
  // focuses the list's inner button, which wx does not report, so only the ends are checked.)
  sim.Char(WXK_TAB);
  sim.Char(WXK_TAB);
  sb::test::Pump(5);
  CHECK(wxWindow::FindFocus() == dlg->Text("Name"));
  sim.Char('w', wxMOD_ALT);  // 乡镇(&W)
  sb::test::Pump(5);
  wxWindow* focus = wxWindow::FindFocus();
  CHECK((focus == XRCCTRL(*dlg, "Township", wxComboBox) ||
         (focus && focus->GetParent() == XRCCTRL(*dlg, "Township", wxComboBox))));
  sim.Char('f', wxMOD_ALT);  // 计划竣工(&F)
  sb::test::Pump(5);
  CHECK(wxWindow::FindFocus() == dlg->Text("PlannedFinish"));
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("EditProjectDialog (modal): OK through the button saves and returns the stored row") {
  Fixture f("modal");
  Project p;
  bool filled = false;
  wxTimer timer;
  timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    for (wxWindow* w : wxTopLevelWindows) {
      auto* dlg = dynamic_cast<ui::ProjectDialog*>(w);
      if (!dlg || !dlg->IsModal() || filled) continue;
      filled = true;
      Type(*dlg, "Code", "LX2027-09");
      Type(*dlg, "Name", "银河镇中学运动场扩建二期");
      Type(*dlg, "School", "银河镇中学");
      XRCCTRL(*dlg, "Township", wxComboBox)->ChangeValue(U8("银河镇"));
      wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
      ok.SetEventObject(dlg->FindWindow(wxID_OK));
      dlg->ProcessWindowEvent(ok);
    }
  });
  timer.Start(300);
  bool saved = ui::EditProjectDialog(nullptr, f.session, p);
  timer.Stop();
  CHECK(saved);
  CHECK(p.id > 0);
  CHECK(p.code == "LX2027-09");
  CHECK(storage::FindProjectByCode(*f.db, "LX2027-09"));
}

TEST_CASE("every dialog form has a default OK, a cancel button and accelerators on its labels") {
  Fixture f("forms");
  Project p = f.ProjectByCode("LX2025-03");
  std::vector<std::unique_ptr<ui::EditDialog>> dialogs;
  dialogs.push_back(std::make_unique<ui::ProjectDialog>(nullptr, f.session, p));
  dialogs.push_back(std::make_unique<ui::BudgetDialog>(nullptr, f.session, p.id));
  dialogs.push_back(std::make_unique<ui::SourceDialog>(nullptr, f.session, FundingSource{}));
  ui::FundFlowDialog::Row row;
  row.projectId = p.id;
  dialogs.push_back(std::make_unique<ui::FundFlowDialog>(nullptr, f.session, ui::FundFlowDialog::Kind::Receipt, row));
  Contract c;
  c.projectId = p.id;
  dialogs.push_back(std::make_unique<ui::ContractDialog>(nullptr, f.session, c));
  Payment pay;
  pay.projectId = p.id;
  dialogs.push_back(std::make_unique<ui::PaymentDialog>(nullptr, f.session, pay));
  for (auto& d : dialogs) {
    CAPTURE(d->GetTitle().utf8_string());
    auto* ok = dynamic_cast<wxButton*>(d->FindWindow(wxID_OK));
    REQUIRE(ok);
    CHECK(d->GetDefaultItem() == ok);
    CHECK(d->FindWindow(wxID_CANCEL));
    // Every label that introduces an input carries an accelerator; the input follows it
    // in the tab order.
    int labels = 0;
    const wxWindowList& kids = d->GetChildren();
    for (auto it = kids.begin(); it != kids.end(); ++it) {
      auto* t = dynamic_cast<wxStaticText*>(*it);
      auto next = std::next(it);
      if (!t || next == kids.end()) continue;
      if (!dynamic_cast<wxTextCtrl*>(*next) && !dynamic_cast<wxChoice*>(*next) &&
          !dynamic_cast<wxComboBox*>(*next))
        continue;
      ++labels;
      CAPTURE(t->GetLabel().utf8_string());
      CHECK(t->GetLabel().Contains("&"));
    }
    CHECK(labels >= 3);
  }
}

// ---- one gate: the same bad input through a dialog and through the import ------------------
// Each case feeds one mistake to the dialog (as a clerk would type it) and to the import
// (as a CSV line), and expects the same verdict with the same sentence from core.

namespace {

// Imports one CSV file through src/app, as File → 导入 does; returns its only problem ("" if none).
std::string ImportOne(Fixture& f, const std::string& name, const std::string& text, bool update = false) {
  fs::path dir = fs::temp_directory_path() / ("sb_gate_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path file = dir / name;
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  exchange::ImportOptions options;
  options.update = update;
  app::ImportOutcome r = app::Import(f.session, {file.string()}, options);
  fs::remove(file);
  if (r.result.problems.empty()) return "";
  REQUIRE_MESSAGE(r.result.problems.size() == 1, r.result.ProblemLines().front());
  return r.result.problems.front().message;
}

const char* kPaymentsHeader =
    "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";

// A progress payment on LX2025-03's works contract, typed into the dialog …
void FillWorksPayment(Fixture& f, ui::PaymentDialog& pd, const char* source, const char* date,
                      const char* amountWan, const char* voucher) {
  pd.SelectContract(storage::FindContractByCode(*f.db, "HT-LX2025-03-SG")->id);
  Pick(pd, "Source", source);
  Pick(pd, "Kind", "进度款");
  Type(pd, "Date", date);
  Type(pd, "Amount", amountWan);
  Type(pd, "Voucher", voucher);
}
// … and the same payment as a line of payments.csv (10万元 from the loan).
std::string WorksPaymentCsv(const char* date, const char* voucher) {
  return std::string(kPaymentsHeader) + "LX2025-03,HT-LX2025-03-SG,ZJ2025-01,建安工程," + date +
         ",100000.00,进度款," + voucher + ",芦溪县第一建筑工程有限公司,,\n";
}

}  // namespace

TEST_CASE("gate: a reversal dated before the payment it reverses is refused by the dialog and the import alike") {
  Fixture f("gate_reversal");
  Payment original;
  for (const auto& p : storage::PaymentsByProject(*f.db, f.ProjectByCode("LX2025-03").id))
    if (p.voucher == "记-202509-0017") original = p;
  REQUIRE(original.id != 0);
  ui::ReversalDialog dlg(nullptr, f.session, original);
  Type(dlg, "Date", "2025-09-01");
  Type(dlg, "Voucher", "记-202509-0099");
  Type(dlg, "Reason", "收款单位错误");
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  std::string expected = "冲销日期 2025-09-01 早于原拨付（凭证号“记-202509-0017”）的日期 2025-09-20";
  CHECK(ui::ToStd(dlg.refusal()) == expected);
  CHECK(ImportOne(f, "payments.csv",
                  std::string(kPaymentsHeader) +
                      "LX2025-03,HT-LX2025-03-SG,ZJ2025-01,建安工程,2025-09-01,-1120665.00,进度款,"
                      "记-202509-0099,芦溪县第一建筑工程有限公司,记-202509-0017,收款单位错误\n") == expected);
  CHECK(State(*f.db) == before);
}

TEST_CASE("gate: a fund's year written 2025年 is read as 2025 by the dialog and the import alike") {
  Fixture f("gate_year");
  ui::SourceDialog dlg(nullptr, f.session, FundingSource{});
  Type(dlg, "Code", "ZJ-Y1");
  Type(dlg, "Name", "县级配套（补充）");
  Type(dlg, "Year", "2025年");
  Type(dlg, "Amount", "10");
  REQUIRE_MESSAGE(dlg.Save(), ui::ToStd(dlg.refusal()));
  CHECK(f.SourceByCode("ZJ-Y1").year == 2025);
  CHECK(ImportOne(f, "sources.csv",
                  "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\n"
                  "ZJ-Y2,县级配套（再补充）,县级财政,2025年,10,,建安工程\n") == "");
  CHECK(f.SourceByCode("ZJ-Y2").year == 2025);
  // And a year that is not one is refused by both with one sentence.
  ui::SourceDialog bad(nullptr, f.session, FundingSource{});
  Type(bad, "Code", "ZJ-Y3");
  Type(bad, "Name", "某资金");
  Type(bad, "Year", "25");
  Type(bad, "Amount", "10");
  CHECK_FALSE(bad.Save());
  std::string expected = "年度“25”应为四位数字的年份，如 2025";
  CHECK(Has(bad.refusal(), expected.c_str()));
  CHECK(ImportOne(f, "sources.csv",
                  "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\nZJ-Y3,某资金,县级财政,25,10,,建安工程\n") ==
        expected);
}

TEST_CASE("gate: a fund with no eligible category is refused by the dialog and the import alike") {
  Fixture f("gate_eligible");
  ui::SourceDialog dlg(nullptr, f.session, FundingSource{});
  Type(dlg, "Code", "ZJ-E1");
  Type(dlg, "Name", "某专项");
  Type(dlg, "Year", "2026");
  Type(dlg, "Amount", "10");
  for (int i = 0; i < 6; ++i) dlg.CheckBox(("Eligible" + std::to_string(i)).c_str())->SetValue(false);
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  std::string expected = "可支付的费用类别至少要选一项，否则这笔资金不能支付任何费用";
  CHECK(ui::ToStd(dlg.refusal()) == expected);
  // An empty 可用于 cell used to mean "every category": now the same refusal.
  CHECK(ImportOne(f, "sources.csv",
                  "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\nZJ-E1,某专项,中央专项,2026,10,,\n") ==
        expected);
  CHECK(State(*f.db) == before);
}

TEST_CASE("gate: an allocation beyond its fund is refused by the dialog and the import alike") {
  Fixture f("gate_allocation");
  Project p = f.ProjectByCode("LX2026-02");
  ui::FundFlowDialog::Row row;
  row.projectId = p.id;
  ui::FundFlowDialog dlg(nullptr, f.session, ui::FundFlowDialog::Kind::Allocation, row);
  Pick(dlg, "Source", "ZJ2026-03");
  Type(dlg, "Amount", "300");
  Type(dlg, "Date", "2026-07-15");
  DbState before = State(*f.db);
  CHECK_FALSE(dlg.Save());
  std::string expected =
      "下达金额超过资金来源“县级财政配套资金（2026年）”（ZJ2026-03）的总额：来源总额 1,500.00 万元，"
      "已下达（不含本条）1,500.00 万元，本条 300.00 万元，超出 300.00 万元";
  CHECK(ui::ToStd(dlg.refusal()) == expected);
  CHECK(ImportOne(f, "allocations.csv",
                  "项目编号,来源编号,下达金额(万元),下达日期\nLX2026-02,ZJ2026-03,300,2026-07-15\n") == expected);
  CHECK(State(*f.db) == before);
}

TEST_CASE("gate: a receipt dated before its allocation is refused by the dialog and the import alike") {
  Fixture f("gate_receipt");
  Project p = f.ProjectByCode("LX2026-02");
  ui::FundFlowDialog::Row row;
  row.projectId = p.id;
  ui::FundFlowDialog dlg(nullptr, f.session, ui::FundFlowDialog::Kind::Receipt, row);
  Pick(dlg, "Source", "ZJ2026-03");
  Type(dlg, "Amount", "10");
  Type(dlg, "Date", "2026-03-01");
  CHECK_FALSE(dlg.Save());
  std::string expected = "到位日期 2026-03-01 早于资金来源“县级财政配套资金（2026年）”首次向本项目下达的日期 2026-03-20";
  CHECK(ui::ToStd(dlg.refusal()) == expected);
  CHECK(ImportOne(f, "receipts.csv",
                  "项目编号,来源编号,到位金额(万元),到位日期\nLX2026-02,ZJ2026-03,10,2026-03-01\n") == expected);
  // More than was allocated is refused alike too.
  Type(dlg, "Date", "2026-04-02");
  Type(dlg, "Amount", "500");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "到位金额超过资金来源“县级财政配套资金（2026年）”向本项目下达的金额：已下达 400.00 万元"));
  CHECK(ImportOne(f, "receipts.csv",
                  "项目编号,来源编号,到位金额(万元),到位日期\nLX2026-02,ZJ2026-03,500,2026-04-02\n") ==
        ui::ToStd(dlg.refusal()));
}

TEST_CASE("gate: a step done next year and a payment dated next month are refused by the dialog and the import alike") {
  Fixture f("gate_future");
  f.session.SetToday(Date(2026, 12, 1));
  Project p = f.ProjectByCode("LX2026-02");
  storage::ProjectFile file = storage::LoadProjectFile(*f.db, p.id);
  ProcedureStep step = file.procedureSteps.front();  // 立项批复
  ui::ProcedureStepDialog sd(nullptr, f.session, step);
  Pick(sd, "Status", "已办结");
  sd.Text("DoneDate")->Enable();
  Type(sd, "DoneDate", "2027-12-01");
  CHECK_FALSE(sd.Save());
  std::string stepExpected =
      "完成日期 2027-12-01 晚于今天（2026-12-01）超过 7 天：还没有发生的事不能登记（县设置 check.max_future_days=7）";
  CHECK(ui::ToStd(sd.refusal()) == stepExpected);
  CHECK(ImportOne(f, "procedures.csv", "项目编号,手续,状态,计划日期,完成日期\nLX2026-02,立项批复,已办结,,2027-12-01\n",
                  /*update=*/true) == stepExpected);

  Payment pay;
  pay.projectId = f.ProjectByCode("LX2025-03").id;
  ui::PaymentDialog pd(nullptr, f.session, pay);
  FillWorksPayment(f, pd, "ZJ2025-01", "2027-01-15", "10", "记-202701-0001");
  DbState before = State(*f.db);
  CHECK_FALSE(pd.Save());
  CHECK(f.prompter.confirms == 0);  // refused before anything is asked
  std::string payExpected =
      "拨付日期 2027-01-15 晚于今天（2026-12-01）超过 7 天：还没有发生的事不能登记（县设置 check.max_future_days=7）";
  CHECK(ui::ToStd(pd.refusal()) == payExpected);
  CHECK(ImportOne(f, "payments.csv", WorksPaymentCsv("2027-01-15", "记-202701-0001")) == payExpected);
  CHECK(State(*f.db) == before);
}

TEST_CASE("gate: a voucher number used twice is refused by the dialog and the import alike") {
  Fixture f("gate_voucher");
  Payment pay;
  pay.projectId = f.ProjectByCode("LX2025-03").id;
  ui::PaymentDialog pd(nullptr, f.session, pay);
  FillWorksPayment(f, pd, "ZJ2025-01", "2025-10-10", "10", "记-202509-0017");  // September's voucher
  DbState before = State(*f.db);
  CHECK_FALSE(pd.Save());
  std::string expected =
      "凭证号“记-202509-0017”已用于 2025-09-20 的另一笔拨付（112.0665 万元）；凭证号不能重复，"
      "已确认的拨付不能修改，如需更正请用红字冲销";
  CHECK(ui::ToStd(pd.refusal()) == expected);
  CHECK(ImportOne(f, "payments.csv", WorksPaymentCsv("2025-10-10", "记-202509-0017")) == expected);
  CHECK(State(*f.db) == before);
}

TEST_CASE("gate: declining the second confirmation of a payment the rules call an error saves nothing") {
  Fixture f("gate_confirm");
  Payment pay;
  pay.projectId = f.ProjectByCode("LX2025-03").id;
  ui::PaymentDialog pd(nullptr, f.session, pay);
  // Nothing of the county fund has arrived for this project: SOURCE_OVERDRAWN, an error.
  FillWorksPayment(f, pd, "ZJ2025-07", "2026-06-30", "5", "记-2026-06-777");
  f.prompter.noAt = 2;
  DbState before = State(*f.db);
  CHECK_FALSE(pd.Save());
  CHECK(f.prompter.confirms == 2);
  CHECK(State(*f.db) == before);
}

// ---- the history page, backups, a damaged file (issue 10) in the window ---------------------

TEST_CASE("history page: an edit made in the window reads in the project's 历史 page in words") {
  Fixture f("history_tab");
  auto* frame = new ui::MainFrame();
  frame->SetAsOf(Date(2026, 11, 23));
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  frame->Show();
  sb::test::Pump();
  Project p = f.ProjectByCode("LX2025-03");
  p.note = "窗口里补充的备注";
  app::SaveProject(*frame->session(), p);
  frame->Reload();
  frame->SelectProject(p.id);
  frame->projectPanel()->SetSelection(ui::ProjectPanel::kHistory);
  sb::test::Pump();
  std::vector<std::string> lines = frame->projectPanel()->HistoryTexts();
  REQUIRE(!lines.empty());
  CHECK(Has(U8(lines.front()), "修改项目 LX2025-03 南坑镇中学综合楼建设：备注 （空）→窗口里补充的备注"));
  sb::test::SaveScreenshot(frame, "project_history");
  frame->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("backup: 文件 → 备份 writes a copy beside the database, and closing the window after a change writes another") {
  Fixture f("backup_menu");
  fs::remove_all(app::BackupFolder(f.path));
  auto* frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  std::string first = frame->BackupNow(false);
  REQUIRE(!first.empty());
  CHECK(fs::exists(first));
  CHECK(fs::path(first).parent_path() == fs::path(app::BackupFolder(f.path)));
  REQUIRE(app::Backups(f.path).size() == 1);
  Project p = f.ProjectByCode("LX2025-03");
  p.note = "备份之后的修改";
  app::SaveProject(*frame->session(), p);
  frame->Close(true);  // the close event backs up again: something changed since
  sb::test::Pump(3);
  CHECK(app::Backups(f.path).size() == 2);
  fs::remove_all(app::BackupFolder(f.path));
}

TEST_CASE("backup: closing a window that changed nothing writes no backup (a province's file is not copied for a look)") {
  Fixture f("backup_unchanged");
  fs::remove_all(app::BackupFolder(f.path));
  auto* frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  sb::test::Pump();
  frame->Close(true);
  sb::test::Pump(3);
  CHECK(app::Backups(f.path).empty());
  // Backed up by hand, then closed with nothing changed since: still the one copy.
  frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  Project p = f.ProjectByCode("LX2025-03");
  p.note = "备份之前的修改";
  app::SaveProject(*frame->session(), p);
  REQUIRE(!frame->BackupNow(false).empty());
  frame->Close(true);
  sb::test::Pump(3);
  CHECK(app::Backups(f.path).size() == 1);
  fs::remove_all(app::BackupFolder(f.path));
}

TEST_CASE("damaged: a damaged database is never written and the window offers its newest good backup") {
  Fixture f("damaged_window");
  std::string good;
  {
    app::Session s(*f.db);
    good = app::Backup(s);
  }
  f.db.reset();
  std::string bytes;
  {
    std::ifstream in(f.path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  REQUIRE(bytes.size() > 30 * 4096);
  for (size_t i = 0; i < 3000; ++i) bytes[20 * 4096 + 200 + i] = '\xff';
  std::ofstream(f.path, std::ios::binary | std::ios::trunc) << bytes;
  auto* frame = new ui::MainFrame();
  f.prompter.answer = false;  // first: the clerk declines — nothing touched
  CHECK_FALSE(frame->OpenDatabaseFile(f.path, storage::OpenMode::MustExist));
  REQUIRE(f.prompter.confirms == 1);
  CHECK(Has(f.prompter.questions[0], "数据库已损坏。要从最新的完好备份恢复吗？"));
  CHECK(Has(f.prompter.details[0], good.c_str()));
  std::string still;
  {
    std::ifstream in(f.path, std::ios::binary);
    still.assign(std::istreambuf_iterator<char>(in), {});
  }
  CHECK(still == bytes);
  f.prompter.answer = true;  // then agrees: restored and opened
  REQUIRE(frame->OpenDatabaseFile(f.path, storage::OpenMode::MustExist));
  CHECK(frame->model().rows().size() == 19);
  frame->Destroy();
  sb::test::Pump(3);
  fs::remove_all(app::BackupFolder(f.path));
}

TEST_CASE("plan dialog: the year's 年度计划投资 is stored, and the same year is updated, not doubled") {
  Fixture f("plan");
  f.session.SetToday(Date(2026, 11, 23));
  Project p = f.ProjectByCode("LX2026-02");
  AnnualPlan plan;
  plan.projectId = p.id;
  ui::PlanDialog dlg(nullptr, f.session, plan);
  CHECK(dlg.Text("Year")->GetValue() == "2026");
  Type(dlg, "Amount", "abc");
  CHECK_FALSE(dlg.Save());
  CHECK(Has(dlg.refusal(), "年度计划投资"));
  Type(dlg, "Amount", "1,234.5678");
  REQUIRE_MESSAGE(dlg.Save(), ui::ToStd(dlg.refusal()));
  auto plans = storage::AnnualPlansByProject(*f.db, p.id);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].year == 2026);
  CHECK(plans[0].amount == Wan("1234.5678"));
  ui::PlanDialog again(nullptr, f.session, plans[0]);
  Type(again, "Amount", "1300");
  REQUIRE(again.Save());
  plans = storage::AnnualPlansByProject(*f.db, p.id);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].amount == Wan("1300"));
}

// ---- the workbench (issue 16): search, delete ----------------------------------------------

TEST_CASE("search: the search box ignores case and full-width letters: lx2026 finds LX2026-…") {
  Fixture f("search");
  // A programme (项目批次) is searched like a name.
  Project relocation = *storage::FindProjectByCode(*f.db, "LX2026-03");
  relocation.programme = "2026年整体搬迁计划";
  storage::UpdateProject(*f.db, relocation);
  auto* frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  frame->searchBox()->ChangeValue(U8("整体搬迁计划"));
  frame->ApplyFilter();
  REQUIRE(frame->model().rows().size() == 1);
  CHECK(frame->model().rows()[0].summary.project.code == "LX2026-03");
  size_t expected = 0;
  for (const auto& p : storage::LoadPortfolio(*f.db).projects) expected += p.code.rfind("LX2026", 0) == 0;
  REQUIRE(expected > 0);
  for (const char* typed : {"lx2026", "ＬＸ2026", " LX2026 "}) {
    frame->searchBox()->ChangeValue(U8(typed));
    frame->ApplyFilter();
    CHECK_MESSAGE(frame->model().rows().size() == expected, typed);
    for (const auto& r : frame->model().rows()) CHECK(r.summary.project.code.rfind("LX2026", 0) == 0);
  }
  CHECK(frame->searchBox()->GetMinSize().x >= frame->FromDIP(200));
  // And it really gets that room in a 1280-pixel window.
  frame->SetSize(wxSize(1280, 780));
  frame->Show();
  frame->Layout();
  sb::test::Pump(3);
  CHECK(frame->searchBox()->GetSize().x >= frame->FromDIP(200));
  frame->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("delete: a project with money rows is refused before any question; one without is asked, then deleted") {
  Fixture f("delete");
  auto* frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(f.path, storage::OpenMode::MustExist));
  auto deleteSelected = [&] {
    wxCommandEvent ev(wxEVT_MENU, XRCID("DeleteProject"));
    frame->ProcessWindowEvent(ev);
  };
  frame->SelectProject(f.ProjectByCode("LX2025-01").id);
  deleteSelected();
  CHECK(f.prompter.confirms == 0);
  REQUIRE(f.prompter.errors.size() == 1);
  CHECK(Has(f.prompter.errors[0], "已有资金下达、到位、合同或拨付记录，不能删除"));
  CHECK(storage::FindProjectByCode(*f.db, "LX2025-01"));
  Project fresh;
  fresh.code = "LX2027-99";
  fresh.name = "待删除的项目";
  fresh.school = "某校";
  fresh.township = "芦溪镇";
  app::SaveProject(*frame->session(), fresh);
  frame->Reload();
  frame->SelectProject(fresh.id);
  deleteSelected();
  CHECK(f.prompter.confirms == 1);
  CHECK_FALSE(storage::FindProjectByCode(*f.db, "LX2027-99"));
  frame->Destroy();
  sb::test::Pump(3);
}
