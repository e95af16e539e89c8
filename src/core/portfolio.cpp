#include "core/portfolio.h"

#include <charconv>

#include "core/error.h"
#include "core/text.h"

namespace sb {

std::string Settings::Text(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

int64_t Settings::Integer(const std::string& key, int64_t fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  std::string t = Trim(it->second);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size())
    Fail(ErrorCode::InvalidInput, "设置项 " + key + " 的值“" + it->second + "”不是整数");
  return v;
}

const PaymentTotals& PaymentTotalsOf(const Portfolio& pf, std::optional<PaymentTotals>& computed) {
  if (pf.paymentTotals) return *pf.paymentTotals;
  return computed.emplace(TotalPayments(pf.payments));
}

void Portfolio::Reindex() {
  projectIndex_.clear();
  sourceIndex_.clear();
  contractIndex_.clear();
  templateIndex_.clear();
  for (size_t i = 0; i < projects.size(); ++i) projectIndex_[projects[i].id] = i;
  for (size_t i = 0; i < sources.size(); ++i) sourceIndex_[sources[i].id] = i;
  for (size_t i = 0; i < contracts.size(); ++i) contractIndex_[contracts[i].id] = i;
  for (size_t i = 0; i < procedureTemplate.size(); ++i)
    templateIndex_[procedureTemplate[i].id] = i;
}

namespace {
template <class T>
const T* Lookup(const std::unordered_map<Id, size_t>& index, const std::vector<T>& v, Id id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &v[it->second];
}
}  // namespace

const Project* Portfolio::FindProject(Id id) const { return Lookup(projectIndex_, projects, id); }
const FundingSource* Portfolio::FindSource(Id id) const { return Lookup(sourceIndex_, sources, id); }
const Contract* Portfolio::FindContract(Id id) const { return Lookup(contractIndex_, contracts, id); }
const ProcedureTemplateStep* Portfolio::FindTemplateStep(Id id) const {
  return Lookup(templateIndex_, procedureTemplate, id);
}
const FundKind* Portfolio::FindFundKind(const std::string& name) const {
  for (const auto& k : fundKinds)
    if (k.name == name) return &k;
  return nullptr;
}

const County* Portfolio::FindCounty(const std::string& code) const {
  for (const auto& c : counties)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace sb
