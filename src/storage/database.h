#pragma once
/// An open SchoolBuild database: SQLite through SOCI, schema migrated on open.
/// Nothing outside src/storage sees SOCI; callers use this class and repository.h.
///
/// A SchoolBuild file carries PRAGMA application_id 0x5342544A ("SBTJ": SchoolBuild,
/// 校建通), set when the file is created and by the first migration an older file
/// undergoes (files from before schema version 5 have none and are recognised by their
/// tables). A file with another id belongs to another program and is never written.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace soci {
class session;
}

namespace sb::storage {

class InsertStatements;

enum class OpenMode {
  MustExist,  ///< refuse a path with no file: a mistyped path must not create a database
  /// create the file (and its folder) when the path does not exist; an existing file
  /// that is empty (0 bytes, or SQLite with no tables) is refused like with MustExist.
  /// A new database is best made with app::CreateDatabase, which builds it under a
  /// temporary name and renames it into place only when complete.
  Create,
};

class Database {
 public:
  /// Opens (or creates), sets pragmas (foreign_keys, WAL, busy_timeout) and applies
  /// pending migrations in one transaction. Before anything is written it reads the
  /// file's application id, schema version and tables, and refuses, leaving the file
  /// byte for byte as it was, another program's file (another id, or no id and not our
  /// tables, whatever its user_version) and a newer SchoolBuild's. Throws Error:
  /// FileMissing, NewerSchema, Database (not a SchoolBuild/SQLite file), Damaged
  /// (fails quick_check; empty: 0 bytes or no tables), Io (a folder, a FIFO, a device).
  ///
  /// `path` may instead name a PostgreSQL server: "postgresql: " and a libpq key=value
  /// string ("postgresql: host=10.0.0.5 port=5432 dbname=county user=zhang"; a password
  /// comes from libpq's ~/.pgpass or PGPASSWORD, never from a file of ours). OpenMode
  /// Create then builds the schema in an empty database (the database owner's job, once);
  /// MustExist refuses a database without SchoolBuild's tables.
  static std::unique_ptr<Database> Open(const std::string& path, OpenMode mode);

  /// "postgresql:" — how a server location starts.
  static constexpr const char* kServerPrefix = "postgresql:";
  static bool IsServerLocation(const std::string& location);
  /// True for a PostgreSQL database, false for an SQLite file.
  bool IsServer() const;
  /// The server's user this connection acts as ("" for an SQLite file).
  const std::string& ServerUser() const;
  /// The server roles of that user among sb_admin, sb_infra, sb_finance, sb_reader (a
  /// superuser or the database's owner counts as sb_admin). Empty for an SQLite file.
  const std::vector<std::string>& ServerRoles() const;

  /// PRAGMA application_id of a SchoolBuild file: "SBTJ".
  static constexpr int kApplicationId = 0x5342544A;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const;
  /// Where a second connection of this process opens the same database (an analysis
  /// thread's): the file, or the server's location with the password it was given. Kept
  /// in memory only: never shown, logged or written anywhere (path() is what is shown).
  const std::string& ReopenLocation() const;
  /// Schema version stored in the file (PRAGMA user_version).
  int SchemaVersion();
  /// The newest schema version this program knows.
  static int LatestSchemaVersion();

  /// Why the file was opened read-only ("文件没有写入权限", a read-only folder or mount),
  /// or "" when it can be written. A read-only file is opened with SQLite's read-only
  /// flag: reads work, and every WriteTransaction is refused with "数据库以只读方式打开…".
  const std::string& ReadOnlyReason() const;

  /// For a file on a network share (SMB/CIFS, NFS…): what the window and the command line
  /// say about it. Such a file is opened with a rollback journal instead of WAL (WAL is
  /// unsafe on network file systems), so one PC saves at a time. "" for a local file.
  const std::string& NetworkNotice() const;

  /// True while a WriteTransaction is open on this connection.
  bool InTransaction() const;
  /// How many write transactions this connection has committed since it opened: whether
  /// this session changed anything (the window backs up at close only then).
  long CommittedWrites() const;

