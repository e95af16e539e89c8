#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "core/translate.h"

namespace sb {

namespace fs = std::filesystem;

namespace {

std::string Reason(int err) {
  // TRANSLATORS: why a file could not be written (after its name).
  if (err == ENOSPC || err == EDQUOT) return Tr("磁盘已满");
  if (err == EROFS) return Tr("所在位置是只读的");
  if (err == EACCES || err == EPERM) return Tr("没有写入权限");
  return std::strerror(err);
}

}  // namespace

std::string TemporaryNameBeside(const std::string& path) {
  static std::atomic<int> counter{0};
  fs::path p(path);
  std::string name = "." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                     std::to_string(counter++);
  return (p.parent_path() / name).string();
}

void WriteNewFile(const std::string& path, const std::string& bytes, const std::string& shownAs) {
  const std::string& name = shownAs.empty() ? path : shownAs;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  // TRANSLATORS: a file, then why it could not be written.
  if (fd < 0) Fail(ErrorCode::Io, Tr("无法写入 %s：%s", name.c_str(), Reason(errno).c_str()));
  size_t done = 0;
  int err = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (err) {
    ::unlink(path.c_str());
    Fail(ErrorCode::Io, Tr("写入 %s 失败：%s", name.c_str(), Reason(err).c_str()));
  }
}

void WriteFileAtomically(const std::string& path, const std::string& bytes) {
  TemporaryPath temp(TemporaryNameBeside(path));
  try {
    WriteNewFile(temp.path(), bytes, path);
  } catch (const Error& e) {
    // TRANSLATORS: why writing failed, then the file that was left as it was.
    Fail(e.code(), Tr("%s；%s 没有改动", e.detail().c_str(), path.c_str()));
  }
  PublishReplacing(temp.path(), path);
  temp.Keep();
}

void WriteThroughTemporary(const std::string& path,
                           const std::function<void(const std::string& temporary)>& write) {
  TemporaryPath temp(TemporaryNameBeside(path));
  try {
    write(temp.path());
  } catch (const Error& e) {
    std::string detail = e.detail();
    for (size_t at; (at = detail.find(temp.path())) != std::string::npos;)
      detail.replace(at, temp.path().size(), path);
    Fail(e.code(), Tr("%s；%s 没有改动", detail.c_str(), path.c_str()));
  }
  SyncToDisk(temp.path());
  PublishReplacing(temp.path(), path);
  temp.Keep();
}

void SyncToDisk(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // nothing of ours to flush
  int err = ::fsync(fd) != 0 ? errno : 0;
  ::close(fd);
  // A folder on a file system that cannot sync directories says EINVAL: nothing to do.
  if (err && err != EINVAL && err != EROFS)
    Fail(ErrorCode::Io, Tr("写入 %s 失败：%s", path.c_str(), Reason(err).c_str()));
}

void PublishReplacing(const std::string& temp, const std::string& path) {
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    std::error_code ec;
    fs::remove_all(temp, ec);
    // TRANSLATORS: the file, why it could not be written, then the file again (unchanged).
    Fail(ErrorCode::Io, Tr("无法写入 %s：%s；%s 没有改动", path.c_str(), Reason(err).c_str(), path.c_str()));
  }
  std::string parent = fs::path(path).parent_path().string();
  SyncToDisk(parent.empty() ? "." : parent);
}

void PublishNew(const std::string& temp, const std::string& path) {
  // link() refuses an existing target, so a file someone made meanwhile is never replaced.
  if (::link(temp.c_str(), path.c_str()) == 0) {
    ::unlink(temp.c_str());
  } else {
    int err = errno;
    std::error_code ec;
    if (err == EEXIST) {
      fs::remove_all(temp, ec);
      Fail(ErrorCode::Refused, Tr("文件已存在：%s（不会覆盖）", path.c_str()));
    }
    // File systems without hard links (FAT on a USB stick): check, then rename.
    if (fs::exists(path, ec)) {
      fs::remove_all(temp, ec);
      Fail(ErrorCode::Refused, Tr("文件已存在：%s（不会覆盖）", path.c_str()));
    }
    PublishReplacing(temp, path);
    return;
  }
  std::string parent = fs::path(path).parent_path().string();
  SyncToDisk(parent.empty() ? "." : parent);
}

TemporaryPath::~TemporaryPath() {
  if (keep_) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace sb
