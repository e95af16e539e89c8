#pragma once
/// The checks a row must pass against the rows around it, besides its own Check() in
/// model.h: one function per entity, called by every write path alike — the dialogs
/// through src/app and the spreadsheet import — so a row refused in one is refused in
/// the other with the same sentence. The caller gathers the figures (from the database
/// inside the write transaction, or from the importer's running totals); these functions
/// only decide. Each throws Error(InvalidInput) (or Refused / Duplicate) naming the field, in
/// the user's language (sb::Tr: the Chinese original where no translator is installed).
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/portfolio.h"

namespace sb {

/// How far into the future a date typed or imported may lie (县设置, days; default 7).
inline constexpr const char* kSetMaxFutureDays = "check.max_future_days";

inline constexpr const char* kSetYearMin = "check.year_min";
inline constexpr const char* kSetYearMax = "check.year_max";
struct InputLimits {
  Date today;
  int64_t maxFutureDays = 7;
  /// The plausible years of a payment, receipt, allocation or progress month: a date
  /// outside them is a typing error (2999-12-31, 0202-05-01), not a date to record.
  int64_t yearMin = 2000, yearMax = 2100;
};
/// Throws Error(InvalidInput) naming the key when the setting is not a usable number.
InputLimits ReadInputLimits(const Settings& settings, Date today);

/// A date that has happened (a payment, a receipt, a step done) may not lie in the future
/// beyond the limit: "拨付日期 2027-01-05 晚于今天（2026-12-01）…". `field` is the Chinese
/// name of the field, marked with TrNoopC("field", …): the message shows it in the user's
/// language.
void CheckNotFuture(const std::optional<Date>& date, const InputLimits& limits, const char* field);
/// A date's year lies within limits.yearMin..yearMax (county settings check.year_min,
/// check.year_max): "拨付日期 2999-12-31 的年份不在 2000–2100 之间…".
void CheckPlausibleYear(const std::optional<Date>& date, const InputLimits& limits, const char* field);

/// The year of a fund as clerks write it: "2025", "2025年", full-width digits. Refuses
/// anything else naming 年度 ("年度“25”应为四位数字的年份，如 2025").
int ParseYear(std::string_view text);

/// A fund may not be cut below what it has already committed to projects.
struct SourceContext {
  Money allocated;  ///< Σ allocations of this source to every project
};
void Check(const FundingSource& source, const SourceContext& context);

struct AllocationContext {
  const FundingSource* source = nullptr;  ///< the allocation's source (must exist)
  Money allocatedElsewhere;               ///< Σ the source's other allocations, every project
  Money allocatedForProjectElsewhere;     ///< Σ the source's other allocations to this project
  Money receivedForProject;               ///< Σ receipts of this project from the source
};
/// Within the source's amount, not below what has arrived, dated not in the future.
void Check(const Allocation& allocation, const AllocationContext& context, const InputLimits& limits);

struct ReceiptContext {
  const FundingSource* source = nullptr;
  Money allocatedForProject;             ///< Σ allocations of this project from the source
  Money receivedForProjectElsewhere;     ///< Σ the other receipts of this project from it
  std::optional<Date> firstAllocation;   ///< earliest allocation of this project from it
};
/// Within what was allocated, not dated before the first allocation nor in the future.
void Check(const Receipt& receipt, const ReceiptContext& context, const InputLimits& limits);

/// A step's done date has happened (its planned date may lie ahead).
void Check(const ProcedureStep& step, const InputLimits& limits);

/// A month's progress is not recorded for a month that has not begun.
void Check(const ProgressEntry& entry, const InputLimits& limits);
/// The same for a contract's progress, which is only for a works contract (施工) and
/// carries the contract's project.
void Check(const ContractProgress& entry, const Contract& contract, const InputLimits& limits);

struct PaymentContext {
  const Contract* contract = nullptr;    ///< the contract it names, if any
  const Payment* original = nullptr;     ///< the payment it reverses, if it is a reversal
  std::optional<std::string> originalReversedBy;  ///< voucher of an existing reversal of it
  const Payment* sameVoucher = nullptr;  ///< a stored payment already using this voucher
};
/// The contract belongs to the project; a reversal mirrors its original, is not dated
/// before it and is the only one; the voucher is not taken; the date has happened.
void Check(const Payment& payment, const PaymentContext& context, const InputLimits& limits);

}  // namespace sb
