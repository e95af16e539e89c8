#pragma once
// The engine a suite runs on (issue 11). The storage, app, audit and exchange suites run
// twice: on SQLite files, and on the throwaway PostgreSQL cluster of tests/pg_cluster.sh
// when SB_TEST_PG names its conninfo file (ctest sets it for the "(postgresql)" entries).
// A case names its databases by the file it would use; on PostgreSQL each such name is a
// new empty database of its own, dropped when the case's process ends.
#include <string>

namespace sb::test {

/// True when this run is against the PostgreSQL test cluster.
bool OnServer();

/// Where the database a case calls `file` lives: `file` itself on SQLite, else
/// "postgresql: … dbname=sbt_…" (created empty the first time a process asks for it).
/// Fails the case loudly when SB_TEST_PG is set but its cluster cannot be reached.
std::string Db(const std::string& file);

/// Runs SQL as the cluster's superuser on the database behind `location` (a server
/// location from Db()): what "another program" (psql) does. Returns "" or the error.
std::string ServerExec(const std::string& location, const std::string& sql);

/// The first column of the first row `query` gives on the database behind `location`, as
/// text ("" for NULL or no row); throws with the server's error.
std::string ServerValue(const std::string& location, const std::string& query);

}  // namespace sb::test
