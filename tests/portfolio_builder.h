#pragma once
// A small builder for in-memory portfolios: the rule tests state their data the way a
// clerk would enter it (万元, dates, % complete) without a database.
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/portfolio.h"

namespace sb::test {

inline Money Wan(const char* text) { return Money::Parse(text, MoneyUnit::Wan); }
inline Money Yuan(const char* text) { return Money::Parse(text, MoneyUnit::Yuan); }
inline Date D(const char* text) { return ParseDate(text); }
inline YearMonth M(const char* text) { return YearMonth::Parse(text); }

inline CategorySet Only(std::initializer_list<CostCategory> cats) {
  CategorySet s;
  for (auto c : cats) s.Add(c);
  return s;
}

class PortfolioBuilder {
 public:
  // The county defaults of db/sqlite/0001_schema.sql: settings and the 14-step template.
  PortfolioBuilder() {
    p_.settings.Set("rule.underpaid_percent", "80");
    p_.settings.Set("rule.stalled_months", "3");
    p_.settings.Set("rule.behind_schedule_points", "20");
    p_.settings.Set("rule.permit_start_months", "3");
    p_.settings.Set("rule.accounts_months", "3");
    p_.settings.Set("rule.settlement_days_by_wan", "500:20;2000:30;5000:45;*:60");
    const char* steps[] = {"立项批复", "用地预审与选址意见书", "可行性研究报告批复", "环境影响评价",
                           "土地征收", "建设用地规划许可证", "初步设计及概算批复", "施工图审查",
                           "建设工程规划许可证", "招标", "施工许可证", "竣工验收", "结算审核",
                           "竣工财务决算"};
    for (int i = 0; i < 14; ++i) {
      ProcedureTemplateStep t;
      t.id = 100 + i + 1;
      t.order = i + 1;
      t.name = steps[i];
      t.requiredBeforeStart = i < 11;
      p_.procedureTemplate.push_back(t);
    }
  }

  Id Project(const std::string& code, const std::string& township = "芦溪镇",
             ProjectStatus status = ProjectStatus::UnderConstruction) {
    sb::Project pr;
    pr.id = NextId();
    pr.code = code;
    pr.name = code + "项目";
    pr.school = code + "学校";
    pr.township = township;
    pr.status = status;
    p_.projects.push_back(pr);
    return pr.id;
  }
  sb::Payment& PaymentRef(Id id) {
    for (auto& p : p_.payments)
      if (p.id == id) return p;
    throw std::logic_error("no payment " + std::to_string(id));
  }
  sb::Contract& ContractRef(Id id) {
    for (auto& c : p_.contracts)
      if (c.id == id) return c;
    throw std::logic_error("no contract " + std::to_string(id));
  }
  sb::Project& ProjectRef(Id id) {
    for (auto& pr : p_.projects)
      if (pr.id == id) return pr;
    throw std::logic_error("no project");
  }

  PortfolioBuilder& Plan(Id project, int year, Money amount) {
    p_.plans.push_back({NextId(), project, year, amount, "", 1});
    return *this;
  }

  PortfolioBuilder& Budget(Id project, CostCategory c, Money amount) {
    p_.budgetLines.push_back({NextId(), project, c, amount, 1});
    return *this;
  }

  Id Source(const std::string& name, CategorySet eligible, const std::string& kind = "其他") {
    FundingSource s;
    s.id = NextId();
    s.code = "S" + std::to_string(s.id);
    s.name = name;
    s.kind = kind;
    s.year = 2021;
    s.eligible = eligible;
    s.docNo = "X财教〔2021〕" + std::to_string(s.id) + "号";
    p_.sources.push_back(s);
    return s.id;
  }

  PortfolioBuilder& Allocate(Id project, Id source, Money amount, const char* date = "2021-03-01") {
    p_.allocations.push_back({NextId(), project, source, amount, D(date), "", 1});
    return *this;
  }
  PortfolioBuilder& Receive(Id project, Id source, Money amount, const char* date = "2021-04-01") {
    p_.receipts.push_back({NextId(), project, source, amount, D(date), "", 1});
    return *this;
  }
  // Committed and received at once: the common case in the payment tests.
  PortfolioBuilder& Fund(Id project, Id source, Money amount) {
    Allocate(project, source, amount);
    return Receive(project, source, amount);
  }

