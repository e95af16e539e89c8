#include "app/import.h"

#include "app/actions.h"
#include "core/error.h"

namespace sb::app {

ImportOutcome Import(Session& session, const std::vector<std::string>& paths,
                     exchange::ImportOptions options) {
  ImportOutcome out;
  std::vector<Finding> before;
  try {
    options.limits = session.Limits();
    for (exchange::Table t : exchange::TablesIn(paths))
      session.Require(t == exchange::Table::Projects || t == exchange::Table::Budget || t == exchange::Table::Procedures ||
                              t == exchange::Table::Progress
                          ? Area::Projects
                          : Area::Funds);
    before = session.analysis().findings;
  } catch (const Error& e) {
    out.result.problems.push_back({"", 0, "", e.detail()});
    return out;
  }
  {
    std::unique_ptr<storage::WriteTransaction> tx;
    try {
      tx = std::make_unique<storage::WriteTransaction>(session.db());
    } catch (const Error& e) {
      out.result.problems.push_back({"", 0, "", e.detail()});
      return out;
    }
    out.result = exchange::Import(session.db(), paths, options);
    if (out.result.ProblemCount() > 0 || out.result.cancelled) {
      out.result.counts.clear();
      return out;  // tx rolls back: nothing written
    }
    try {
      tx->Commit();
    } catch (const Error& e) {
      out.result.problems.push_back({"", 0, "", e.detail()});
      out.result.counts.clear();
      return out;
    }
    out.result.committed = true;
  }
  session.Invalidate();
  try {
    out.raised = RaisedFindings(before, session.analysis().findings);
  } catch (const Error&) {
    // The import is in; a rule setting that cannot be read is reported by the next screen.
  }
  return out;
}

}  // namespace sb::app
