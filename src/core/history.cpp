#include "core/history.h"

#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/money.h"
#include "core/sha256.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb {

namespace {

constexpr char kSep = '\x1f';

std::string CanonicalJson(const std::optional<std::string>& text) {
  if (!text) return "-";
  try {
    return json::CanonicalText(*text, "历史记录的数据");
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
  return v ? Tr("%s万元", Money::FromFen(*v).FormatWan(2, 6).c_str()) : Field(o, key);
}

// A canonical value (状态 已办结, 费用类别 建安工程) in the user's language.
std::string Canon(const Object& o, std::string_view key) { return Tr(Field(o, key).c_str()); }

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
    std::string s = (reversal ? Tr("红字冲销 ") : Tr("拨付 ")) + Field(o, "voucher") + " " + WanOf(o, "amount");
    if (!Field(o, "payee").empty()) s += " → " + Field(o, "payee");
    return s;
  }
  if (table == "projects") return Tr("项目 ") + Field(o, "code") + " " + Field(o, "name");
  if (table == "budget_lines") return Tr("概算 ") + Canon(o, "cost_category") + " " + WanOf(o, "amount");
  if (table == "funding_sources")
    return Tr("资金来源 ") + Field(o, "code") + " " + Field(o, "name") + " " + WanOf(o, "amount");
  // TRANSLATORS: a date after an amount in the history: （2025-04-01）.
  if (table == "allocations")
    return Tr("资金下达 ") + Name(n.sources, o, "source_id") + " " + WanOf(o, "amount") +
           Tr("（%s）", Field(o, "date").c_str());
  if (table == "receipts")
    return Tr("资金到位 ") + Name(n.sources, o, "source_id") + " " + WanOf(o, "amount") +
           Tr("（%s）", Field(o, "date").c_str());
  if (table == "procedure_steps") return Tr("前期手续 ") + Canon(o, "status");
  if (table == "progress_entries") {
    auto pct = IntField(o, "percent_tenths");
    return Tr("进度 ") + Field(o, "month") + " " + (pct ? FormatFixed(*pct, 1) + "%" : "") + Tr(" 累计完成投资 ") +
           WanOf(o, "invested");
  }
  if (table == "contracts")
    return Tr("合同 ") + Field(o, "code") + " " + Field(o, "counterparty") + " " + WanOf(o, "amount");
  if (table == "settings") return Tr("设置 ") + Field(o, "key") + " = " + Field(o, "value");
  if (table == "fund_kinds") return Tr("来源类型 ") + Field(o, "name");
  if (table == "procedure_template") return Tr("手续模板 ") + Field(o, "name");
  if (table == "month_closings") return Tr("月报定稿 ") + Field(o, "month");
  if (table == "annual_plans") return Tr("年度计划 %s年 ", Field(o, "year").c_str()) + WanOf(o, "amount");
  if (table == "contract_progress") return Tr("合同进度 ") + Field(o, "month");
  if (table == "month_closing_events")
    return (Field(o, "action") == "reopen" ? Tr("重新打开 ") : Tr("定稿 ")) + Field(o, "month") +
           (Field(o, "reason").empty() ? "" : Tr("（%s）", Field(o, "reason").c_str()));
  return std::string(table);
}

