#pragma once
// A small .xlsx writer for the test suite (libzip, the library the reader uses): sheets of
// cells written the way Excel and WPS store them — shared strings, inline strings, numbers
// as raw <v> text (so "356.7823" is exactly what Excel writes for 356.7823 shown as 356.78),
// serial dates with a date format, percentages, formulas with or without a cached value,
// merged ranges, hidden rows and sheets, the 1904 date system.
#include <zip.h>

#include <deque>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "exchange/workbook.h"

namespace sb::test {

struct XCell {
  enum class Kind { Text, Inline, Number, Date, Percent, Money2, Formula, Bool, Error };
  Kind kind = Kind::Text;
  std::string value;    ///< text, or the raw number text for <v>
  std::string formula;  ///< Formula: the formula; value = cached result ("" = none)
  XCell(const char* text) : kind(Kind::Text), value(text) {}  // NOLINT: cells read like a row
  XCell(std::string text) : kind(Kind::Text), value(std::move(text)) {}  // NOLINT
  XCell(Kind k, std::string v, std::string f = "") : kind(k), value(std::move(v)), formula(std::move(f)) {}
};
/// A number as Excel stores it: the raw text of <v>.
inline XCell N(std::string raw) { return {XCell::Kind::Number, std::move(raw)}; }
/// A number shown with two decimals (format 0.00): the stored value may have more.
inline XCell N2(std::string raw) { return {XCell::Kind::Money2, std::move(raw)}; }
/// A serial day number with the date format yyyy-mm-dd.
inline XCell D(std::string serial) { return {XCell::Kind::Date, std::move(serial)}; }
/// A fraction shown as a percentage (0.93 → 93%).
inline XCell P(std::string raw) { return {XCell::Kind::Percent, std::move(raw)}; }
inline XCell F(std::string formula, std::string cached) { return {XCell::Kind::Formula, std::move(cached), std::move(formula)}; }
inline XCell Inline(std::string text) { return {XCell::Kind::Inline, std::move(text)}; }
inline XCell E(std::string error) { return {XCell::Kind::Error, std::move(error)}; }
inline XCell Blank() { return {XCell::Kind::Text, ""}; }

class XlsxWriter {
 public:
  struct Sheet {
    std::string name;
    bool hidden = false;
    std::map<size_t, std::vector<XCell>> rows;  // 1-based row → cells from column A
    std::vector<std::string> merges;
    std::vector<size_t> hiddenRows;
    Sheet& Row(size_t r, std::vector<XCell> cells) {
      rows[r] = std::move(cells);
      return *this;
    }
    Sheet& Merge(std::string range) {
      merges.push_back(std::move(range));
      return *this;
    }
    Sheet& HideRow(size_t r) {
      hiddenRows.push_back(r);
      return *this;
    }
  };
  bool date1904 = false;
  Sheet& AddSheet(std::string name) {
    sheets_.push_back(Sheet{std::move(name)});
    return sheets_.back();
  }