  /// A contract awarded by open tender; `retentionBp` nullopt: the contract states none.
  Id Contract(Id project, ContractKind kind, Money amount, std::optional<int> retentionBp = 300,
              int advanceBp = 0) {
    sb::Contract c;
    c.id = NextId();
    c.code = "HT-" + std::to_string(c.id);
    c.projectId = project;
    c.kind = kind;
    c.counterparty = "某建设公司";
    c.amount = amount;
    if (retentionBp) c.retentionRate = Rate::FromBasisPoints(*retentionBp);
    c.advanceRate = Rate::FromBasisPoints(advanceBp);
    c.procurement = Procurement::OpenTender;
    c.awardNo = "ZB-" + std::to_string(c.id);
    p_.contracts.push_back(c);
    return c.id;
  }

  Id Pay(Id project, Id source, CostCategory cat, Money amount, std::optional<Id> contract = {},
         PaymentKind kind = PaymentKind::Progress, const char* date = "2021-06-10") {
    Payment pay;
    pay.id = NextId();
    pay.projectId = project;
    pay.sourceId = source;
    pay.category = cat;
    pay.amount = amount;
    pay.contractId = contract;
    pay.kind = kind;
    pay.date = D(date);
    pay.voucher = "记-" + std::to_string(pay.id);
    p_.payments.push_back(pay);
    return pay.id;
  }

  // 红字冲销 of a whole payment.
  Id Reverse(Id paymentId, const char* date = "2021-06-20") {
    Payment r;
    for (const auto& x : p_.payments)
      if (x.id == paymentId) r = x;
    r.id = NextId();
    r.amount = -r.amount;
    r.reversesId = paymentId;
    r.date = D(date);
    r.voucher = "记-" + std::to_string(r.id);
    p_.payments.push_back(r);
    return r.id;
  }

  PortfolioBuilder& Step(Id project, const std::string& name, StepStatus status,
                         std::optional<Date> done = {}, std::optional<Date> planned = {}) {
    ProcedureStep s;
    s.id = NextId();
    s.projectId = project;
    for (const auto& t : p_.procedureTemplate)
      if (t.name == name) s.templateId = t.id;
    if (s.templateId == 0) throw std::logic_error("no step " + name);
    s.status = status;
    s.doneDate = done;
    s.plannedDate = planned;
    p_.procedureSteps.push_back(s);
    return *this;
  }
  sb::ProcedureStep& StepRef(Id project, const std::string& name) {
    for (const auto& t : p_.procedureTemplate)
      if (t.name == name)
        for (auto& s : p_.procedureSteps)
          if (s.projectId == project && s.templateId == t.id) return s;
    throw std::logic_error("no step " + name);
  }
  // Every step required before 开工 done, as a project that may start.
  PortfolioBuilder& AllPermits(Id project, const char* date = "2021-02-01") {
    for (const auto& t : p_.procedureTemplate)
      if (t.requiredBeforeStart) Step(project, t.name, StepStatus::Done, D(date));
    return *this;
  }

  PortfolioBuilder& Progress(Id project, const char* month, int tenths,
                             const std::string& problems = "") {
    ProgressEntry e;
    e.id = NextId();
    e.projectId = project;
    e.month = M(month);
    e.percent = Percent::FromTenths(tenths);
    e.problems = problems;
    p_.progress.push_back(e);
    return *this;
  }
  /// With the cumulative completed investment of the month.
  /// A works contract's own progress (several works contracts in one project).
  PortfolioBuilder& ContractProgressOf(Id contract, const char* month, int tenths) {
    ContractProgress e;
    e.id = NextId();
    e.contractId = contract;
    e.projectId = ContractRef(contract).projectId;
    e.month = M(month);
    e.percent = Percent::FromTenths(tenths);
    p_.contractProgress.push_back(e);
    return *this;
  }

  PortfolioBuilder& Progress(Id project, const char* month, int tenths, Money invested) {
    Progress(project, month, tenths);
    p_.progress.back().invested = invested;
    return *this;
  }

  PortfolioBuilder& Set(const std::string& key, const std::string& value) {
    p_.settings.Set(key, value);
    return *this;
  }

  const Portfolio& Build() {
    p_.Reindex();
    return p_;
  }

 private:
  Id NextId() { return next_++; }
  Portfolio p_;
  Id next_ = 1;
};

}  // namespace sb::test
