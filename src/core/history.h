#pragma once
/// The history of every change (db/sqlite/0006_history.sql): one entry per insert, update and
/// delete of any row, chained by SHA-256 so that no entry can be changed or removed
/// unnoticed. What is chained and how an entry reads in words is decided here, the same
/// for every engine.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/model.h"

namespace sb {

struct HistoryEntry {
  Id id = 0;
  std::string at;      ///< local time "YYYY-MM-DDTHH:MM:SS"
  std::string who;     ///< the user (on a server the database user; here the OS user)
  std::string action;  ///< the user action of src/app ("录入拨付 记-…"); "" outside the program
  std::string table;
  std::string rowKey;  ///< the row's key as text
  std::optional<Id> projectId;
  std::string op;      ///< "insert" | "update" | "delete"
  std::optional<std::string> oldValues, newValues;  ///< JSON objects of the row
  bool outside = false;                             ///< made outside the program
  std::optional<std::string> hash;                  ///< nullopt: not sealed yet
};

/// The previous hash of the first entry.
inline constexpr std::string_view kChainStart =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The text an entry is hashed as: every field in a fixed order, the JSON values in the
/// canonical form of core/json.h, so that SQLite's and PostgreSQL's JSON of the same row
/// give the same text.
std::string CanonicalEntryText(const HistoryEntry& entry);
/// SHA-256(previous ‖ canonical text), lower-case hex.
std::string ChainHash(std::string_view previous, const HistoryEntry& entry);

/// Names to use in sentences for the ids a row refers to.
struct HistoryNames {
  std::map<Id, std::string> projects, sources, contracts;
};
/// The entry in words: "2026-11-03 10:12 张会计 录入拨付 记-202611-0042 85.00万元 → 萍乡市城建集团".
std::string DescribeEntry(const HistoryEntry& entry, const HistoryNames& names = {});
/// What differs between two JSON rows, in words: "金额 100.00万元→120.00万元；备注 （空）→补录"
/// ("" when nothing does).
std::string ChangedFields(const std::string& beforeJson, const std::string& afterJson);
/// The time of an entry as printed: "2026-11-03 10:12".
std::string EntryTime(const HistoryEntry& entry);
/// What the table's rows are called: "拨付", "资金来源", …
std::string_view TableWord(std::string_view table);

/// The check code printed on a closed month's report ("9F3A-21C7"): derived from the
/// month, the history's head when it was closed and the snapshot it keeps.
std::string CheckCode(YearMonth month, std::string_view chainHead, std::string_view snapshot);

}  // namespace sb
