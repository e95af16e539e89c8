// What remained of issue 16: undo of an import, English for the rules' sentences, decimals
// aligned, the overview's source chart, GTK's language, the list's columns at 1280 px.
// Case names carry a keyword (undo, English, decimal, chart, GTK, 1280) for -tc filters.
#include <doctest/doctest.h>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/dialog.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/sizer.h>
#include <wx/menu.h>
#include <wx/statusbr.h>
#include <wx/timer.h>
#include <wx/xrc/xmlres.h>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "app/report_service.h"
#include "gui_util.h"
#include "report/present.h"
#include "storage/history_repository.h"
#include "storage/import_lookups.h"
#include "storage/repository.h"
#include "ui/charts.h"
#include "ui/dialog_classes.h"
#include "ui/list_util.h"
#include "ui/main_frame.h"
#include "ui/overview_panel.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/warnings_panel.h"
#include "ui/wxutil.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::ui::ToStd;
using sb::ui::U8;

namespace {

std::string DemoCopy(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sb_ui16_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = storage::Database::Open(p.string(), storage::OpenMode::Create);
  storage::LoadDemo(*db);
  return p.string();
}

struct Window {
  std::string path;
  ui::MainFrame* frame;
  Window(const std::string& name, wxSize size = wxSize(1280, 800)) : path(DemoCopy(name)), frame(new ui::MainFrame()) {
    frame->SetAsOf(Date(2026, 11, 23));
    frame->SetDatabase(storage::Database::Open(path, storage::OpenMode::MustExist));
    frame->SetSize(size);
    frame->Show();
    sb::test::Pump();
  }
  ~Window() {
    frame->Destroy();
    sb::test::Pump(3);
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(path + ext);
  }
  storage::Database& db() { return *frame->database(); }
  void Menu(int id) {
    wxCommandEvent e(wxEVT_MENU, id);
    frame->ProcessWindowEvent(e);
  }
};

/// Runs `run()` while every modal dialog that opens is closed (its title kept).
std::vector<wxString> ClosingDialogs(const std::function<void()>& run) {
  std::vector<wxString> titles;
  wxTimer timer;
  timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
    for (wxWindow* w : wxTopLevelWindows)
      if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) {
        titles.push_back(d->GetTitle());
        d->EndModal(wxID_OK);
      }
  });
  timer.Start(200);
  run();
  timer.Stop();
  return titles;
}

int64_t PaidFen(storage::Database& db, const std::string& code) {
  int64_t fen = 0;
  for (const auto& p : storage::PaymentsByProject(db, storage::FindProjectByCode(db, code)->id)) fen += p.amount.fen();
  return fen;
}

}  // namespace

TEST_CASE("undo: 编辑 → 撤销 after 文件 → 导入 offers the import as one step and reverses its three payments") {
  Window w("undo_import");
  fs::path csv = fs::path(w.path).parent_path() / ("sb_ui16_" + std::to_string(getpid())) / "payments.csv";
  fs::create_directories(csv.parent_path());
  std::ofstream(csv, std::ios::binary)
      << "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
         "LX2025-01,HT-LX2025-01-SG,ZJ2025-01,建安工程,2026-11-20,10.5,进度款,记-UI16-001,萍乡市城建集团有限公司\n"
         "LX2025-01,HT-LX2025-01-SG,ZJ2025-01,建安工程,2026-11-21,20.25,进度款,记-UI16-002,萍乡市城建集团有限公司\n"
         "LX2025-01,HT-LX2025-01-SG,ZJ2025-01,建安工程,2026-11-22,30,进度款,记-UI16-003,萍乡市城建集团有限公司\n";
  const int64_t before = PaidFen(w.db(), "LX2025-01");
  const size_t paymentsBefore = storage::LoadPortfolio(w.db()).payments.size();
  bool imported = false;
  ClosingDialogs([&] { imported = w.frame->ImportFiles({csv.string()}, false); });
  REQUIRE(imported);
  CHECK(PaidFen(w.db(), "LX2025-01") == before + 60750000);  // 60.75万元 more
  CHECK(w.frame->commands().UndoName() == U8("导入 payments.csv（3 行）"));
  wxMenuItem* item = w.frame->GetMenuBar()->FindItem(wxID_UNDO);
  w.frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
  w.frame->GetMenuBar()->UpdateMenus();
  CHECK(item->IsEnabled());
  CHECK(item->GetItemLabelText().Contains(U8("导入 payments.csv（3 行）")));

  ClosingDialogs([&] { w.Menu(wxID_UNDO); });
  // The three payments stay (a payment is never deleted), each with its red entry.
  auto payments = storage::LoadPortfolio(w.db()).payments;
  CHECK(payments.size() == paymentsBefore + 6);
  int reversals = 0;
  for (const auto& p : payments)
    if (p.voucher.rfind(ToStd(U8("冲记-UI16-")), 0) == 0) {
      ++reversals;
      CHECK(p.reversesId.has_value());
      CHECK(p.amount.fen() < 0);
      CHECK(p.note == ToStd(U8("撤销导入 payments.csv（3 行）")));
    }
  CHECK(reversals == 3);
  CHECK(PaidFen(w.db(), "LX2025-01") == before);  // what the list shows as 已拨付 is back
  CHECK(w.frame->GetStatusBar()->GetStatusText(0) == U8("已撤销：导入 payments.csv（3 行）"));
  CHECK_FALSE(w.frame->commands().CanRedo());
  fs::remove_all(csv.parent_path());
}

