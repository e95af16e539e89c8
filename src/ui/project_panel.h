#pragma once
/// The selected project's notebook: 概况, 概算与资金, 前期手续, 进度, 合同与拨付, 预警.
#include <wx/notebook.h>

#include <functional>
#include <vector>

#include "core/gaps.h"
#include "core/portfolio.h"
#include "core/rules.h"
#include "app/session.h"
#include "storage/repository.h"

class wxDataViewListCtrl;
class wxStaticText;
class wxButton;
class wxCommandProcessor;
class wxTextCtrl;

namespace sb::ui {

class LineChart;

class ProjectPanel : public wxNotebook {
 public:
  explicit ProjectPanel(wxWindow* parent);

  /// Shows one project in full (its rows read from the session's database), with the
  /// figures, findings and coverage of `analysis`.
  void ShowProject(app::Session& session, std::shared_ptr<const app::Analysis> analysis, Id projectId);
  void Clear();
  Id projectId() const { return file_.project.id; }

  /// Called after a dialog saved something, with the project to show again.
  std::function<void(Id)> onChanged;
  /// Where saved edits are recorded for undo (may be null).
  void SetCommandProcessor(wxCommandProcessor* commands) { commands_ = commands; }

  enum Page { kDetails, kFunds, kProcedures, kProgress, kContracts, kWarnings, kHistory };
  /// Shows `finding` selected, in full, in the 预警 tab; false if it is not this project's.
  bool SelectFinding(const Finding& finding);
  /// The 预警 tab's detail pane (tests).
  wxString WarningDetailText() const;
  /// The 历史 page's lines as shown (tests).
  std::vector<std::string> HistoryTexts() const;

 private:
  wxWindow* BuildDetails();
  wxWindow* BuildFunds();
  wxWindow* BuildProcedures();
  wxWindow* BuildProgress();
  wxWindow* BuildContracts();
  wxWindow* BuildWarnings();
  wxWindow* BuildHistory();
  void Fill();
  bool Ready() const { return session_ && file_.project.id != 0; }
  void Changed() { if (onChanged) onChanged(file_.project.id); }

  void OnEditProject(wxCommandEvent&);
  void OnEditBudget(wxCommandEvent&);
  void OnAddAllocation(wxCommandEvent&);
  void OnAddReceipt(wxCommandEvent&);
  void OnEditAllocation();
  void OnEditReceipt();
  void OnEditStep();
  void OnAddProgress(wxCommandEvent&);
  void OnEditPlan(wxCommandEvent&);
  void OnEditProgress();
  void OnAddContract(wxCommandEvent&);
  void OnEditContract();
  void OnAddPayment(wxCommandEvent&);
  void OnReversePayment(wxCommandEvent&);
  void OnDeleteFundRow();
  void ShowWarningDetail();
  void OnDeleteProgress();
  void OnDeleteContract();
  /// The selected row of `list` is selected again after the page is refilled.
  void KeepSelection(wxDataViewListCtrl* list);

 public:
  /// The page's buttons by label, and the lists (tests).
  wxDataViewListCtrl* PaymentsList() { return payments_; }
  wxDataViewListCtrl* ContractsList() { return contracts_; }
  wxDataViewListCtrl* StepsList() { return steps_; }
  wxDataViewListCtrl* ProgressList() { return progress_; }
  wxDataViewListCtrl* AllocationsList() { return allocations_; }
  wxDataViewListCtrl* ReceiptsList() { return receipts_; }
  wxDataViewListCtrl* WarningsList() { return warnings_; }

 private:

  app::Session* session_ = nullptr;
  wxCommandProcessor* commands_ = nullptr;
  std::shared_ptr<const app::Analysis> analysis_;
  const Portfolio* portfolio_ = nullptr;
  storage::ProjectFile file_;
  std::vector<Finding> findings_;
  std::optional<ProjectGap> gap_;
  Date asOf_;

  std::vector<wxStaticText*> detailValues_;
  wxDataViewListCtrl *coverage_ = nullptr, *allocations_ = nullptr, *receipts_ = nullptr;
  wxDataViewListCtrl *steps_ = nullptr, *progress_ = nullptr, *contracts_ = nullptr;
  wxDataViewListCtrl *payments_ = nullptr, *warnings_ = nullptr, *history_ = nullptr;
  wxStaticText* fundsSummary_ = nullptr;
  wxTextCtrl* warningDetail_ = nullptr;
  LineChart* chart_ = nullptr;
  std::vector<wxButton*> actions_;
  wxDataViewListCtrl* lastFundList_ = nullptr;  ///< allocations or receipts, whichever was clicked last
  std::optional<std::pair<wxDataViewListCtrl*, wxUIntPtr>> reselect_;  ///< after the next Fill()
};

}  // namespace sb::ui
