#pragma once
/// Live updates (issue 11): what other users committed since the last look, cheaply
/// enough to ask every two seconds. PostgreSQL tells with LISTEN/NOTIFY (the history's
/// trigger notifies sb_changes); SQLite with PRAGMA data_version, which moves when another
/// connection commits. Either way the history then says which projects were touched.
#include <memory>
#include <optional>
#include <set>

#include "core/model.h"
#include "storage/database.h"

namespace sb::storage {

struct Changes {
  std::set<Id> projects;      ///< the projects touched
  bool countyWide = false;    ///< sources, settings, closings…: more than one project's view
};

class ChangeWatcher {
 public:
  /// Starts watching `db` (which must outlive the watcher) from now on.
  explicit ChangeWatcher(Database& db);
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  /// What others committed since the last call, or nullopt when nothing did. Changes made
  /// on `db` itself are not reported (the screen that made them has shown them). Call it
  /// outside a write transaction; it never throws for a broken connection (nullopt).
  std::optional<Changes> Poll();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::storage