// ---- GTK's language ----------------------------------------------------------------------

namespace {
// The texts GTK draws inside a widget (its GtkLabel children), read through GTK itself:
// a stock button's label is GTK's, not wx's. Looked up at run time (no GTK headers here).
void GtkLabels(void* widget, std::vector<std::string>& out) {
  using GType = unsigned long;
  static auto labelType = reinterpret_cast<GType (*)()>(dlsym(RTLD_DEFAULT, "gtk_label_get_type"));
  static auto containerType = reinterpret_cast<GType (*)()>(dlsym(RTLD_DEFAULT, "gtk_container_get_type"));
  static auto isA = reinterpret_cast<int (*)(void*, GType)>(dlsym(RTLD_DEFAULT, "g_type_check_instance_is_a"));
  static auto text = reinterpret_cast<const char* (*)(void*)>(dlsym(RTLD_DEFAULT, "gtk_label_get_text"));
  static auto forall =
      reinterpret_cast<void (*)(void*, void (*)(void*, void*), void*)>(dlsym(RTLD_DEFAULT, "gtk_container_forall"));
  REQUIRE((labelType && containerType && isA && text && forall));
  if (isA(widget, labelType())) out.push_back(text(widget));
  if (isA(widget, containerType()))
    forall(widget, [](void* child, void* data) { GtkLabels(child, *static_cast<std::vector<std::string>*>(data)); },
           &out);
}
}  // namespace

TEST_CASE("GTK: with the system locale C the stock buttons of a Chinese dialog read 确定/取消") {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  if (!lang || std::string(lang) != "zh") return;  // its own ctest entry runs it (LANG=C)
  wxDialog dlg(nullptr, wxID_ANY, "GTK");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxALL, 8);
  dlg.SetSizerAndFit(sizer);
  dlg.Show();
  sb::test::Pump(5);
  std::vector<std::string> ok, cancel;
  GtkLabels(dlg.FindWindow(wxID_OK)->GetHandle(), ok);
  GtkLabels(dlg.FindWindow(wxID_CANCEL)->GetHandle(), cancel);
  std::string okText, cancelText;
  for (const auto& t : ok) okText += t;
  for (const auto& t : cancel) cancelText += t;
  MESSAGE("OK: " << okText << ", Cancel: " << cancelText);
  CHECK(okText.find("确定") != std::string::npos);
  CHECK(cancelText.find("取消") != std::string::npos);
  dlg.Hide();
}

// ---- English: no CJK in the main frame, the warnings page and the warning detail -----------

