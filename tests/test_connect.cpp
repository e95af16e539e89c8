// File → 连接服务器… (issue 11): the fields make the location, a wrong field is named in
// the form, a remembered password goes to libpq's file only; in English no Chinese.
#include <doctest/doctest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gui_util.h"
#include "test_support.h"
#include "ui/connect_ui.h"

namespace {
bool HasCjk(const wxString& s) {
  for (wxUniChar c : s) {
    auto v = c.GetValue();
    if ((v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF)) return true;
  }
  return false;
}
void CollectLabels(wxWindow* w, std::vector<wxString>& out) {
  if (auto* t = dynamic_cast<wxStaticText*>(w)) out.push_back(t->GetLabel());
  if (auto* b = dynamic_cast<wxButton*>(w)) out.push_back(b->GetLabel());
  if (auto* c = dynamic_cast<wxCheckBox*>(w)) out.push_back(c->GetLabel());
  if (auto* e = dynamic_cast<wxTextCtrl*>(w)) out.push_back(e->GetHint());
  for (wxWindow* child : w->GetChildren()) CollectLabels(child, out);
}
}  // namespace

TEST_CASE("connect dialog: the fields make the server location, and a wrong port is named in the form") {
  sb::ui::ConnectDialog dlg(nullptr, "");
  dlg.Field("Host")->ChangeValue(" 192.168.1.10 ");
  dlg.Field("Database")->ChangeValue("luxi");
  dlg.Field("User")->ChangeValue("zhang");
  dlg.Field("Password")->ChangeValue("s3cret");
  CHECK(dlg.Field("Port")->GetValue() == "5432");  // the default port is filled in
  REQUIRE(dlg.Accept());
  CHECK(dlg.location() == "postgresql: host=192.168.1.10 port=5432 dbname=luxi user=zhang password=s3cret");
  dlg.Field("Port")->ChangeValue("54x");
  CHECK_FALSE(dlg.Accept());
  CHECK(dlg.refusal().Contains(wxString::FromUTF8("端口")) == !std::getenv("SCHOOLBUILD_LANG"));
  CHECK(wxWindow::FindFocus() == dlg.Field("Port"));

}

TEST_CASE("connect dialog: a remembered password goes to the password file, not into the location") {
  sb::test::TempDir t;
  const std::string file = t.Path("pgpass");
  setenv("PGPASSFILE", file.c_str(), 1);
  {
    // The last server prefills everything but the password.
    sb::ui::ConnectDialog dlg(nullptr, "postgresql: host=db.jyj.local port=5433 dbname=luxi user=li");
    CHECK(dlg.Field("Host")->GetValue() == "db.jyj.local");
    CHECK(dlg.Field("Port")->GetValue() == "5433");
    CHECK(dlg.Field("Password")->IsEmpty());
    dlg.Field("Password")->ChangeValue("pw");
    dlg.remember()->SetValue(true);
    REQUIRE(dlg.Accept());
    CHECK(dlg.location() == "postgresql: host=db.jyj.local port=5433 dbname=luxi user=li");

  }
  unsetenv("PGPASSFILE");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "db.jyj.local:5433:luxi:li:pw\n");
}

TEST_CASE("connect dialog: in English no control shows Chinese") {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  if (!lang || std::string(lang).rfind("en", 0) != 0) {
    MESSAGE("SCHOOLBUILD_LANG is not en: this English case checks nothing in this run");
    return;
  }
  sb::ui::ConnectDialog dlg(nullptr, "");
  std::vector<wxString> labels;
  CollectLabels(&dlg, labels);
  CHECK(labels.size() >= 8);
  for (const auto& l : labels) {
    INFO("label: ", l.utf8_string());
    CHECK_FALSE(HasCjk(l));
  }
  CHECK_FALSE(HasCjk(dlg.GetTitle()));

}
