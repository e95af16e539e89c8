// The spreadsheet import (exchange::Import) of one file into the demo county, which
// LLVMFuzzerInitialize imports from tests/fuzz/base (the demo's own export). An input is
// "FILE-NAME\n" (optionally "FILE-NAME --update\n") followed by the file's bytes.
// Properties: Import never throws; a refused import writes nothing (its transaction rolls
// back); an accepted one exports back to the same values — every amount and date of the
// file is in the table's export, and that export, imported with --update into the county
// as it was, is accepted and exports byte for byte the same again.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "core/calendar.h"
#include "core/error.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "fuzz_support.h"
#include "storage/history_repository.h"
#include "storage/repository.h"

namespace fs = std::filesystem;
using namespace sb;
using namespace sb::exchange;

namespace {

fs::path g_dir;
std::unique_ptr<storage::Database> g_db;

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) sb::fuzz::PropertyFailed("write", "cannot write " + path.string());
}

ImportResult ImportOne(const std::vector<std::string>& paths, bool update) {
  ImportOptions options;
  options.update = update;
  try {
    return Import(*g_db, paths, options);
  } catch (const std::exception& e) {
    sb::fuzz::PropertyFailed("Import never throws", e.what());
  }
}

std::string Problems(const ImportResult& r) {
  std::string s;
  for (const auto& line : r.ProblemLines()) s += "\n    " + line;
  return s;
}

// Per column of the table: the amounts (as fen) and dates (ISO) a file holds, the way the
// import reads them; other columns are not compared.
using Values = std::map<size_t, std::multiset<std::string>>;

std::optional<Values> ValuesOf(Table table, std::string_view bytes) {
  DecodedText text;
  try {
    text = DecodeText(bytes);
  } catch (const Error&) {
    return std::nullopt;
  }
  CsvDocument doc = ParseCsv(text.text);
  size_t first = 0;
  while (first < doc.records.size() && doc.records[first].IsBlank()) ++first;
  if (first == doc.records.size()) return Values{};
  const TableSpec& spec = Spec(table);
  std::vector<HeaderProblem> problems;
  HeaderMap header = MapHeader(spec, doc.records[first], problems);
  Values values;
  for (size_t i = first + 1; i < doc.records.size(); ++i) {
    const CsvRecord& rec = doc.records[i];
    if (rec.IsBlank()) continue;
    for (size_t col = 0; col < spec.columns.size(); ++col) {
      const ColumnSpec& c = spec.columns[col];
      bool date = c.zh.ends_with("日期");
      if (!header.Has(col) || (!c.money && !date)) continue;
      size_t pos = static_cast<size_t>(header.position[col]);
      std::string cell = pos < rec.cells.size() ? Trim(rec.cells[pos].text) : "";
      if (cell.empty()) continue;
      try {
        values[col].insert(c.money ? std::to_string(Money::Parse(cell, header.unit[col]).fen())
                                   : FormatDate(ParseDate(cell)));
      } catch (const Error& e) {
        sb::fuzz::PropertyFailed("an accepted cell parses", std::string(c.zh) + " “" + cell + "”: " + e.detail());
      }
    }
  }
  return values;
}

std::string ExportOf(Table table) { return ExportTableText(storage::LoadPortfolio(*g_db), table, MoneyUnit::Wan); }

// The base county's export per table: every transaction here rolls back, so it never changes.
const std::string& BaseExport(Table table) {
  static std::map<Table, std::string> cache;
  auto it = cache.find(table);
  if (it == cache.end()) it = cache.emplace(table, ExportOf(table)).first;
  return it->second;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char templ[] = "/tmp/sb_fuzz_import_XXXXXX";
  if (!::mkdtemp(templ)) return 1;
  g_dir = templ;
  fs::create_directories(g_dir / "in");
  fs::create_directories(g_dir / "again");
  g_db = storage::Database::Open((g_dir / "county.db").string(), storage::OpenMode::Create);
  storage::WriteTransaction tx(*g_db);
  storage::SetHistoryContext(*g_db, "fuzz", "导入 demo");
  ImportResult base = ImportOne({SB_FUZZ_BASE}, false);
  if (base.ProblemCount() > 0) sb::fuzz::PropertyFailed("the base county imports", Problems(base));
  tx.Commit();
  std::atexit([] {
    g_db.reset();
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = sb::fuzz::AsText(data, size);
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos || nl == 0 || nl > 64) return 0;
  std::string name(input.substr(0, nl));
  std::string_view bytes = input.substr(nl + 1);
  bool update = false;
  if (name.ends_with(" --update")) {
    update = true;
    name.resize(name.size() - 9);
  }
  if (name.empty() || name.find_first_of("/\\") != std::string::npos || name == "." || name == ".." ||
      name.find('\0') != std::string::npos)
    return -1;  // not a file name: not worth keeping in the corpus
  fs::path in = g_dir / "in";
  fs::remove_all(in);
  fs::create_directories(in);
  WriteFile(in / name, bytes);

  auto table = TableForFileName(name);
  static size_t refused = 0;
  {
    std::optional<storage::WriteTransaction> tx(std::in_place, *g_db);  // never committed
    storage::SetHistoryContext(*g_db, "fuzz", "导入");
    ImportResult r = ImportOne({(in / name).string()}, update);
    if (!table) {
      SB_FUZZ_CHECK(r.ProblemCount() > 0, "a file with an unknown name was accepted");
      return 0;
    }
    if (r.ProblemCount() > 0) {
      tx.reset();
      // Reading the table back costs more than the import: every 16th refusal is checked.
      if (++refused % 16 == 0)
        SB_FUZZ_CHECK(ExportOf(*table) == BaseExport(*table), "a refused import left something behind");
      return 0;
    }
    std::string exported = ExportOf(*table);
    auto wanted = ValuesOf(*table, bytes);
    SB_FUZZ_CHECK(wanted.has_value(), "an import was accepted from text that does not decode");
    auto got = ValuesOf(*table, exported);
    SB_FUZZ_CHECK(got.has_value(), "the export does not decode");
    for (const auto& [col, values] : *wanted)
      for (const auto& v : values)
        SB_FUZZ_CHECK((*got)[col].count(v) >= values.count(v),
                      std::string(Spec(*table).columns[col].zh) + " " + v + " is not in the export");
    // Rolled back: the same file again is judged alike against the same county.
    tx.reset();
    tx.emplace(*g_db);
    SB_FUZZ_CHECK(ExportOf(*table) == BaseExport(*table), "the rollback left something of the import");
    storage::SetHistoryContext(*g_db, "fuzz", "再导入");
    fs::path again = g_dir / "again" / std::string(Spec(*table).file);
    WriteFile(again, exported);
    ImportResult r2 = ImportOne({again.string()}, true);
    SB_FUZZ_CHECK(r2.ProblemCount() == 0, "the export of an accepted import is refused:" + Problems(r2));
    SB_FUZZ_CHECK(ExportOf(*table) == exported, "export → import --update → export differs");
  }
  SB_FUZZ_CHECK(ExportOf(*table) == BaseExport(*table), "a rolled-back import left something behind");
  return 0;
}