namespace {
bool EnglishMode() {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  return lang && std::string(lang).rfind("en", 0) == 0;
}

bool HasCjk(const wxString& s) {
  for (wxUniChar c : s) {
    auto v = c.GetValue();
    if ((v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF)) return true;
  }
  return false;
}

// The data itself, which stays as entered: names, schools, townships, vouchers, payees …
std::vector<wxString> DataTexts(const Portfolio& pf, const std::string& county) {
  std::vector<std::string> d{county};
  for (const auto& p : pf.projects) d.insert(d.end(), {p.name, p.school, p.township, p.programme, p.note});
  for (const auto& s : pf.sources) d.insert(d.end(), {s.name, s.docNo});
  for (const auto& c : pf.contracts) d.insert(d.end(), {c.counterparty, c.awardNo, c.code});
  for (const auto& p : pf.payments) d.insert(d.end(), {p.voucher, p.payee, p.note});
  for (const auto& e : pf.progress) d.insert(d.end(), {e.description, e.problems, e.nextSteps});
  for (const auto& s : pf.procedureSteps) d.insert(d.end(), {s.docNo, s.note});
  // The default template's step names and authorities are the program's words: translated.
  for (const auto& t : pf.procedureTemplate) d.insert(d.end(), {t.note});
  std::vector<wxString> out;
  for (const auto& s : d)
    if (!s.empty()) out.push_back(U8(s));
  std::sort(out.begin(), out.end(), [](const wxString& a, const wxString& b) { return a.length() > b.length(); });
  return out;
}

void VariantText(const wxVariant& v, std::vector<wxString>& out) {
  if (v.GetType() == "string") out.push_back(v.GetString());
  else if (v.GetType() == "wxDataViewIconText") {
    wxDataViewIconText it;
    it << v;
    out.push_back(it.GetText());
  }
}

// Every text a control of `w` shows.
void ShownTexts(wxWindow* w, std::vector<wxString>& out) {
  if (!w->IsShown()) return;
  if (auto* choice = dynamic_cast<wxChoice*>(w))
    for (unsigned i = 0; i < choice->GetCount(); ++i) out.push_back(choice->GetString(i));
  else if (auto* text = dynamic_cast<wxTextCtrl*>(w)) out.push_back(text->GetValue());
  else if (auto* book = dynamic_cast<wxBookCtrlBase*>(w))
    for (size_t i = 0; i < book->GetPageCount(); ++i) out.push_back(book->GetPageText(i));
  else if (auto* dv = dynamic_cast<wxDataViewCtrl*>(w)) {
    for (unsigned c = 0; c < dv->GetColumnCount(); ++c) out.push_back(dv->GetColumn(c)->GetTitle());
    if (auto* model = dynamic_cast<wxDataViewListModel*>(dv->GetModel()))
      for (unsigned r = 0; r < model->GetCount(); ++r)
        for (unsigned c = 0; c < dv->GetColumnCount(); ++c) {
          wxVariant v;
          model->GetValueByRow(v, r, dv->GetColumn(c)->GetModelColumn());
          VariantText(v, out);
        }
  } else if (dynamic_cast<wxStaticText*>(w) || dynamic_cast<wxButton*>(w) || dynamic_cast<wxCheckBox*>(w) ||
             dynamic_cast<wxStaticBox*>(w))
    out.push_back(w->GetLabel());
  if (auto* status = dynamic_cast<wxStatusBar*>(w))
    for (int i = 0; i < status->GetFieldsCount(); ++i) out.push_back(status->GetStatusText(i));
  for (wxWindow* c : w->GetChildren()) ShownTexts(c, out);
}

std::vector<std::string> ChineseLeft(const std::vector<wxString>& texts, const std::vector<wxString>& data) {
  std::vector<std::string> left;
  for (wxString t : texts) {
    for (const auto& d : data) t.Replace(d, "");
    if (HasCjk(t)) left.push_back(ToStd(t));
  }
  return left;
}
}  // namespace

