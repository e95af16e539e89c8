#include "exchange/sheet_table.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb::exchange {

namespace {

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// As headers and names are compared: full-width forms narrowed, spaces and line breaks
// removed, ASCII lower-cased, 【】 as brackets.
std::string Normalize(std::string_view s) {
  std::string n = LowerAscii(StripSpaces(NarrowFullWidth(s)));
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"【", "("}, {"】", ")"},
                          {"\n", ""}, {"\r", ""}}) {
    for (size_t p = n.find(from); p != std::string::npos; p = n.find(from, p + to.size()))
      n.replace(p, from.size(), to);
  }
  return n;
}

std::string Title(const TableSpec& spec) { return Tr(std::string(spec.title).c_str()); }

// TRANSLATORS: a column of a sheet by its letter: B列 (column B).
std::string ColumnName(size_t column) { return Tr("%s列", ColumnLetter(column).c_str()); }

// Why a column is not imported: the mapping chose `chosen` for the same field.
std::string Duplicate(size_t chosen) {
  const std::string letter = ColumnLetter(chosen);
  // TRANSLATORS: the column the mapping chose for the same field, by its letter (twice).
  return Tr("与%s列重复（映射选了%s列）", letter.c_str(), letter.c_str());
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Takes a unit or a fixed suffix off a normalised header: "金额(万元)" → "金额", Wan.
std::string StripUnit(std::string h, std::optional<MoneyUnit>& unit) {
  struct Suffix {
    std::string_view text;
    std::optional<MoneyUnit> unit;
  };
  static const Suffix kSuffixes[] = {
      {"(万元)", MoneyUnit::Wan}, {"(元)", MoneyUnit::Yuan}, {"_wan", MoneyUnit::Wan},
      {"_yuan", MoneyUnit::Yuan}, {"/万元", MoneyUnit::Wan}, {"/元", MoneyUnit::Yuan},
      {"万元", MoneyUnit::Wan},   {"(㎡)", std::nullopt},    {"(m2)", std::nullopt},
      {"(m²)", std::nullopt},     {"(平方米)", std::nullopt}, {"(%)", std::nullopt},
      {"%", std::nullopt}};
  for (const auto& s : kSuffixes)
    if (h.size() > s.text.size() && EndsWith(h, s.text)) {
      if (s.unit) unit = s.unit;
      h.resize(h.size() - s.text.size());
      return h;
    }
  return h;
}

// Names looked up instead of codes (the importer tries the code first).
bool IsProjectNameHeader(const std::string& base) { return base == "项目名称" || base == "project_name"; }
bool IsSourceNameHeader(const std::string& base) { return base == "来源名称" || base == "source_name" || base == "文号"; }

enum class Kind { Text, Money, Date, Month, Percent, Number };

Kind KindOf(const ColumnSpec& c) {
  if (c.money) return Kind::Money;
  static const std::string_view kDates[] = {"planned_start", "planned_finish", "actual_start", "actual_finish",
                                            "date",          "planned_date",   "done_date",    "signed"};
  for (auto d : kDates)
    if (c.en == d) return Kind::Date;
  if (c.en == "month") return Kind::Month;
  if (c.en == "percent" || c.en == "advance_percent" || c.en == "retention_percent") return Kind::Percent;
  if (c.en == "year" || c.en == "floor_area_m2") return Kind::Number;
  return Kind::Text;
}

bool IsFreeText(const ColumnSpec& c) {
  for (std::string_view e : {"note", "description", "problems", "next_steps", "payee", "counterparty", "voucher",
                             "doc_no", "eligible", "reverses"})
    if (c.en == e) return true;
  return false;
}

bool IsEnumColumn(const ColumnSpec& c) {
  static const std::string_view kEnums[] = {"stage", "category", "nature", "status", "cost_category", "kind"};
  for (auto e : kEnums)
    if (c.en == e) return true;
  return false;
}

// "93" from 0.93 shown as 93%: the decimal point moved two places, exactly.
std::string TimesHundred(std::string d) {
  bool negative = !d.empty() && d[0] == '-';
  if (negative) d.erase(0, 1);
  size_t dot = d.find('.');
  std::string digits = dot == std::string::npos ? d : d.substr(0, dot) + d.substr(dot + 1);
  size_t point = (dot == std::string::npos ? d.size() : dot) + 2;
  while (digits.size() < point) digits.push_back('0');
  std::string out = digits.substr(0, point) + (point < digits.size() ? "." + digits.substr(point) : "");
  size_t nz = out.find_first_not_of('0');
  if (nz == std::string::npos) return "0";
  if (out[nz] == '.') --nz;
  out = out.substr(nz);
  return negative ? "-" + out : out;
}

std::string CellDisplay(const WorkbookCell& c) {
  switch (c.kind) {
    case WorkbookCell::Kind::Number: return ShortestDecimal(c.number);
    case WorkbookCell::Kind::Empty: return "";
    default: return c.text;
  }
}

// Header text of a cell: what it shows, trimmed.
std::string HeaderText(const WorkbookCell& c) { return Trim(CellDisplay(c)); }

bool IsTotalWord(const std::string& normalized) {
  return normalized.find("合计") != std::string::npos || normalized.find("小计") != std::string::npos ||
         normalized.find("总计") != std::string::npos;
}

bool IsNoteLine(const std::string& normalized) {
  static const std::string_view kMarks[] = {"制表人", "制表:", "制表日期", "填表人", "填报人", "审核人", "负责人",
                                            "填报日期", "注:", "注1", "注①", "说明:", "备注:"};
  for (auto m : kMarks)
    if (normalized.rfind(m, 0) == 0) return true;
  return false;
}

std::optional<MoneyUnit> UnitLineIn(const std::string& normalized) {
  size_t p = normalized.find("单位:");
  if (p == std::string::npos) return std::nullopt;
  std::string rest = normalized.substr(p + std::string_view("单位:").size());
  if (rest.rfind("万元", 0) == 0) return MoneyUnit::Wan;
  if (rest.rfind("元", 0) == 0) return MoneyUnit::Yuan;
  return std::nullopt;
}

struct Candidate {
  SheetTable table;
  size_t score = 0;
  std::vector<std::string> missing;  // required fields not found
};

const Worksheet* FindSheet(const Workbook& book, const std::string& name) {
  for (const auto& s : book.sheets)
    if (s.name == name) return &s;
  for (const auto& s : book.sheets)
    if (Normalize(s.name) == Normalize(name)) return &s;
  return nullptr;
}

class Finder {
 public:
  Finder(const Workbook& book, const Worksheet& sheet, const Synonyms& synonyms)
      : book_(book), sheet_(sheet), synonyms_(synonyms), columns_(sheet.ColumnCount()) {}

  // The header of `table` at row r (0-based) spanning n rows, with the layout's choices.
  Candidate MapHeader(Table table, size_t r, size_t n, const SheetLayout* layout) const {
    Candidate cand;
    SheetTable& t = cand.table;
    const TableSpec& spec = Spec(table);
    t.sheet = sheet_.name;
    t.table = table;
    t.headerRow = r + 1;
    t.headerRows = n;
    for (size_t i = 0; i < r; ++i)
      for (size_t c = 0; c < columns_; ++c)
        if (auto u = UnitLineIn(Normalize(HeaderText(sheet_.Stored(i, c))))) t.unitLine = u;
    std::vector<std::string> signatureParts{std::string(spec.file), std::to_string(n)};
    for (size_t c = 0; c < columns_; ++c) {
      std::string top = HeaderText(sheet_.At(r, c)), bottom;
      if (n == 2) {
        const MergedRange* m = sheet_.MergeAt(r, c);
        if (!(m && m->lastRow >= r + 1)) bottom = HeaderText(sheet_.At(r + 1, c));
      }
      std::optional<size_t> chosen;
      std::string choice;
      if (layout)
        if (auto it = layout->columns.find(ColumnLetter(c)); it != layout->columns.end()) {
          chosen = c;
          choice = it->second;
        }
      if (top.empty() && bottom.empty() && !chosen) continue;
      ColumnMapping m;
      m.fileColumn = c;
      m.header = bottom.empty() ? top : top.empty() || top == bottom ? bottom : top + "/" + bottom;
      signatureParts.push_back(Normalize(m.header));
      std::optional<MoneyUnit> topUnit;
      StripUnit(Normalize(top), topUnit);
      FieldMatch f;
      if (chosen) {
        m.chosen = true;
        if (!choice.empty()) {
          f = MatchField(spec, synonyms_, choice);
          if (f.field < 0)
            t.problems.push_back({t.headerRow, ColumnName(c),
                                  // TRANSLATORS: the field the mapping names, then the table (项目).
                                  Tr("映射中的“%s”不是%s表的列", choice.c_str(), Title(spec).c_str())});
        }
      } else {
        if (!bottom.empty()) f = MatchField(spec, synonyms_, bottom);
        if (f.field < 0 && !f.serial && !bottom.empty() && !top.empty() && top != bottom)
          f = MatchField(spec, synonyms_, top + bottom);
        if (f.field < 0 && !f.serial && bottom.empty()) f = MatchField(spec, synonyms_, top);
      }
      m.field = f.field;
      m.byName = f.byName;
      if (f.field >= 0 && spec.columns[static_cast<size_t>(f.field)].money) {
        std::optional<MoneyUnit> unit = f.unit ? f.unit : topUnit ? topUnit : t.unitLine;
        if (!unit)
          t.problems.push_back({t.headerRow, m.header,
                                Tr("金额列没有注明单位：列名写明（万元）或（元），或在表头上方写“单位：万元”")});
        m.unit = unit.value_or(MoneyUnit::Wan);
      }
      // TRANSLATORS: why a column is not imported: it numbers the rows (序号).
      if (f.serial) m.ignored = Tr("序号");
      else if (f.field < 0) m.ignored = chosen && choice.empty() ? Tr("按所选映射不导入") : Tr("不认识的列");
      t.columns.push_back(std::move(m));
    }
    // Duplicates: the first keeps the field, unless the layout chose the other.
    std::vector<int> owner(spec.columns.size(), -1);
    for (size_t i = 0; i < t.columns.size(); ++i) {
      ColumnMapping& m = t.columns[i];
      if (m.field < 0) continue;
      int& o = owner[static_cast<size_t>(m.field)];
      if (o < 0) {
        o = static_cast<int>(i);
        continue;
      }
      ColumnMapping& first = t.columns[static_cast<size_t>(o)];
      if (m.chosen && !first.chosen) {
        first.field = -1;
        first.ignored = Duplicate(m.fileColumn);
        o = static_cast<int>(i);
      } else if (first.chosen && !m.chosen) {
        m.field = -1;
        m.ignored = Duplicate(first.fileColumn);
      } else {
        t.problems.push_back({t.headerRow, m.header,
                              // TRANSLATORS: the other column's letter and header, then the field both are.
                              Tr("与%s列“%s”都是“%s”；请在映射中选定其中一列（--map 文件的 columns，或窗口中把另一列设为不导入）",
                                 ColumnLetter(first.fileColumn).c_str(), first.header.c_str(),
                                 CanonicalHeader(spec.columns[static_cast<size_t>(m.field)], m.unit).c_str())});
        m.field = -1;
        // TRANSLATORS: why a column is not imported: another column has the same meaning.
        m.ignored = Tr("重复");
      }
    }
    t.header.position.assign(spec.columns.size(), -1);
    t.header.unit.assign(spec.columns.size(), MoneyUnit::Wan);
    t.header.written.resize(spec.columns.size());
    t.byName.assign(spec.columns.size(), false);
    for (size_t i = 0; i < spec.columns.size(); ++i) t.header.written[i] = CanonicalHeader(spec.columns[i], MoneyUnit::Wan);
    t.header.unnamed.assign(columns_, false);
    std::set<int> found;
    for (const auto& m : t.columns) {
      if (m.field < 0) continue;
      size_t f = static_cast<size_t>(m.field);
      t.header.position[f] = static_cast<int>(m.fileColumn);
      t.header.unit[f] = m.unit;
      t.header.written[f] = m.header;
      t.byName[f] = m.byName;
      found.insert(m.field);
    }
    cand.score = found.size();
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      const ColumnSpec& c = spec.columns[i];
      // A payment's cost category may follow from its contract (the importer decides).
      bool derivable = table == Table::Payments && c.en == "cost_category";
      if (c.required && !derivable && t.header.position[i] < 0)
        cand.missing.push_back(CanonicalHeader(c, t.unitLine.value_or(MoneyUnit::Wan)));
    }
    t.signature = Sha256Hex(Join(signatureParts, "|")).substr(0, 16);
    return cand;
  }

  // The best header of `table` in the first rows of the sheet.
  Candidate Best(Table table, const SheetLayout* layout) const {
    Candidate best;
    bool have = false;
    size_t lastRow = std::min<size_t>(sheet_.RowCount(), 30);
    size_t fromRow = 0;
    if (layout && layout->headerRow > 0) {
      fromRow = layout->headerRow - 1;
      lastRow = std::min(sheet_.RowCount(), fromRow + 1);
    }
    for (size_t r = fromRow; r < lastRow; ++r) {
      for (size_t n : {size_t{1}, size_t{2}}) {
        if (layout && layout->headerRows > 0 && n != layout->headerRows) continue;
        if (n == 2 && r + 1 >= sheet_.RowCount()) continue;
        Candidate c = MapHeader(table, r, n, layout);
        // Fewer missing columns first, then more fields; a two-row header only when it
        // finds more than the row alone.
        auto key = [](const Candidate& x) { return std::make_pair(-static_cast<long>(x.missing.size()), x.score); };
        if (!have || key(c) > key(best)) {
          best = std::move(c);
          have = true;
        }
      }
    }
    return best;
  }

  // The data rows under the header: cells as text, totals checked, notes ending it.
  void ReadRows(SheetTable& t) const {
    const TableSpec& spec = Spec(t.table);
    struct Sum {
      Money group, all;
    };
    std::vector<Sum> sums(spec.columns.size());
    size_t first = t.headerRow - 1 + t.headerRows;
    for (size_t r = first; r < sheet_.RowCount(); ++r) {
      size_t line = r + 1;
      bool blank = true;
      std::string firstText;
      for (size_t c = 0; c < columns_ && blank; ++c) {
        const WorkbookCell& cell = sheet_.Stored(r, c);
        if (!cell.IsEmpty() && !Trim(CellDisplay(cell)).empty()) {
          blank = false;
          firstText = Normalize(CellDisplay(cell));
        }
      }
      if (blank) {
        ++t.blankRows;
        continue;
      }
      if (IsNoteLine(firstText)) {
        // TRANSLATORS: the row where the notes under the table begin, then their first words.
        t.notes.push_back({line, "", Tr("第%zu行起是表下的说明（“%s”），表到此结束", line,
                                        Trim(CellDisplay(FirstCell(r))).substr(0, 60).c_str())});
        break;
      }
      // A total row: a text cell outside the amounts says 合计, 小计 or 总计.
      std::string totalWord;
      for (size_t c = 0; c < columns_ && totalWord.empty(); ++c) {
        const WorkbookCell& cell = sheet_.At(r, c);
        if (cell.kind != WorkbookCell::Kind::Text) continue;
        int field = t.header.unnamed.size() > c ? FieldAt(t, c) : -1;
        if (field >= 0 && (spec.columns[static_cast<size_t>(field)].money ||
                           IsFreeText(spec.columns[static_cast<size_t>(field)])))
          continue;  // 合计 inside a note or a payee's name is no total row
        std::string n = Normalize(cell.text);
        if (IsTotalWord(n) && n.size() <= 60) totalWord = Trim(cell.text);
      }
      if (!totalWord.empty()) {
        ++t.totalRows;
        bool subtotal = Normalize(totalWord).find("小计") != std::string::npos;
        for (size_t f = 0; f < spec.columns.size(); ++f) {
          if (!spec.columns[f].money || t.header.position[f] < 0) continue;
          const WorkbookCell& cell = sheet_.At(r, static_cast<size_t>(t.header.position[f]));
          Money& expected = subtotal ? sums[f].group : sums[f].all;
          if (!cell.IsEmpty()) {
            std::string text = Trim(CellDisplay(cell));
            try {
              Money stated = Money::Parse(text, t.header.unit[f]);
              if (stated != expected)
                t.problems.push_back({line, t.header.written[f],
                                      // TRANSLATORS: the total row's word (合计), the column, the total it states, the sum
                                      // of its rows and the difference, each in 万元 (ten thousand yuan).
                                      Tr("“%s”行的%s为 %s 万元，而它所合计的各行之和为 %s 万元，相差 %s 万元；请核对台账",
                                         totalWord.c_str(), std::string(spec.columns[f].zh).c_str(),
                                         stated.FormatWan(2, 6).c_str(), expected.FormatWan(2, 6).c_str(),
                                         (stated - expected).FormatWan(2, 6).c_str())});
            } catch (const Error& e) {
              t.problems.push_back({line, t.header.written[f],
                                    Tr("“%s”行的金额无法读取：%s", totalWord.c_str(), e.detail().c_str())});
            }
          }
          if (subtotal) sums[f].group = Money();
        }
        t.notes.push_back({line, "", Tr("“%s”行已核对，不导入", totalWord.c_str())});
        continue;
      }
      if (sheet_.RowHidden(r)) t.notes.push_back({line, "", Tr("第%zu行在表格中是隐藏的，也一并导入", line)});
      CsvRecord rec;
      rec.line = line;
      rec.cells.resize(columns_);
      for (size_t f = 0; f < spec.columns.size(); ++f) {
        int pos = t.header.position[f];
        if (pos < 0) continue;
        const ColumnSpec& col = spec.columns[f];
        const WorkbookCell& cell = sheet_.At(r, static_cast<size_t>(pos));
        std::string text;
        if (cell.noCachedValue) {
          t.problems.push_back({line, t.header.written[f],
                                Tr("公式没有保存计算结果；请在 Excel 或 WPS 中打开、重新计算并保存后再导入")});
        } else if (cell.kind == WorkbookCell::Kind::Error) {
          // TRANSLATORS: %s is the spreadsheet's error value (#DIV/0!, #REF!).
          t.problems.push_back({line, t.header.written[f], Tr("单元格是错误值 %s（公式出错）", cell.text.c_str())});
        } else if (cell.kind == WorkbookCell::Kind::Number) {
          text = NumberText(cell, KindOf(col));
          if (text.empty())
            t.problems.push_back({line, t.header.written[f],
                                  Tr("单元格的日期数值 %s 不是有效日期", ShortestDecimal(cell.number).c_str())});
        } else {
          text = cell.text;
        }
        if (IsEnumColumn(col)) text = ValueSynonym(col, text);
        if (col.money && !Trim(text).empty()) {
          try {
            Money m = Money::Parse(Trim(text), t.header.unit[f]);
            sums[f].group += m;
            sums[f].all += m;
          } catch (const Error&) {
            // the importer reports it on the row
          }
        }
        rec.cells[static_cast<size_t>(pos)].text = std::move(text);
      }
      t.rows.push_back(std::move(rec));
    }
    for (const auto& m : t.columns)
      if (m.field < 0)
        // TRANSLATORS: a column by its letter, then its header.
        t.notes.push_back({t.headerRow, Tr("%s列“%s”", ColumnLetter(m.fileColumn).c_str(), m.header.c_str()),
                           // TRANSLATORS: why the column is not imported (不认识的列 …).
                           m.ignored == Tr("序号") ? Tr("序号列不导入") : Tr("%s，已忽略", m.ignored.c_str())});
  }

 private:
  const WorkbookCell& FirstCell(size_t r) const {
    for (size_t c = 0; c < columns_; ++c)
      if (!sheet_.Stored(r, c).IsEmpty()) return sheet_.Stored(r, c);
    return sheet_.Stored(r, 0);
  }
  static int FieldAt(const SheetTable& t, size_t column) {
    for (size_t f = 0; f < t.header.position.size(); ++f)
      if (t.header.position[f] == static_cast<int>(column)) return static_cast<int>(f);
    return -1;
  }
  std::string NumberText(const WorkbookCell& cell, Kind kind) const {
    if (cell.date && (kind == Kind::Date || kind == Kind::Month || kind == Kind::Text)) {
      auto iso = SerialToIsoDate(cell.number, book_.date1904);
      if (!iso) return "";
      return kind == Kind::Month ? iso->substr(0, 7) : *iso;
    }
    if (kind == Kind::Date && cell.number >= 1 && cell.number < 2958466 && cell.number == static_cast<int64_t>(cell.number) &&
        cell.number > 10000 && cell.number < 100000)
      if (auto iso = SerialToIsoDate(cell.number, book_.date1904)) return *iso;  // a serial shown as a number
    std::string d = ShortestDecimal(cell.number);
    if (cell.percent && kind == Kind::Percent) return TimesHundred(d);
    return d;
  }
  std::string ValueSynonym(const ColumnSpec& col, const std::string& text) const {
    std::string n = Normalize(text);
    if (auto it = synonyms_.values.find(Normalize(col.zh) + ":" + n); it != synonyms_.values.end()) return it->second;
    if (auto it = synonyms_.values.find(n); it != synonyms_.values.end()) return it->second;
    return text;
  }

  const Workbook& book_;
  const Worksheet& sheet_;
  const Synonyms& synonyms_;
  size_t columns_;
};

