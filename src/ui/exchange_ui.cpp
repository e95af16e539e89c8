#include "ui/exchange_ui.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/dirdlg.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/spinctrl.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/richmsgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <memory>

#include "core/error.h"
#include "app/import.h"
#include "exchange/exchange.h"
#include "exchange/workbook.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {

// A progress dialog driven by the engine's callback; created on the first call so that
// quick operations show no flicker.
class Progress {
 public:
  Progress(wxWindow* parent, const wxString& title) : parent_(parent), title_(title) {}
  exchange::ProgressFn Fn() {
    return [this](size_t done, size_t total) {
      if (!dlg_)
        dlg_ = std::make_unique<wxProgressDialog>(
            title_, TR("正在处理……"), 1000, parent_,
            wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME);
      int v = total ? static_cast<int>(done * 1000 / total) : 0;
      return dlg_->Update(std::min(v, 999), wxString::Format(TR("已处理 %zu / %zu"), done, total));
    };
  }

 private:
  wxWindow* parent_;
  wxString title_;
  std::unique_ptr<wxProgressDialog> dlg_;
};

}  // namespace

void ShowLinesDialog(wxWindow* parent, const std::string& title, const std::string& intro,
                     const std::vector<std::string>& lines) {
  wxDialog dlg(parent, wxID_ANY, U8(title), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(&dlg, wxID_ANY, U8(intro)), 0, wxALL, dlg.FromDIP(10));
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  auto* text = new wxTextCtrl(&dlg, wxID_ANY, U8(all), wxDefaultPosition, dlg.FromDIP(wxSize(720, 320)),
                              wxTE_MULTILINE | wxTE_READONLY | wxHSCROLL);
  top->Add(text, 1, wxEXPAND | wxLEFT | wxRIGHT, dlg.FromDIP(10));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* copy = new wxButton(&dlg, wxID_COPY, TR("复制全部(&C)"));
  copy->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
    if (wxTheClipboard->Open()) {
      wxTheClipboard->SetData(new wxTextDataObject(U8(all)));
      wxTheClipboard->Close();
    }
  });
  buttons->Add(copy, 0, wxRIGHT, dlg.FromDIP(8));
  buttons->Add(new wxButton(&dlg, wxID_OK, TR("关闭")), 0);
  top->Add(buttons, 0, wxALIGN_RIGHT | wxALL, dlg.FromDIP(10));
  dlg.SetSizerAndFit(top);
  dlg.SetEscapeId(wxID_OK);
  dlg.ShowModal();
}