TEST_CASE("English: CJK — none in the main frame, the warnings page or the warning detail, except the data") {
  if (!EnglishMode()) return;
  Window w("english_cjk", wxSize(1280, 800));
  // Every row, payments included: the window's analysis holds the payments only as sums (issue 12).
  const Portfolio rows = storage::LoadPortfolio(w.db());
  std::vector<wxString> data = DataTexts(rows, rows.settings.Text("county_name", ""));
  for (const auto& c : rows.counties) data.push_back(U8(c.name));
  // Who made a change and the action's label are stored as they were written (the history's chain seals them).
  for (const auto& e : storage::HistoryEntries(w.db())) {
    for (const std::string& x : {e.who, e.action})
      if (!x.empty()) data.push_back(U8(x));
  }
  std::sort(data.begin(), data.end(), [](const wxString& a, const wxString& b) { return a.length() > b.length(); });
  w.frame->SelectProject(storage::FindProjectByCode(w.db(), "LX2025-01")->id);
  std::vector<std::string> left;
  for (int page = 0; page < 3; ++page) {
    w.frame->book()->SetSelection(page);
    int tabs = page == ui::MainFrame::kProjectsTab ? ui::ProjectPanel::kHistory + 1 : 1;
    for (int tab = 0; tab < tabs; ++tab) {
      if (page == ui::MainFrame::kProjectsTab) w.frame->projectPanel()->SetSelection(tab);
      sb::test::Pump(3);
      std::vector<wxString> texts;
      ShownTexts(w.frame, texts);
      for (const auto& t : ChineseLeft(texts, data)) left.push_back("page " + std::to_string(page) + "/" +
                                                                    std::to_string(tab) + ": " + t);
    }
  }
  // Every warning's title, sentence and basis in the detail pane.
  w.frame->book()->SetSelection(ui::MainFrame::kWarningsTab);
  ui::WarningsPanel* warnings = w.frame->warningsPanel();
  REQUIRE(warnings->ShownCount() > 10);
  std::set<std::string> codes;
  for (size_t i = 0; i < warnings->ShownCount(); ++i) {
    warnings->SelectShown(i);
    codes.insert(warnings->ShownFinding(i)->code);
    for (const auto& t : ChineseLeft({warnings->DetailText()}, data)) left.push_back("detail: " + t);
  }
  MESSAGE(codes.size() << " codes checked");
  CHECK(codes.size() >= 8);
  for (const auto& t : left) MESSAGE(t);
  CHECK(left.empty());
  sb::test::SaveScreenshot(w.frame, "english_warnings_detail");
}

TEST_CASE("English: the report's warnings stay Chinese — the report is a file, the window speaks English") {
  if (!EnglishMode()) return;
  Window w("english_report");
  bool windowEnglish = false;
  for (const auto& f : w.frame->findings()) windowEnglish = windowEnglish || f.message.find("budget") != std::string::npos;
  CHECK(windowEnglish);
  app::PreparedReport r = app::PrepareReport(w.db(), YearMonth(2026, 10), Date(2026, 11, 23));
  REQUIRE_FALSE(r.model.warnings.empty());
  for (const auto& line : r.model.warnings) {
    CAPTURE(line.message);
    CHECK(HasCjk(U8(line.message)));
    CHECK(HasCjk(U8(line.title)));
  }
}

// ---- English: what a refused save says ---------------------------------------------------

namespace {

/// Answers every confirmation yes and keeps every error box's text, as a clerk would see it.
struct RecordingPrompter : ui::Prompter {
  std::vector<wxString> errors;
  ui::Prompter* previous;
  RecordingPrompter() { previous = ui::SetPrompter(this); }
  ~RecordingPrompter() override { ui::SetPrompter(previous); }
  void Error(wxWindow*, const wxString& m, const wxString& d) override { errors.push_back(m + "\n" + d); }
  bool Confirm(wxWindow*, const wxString&, const wxString& d) override {
    confirmations.push_back(d);
    return answer;
  }
  void Info(wxWindow*, const wxString&, const wxString&) override {}
  std::vector<wxString> confirmations;
  bool answer = true;
};

template <class E>
void SelectEnum(ui::EditDialog& d, const char* ctrl, E value) {
  wxChoice* c = d.Choice(ctrl);
  c->SetSelection(static_cast<int>(value));
  wxCommandEvent ev(wxEVT_CHOICE, c->GetId());
  ev.SetEventObject(c);
  ev.SetInt(static_cast<int>(value));
  c->ProcessWindowEvent(ev);
}

// What the dialog shows of its refusal: the text under the form, unwrapped (Wrap() breaks
// its lines at spaces).
wxString ShownRefusal(ui::EditDialog& d) {
  wxString s = XRCCTRL(d, "Refusal", wxStaticText)->GetLabel();
  s.Replace("\n", " ");
  return s;
}

}  // namespace