void AddSynonyms(Synonyms& s, std::initializer_list<std::string_view> from, std::string_view to) {
  for (auto f : from) s.columns[Normalize(f)] = std::string(to);
}
void AddValues(Synonyms& s, std::string_view field, std::initializer_list<std::string_view> from, std::string_view to) {
  for (auto f : from) s.values[Normalize(field) + ":" + Normalize(f)] = std::string(to);
}

Synonyms MakeBuiltIn() {
  Synonyms s;
  AddSynonyms(s, {"拨付金额", "支付金额", "付款金额", "本次拨付", "拨付额", "拨款金额", "支付额", "实付金额", "本次支付"}, "金额");
  AddSynonyms(s, {"支付日期", "付款日期", "拨款日期", "日期"}, "拨付日期");
  AddSynonyms(s, {"凭证编号", "记账凭证号", "凭证字号", "凭证", "凭证号码"}, "凭证号");
  AddSynonyms(s, {"收款人", "收款方", "领款单位", "收款单位名称"}, "收款单位");
  AddSynonyms(s, {"款项类型", "付款性质", "支付类型", "款项类别", "支付性质"}, "款项性质");
  AddSynonyms(s, {"费用类型", "支出类别", "支出科目", "费用科目"}, "费用类别");
  AddSynonyms(s, {"工程名称", "项目", "项目(工程)名称", "工程项目名称", "工程项目"}, "项目名称");
  AddSynonyms(s, {"资金来源", "资金渠道", "资金来源名称", "资金名称"}, "来源名称");
  AddSynonyms(s, {"资金文号", "来源文号", "下达文号"}, "文号");
  AddSynonyms(s, {"合同号", "合同编码"}, "合同编号");
  AddSynonyms(s, {"施工单位", "中标单位", "合同乙方", "承包单位", "乙方单位"}, "乙方");
  AddSynonyms(s, {"合同价", "合同价款", "合同总价", "合同额"}, "合同金额");
  AddSynonyms(s, {"说明", "摘要"}, "备注");
  AddSynonyms(s, {"项目代码"}, "项目编号");
  AddSynonyms(s, {"项目计划", "计划批次", "建设计划", "批次"}, "项目批次");
  AddSynonyms(s, {"到位资金", "到位额"}, "到位金额");
  AddSynonyms(s, {"下达资金", "下达额"}, "下达金额");
  AddValues(s, "款项性质", {"工程款", "工程进度款", "进度"}, "进度款");
  AddValues(s, "款项性质", {"预付工程款", "预付"}, "预付款");
  AddValues(s, "款项性质", {"结算工程款", "结算"}, "结算款");
  AddValues(s, "款项性质", {"保修金", "质量保证金", "质保款"}, "质保金");
  AddValues(s, "款项性质", {"征地款", "征地补偿款"}, "征地补偿");
  AddValues(s, "费用类别", {"建安费", "建安工程费", "工程费", "建筑安装工程费", "建安"}, "建安工程");
  AddValues(s, "费用类别", {"征地款", "征地费", "征地拆迁费", "拆迁费"}, "征地拆迁");
  AddValues(s, "费用类别", {"设备费", "设备购置费"}, "设备购置");
  AddValues(s, "费用类别", {"前期费", "前期工作费", "前期工作经费"}, "前期费用");
  AddValues(s, "费用类别", {"其他"}, "其他费用");
  AddValues(s, "合同类型", {"施工合同"}, "施工");
  AddValues(s, "合同类型", {"监理合同"}, "监理");
  AddValues(s, "合同类型", {"设计合同"}, "设计");
  AddValues(s, "合同类型", {"设备", "设备采购合同"}, "设备采购");
  return s;
}

}  // namespace