std::string_view FieldWord(std::string_view key) {
  static const std::map<std::string_view, std::string_view> words = {
      {"code", TrNoop("编号")}, {"name", TrNoop("名称")}, {"school", TrNoop("建设单位")}, {"township", TrNoop("乡镇")}, {"programme", TrNoop("项目批次")},
      {"stage", TrNoop("学段")}, {"category", TrNoop("建设类别")}, {"nature", TrNoop("建设性质")},
      {"floor_area_centi", TrNoop("建筑面积")}, {"planned_start", TrNoop("计划开工")}, {"planned_finish", TrNoop("计划竣工")},
      {"actual_start", TrNoop("实际开工")}, {"actual_finish", TrNoop("实际竣工")}, {"status", TrNoop("状态")}, {"note", TrNoop("备注")},
      {"cost_category", TrNoop("费用类别")}, {"amount", TrNoop("金额")}, {"kind", TrNoop("类型")}, {"year", TrNoop("年度")},
      {"doc_no", TrNoop("文号")}, {"eligible", TrNoop("可支付的费用类别")}, {"date", TrNoop("日期")}, {"planned_date", TrNoop("计划日期")},
      {"done_date", TrNoop("完成日期")}, {"month", TrNoop("月份")}, {"percent_tenths", TrNoop("形象进度")},
      {"invested", TrNoop("累计完成投资")}, {"description", TrNoop("进度描述")}, {"problems", TrNoop("存在问题")},
      {"next_steps", TrNoop("下步计划")}, {"counterparty", TrNoop("施工单位")}, {"signed_date", TrNoop("签订日期")},
      {"advance_bp", TrNoop("预付款比例")}, {"retention_bp", TrNoop("质保金比例")}, {"value", TrNoop("值")},
      {"level", TrNoop("资金层级")}, {"default_eligible", TrNoop("默认可支付类别")}, {"issuer", TrNoop("办理部门")},
      {"source_id", TrNoop("资金来源")}, {"project_id", TrNoop("项目")}, {"contract_id", TrNoop("合同")},
      {"procurement", TrNoop("采购方式")}, {"award_no", TrNoop("中标通知书")}, {"retention_stated", TrNoop("约定质保金比例")},
      {"advance_recover_from_tenths", TrNoop("预付款扣回起点")}, {"advance_recover_to_tenths", TrNoop("预付款扣回终点")},
      {"extensions", TrNoop("延期次数")}};
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

std::string ValueText(const Object& o, std::string_view key) {
  if (key == "amount" || key == "invested") return WanOf(o, key);
  auto v = IntField(o, key);
  if (v && (key == "percent_tenths" || key == "advance_recover_from_tenths" || key == "advance_recover_to_tenths"))
    return FormatFixed(*v, 1) + "%";
  if (v && key == "retention_stated") return *v ? Tr("是") : Tr("否");
  if (v && (key == "advance_bp" || key == "retention_bp")) return FormatFixed(*v, 2) + "%";
  if (v && key == "floor_area_centi") return FormatFixed(*v, 2) + "㎡";
  std::string s = Field(o, key);
  if (key == "stage" || key == "category" || key == "nature" || key == "status" || key == "cost_category" ||
      key == "kind" || key == "procurement")
    return s.empty() ? Tr("（空）") : Tr(s.c_str());  // canonical values, in the user's language
  return s.empty() ? Tr("（空）") : s;
}

}  // namespace

std::string ChangedFields(const std::string& beforeJson, const std::string& afterJson) {
  auto before = ObjectOf(beforeJson), after = ObjectOf(afterJson);
  if (!before || !after) return beforeJson == afterJson ? "" : Tr("内容无法逐项比较");
  std::vector<std::string> changes;
  for (const auto& [key, value] : *after) {
    if (key == "row_version" || key == "snapshot") continue;
    auto old = before->find(key);
    if (old != before->end() && json::Canonical(old->second) == json::Canonical(value)) continue;
    changes.push_back(Tr(std::string(FieldWord(key)).c_str()) + " " +
                      (old == before->end() ? Tr("（无）") : ValueText(*before, key)) + "→" + ValueText(*after, key));
  }
  for (const auto& [key, value] : *before)
    if (!after->count(key) && key != "row_version")
      changes.push_back(Tr(std::string(FieldWord(key)).c_str()) + " " + ValueText(*before, key) + "→" + Tr("（无）"));
  return Join(changes, Tr("；"));
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
      {"settings", TrNoop("设置")}, {"fund_kinds", TrNoop("来源类型")}, {"procedure_template", TrNoop("手续模板")},
      {"projects", TrNoop("项目")}, {"budget_lines", TrNoop("概算")}, {"funding_sources", TrNoop("资金来源")},
      {"allocations", TrNoop("资金下达")}, {"receipts", TrNoop("资金到位")}, {"procedure_steps", TrNoop("前期手续")},
      {"progress_entries", TrNoop("进度")}, {"contracts", TrNoop("合同")}, {"payments", TrNoop("拨付")},
      {"month_closings", TrNoop("月报定稿")}, {"month_closing_events", TrNoop("定稿记录")}, {"annual_plans", TrNoop("年度计划")},
      {"contract_progress", TrNoop("合同进度")}, {"history", TrNoop("历史记录")}};
  auto it = words.find(table);
  return it == words.end() ? table : it->second;
}

std::string DescribeEntry(const HistoryEntry& e, const HistoryNames& names) {
  auto before = ObjectOf(e.oldValues), after = ObjectOf(e.newValues);
  const Object empty;
  const Object& row = after ? *after : (before ? *before : empty);
  // TRANSLATORS: the verbs of the history, followed directly by what changed ("新增项目 …").
  std::string verb = e.op == "insert" ? (e.table == "payments" ? Tr("录入") : Tr("新增"))
                     : e.op == "update" ? Tr("修改") : Tr("删除");
  std::string s = EntryTime(e) + " " + e.who + " " + verb + What(e.table, row, names);
  if (e.op == "update" && e.oldValues && e.newValues) {
    std::string changes = ChangedFields(*e.oldValues, *e.newValues);
    if (!changes.empty()) s += Tr("：") + changes;
  }
  if (e.outside) s += Tr("（程序外修改）");
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