TEST_CASE("English: CJK — the payment dialog's information lines, its confirmation and a field that cannot be read") {
  if (!EnglishMode()) return;
  Window w("english_payment_lines");
  RecordingPrompter prompter;
  const Project p = *storage::FindProjectByCode(w.db(), "LX2025-03");
  const Contract works = *storage::FindContractByCode(w.db(), "HT-LX2025-03-SG");
  const FundingSource source = *storage::FindSourceByCode(w.db(), "ZJ2025-07");
  Payment pay;
  pay.projectId = p.id;
  ui::PaymentDialog dlg(w.frame, *w.frame->session(), pay);
  dlg.Show();
  auto label = [&](const char* name) {
    auto* t = XRCCTRL(dlg, name, wxStaticText);
    REQUIRE(t);
    return t->GetLabelText();
  };
  CHECK_FALSE(HasCjk(label("Immutable")));
  CHECK(label("Immutable").Contains("cannot be changed or deleted"));
  CHECK_FALSE(HasCjk(label("ContractInfo")));  // no contract chosen yet
  dlg.SelectContract(works.id);
  dlg.SelectSource(source.id);
  sb::test::Pump(2);
  INFO("contract: ", ToStd(label("ContractInfo")));
  CHECK(label("ContractInfo").Contains("Contract amount"));
  CHECK_FALSE(HasCjk(label("ContractInfo")));
  // The sources offered say what each has given this project; the name and kind are data.
  wxChoice* sources = dlg.Choice("Source");
  REQUIRE(sources->GetCount() > 0);
  bool allocatedSaid = false;
  for (unsigned i = 0; i < sources->GetCount(); ++i) {
    wxString item = sources->GetString(i);
    allocatedSaid |= item.Contains("allocated to this project");
    const wxString tail = item.AfterFirst(wxUniChar(0x2014));  // after " — "
    CHECK_FALSE(HasCjk(tail));
  }
  CHECK(allocatedSaid);
  // An amount that cannot be read: the field's name in English before core's words.
  SelectEnum(dlg, "Kind", PaymentKind::Progress);
  dlg.Text("Date")->SetValue("2026-11-20");
  dlg.Text("Voucher")->SetValue("V-2026-11-777");
  dlg.Text("Amount")->SetValue("abc");
  CHECK_FALSE(dlg.Save());
  const wxString shown = ShownRefusal(dlg);
  INFO("shown: ", ToStd(shown));
  CHECK(shown.StartsWith("Payment amount"));
  CHECK_FALSE(HasCjk(shown));
  // The confirmation lists the payment field by field in English (the data aside).
  dlg.Text("Amount")->SetValue("10");
  prompter.answer = false;
  CHECK_FALSE(dlg.Save());
  REQUIRE(!prompter.confirmations.empty());
  wxString detail = prompter.confirmations.back();
  for (const std::string& data : {p.name, works.counterparty, source.name, works.code, source.code})
    detail.Replace(U8(data), "");
  INFO("confirmation: ", ToStd(detail));
  CHECK(detail.Contains("Funding source:"));
  CHECK_FALSE(HasCjk(detail));
  dlg.Hide();
}

