#include "app/import.h"

#include "app/actions.h"
#include <filesystem>

#include "core/error.h"
#include "storage/history_repository.h"

namespace sb::app {

namespace {
// "导入 payments.csv、contracts.csv 103 行"
std::string ImportLabel(const std::vector<std::string>& paths, size_t rows) {
  std::string names;
  for (const auto& p : paths) {
    if (!names.empty()) names += "、";
    names += std::filesystem::path(p).filename().string();
  }
  return "导入 " + names + (rows ? " " + std::to_string(rows) + " 行" : "");
}
}  // namespace

ImportOutcome Import(Session& session, const std::vector<std::string>& paths,
                     exchange::ImportOptions options) {
  ImportOutcome out;
  std::vector<Finding> before;
  try {
    options.limits = session.Limits();
    for (exchange::Table t : exchange::TablesIn(paths))
      session.Require(t == exchange::Table::Projects || t == exchange::Table::Budget || t == exchange::Table::Procedures ||
                              t == exchange::Table::Progress || t == exchange::Table::Plans
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
      storage::SetHistoryContext(session.db(), session.actor().user, ImportLabel(paths, 0));
    } catch (const Error& e) {
      out.result.problems.push_back({"", 0, "", e.detail()});
      return out;
    }
    // Once the files are read the label can say how many rows they bring.
    exchange::ProgressFn progress = options.progress;
    bool labelled = false;
    options.progress = [&](size_t done, size_t total) {
      if (!labelled) {
        labelled = true;
        storage::SetHistoryContext(session.db(), session.actor().user, ImportLabel(paths, total));
      }
      return progress ? progress(done, total) : true;
    };
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
