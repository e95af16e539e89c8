#pragma once
/// The import as a user action: all or nothing in one transaction, checked row by row
/// by the same core validation as the dialogs, then the findings it raised.
#include <string>
#include <vector>

#include "app/session.h"
#include "exchange/exchange.h"

namespace sb::app {

/// What one committed import wrote, so that 编辑 → 撤销 can take it back as one step
/// (UndoImport). Read from the history the import's own transaction wrote.
struct ImportUndo {
  std::string label;  ///< "导入 payments.csv（3 行）": the history's action and the undo's name
  std::string files;  ///< "payments.csv": the file names, for a translated label
  size_t rows = 0;    ///< data rows read
  struct Row {
    std::string table;
    Id id = 0;
    int64_t rowVersion = 1;  ///< as the import stored it
  };
  std::vector<Row> created;  ///< in the order written (dependency order)
  size_t updated = 0;        ///< existing rows the import replaced (--update): not undoable
};

struct ImportOutcome {
  exchange::ImportResult result;
  ImportUndo undo;  ///< after a committed import
  /// After a committed import: the findings the imported rows raised or made larger,
  /// errors first — what the payment dialog would have shown for each of them.
  std::vector<Finding> raised;
};

/// The county's own words for workbook columns and values (JSON, sheet_table.h Synonyms).
inline constexpr std::string_view kSynonymsSetting = "import.synonyms";
/// A layout chosen once for a kind of workbook: import.layout.<signature> (SheetLayout JSON).
inline constexpr std::string_view kLayoutSettingPrefix = "import.layout.";

/// Adds the county's synonyms and remembered layouts (settings) to the options.
void AddCountyWords(Session& session, exchange::ImportOptions& options);
/// Remembers the mapping chosen for workbooks whose layout has this signature, so that
/// next month's ledger imports with it (the window's 记住此对应).
void RememberLayout(Session& session, const std::string& signature, const exchange::SheetLayout& layout);

/// Imports files and folders (see exchange::Import) as the session's actor: projects
/// need 基建股, money tables 计财股 (the tables in the files decide). Date checks use
/// the session's today(). With options.dryRun everything is read and checked inside the
/// transaction and then rolled back: the result says what would be imported.
ImportOutcome Import(Session& session, const std::vector<std::string>& paths,
                     exchange::ImportOptions options = {});

/// Takes back a committed import as one transaction (编辑 → 撤销 after 文件 → 导入): a payment
/// it created is reversed — payments are never deleted, the database refuses — by a
/// red entry (红字冲销) dated today (or the payment's date, if later) with voucher
/// "冲" + its voucher and the reason "撤销导入 …"; every other row it created is deleted,
/// newest first. All or nothing: refused when the import replaced existing rows
/// (--update), when a row was changed since, or while something entered later refers to it.
void UndoImport(Session& session, const ImportUndo& undo);

}  // namespace sb::app