TEST_CASE("English: CJK — a refused save in a dialog says why in English") {
  if (!EnglishMode()) return;
  Window w("english_refusal");
  RecordingPrompter prompter;
  const Project p = *storage::FindProjectByCode(w.db(), "LX2025-03");
  const Contract works = *storage::FindContractByCode(w.db(), "HT-LX2025-03-SG");
  const FundingSource source = *storage::FindSourceByCode(w.db(), "ZJ2025-07");
  const size_t paymentsBefore = storage::PaymentsByProject(w.db(), p.id).size();

  // A payment dated in the future: core's date check refuses it (today is 2026-11-23).
  Payment pay;
  pay.projectId = p.id;
  ui::PaymentDialog dlg(w.frame, *w.frame->session(), pay);
  dlg.Show();
  dlg.SelectContract(works.id);
  dlg.SelectSource(source.id);
  SelectEnum(dlg, "Kind", PaymentKind::Progress);
  dlg.Text("Date")->SetValue("2027-01-15");
  dlg.Text("Amount")->SetValue("10");
  dlg.Text("Voucher")->SetValue("V-2027-01-015");
  sb::test::Pump(2);
  CHECK_FALSE(dlg.Save());
  const wxString shown = ShownRefusal(dlg);
  INFO("shown: ", ToStd(shown));
  CHECK(shown == dlg.refusal());
  CHECK_FALSE(HasCjk(shown));
  CHECK(shown.Contains("Payment date 2027-01-15"));
  CHECK(shown.Contains("later than today (2026-11-23)"));
  CHECK(shown.Contains("check.max_future_days=7"));
  CHECK(storage::PaymentsByProject(w.db(), p.id).size() == paymentsBefore);
  sb::test::SaveScreenshot(&dlg, "english_refused_payment");

  // Dated today but with a voucher another payment already uses: refused by core as a
  // duplicate, the other payment's date and amount named; the voucher itself is data.
  const Payment taken = storage::PaymentsByProject(w.db(), p.id).front();
  dlg.Text("Date")->SetValue("2026-11-23");
  dlg.Text("Voucher")->SetValue(U8(taken.voucher));
  CHECK_FALSE(dlg.Save());
  wxString duplicate = ShownRefusal(dlg);
  INFO("duplicate: ", ToStd(duplicate));
  CHECK(duplicate.Contains("is already used by another payment on " + FormatDate(taken.date)));
  CHECK(duplicate.Contains("10k yuan"));
  duplicate.Replace(U8(taken.voucher), "");
  CHECK_FALSE(HasCjk(duplicate));
  CHECK(prompter.errors.empty());  // both said in the dialog, no box
  dlg.Hide();

  // A row someone else changed meanwhile: storage's conflict, said in the dialog and in the
  // error box, in English but for the data (the code, the note, who saved it).
  Project mine = p;
  ui::ProjectDialog edit(w.frame, *w.frame->session(), mine);
  Project theirs = mine;
  theirs.note = "另一位同事的修改";
  {
    storage::WriteTransaction tx(w.db());
    storage::UpdateProject(w.db(), theirs);
    tx.Commit();
  }
  edit.Text("Note")->SetValue("my change");
  CHECK_FALSE(edit.Save());
  REQUIRE(prompter.errors.size() == 1);
  std::vector<wxString> data{U8(theirs.note), U8(p.code), U8(p.note)};
  for (const auto& e : storage::HistoryEntries(w.db())) data.push_back(U8(e.who));
  std::sort(data.begin(), data.end(), [](const wxString& a, const wxString& b) { return a.length() > b.length(); });
  for (wxString text : {ShownRefusal(edit), prompter.errors[0]}) {
    MESSAGE("conflict: ", ToStd(text));
    CHECK(text.Contains("was changed by someone else"));
    for (const auto& d : data)
      if (!d.empty()) text.Replace(d, "");
    CHECK_FALSE(HasCjk(text));
  }
  CHECK(prompter.errors[0].Contains("What you typed is still in the window"));
}

// ---- decimals ----------------------------------------------------------------------------

namespace {
size_t Decimals(const std::string& s) {
  size_t dot = s.find('.');
  return dot == std::string::npos ? 0 : s.size() - dot - 1;
}
bool Figure(const std::string& s) {
  return !s.empty() && s.find_first_not_of("-0123456789.,") == std::string::npos && s.find_first_of("0123456789") != std::string::npos;
}
}  // namespace

