#pragma once
/// Output files appear whole or not at all: written under a temporary name beside the
/// target (same folder, so the rename is atomic) and renamed into place only when every
/// byte is on disk. A failure removes the temporary file and leaves an earlier file as it
/// was — a full disk never turns a good report into a broken or a 0-byte one.
#include <functional>
#include <string>

namespace sb {

/// A name beside `path` (same folder) that no other writer uses: ".NAME.tmp-PID-N".
std::string TemporaryNameBeside(const std::string& path);

/// Writes `bytes` to a new file `path` (refused if it exists) and flushes it to disk. On
/// failure removes it and throws Error(Io) naming `shownAs` (default: `path`).
void WriteNewFile(const std::string& path, const std::string& bytes, const std::string& shownAs = "");

/// Writes `bytes` to `path` through a temporary file and a rename. Throws Error(Io) naming
/// `path` and the reason (磁盘已满 for ENOSPC); `path` is then unchanged.
void WriteFileAtomically(const std::string& path, const std::string& bytes);

/// Runs `write(temporary)` — a writer that creates the file itself (cairo, libxlsxwriter)
/// — then flushes the temporary file and renames it onto `path`. If `write` throws, the
/// temporary file is removed, the message names `path` instead of the temporary name and
/// says `path` is unchanged.
void WriteThroughTemporary(const std::string& path,
                           const std::function<void(const std::string& temporary)>& write);

/// Flushes `path` (a file or a folder) to disk: what was written survives a power loss.
/// Throws Error(Io) when the system reports the data could not be written.
void SyncToDisk(const std::string& path);

/// Renames `temp` onto `path`, replacing it. On failure removes `temp` and throws.
void PublishReplacing(const std::string& temp, const std::string& path);

/// Renames `temp` onto `path` only if `path` does not exist (no other writer's file is
/// ever replaced). On failure removes `temp` and throws Error(Refused) if `path` exists,
/// else Error(Io).
void PublishNew(const std::string& temp, const std::string& path);

/// Removes a temporary file (or folder, recursively) when it goes out of scope, unless
/// Keep() was called: the cleanup for every way out of a failed write.
class TemporaryPath {
 public:
  explicit TemporaryPath(std::string path) : path_(std::move(path)) {}
  ~TemporaryPath();
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  const std::string& path() const { return path_; }
  void Keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

}  // namespace sb
