#pragma once
// "Another program" writing to a SchoolBuild file: a raw SQLite connection, as the
// sqlite3 shell would use it.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace sb::test {

class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &h_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(h_); }
  /// "" when the statements ran, else SQLite's message.
  std::string Exec(const std::string& sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(h_, sql.c_str(), nullptr, nullptr, &msg);
    std::string m = rc == SQLITE_OK ? "" : (msg ? msg : "error");
    sqlite3_free(msg);
    return m;
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  int64_t Int(const std::string& sql) { return std::stoll(Text(sql)); }

 private:
  sqlite3* h_ = nullptr;
};

}  // namespace sb::test
