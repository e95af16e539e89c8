#pragma once
/// The import as a user action: all or nothing in one transaction, checked row by row
/// by the same core validation as the dialogs, then the findings it raised.
#include <string>
#include <vector>

#include "app/session.h"
#include "exchange/exchange.h"

namespace sb::app {

struct ImportOutcome {
  exchange::ImportResult result;
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

}  // namespace sb::app