// ---- synonyms and layouts --------------------------------------------------------------------

const Synonyms& Synonyms::BuiltIn() {
  static const Synonyms s = MakeBuiltIn();
  return s;
}

void Synonyms::Add(const Synonyms& other) {
  for (const auto& [k, v] : other.columns) columns[k] = v;
  for (const auto& [k, v] : other.values) values[k] = v;
}

namespace {
json::Value ParseJson(std::string_view text, std::string_view what) {
  try {
    // TRANSLATORS: %s names the JSON text (设置 import.synonyms, 映射文件 F).
    return json::Parse(text, Tr("%s不是有效的 JSON", std::string(what).c_str()));
  } catch (const Error& e) {
    Fail(ErrorCode::InvalidInput, e.detail());
  }
}

void ReadSynonyms(const json::Value& v, Synonyms& s, std::string_view what) {
  try {
    if (const json::Value* cols = v.Find("synonyms"))
      for (const auto& [k, t] : cols->AsObject()) s.columns[Normalize(k)] = t.AsString();
    if (const json::Value* values = v.Find("values"))
      for (const auto& [k, t] : values->AsObject()) {
        if (std::holds_alternative<std::string>(t.v)) {
          s.values[Normalize(k)] = t.AsString();
        } else {
          for (const auto& [from, to] : t.AsObject()) s.values[Normalize(k) + ":" + Normalize(from)] = to.AsString();
        }
      }
  } catch (const Error& e) {
    // TRANSLATORS: %s names the JSON text; "原词" is the county's word and "程序的词" the
    // program's (keep the JSON's keys synonyms and values as they are).
    Fail(ErrorCode::InvalidInput, Tr("%s的格式不对：synonyms 和 values 应为 {\"原词\": \"程序的词\"}", std::string(what).c_str()));
  }
}
}  // namespace

