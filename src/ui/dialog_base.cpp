// The common behaviour of the editing dialogs: validators that parse what a clerk types
// and refuse with the field's name, the in-form refusal line, and the prompter.
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/gbsizer.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/valgen.h>
#include <wx/xrc/xmlres.h>

#include <stdexcept>

#include "core/text.h"
#include "core/translate.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

// ---- prompter ----------------------------------------------------------------------

void Prompter::Error(wxWindow* parent, const wxString& message, const wxString& detail) {
  ShowError(parent, message, detail);
}

bool Prompter::Confirm(wxWindow* parent, const wxString& message, const wxString& detail) {
  wxMessageDialog dlg(parent, message, TR("校建通"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  dlg.SetYesNoLabels(TR("确认(&Y)"), TR("返回修改(&N)"));
  if (!detail.empty()) dlg.SetExtendedMessage(detail);
  return dlg.ShowModal() == wxID_YES;
}

void Prompter::Info(wxWindow* parent, const wxString& message, const wxString& detail) {
  wxMessageDialog dlg(parent, message, TR("校建通"), wxOK | wxICON_INFORMATION);
  if (!detail.empty()) dlg.SetExtendedMessage(detail);
  dlg.ShowModal();
}

namespace {
Prompter gDefaultPrompter;
Prompter* gPrompter = &gDefaultPrompter;

/// "label：detail", unless the detail already starts with the label.
// A field's name as a refusal says it: the "field" context first ("Payment date"), else
// the plain text (a list's column), else as written.
std::string FieldWord(const char* label) {
  std::string t = TrC("field", label);
  return t == label ? Tr(label) : t;
}

wxString Named(const wxString& label, const std::string& detail) {
  wxString d = U8(detail);
  if (label.empty() || d.StartsWith(label)) return d;
  return U8(Tr("%s：%s", ToStd(label).c_str(), detail.c_str()));
}

EditDialog* OwnerDialog(wxWindow* w) {
  return dynamic_cast<EditDialog*>(wxGetTopLevelParent(w));
}

/// A text field bound to a typed value through two functions: `load` formats the value
/// for the window, `store` parses the text into the value and throws Error when it
/// cannot. Validate() and TransferFromWindow() both store, so the value is only used
/// after every field of the form has been read successfully.
class TextFieldValidator : public wxValidator {
 public:
  TextFieldValidator(wxString label, std::function<wxString()> load,
                     std::function<void(const std::string&)> store)
      : label_(std::move(label)), load_(std::move(load)), store_(std::move(store)) {}
  TextFieldValidator(const TextFieldValidator& o)
      : wxValidator(), label_(o.label_), load_(o.load_), store_(o.store_) {
    Copy(o);
  }
  wxObject* Clone() const override { return new TextFieldValidator(*this); }

  bool TransferToWindow() override {
    if (auto* e = Entry()) e->ChangeValue(load_());
    return true;
  }
  bool Validate(wxWindow*) override { return Store(); }
  bool TransferFromWindow() override { return Store(); }

 private:
  wxTextEntry* Entry() const { return dynamic_cast<wxTextEntry*>(GetWindow()); }
  bool Store() {
    auto* e = Entry();
    if (!e) return true;
    try {
      store_(ToStd(e->GetValue()));
      return true;
    } catch (const sb::Error& err) {
      if (auto* dlg = OwnerDialog(GetWindow())) dlg->Refuse(GetWindow(), Named(label_, err.detail()));
      return false;
    }
  }

  wxString label_;
  std::function<wxString()> load_;
  std::function<void(const std::string&)> store_;
};

/// A wxChoice bound to an index; no selection is refused ("请选择…").
class ChoiceValidator : public wxValidator {
 public:
  ChoiceValidator(wxString label, std::function<int()> load, std::function<void(int)> store)
      : label_(std::move(label)), load_(std::move(load)), store_(std::move(store)) {}
  ChoiceValidator(const ChoiceValidator& o)
      : wxValidator(), label_(o.label_), load_(o.load_), store_(o.store_) {
    Copy(o);
  }
  wxObject* Clone() const override { return new ChoiceValidator(*this); }

  bool TransferToWindow() override {
    auto* c = Ctrl();
    int i = load_();
    c->SetSelection(i >= 0 && i < static_cast<int>(c->GetCount()) ? i : wxNOT_FOUND);
    return true;
  }
  bool Validate(wxWindow*) override {
    if (Ctrl()->GetSelection() != wxNOT_FOUND) return true;
    if (auto* dlg = OwnerDialog(GetWindow())) dlg->Refuse(GetWindow(), TR("请选择") + label_);
    return false;
  }
  bool TransferFromWindow() override {
    if (!Validate(nullptr)) return false;
    store_(Ctrl()->GetSelection());
    return true;
  }

 private:
  wxChoice* Ctrl() const { return static_cast<wxChoice*>(GetWindow()); }
  wxString label_;
  std::function<int()> load_;
  std::function<void(int)> store_;
};

wxWindow* MustFind(wxWindow* parent, const char* name) {
  wxWindow* w = wxWindow::FindWindowById(wxXmlResource::GetXRCID(name), parent);
  if (!w) throw std::logic_error(std::string("form control missing: ") + name);
  return w;
}
}  // namespace

Prompter* SetPrompter(Prompter* p) {
  Prompter* old = gPrompter == &gDefaultPrompter ? nullptr : gPrompter;
  gPrompter = p ? p : &gDefaultPrompter;
  return old;
}

Prompter& CurrentPrompter() { return *gPrompter; }

// ---- EditDialog --------------------------------------------------------------------

void EditDialog::LoadForm(wxWindow* parent, const char* name) {
  if (!wxXmlResource::Get()->LoadDialog(this, parent, name))
    throw std::logic_error(std::string("form missing from forms/dialogs.xrc: ") + name);
  refusalText_ = XRCCTRL(*this, "Refusal", wxStaticText);
  Bind(wxEVT_BUTTON, &EditDialog::OnOk, this, wxID_OK);
  // Enter saves even when Tab has moved the focus to 取消 (the budget dialog's trap: the
  // clerk types the last amount, Tab, Enter — and lost the form). Esc still cancels.
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    wxWindow* focus = FindFocus();
    if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) && !e.HasModifiers() && focus &&
        focus->GetId() == wxID_CANCEL) {
      wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
      ok.SetEventObject(FindWindow(wxID_OK));
      ProcessWindowEvent(ok);
      return;
    }
    e.Skip();
  });
}

