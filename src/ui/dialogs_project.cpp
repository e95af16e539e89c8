// Project, budget and procedure-step dialogs (forms/dialogs.xrc).
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <set>

#include "core/translate.h"
#include "core/rules.h"
#include "core/text.h"
#include "app/actions.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

// ---- project -----------------------------------------------------------------------

ProjectDialog::ProjectDialog(wxWindow* parent, app::Session& session, const Project& project)
    : EditDialog(session), work_(project), saved_(project) {
  std::set<std::string> townships, programmes;
  for (const auto& p : session_.analysis().portfolio.projects) {
    townships.insert(p.township);
    if (!p.programme.empty()) programmes.insert(p.programme);
  }

  LoadForm(parent, "ProjectDialog");
  SetTitle(project.id == 0 ? TR("新建项目") : TR("编辑项目") + " — " + U8(project.code));
  auto* town = XRCCTRL(*this, "Township", wxComboBox);
  for (const auto& t : townships) town->Append(U8(t));
  // The county's programmes so far: one spelling each, so that the report groups them.
  auto* programme = XRCCTRL(*this, "Programme", wxComboBox);
  for (const auto& t : programmes) programme->Append(U8(t));
  programme->SetHint(TR("如 2019年寄宿制学校建设；可不填"));

  BindText("Code", "项目编号", work_.code);
  BindEnum("Status", work_.status);
  BindText("Name", "项目名称", work_.name);
  BindText("School", "建设单位", work_.school);
  BindText("Township", "乡镇", work_.township);
  BindEnum("Stage", work_.stage);
  BindEnum("Category", work_.category);
  BindEnum("Nature", work_.nature);
  BindParsed(
      "FloorArea", "建筑面积",
      [this] { return work_.floorArea.centi() == 0 ? wxString() : U8(work_.floorArea.Format()); },
      [this](const std::string& s) { work_.floorArea = Area::Parse(s); });
  BindOptionalDate("PlannedStart", "计划开工", work_.plannedStart);
  BindOptionalDate("PlannedFinish", "计划竣工", work_.plannedFinish);
  BindOptionalDate("ActualStart", "实际开工", work_.actualStart);
  BindOptionalDate("ActualFinish", "实际竣工", work_.actualFinish);
  BindText("Programme", "项目批次", work_.programme);
  BindText("Note", "备注", work_.note);

  TransferDataToWindow();
  FinishLayout(76);
  Text("Code")->SetFocus();
}

bool ProjectDialog::Write() {
  Project p = work_;
  app::SaveProject(session_, p);
  saved_ = p;
  work_.id = p.id;
  work_.rowVersion = p.rowVersion;
  return true;
}

// ---- budget ------------------------------------------------------------------------

namespace {
std::string AmountCtrl(size_t i) { return "Amount" + std::to_string(i); }
}  // namespace

BudgetDialog::BudgetDialog(wxWindow* parent, app::Session& session, Id projectId)
    : EditDialog(session), projectId_(projectId) {
  Project p = storage::ProjectById(db_, projectId);
  for (const auto& line : storage::BudgetLinesByProject(db_, projectId)) {
    auto i = static_cast<size_t>(line.category);
    stored_[i] = line;
    amounts_[i] = line.amount;
  }

  LoadForm(parent, "BudgetDialog");
  SetTitle(TR("概算") + " — " + U8(p.code));
  SetHeader(U8(Tr("%s（%s）· 概算按费用类别，单位：万元", p.name.c_str(), p.code.c_str())));
  for (size_t i = 0; i < amounts_.size(); ++i) {
    std::string name = AmountCtrl(i);
    BindMoney(name.c_str(), EnumInfo<CostCategory>::names[i], amounts_[i], /*emptyIsZero=*/true);
    Text(name.c_str())->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateTotal(); });
  }
  total_ = XRCCTRL(*this, "Total", wxStaticText);

  TransferDataToWindow();
  UpdateTotal();
  FinishLayout(44);
  Text("Amount0")->SetFocus();
}

wxString BudgetDialog::TotalText() const { return total_ ? total_->GetLabelText() : wxString(); }