Synonyms Synonyms::FromJson(std::string_view text, std::string_view what) {
  Synonyms s;
  if (Trim(text).empty()) return s;
  ReadSynonyms(ParseJson(text, what), s, what);
  return s;
}

SheetLayout SheetLayout::FromJson(std::string_view text, std::string_view what) {
  SheetLayout l;
  json::Value v = ParseJson(text, what);
  try {
    if (const json::Value* s = v.Find("sheet")) l.sheet = s->AsString();
    if (const json::Value* t = v.Find("table")) {
      l.table = TableForName(t->AsString());
      if (!l.table)
        Fail(ErrorCode::InvalidInput, Tr("%s中的 table “%s”不是可导入的表", std::string(what).c_str(), t->AsString().c_str()));
    }
    if (const json::Value* r = v.Find("header_row")) l.headerRow = static_cast<size_t>(std::max<int64_t>(0, r->AsInt()));
    if (const json::Value* r = v.Find("header_rows")) l.headerRows = static_cast<size_t>(std::clamp<int64_t>(r->AsInt(), 0, 2));
    if (const json::Value* c = v.Find("columns"))
      for (const auto& [letter, target] : c->AsObject()) {
        std::string upper;
        for (char ch : letter) upper.push_back(static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch));
        l.columns[upper] = target.AsString();
      }
  } catch (const Error& e) {
    if (e.code() == ErrorCode::InvalidInput) throw;
    Fail(ErrorCode::InvalidInput, Tr("%s的格式不对：%s", std::string(what).c_str(), e.detail().c_str()));
  }
  ReadSynonyms(v, l.synonyms, what);
  return l;
}

