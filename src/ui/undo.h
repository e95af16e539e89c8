#pragma once
/// Undo and redo of the last edits (编辑 → 撤销/重做), where it is safe: an edit of a
/// stored row is undone by writing the earlier values back, under the same row-version
/// check as any save — if someone else changed the row meanwhile, undo refuses rather
/// than overwrite their work. A creation is undone by deleting the row (refused while
/// something refers to it now) and is not redone: the clerk enters it again. Payments are
/// never undone (they are reversed instead): recording one ends what can be undone.
#include <wx/cmdproc.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/error.h"
#include "app/import.h"
#include "app/session.h"
#include "ui/dialogs.h"
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

/// Marks a command whose undo cannot be redone (a deleted row comes back with a new id
/// that later commands would not know).
struct OneWay {
  virtual ~OneWay() = default;
};

/// The window's undo stack: after a one-way undo the redo list is dropped; remembers
/// what the last undo undid, for the status bar.
class UndoStack : public wxCommandProcessor {
 public:
  explicit UndoStack(int maxCommands) : wxCommandProcessor(maxCommands) {}
  bool Undo() override {
    wxCommand* command = GetCurrentCommand();
    if (!command) return false;
    bool oneWay = dynamic_cast<OneWay*>(command) != nullptr;
    wxString name = command->GetName();
    if (!wxCommandProcessor::Undo()) return false;
    lastUndone_ = name;
    if (oneWay) DropRedo();
    return true;
  }
  /// What the next undo would undo ("" when nothing can be undone).
  wxString UndoName() const { return CanUndo() ? GetCurrentCommand()->GetName() : wxString(); }
  wxString RedoName() const {
    if (!CanRedo()) return wxString();
    auto node = m_currentCommand ? m_currentCommand->GetNext() : m_commands.GetFirst();
    return node ? static_cast<wxCommand*>(node->GetData())->GetName() : wxString();
  }
  const wxString& lastUndone() const { return lastUndone_; }

 private:
  void DropRedo() {
    auto node = m_currentCommand ? m_currentCommand->GetNext() : m_commands.GetFirst();
    while (node) {
      auto next = node->GetNext();
      delete static_cast<wxCommand*>(node->GetData());
      m_commands.Erase(node);
      node = next;
    }
  }
  wxString lastUndone_;
};

/// A step already saved (by a dialog, the walker, an import) that is undone once and never
/// redone (the clerk enters it again): Undo() runs Take() and refreshes the window, saying
/// why when it is refused.
class OnceCommand : public wxCommand, public OneWay {
 public:
  OnceCommand(const wxString& name, std::function<void()> refresh)
      : wxCommand(true, name), refresh_(std::move(refresh)) {}
  bool Do() override {
    bool first = first_;
    first_ = false;
    return first;  // saved already; never redone
  }
  bool Undo() override {
    try {
      Take();
    } catch (const Error& e) {
      ShowError(nullptr, TR("无法撤销“") + GetName() + U8("”"), U8(e.detail()));
      if (refresh_) refresh_();
      return false;
    }
    if (refresh_) refresh_();
    return true;
  }

 protected:
  /// Takes the step back; throws Error when it is refused.
  virtual void Take() = 0;

 private:
  std::function<void()> refresh_;
  bool first_ = true;
};

/// Rows created by one user action (a dialog, or the monthly walker's entries): undone by
/// deleting each (newest first) through the app action `remove(session, row)`; an entry
/// that updated a stored row instead is undone by writing its earlier values back.
template <class T>
class CreateCommand : public OnceCommand {
 public:
  using Remove = std::function<void(app::Session&, const T&)>;
  using Save = std::function<void(app::Session&, T&)>;
  using Change = RowChange<T>;
  CreateCommand(app::Session* session, std::vector<Change> changes, Remove remove, Save save,
                const wxString& name, std::function<void()> refresh)
      : OnceCommand(name, std::move(refresh)), session_(session), changes_(std::move(changes)),
        remove_(std::move(remove)), save_(std::move(save)) {}

 protected:
  void Take() override {
    for (auto it = changes_.rbegin(); it != changes_.rend(); ++it) {
      if (it->before) {
        T row = *it->before;
        row.rowVersion = it->after.rowVersion;
        save_(*session_, row);
      } else {
        remove_(*session_, it->after);
      }
    }
  }

 private:
  app::Session* session_;
  std::vector<Change> changes_;
  Remove remove_;
  Save save_;
};

/// Records rows just created (or, for the walker, created or updated).
template <class T>
void RecordCreation(wxCommandProcessor* commands, app::Session* session,
                    std::vector<typename CreateCommand<T>::Change> changes,
                    typename CreateCommand<T>::Remove remove, typename CreateCommand<T>::Save save,
                    const wxString& name, std::function<void()> refresh) {
  if (!commands || !session || changes.empty()) return;
  commands->Submit(new CreateCommand<T>(session, std::move(changes), std::move(remove), std::move(save), name,
                                        std::move(refresh)));
}

/// A committed import (文件 → 导入), undone as one step by app::UndoImport: the rows it
/// created deleted, its payments reversed (they are never deleted). Not redone: the clerk
/// imports the file again.
class ImportCommand : public OnceCommand {
 public:
  ImportCommand(app::Session* session, app::ImportUndo undo, std::function<void()> refresh)
      : OnceCommand(Name(undo), std::move(refresh)), session_(session), undo_(std::move(undo)) {}
  // TRANSLATORS: the undo step of an import: the file names, then how many data rows they had.
  static wxString Name(const app::ImportUndo& u) { return wxString::Format(TR("导入 %s（%zu 行）"), U8(u.files), u.rows); }

 protected:
  void Take() override { app::UndoImport(*session_, undo_); }

 private:
  app::Session* session_;
  app::ImportUndo undo_;
};

/// A step that cannot be undone (a payment, a reversal): the undo list before it is
/// out of reach, so 撤销 never jumps back over it to an older edit.
class BarrierCommand : public wxCommand {
 public:
  explicit BarrierCommand(const wxString& name) : wxCommand(false, name) {}
  bool Do() override { return true; }
  bool Undo() override { return false; }
};
inline void RecordBarrier(wxCommandProcessor* commands, const wxString& name) {
  if (commands) commands->Submit(new BarrierCommand(name));
}

}  // namespace sb::ui
