#pragma once
/// The text of db/**/*.sql, compiled into the program (see cmake/Embed.cmake).
#include <string_view>
#include <vector>

namespace sb::storage {

struct EmbeddedFile {
  std::string_view name;  ///< e.g. "sqlite/0001_schema.sql", "postgresql/0008_baseline.sql", "demo.sql"
  std::string_view text;
};

const std::vector<EmbeddedFile>& EmbeddedFiles();

}  // namespace sb::storage
