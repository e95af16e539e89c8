#include "storage/history_repository.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/json.h"
#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/repository.h"
#include "storage/row.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;
using namespace sqlite_api;

namespace {

const char* kEntrySelect =
    "SELECT id, at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside, hash "
    "FROM history";
// The same columns, for a FROM of the server's history functions.
const char* kServerEntrySelect =
    "SELECT id, at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside, hash";

std::optional<std::string> OptText(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Text(i);
}

HistoryEntry ReadEntry(const Row& r) {
  HistoryEntry e;
  e.id = r.Int(0);
  e.at = r.Text(1);
  e.who = r.Text(2);
  e.action = r.Text(3);
  e.table = r.Text(4);
  e.rowKey = r.Text(5);
  if (!r.IsNull(6)) e.projectId = r.Int(6);
  e.op = r.Text(7);
  e.oldValues = OptText(r, 8);
  e.newValues = OptText(r, 9);
  e.outside = r.Int(10) != 0;
  e.hash = OptText(r, 11);
  return e;
}

}  // namespace

void SetHistoryContext(Database& db, const std::string& who, const std::string& action) {
  try {
    dialect::SetHistoryContext(Sql(db), who, action);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("记录操作人"));
  }
}

void ClearHistoryContext(Database& db) {
  try {
    dialect::ClearHistoryContext(Sql(db));
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("记录操作人"));
  }
}

namespace {
// The server: through the owner's sb_seal_history_batch (db/postgresql/0015), 2,000 entries
// a call, where one per entry would cost a round trip each (an import of 80,000 rows seals
// 80,000 entries). It also seals the entries row security hides from a county's user, and
// a batch of which any entry stayed unsealed is refused. The trigger still checks every
// row: only a NULL hash may be set. Returns the last hash.
std::string SealOnServer(soci::session& sql, const std::vector<HistoryEntry>& unsealed, std::string previous) {
  constexpr size_t kPerCall = 2000;
  for (size_t begin = 0; begin < unsealed.size(); begin += kPerCall) {
    const size_t end = std::min(unsealed.size(), begin + kPerCall);
    // Array literals of digits and hex digits: nothing to quote.
    std::string ids = "{", hashes = "{";
    for (size_t i = begin; i < end; ++i) {
      previous = ChainHash(previous, unsealed[i]);
      ids += (i > begin ? "," : "") + std::to_string(unsealed[i].id);
      hashes += (i > begin ? "," : "") + previous;
    }
    ids += "}";
    hashes += "}";
    long long sealed = 0;
    sql << "SELECT sb_seal_history_batch(CAST(:ids AS BIGINT[]), CAST(:hashes AS TEXT[]))", use(ids, "ids"),
        use(hashes, "hashes"), into(sealed);
    if (sealed != static_cast<long long>(end - begin))
      Fail(ErrorCode::Database, Tr("历史记录 %lld 封存后仍未封存", static_cast<long long>(unsealed[begin].id)));
  }
  return previous;
}
}  // namespace