namespace {

bool ImportWithOptions(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                       exchange::ImportOptions options, app::ImportUndo* undo);

const char* kIgnore = TRN("（不导入）");

// What a column may become in a table: each field (an amount in 万元 or 元), and the
// names looked up instead of codes.
std::vector<std::string> FieldChoices(exchange::Table table) {
  std::vector<std::string> out;
  bool project = false, source = false;
  for (const auto& c : exchange::Spec(table).columns) {
    if (c.money) {
      out.push_back(exchange::CanonicalHeader(c, MoneyUnit::Wan));
      out.push_back(exchange::CanonicalHeader(c, MoneyUnit::Yuan));
    } else {
      out.push_back(exchange::CanonicalHeader(c, MoneyUnit::Wan));
    }
    project |= c.en == "project";
    source |= c.en == "source";
  }
  if (project) out.push_back("项目名称");
  if (source) out.push_back("来源名称");
  return out;
}

std::string ChoiceOf(const exchange::SheetTable& t, const exchange::ColumnMapping& m) {
  if (m.field < 0) return "";
  const auto& c = exchange::Spec(t.table).columns[static_cast<size_t>(m.field)];
  if (m.byName) return c.en == "project" ? "项目名称" : "来源名称";
  return exchange::CanonicalHeader(c, m.unit);
}

// File → 导入 of a workbook: what was found — the sheet, the table, the header row, each
// column → field (changeable), the first rows as they will be imported with their
// problems, the counts — before anything is written; then all or nothing.
class WorkbookImportDialog : public wxDialog {
 public:
  WorkbookImportDialog(wxWindow* parent, app::Session& session, std::string path)
      : wxDialog(parent, wxID_ANY, TR("导入 Excel 台账"), wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
        session_(session),
        path_(std::move(path)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    const int gap = FromDIP(6);
    row->Add(new wxStaticText(this, wxID_ANY, TR("工作表(&S)：")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    sheet_ = new wxChoice(this, wxID_ANY);
    row->Add(sheet_, 0, wxRIGHT, 2 * gap);
    row->Add(new wxStaticText(this, wxID_ANY, TR("表(&T)：")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    table_ = new wxChoice(this, wxID_ANY);
    for (exchange::Table t : exchange::kTablesInOrder) table_->Append(U8(std::string(exchange::Spec(t).title)));
    row->Add(table_, 0, wxRIGHT, 2 * gap);
    row->Add(new wxStaticText(this, wxID_ANY, TR("表头在第(&H)")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    headerRow_ = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 1000, 1);
    row->Add(headerRow_, 0, wxRIGHT, gap);
    row->Add(new wxStaticText(this, wxID_ANY, TR("行，共")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    headerRows_ = new wxChoice(this, wxID_ANY);
    headerRows_->Append("1");
    headerRows_->Append("2");
    row->Add(headerRows_, 0, wxRIGHT, gap);
    row->Add(new wxStaticText(this, wxID_ANY, TR("行")), 0, wxALIGN_CENTER_VERTICAL);
    top->Add(row, 0, wxALL, FromDIP(10));

    grid_ = new wxGrid(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(760, 220)));
    grid_->CreateGrid(0, 3);
    grid_->SetColLabelValue(0, TR("列"));
    grid_->SetColLabelValue(1, TR("台账的表头"));
    grid_->SetColLabelValue(2, TR("导入为（可改）"));
    grid_->SetColSize(0, FromDIP(50));
    grid_->SetColSize(1, FromDIP(300));
    grid_->SetColSize(2, FromDIP(300));
    grid_->HideRowLabels();
    top->Add(grid_, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    report_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(760, 220)),
                             wxTE_MULTILINE | wxTE_READONLY | wxHSCROLL);
    top->Add(report_, 1, wxEXPAND | wxALL, FromDIP(10));

    auto* options = new wxBoxSizer(wxHORIZONTAL);
    remember_ = new wxCheckBox(this, wxID_ANY, TR("记住这种表格的对应，下月一键导入(&M)"));
    remember_->SetValue(true);
    update_ = new wxCheckBox(this, wxID_ANY, TR("更新已有数据(&U)"));
    options->Add(remember_, 0, wxRIGHT, 2 * gap);
    options->Add(update_, 0);
    top->Add(options, 0, wxLEFT | wxRIGHT, FromDIP(10));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* check = new wxButton(this, wxID_ANY, TR("按所选重新检查(&R)"));
    import_ = new wxButton(this, wxID_OK, TR("导入(&I)"));
    buttons->Add(check, 0, wxRIGHT, gap);
    buttons->Add(import_, 0, wxRIGHT, gap);
    buttons->Add(new wxButton(this, wxID_CANCEL, TR("取消")), 0);
    top->Add(buttons, 0, wxALIGN_RIGHT | wxALL, FromDIP(10));
    SetSizerAndFit(top);

    check->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Check(true); });
    sheet_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
      shown_ = static_cast<size_t>(sheet_->GetSelection());
      Show(shown_);
    });
    table_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Check(false); });
    import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
      // One sheet: what is shown is what is imported (and remembered). Several sheets
      // untouched: every one of them, as found.
      if (!layout_ && result_.sheets.size() == 1) layout_ = LayoutFromControls();
      e.Skip();
    });
  }

  /// The first look, with what is remembered for this kind of table.
  bool Start() {
    Run(std::nullopt);
    if (result_.sheets.empty()) {
      ShowLinesDialog(GetParent(), TRs("导入失败"), TRs("在这个工作簿中没有找到可导入的表："), result_.ProblemLines());
      return false;
    }
    for (const auto& t : result_.sheets) signatures_.push_back(t.signature);
    return true;
  }

  exchange::ImportOptions Options() const {
    exchange::ImportOptions o;
    o.update = update_->GetValue();
    if (layout_) o.workbook.layout = layout_;
    return o;
  }
  bool Remember() const { return remember_->GetValue() && layout_; }
  std::string Signature() const { return shown_ < signatures_.size() ? signatures_[shown_] : ""; }
  const std::optional<exchange::SheetLayout>& layout() const { return layout_; }

 private:
  void Run(std::optional<exchange::SheetLayout> layout) {
    exchange::ImportOptions o;
    o.dryRun = true;
    o.update = update_->GetValue();
    o.workbook.layout = layout;
    result_ = app::Import(session_, {path_}, o).result;
    sheet_->Clear();
    for (const auto& t : result_.sheets) sheet_->Append(U8(t.sheet));
    if (shown_ >= result_.sheets.size()) shown_ = 0;
    if (!result_.sheets.empty()) sheet_->SetSelection(static_cast<int>(shown_));
    Show(shown_);
  }

  void Show(size_t i) {
    if (grid_->GetNumberRows() > 0) grid_->DeleteRows(0, grid_->GetNumberRows());
    std::vector<std::string> lines;
    if (i < result_.sheets.size()) {
      const exchange::SheetTable& t = result_.sheets[i];
      table_->SetSelection(static_cast<int>(t.table));
      headerRow_->SetValue(static_cast<int>(t.headerRow));
      headerRows_->SetSelection(t.headerRows == 2 ? 1 : 0);
      wxArrayString choices;
      choices.Add(TR(kIgnore));
      for (const auto& c : FieldChoices(t.table)) choices.Add(U8(c));
      grid_->AppendRows(static_cast<int>(t.columns.size()));
      for (size_t r = 0; r < t.columns.size(); ++r) {
        const auto& m = t.columns[r];
        int row = static_cast<int>(r);
        grid_->SetCellValue(row, 0, U8(exchange::ColumnLetter(m.fileColumn)));
        grid_->SetCellValue(row, 1, U8(m.header));
        grid_->SetReadOnly(row, 0);
        grid_->SetReadOnly(row, 1);
        std::string choice = ChoiceOf(t, m);
        grid_->SetCellValue(row, 2, choice.empty() ? TR(kIgnore) : U8(choice));
        grid_->SetCellEditor(row, 2, new wxGridCellChoiceEditor(choices));
      }
      lines = exchange::DescribeSheet(result_, i);
    }
    if (!result_.notes.empty()) {
      lines.push_back(TRs("说明："));
      for (const auto& n : result_.notes) lines.push_back("  " + n.ToString());
    }
    size_t inserted = 0, unchanged = 0;
    for (const auto& c : result_.counts) inserted += c.inserted, unchanged += c.unchanged;
    if (result_.ProblemCount() == 0) {
      lines.push_back(ToStd(wxString::Format(TR("可以导入：将新增 %zu 行，已有 %zu 行（与数据库相同，跳过）。"), inserted, unchanged)));
    } else {
      lines.push_back(ToStd(wxString::Format(TR("有 %zu 个问题，改正前不能导入（不会写入任何数据）："), result_.ProblemCount())));
      for (const auto& l : result_.ProblemLines()) lines.push_back("  " + l);
    }
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    report_->ChangeValue(U8(all));
    import_->Enable(result_.ProblemCount() == 0 && !result_.sheets.empty());
  }

  exchange::SheetLayout LayoutFromControls() const {
    exchange::SheetLayout l;
    if (shown_ < result_.sheets.size()) l.sheet = result_.sheets[shown_].sheet;
    l.table = exchange::kTablesInOrder[static_cast<size_t>(std::max(0, table_->GetSelection()))];
    l.headerRow = static_cast<size_t>(headerRow_->GetValue());
    l.headerRows = headerRows_->GetSelection() == 1 ? 2 : 1;
    for (int r = 0; r < grid_->GetNumberRows(); ++r) {
      std::string v = ToStd(grid_->GetCellValue(r, 2));
      l.columns[ToStd(grid_->GetCellValue(r, 0))] = v == TRs(kIgnore) ? "" : v;
    }
    return l;
  }

  // Runs the dry run again with what the controls say; `columns`: keep the column choices
  // (a new table or header row finds its columns afresh).
  void Check(bool columns) {
    grid_->SaveEditControlValue();
    exchange::SheetLayout l = LayoutFromControls();
    if (!columns) l.columns.clear();
    try {
      Run(l);
      layout_ = LayoutFromControls();
    } catch (const Error& e) {
      ShowError(this, TR("检查失败"), U8(e.detail()));
    }
  }

  app::Session& session_;
  std::string path_;
  exchange::ImportResult result_;
  std::vector<std::string> signatures_;
  std::optional<exchange::SheetLayout> layout_;
  size_t shown_ = 0;
  wxChoice *sheet_, *table_, *headerRows_;
  wxSpinCtrl* headerRow_;
  wxGrid* grid_;
  wxTextCtrl* report_;
  wxCheckBox *remember_, *update_;
  wxButton* import_;
};

}  // namespace

