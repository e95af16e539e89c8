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

/// Imports files and folders (see exchange::Import) as the session's actor: projects
/// need 基建股, money tables 计财股 (the tables in the files decide). Date checks use
/// the session's today().
ImportOutcome Import(Session& session, const std::vector<std::string>& paths,
                     exchange::ImportOptions options = {});

}  // namespace sb::app
