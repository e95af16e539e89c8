// Monthly progress: one entry, and the walker that records a month for every project
// under construction.
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/text.h"
#include "core/validate.h"
#include "app/actions.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
std::string PreviousText(const std::optional<ProgressEntry>& prev) {
  if (!prev) return "上月：没有更早的进度记录。";
  std::string s = "上月（" + prev->month.FormatChinese() + "）：形象进度 " + prev->percent.Format() +
                  "%，累计完成投资 " + prev->invested.FormatWan(2, 6) + " 万元";
  if (!prev->description.empty()) s += "；" + prev->description;
  if (!prev->problems.empty()) s += "\n存在问题：" + prev->problems;
  return s + "。";
}
}  // namespace

ProgressDialog::ProgressDialog(wxWindow* parent, app::Session& session, const ProgressEntry& entry,
                               const ProgressEntry* previous)
    : EditDialog(session) {
  Project p = storage::ProjectById(db_, entry.projectId);
  LoadForm(parent, "ProgressDialog");
  BindFields();
  XRCCTRL(*this, "Skip", wxButton)->Hide();
  SetTitle(TR("月度进度") + " — " + U8(p.code));
  ProgressEntry shown = entry;
  if (entry.id == 0 && entry.month == YearMonth())
    shown.month = previous ? previous->month.Next() : YearMonth::Of(session_.today());
  if (entry.id == 0 && previous && entry.percent == Percent() && entry.invested.IsZero()) {
    // Both figures are cumulative: last month's are where this month starts.
    shown.percent = previous->percent;
    shown.invested = previous->invested;
  }
  ShowEntry(shown, previous ? std::optional<ProgressEntry>(*previous) : std::nullopt,
            U8(p.name + "（" + p.code + "）"));
  // The month of a stored entry is its key; a new entry may be for any month.
  Text("Month")->Enable(entry.id == 0);
  FinishLayout(76);
  (entry.id == 0 ? Text("Month") : Text("Percent"))->SetFocus();
}

ProgressDialog::ProgressDialog(wxWindow* parent, app::Session& session, WalkerTag)
    : EditDialog(session) {
  LoadForm(parent, "ProgressDialog");
  BindFields();
}

void ProgressDialog::BindFields() {
  BindParsed("Month", "月份", [this] { return U8(work_.month.Format()); },
             [this](const std::string& s) {
               if (Trim(s).empty()) Fail(ErrorCode::InvalidInput, "月份不能为空（格式如 2020-06）");
               work_.month = YearMonth::Parse(s);
             });
  BindParsed("Percent", "形象进度", [this] { return U8(work_.percent.Format()); },
             [this](const std::string& s) {
               if (Trim(s).empty()) Fail(ErrorCode::InvalidInput, "形象进度不能为空（0 到 100，一位小数）");
               work_.percent = Percent::Parse(s);
             });
  BindMoney("Invested", "累计完成投资", work_.invested, /*emptyIsZero=*/true);
  BindText("Description", "形象进度描述", work_.description);
  BindText("Problems", "存在问题", work_.problems);
  BindText("NextSteps", "下步计划", work_.nextSteps);
}

void ProgressDialog::ShowEntry(const ProgressEntry& entry,
                               const std::optional<ProgressEntry>& previous,
                               const wxString& header) {
  work_ = entry;
  saved_ = entry;
  previous_ = previous;
  SetHeader(header);
  auto* prev = XRCCTRL(*this, "Previous", wxStaticText);
  prev->SetLabelText(U8(PreviousText(previous)));
  TransferDataToWindow();
  Layout();
}

bool ProgressDialog::Write() {
  ProgressEntry e = work_;
  if (previous_ && e.percent < previous_->percent && Trim(e.problems).empty())
    Fail(ErrorCode::InvalidInput,
         "存在问题必须填写：形象进度 " + e.percent.Format() + "% 低于" +
             previous_->month.FormatChinese() + "的 " + previous_->percent.Format() +
             "%，进度不会倒退，请说明原因（如返工、核减）");
  app::SaveProgress(session_, e);
  saved_ = e;
  work_.id = e.id;
  work_.rowVersion = e.rowVersion;
  return true;
}

// ---- the annual plan ---------------------------------------------------------------