size_t SealHistory(Database& db, size_t chunk) {
  try {
    auto& sql = Sql(db);
    // On a server a user limited to one county sees only its entries (row-level security,
    // db/postgresql/0012_counties.sql), but the chain runs through every county's: the
    // owner's functions read and seal it there. A server seals at the newest schema only:
    // OpenServer migrates it before its first commit.
    const bool server = db.IsServer();
    // A chunk at a time, so that an import of a province's million rows never holds all
    // their entries (each with its row's values) in memory at once; each chunk starts
    // after the last entry sealed (an index range, however many are left).
    const std::string limit = std::to_string(std::max<size_t>(chunk, 1));
    const std::string select =
        server ? std::string(kServerEntrySelect) + " FROM sb_unsealed_history_after(:id, " + limit + ") ORDER BY id"
               : std::string(kEntrySelect) + " WHERE hash IS NULL AND id > :id ORDER BY id LIMIT " + limit;
    size_t sealed = 0;
    long long lastId = 0;
    std::string previous;
    for (;;) {
      std::vector<HistoryEntry> unsealed;
      // One round trip to a server (EachRow), where SOCI's prepared statement took three.
      EachRow(db, select, [&](const Row& r) { unsealed.push_back(ReadEntry(r)); }, Id{lastId});
      if (unsealed.empty()) return sealed;
      lastId = unsealed.back().id;
      if (sealed == 0) {
        long long first = unsealed.front().id;
        previous = kChainStart;
        soci::indicator ind = soci::i_null;
        std::string head;
        sql << (server ? "SELECT sb_history_hash_before(:f)"
                       : "SELECT hash FROM history WHERE hash IS NOT NULL AND id < :f ORDER BY id DESC LIMIT 1"),
            use(first, "f"), into(head, ind);
        if (ind == soci::i_ok) previous = head;
      }
      if (server) {
        // A large batch was written by this very transaction, after the table's statistics
        // were taken: the planner would take history for a table of a row or two and
        // hash-join each statement's ids against every unsealed entry (quadratic in the
        // import's size). Once, before the first chunk: the transaction's own rows count in
        // ANALYZE; a user who does not own the table gets only a warning.
        if (sealed == 0 && unsealed.size() >= 5000) sql << "ANALYZE history";
        previous = SealOnServer(sql, unsealed, previous);
      } else {
        long long id = 0;
        std::string hash;
        soci::statement st = (sql.prepare << "UPDATE history SET hash = :h WHERE id = :id AND hash IS NULL",
                              use(hash, "h"), use(id, "id"));
        for (const auto& e : unsealed) {
          hash = ChainHash(previous, e);
          id = e.id;
          st.execute(true);
          previous = hash;
        }
      }
      sealed += unsealed.size();
      if (unsealed.size() < std::max<size_t>(chunk, 1)) return sealed;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("封存历史记录"));
  }
}

namespace {
// The tables of db/tools/make_history.py's DEFERRED, in the order rows refer to each other:
// an undo deletes newest first, so a payment's entry comes after its contract's.
const char* const kDeferredTables[] = {"projects",        "budget_lines",     "funding_sources",
                                       "allocations",     "receipts",         "procedure_steps",
                                       "progress_entries", "contracts",        "payments"};

// The hashes of a Write's entries, in order, on a thread of their own: after the engine's
// own work the chain is the most expensive part of recording a province's 1.3 million
// inserts, and a PC has a second core. Chunks are hashed in the order submitted, each
// entry's previous hash the one before it; Wait(n) returns once chunk n is done (and
// rethrows what hashing it threw). The destructor finishes the chunk in hand and joins.
class ChainHasher {
 public:
  struct Item {
    Id id = 0;
    const char* table = "";
    std::string rowKey;
    std::optional<Id> projectId;
    std::string values;
    std::string hash;
  };
  using Chunk = std::vector<Item>;
  static constexpr size_t kChunk = 4096;

  /// `common`: the entries' time, actor, action, op and outside flag.
  ChainHasher(const HistoryEntry& common, std::string previous)
      : entry_(common), previous_(std::move(previous)), thread_([this] { Run(); }) {}
  ~ChainHasher() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  ChainHasher(const ChainHasher&) = delete;
  ChainHasher& operator=(const ChainHasher&) = delete;

  size_t Submit(Chunk* chunk) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(chunk);
    wake_.notify_all();
    return submitted_++;
  }
  void Wait(size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return hashed_ > n || failure_; });
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void Run() {
    entry_.newValues.emplace();
    for (;;) {
      Chunk* chunk = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (stop_) return;  // all waited for, or given up on (the caller failed)
        chunk = queue_.front();
        queue_.pop_front();
      }
      try {
        for (Item& item : *chunk) {
          entry_.id = item.id;
          entry_.table = item.table;
          entry_.rowKey.swap(item.rowKey);
          entry_.projectId = item.projectId;
          entry_.newValues->swap(item.values);
          item.hash = ChainHash(previous_, entry_);
          entry_.rowKey.swap(item.rowKey);
          entry_.newValues->swap(item.values);
          previous_ = item.hash;
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        failure_ = std::current_exception();
        done_.notify_all();
        return;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      ++hashed_;
      done_.notify_all();
    }
  }

  HistoryEntry entry_;
  std::string previous_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::deque<Chunk*> queue_;
  size_t submitted_ = 0, hashed_ = 0;
  bool stop_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once everything it uses is there
};
}  // namespace

