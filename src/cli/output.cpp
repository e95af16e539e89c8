#include "cli/output.h"

#include <algorithm>

#include "core/error.h"
#include "core/text.h"

namespace sb::cli {

Format ParseFormat(const std::string& text) {
  if (text == "table") return Format::Table;
  if (text == "csv") return Format::Csv;
  if (text == "json") return Format::Json;
  Fail(ErrorCode::InvalidInput, "--format 只能是 table、csv 或 json，不能是“" + text + "”");
}

Cell TextCell(std::string s) { return {s, s, Cell::Kind::Text}; }
Cell MoneyCell(Money m) { return {m.FormatYuanPlain(), m.FormatWan(2, 4), Cell::Kind::Number}; }
Cell PercentCell(const std::optional<Percent>& p) {
  if (!p) return {"", "", Cell::Kind::Null};
  return {p->Format(), p->Format(), Cell::Kind::Number};
}
Cell IntCell(int64_t v) { return {std::to_string(v), std::to_string(v), Cell::Kind::Number}; }
Cell DateCell(const std::optional<Date>& d) {
  if (!d) return {"", "", Cell::Kind::Null};
  return TextCell(FormatDate(*d));
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void WriteTable(std::ostream& out, Format format, const std::vector<Column>& columns,
                const std::vector<Row>& rows) {
  if (format == Format::Csv) {
    for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i].key;
    out << "\n";
    for (const auto& r : rows) {
      for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << CsvQuote(r[i].machine);
      out << "\n";
    }
    return;
  }
  if (format == Format::Json) {
    out << "[";
    for (size_t k = 0; k < rows.size(); ++k) {
      out << (k ? ",\n " : "\n ") << "{";
      for (size_t i = 0; i < columns.size(); ++i) {
        const Cell& c = rows[k][i];
        out << (i ? ", " : "") << JsonString(columns[i].key) << ": ";
        if (c.kind == Cell::Kind::Null) out << "null";
        else if (c.kind == Cell::Kind::Number) out << c.machine;
        else out << JsonString(c.machine);
      }
      out << "}";
    }
    out << (rows.empty() ? "]\n" : "\n]\n");
    return;
  }
  // Right-aligned numbers line up on the decimal point: pad short fractions with spaces.
  auto fraction = [](const std::string& s) {
    auto dot = s.find('.');
    return dot == std::string::npos ? size_t(0) : s.size() - dot;
  };
  // Padded as written, not in a copy of the rows: a province's table has 75,829 of them.
  std::vector<size_t> maxFrac(columns.size());
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].right)
      for (const auto& r : rows) maxFrac[i] = std::max(maxFrac[i], fraction(r[i].human));
  auto padWidth = [&](const std::string& s, size_t i) {
    return columns[i].right && !s.empty() ? maxFrac[i] - fraction(s) : size_t(0);
  };
  std::vector<size_t> width(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    width[i] = DisplayWidth(columns[i].header);
    for (const auto& r : rows) width[i] = std::max(width[i], DisplayWidth(r[i].human) + padWidth(r[i].human, i));
  }
  auto emit = [&](size_t i, const std::string& s, size_t fractionPad, bool right) {
    std::string text = s + std::string(fractionPad, ' ');
    std::string pad(width[i] - DisplayWidth(text), ' ');
    out << (i ? "  " : "") << (right ? pad + text : (i + 1 == columns.size() ? text : text + pad));
  };
  for (size_t i = 0; i < columns.size(); ++i) emit(i, columns[i].header, 0, columns[i].right);
  out << "\n";
  for (size_t i = 0; i < columns.size(); ++i)
    out << (i ? "  " : "") << std::string(width[i], '-');
  out << "\n";
  for (const auto& r : rows) {
    for (size_t i = 0; i < columns.size(); ++i) emit(i, r[i].human, padWidth(r[i].human, i), columns[i].right);
    out << "\n";
  }
}

}  // namespace sb::cli
