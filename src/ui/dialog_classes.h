#pragma once
/// The classes behind the editing dialogs of dialogs.h. Each loads its form from
/// forms/dialogs.xrc, moves data with validators in TransferDataToWindow/FromWindow and
/// writes through one action of src/app (app/actions.h). They are public so that a test can fill a form and
/// call Save() without a modal loop; the main frame uses the functions in dialogs.h.
#include <wx/dialog.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "app/session.h"
#include "ui/dialogs.h"

class wxCheckBox;
class wxChoice;
class wxComboBox;
class wxStaticText;
class wxTextCtrl;

namespace sb::ui {

/// How dialogs speak to the user outside their own form: error boxes, confirmations and
/// notices. The default shows message boxes; tests install one that answers at once.
class Prompter {
 public:
  virtual ~Prompter() = default;
  virtual void Error(wxWindow* parent, const wxString& message, const wxString& detail);
  virtual bool Confirm(wxWindow* parent, const wxString& message, const wxString& detail);
  virtual void Info(wxWindow* parent, const wxString& message, const wxString& detail);
};
/// Installs `p` (nullptr: the default message boxes); returns the one it replaces.
Prompter* SetPrompter(Prompter* p);
Prompter& CurrentPrompter();

/// Base of every editing dialog: OK (Enter) validates, transfers and writes; a refusal is
/// shown in red under the fields, the field concerned gets the focus, and the dialog stays
/// open with what was typed. Esc (wxID_CANCEL) closes without writing.
class EditDialog : public wxDialog {
 public:
  /// Validates the fields, moves them into the entity and writes it in one transaction.
  /// False when refused (nothing stored; see refusal()) or when the user declined a
  /// confirmation.
  bool Save();
  /// The last refusal shown in the form, "" after a successful save.
  wxString refusal() const { return refusal_; }
  /// Shows `message` in the form and puts the focus on `field` (if any).
  void Refuse(wxWindow* field, const wxString& message);

  /// Controls by their XRC name, for the class itself and for tests.
  wxTextCtrl* Text(const char* name);
  wxChoice* Choice(const char* name);
  wxCheckBox* CheckBox(const char* name);

 protected:
  explicit EditDialog(app::Session& session) : session_(session), db_(session.db()) {}
  /// Loads the XRC dialog `name` into this object and connects OK.
  void LoadForm(wxWindow* parent, const char* name);
  /// Sizes the dialog for `chars` average characters of width and fits its content.
  void FinishLayout(int chars);
  /// Writes what TransferDataFromWindow gathered; throws Error when refused. Returns
  /// false (nothing written, no message) when the user declined a confirmation.
  virtual bool Write() = 0;
  /// What OK does: Save() and close. The monthly walker moves on instead.
  virtual void OnAccept();

  // Each Bind* connects a control to a member of the entity being edited through a
  // validator: TransferDataToWindow formats, Validate parses and refuses with the field
  // label and the reason. `label` also lets a refusal from Check() find its field.
  void BindText(const char* ctrl, const char* label, std::string& target);
  void BindMoney(const char* ctrl, const char* label, Money& target, bool emptyIsZero = false);
  void BindDate(const char* ctrl, const char* label, Date& target);
  void BindOptionalDate(const char* ctrl, const char* label, std::optional<Date>& target);
  void BindChoice(const char* ctrl, const char* label, std::function<int()> load,
                  std::function<void(int)> store);
  template <class E> void BindEnum(const char* ctrl, E& target) {
    FillEnumChoice(ctrl, EnumInfo<E>::names.data(), EnumInfo<E>::names.size());
    BindChoice(ctrl, EnumInfo<E>::what, [&target] { return static_cast<int>(target); },
               [&target](int i) { target = static_cast<E>(i); });
  }
  /// A text field parsed by `parse` (which throws Error naming the problem).
  void BindParsed(const char* ctrl, const char* label, std::function<wxString()> load,
                  std::function<void(const std::string&)> parse);
  /// Lets a refusal whose sentence mentions `word` put the focus on `field`.
  void NameField(const std::string& word, wxWindow* field);
  /// Sets the header line (bold, above the fields) when the form has one.
  void SetHeader(const wxString& text);

  app::Session& session_;   ///< every write goes through src/app
  storage::Database& db_;   ///< what the form reads to show

 private:
  void FillEnumChoice(const char* ctrl, const char* const* names, size_t n);
  void OnOk(wxCommandEvent&);
  void ClearRefusal();
  wxWindow* FieldFor(const std::string& message) const;

  wxString refusal_;
  wxStaticText* refusalText_ = nullptr;
  wxWindow* refusedField_ = nullptr;
  std::vector<std::pair<std::string, wxWindow*>> fieldNames_;
};

class ProjectDialog : public EditDialog {
 public:
  ProjectDialog(wxWindow* parent, app::Session& session, const Project& project);
  /// The stored row after a successful Save().
  const Project& project() const { return saved_; }

 private:
  bool Write() override;
  Project work_, saved_;
};

/// The six cost categories of one project's 概算, in 万元, with a live total.
class BudgetDialog : public EditDialog {
 public:
  BudgetDialog(wxWindow* parent, app::Session& session, Id projectId);
  /// The total the form shows now ("" when a field cannot be read).
  wxString TotalText() const;

 private:
  bool Write() override;
  void UpdateTotal();
  Id projectId_;
  std::array<std::optional<BudgetLine>, 6> stored_;
  std::array<Money, 6> amounts_;
  wxStaticText* total_ = nullptr;
};

class SourceDialog : public EditDialog {
 public:
  SourceDialog(wxWindow* parent, app::Session& session, const FundingSource& source);
  const FundingSource& source() const { return saved_; }