TEST_CASE("decimal: every amount column of the overview and of the report shows one number of decimals") {
  Window w("decimal");
  // The overview's lists (gaps by category and township): one count of decimals per column.
  w.frame->book()->SetSelection(ui::MainFrame::kOverviewTab);
  sb::test::Pump(3);
  std::vector<wxDataViewListCtrl*> lists;
  std::function<void(wxWindow*)> find = [&](wxWindow* x) {
    if (auto* l = dynamic_cast<wxDataViewListCtrl*>(x)) lists.push_back(l);
    for (wxWindow* c : x->GetChildren()) find(c);
  };
  find(w.frame->overviewPanel());
  REQUIRE(lists.size() >= 2);
  for (auto* l : lists)
    for (unsigned c = 0; c < l->GetColumnCount(); ++c) {
      std::set<size_t> seen;
      for (int r = 0; r < l->GetItemCount(); ++r)
        if (std::string t = ToStd(l->GetTextValue(r, c)); Figure(t)) seen.insert(Decimals(t));
      CHECK(seen.size() <= 1);
    }
  // The report's tables (preview, print and PDF draw them): the sources' column of 259.662万
  // shows three decimals on every row, the others two.
  app::PreparedReport rep = app::PrepareReport(w.db(), YearMonth(2026, 10), Date(2026, 11, 23));
  report::PTable main = report::MainTable(rep.model, report::GroupRows(rep.model, report::GroupBy::Township));
  std::vector<report::PTable> tables{main};
  for (const auto& s : report::SummarySections(rep.model)) tables.push_back(s.table);
  size_t more = 0;
  for (const auto& t : tables)
    for (size_t col = 0; col < t.cols.size(); ++col) {
      if (t.cols[col].align != report::Align::Decimal) continue;
      std::set<size_t> seen;
      for (const auto& row : t.rows) {
        size_t at = 0;
        for (const auto& cell : row.cells) {
          if (at == col && cell.span == 1 && Figure(cell.text)) seen.insert(Decimals(cell.text));
          at += static_cast<size_t>(cell.span);
        }
      }
      CAPTURE(t.cols[col].title);
      CHECK(seen.size() <= 1);
      if (!seen.empty() && *seen.begin() > 2) ++more;
    }
  CHECK(more > 0);  // a column that needs 3 decimals has them on every row
}

// ---- the overview's source chart ---------------------------------------------------------------

TEST_CASE("chart: the overview's sources are sorted bars, largest first, each labelled with its amount and share") {
  Window w("chart", wxSize(1280, 800));
  w.frame->book()->SetSelection(ui::MainFrame::kOverviewTab);
  sb::test::Pump(5);
  ui::BarChart* chart = w.frame->overviewPanel()->chart();
  REQUIRE(chart);
  REQUIRE(chart->categories().size() >= 5);
  // The 30,000万 loan first; every source, however small, has its figure beside its bar.
  CHECK(chart->categories().front().Contains("ZJ2025-01"));
  CHECK(chart->ValueLabel(0, 0).StartsWith("30,000.00"));
  for (size_t c = 0; c < chart->categories().size(); ++c) {
    CHECK_FALSE(chart->ValueLabel(c, 0).empty());
    CHECK(chart->ValueLabel(c, 0).Contains("%"));
  }
  // The chart is as tall as its rows need: the smallest source is on screen, not squeezed.
  CHECK(chart->GetSize().y >= static_cast<int>(chart->categories().size()) * chart->GetCharHeight() * 3);
  CHECK(fs::exists(sb::test::SaveScreenshot(w.frame, "overview_chart")));
}

// ---- the list's columns at 1280 px ----------------------------------------------------------

namespace {
// Every column's rectangle lies inside the list's client area at 1280×800: 资金缺口 needs no scrolling.
void ColumnsFit1280(const std::string& name) {
  Window w(name, wxSize(1280, 800));
  w.frame->Move(0, 0);
  sb::test::Pump(10);
  wxDataViewCtrl* list = w.frame->list();
  int client = list->GetClientSize().x, x = 0;
  std::string widths;
  bool gapSeen = false;
  for (unsigned i = 0; i < list->GetColumnCount(); ++i) {
    wxDataViewColumn* c = list->GetColumn(i);
    if (c->IsHidden()) continue;
    wxRect r(x, 0, c->GetWidth(), 1);
    x += c->GetWidth();
    widths += ToStd(c->GetTitle()) + "=" + std::to_string(c->GetWidth()) + " ";
    CAPTURE(ToStd(c->GetTitle()));
    CHECK(r.GetRight() < client);
    if (c->GetModelColumn() == ui::ProjectListModel::kGap) {
      gapSeen = true;
      CHECK(c->GetWidth() >= list->GetTextExtent(U8("30,000.00")).x);  // still wide enough for its figures
    }
  }
  MESSAGE("client " << client << ": " << widths);
  CHECK(gapSeen);
  // Names are shortened, not gone: the name column still shows a dozen characters.
  for (unsigned i = 0; i < list->GetColumnCount(); ++i)
    if (list->GetColumn(i)->GetModelColumn() == ui::ProjectListModel::kName)
      CHECK(list->GetColumn(i)->GetWidth() >= 12 * list->GetCharWidth());
  sb::test::SaveScreenshot(w.frame, "list_1280_" + name);
}
}  // namespace