std::string SheetLayout::ToJson() const {
  json::Writer w;
  w.BeginObject();
  if (!sheet.empty()) w.Key("sheet").String(sheet);
  if (table) w.Key("table").String(std::string(Spec(*table).file.substr(0, Spec(*table).file.size() - 4)));
  if (headerRow) w.Key("header_row").Int(static_cast<int64_t>(headerRow));
  if (headerRows) w.Key("header_rows").Int(static_cast<int64_t>(headerRows));
  w.Key("columns");
  w.BeginObject();
  for (const auto& [letter, target] : columns) w.Key(letter).String(target);
  w.EndObject();
  w.EndObject();
  return w.str();
}

// ---- matching -----------------------------------------------------------------------------------

std::optional<Table> TableForName(std::string_view name) {
  std::string n = Normalize(name);
  for (Table t : kTablesInOrder) {
    const TableSpec& s = Spec(t);
    if (n == Normalize(s.title)) return t;
    for (auto alias : s.names)
      if (n == Normalize(alias)) return t;
  }
  return std::nullopt;
}

FieldMatch MatchField(const TableSpec& spec, const Synonyms& synonyms, std::string_view header) {
  FieldMatch m;
  std::string base = StripUnit(Normalize(header), m.unit);
  if (base == "序号" || base == "序" || base == "no." || base == "no") {
    m.serial = true;
    return m;
  }
  auto direct = [&](const std::string& b) {
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      const ColumnSpec& c = spec.columns[i];
      if (b == Normalize(c.zh) || b == LowerAscii(std::string(c.en))) return static_cast<int>(i);
    }
    return -1;
  };
  auto lookup = [&](const std::string& b) {
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      const ColumnSpec& c = spec.columns[i];
      if ((c.en == "project" && IsProjectNameHeader(b)) || (c.en == "source" && IsSourceNameHeader(b))) {
        m.byName = true;
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  m.field = direct(base);
  if (m.field < 0) m.field = lookup(base);
  if (m.field < 0)
    if (auto it = synonyms.columns.find(base); it != synonyms.columns.end()) {
      std::string target = StripUnit(Normalize(it->second), m.unit);
      m.field = direct(target);
      if (m.field < 0) m.field = lookup(target);
    }
  return m;
}

// ---- the workbook ---------------------------------------------------------------------------------

FoundTables FindTables(const Workbook& book, std::string_view fileName, const FindOptions& options) {
  FoundTables out;
  std::vector<const Worksheet*> sheets;
  std::string wanted = !options.sheet.empty() ? options.sheet : options.layout ? options.layout->sheet : "";
  if (!wanted.empty()) {
    const Worksheet* s = FindSheet(book, wanted);
    if (!s) {
      std::vector<std::string> names;
      for (const auto& w : book.sheets) names.push_back(Tr("“%s”", w.name.c_str()));
      // TRANSLATORS: the sheet asked for, then the workbook's sheets.
      out.problems.push_back({0, "", Tr("工作簿中没有名为“%s”的工作表（有 %s）", wanted.c_str(), Join(names, Tr("、")).c_str())});
      return out;
    }
    sheets.push_back(s);
  } else {
    for (const auto& s : book.sheets) {
      if (s.hidden) {
        out.notes.push_back({0, "", Tr("工作表“%s”是隐藏的，没有导入（要导入它，请指定 --sheet %s）", s.name.c_str(), s.name.c_str())});
        continue;
      }
      sheets.push_back(&s);
    }
  }
  std::string stem = std::filesystem::path(std::string(fileName)).stem().string();
  std::optional<Table> fileTable = TableForName(stem);
  for (const Worksheet* sheet : sheets) {
    Synonyms synonyms = options.synonyms;
    const SheetLayout* layout = options.layout ? &*options.layout : nullptr;
    if (layout) synonyms.Add(layout->synonyms);
    Finder finder(book, *sheet, synonyms);
    std::optional<Table> hint = options.table ? options.table : layout && layout->table ? layout->table : std::nullopt;
    if (!hint) hint = TableForName(sheet->name);
    if (!hint && sheets.size() == 1) hint = fileTable;
    std::vector<Table> candidates = hint ? std::vector<Table>{*hint} : std::vector<Table>(kTablesInOrder.begin(), kTablesInOrder.end());
    std::vector<Candidate> complete;
    Candidate bestIncomplete;
    bool haveIncomplete = false;
    for (Table t : candidates) {
      Candidate c = finder.Best(t, layout);
      if (!layout && !c.table.signature.empty())
        if (auto it = options.remembered.find(c.table.signature); it != options.remembered.end()) {
          Finder again(book, *sheet, synonyms);
          c = again.Best(t, &it->second);
          c.table.notes.push_back({0, "", Tr("按上次为这种表格选定的列对应导入")});
        }
      if (c.missing.empty() && c.score >= 2) complete.push_back(std::move(c));
      else if (!haveIncomplete || c.score > bestIncomplete.score) bestIncomplete = std::move(c), haveIncomplete = true;
    }
    if (complete.empty()) {
      if (hint || !wanted.empty()) {
        Candidate& c = bestIncomplete;
        // TRANSLATORS: a table by its name (项目表), or any table the program can import.
        std::string what = hint ? Tr("%s表", Title(Spec(c.table.table)).c_str()) : Tr("可导入的表");
        out.problems.push_back({c.table.headerRow, "",
                                // TRANSLATORS: the sheet, the table looked for, then the required columns it lacks
                                // ("：缺少必需的列 …", or nothing).
                                Tr("工作表“%s”中找不到%s的表头%s（可用 --map 文件指明各列）", sheet->name.c_str(), what.c_str(),
                                   c.missing.empty() ? ""
                                                     : Tr("：缺少必需的列 %s", Join(c.missing, Tr("、")).c_str()).c_str())});
      } else {
        out.notes.push_back({0, "", Tr("工作表“%s”中没有认出可导入的表，跳过（可用 --sheet 和 --table 指定）", sheet->name.c_str())});
      }
      continue;
    }
    std::stable_sort(complete.begin(), complete.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (complete.size() > 1 && complete[0].score == complete[1].score) {
      std::vector<std::string> names;
      for (const auto& c : complete)
        if (c.score == complete[0].score) names.push_back(Title(Spec(c.table.table)));
      // TRANSLATORS: the sheet, then the tables it looks like, joined by "表，又像" (the
      // separator below).
      out.problems.push_back({0, "", Tr("工作表“%s”的列既像%s表；请用 --table 指定是哪一张", sheet->name.c_str(),
                                        Join(names, Tr("表，又像")).c_str())});
      continue;
    }
    SheetTable t = std::move(complete[0].table);
    finder.ReadRows(t);
    if (!sheet->mergesKnown)
      t.notes.push_back({0, "", Tr(".xls 文件中的合并单元格无法识别：合并的单元格只有第一行有值；如有合并的项目名称，请另存为 .xlsx 再导入")});
    out.tables.push_back(std::move(t));
  }
  if (out.tables.empty() && out.problems.empty()) {
    std::vector<std::string> names;
    for (Table t : kTablesInOrder) names.push_back(Title(Spec(t)));
    // TRANSLATORS: %s lists the tables the program can import.
    out.problems.push_back({0, "", Tr("工作簿中没有认出可导入的表（%s）：表头应含程序的列名或其同义词；可用 --table 指定表、--map 指明各列",
                                      Join(names, Tr("、")).c_str())});
  }
  return out;
}

}  // namespace sb::exchange
