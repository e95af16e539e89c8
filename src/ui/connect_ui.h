#pragma once
/// File → 连接服务器…: host, port, database, user and password of a PostgreSQL server
/// (issue 11). The password is used for this connection only, or — when the clerk asks —
/// stored where libpq reads it (~/.pgpass, readable by the user alone); never in our
/// configuration, which remembers only the location without it.
#include <wx/dialog.h>

#include <string>

#include "app/server.h"

class wxCheckBox;
class wxStaticText;
class wxTextCtrl;

namespace sb::ui {

class ConnectDialog : public wxDialog {
 public:
  /// `location`: the last server location (prefills the fields), or "".
  ConnectDialog(wxWindow* parent, const std::string& location);
  /// After OK: where to connect ("postgresql: …", with the password unless it was
  /// stored in ~/.pgpass).
  const std::string& location() const { return location_; }
  /// Fills the fields (tests; the prefill).
  void SetLogin(const app::ServerLogin& login);
  /// What OK does: checks the fields, stores the password if asked; false (and a red
  /// line under the fields) when a field is wrong.
  bool Accept();
  wxString refusal() const;
  wxTextCtrl* Field(const char* name);
  wxCheckBox* remember() { return remember_; }

 private:
  std::string location_;
  wxCheckBox* remember_ = nullptr;
  wxStaticText* refusal_ = nullptr;
};

}  // namespace sb::ui