namespace {
bool IsInput(wxWindow* w) {
  if (auto* t = dynamic_cast<wxTextCtrl*>(w)) return !t->IsMultiLine();
  return dynamic_cast<wxChoice*>(w) || dynamic_cast<wxComboBox*>(w);
}

/// Gives the inputs of every form grid the same width, so that the two field columns of
/// a form share its width evenly instead of following the longest list entry.
void EvenColumns(wxSizer* sizer, int fieldWidth) {
  for (wxSizerItem* item : sizer->GetChildren()) {
    if (item->IsSizer()) EvenColumns(item->GetSizer(), fieldWidth);
    if (!item->IsWindow() || !IsInput(item->GetWindow())) continue;
    auto* grid = dynamic_cast<wxGridBagSizer*>(sizer);
    auto* gitem = dynamic_cast<wxGBSizerItem*>(item);
    if (!grid || !gitem) continue;
    int span = gitem->GetSpan().GetColspan();
    // A field spanning the form must not set the width of the last column it spans.
    item->GetWindow()->SetMinSize(wxSize(span > 1 ? fieldWidth * 2 : fieldWidth, -1));
  }
}
}  // namespace

void EditDialog::FinishLayout(int chars) {
  for (wxWindow* w : GetChildren())
    if (auto* t = dynamic_cast<wxTextCtrl*>(w); t && t->IsMultiLine())
      t->SetMinSize(wxSize(-1, t->GetCharHeight() * 4));
  EvenColumns(GetSizer(), GetCharWidth() * 20);
  GetSizer()->SetMinSize(wxSize(GetCharWidth() * chars, -1));
  GetSizer()->SetSizeHints(this);
  if (GetParent()) CentreOnParent();
  // A refusal concerns what was typed; typing again or choosing again takes it away.
  auto clear = [this](wxCommandEvent& e) {
    if (!refusal_.empty() && e.GetEventObject() == refusedField_) ClearRefusal();
    e.Skip();
  };
  Bind(wxEVT_TEXT, clear);
  Bind(wxEVT_CHOICE, clear);
}

namespace {
template <class T> T* Typed(wxWindow* parent, const char* name) {
  auto* t = dynamic_cast<T*>(MustFind(parent, name));
  if (!t) throw std::logic_error(std::string("form control of another type: ") + name);
  return t;
}
}  // namespace

wxTextCtrl* EditDialog::Text(const char* name) { return Typed<wxTextCtrl>(this, name); }
wxChoice* EditDialog::Choice(const char* name) { return Typed<wxChoice>(this, name); }
wxCheckBox* EditDialog::CheckBox(const char* name) { return Typed<wxCheckBox>(this, name); }

void EditDialog::SetHeader(const wxString& text) {
  auto* h = XRCCTRL(*this, "Header", wxStaticText);
  if (!h) return;
  wxFont f = h->GetFont();
  f.SetWeight(wxFONTWEIGHT_BOLD);
  h->SetFont(f);
  h->SetLabelText(text);
}

void EditDialog::NameField(const std::string& word, wxWindow* field) {
  fieldNames_.emplace_back(word, field);
}

wxWindow* EditDialog::FieldFor(const std::string& message) const {
  wxWindow* best = nullptr;
  size_t bestPos = std::string::npos;
  for (const auto& [word, field] : fieldNames_) {
    size_t pos = message.find(word);
    if (pos < bestPos) {
      bestPos = pos;
      best = field;
    }
  }
  return best;
}

void EditDialog::BindParsed(const char* ctrl, const char* label, std::function<wxString()> load,
                            std::function<void(const std::string&)> parse) {
  wxWindow* w = MustFind(this, ctrl);
  w->SetValidator(TextFieldValidator(U8(FieldWord(label)), std::move(load), std::move(parse)));
  NameField(label, w);
  if (FieldWord(label) != label) NameField(FieldWord(label), w);  // a translated message names it so
}

