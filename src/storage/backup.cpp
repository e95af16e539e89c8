#include "storage/backup.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/translate.h"
#include "storage/sql_util.h"

namespace sb::storage {

namespace fs = std::filesystem;

namespace {

std::string TempName(const std::string& path) { return path + ".part"; }

void Publish(const std::string& temp, const std::string& path) {
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    // TRANSLATORS: a file, then the system's reason (in English).
    Fail(ErrorCode::Io, Tr("无法写入 %s：%s", path.c_str(), ec.message().c_str()));
  }
}

}  // namespace

void BackupDatabase(Database& db, const std::string& path) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) Fail(ErrorCode::Io, Tr("无法创建备份文件夹 %s：%s", parent.string().c_str(), ec.message().c_str()));
  std::string temp = TempName(path);
  fs::remove(temp, ec);
  auto* be = static_cast<soci::sqlite3_session_backend*>(Sql(db).get_backend());
  sqlite_api::sqlite3* out = nullptr;
  int rc = sqlite_api::sqlite3_open(temp.c_str(), &out);
  std::string failure;
  if (rc == SQLITE_OK) {
    sqlite_api::sqlite3_backup* b = sqlite_api::sqlite3_backup_init(out, "main", be->conn_, "main");
    if (!b) {
      failure = sqlite_api::sqlite3_errmsg(out);
    } else {
      rc = sqlite_api::sqlite3_backup_step(b, -1);
      sqlite_api::sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) failure = rc == SQLITE_FULL ? Tr("磁盘已满") : sqlite_api::sqlite3_errstr(rc);
    }
  } else {
    failure = Tr("无法创建文件");
  }
  if (out) sqlite_api::sqlite3_close(out);
  if (!failure.empty()) {
    fs::remove(temp, ec);
    Fail(ErrorCode::Io, Tr("备份到 %s 失败：%s；原数据库没有任何改动", path.c_str(), failure.c_str()));
  }
  Publish(temp, path);
}

void CopyFileAtomically(const std::string& from, const std::string& to) {
  std::string temp = TempName(to);
  {
    std::ifstream in(from, std::ios::binary);
    if (!in) Fail(ErrorCode::Io, Tr("无法读取 %s", from.c_str()));
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) Fail(ErrorCode::Io, Tr("无法写入 %s", to.c_str()));
    out << in.rdbuf();
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      Fail(ErrorCode::Io, Tr("写入 %s 失败（磁盘可能已满）；原文件没有改动", to.c_str()));
    }
  }
  Publish(temp, to);
}

void ReplaceDatabaseFile(const std::string& target, const std::string& source) {
  CopyFileAtomically(source, target + ".restore");
  std::error_code ec;
  for (const char* ext : {"-wal", "-shm", "-journal"}) fs::remove(target + ext, ec);
  Publish(target + ".restore", target);
}

}  // namespace sb::storage
