// Monthly progress: one entry, and the walker that records a month for every project
// under construction.
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/translate.h"
#include "core/text.h"
#include "core/validate.h"
#include "app/actions.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/units.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
// "上月" is the month before the one being recorded; when that month has no entry, the
// latest earlier one is named with its own month (it is still where the cumulative
// figures start from).
wxString PreviousText(const std::optional<ProgressEntry>& prev, YearMonth month) {
  YearMonth before = month.Prev();
  if (!prev)
    // TRANSLATORS: %s is a month ("2026年10月"); the project has no progress entry at all.
    return wxString::Format(TR("上月（%s）：没有进度记录，也没有更早的。"), MonthLabel(before));
  // TRANSLATORS: %s%% is the % complete ("45.0%"), the second %s an amount in 万元.
  wxString figures = wxString::Format(TR("形象进度 %s%%，累计完成投资 %s 万元"), U8(prev->percent.Format()),
                                      U8(prev->invested.FormatWan(2, 6)));
  if (!prev->description.empty()) figures += TR("；") + U8(prev->description);
  wxString s = prev->month == before
                   ? wxString::Format(TR("上月（%s）：%s"), MonthLabel(before), figures)
                   // TRANSLATORS: the month before has no entry; the latest earlier one is shown.
                   : wxString::Format(TR("上月（%s）没有进度记录；最近一次是%s：%s"), MonthLabel(before),
                                      MonthLabel(prev->month), figures);
  s += TR("。");
  if (!prev->problems.empty()) s += "\n" + TR("存在问题：") + U8(prev->problems);
  return s;
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
               if (Trim(s).empty()) Fail(ErrorCode::InvalidInput, Tr("月份不能为空（格式如 2020-06）"));
               work_.month = YearMonth::Parse(s);
             });
  BindParsed("Percent", "形象进度", [this] { return U8(work_.percent.Format()); },
             [this](const std::string& s) {
               if (Trim(s).empty()) Fail(ErrorCode::InvalidInput, Tr("形象进度不能为空（0 到 100，一位小数）"));
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
  prev->SetLabelText(PreviousText(previous, entry.month));
  TransferDataToWindow();
  Layout();
}

bool ProgressDialog::Write() {
  ProgressEntry e = work_;
  if (previous_ && e.percent < previous_->percent && Trim(e.problems).empty())
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: the new % complete, the month before and its % complete.
         Tr("存在问题必须填写：形象进度 %s%% 低于%d年%d月的 %s%%，进度不会倒退，请说明原因（如返工、核减）",
            e.percent.Format().c_str(), previous_->month.year(), previous_->month.month(),
            previous_->percent.Format().c_str()));
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

  // TRANSLATORS: the walker's title; %s is the month being recorded ("2026年11月").
  SetTitle(wxString::Format(TR("录入进度 — %s"), MonthLabel(month)));
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
  // TRANSLATORS: the walker's header: page %zu of %zu, then project name, code and status.
  wxString header = wxString::Format(TR("第 %zu / %zu 个：%s（%s，%s）"), pos_ + 1, pages_.size(),
                                     U8(page.project.name), U8(page.project.code),
                                     TR(Name(page.project.status).data()));
  if (page.existing) header += TR("　本月已填报，保存将更新");
  ShowEntry(e, page.previous, header);
  Text("Percent")->SetFocus();
  Text("Percent")->SelectAll();
}

bool MonthlyProgressDialog::AcceptCurrent() {
  if (pos_ >= pages_.size() || !Save()) return false;
  changes_.push_back({pages_[pos_].existing, entry()});
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
