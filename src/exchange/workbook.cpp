#include "exchange/workbook.h"

#include <freexl.h>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/error.h"
#include "core/translate.h"

namespace sb::exchange {

namespace {

const WorkbookCell kEmptyCell{};

[[noreturn]] void Refuse(const std::string& why) { Fail(ErrorCode::InvalidInput, why); }

constexpr std::string_view kCfbMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// An OOXML file saved with a password is a compound file (CFB) holding the streams
// EncryptionInfo and EncryptedPackage; their directory entries are UTF-16LE names.
bool HoldsStreamName(std::string_view bytes, std::string_view ascii) {
  std::string utf16;
  for (char c : ascii) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  return bytes.find(utf16) != std::string_view::npos;
}

const char* kPasswordRefusal =
    // Tr() where refused. TRANSLATORS: "文件 → 信息 → 保护工作簿 → 用密码进行加密" is Excel's
    // menu path File → Info → Protect Workbook → Encrypt with Password.
    TrNoop("这个工作簿设置了打开密码（已加密），程序不能读取；请在 Excel 或 WPS 中打开，"
           "去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存，再导入");

// ---- zip ----------------------------------------------------------------------------

class Zip {
 public:
  explicit Zip(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
      zip_error_fini(&error);
      Refuse(Tr("无法读取工作簿（内存不足）"));
    }
    archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive_) {
      zip_source_free(source);
      std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      // TRANSLATORS: %s is libzip's reason (in English).
      Refuse(Tr("文件不是完整的 .xlsx 工作簿（压缩包已损坏或不完整：%s）；请在 Excel 或 WPS 中重新另存为 .xlsx", why.c_str()));
    }
    zip_error_fini(&error);
  }
  ~Zip() {
    if (archive_) zip_discard(archive_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  bool Has(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0; }

  /// The decompressed part; nullopt when missing.
  std::optional<std::string> Read(const std::string& name) const {
    zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    // TRANSLATORS: a part of the workbook (xl/worksheets/sheet1.xml), then libzip's reason.
    if (!file) Refuse(Tr("工作簿中的“%s”无法解压：%s", name.c_str(), zip_strerror(archive_)));
    std::string out;
    char buffer[1 << 16];
    for (;;) {
      zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0) {
        std::string why = zip_file_strerror(file);
        zip_fclose(file);
        Refuse(Tr("工作簿中的“%s”已损坏（%s）", name.c_str(), why.c_str()));
      }
      if (n == 0) break;
      if (out.size() + static_cast<size_t>(n) > kMaxWorkbookPartBytes) {
        zip_fclose(file);
        // TRANSLATORS: a part of the workbook, then the most it may hold in MB.
        Refuse(Tr("工作簿中的“%s”解压后超过 %zu MB，不像是台账，不读取", name.c_str(), kMaxWorkbookPartBytes >> 20));
      }
      out.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
    return out;
  }

 private:
  zip_t* archive_ = nullptr;
};

// ---- XML helpers (names compared without their namespace prefix) ------------------------

std::string_view LocalName(const char* name) {
  std::string_view s(name);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children())
    if (c.type() == pugi::node_element && LocalName(c.name()) == name) return c;
  return {};
}

template <class F> void ForChildren(pugi::xml_node node, std::string_view name, F&& f) {
  for (pugi::xml_node c : node.children())
    if (c.type() == pugi::node_element && LocalName(c.name()) == name) f(c);
}

pugi::xml_attribute Attr(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes())
    if (LocalName(a.name()) == name) return a;
  return {};
}

// OOXML writes characters XML cannot hold as _xHHHH_ (ECMA-376 §22.9.2.19).
std::string DecodeEscapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (i + 7 <= s.size() && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned v = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, v, 16);
      if (ec == std::errc() && p == s.data() + i + 6) {
        if (v < 0x80) {
          out.push_back(static_cast<char>(v));
        } else if (v < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (v >> 6)));
          out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (v >> 12)));
          out.push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
        }
        i += 7;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// A shared or inline string: <t> directly, or the runs' <t>s; phonetic runs left out.
std::string StringItem(pugi::xml_node si) {
  std::string text;
  for (pugi::xml_node c : si.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view n = LocalName(c.name());
    if (n == "t") text += c.text().get();
    else if (n == "r") text += Child(c, "t").text().get();
  }
  return DecodeEscapes(std::move(text));
}