DeferredInsertHistory::DeferredInsertHistory(Database& db) : db_(db) {
  supported_ = !db.IsServer() && db.SchemaVersion() >= 14;
}

void DeferredInsertHistory::Arm() {
  if (!supported_ || armed_) return;
  try {
    auto& sql = Sql(db_);
    marks_.clear();
    for (const char* t : kDeferredTables) {
      long long last = 0;
      sql << std::string("SELECT COALESCE(MAX(id), 0) FROM ") + t, into(last);
      marks_.push_back(last);
    }
    sql << "INSERT INTO history_deferred (id) VALUES (1)";
    armed_ = true;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db_, e, Tr("记录历史"));
  }
}

size_t DeferredInsertHistory::Write() {
  if (!armed_) return 0;
  size_t written = 0;
  try {
    auto& sql = Sql(db_);
    // What the triggers wrote meanwhile (updates) comes first in the chain, as it happened.
    SealHistory(db_);
    long long last = 0;
    std::string previous(kChainStart);
    {
      soci::indicator ind = soci::i_null;
      std::string hash;
      sql << "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1", into(last), into(hash, ind);
      if (ind == soci::i_ok) previous = hash;
    }
    HistoryEntry e;
    {
      int outside = 0;
      sql << "SELECT at, who, action, outside FROM history_now", into(e.at), into(e.who), into(e.action),
          into(outside);
      e.outside = outside != 0;
    }
    e.op = "insert";
    // Straight through the engine (one row a step, bound in place): SOCI's binding and
    // row copies were a third of writing a province's 1.3 million entries.
    sqlite3* h = static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
    auto fail = [&] { throw std::runtime_error(sqlite3_errmsg(h)); };
    static const char kInsert[] =
        "INSERT INTO history (id, at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside, "
        "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'insert', NULL, ?8, ?9, ?10)";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(h, kInsert, -1, &raw, nullptr) != SQLITE_OK) fail();
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> insert(raw, sqlite3_finalize);
    auto text = [&](int at, const std::string& v) {
      if (sqlite3_bind_text(raw, at, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK) fail();
    };
    text(2, e.at);
    text(3, e.who);
    text(4, e.action);
    if (sqlite3_bind_int(raw, 9, e.outside ? 1 : 0) != SQLITE_OK) fail();
    // The chain's hashes are computed on a second thread a chunk at a time, while this one
    // reads the next rows and inserts those already hashed (ChainHasher).
    std::deque<std::pair<size_t, std::unique_ptr<ChainHasher::Chunk>>> inflight;  // outlives the hasher
    ChainHasher hasher(e, previous);
    auto store = [&](ChainHasher::Chunk& chunk) {
      for (auto& item : chunk) {
        if (sqlite3_bind_int64(raw, 1, item.id) != SQLITE_OK) fail();
        if (sqlite3_bind_text(raw, 5, item.table, -1, SQLITE_STATIC) != SQLITE_OK) fail();
        text(6, item.rowKey);
        if ((item.projectId ? sqlite3_bind_int64(raw, 7, *item.projectId) : sqlite3_bind_null(raw, 7)) != SQLITE_OK)
          fail();
        text(8, item.values);
        text(10, item.hash);
        // Thrown before any reset: finalizing the failed statement during the unwinding
        // puts its error back on the connection, where Rethrow reads it.
        if (sqlite3_step(raw) != SQLITE_DONE) fail();
        sqlite3_reset(raw);
        ++written;
      }
    };
    auto current = std::make_unique<ChainHasher::Chunk>();
    auto submit = [&] {
      const size_t n = hasher.Submit(current.get());
      inflight.emplace_back(n, std::move(current));
      current = std::make_unique<ChainHasher::Chunk>();
      current->reserve(ChainHasher::kChunk);
    };
    // Two chunks hashing while a third is read: then the oldest goes in.
    auto drain = [&](size_t keep) {
      while (inflight.size() > keep) {
        hasher.Wait(inflight.front().first);
        store(*inflight.front().second);
        inflight.pop_front();
      }
    };
    current->reserve(ChainHasher::kChunk);
    for (size_t t = 0; t < std::size(kDeferredTables); ++t) {
      const char* table = kDeferredTables[t];
      EachRow(
          db_, std::string("SELECT src_id, row_key, project_id, new_values FROM history_inserted_") + table +
                   " WHERE src_id > :m ORDER BY src_id",
          [&](const Row& r) {
            ChainHasher::Item& item = current->emplace_back();
            item.id = ++last;
            item.table = table;
            item.rowKey = r.Text(1);
            if (!r.IsNull(2)) item.projectId = r.Int(2);
            item.values = r.Text(3);
            if (current->size() == ChainHasher::kChunk) {
              submit();
              drain(2);
            }
          },
          {RowParam{":m", "", marks_[t]}});
    }
    if (!current->empty()) submit();
    drain(0);
    // The payments' sums (schema 18) stood aside with the history.
    if (!leaveSums_ && db_.SchemaVersion() >= 18) AddPaymentGroupsAfter(db_, marks_.back());  // payments: the last table
    sql << "DELETE FROM history_deferred";
    armed_ = false;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db_, e, Tr("记录历史"));
  }
  return written;
}

