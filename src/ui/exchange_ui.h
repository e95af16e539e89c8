#pragma once
/// File → 导入/导出: the CSV exchange engine (src/exchange) in the window, with a
/// progress bar that can cancel and the problem list in a dialog that can be copied.
#include <string>
#include <vector>

class wxWindow;

namespace sb::storage {
class Database;
}
namespace sb::app {
class Session;
}

namespace sb::ui {

/// Imports `paths` (files or folders); shows progress, then the counts or the problems.
/// Returns true when something was written.
/// After a successful import, lists the findings the imported rows raised.
bool ImportWithProgress(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                        bool update);
/// Asks for files and whether to update existing rows, then imports.
bool ImportInteractive(wxWindow* parent, app::Session& session);
/// Asks for a folder and the unit, then exports every table.
void ExportInteractive(wxWindow* parent, storage::Database& db);
/// A dialog with a copyable list of lines (import problems).
void ShowLinesDialog(wxWindow* parent, const std::string& title, const std::string& intro,
                     const std::vector<std::string>& lines);

}  // namespace sb::ui