pugi::xml_document ParseXml(const std::string& name, const std::string& text) {
  pugi::xml_document doc;
  pugi::xml_parse_result r =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  // TRANSLATORS: a part of the workbook, pugixml's reason (in English), then the offset.
  if (!r) Refuse(Tr("工作簿中的“%s”不是有效的 XML（%s，位置 %s）", name.c_str(), r.description(),
                    std::to_string(r.offset).c_str()));
  return doc;
}

// "xl/worksheets/sheet1.xml" from a relationship target relative to "xl/workbook.xml".
std::string ResolveTarget(const std::string& base, std::string target) {
  if (StartsWith(target, "/")) return target.substr(1);
  std::string dir = base.substr(0, base.rfind('/') + 1);
  std::string path = dir + target;
  // Collapse "a/../b".
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string RelsPathOf(const std::string& part) {
  size_t slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + file + ".rels";
}

std::map<std::string, std::string> Relationships(const Zip& zip, const std::string& part) {
  std::map<std::string, std::string> out;
  std::string relsPath = RelsPathOf(part);
  auto text = zip.Read(relsPath);
  if (!text) return out;
  auto doc = ParseXml(relsPath, *text);
  ForChildren(Child(doc, "Relationships"), "Relationship", [&](pugi::xml_node r) {
    out[Attr(r, "Id").value()] = ResolveTarget(part, Attr(r, "Target").value());
  });
  return out;
}

// "B12" → (11, 1); false when it is no cell reference.
bool ParseCellRef(std::string_view ref, uint32_t& row, uint32_t& column) {
  size_t i = 0;
  uint64_t c = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    c = c * 26 + static_cast<uint64_t>((ref[i] | 0x20) - 'a' + 1);
    if (c > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  uint64_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<uint64_t>(ref[i] - '0');
    if (r > 1048576) return false;
  }
  if (r == 0) return false;
  row = static_cast<uint32_t>(r - 1);
  column = static_cast<uint32_t>(c - 1);
  return true;
}

bool ParseDouble(std::string_view s, double& v) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

// Text of a number format with quoted literals, escapes and [brackets] removed.
std::string FormatSkeleton(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    char ch = code[i];
    if (ch == '"') {
      size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (ch == '\\' || ch == '_' || ch == '*') {
      ++i;
    } else if (ch == '[') {
      size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

bool IsPercentFormat(int id, std::string_view code) {
  if (id == 9 || id == 10) return true;
  return FormatSkeleton(code).find('%') != std::string::npos;
}

struct Styles {
  std::vector<bool> date, percent;  // per cellXfs index
};

Styles ReadStyles(const Zip& zip, const std::string& path) {
  Styles s;
  auto text = zip.Read(path);
  if (!text) return s;
  auto doc = ParseXml(path, *text);
  pugi::xml_node root = Child(doc, "styleSheet");
  std::unordered_map<int, std::string> formats;
  ForChildren(Child(root, "numFmts"), "numFmt", [&](pugi::xml_node f) {
    formats[Attr(f, "numFmtId").as_int()] = Attr(f, "formatCode").value();
  });
  ForChildren(Child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    int id = Attr(xf, "numFmtId").as_int();
    auto it = formats.find(id);
    std::string code = it == formats.end() ? "" : it->second;
    s.date.push_back(IsDateFormat(id, code));
    s.percent.push_back(IsPercentFormat(id, code));
  });
  return s;
}

void ReadSheet(const Zip& zip, const std::string& path, const std::vector<std::string>& shared,
               const Styles& styles, Worksheet& sheet, size_t& cells) {
  auto text = zip.Read(path);
  if (!text) Refuse(Tr("工作簿缺少工作表“%s”的内容（%s）；文件不完整", sheet.name.c_str(), path.c_str()));
  auto doc = ParseXml(path, *text);
  text.reset();
  pugi::xml_node root = Child(doc, "worksheet");
  uint32_t nextRow = 0;
  ForChildren(Child(root, "sheetData"), "row", [&](pugi::xml_node row) {
    uint32_t r = nextRow;
    if (pugi::xml_attribute a = Attr(row, "r")) {
      unsigned v = a.as_uint();
      if (v == 0 || v > 1048576) Refuse(Tr("工作表“%s”中的行号“%s”无效", sheet.name.c_str(), a.value()));
      r = v - 1;
    }
    nextRow = r + 1;
    if (sheet.rows.size() <= r) {
      sheet.rows.resize(r + 1);
      sheet.hiddenRows.resize(r + 1, false);
    }
    sheet.hiddenRows[r] = Attr(row, "hidden").as_bool();
    auto& cellsOfRow = sheet.rows[r];
    uint32_t nextColumn = 0;
    ForChildren(row, "c", [&](pugi::xml_node c) {
      uint32_t cr = r, cc = nextColumn;
      if (pugi::xml_attribute ref = Attr(c, "r"))
        if (!ParseCellRef(ref.value(), cr, cc) || cr != r)
          Refuse(Tr("工作表“%s”中的单元格引用“%s”无效", sheet.name.c_str(), ref.value()));
      nextColumn = cc + 1;
      if (++cells > kMaxWorkbookCells) Refuse(Tr("工作簿的单元格超过 2000 万个，不像是台账，不读取"));
      WorkbookCell cell;
      std::string_view type = Attr(c, "t").value();
      pugi::xml_node v = Child(c, "v");
      cell.formula = static_cast<bool>(Child(c, "f"));
      std::string value = v ? v.text().get() : "";
      if (type == "inlineStr") {
        cell.kind = WorkbookCell::Kind::Text;
        cell.text = StringItem(Child(c, "is"));
      } else if (!v) {
        cell.noCachedValue = cell.formula;
      } else if (type == "s") {
        unsigned index = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc() || index >= shared.size())
          // TRANSLATORS: the sheet, then a cell (B7).
          Refuse(Tr("工作表“%s”的单元格 %s 引用了不存在的共享字符串；文件已损坏", sheet.name.c_str(),
                    (ColumnLetter(cc) + std::to_string(r + 1)).c_str()));
        cell.kind = WorkbookCell::Kind::Text;
        cell.text = shared[index];
      } else if (type == "str") {
        cell.kind = WorkbookCell::Kind::Text;
        cell.text = DecodeEscapes(value);
      } else if (type == "b") {
        cell.kind = WorkbookCell::Kind::Bool;
        cell.text = value == "1" || value == "true" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        cell.kind = WorkbookCell::Kind::Error;
        cell.text = value;
      } else if (type == "d") {
        cell.kind = WorkbookCell::Kind::Text;  // ISO 8601 text; the date reader takes it
        cell.text = value.substr(0, 10);
      } else {
        double d = 0;
        if (!ParseDouble(value, d))
          // TRANSLATORS: the sheet, a cell (B7), then the number it holds.
          Refuse(Tr("工作表“%s”的单元格 %s 的数值“%s”无效；文件已损坏", sheet.name.c_str(),
                    (ColumnLetter(cc) + std::to_string(r + 1)).c_str(), value.substr(0, 40).c_str()));
        cell.kind = WorkbookCell::Kind::Number;
        cell.number = d;
        unsigned s = Attr(c, "s").as_uint();
        if (s < styles.date.size()) {
          cell.date = styles.date[s];
          cell.percent = styles.percent[s];
        }
      }
      if (cellsOfRow.size() <= cc) cellsOfRow.resize(cc + 1);
      cellsOfRow[cc] = std::move(cell);
    });
  });
  ForChildren(Child(root, "mergeCells"), "mergeCell", [&](pugi::xml_node m) {
    std::string_view ref = Attr(m, "ref").value();
    size_t colon = ref.find(':');
    MergedRange range;
    if (colon == std::string_view::npos ||
        !ParseCellRef(ref.substr(0, colon), range.firstRow, range.firstColumn) ||
        !ParseCellRef(ref.substr(colon + 1), range.lastRow, range.lastColumn) ||
        range.lastRow < range.firstRow || range.lastColumn < range.firstColumn)
      return;  // a range nobody can read covers nothing
    sheet.merges.push_back(range);
  });
}

// ---- civil dates ------------------------------------------------------------------------

// Days since 1970-01-01 → y/m/d (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

// ---- Worksheet ----------------------------------------------------------------------------

size_t Worksheet::ColumnCount() const {
  size_t n = 0;
  for (const auto& r : rows) n = std::max(n, r.size());
  for (const auto& m : merges) n = std::max(n, static_cast<size_t>(m.lastColumn) + 1);
  return n;
}

const WorkbookCell& Worksheet::Stored(size_t r, size_t c) const {
  if (r >= rows.size() || c >= rows[r].size()) return kEmptyCell;
  return rows[r][c];
}

const MergedRange* Worksheet::MergeAt(size_t r, size_t c) const {
  for (const auto& m : merges)
    if (m.Covers(static_cast<uint32_t>(r), static_cast<uint32_t>(c))) return &m;
  return nullptr;
}

const WorkbookCell& Worksheet::At(size_t r, size_t c) const {
  if (const MergedRange* m = MergeAt(r, c)) return Stored(m->firstRow, m->firstColumn);
  return Stored(r, c);
}

// ---- helpers --------------------------------------------------------------------------------

std::string ColumnLetter(size_t column) {
  std::string s;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

std::string ShortestDecimal(double v) {
  if (!std::isfinite(v)) return "";
  if (v == 0) return "0";
  char buffer[400];
  auto [p, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
  if (ec != std::errc()) return "";
  return std::string(buffer, p);
}

std::optional<std::string> SerialToIsoDate(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return std::nullopt;
  int64_t day = static_cast<int64_t>(std::floor(serial));
  int64_t days1970;
  if (date1904) {
    days1970 = day - 24107;  // 1904-01-01 is day -24107 of 1970
  } else {
    if (day < 1 || day == 60) return std::nullopt;  // 1900-01-00 and the phantom 1900-02-29
    days1970 = day - (day < 60 ? 25568 : 25569);
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days1970, y, m, d);
  if (y < 1900 || y > 9999) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return std::string(buffer);
}

bool IsDateFormat(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return true;
  if (code.empty()) return false;
  std::string skeleton = FormatSkeleton(code);
  std::string lower;
  for (char c : skeleton) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  if (lower.find("general") != std::string::npos) return false;
  return lower.find_first_of("ymdhs") != std::string::npos ||
         lower.find("年") != std::string::npos || lower.find("月") != std::string::npos ||
         lower.find("日") != std::string::npos;
}

bool IsWorkbookFileName(std::string_view name) {
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  for (std::string_view ext : {".xlsx", ".xlsm", ".xls"})
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) return true;
  return false;
}

// ---- .xlsx ------------------------------------------------------------------------------------

Workbook ReadXlsx(std::string_view bytes) {
  if (StartsWith(bytes, kCfbMagic)) {
    if (HoldsStreamName(bytes, "EncryptedPackage") || HoldsStreamName(bytes, "EncryptionInfo"))
      Refuse(Tr(kPasswordRefusal));
    Refuse(Tr("这是 .xls（Excel 97–2003）格式的文件，不是 .xlsx"));
  }
  if (!StartsWith(bytes, "PK"))
    Refuse(Tr("文件不是 .xlsx 工作簿（不是 zip 压缩包）；请在 Excel 或 WPS 中另存为 .xlsx"));
  Zip zip(bytes);
  std::string workbookPath = "xl/workbook.xml";
  for (const auto& [id, target] : Relationships(zip, "")) {
    (void)id;
    if (target.size() > 13 && target.compare(target.size() - 13, 13, "/workbook.xml") == 0) workbookPath = target;
  }
  auto wbText = zip.Read(workbookPath);
  if (!wbText)
    Refuse(Tr("压缩包里没有 Excel 工作簿（缺少 %s）；这不是 .xlsx 文件", workbookPath.c_str()));
  Workbook book;
  book.format = "xlsx";
  auto wbDoc = ParseXml(workbookPath, *wbText);
  pugi::xml_node wb = Child(wbDoc, "workbook");
  book.date1904 = Attr(Child(wb, "workbookPr"), "date1904").as_bool();
  auto rels = Relationships(zip, workbookPath);

  std::vector<std::string> shared;
  std::string sharedPath = "xl/sharedStrings.xml", stylesPath = "xl/styles.xml";
  for (const auto& [id, target] : rels) {
    (void)id;
    if (target.find("sharedStrings") != std::string::npos) sharedPath = target;
    if (target.find("styles") != std::string::npos) stylesPath = target;
  }
  if (auto text = zip.Read(sharedPath)) {
    auto doc = ParseXml(sharedPath, *text);
    text.reset();
    ForChildren(Child(doc, "sst"), "si", [&](pugi::xml_node si) { shared.push_back(StringItem(si)); });
  }
  Styles styles = ReadStyles(zip, stylesPath);

  size_t cells = 0;
  ForChildren(Child(wb, "sheets"), "sheet", [&](pugi::xml_node s) {
    Worksheet sheet;
    sheet.name = Attr(s, "name").value();
    std::string_view state = Attr(s, "state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    auto it = rels.find(Attr(s, "id").value());
    if (it == rels.end()) Refuse(Tr("工作表“%s”在工作簿中找不到它的内容；文件已损坏", sheet.name.c_str()));
    if (it->second.find("chartsheet") != std::string::npos) return;  // a chart, no cells
    ReadSheet(zip, it->second, shared, styles, sheet, cells);
    book.sheets.push_back(std::move(sheet));
  });
  if (book.sheets.empty()) Refuse(Tr("工作簿里没有工作表"));
  return book;
}

// ---- .xls -----------------------------------------------------------------------------------

Workbook ReadXls(const std::string& path) {
  const void* handle = nullptr;
  int rc = freexl_open(path.c_str(), &handle);
  struct Closer {
    const void*& h;
    ~Closer() {
      if (h) freexl_close(h);
    }
  } closer{handle};
  if (rc != FREEXL_OK) {
    if (rc == FREEXL_FILE_NOT_FOUND) Refuse(Tr("无法打开文件"));
    if (rc == FREEXL_INSUFFICIENT_MEMORY) Refuse(Tr("内存不足，无法读取 .xls 文件"));
    // TRANSLATORS: %d is libfreexl's error code.
    Refuse(Tr("文件不是完整的 .xls 工作簿（已损坏，libfreexl 错误 %d）；请在 Excel 或 WPS 中重新另存", rc));
  }
  // libfreexl opens a password-protected (FILEPASS) workbook "successfully" with no handle.
  if (!handle) Refuse(Tr(kPasswordRefusal));
  unsigned info = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
    Refuse(Tr(kPasswordRefusal));
  Workbook book;
  book.format = "xls";
  if (freexl_get_info(handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK) book.date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  unsigned count = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
    Refuse(Tr("工作簿里没有工作表"));
  size_t cells = 0;
  for (unsigned s = 0; s < count; ++s) {
    Worksheet sheet;
    sheet.mergesKnown = false;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(handle, static_cast<unsigned short>(s), &name) == FREEXL_OK && name) sheet.name = name;
    if (freexl_select_active_worksheet(handle, static_cast<unsigned short>(s)) != FREEXL_OK)
      Refuse(Tr("工作表“%s”无法读取；文件已损坏", sheet.name.c_str()));
    unsigned rows = 0;
    unsigned short columns = 0;
    if (freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK)
      Refuse(Tr("工作表“%s”无法读取；文件已损坏", sheet.name.c_str()));
    if (static_cast<size_t>(rows) * columns > kMaxWorkbookCells)
      Refuse(Tr("工作簿的单元格超过 2000 万个，不像是台账，不读取"));
    sheet.rows.resize(rows);
    sheet.hiddenRows.assign(rows, false);
    for (unsigned r = 0; r < rows; ++r) {
      auto& row = sheet.rows[r];
      for (unsigned short c = 0; c < columns; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(handle, r, c, &v) != FREEXL_OK) continue;
        WorkbookCell cell;
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.kind = WorkbookCell::Kind::Number;
            cell.number = v.value.int_value;
            break;
          case FREEXL_CELL_DOUBLE:
            cell.kind = WorkbookCell::Kind::Number;
            cell.number = v.value.double_value;
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
          case FREEXL_CELL_TIME:
            cell.kind = WorkbookCell::Kind::Text;
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
            cell.kind = WorkbookCell::Kind::Text;  // "YYYY-MM-DD[ HH:MM:SS]": the day is what counts
            cell.text = std::string(v.value.text_value ? v.value.text_value : "").substr(0, 10);
            break;
          default:
            continue;
        }
        ++cells;
        if (row.size() <= c) row.resize(c + 1u);
        row[c] = std::move(cell);
      }
    }
    (void)cells;
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

Workbook ReadWorkbookFile(const std::string& path) {
  std::ifstream f(std::filesystem::path(path), std::ios::binary);
  if (!f) Refuse(Tr("无法打开文件"));
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (!f.good() && !f.eof()) Refuse(Tr("无法读取文件"));
  if (bytes.empty()) Refuse(Tr("文件是空的（0 字节）"));
  if (StartsWith(bytes, kCfbMagic)) {
    if (HoldsStreamName(bytes, "EncryptedPackage") || HoldsStreamName(bytes, "EncryptionInfo"))
      Refuse(Tr(kPasswordRefusal));
    bytes.clear();
    return ReadXls(path);
  }
  return ReadXlsx(bytes);
}

}  // namespace sb::exchange