 private:
  bool Write() override;
  void OnKind(wxCommandEvent&);
  FundingSource work_, saved_;
  std::vector<FundKind> kinds_;
  int kindIndex_ = -1;
  std::array<bool, 6> eligible_{};
  int year_ = 0;
};

/// Allocation (资金下达) and receipt (资金到位) share one form.
class FundFlowDialog : public EditDialog {
 public:
  enum class Kind { Allocation, Receipt };
  struct Row {
    Id id = 0, projectId = 0, sourceId = 0;
    Money amount;
    Date date;
    std::string note;
    int64_t rowVersion = 0;
  };
  FundFlowDialog(wxWindow* parent, app::Session& session, Kind kind, const Row& row);
  const Row& row() const { return saved_; }

 private:
  bool Write() override;
  void UpdateSourceInfo();
  Kind kind_;
  Row work_, saved_;
  std::vector<FundingSource> sources_;
  std::vector<Money> committedElsewhere_;  ///< per source: other rows of the same kind
  int sourceIndex_ = -1;
};

class ProcedureStepDialog : public EditDialog {
 public:
  ProcedureStepDialog(wxWindow* parent, app::Session& session, const ProcedureStep& step);
  const ProcedureStep& step() const { return saved_; }

 private:
  bool Write() override;
  void UpdateDoneDate();
  ProcedureStep work_, saved_;
};

/// One month of one project; also the page of the monthly walker.
class ProgressDialog : public EditDialog {
 public:
  ProgressDialog(wxWindow* parent, app::Session& session, const ProgressEntry& entry,
                 const ProgressEntry* previous);
  const ProgressEntry& entry() const { return saved_; }

 protected:
  struct WalkerTag {};
  ProgressDialog(wxWindow* parent, app::Session& session, WalkerTag);
  /// Shows `entry` (and last month's `previous`) in the form.
  void ShowEntry(const ProgressEntry& entry, const std::optional<ProgressEntry>& previous,
                 const wxString& header);
  bool Write() override;

 private:
  void BindFields();
  ProgressEntry work_, saved_;
  std::optional<ProgressEntry> previous_;
  std::string monthText_;
};

/// "Record this month's progress": one page per project under construction or suspended,
/// pre-filled with this month's entry if there is one, else last month's values. Enter
/// saves and moves on, 跳过 moves on without saving, Esc stops.
class MonthlyProgressDialog : public ProgressDialog {
 public:
  MonthlyProgressDialog(wxWindow* parent, app::Session& session, YearMonth month);
  size_t projectCount() const { return pages_.size(); }
  /// Index of the page shown; projectCount() when the walk is over.
  size_t position() const { return pos_; }
  const Project* current() const;
  int saved() const { return saved_; }
  /// Every entry saved so far, with the stored entry it replaced (for undo).
  const std::vector<RowChange<ProgressEntry>>& changes() const { return changes_; }
  /// Saves the page and moves to the next; false (stays) when refused.
  bool AcceptCurrent();
  void SkipCurrent();

 private:
  struct Page {
    Project project;
    std::optional<ProgressEntry> existing, previous;
  };
  void OnAccept() override;
  void ShowPage();
  YearMonth month_;
  std::vector<Page> pages_;
  std::vector<RowChange<ProgressEntry>> changes_;
  size_t pos_ = 0;
  int saved_ = 0;
};

class ContractDialog : public EditDialog {
 public:
  ContractDialog(wxWindow* parent, app::Session& session, const Contract& contract);
  const Contract& contract() const { return saved_; }

 private:
  bool Write() override;
  Contract work_, saved_;
};

/// 年度计划投资 of one project for one year (an existing year's plan is updated).
class PlanDialog : public EditDialog {
 public:
  PlanDialog(wxWindow* parent, app::Session& session, const AnnualPlan& plan);
  const AnnualPlan& plan() const { return saved_; }

 private:
  bool Write() override;
  AnnualPlan work_, saved_;
};

/// A new payment. Confirmed before it is written, because it can never be edited.
class PaymentDialog : public EditDialog {
 public:
  PaymentDialog(wxWindow* parent, app::Session& session, const Payment& payment);
  const Payment& payment() const { return saved_; }
  /// Selects a contract by id (nullopt: 无合同), as the user would in the list.
  void SelectContract(std::optional<Id> contractId);
  void SelectSource(Id sourceId);

 private:
  bool Write() override;
  void OnContract();
  void UpdateContractInfo();
  void UpdateAmountEcho();
  Payment work_, saved_;
  Project project_;
  std::vector<Contract> contracts_;  ///< this project's; a foreign preset one is appended
  size_t ownContracts_ = 0;
  std::vector<Payment> payments_;    ///< this project's, for paid-to-date
  std::vector<FundingSource> sources_;  ///< those with money for this project first
  size_t sourcesWithFunds_ = 0;
  int contractIndex_ = 0;            ///< 0 = 无合同
  int sourceIndex_ = -1;
};

class ReversalDialog : public EditDialog {
 public:
  ReversalDialog(wxWindow* parent, app::Session& session, const Payment& payment);
  Id reversalId() const { return reversalId_; }

 private:
  bool Write() override;
  Payment original_;
  Date date_;
  std::string voucher_, reason_;
  Id reversalId_ = 0;
};

}  // namespace sb::ui
