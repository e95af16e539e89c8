#include "ui/connect_ui.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "ui/wxutil.h"

namespace sb::ui {

ConnectDialog::ConnectDialog(wxWindow* parent, const std::string& location) {
  wxXmlResource::Get()->LoadDialog(this, parent, "ConnectDialog");
  remember_ = XRCCTRL(*this, "Remember", wxCheckBox);
  refusal_ = XRCCTRL(*this, "Refusal", wxStaticText);
  if (!location.empty()) SetLogin(app::ParseServerLocation(location));
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (Accept()) EndModal(wxID_OK);
  }, wxID_OK);
  GetSizer()->SetSizeHints(this);
  SetSize(wxSize(FromDIP(520), GetSize().y));
  (Field("Host")->IsEmpty() ? Field("Host") : Field("Password"))->SetFocus();
}

wxTextCtrl* ConnectDialog::Field(const char* name) { return XRCCTRL(*this, name, wxTextCtrl); }

void ConnectDialog::SetLogin(const app::ServerLogin& login) {
  Field("Host")->ChangeValue(U8(login.host));
  Field("Port")->ChangeValue(U8(login.port));
  Field("Database")->ChangeValue(U8(login.database));
  Field("User")->ChangeValue(U8(login.user));
  Field("Password")->ChangeValue(U8(login.password));
}

wxString ConnectDialog::refusal() const { return refusal_->GetLabel(); }

bool ConnectDialog::Accept() {
  app::ServerLogin login;
  login.host = ToStd(Field("Host")->GetValue().Trim().Trim(false));
  login.port = ToStd(Field("Port")->GetValue().Trim().Trim(false));
  login.database = ToStd(Field("Database")->GetValue().Trim().Trim(false));
  login.user = ToStd(Field("User")->GetValue().Trim().Trim(false));
  login.password = ToStd(Field("Password")->GetValue());
  try {
    const bool store = remember_->GetValue() && !login.password.empty();
    location_ = app::ServerLocation(login, !store);
    if (store) app::RememberServerPassword(login);
  } catch (const Error& e) {
    refusal_->SetLabel(U8(e.detail()));
    const char* field = app::ServerLoginProblemField(login);
    if (!field) field = "Password";  // the password file could not be written
    Field(field)->SetFocus();
    Layout();
    return false;
  }
  refusal_->SetLabel("");
  return true;
}

}  // namespace sb::ui
