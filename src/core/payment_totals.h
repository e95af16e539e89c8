#pragma once
/// Payments summed the ways the ledger and the rules read them, so that neither needs every
/// payment row: a province holds a million of them. storage::LoadPaymentTotals answers
/// this in SQL (one query per part); TotalPayments computes the same from loaded rows (a
/// county's portfolio, one project's file, the tests), so both paths give one figure.
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace sb {

/// The payments of one project on one contract (or none) from one source in one cost
/// category, of one kind, to one payee, reversals (红字冲销) included: the ledger's paid,
/// paid by source, paid by category, a contract's paid and its advance paid are sums of
/// these, and they say which projects' single payments a rule must read
/// (ProjectsWithPaymentsToCheck in core/rules.h). A county's payees per contract are few.
struct PaymentGroup {
  Id projectId = 0, sourceId = 0;
  std::optional<Id> contractId;
  CostCategory category = CostCategory::Construction;
  PaymentKind kind = PaymentKind::Progress;
  std::string payee;
  Money amount;       ///< net of reversals
  int64_t count = 0;  ///< rows, reversals included
  Date first;         ///< the earliest payment date
  Date last;          ///< the latest
};

/// An original payment (not a reversal) with what is left of it after its reversals.
struct NetPayment {
  Payment payment;
  Money net;
};

struct PaymentTotals {
  std::vector<PaymentGroup> groups;  ///< by project
  /// The single payments the per-payment rules (INELIGIBLE_PAYMENT, PAYMENT_BEFORE_CONTRACT,
  /// PAYEE_MISMATCH) look at, by id: originals with a positive net. From SQL only those of
  /// the projects whose groups say a rule may flag one; from rows every one. The rules
  /// test each exactly, so both give the same findings.
  std::vector<NetPayment> singles;
  int64_t count = 0;  ///< every payment row, reversals included
  /// Only the payments dated up to this day were summed (a month's report); none: all.
  std::optional<Date> upTo;

  /// The earliest payment date, if there is any payment.
  std::optional<Date> First() const;
};

/// The originals of `payments` with their net after reversals, in the order given; a
/// reversal of a payment not among them counts as an original.
std::vector<NetPayment> NetOriginals(const std::vector<Payment>& payments);

/// The totals of loaded payment rows; `singles` holds every original with a positive net.
PaymentTotals TotalPayments(const std::vector<Payment>& payments);

}  // namespace sb