  void Save(const std::string& path) const {
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z) throw std::runtime_error("zip_open failed");
    std::vector<std::string> shared;
    std::map<std::string, size_t> sharedIndex;
    auto sharedOf = [&](const std::string& s) {
      auto [it, fresh] = sharedIndex.emplace(s, shared.size());
      if (fresh) shared.push_back(s);
      return it->second;
    };
    std::vector<std::string> sheetXml;
    for (const auto& s : sheets_) {
      std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData>";
      for (const auto& [r, cells] : s.rows) {
        bool hidden = false;
        for (size_t h : s.hiddenRows) hidden |= h == r;
        x += "<row r=\"" + std::to_string(r) + "\"" + (hidden ? " hidden=\"1\"" : "") + ">";
        for (size_t c = 0; c < cells.size(); ++c) {
          const XCell& cell = cells[c];
          std::string ref = exchange::ColumnLetter(c) + std::to_string(r);
          switch (cell.kind) {
            case XCell::Kind::Text:
              if (cell.value.empty()) break;
              x += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(sharedOf(cell.value)) + "</v></c>";
              break;
            case XCell::Kind::Inline:
              x += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + Escape(cell.value) + "</t></is></c>";
              break;
            case XCell::Kind::Number: x += "<c r=\"" + ref + "\"><v>" + cell.value + "</v></c>"; break;
            case XCell::Kind::Date: x += "<c r=\"" + ref + "\" s=\"1\"><v>" + cell.value + "</v></c>"; break;
            case XCell::Kind::Percent: x += "<c r=\"" + ref + "\" s=\"2\"><v>" + cell.value + "</v></c>"; break;
            case XCell::Kind::Money2: x += "<c r=\"" + ref + "\" s=\"3\"><v>" + cell.value + "</v></c>"; break;
            case XCell::Kind::Formula:
              x += "<c r=\"" + ref + "\" s=\"3\"><f>" + Escape(cell.formula) + "</f>" +
                   (cell.value.empty() ? "" : "<v>" + cell.value + "</v>") + "</c>";
              break;
            case XCell::Kind::Bool: x += "<c r=\"" + ref + "\" t=\"b\"><v>" + cell.value + "</v></c>"; break;
            case XCell::Kind::Error: x += "<c r=\"" + ref + "\" t=\"e\"><v>" + cell.value + "</v></c>"; break;
          }
        }
        x += "</row>";
      }
      x += "</sheetData>";
      if (!s.merges.empty()) {
        x += "<mergeCells count=\"" + std::to_string(s.merges.size()) + "\">";
        for (const auto& m : s.merges) x += "<mergeCell ref=\"" + m + "\"/>";
        x += "</mergeCells>";
      }
      x += "</worksheet>";
      sheetXml.push_back(std::move(x));
    }
    std::string sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
                      std::to_string(shared.size()) + "\" uniqueCount=\"" + std::to_string(shared.size()) + "\">";
    for (const auto& s : shared) sst += "<si><t xml:space=\"preserve\">" + Escape(s) + "</t></si>";
    sst += "</sst>";

    std::string types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
    for (size_t i = 0; i < sheets_.size(); ++i)
      types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
               ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
    types += "</Types>";
    std::string rootRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                           "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                           "</Relationships>";
    std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    if (date1904) workbook += "<workbookPr date1904=\"1\"/>";
    workbook += "<sheets>";
    std::string wbRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (size_t i = 0; i < sheets_.size(); ++i) {
      std::string n = std::to_string(i + 1);
      workbook += "<sheet name=\"" + Escape(sheets_[i].name) + "\" sheetId=\"" + n + "\"" +
                  (sheets_[i].hidden ? " state=\"hidden\"" : "") + " r:id=\"rId" + n + "\"/>";
      wbRels += "<Relationship Id=\"rId" + n +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" +
                n + ".xml\"/>";
    }
    size_t next = sheets_.size() + 1;
    wbRels += "<Relationship Id=\"rId" + std::to_string(next) +
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
              "<Relationship Id=\"rId" + std::to_string(next + 1) +
              "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
              "</Relationships>";
    workbook += "</sheets></workbook>";
    std::string styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                         "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
                         "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
                         "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                         "<borders count=\"1\"><border/></borders>"
                         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
                         "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
                         "<xf numFmtId=\"9\" applyNumberFormat=\"1\"/><xf numFmtId=\"2\" applyNumberFormat=\"1\"/></cellXfs>"
                         "</styleSheet>";
    Add(z, "[Content_Types].xml", types);
    Add(z, "_rels/.rels", rootRels);
    Add(z, "xl/workbook.xml", workbook);
    Add(z, "xl/_rels/workbook.xml.rels", wbRels);
    Add(z, "xl/styles.xml", styles);
    Add(z, "xl/sharedStrings.xml", sst);
    for (size_t i = 0; i < sheetXml.size(); ++i) Add(z, "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheetXml[i]);
    if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
    kept_.clear();
  }

 private:
  static std::string Escape(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '&') out += "&amp;";
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '"') out += "&quot;";
      else out.push_back(c);
    }
    return out;
  }
  void Add(zip_t* z, const std::string& name, const std::string& bytes) const {
    kept_.push_back(bytes);  // libzip reads the buffer at zip_close
    zip_source_t* src = zip_source_buffer(z, kept_.back().data(), kept_.back().size(), 0);
    if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0)
      throw std::runtime_error("zip_file_add failed");
  }
  std::vector<Sheet> sheets_;
  mutable std::deque<std::string> kept_;
};

}  // namespace sb::test
