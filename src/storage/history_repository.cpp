#include "storage/history_repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/json.h"
#include "storage/dialect.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

namespace {

const char* kEntrySelect =
    "SELECT id, at, who, action, tbl, row_key, project_id, op, old_values, new_values, outside, hash "
    "FROM history";

std::optional<std::string> OptText(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return RowText(r, i);
}

HistoryEntry ReadEntry(const soci::row& r) {
  HistoryEntry e;
  e.id = RowInt64(r, 0);
  e.at = RowText(r, 1);
  e.who = RowText(r, 2);
  e.action = RowText(r, 3);
  e.table = RowText(r, 4);
  e.rowKey = RowText(r, 5);
  if (r.get_indicator(6) != soci::i_null) e.projectId = RowInt64(r, 6);
  e.op = RowText(r, 7);
  e.oldValues = OptText(r, 8);
  e.newValues = OptText(r, 9);
  e.outside = RowInt64(r, 10) != 0;
  e.hash = OptText(r, 11);
  return e;
}

}  // namespace

void SetHistoryContext(Database& db, const std::string& who, const std::string& action) {
  try {
    dialect::SetHistoryContext(Sql(db), who, action);
  } catch (const std::exception& e) {
    Rethrow(db, e, "记录操作人");
  }
}

void ClearHistoryContext(Database& db) {
  try {
    dialect::ClearHistoryContext(Sql(db));
  } catch (const std::exception& e) {
    Rethrow(db, e, "记录操作人");
  }
}

size_t SealHistory(Database& db) {
  try {
    auto& sql = Sql(db);
    std::vector<HistoryEntry> unsealed;
    {
      soci::rowset<soci::row> rows = (sql.prepare << std::string(kEntrySelect) + " WHERE hash IS NULL ORDER BY id");
      for (const auto& r : rows) unsealed.push_back(ReadEntry(r));
    }
    if (unsealed.empty()) return 0;
    long long first = unsealed.front().id;
    std::string previous(kChainStart);
    soci::indicator ind = soci::i_null;
    std::string head;
    sql << "SELECT hash FROM history WHERE hash IS NOT NULL AND id < :f ORDER BY id DESC LIMIT 1",
        use(first, "f"), into(head, ind);
    if (ind == soci::i_ok) previous = head;
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
    return unsealed.size();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "封存历史记录");
  }
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

std::vector<HistoryEntry> HistoryEntries(Database& db, const HistoryFilter& f) {
  std::string where = " WHERE 1 = 1";
  long long project = f.projectId.value_or(0);
  std::string since = f.since.value_or(""), table = f.table.value_or("");
  if (f.projectId) where += " AND project_id = :p";
  if (f.since) where += " AND at >= :s";
  if (f.table) where += " AND tbl = :t";
  std::string order = f.limit ? " ORDER BY id DESC LIMIT " + std::to_string(f.limit) : " ORDER BY id";
  std::vector<HistoryEntry> out;
  try {
    soci::statement st(Sql(db));
    soci::row r;
    st.exchange(into(r));
    if (f.projectId) st.exchange(use(project, "p"));
    if (f.since) st.exchange(use(since, "s"));
    if (f.table) st.exchange(use(table, "t"));
    st.alloc();
    st.prepare(std::string(kEntrySelect) + where + order);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back(ReadEntry(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取历史记录");
  }
  if (f.limit) std::reverse(out.begin(), out.end());
  return out;
}

void ForEachHistoryEntry(Database& db, const std::function<void(const HistoryEntry&)>& visit) {
  try {
    soci::rowset<soci::row> rows = (Sql(db).prepare << std::string(kEntrySelect) + " ORDER BY id");
    for (const auto& r : rows) visit(ReadEntry(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取历史记录");
  }
}

std::optional<HistoryEntry> HistoryHead(Database& db) {
  auto v = Query<HistoryEntry>(db, std::string(kEntrySelect) + " WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
                               ReadEntry);
  if (v.empty()) return std::nullopt;
  return v.front();
}

bool HeadLinkIntact(Database& db) {
  auto two = Query<HistoryEntry>(db, std::string(kEntrySelect) + " WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 2",
                                 ReadEntry);
  if (two.empty()) return true;
  std::string previous = two.size() > 1 ? two[1].hash.value_or("") : std::string(kChainStart);
  return ChainHash(previous, two[0]) == two[0].hash;
}

const std::vector<AuditedTable>& AuditedTables() {
  static const std::vector<AuditedTable> tables = {
      {"settings", "key"},        {"fund_kinds", "name"},         {"procedure_template", "id"},
      {"projects", "id"},         {"budget_lines", "id"},         {"funding_sources", "id"},
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
    Rethrow(db, e, std::string("读取 ") + t.name);
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
    Rethrow(db, e, "检查数据库完整性");
  }
  return result;
}

}  // namespace sb::storage
