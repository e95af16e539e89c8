#include "storage/changes.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "core/translate.h"
#include "storage/sql_util.h"

namespace sb::storage {

struct ChangeWatcher::Impl {
  Database& db;
  long long lastHistoryId = 0;  ///< the newest history entry already accounted for
  long long dataVersion = 0;    ///< SQLite
  explicit Impl(Database& d) : db(d) {}

  PGconn* Conn() { return static_cast<soci::postgresql_session_backend*>(Sql(db).get_backend())->conn_; }

  long long NewestHistoryId() {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    Sql(db) << "SELECT MAX(id) FROM history", soci::into(id, ind);
    return ind == soci::i_ok ? id : 0;
  }
  long long DataVersion() {
    long long v = 0;
    Sql(db) << "PRAGMA data_version", soci::into(v);
    return v;
  }
  // Did another connection commit since the last look?
  bool OthersCommitted() {
    if (!db.IsServer()) {
      long long v = DataVersion();
      if (v == dataVersion) return false;
      dataVersion = v;
      return true;
    }
    PGconn* conn = Conn();
    if (PQconsumeInput(conn) == 0) return false;
    bool others = false;
    const int self = PQbackendPID(conn);
    while (PGnotify* n = PQnotifies(conn)) {
      if (n->be_pid != self) others = true;
      PQfreemem(n);
    }
    return others;
  }
};

ChangeWatcher::ChangeWatcher(Database& db) : impl_(std::make_unique<Impl>(db)) {
  try {
    if (db.IsServer()) Sql(db) << "LISTEN sb_changes";
    else impl_->dataVersion = impl_->DataVersion();
    impl_->lastHistoryId = impl_->NewestHistoryId();
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("开始关注其他用户的修改"));
  }
}

ChangeWatcher::~ChangeWatcher() {
  try {
    if (impl_->db.IsServer()) Sql(impl_->db) << "UNLISTEN sb_changes";
  } catch (...) {
  }
}

std::optional<Changes> ChangeWatcher::Poll() {
  try {
    if (impl_->db.InTransaction() || !impl_->OthersCommitted()) return std::nullopt;
    Changes c;
    long long newest = impl_->lastHistoryId;
    soci::rowset<soci::row> rows =
        (Sql(impl_->db).prepare << "SELECT id, project_id FROM history WHERE id > :last ORDER BY id",
         soci::use(impl_->lastHistoryId, "last"));
    for (const auto& r : rows) {
      newest = RowInt64(r, 0);
      if (r.get_indicator(1) == soci::i_null) c.countyWide = true;
      else c.projects.insert(RowInt64(r, 1));
    }
    impl_->lastHistoryId = newest;
    if (c.projects.empty() && !c.countyWide) return std::nullopt;  // nothing the screens show
    return c;
  } catch (const std::exception&) {
    return std::nullopt;  // a broken connection is reported by the next real read
  }
}

}  // namespace sb::storage