void EditDialog::BindText(const char* ctrl, const char* label, std::string& target) {
  BindParsed(ctrl, label, [&target] { return U8(target); },
             [&target](const std::string& s) { target = Trim(s); });
}

void EditDialog::BindMoney(const char* ctrl, const char* label, Money& target, bool emptyIsZero) {
  std::string name = FieldWord(label);
  BindParsed(
      ctrl, label,
      [&target, emptyIsZero] {
        return target.IsZero() && emptyIsZero ? wxString() : U8(target.FormatWan(2, 6, true));
      },
      [&target, emptyIsZero, name](const std::string& s) {
        if (Trim(s).empty()) {
          if (!emptyIsZero) Fail(ErrorCode::InvalidInput, Tr("%s不能为空", name.c_str()));
          target = Money();
          return;
        }
        target = Money::Parse(s, MoneyUnit::Wan);
      });
}

void EditDialog::BindDate(const char* ctrl, const char* label, Date& target) {
  std::string name = FieldWord(label);
  BindParsed(
      ctrl, label, [&target] { return target.is_special() ? wxString() : U8(FormatDate(target)); },
      [&target, name](const std::string& s) {
        // TRANSLATORS: a date field's name.
        if (Trim(s).empty()) Fail(ErrorCode::InvalidInput, Tr("%s不能为空（格式如 2020-06-30）", name.c_str()));
        target = ParseDate(s);
      });
}

void EditDialog::BindOptionalDate(const char* ctrl, const char* label,
                                  std::optional<Date>& target) {
  BindParsed(ctrl, label, [&target] { return U8(FormatDate(target)); },
             [&target](const std::string& s) { target = ParseOptionalDate(s); });
}

void EditDialog::BindChoice(const char* ctrl, const char* label, std::function<int()> load,
                            std::function<void(int)> store) {
  wxWindow* w = MustFind(this, ctrl);
  w->SetValidator(ChoiceValidator(U8(FieldWord(label)), std::move(load), std::move(store)));
  NameField(label, w);
  if (FieldWord(label) != label) NameField(FieldWord(label), w);
}

void EditDialog::FillEnumChoice(const char* ctrl, const char* const* names, size_t n) {
  wxChoice* c = Choice(ctrl);
  c->Clear();
  for (size_t i = 0; i < n; ++i) c->Append(TR(names[i]));  // canonical value stored, translated shown
}

void EditDialog::ClearRefusal() {
  refusal_.clear();
  refusedField_ = nullptr;
  if (refusalText_) refusalText_->SetLabelText(wxString());
}

void EditDialog::Refuse(wxWindow* field, const wxString& message) {
  refusal_ = message;
  refusedField_ = field;
  if (refusalText_) {
    refusalText_->SetLabelText(message);
    WrapText(refusalText_, std::max(GetClientSize().x - FromDIP(24), FromDIP(200)));
    wxSize need = GetSizer()->ComputeFittingClientSize(this);
    wxSize have = GetClientSize();
    if (need.y > have.y) SetClientSize(have.x, need.y);
    Layout();
  }
  if (field) {
    field->SetFocus();
    if (auto* t = dynamic_cast<wxTextEntry*>(field)) t->SelectAll();
  }
  wxBell();
}

bool EditDialog::Save() {
  ClearRefusal();
  // Validate() stops at the first field it cannot read, in the order of the form.
  if (!Validate() || !TransferDataFromWindow()) return false;
  try {
    if (!Write()) return false;
  } catch (const sb::Error& e) {
    switch (e.code()) {
      case ErrorCode::Conflict:
      case ErrorCode::NotFound:
        Refuse(nullptr, U8(e.detail()));
        CurrentPrompter().Error(
            this, TR("没有保存：这条记录已被其他人修改或删除"),
            // TRANSLATORS: %s says who changed or deleted the record.
            wxString::Format(TR("%s。\n您填写的内容仍在窗口中，可以先抄下来；取消后刷新，再重新编辑。"), U8(e.detail())));
        break;
      case ErrorCode::Database:
      case ErrorCode::Io:
      case ErrorCode::FileMissing:
      case ErrorCode::NewerSchema:
        Refuse(nullptr, TR("没有保存：") + U8(e.detail()));
        CurrentPrompter().Error(this, TR("保存失败，数据库没有改动"), U8(e.detail()));
        break;
      default:
        Refuse(FieldFor(e.detail()), U8(e.detail()));
    }
    return false;
  } catch (const std::exception& e) {
    Refuse(nullptr, TR("没有保存：") + U8(e.what()));
    CurrentPrompter().Error(this, TR("保存失败，数据库没有改动"), U8(e.what()));
    return false;
  }
  ClearRefusal();
  return true;
}

void EditDialog::OnOk(wxCommandEvent&) { OnAccept(); }

void EditDialog::OnAccept() {
  if (!Save()) return;
  if (IsModal())
    EndModal(wxID_OK);
  else {
    SetReturnCode(wxID_OK);
    Hide();
  }
}

}  // namespace sb::ui