void BudgetDialog::UpdateTotal() {
  Money sum;
  for (size_t i = 0; i < amounts_.size(); ++i) {
    std::string text = ToStd(Text(AmountCtrl(i).c_str())->GetValue());
    if (Trim(text).empty()) continue;
    try {
      sum += Money::Parse(text, MoneyUnit::Wan);
    } catch (const Error&) {
      total_->SetLabelText(U8(Tr("—（%s的金额无法识别）", TRs(EnumInfo<CostCategory>::names[i]).c_str())));
      Layout();
      return;
    }
  }
  total_->SetLabelText(U8(sum.FormatWan(2, 6)));
  Layout();
}

bool BudgetDialog::Write() {
  app::SaveBudget(session_, projectId_, amounts_, stored_);
  return true;
}

// ---- procedure step ----------------------------------------------------------------

ProcedureStepDialog::ProcedureStepDialog(wxWindow* parent, app::Session& session,
                                         const ProcedureStep& step)
    : EditDialog(session), work_(step), saved_(step) {
  Project p = storage::ProjectById(db_, step.projectId);
  ProcedureTemplateStep t;
  for (const auto& s : storage::ProcedureTemplate(db_))
    if (s.id == step.templateId) t = s;
  if (t.id == 0)
    Fail(ErrorCode::NotFound, Tr("前期手续模板中没有这一步（编号 %lld）", static_cast<long long>(step.templateId)));

  LoadForm(parent, "ProcedureStepDialog");
  SetTitle(TR("前期手续") + " — " + TR(t.name.c_str()));
  // TRANSLATORS: the project, the step's number and name.
  std::string header = Tr("%s（%s）\n第 %d 步：%s", p.name.c_str(), p.code.c_str(), static_cast<int>(t.order),
                          TRs(t.name.c_str()).c_str()) +
                       (t.issuer.empty() ? std::string() : Tr("（%s）", TRs(t.issuer.c_str()).c_str())) +
                       (t.requiredBeforeStart ? Tr("，开工前必须办结或注明不适用") : std::string());
  SetHeader(U8(header));

  BindEnum("Status", work_.status);
  BindOptionalDate("PlannedDate", "计划日期", work_.plannedDate);
  wxTextCtrl* done = Text("DoneDate");
  BindParsed(
      "DoneDate", "完成日期", [this] { return U8(FormatDate(work_.doneDate)); },
      [this, done](const std::string& s) {
        // Only 已办结 has a done date; the field is greyed otherwise and its text ignored.
        work_.doneDate = done->IsEnabled() ? ParseOptionalDate(s) : std::nullopt;
      });
  BindText("DocNo", "批文号", work_.docNo);
  BindText("Note", "备注", work_.note);
  // Extensions belong to the building permit only (建筑法 第九条).
  BindParsed(
      "Extensions", "延期次数",
      [this] { return work_.extensions ? wxString::Format("%d", work_.extensions) : wxString(); },
      [this](const std::string& s) {
        std::string text = Trim(s);
        if (text.empty()) {
          work_.extensions = 0;
          return;
        }
        if (text.size() != 1 || text[0] < '0' || text[0] > '9')
          Fail(ErrorCode::InvalidInput, Tr("延期次数“%s”应填 0、1 或 2", text.c_str()));
        work_.extensions = text[0] - '0';
      });
  if (t.name != kStepBuildingPermit) {
    Text("Extensions")->Hide();
    if (wxWindow* label = FindWindow(wxXmlResource::GetXRCID("ExtensionsLabel"))) label->Hide();
  }
  Choice("Status")->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { UpdateDoneDate(); });

  TransferDataToWindow();
  UpdateDoneDate();
  FinishLayout(64);
  Choice("Status")->SetFocus();
}

void ProcedureStepDialog::UpdateDoneDate() {
  Text("DoneDate")->Enable(Choice("Status")->GetSelection() == static_cast<int>(StepStatus::Done));
}

bool ProcedureStepDialog::Write() {
  ProcedureStep s = work_;
  if (s.status != StepStatus::Done) s.doneDate.reset();
  app::SaveProcedureStep(session_, s);
  saved_ = s;
  work_.id = s.id;
  work_.rowVersion = s.rowVersion;
  return true;
}

}  // namespace sb::ui
