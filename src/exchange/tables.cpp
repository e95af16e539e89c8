#include "exchange/tables.h"

#include "core/text.h"
#include "core/translate.h"

namespace sb::exchange {

namespace {

// Each table's columns, in the order the issue lists them (export order); 备注 and
// 冲销凭证号 are extensions so that an export loses nothing the database holds.
std::vector<TableSpec> MakeSpecs() {
  std::vector<TableSpec> v;
  v.push_back({Table::Projects, "projects.csv", TrNoop("项目"), {"projects", "项目", "项目库", "项目台账"},
               {{"项目编号", "code", false, true, ""},
                {"项目名称", "name", false, true, ""},
                {"建设单位", "school", false, true, ""},
                {"乡镇", "township", false, true, ""},
                {"学段", "stage", false, true, ""},
                {"建设类别", "category", false, true, ""},
                {"建设性质", "nature", false, true, ""},
                {"建筑面积", "floor_area_m2", false, false, "(㎡)"},
                {"计划开工", "planned_start", false, false, ""},
                {"计划竣工", "planned_finish", false, false, ""},
                {"实际开工", "actual_start", false, false, ""},
                {"实际竣工", "actual_finish", false, false, ""},
                {"状态", "status", false, true, ""},
                {"项目批次", "programme", false, false, ""},
                {"备注", "note", false, false, ""},
                {"行政区划代码", "county_code", false, false, ""}}});
  v.push_back({Table::Budget, "budget.csv", TrNoop("概算"), {"budget", "概算"},
               {{"项目编号", "project", false, true, ""},
                {"费用类别", "cost_category", false, true, ""},
                {"概算金额", "amount", true, true, ""}}});
  v.push_back({Table::Sources, "sources.csv", TrNoop("资金来源"), {"sources", "资金来源", "来源"},
               {{"来源编号", "code", false, true, ""},
                {"来源名称", "name", false, true, ""},
                {"来源类型", "kind", false, true, ""},
                {"年度", "year", false, true, ""},
                {"金额", "amount", true, true, ""},
                {"文号", "doc_no", false, false, ""},
                {"可用于", "eligible", false, false, ""},
                {"备注", "note", false, false, ""},
                {"行政区划代码", "county_code", false, false, ""}}});
  v.push_back({Table::Allocations, "allocations.csv", TrNoop("资金下达"), {"allocations", "资金下达", "下达"},
               {{"项目编号", "project", false, true, ""},
                {"来源编号", "source", false, true, ""},
                {"下达金额", "amount", true, true, ""},
                {"下达日期", "date", false, true, ""},
                {"备注", "note", false, false, ""}}});
  v.push_back({Table::Receipts, "receipts.csv", TrNoop("资金到位"), {"receipts", "资金到位", "到位"},
               {{"项目编号", "project", false, true, ""},
                {"来源编号", "source", false, true, ""},
                {"到位金额", "amount", true, true, ""},
                {"到位日期", "date", false, true, ""},
                {"备注", "note", false, false, ""}}});
  v.push_back({Table::Procedures, "procedures.csv", TrNoop("前期手续"), {"procedures", "前期手续", "手续"},
               {{"项目编号", "project", false, true, ""},
                {"手续", "step", false, true, ""},
                {"状态", "status", false, true, ""},
                {"计划日期", "planned_date", false, false, ""},
                {"完成日期", "done_date", false, false, ""},
                {"文号", "doc_no", false, false, ""},
                {"延期次数", "extensions", false, false, ""},
                {"备注", "note", false, false, ""}}});
  v.push_back({Table::Progress, "progress.csv", TrNoop("进度"), {"progress", "进度", "形象进度", "月度进度"},
               {{"项目编号", "project", false, true, ""},
                {"月份", "month", false, true, ""},
                {"完成比例", "percent", false, true, "(%)"},
                {"累计完成投资", "invested", true, true, ""},
                {"形象进度", "description", false, false, ""},
                {"存在问题", "problems", false, false, ""},
                {"下步计划", "next_steps", false, false, ""}}});
  v.push_back({Table::Contracts, "contracts.csv", TrNoop("合同"), {"contracts", "合同"},
               {{"合同编号", "code", false, true, ""},
                {"项目编号", "project", false, true, ""},
                {"合同类型", "kind", false, true, ""},
                {"乙方", "counterparty", false, true, ""},
                {"合同金额", "amount", true, true, ""},
                {"签订日期", "signed", false, false, ""},
                {"预付款比例", "advance_percent", false, false, "(%)"},
                {"质保金比例", "retention_percent", false, false, "(%)"},
                {"采购方式", "procurement", false, false, ""},
                {"中标通知书", "award_no", false, false, ""},
                {"预付款扣回起点", "advance_recover_from", false, false, "(%)"},
                {"预付款扣回终点", "advance_recover_to", false, false, "(%)"},
                {"备注", "note", false, false, ""}}});
  v.push_back({Table::Payments, "payments.csv", TrNoop("拨付"), {"payments", "拨付", "资金拨付"},
               {{"项目编号", "project", false, true, ""},
                {"合同编号", "contract", false, false, ""},
                {"来源编号", "source", false, true, ""},
                {"费用类别", "cost_category", false, true, ""},
                {"拨付日期", "date", false, true, ""},
                {"金额", "amount", true, true, ""},
                {"款项性质", "kind", false, true, ""},
                {"凭证号", "voucher", false, true, ""},
                {"收款单位", "payee", false, false, ""},
                {"冲销凭证号", "reverses", false, false, ""},
                {"备注", "note", false, false, ""}}});
  v.push_back({Table::Plans, "plans.csv", TrNoop("年度计划"), {"plans", "年度计划", "年度投资计划", "年度计划投资"},
               {{"项目编号", "project", false, true, ""},
                {"年度", "year", false, true, ""},
                {"年度计划投资", "amount", true, true, ""},
                {"备注", "note", false, false, ""}}});
  // A works contract's own 形象进度, where a project has several (issue 14).
  v.push_back({Table::ContractProgress, "contract_progress.csv", TrNoop("合同进度"),
               {"contract_progress", "合同进度", "合同形象进度", "分合同进度"},
               {{"合同编号", "contract", false, true, ""},
                {"月份", "month", false, true, ""},
                {"完成比例", "percent", false, true, "(%)"},
                {"备注", "note", false, false, ""}}});
  // The counties a database holds (several on a city's server): 行政区划代码 and name.
  v.push_back({Table::Counties, "counties.csv", TrNoop("县区"), {"counties", "县区", "县（区）", "行政区划"},
               {{"行政区划代码", "code", false, true, ""},
                {"县（区）", "name", false, true, ""}}});
  return v;
}

const std::vector<TableSpec>& Specs() {
  static const std::vector<TableSpec> specs = MakeSpecs();
  return specs;
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Header text as compared: full-width brackets and letters narrowed, spaces removed,
// ASCII lower-cased, so "概算金额（万元）" and "Amount_Wan " match.
std::string NormalizeHeader(std::string_view h) { return Lower(StripSpaces(NarrowFullWidth(h))); }

std::string Alternatives(const TableSpec& spec) {
  std::vector<std::string> names;
  for (const auto& c : spec.columns) names.push_back(CanonicalHeader(c, MoneyUnit::Wan));
  return Join(names, Tr("、"));
}

}  // namespace

bool IsTextColumn(const ColumnSpec& c) {
  if (c.money) return false;
  static const std::string_view kNotText[] = {
      "floor_area_m2", "planned_start", "planned_finish", "actual_start", "actual_finish",
      "year",          "date",          "planned_date",   "done_date",    "month",
      "percent",       "signed",        "advance_percent", "retention_percent",
      "procurement",   "advance_recover_from", "advance_recover_to", "extensions", "county_code"};
  for (auto n : kNotText)
    if (c.en == n) return false;
  return true;
}

const TableSpec& Spec(Table t) { return Specs()[static_cast<size_t>(t)]; }

std::optional<Table> TableForFileName(std::string_view fileName) {
  std::string name = Lower(std::string(fileName));
  if (name.size() < 4 || name.substr(name.size() - 4) != ".csv") return std::nullopt;
  name.resize(name.size() - 4);
  name = Trim(name);
  for (const auto& s : Specs())
    for (auto n : s.names)
      if (name == n) return s.table;
  return std::nullopt;
}

std::string KnownFileNames() {
  std::vector<std::string> names;
  for (const auto& s : Specs()) names.push_back(std::string(s.file));
  return Join(names, Tr("、"));
}

std::string CanonicalHeader(const ColumnSpec& c, MoneyUnit unit) {
  if (c.money) return std::string(c.zh) + (unit == MoneyUnit::Wan ? "(万元)" : "(元)");
  return std::string(c.zh) + std::string(c.suffix);
}

HeaderMap MapHeader(const TableSpec& spec, const CsvRecord& header,
                    std::vector<HeaderProblem>& problems) {
  HeaderMap m;
  const size_t n = spec.columns.size();
  m.position.assign(n, -1);
  m.unit.assign(n, MoneyUnit::Wan);
  m.written.resize(n);
  for (size_t i = 0; i < n; ++i) m.written[i] = CanonicalHeader(spec.columns[i], MoneyUnit::Wan);
  m.unnamed.assign(header.cells.size(), false);
  std::vector<bool> named(n, false);  // in the header, even if refused: not "missing"

  for (size_t f = 0; f < header.cells.size(); ++f) {
    std::string written = Trim(header.cells[f].text);
    if (written.empty()) {
      m.unnamed[f] = true;
      continue;
    }
    std::string h = NormalizeHeader(written);
    int match = -1;
    MoneyUnit unit = MoneyUnit::Wan;
    bool unitless = false;
    for (size_t i = 0; i < n && match < 0; ++i) {
      const ColumnSpec& c = spec.columns[i];
      std::string zh = NormalizeHeader(c.zh), en = Lower(std::string(c.en));
      if (c.money) {
        if (h == zh + "(万元)" || h == en + "_wan") match = static_cast<int>(i), unit = MoneyUnit::Wan;
        else if (h == zh + "(元)" || h == en + "_yuan") match = static_cast<int>(i), unit = MoneyUnit::Yuan;
        else if (h == zh || h == en) match = static_cast<int>(i), unitless = true;
      } else {
        std::string suffix = NormalizeHeader(c.suffix);
        bool alt = false;
        if (c.suffix == "(㎡)")
          alt = h == zh + "(m2)" || h == zh + "(m²)" || h == zh + "(平方米)";
        if (h == zh || h == en || (!suffix.empty() && h == zh + suffix) || alt)
          match = static_cast<int>(i);
      }
    }
    if (match < 0) {
      // TRANSLATORS: the file (projects.csv), then its columns as the file must write them.
      problems.push_back({f + 1, written, Tr("不认识的列；%s 可用的列为：%s", std::string(spec.file).c_str(),
                                             Alternatives(spec).c_str())});
      continue;
    }
    const ColumnSpec& c = spec.columns[static_cast<size_t>(match)];
    named[static_cast<size_t>(match)] = true;
    if (unitless) {
      const std::string zh(c.zh), en(c.en);
      // TRANSLATORS: an amount column's header must give its unit: the Chinese header twice
      // (with (万元) or (元)), then the English one twice (with _wan or _yuan).
      problems.push_back({f + 1, written, Tr("金额列必须在列名中注明单位：%s(万元) 或 %s(元)（英文 %s_wan 或 %s_yuan）",
                                             zh.c_str(), zh.c_str(), en.c_str(), en.c_str())});
      continue;
    }
    if (m.position[static_cast<size_t>(match)] >= 0) {
      // TRANSLATORS: the column of the file that has the same meaning: its number, then its header.
      problems.push_back({f + 1, written, Tr("与第%d列“%s”重复", m.position[static_cast<size_t>(match)] + 1,
                                             m.written[static_cast<size_t>(match)].c_str())});
      continue;
    }
    m.position[static_cast<size_t>(match)] = static_cast<int>(f);
    m.unit[static_cast<size_t>(match)] = unit;
    m.written[static_cast<size_t>(match)] = written;
  }
  for (size_t i = 0; i < n; ++i) {
    const ColumnSpec& c = spec.columns[i];
    if (c.required && m.position[i] < 0 && !named[i])
      // TRANSLATORS: the column's Chinese header, then its English one.
      problems.push_back({0, "", Tr("缺少必需的列“%s”（英文 %s%s）", CanonicalHeader(c, MoneyUnit::Wan).c_str(),
                                    std::string(c.en).c_str(), c.money ? "_wan" : "")});
  }
  return m;
}

}  // namespace sb::exchange
