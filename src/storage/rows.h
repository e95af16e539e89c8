#pragma once
// Private to src/storage: for each table, the one column list and the one reader that
// turns a result row into the entity. Every query of a table (a look-up, a project's
// lists, LoadPortfolio) selects these columns and reads them with this function, so a
// column added to a table is read the same way everywhere.
#include <soci/soci.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/model.h"
#include "storage/database.h"
#include "storage/row.h"
#include "storage/sql_util.h"

namespace sb::storage {

/// projects, aliased `p` (ProjectSummaries joins other tables): "p.id, p.code, …".
extern const char* const kProjectColumns;
/// How many columns kProjectColumns has: ProjectSummaries reads its sums after them.
constexpr size_t kProjectColumnCount = 18;
Project ReadProject(const Row& r);

/// "SELECT <every column> FROM <table>", for a WHERE and ORDER BY to be appended.
extern const char* const kBudgetLineSelect;
extern const char* const kFundingSourceSelect;
extern const char* const kAllocationSelect;
extern const char* const kReceiptSelect;
extern const char* const kProcedureStepSelect;
extern const char* const kProgressSelect;
extern const char* const kAnnualPlanSelect;
extern const char* const kContractProgressSelect;
extern const char* const kContractSelect;
extern const char* const kPaymentSelect;  ///< "… FROM payments p"
/// payments, aliased `p` (LoadPaymentTotals joins other tables); ReadPayment reads them.
extern const char* const kPaymentColumns;
extern const char* const kFundKindSelect;
extern const char* const kTemplateStepSelect;

/// Whole queries that a repository function runs alone and LoadProjectFile or
/// LoadProjectWithReference send together with others: one text each.
std::string ProjectByIdQuery();        ///< binds :id
std::string PaymentsOfProjectQuery();  ///< binds :id; by date, then id
std::string TemplateQuery();           ///< by step order
std::string FundKindsQuery();          ///< by sort order, then name
extern const char* const kSettingsQuery;

BudgetLine ReadBudgetLine(const Row& r);
FundingSource ReadFundingSource(const Row& r);
Allocation ReadAllocation(const Row& r);
Receipt ReadReceipt(const Row& r);
ProcedureStep ReadProcedureStep(const Row& r);
ProgressEntry ReadProgress(const Row& r);
AnnualPlan ReadAnnualPlan(const Row& r);
ContractProgress ReadContractProgress(const Row& r);
Contract ReadContract(const Row& r);
Payment ReadPayment(const Row& r);
FundKind ReadFundKind(const Row& r);
ProcedureTemplateStep ReadTemplateStep(const Row& r);

/// Runs `query` (binding :id to `id` when one is given) and reads every row with `read`.
template <class T, class Read>
std::vector<T> Query(Database& db, const std::string& query, Read read,
                     std::optional<Id> id = std::nullopt) {
  std::vector<T> out;
  long long bound = id.value_or(0);
  try {
    if constexpr (std::is_invocable_v<Read, const Row&>) {
      EachRow(db, query, [&](const Row& r) { out.push_back(read(r)); }, id);
      return out;
    }
    soci::rowset<soci::row> rows = id ? (Sql(db).prepare << query, soci::use(bound, "id"))
                                      : (Sql(db).prepare << query);
    for (const auto& r : rows) out.push_back(read(r));
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取数据");
  }
  return out;
}

/// Keys bound in one statement of ByKeys on the server: short enough for it.
constexpr size_t kKeysPerStatement = 500;

/// How a key is bound: an Id as long long (SOCI has no int64_t binding of its own).
template <class Key> struct Bound {
  using type = Key;
};
template <> struct Bound<Id> {
  using type = long long;
};

inline void JsonKey(json::Writer& w, Id key) { w.Int(key); }
inline void JsonKey(json::Writer& w, const std::string& key) { w.String(key); }
/// A key in a PostgreSQL array literal ({1,2} or {"a","b"}).
inline void ArrayKey(std::string& out, Id key) { out += std::to_string(key); }
inline void ArrayKey(std::string& out, const std::string& key) {
  out += '"';
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}
inline const char* ArrayType(Id) { return "BIGINT[]"; }
inline const char* ArrayType(const std::string&) { return "TEXT[]"; }

/// `select` + " WHERE " + `column` + " IN (…)" + `tail`, in one statement whose keys are
/// one parameter: on SQLite a JSON array (`IN (SELECT value FROM json_each(:keys))`), on
/// the server an array (`= ANY(CAST(:keys AS BIGINT[]))`), through the engine's own
/// interface (EachRow: one round trip to a server, where SOCI's prepared statement took
/// three). A list of 500 named parameters cost more to parse and bind than the import's
/// look-up itself. A reader of a SOCI row takes the server's chunks of 500 as before.
template <class T, class Key, class Read>
std::vector<T> ByKeys(Database& db, const std::string& select, const char* column, const std::vector<Key>& keys,
                      Read read, const std::string& tail = "") {
  std::vector<T> out;
  if (keys.empty()) return out;
  if constexpr (std::is_invocable_v<Read, const Row&>) {
    std::string list, where;
    if (db.IsServer()) {
      list = "{";
      for (size_t i = 0; i < keys.size(); ++i) {
        if (i) list += ',';
        ArrayKey(list, keys[i]);
      }
      list += "}";
      where = std::string(" WHERE ") + column + " = ANY(CAST(:keys AS " + ArrayType(keys.front()) + "))";
    } else {
      json::Writer w;
      w.BeginArray();
      for (const auto& k : keys) JsonKey(w, k);
      w.EndArray();
      list = w.str();
      where = std::string(" WHERE ") + column + " IN (SELECT value FROM json_each(:keys))";
    }
    try {
      EachRow(db, select + where + tail, [&](const Row& r) { out.push_back(read(r)); }, {{":keys", list}});
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      Rethrow(db, e, "读取数据");
    }
    return out;
  } else {
    for (size_t begin = 0; begin < keys.size(); begin += kKeysPerStatement) {
      size_t end = std::min(keys.size(), begin + kKeysPerStatement);
      std::vector<typename Bound<Key>::type> values(keys.begin() + static_cast<std::ptrdiff_t>(begin),
                                                    keys.begin() + static_cast<std::ptrdiff_t>(end));
      std::vector<std::string> names;
      std::string query = select + " WHERE " + column + " IN (";
      for (size_t i = 0; i < values.size(); ++i) {
        names.push_back("k" + std::to_string(i));
        query += (i ? ", :" : ":") + names.back();
      }
      query += ")" + tail;
      try {
        soci::details::prepare_temp_type prepared = (Sql(db).prepare << query);
        for (size_t i = 0; i < values.size(); ++i) prepared, soci::use(values[i], names[i]);
        soci::rowset<soci::row> rows(prepared);
        for (const auto& r : rows) out.push_back(read(r));
      } catch (const Error&) {
        throw;
      } catch (const std::exception& e) {
        Rethrow(db, e, "读取数据");
      }
    }
    return out;
  }
}

}  // namespace sb::storage