bool InsertHistoryDeferred(Database& db) {
  if (db.IsServer() || db.SchemaVersion() < 14) return false;
  long long n = 0;
  Sql(db) << "SELECT COUNT(*) FROM history_deferred", into(n);
  return n > 0;
}

HistoryNames LoadHistoryNames(Database& db) {
  HistoryNames names;
  auto read = [&](const char* query, std::map<Id, std::string>& into) {
    for (auto& [id, text] : Query<std::pair<Id, std::string>>(db, query, [](const soci::row& r) {
           return std::pair<Id, std::string>(RowInt64(r, 0), RowText(r, 1));
         }))
      into[id] = std::move(text);
  };
  read("SELECT id, code || ' ' || name FROM projects", names.projects);
  read("SELECT id, name FROM funding_sources", names.sources);
  read("SELECT id, code FROM contracts", names.contracts);
  return names;
}

void ForEachHistoryEntry(Database& db, const HistoryFilter& f, const std::function<void(const HistoryEntry&)>& visit) {
  std::string where = " WHERE 1 = 1";
  long long project = f.projectId.value_or(0);
  std::string since = f.since.value_or(""), table = f.table.value_or("");
  long long after = f.afterId.value_or(0);
  if (f.projectId) where += " AND project_id = :p";
  // On a server, oldest first a chunk at a time from the last id read: its client library
  // holds a statement's whole result, and a province's import reads back a million entries
  // (1 GB). SQLite hands over one row at a time by itself.
  const size_t kChunk = std::max<size_t>(f.chunk, 1);
  const bool chunked = f.limit == 0 && db.IsServer();
  if (f.afterId || chunked) where += " AND id > :a";
  if (f.since) where += " AND at >= :s";
  if (f.table) where += " AND tbl = :t";
  std::string order = f.limit  ? " ORDER BY id DESC LIMIT " + std::to_string(f.limit)
                      : chunked ? " ORDER BY id LIMIT " + std::to_string(kChunk)
                                : std::string(" ORDER BY id");
  try {
    for (;;) {
      // A statement per chunk: a row's columns are described at its first execution.
      soci::statement st(Sql(db));
      soci::row r;
      st.exchange(into(r));
      if (f.projectId) st.exchange(use(project, "p"));
      if (f.since) st.exchange(use(since, "s"));
      if (f.table) st.exchange(use(table, "t"));
      if (f.afterId || chunked) st.exchange(use(after, "a"));
      st.alloc();
      st.prepare(std::string(kEntrySelect) + where + order);
      st.define_and_bind();
      st.execute(false);
      size_t n = 0;
      while (st.fetch()) {
        HistoryEntry e = ReadEntry(r);
        after = e.id;
        ++n;
        visit(e);
      }
      if (!chunked || n < kChunk) return;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取历史记录"));
  }
}

std::vector<HistoryEntry> HistoryEntries(Database& db, const HistoryFilter& f) {
  std::vector<HistoryEntry> out;
  ForEachHistoryEntry(db, f, [&](const HistoryEntry& e) { out.push_back(e); });
  if (f.limit) std::reverse(out.begin(), out.end());
  return out;
}

Id LastHistoryId(Database& db) {
  try {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    Sql(db) << "SELECT MAX(id) FROM history", into(id, ind);
    return ind == soci::i_ok ? id : 0;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取历史记录"));
  }
}

namespace {
// The row_version of a row's values. As json_object writes them (one flat object) the
// member is found as it stands: a key is the only place its name can stand between
// unescaped quotes followed by a colon, after "{" or ","; anything else (a nested object or
// array anywhere, even inside a string) is parsed.
std::optional<int64_t> RowVersionOf(const std::string& values) {
  static constexpr std::string_view kKey = "\"row_version\":";
  const size_t at = values.find(kKey);
  if (at != std::string::npos && at > 0 && (values[at - 1] == ',' || values[at - 1] == '{') &&
      values.find_first_of("{[", 1) == std::string::npos &&
      values.find(kKey, at + 1) == std::string::npos) {
    int64_t v = 0;
    const char* begin = values.data() + at + kKey.size();
    const char* end = values.data() + values.size();
    auto [next, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc() && next != begin && next < end && (*next == ',' || *next == '}')) return v;
  }
  const json::Value parsed = json::Parse(values, "历史记录");
  if (const json::Value* v = parsed.Find("row_version"); v && !v->IsNull()) return v->AsInt();
  return std::nullopt;
}
}  // namespace

void ForEachInsertedRow(Database& db, Id afterId, const std::vector<std::string>& actions,
                        const std::function<void(const InsertedRow&)>& visit) {
  if (actions.empty()) return;
  // A chunk at a time from the last id read: a server's client library holds a whole result.
  constexpr size_t kChunk = 50000;
  std::vector<RowParam> params{{":a", "", afterId}};
  std::string in;
  for (size_t i = 0; i < actions.size(); ++i) {
    in += (i ? ", :l" : ":l") + std::to_string(i);
    params.push_back({":l" + std::to_string(i), actions[i]});
  }
  const std::string query =
      // A payment, immutable, has no row version: its values are not even searched.
      "SELECT id, tbl, row_key, CASE WHEN tbl <> 'payments' AND new_values LIKE '%\"row_version\"%' THEN new_values "
      "END FROM history "
      "WHERE id > :a AND op = 'insert' AND action IN (" + in + ") ORDER BY id LIMIT " + std::to_string(kChunk);
  try {
    for (;;) {
      size_t n = 0;
      InsertedRow row;
      EachRow(db, query, [&](const Row& r) {
        ++n;
        params[0].integer = r.Int(0);
        row.table = r.Text(1);
        row.rowKey = r.Text(2);
        if (r.IsNull(3)) row.rowVersion.reset();
        else row.rowVersion = RowVersionOf(r.Text(3));
        visit(row);
      }, params);
      if (n < kChunk) return;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取历史记录"));
  }
}

TouchedRows TouchedSince(Database& db, Id afterId) {
  TouchedRows out;
  try {
    long long after = afterId;
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << "SELECT DISTINCT project_id FROM history WHERE id > :a ORDER BY project_id", soci::use(after));
    for (const auto& r : rows) {
      if (r.get_indicator(0) == soci::i_null) out.others = true;
      else out.projects.push_back(RowInt64(r, 0));
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取历史记录"));
  }
  return out;
}

void DeleteImportedRow(Database& db, const std::string& table, Id id, int64_t rowVersion) {
  struct Name {
    const char* table;
    const char* what;
  };
  static const Name kNames[] = {
      {"projects", TrNoopC("row", "项目")},
      {"budget_lines", TrNoopC("row", "概算")},
      {"funding_sources", TrNoopC("row", "资金来源")},
      {"allocations", TrNoopC("row", "资金下达")},
      {"receipts", TrNoopC("row", "资金到位")},
      {"procedure_steps", TrNoopC("row", "前期手续")},
      {"progress_entries", TrNoopC("row", "进度")},
      {"contracts", TrNoopC("row", "合同")},
      {"annual_plans", TrNoopC("row", "年度计划")},
      {"contract_progress", TrNoopC("row", "合同进度")}};
  for (const Name& n : kNames)
    if (table == n.table) return DeleteVersioned(db, n.table, id, rowVersion, n.what);
  // TRANSLATORS: %s is a table of the database (payments).
  Fail(ErrorCode::Refused, Tr("导入的“%s”行不能用撤销删除", table.c_str()));
}

void ForEachHistoryEntry(Database& db, const std::function<void(const HistoryEntry&)>& visit) {
  ForEachHistoryEntry(db, HistoryFilter{}, visit);
}

namespace {
// The last two sealed entries, newest first. On a server through the owner's function:
// a user limited to one county does not see every entry, but the chain's head is the
// whole database's.
std::vector<HistoryEntry> LastSealed(Database& db) {
  return Query<HistoryEntry>(db,
                             db.IsServer() && db.SchemaVersion() >= 12
                                 ? std::string(kServerEntrySelect) + " FROM sb_history_head() ORDER BY id DESC"
                                 : std::string(kEntrySelect) + " WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 2",
                             ReadEntry);
}
}  // namespace

std::optional<HistoryEntry> HistoryHead(Database& db) {
  auto v = LastSealed(db);
  if (v.empty()) return std::nullopt;
  return v.front();
}

bool HeadLinkIntact(Database& db) {
  auto two = LastSealed(db);
  if (two.empty()) return true;
  std::string previous = two.size() > 1 ? two[1].hash.value_or("") : std::string(kChainStart);
  return ChainHash(previous, two[0]) == two[0].hash;
}

const std::vector<AuditedTable>& AuditedTables() {
  static const std::vector<AuditedTable> tables = {
      {"settings", "key"},        {"fund_kinds", "name"},         {"procedure_template", "id"},
      {"counties", "code"},       {"projects", "id"},         {"budget_lines", "id"},         {"funding_sources", "id"},
      {"allocations", "id"},      {"receipts", "id"},             {"procedure_steps", "id"},
      {"progress_entries", "id"}, {"contracts", "id"},            {"payments", "id"},
      {"month_closings", "month"}, {"month_closing_events", "id"}, {"annual_plans", "id"},
      {"contract_progress", "id"}};
  return tables;
}

std::vector<std::pair<std::string, std::string>> TableRowsAsJson(Database& db, const AuditedTable& t) {
  std::vector<std::pair<std::string, std::string>> out;
  try {
    soci::rowset<soci::row> rows = (Sql(db).prepare << std::string("SELECT * FROM ") + t.name);
    for (const auto& r : rows) {
      json::Value v;
      json::Value::Object o;
      std::string key;
      for (size_t i = 0; i < r.size(); ++i) {
        const std::string& name = r.get_properties(i).get_name();
        json::Value cell;
        if (r.get_indicator(i) == soci::i_null) {
          cell.v = nullptr;
        } else {
          switch (r.get_properties(i).get_data_type()) {
            case soci::dt_integer:
            case soci::dt_long_long:
            case soci::dt_unsigned_long_long: cell.v = RowInt64(r, i); break;
            case soci::dt_double: cell.v = std::to_string(r.get<double>(i)); break;  // never ours: shows as a change
            default: cell.v = r.get<std::string>(i);
          }
        }
        if (name == t.key) key = RowText(r, i);
        o.emplace(name, std::move(cell));
      }
      v.v = std::move(o);
      out.emplace_back(key, json::Canonical(v));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取 %s", t.name));
  }
  return out;
}

std::string IntegrityCheck(Database& db) {
  // A server guards its own pages (WAL, checksums) and offers no check to its ordinary
  // users; what verify reconciles there is the history chain and every row against it.
  if (db.IsServer()) return "ok";
  std::string result;
  try {
    soci::rowset<std::string> rows = (Sql(db).prepare << "PRAGMA integrity_check(20)");
    for (const auto& line : rows) result += (result.empty() ? "" : "\n") + line;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("检查数据库完整性"));
  }
  return result;
}

}  // namespace sb::storage
