#pragma once
/// Undo and redo of the last edits (编辑 → 撤销/重做), where it is safe: an edit of a
/// stored row is undone by writing the earlier values back, under the same row-version
/// check as any save — if someone else changed the row meanwhile, undo refuses rather
/// than overwrite their work. Payments are never undone (they are reversed instead).
#include <wx/cmdproc.h>

#include <functional>
#include <memory>

#include "core/error.h"
#include "app/session.h"
#include "ui/wxutil.h"

namespace sb::ui {

/// An update already saved by a dialog: `before` and `after` are the row as the user saw
/// it and as stored; `save(session, row)` is the action of src/app that writes a row
/// (checking row.rowVersion), so an undo passes the same checks as the edit did.
template <class T>
class EditCommand : public wxCommand {
 public:
  using Save = std::function<void(app::Session&, T&)>;
  EditCommand(app::Session* session, T before, T after, Save save, const wxString& name,
              std::function<void()> refresh)
      : wxCommand(true, name), session_(session), before_(std::move(before)), after_(std::move(after)),
        save_(std::move(save)), refresh_(std::move(refresh)), version_(after_.rowVersion) {}

  bool Do() override {
    if (first_) {  // the dialog has saved it already
      first_ = false;
      return true;
    }
    return Write(after_);
  }
  bool Undo() override { return Write(before_); }

 private:
  bool Write(const T& values) {
    T row = values;
    row.rowVersion = version_;
    try {
      save_(*session_, row);
    } catch (const Error& e) {
      ShowError(nullptr, TR("无法撤销/重做“") + GetName() + U8("”"), U8(e.detail()));
      return false;
    }
    version_ = row.rowVersion;
    if (refresh_) refresh_();
    return true;
  }

  app::Session* session_;
  T before_, after_;
  Save save_;
  std::function<void()> refresh_;
  int64_t version_;
  bool first_ = true;
};

/// Records an edit that has just been saved.
template <class T>
void RecordEdit(wxCommandProcessor* commands, app::Session* session, const T& before, const T& after,
                typename EditCommand<T>::Save save, const wxString& name,
                std::function<void()> refresh) {
  if (!commands || !session) return;
  commands->Submit(new EditCommand<T>(session, before, after, std::move(save), name, std::move(refresh)));
}

}  // namespace sb::ui