bool ImportWorkbookInteractive(wxWindow* parent, app::Session& session, const std::string& path,
                               app::ImportUndo* undo) {
  WorkbookImportDialog dlg(parent, session, path);
  if (!dlg.Start() || dlg.ShowModal() != wxID_OK) return false;
  bool written = ImportWithOptions(parent, session, {path}, dlg.Options(), undo);
  if (written && dlg.Remember() && !dlg.Signature().empty()) {
    try {
      app::RememberLayout(session, dlg.Signature(), *dlg.layout());
    } catch (const Error& e) {
      ShowError(parent, TR("没有记住表格的对应"), U8(e.detail()));
    }
  }
  return written;
}

bool ImportWithProgress(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                        bool update, app::ImportUndo* undo) {
  exchange::ImportOptions options;
  options.update = update;
  return ImportWithOptions(parent, session, paths, options, undo);
}

namespace {
bool ImportWithOptions(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                       exchange::ImportOptions options, app::ImportUndo* undo) {
  const bool update = options.update;
  Progress progress(parent, TR("导入"));
  options.progress = progress.Fn();
  app::ImportOutcome outcome = app::Import(session, paths, options);
  const exchange::ImportResult& r = outcome.result;
  if (undo && r.committed) *undo = outcome.undo;
  if (r.cancelled) {
    wxMessageBox(TR("已取消导入，数据库没有任何改动。"), TR("导入"), wxOK | wxICON_INFORMATION, parent);
    return false;
  }
  if (!r.committed) {
    ShowLinesDialog(parent, TRs("导入失败"),
                    ToStd(wxString::Format(TR("发现 %zu 个问题，没有导入任何数据（数据库保持原样）。请改正后重新导入："),
                                           r.ProblemCount())),
                    r.ProblemLines());
    return false;
  }
  std::vector<std::string> lines;
  for (const auto& c : r.counts)
    lines.push_back(c.file + ": " +
                    ToStd(update ? wxString::Format(TR("新增 %zu 行，更新 %zu 行，未变 %zu 行"), c.inserted,
                                                    c.updated, c.unchanged)
                                 : wxString::Format(TR("新增 %zu 行"), c.inserted)));
  // The same findings the payment dialog shows before a single payment is saved.
  if (!outcome.raised.empty()) {
    lines.push_back("");
    lines.push_back(ToStd(wxString::Format(TR("导入后新增或加重的预警 %zu 条："), outcome.raised.size())));
    for (const auto& f : outcome.raised)
      lines.push_back("[" + TRs(std::string(SeverityLabel(f.severity)).c_str()) + "] " + f.projectCode + " " +
                      f.title + "：" + f.message);
  }
  for (const auto& n : r.notes) lines.push_back(n.ToString());
  ShowLinesDialog(parent, TRs("导入完成"), TRs("已导入："), lines);
  return true;
}
}  // namespace

