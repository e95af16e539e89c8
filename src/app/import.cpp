#include "app/import.h"

#include "app/actions.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/error.h"
#include "core/json.h"
#include "core/translate.h"
#include "storage/history_repository.h"
#include "storage/repository.h"

namespace sb::app {

namespace {
// "payments.csv、contracts.csv"
std::string FileNames(const std::vector<std::string>& paths) {
  std::string names;
  for (const auto& p : paths) {
    if (!names.empty()) names += "、";
    names += std::filesystem::path(p).filename().string();
  }
  return names;
}
// "导入 payments.csv、contracts.csv（103 行）"
std::string ImportLabel(const std::vector<std::string>& paths, size_t rows) {
  return "导入 " + FileNames(paths) + (rows ? "（" + std::to_string(rows) + " 行）" : "");
}

// The rows this transaction's import inserted: its own history entries after `mark`.
// `actions`: the history labels this import's transaction wrote under.
ImportUndo CreatedRows(Session& session, Id mark, const std::vector<std::string>& actions, const std::string& label,
                       const exchange::ImportResult& r) {
  ImportUndo undo;
  undo.label = label;
  for (const auto& c : r.counts) undo.updated += c.updated;
  // Streamed: a province's import creates a million rows, whose entries are not all kept.
  storage::ForEachInsertedRow(session.db(), mark, actions, [&](const storage::InsertedRow& e) {
    ImportUndo::Row row;
    row.table = e.table;
    row.id = std::stoll(e.rowKey);
    if (e.rowVersion) row.rowVersion = *e.rowVersion;  // only some tables keep one
    undo.created.push_back(row);
  });
  return undo;
}
// The findings compared before and after an import, to list what it raised: one call, so
// that a cheaper analysis (rules on aggregates) serves the import as soon as the session has it.
std::vector<Finding> CurrentFindings(Session& session) { return session.analysis().findings; }

// An import of files this small (a clerk's few lines of the day) compares only the projects
// it touches, found by a trial run inside the transaction: a province is not analysed
// twice for one payment. Larger files are compared whole: their trial would cost more.
constexpr uintmax_t kSmallImportBytes = 256 * 1024;
// More projects than this and the whole analysis is as quick.
constexpr size_t kSmallImportProjects = 500;

// The files' bytes together, a folder's .csv files counted as the import takes them
// (`folders`: else a folder is none); none when one cannot be measured.
std::optional<uintmax_t> InputBytes(const std::vector<std::string>& paths, bool folders) {
  uintmax_t bytes = 0;
  for (const auto& p : paths) {
    std::error_code ec;
    if (folders && std::filesystem::is_directory(p, ec)) {
      for (std::filesystem::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code e;
        if (!it->is_regular_file(e) || !exchange::IsCsvName(it->path().filename().string())) continue;
        if (const uintmax_t n = it->file_size(e); !e) bytes += n;
      }
      if (ec) return std::nullopt;
      continue;
    }
    const auto n = std::filesystem::file_size(p, ec);
    if (ec) return std::nullopt;
    bytes += n;
  }
  return bytes;
}

std::vector<Finding> FindingsOf(Session& session, const std::vector<Id>& projects) {
  return Analyse(storage::LoadAnalysisPortfolioOf(session.db(), projects), session.today())->findings;
}
}  // namespace

void AddCountyWords(Session& session, exchange::ImportOptions& options) {
  Settings settings = storage::LoadSettings(session.db());
  for (const auto& [key, value] : settings.values()) {
    if (key == kSynonymsSetting)
      // TRANSLATORS: %s is the key of a county setting (import.synonyms).
      options.workbook.synonyms.Add(exchange::Synonyms::FromJson(value, Tr("设置 %s", key.c_str())));
    else if (key.rfind(kLayoutSettingPrefix, 0) == 0)
      try {
        options.workbook.remembered[key.substr(kLayoutSettingPrefix.size())] =
            exchange::SheetLayout::FromJson(value, Tr("设置 %s", key.c_str()));
      } catch (const Error&) {
        // A remembered layout that no longer reads is only a convenience lost.
      }
  }
}

void RememberLayout(Session& session, const std::string& signature, const exchange::SheetLayout& layout) {
  exchange::SheetLayout stored = layout;
  stored.sheet.clear();  // next month's workbook may name its sheet otherwise
  SaveSetting(session, std::string(kLayoutSettingPrefix) + signature, stored.ToJson());
}

ImportOutcome Import(Session& session, const std::vector<std::string>& paths,
                     exchange::ImportOptions options) {
  ImportOutcome out;
  std::vector<Finding> before;
  const std::optional<uintmax_t> fileBytes = InputBytes(paths, false);
  const bool smallFiles = fileBytes && *fileBytes <= kSmallImportBytes;
  try {
    options.limits = session.Limits();
    AddCountyWords(session, options);
    for (exchange::Table t : exchange::TablesIn(paths, options))
      session.Require(t == exchange::Table::Counties || t == exchange::Table::Projects || t == exchange::Table::Budget || t == exchange::Table::Procedures ||
                              t == exchange::Table::Progress || t == exchange::Table::Plans ||
                              t == exchange::Table::ContractProgress
                          ? Area::Projects
                          : Area::Funds);
    // A dry run writes nothing and so raises nothing: it needs no analysis. A window's
    // session has the analysis already; a small import compares its own projects (below).
    if (!options.dryRun && (session.cached() || !smallFiles)) before = CurrentFindings(session);
  } catch (const Error& e) {
    out.result.problems.push_back({"", 0, "", e.detail()});
    return out;
  }
  const bool compareWhole = options.dryRun || session.cached() || !smallFiles || !before.empty();
  // The projects a small import touches, when only they are compared.
  std::optional<std::vector<Id>> small;
  {
    std::optional<storage::BulkWriting> bulk;
    // A dry run writes nothing, not even the journal mode.
    if (!smallFiles) bulk.emplace(session.db(), options.dryRun ? 0 : InputBytes(paths, true).value_or(0));
    std::unique_ptr<storage::WriteTransaction> tx;
    Id mark = 0;
    try {
      tx = std::make_unique<storage::WriteTransaction>(session.db());
      storage::SetHistoryContext(session.db(), session.actor().user, ImportLabel(paths, 0));
      mark = storage::LastHistoryId(session.db());
    } catch (const Error& e) {
      out.result.problems.push_back({"", 0, "", e.detail()});
      return out;
    }
    // Once the files are read the label can say how many rows they bring.
    exchange::ProgressFn progress = options.progress;
    bool labelled = false;
    size_t progressTotal = 0;
    options.progress = [&](size_t done, size_t total) {
      if (!labelled) {
        labelled = true;
        progressTotal = total;
        storage::SetHistoryContext(session.db(), session.actor().user, ImportLabel(paths, total));
      }
      return progress ? progress(done, total) : true;
    };
    if (!compareWhole) {
      // The trial: the same import inside a savepoint, rolled back, to learn which
      // projects it touches; their findings before it are then read from the file as it
      // still is. Its problems are the import's own: nothing is written.
      try {
        exchange::ImportOptions trialOptions = options;
        trialOptions.progress = nullptr;
        storage::WriteTransaction trial(session.db());
        exchange::ImportResult r = exchange::Import(session.db(), paths, trialOptions);
        if (r.ProblemCount() > 0) {
          out.result = std::move(r);
          out.result.counts.clear();
          return out;  // tx rolls back: nothing written
        }
        storage::TouchedRows touched = storage::TouchedSince(session.db(), mark);
        if (!touched.others && touched.projects.size() <= kSmallImportProjects) small = std::move(touched.projects);
      } catch (const Error& e) {
        out.result.problems.push_back({"", 0, "", e.detail()});
        return out;
      }
      try {
        before = small ? FindingsOf(session, *small) : CurrentFindings(session);
      } catch (const Error& e) {
        out.result.problems.push_back({"", 0, "", e.detail()});
        return out;
      }
    }
    out.result = exchange::Import(session.db(), paths, options);
    if (options.dryRun) return out;  // tx rolls back: nothing written, counts kept
    if (out.result.ProblemCount() > 0 || out.result.cancelled) {
      out.result.counts.clear();
      return out;  // tx rolls back: nothing written
    }
    try {
      size_t rows = 0;
      for (const auto& c : out.result.counts) rows += c.rows;
      out.undo = CreatedRows(session, mark, {ImportLabel(paths, 0), ImportLabel(paths, progressTotal)},
                             ImportLabel(paths, rows), out.result);
      out.undo.files = FileNames(paths);
      out.undo.rows = rows;
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
    // The session's own findings, not a copy: a province's 65,000 are 35 MB at the import's peak.
    if (small) out.raised = RaisedFindings(before, FindingsOf(session, *small));
    else out.raised = RaisedFindings(before, session.shared()->findings);
  } catch (const Error&) {
    // The import is in; a rule setting that cannot be read is reported by the next screen.
  }
  return out;
}

}  // namespace sb::app