PlanDialog::PlanDialog(wxWindow* parent, app::Session& session, const AnnualPlan& plan)
    : EditDialog(session), work_(plan), saved_(plan) {
  Project p = storage::ProjectById(db_, plan.projectId);
  if (work_.year == 0) work_.year = session_.today().year();
  LoadForm(parent, "PlanDialog");
  SetTitle(TR("年度计划") + " — " + U8(p.code));
  SetHeader(U8(p.name + "（" + p.code + "）"));
  BindParsed("Year", "年度", [this] { return wxString::Format("%d", work_.year); },
             [this](const std::string& s) {
               int year = ParseYear(s);
               // Another year's plan of the same project is its own row: edit that one.
               if (year != work_.year) {
                 work_.id = 0;
                 work_.rowVersion = 0;
               }
               work_.year = year;
             });
  BindMoney("Amount", "年度计划投资", work_.amount);
  BindText("Note", "备注", work_.note);
  TransferDataToWindow();
  FinishLayout(52);
  Text("Amount")->SetFocus();
}

bool PlanDialog::Write() {
  AnnualPlan a = work_;
  app::SavePlan(session_, a);
  saved_ = a;
  work_.id = a.id;
  work_.rowVersion = a.rowVersion;
  return true;
}

// ---- the monthly walker ------------------------------------------------------------

MonthlyProgressDialog::MonthlyProgressDialog(wxWindow* parent, app::Session& session,
                                             YearMonth month)
    : ProgressDialog(parent, session, WalkerTag{}), month_(month) {
  const Portfolio& pf = session_.analysis().portfolio;
  for (const auto& p : pf.projects) {
    if (p.status != ProjectStatus::UnderConstruction && p.status != ProjectStatus::Suspended)
      continue;
    Page page{p, std::nullopt, std::nullopt};
    for (const auto& e : pf.progress) {  // by project, then month
      if (e.projectId != p.id) continue;
      if (e.month == month) page.existing = e;
      if (e.month < month) page.previous = e;
    }
    pages_.push_back(std::move(page));
  }

  SetTitle(TR("录入本月进度") + " — " + U8(month.Format()));
  auto* skip = XRCCTRL(*this, "Skip", wxButton);
  skip->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { SkipCurrent(); });
  static_cast<wxButton*>(FindWindow(wxID_OK))->SetLabel(TR("保存并下一个(&S)"));
  static_cast<wxButton*>(FindWindow(wxID_CANCEL))->SetLabel(TR("结束(&E)"));
  Text("Month")->Disable();
  ShowPage();
  FinishLayout(76);
  Text("Percent")->SetFocus();
  Text("Percent")->SelectAll();
}

const Project* MonthlyProgressDialog::current() const {
  return pos_ < pages_.size() ? &pages_[pos_].project : nullptr;
}

void MonthlyProgressDialog::ShowPage() {
  if (pos_ >= pages_.size()) return;
  const Page& page = pages_[pos_];
  ProgressEntry e;
  if (page.existing) {
    e = *page.existing;
  } else if (page.previous) {
    // Last month's values as the starting point: a project that did not move is one Enter.
    e = *page.previous;
    e.id = 0;
    e.rowVersion = 0;
  }
  e.projectId = page.project.id;
  e.month = month_;
  std::string header = "第 " + std::to_string(pos_ + 1) + " / " + std::to_string(pages_.size()) +
                       " 个：" + page.project.name + "（" + page.project.code + "，" +
                       TRs(Name(page.project.status).data()) + "）";
  if (page.existing) header += "　本月已填报，保存将更新";
  ShowEntry(e, page.previous, U8(header));
  Text("Percent")->SetFocus();
  Text("Percent")->SelectAll();
}

bool MonthlyProgressDialog::AcceptCurrent() {
  if (pos_ >= pages_.size() || !Save()) return false;
  ++saved_;
  ++pos_;
  ShowPage();
  return true;
}

void MonthlyProgressDialog::SkipCurrent() {
  if (pos_ >= pages_.size()) return;
  ++pos_;
  ShowPage();
  if (pos_ >= pages_.size() && IsModal()) EndModal(wxID_OK);
}

void MonthlyProgressDialog::OnAccept() {
  if (AcceptCurrent() && pos_ >= pages_.size() && IsModal()) EndModal(wxID_OK);
}

}  // namespace sb::ui