bool ImportInteractive(wxWindow* parent, app::Session& session, app::ImportUndo* undo) {
  wxFileDialog files(parent, TR("选择要导入的 Excel 台账或 CSV 文件（CSV 可多选）"), "", "",
                     TR("Excel 台账和 CSV 文件 (*.xlsx;*.xls;*.csv)|*.xlsx;*.xls;*.csv|Excel 工作簿 (*.xlsx;*.xls)|*.xlsx;*.xls|CSV 文件 (*.csv)|*.csv|所有文件|*"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
  if (files.ShowModal() != wxID_OK) return false;
  wxArrayString chosen;
  files.GetPaths(chosen);
  if (chosen.size() == 1 && exchange::IsWorkbookFileName(ToStd(chosen[0])))
    return ImportWorkbookInteractive(parent, session, ToStd(chosen[0]), undo);
  wxRichMessageDialog ask(parent, wxString::Format(TR("导入 %zu 个文件？"), chosen.size()), TR("导入"),
                          wxYES_NO | wxICON_QUESTION);
  ask.SetExtendedMessage(TR("文件按文件名识别（projects.csv、budget.csv……），全部检查无误才写入；任何一行有错都不会写入。"));
  ask.ShowCheckBox(TR("更新已有数据(&U)"));
  ask.SetYesNoLabels(TR("导入(&I)"), TR("取消"));
  if (ask.ShowModal() != wxID_YES) return false;
  std::vector<std::string> paths;
  for (const auto& p : chosen) paths.push_back(ToStd(p));
  return ImportWithProgress(parent, session, paths, ask.IsCheckBoxChecked(), undo);
}

void ExportWorkbookInteractive(wxWindow* parent, storage::Database& db) {
  wxFileDialog file(parent, TR("导出 Excel 工作簿（每张表一个工作表）"), "", "校建通数据.xlsx",
                    TR("Excel 工作簿 (*.xlsx)|*.xlsx"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (file.ShowModal() != wxID_OK) return;
  std::string path = ToStd(file.GetPath());
  if (!exchange::IsWorkbookFileName(path)) path += ".xlsx";
  try {
    exchange::ExportResult r = exchange::ExportWorkbook(db, path);
    std::vector<std::string> lines;
    for (const auto& f : r.files)
      lines.push_back(std::string(exchange::Spec(f.table).title) + ": " + ToStd(wxString::Format(TR("%zu 行"), f.rows)));
    ShowLinesDialog(parent, TRs("导出完成"), ToStd(wxString::Format(TR("已导出到 %s："), U8(path))), lines);
  } catch (const Error& e) {
    ShowError(parent, TR("导出失败"), U8(e.detail()));
  }
}

void ExportInteractive(wxWindow* parent, storage::Database& db) {
  wxDirDialog dir(parent, TR("选择导出文件夹（九个 CSV 文件，可用 Excel 打开）"));
  if (dir.ShowModal() != wxID_OK) return;
  wxArrayString units;
  units.Add(TR("万元（最多6位小数）"));
  units.Add(TR("元（2位小数）"));
  wxSingleChoiceDialog unit(parent, TR("金额单位："), TR("导出"), units);
  if (unit.ShowModal() != wxID_OK) return;
  Progress progress(parent, TR("导出"));
  exchange::ExportOptions options;
  options.unit = unit.GetSelection() == 0 ? MoneyUnit::Wan : MoneyUnit::Yuan;
  options.progress = progress.Fn();
  try {
    exchange::ExportResult r = exchange::Export(db, ToStd(dir.GetPath()), options);
    if (r.cancelled) return;
    std::vector<std::string> lines;
    for (const auto& f : r.files)
      lines.push_back(f.path + ": " + ToStd(wxString::Format(TR("%zu 行"), f.rows)));
    ShowLinesDialog(parent, TRs("导出完成"), ToStd(wxString::Format(TR("已导出到 %s："), dir.GetPath())), lines);
  } catch (const Error& e) {
    ShowError(parent, TR("导出失败"), U8(e.detail()));
  }
}

}  // namespace sb::ui