 private:
  Database();
  static std::unique_ptr<Database> OpenServer(const std::string& conninfo, OpenMode mode);
  // Repository code inside src/storage reaches the session through Sql() (sql_util.h);
  // nothing outside src/storage sees SOCI.
  friend soci::session& Sql(Database& db);
  friend InsertStatements& Inserts(Database& db);
  friend class WriteTransaction;
  friend class BulkWriting;
  friend size_t SetIndexesAside(Database& db, const std::string& table);
  friend size_t SetInsertTriggersAside(Database& db, const std::string& table);
  friend void RestoreIndexes(Database& db);
  friend void FinishBeforeCommit(Database& db, const std::string& what, std::function<void()> finish);
  soci::session& session();
  int& transactionDepth();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The key=value pairs of a libpq connection string, values unquoted
/// ("host=h dbname='a b'" → {host,h}, {dbname,a b}).
std::vector<std::pair<std::string, std::string>> ParseConninfo(const std::string& conninfo);
/// The same string without its password, for messages, titles and what is remembered.
std::string WithoutPassword(const std::string& conninfo);
/// A value as libpq wants it: quoted when empty or holding a space, a quote or a backslash.
std::string ConninfoValue(const std::string& value);

/// One user action = one transaction: rolls back unless Commit() is called.
/// The outermost is BEGIN IMMEDIATE (takes the write lock at once, so two writers wait
/// instead of failing half-way); nested ones are savepoints, so a cancelled dialog can
/// roll back its own part.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void Commit();

 private:
  Database& db_;
  int level_;
  bool done_ = false;
};

/// While it lives, a large write (an import of many files' rows) keeps SQLite's statement
/// journals in memory: each INSERT through the history trigger otherwise wrote its
/// statement journal to a temporary file, 25 writes a row. The page cache stays the
/// connection's own (2 MiB): since the import sets its indexes aside and writes rows in id
/// order, a 64 MiB cache made it no faster and only larger (the province's peak 437 MB →
/// 373 MB; README). And a load at least as large as the file writes through a rollback
/// journal instead of the WAL when no other connection has the file open: a province's
/// import wrote 2 GB for a 1 GB file, and its commit copied the half of it home again.
/// Nothing on a server. Start it outside any transaction (PRAGMA temp_store cannot change
/// inside one).
class BulkWriting {
 public:
  /// `incomingBytes`: the size of what is read in (the rollback journal is for a load at
  /// least as large as the file).
  explicit BulkWriting(Database& db, uintmax_t incomingBytes = 0);
  ~BulkWriting();
  BulkWriting(const BulkWriting&) = delete;
  BulkWriting& operator=(const BulkWriting&) = delete;

 private:
  Database& db_;
  bool active_ = false;
  int tempStore_ = 0;  ///< the connection's own, restored at the end
  bool rollbackJournal_ = false;  ///< switched from WAL to a rollback journal: back at the end
};

/// SQLite, inside a write transaction: a write of many rows into `table` goes faster
/// without the indexes that only speed up reads (neither unique nor partial). They are
/// dropped here and built again, from the very statements that made them, by
/// RestoreIndexes — one sort instead of a random B-tree insert per row and index. Unique
/// and partial indexes stay: they check rows, and the import's look-ups use them. The
/// transaction cannot commit while any is aside; rolling back brings them back by itself.
/// Returns how many were set aside (0 on a server, and for a table without such indexes).
size_t SetIndexesAside(Database& db, const std::string& table);
/// The same for the table's INSERT triggers (SQLite, inside a write transaction): the
/// caller writes what they would — each row's history entry (DeferredInsertHistory), the
/// payments' sums (FinishBeforeCommit) — and binds its money as integers, which is all
/// the remaining ones check. Created again from their own statements by RestoreIndexes,
/// before the transaction can commit; a rollback brings them back by itself. A trigger
/// per row cost a province's payments 1.5 s. Returns how many were set aside.
size_t SetInsertTriggersAside(Database& db, const std::string& table);
/// Inside a write transaction: `finish` runs at RestoreIndexes, after the indexes set
/// aside are back, and until then the transaction cannot commit (the refusal names `what`).
/// A large import sums its payments this way once, instead of a batch at a time.
void FinishBeforeCommit(Database& db, const std::string& what, std::function<void()> finish);
/// Builds every index set aside in this transaction again, then runs what
/// FinishBeforeCommit was given, in the order they came.
void RestoreIndexes(Database& db);

}  // namespace sb::storage