TEST_CASE("1280: the project list's columns fit a 1280-pixel window, 资金缺口 included (Chinese)") {
  if (EnglishMode()) return;
  ColumnsFit1280("zh");
}

TEST_CASE("English: 1280 — the project list's columns fit a 1280-pixel window, Funding gap included") {
  if (!EnglishMode()) return;
  ColumnsFit1280("en");
}

TEST_CASE("decimal: the project list's amounts share their column's decimals and the tooltip gives the exact value") {
  Window w("decimal_list");
  ui::ProjectListModel& m = w.frame->model();
  for (unsigned col : {ui::ProjectListModel::kBudget, ui::ProjectListModel::kCommitted, ui::ProjectListModel::kReceived,
                       ui::ProjectListModel::kPaid, ui::ProjectListModel::kGap}) {
    std::set<size_t> seen;
    for (unsigned r = 0; r < m.GetCount(); ++r) {
      wxVariant v;
      m.GetValueByRow(v, r, col);
      if (std::string t = ToStd(v.GetString()); Figure(t)) seen.insert(Decimals(t));
    }
    CAPTURE(col);
    CHECK(seen.size() == 1);
  }
  Id id = storage::FindProjectByCode(w.db(), "LX2025-01")->id;
  const ui::ProjectRow* row = m.RowAt(m.ItemOf(id));
  REQUIRE(row);
  wxString tip = m.ExactText(m.ItemOf(id), ui::ProjectListModel::kBudget);
  CHECK(tip.StartsWith(U8(row->summary.budget.FormatYuan())));
  CHECK(tip.Contains(U8(row->summary.budget.FormatWan(2, 6))));
  CHECK(m.ExactText(m.ItemOf(id), ui::ProjectListModel::kName).empty());
}

TEST_CASE("decimal: the tooltip of every list's amount gives its exact value — payments, contracts and sources") {
  Window w("decimal_tips");
  w.frame->SelectProject(storage::FindProjectByCode(w.db(), "LX2025-03")->id);
  ui::ProjectPanel* panel = w.frame->projectPanel();
  panel->SetSelection(ui::ProjectPanel::kContracts);
  sb::test::Pump(10);
  wxDataViewListCtrl* payments = panel->PaymentsList();
  REQUIRE(payments->GetItemCount() >= 1);
  // The payments list: 拨付日期, 凭证号, 金额 … — the amount is column 2, the voucher column 1.
  wxDataViewItem first = payments->RowToItem(0);
  const std::string voucher = ToStd(payments->GetTextValue(0, 1));
  std::vector<Payment> found = storage::PaymentsByVouchers(w.db(), {voucher});
  REQUIRE(found.size() == 1);
  std::optional<Money> amount = found.front().amount;
  wxString tip = ui::ExactCellText(payments, first, 2);
  CAPTURE(ToStd(tip));
  CHECK(tip.StartsWith(U8(amount->FormatYuan())));
  CHECK(tip.Contains(U8(amount->FormatWan(2, 6))));
  CHECK(ui::ExactCellText(payments, first, 1).empty());  // the voucher is no amount
  REQUIRE(panel->ContractsList()->GetItemCount() >= 1);
  CHECK(!ui::ExactCellText(panel->ContractsList(), panel->ContractsList()->RowToItem(0), 3).empty());
}
