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
struct ImportUndo;
}

namespace sb::ui {

/// Imports `paths` (files or folders); shows progress, then the counts or the problems.
/// Returns true when something was written.
/// After a successful import, lists the findings the imported rows raised.
/// `undo` (if given) receives what a committed import wrote, for 编辑 → 撤销.
bool ImportWithProgress(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                        bool update, app::ImportUndo* undo = nullptr);
/// Asks for files and whether to update existing rows, then imports; a single workbook
/// goes through ImportWorkbookInteractive.
bool ImportInteractive(wxWindow* parent, app::Session& session, app::ImportUndo* undo = nullptr);
/// A workbook (.xlsx, .xls): shows what was found — sheet, table, header row, each column
/// → field (changeable), the first rows with their problems, the counts — before anything
/// is written; then imports all or nothing and remembers the chosen mapping for workbooks
/// of the same layout (app::RememberLayout), so next month it is one click.
bool ImportWorkbookInteractive(wxWindow* parent, app::Session& session, const std::string& path,
                               app::ImportUndo* undo = nullptr);
/// File → 导出 Excel: asks for a .xlsx file, then writes every table as one workbook.
void ExportWorkbookInteractive(wxWindow* parent, storage::Database& db);
/// Asks for a folder and the unit, then exports every table.
void ExportInteractive(wxWindow* parent, storage::Database& db);
/// A dialog with a copyable list of lines (import problems).
void ShowLinesDialog(wxWindow* parent, const std::string& title, const std::string& intro,
                     const std::vector<std::string>& lines);

}  // namespace sb::ui
