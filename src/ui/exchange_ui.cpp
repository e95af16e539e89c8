#include "ui/exchange_ui.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
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

bool ImportWithProgress(wxWindow* parent, app::Session& session, const std::vector<std::string>& paths,
                        bool update) {
  Progress progress(parent, TR("导入"));
  exchange::ImportOptions options;
  options.update = update;
  options.progress = progress.Fn();
  app::ImportOutcome outcome = app::Import(session, paths, options);
  const exchange::ImportResult& r = outcome.result;
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
  ShowLinesDialog(parent, TRs("导入完成"), TRs("已导入："), lines);
  return true;
}

bool ImportInteractive(wxWindow* parent, app::Session& session) {
  wxFileDialog files(parent, TR("选择要导入的 CSV 文件（可多选）"), "", "",
                     TR("CSV 文件 (*.csv)|*.csv|所有文件|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
  if (files.ShowModal() != wxID_OK) return false;
  wxArrayString chosen;
  files.GetPaths(chosen);
  wxRichMessageDialog ask(parent, wxString::Format(TR("导入 %zu 个文件？"), chosen.size()), TR("导入"),
                          wxYES_NO | wxICON_QUESTION);
  ask.SetExtendedMessage(TR("文件按文件名识别（projects.csv、budget.csv……），全部检查无误才写入；任何一行有错都不会写入。"));
  ask.ShowCheckBox(TR("更新已有数据(&U)"));
  ask.SetYesNoLabels(TR("导入(&I)"), TR("取消"));
  if (ask.ShowModal() != wxID_YES) return false;
  std::vector<std::string> paths;
  for (const auto& p : chosen) paths.push_back(ToStd(p));
  return ImportWithProgress(parent, session, paths, ask.IsCheckBoxChecked());
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
