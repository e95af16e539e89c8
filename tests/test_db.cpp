#include "test_db.h"

#include <doctest/doctest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <unistd.h>

namespace sb::test {

namespace {

std::string ClusterConninfo() {
  const char* file = std::getenv("SB_TEST_PG");
  if (!file || !*file) return "";
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty())
    throw std::runtime_error(std::string("SB_TEST_PG names ") + file +
                             ", which holds no conninfo: the PostgreSQL test cluster did not start "
                             "(see the \"postgresql: start the test cluster\" test's output)");
  return line;
}

// The cluster's conninfo with dbname replaced.
std::string WithDatabase(const std::string& conninfo, const std::string& name) {
  std::string out;
  size_t i = 0;
  while (i < conninfo.size()) {
    size_t end = conninfo.find(' ', i);
    if (end == std::string::npos) end = conninfo.size();
    std::string item = conninfo.substr(i, end - i);
    if (!item.empty() && item.rfind("dbname=", 0) != 0) out += (out.empty() ? "" : " ") + item;
    i = end + 1;
  }
  return out + " dbname=" + name;
}

// Runs `sql`; "" or the error. With `value`, the first column of the last statement's
// first row goes there ("" when it is NULL or there is no row).
std::string Run(const std::string& conninfo, const std::string& sql, std::string* value = nullptr) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot reach the PostgreSQL test cluster (" + conninfo + "): " +
                             PQerrorMessage(conn.get()));
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), sql.c_str()), PQclear);
  auto status = PQresultStatus(r.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    if (value) *value = PQntuples(r.get()) > 0 && PQnfields(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
    return "";
  }
  return PQresultErrorMessage(r.get());
}

std::string ServerConninfo(const std::string& location) {
  const std::string prefix = "postgresql:";
  if (location.rfind(prefix, 0) != 0) throw std::runtime_error("not a server location: " + location);
  return location.substr(prefix.size());
}

struct Created {
  std::string conninfo;
  std::map<std::string, std::string> byFile;  // file → database name
  void DropAll() {
    for (const auto& [file, name] : byFile) {
      try {
        Run(conninfo, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (...) {
      }
    }
    byFile.clear();
  }
  ~Created() { DropAll(); }
};

Created& Databases() {
  static Created created;
  return created;
}

// A case's databases go when the case ends (the whole suite runs in one process).
struct DropDatabasesAfterEachCase : doctest::IReporter {
  explicit DropDatabasesAfterEachCase(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override { Databases().DropAll(); }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("sb_drop_databases", 1, DropDatabasesAfterEachCase);

}  // namespace

bool OnServer() { return !ClusterConninfo().empty(); }

std::string Db(const std::string& file) {
  const std::string cluster = ClusterConninfo();
  if (cluster.empty()) return file;
  auto& created = Databases();
  created.conninfo = cluster;
  auto it = created.byFile.find(file);
  if (it == created.byFile.end()) {
    static int counter = 0;
    std::string name = "sbt_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    std::string err = Run(cluster, "CREATE DATABASE " + name);
    if (!err.empty()) throw std::runtime_error("CREATE DATABASE " + name + " failed: " + err);
    it = created.byFile.emplace(file, name).first;
  }
  return "postgresql: " + WithDatabase(cluster, it->second);
}

std::string ServerExec(const std::string& location, const std::string& sql) {
  return Run(ServerConninfo(location), sql);
}

std::string ServerValue(const std::string& location, const std::string& query) {
  std::string value;
  std::string err = Run(ServerConninfo(location), query, &value);
  if (!err.empty()) throw std::runtime_error(query + ": " + err);
  return value;
}

}  // namespace sb::test
