#include "core/history.h"

#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/money.h"
#include "core/sha256.h"
#include "core/text.h"

namespace sb {

namespace {

constexpr char kSep = '\x1f';

std::string CanonicalJson(const std::optional<std::string>& text) {
  if (!text) return "-";
  try {
    return json::Canonical(json::Parse(*text, "历史记录的数据"));
  } catch (const Error&) {
    return *text;  // what cannot be read is hashed as it stands
  }
}

using Object = json::Value::Object;

std::optional<Object> ObjectOf(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  try {
    json::Value v = json::Parse(*text, "历史记录的数据");
    if (auto* o = std::get_if<Object>(&v.v)) return *o;
  } catch (const Error&) {
  }
  return std::nullopt;
}

std::string Field(const Object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->second.IsNull()) return "";
  if (auto* s = std::get_if<std::string>(&it->second.v)) return *s;
  if (auto* i = std::get_if<int64_t>(&it->second.v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&it->second.v)) return *b ? "1" : "0";
  return json::Canonical(it->second);
}

std::optional<int64_t> IntField(const Object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (auto* i = std::get_if<int64_t>(&it->second.v)) return *i;
  return std::nullopt;
}

std::string WanOf(const Object& o, std::string_view key) {
  auto v = IntField(o, key);
  return v ? Money::FromFen(*v).FormatWan(2, 6) + "万元" : Field(o, key);
}

std::string Name(const std::map<Id, std::string>& names, const Object& o, std::string_view key) {
  auto v = IntField(o, key);
  if (!v) return "";
  auto it = names.find(*v);
  return it != names.end() ? it->second : "#" + std::to_string(*v);
}

// What the row is, in a few words.
std::string What(std::string_view table, const Object& o, const HistoryNames& n) {
  if (table == "payments") {
    auto amount = IntField(o, "amount");
    bool reversal = amount && *amount < 0;
    std::string s = std::string(reversal ? "红字冲销 " : "拨付 ") + Field(o, "voucher") + " " + WanOf(o, "amount");
    if (!Field(o, "payee").empty()) s += " → " + Field(o, "payee");
    return s;
  }
  if (table == "projects") return "项目 " + Field(o, "code") + " " + Field(o, "name");
  if (table == "budget_lines") return "概算 " + Field(o, "cost_category") + " " + WanOf(o, "amount");
  if (table == "funding_sources")
    return "资金来源 " + Field(o, "code") + " " + Field(o, "name") + " " + WanOf(o, "amount");
  if (table == "allocations")
    return "资金下达 " + Name(n.sources, o, "source_id") + " " + WanOf(o, "amount") + "（" + Field(o, "date") + "）";
  if (table == "receipts")
    return "资金到位 " + Name(n.sources, o, "source_id") + " " + WanOf(o, "amount") + "（" + Field(o, "date") + "）";
  if (table == "procedure_steps") return "前期手续 " + Field(o, "status");
  if (table == "progress_entries") {
    auto pct = IntField(o, "percent_tenths");
    return "进度 " + Field(o, "month") + " " + (pct ? FormatFixed(*pct, 1) + "%" : "") + " 累计完成投资 " +
           WanOf(o, "invested");
  }
  if (table == "contracts")
    return "合同 " + Field(o, "code") + " " + Field(o, "counterparty") + " " + WanOf(o, "amount");
  if (table == "settings") return "设置 " + Field(o, "key") + " = " + Field(o, "value");
  if (table == "fund_kinds") return "来源类型 " + Field(o, "name");
  if (table == "procedure_template") return "手续模板 " + Field(o, "name");
  if (table == "month_closings") return "月报定稿 " + Field(o, "month");
  if (table == "annual_plans") return "年度计划 " + Field(o, "year") + "年 " + WanOf(o, "amount");
  if (table == "contract_progress") return "合同进度 " + Field(o, "month");
  if (table == "month_closing_events")
    return std::string(Field(o, "action") == "reopen" ? "重新打开 " : "定稿 ") + Field(o, "month") +
           (Field(o, "reason").empty() ? "" : "（" + Field(o, "reason") + "）");
  return std::string(table);
}

std::string_view FieldWord(std::string_view key) {
  static const std::map<std::string_view, std::string_view> words = {
      {"code", "编号"}, {"name", "名称"}, {"school", "建设单位"}, {"township", "乡镇"}, {"programme", "项目批次"},
      {"stage", "学段"}, {"category", "建设类别"}, {"nature", "建设性质"},
      {"floor_area_centi", "建筑面积"}, {"planned_start", "计划开工"}, {"planned_finish", "计划竣工"},
      {"actual_start", "实际开工"}, {"actual_finish", "实际竣工"}, {"status", "状态"}, {"note", "备注"},
      {"cost_category", "费用类别"}, {"amount", "金额"}, {"kind", "类型"}, {"year", "年度"},
      {"doc_no", "文号"}, {"eligible", "可支付的费用类别"}, {"date", "日期"}, {"planned_date", "计划日期"},
      {"done_date", "完成日期"}, {"month", "月份"}, {"percent_tenths", "形象进度"},
      {"invested", "累计完成投资"}, {"description", "进度描述"}, {"problems", "存在问题"},
      {"next_steps", "下步计划"}, {"counterparty", "施工单位"}, {"signed_date", "签订日期"},
      {"advance_bp", "预付款比例"}, {"retention_bp", "质保金比例"}, {"value", "值"},
      {"level", "资金层级"}, {"default_eligible", "默认可支付类别"}, {"issuer", "办理部门"},
      {"source_id", "资金来源"}, {"project_id", "项目"}, {"contract_id", "合同"},
      {"procurement", "采购方式"}, {"award_no", "中标通知书"}, {"retention_stated", "约定质保金比例"},
      {"advance_recover_from_tenths", "预付款扣回起点"}, {"advance_recover_to_tenths", "预付款扣回终点"},
      {"extensions", "延期次数"}};
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

std::string ValueText(const Object& o, std::string_view key) {
  if (key == "amount" || key == "invested") return WanOf(o, key);
  auto v = IntField(o, key);
  if (v && (key == "percent_tenths" || key == "advance_recover_from_tenths" || key == "advance_recover_to_tenths"))
    return FormatFixed(*v, 1) + "%";
  if (v && key == "retention_stated") return *v ? "是" : "否";
  if (v && (key == "advance_bp" || key == "retention_bp")) return FormatFixed(*v, 2) + "%";
  if (v && key == "floor_area_centi") return FormatFixed(*v, 2) + "㎡";
  std::string s = Field(o, key);
  return s.empty() ? "（空）" : s;
}

}  // namespace

std::string ChangedFields(const std::string& beforeJson, const std::string& afterJson) {
  auto before = ObjectOf(beforeJson), after = ObjectOf(afterJson);
  if (!before || !after) return beforeJson == afterJson ? "" : "内容无法逐项比较";
  std::vector<std::string> changes;
  for (const auto& [key, value] : *after) {
    if (key == "row_version" || key == "snapshot") continue;
    auto old = before->find(key);
    if (old != before->end() && json::Canonical(old->second) == json::Canonical(value)) continue;
    changes.push_back(std::string(FieldWord(key)) + " " + (old == before->end() ? "（无）" : ValueText(*before, key)) +
                      "→" + ValueText(*after, key));
  }
  for (const auto& [key, value] : *before)
    if (!after->count(key) && key != "row_version")
      changes.push_back(std::string(FieldWord(key)) + " " + ValueText(*before, key) + "→（无）");
  return Join(changes, "；");
}

std::string CanonicalEntryText(const HistoryEntry& e) {
  std::string s = "v1";
  auto add = [&](std::string_view x) {
    s += kSep;
    s.append(x);
  };
  add(std::to_string(e.id));
  add(e.at);
  add(e.who);
  add(e.action);
  add(e.table);
  add(e.rowKey);
  add(e.projectId ? std::to_string(*e.projectId) : "-");
  add(e.op);
  add(CanonicalJson(e.oldValues));
  add(CanonicalJson(e.newValues));
  add(e.outside ? "1" : "0");
  return s;
}

std::string ChainHash(std::string_view previous, const HistoryEntry& e) {
  return Sha256().Update(previous).Update(CanonicalEntryText(e)).HexDigest();
}

std::string EntryTime(const HistoryEntry& e) {
  std::string t = e.at.substr(0, 16);
  if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
  return t;
}

std::string_view TableWord(std::string_view table) {
  static const std::map<std::string_view, std::string_view> words = {
      {"settings", "设置"}, {"fund_kinds", "来源类型"}, {"procedure_template", "手续模板"},
      {"projects", "项目"}, {"budget_lines", "概算"}, {"funding_sources", "资金来源"},
      {"allocations", "资金下达"}, {"receipts", "资金到位"}, {"procedure_steps", "前期手续"},
      {"progress_entries", "进度"}, {"contracts", "合同"}, {"payments", "拨付"},
      {"month_closings", "月报定稿"}, {"month_closing_events", "定稿记录"}, {"annual_plans", "年度计划"},
      {"contract_progress", "合同进度"}, {"history", "历史记录"}};
  auto it = words.find(table);
  return it == words.end() ? table : it->second;
}

std::string DescribeEntry(const HistoryEntry& e, const HistoryNames& names) {
  auto before = ObjectOf(e.oldValues), after = ObjectOf(e.newValues);
  const Object empty;
  const Object& row = after ? *after : (before ? *before : empty);
  std::string verb = e.op == "insert" ? (e.table == "payments" ? "录入" : "新增")
                     : e.op == "update" ? "修改" : "删除";
  std::string s = EntryTime(e) + " " + e.who + " " + verb + What(e.table, row, names);
  if (e.op == "update" && e.oldValues && e.newValues) {
    std::string changes = ChangedFields(*e.oldValues, *e.newValues);
    if (!changes.empty()) s += "：" + changes;
  }
  if (e.outside) s += "（程序外修改）";
  return s;
}

std::string CheckCode(YearMonth month, std::string_view chainHead, std::string_view snapshot) {
  std::string h = Sha256()
                      .Update("SchoolBuild/check/1|")
                      .Update(month.Format())
                      .Update("|")
                      .Update(chainHead)
                      .Update("|")
                      .Update(Sha256Hex(snapshot))
                      .HexDigest();
  std::string code;
  for (size_t i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    char c = h[i];
    code += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return code;
}

}  // namespace sb
