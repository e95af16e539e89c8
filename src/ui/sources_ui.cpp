#include "ui/sources_ui.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/sizer.h>
#include <wx/xrc/xmlres.h>

#include <map>

#include "app/actions.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/dialogs.h"
#include "ui/list_util.h"
#include "ui/undo.h"
#include "ui/units.h"
#include "ui/wxutil.h"

namespace sb::ui {

SourcesDialog::SourcesDialog(wxWindow* parent, app::Session& session, wxCommandProcessor* commands,
                             std::function<void()> reload)
    : session_(session), commands_(commands), reload_(std::move(reload)) {
  wxXmlResource::Get()->LoadDialog(this, parent, "SourcesDialog");
  list_ = MakeList(this, {{TRN("来源编号"), 11}, {TRN("资金来源"), 34}, {TRN("类型"), 12}, {TRN("年度"), 6, true},
                          {TRN("金额"), 13, true}, {TRN("已下达"), 13, true}, {TRN("文号"), 18}});
  wxXmlResource::Get()->AttachUnknownControl("SourceList", list_, this);
  list_->SetMinSize(FromDIP(wxSize(760, 320)));
  XRCCTRL(*this, "AddSource", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddNew(); });
  XRCCTRL(*this, "EditSource", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EditSelected(); });
  XRCCTRL(*this, "DeleteSource", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { DeleteSelected(); });
  for (const char* name : {"EditSource", "DeleteSource"})
    XRCCTRL(*this, name, wxButton)->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(SelectedId() != 0); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
  SetEscapeId(wxID_CLOSE);
  list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { EditSelected(); });
  Fill();
  GetSizer()->SetSizeHints(this);
  CentreOnParent();
}

void SourcesDialog::Fill() {
  Id keep = SelectedId();
  list_->DeleteAllItems();
  const Portfolio& pf = session_.analysis().portfolio;
  std::map<Id, Money> committed;
  for (const auto& a : pf.allocations) committed[a.sourceId] += a.amount;
  for (const auto& s : pf.sources)
    AppendRow(list_, {s.code, s.name, s.kind, ListCell::Count(s.year), s.amount, committed[s.id], s.docNo},
              static_cast<wxUIntPtr>(s.id));
  if (keep) Select(keep);
}

Id SourcesDialog::SelectedId() const { return list_ ? static_cast<Id>(SelectedData(list_)) : 0; }

void SourcesDialog::Select(Id id) {
  for (unsigned i = 0; i < static_cast<unsigned>(list_->GetItemCount()); ++i)
    if (static_cast<Id>(list_->GetItemData(list_->RowToItem(static_cast<int>(i)))) == id) {
      list_->SelectRow(i);
      list_->EnsureVisible(list_->RowToItem(static_cast<int>(i)));
      return;
    }
}

bool SourcesDialog::AddNew() {
  FundingSource s;
  s.year = session_.today().year();
  if (!EditSourceDialog(this, session_, s)) return false;
  RecordCreation<FundingSource>(commands_, &session_, {{std::nullopt, s}},
                                [](app::Session& ss, const FundingSource& x) { app::DeleteSource(ss, x.id, x.rowVersion); },
                                app::SaveSource, TR("新增资金来源 ") + U8(s.code), reload_);
  changed_ = true;
  Fill();
  Select(s.id);
  return true;
}

bool SourcesDialog::EditSelected() {
  const FundingSource* found = session_.analysis().portfolio.FindSource(SelectedId());
  if (!found) return false;
  FundingSource before = *found, s = before;
  if (!EditSourceDialog(this, session_, s)) return false;
  RecordEdit<FundingSource>(commands_, &session_, before, s, app::SaveSource, TR("修改资金来源 ") + U8(s.code),
                            reload_);
  changed_ = true;
  Fill();
  return true;
}

bool SourcesDialog::DeleteSelected() {
  const FundingSource* found = session_.analysis().portfolio.FindSource(SelectedId());
  if (!found) return false;
  const FundingSource s = *found;
  // Refused first, rather than asked and then refused.
  try {
    app::CheckDeleteSource(session_, s.id);
  } catch (const Error& e) {
    CurrentPrompter().Error(this, wxString::Format(TR("不能删除资金来源“%s”"), U8(s.name)), U8(e.detail()));
    return false;
  }
  if (!CurrentPrompter().Confirm(this, wxString::Format(TR("删除资金来源“%s”？"), U8(s.name)),
                                 TR("没有任何下达、到位或拨付记录引用它。删除会记入历史。")))
    return false;
  try {
    app::DeleteSource(session_, s.id, s.rowVersion);
  } catch (const Error& e) {
    CurrentPrompter().Error(this, wxString::Format(TR("不能删除资金来源“%s”"), U8(s.name)), U8(e.detail()));
    return false;
  }
  changed_ = true;
  Fill();
  return true;
}

}  // namespace sb::ui
