#pragma once
// Private to src/exchange: the export's rows read from the database table by table, for
// the CSV files (export.cpp) and the workbook (export_xlsx.cpp) alike.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/money.h"
#include "exchange/tables.h"
#include "storage/database.h"

namespace sb::exchange {

using RowFn = std::function<void(std::vector<std::string>&&)>;

class ExportReader {
 public:
  /// Reads what the references are written with: projects, sources, contracts, template.
  explicit ExportReader(storage::Database& db);
  ~ExportReader();
  ExportReader(const ExportReader&) = delete;
  ExportReader& operator=(const ExportReader&) = delete;

  /// Calls `row` for every row of `table`, in the file's order, with the text of each
  /// column of Spec(table) (unguarded) — what ExportTableRows gives for a Portfolio.
  void Rows(Table table, MoneyUnit unit, const RowFn& row);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::exchange
