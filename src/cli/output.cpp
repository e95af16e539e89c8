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
  WriteTable(out, format, columns, [&](const RowVisitor& visit) {
    for (const auto& r : rows) visit(r);
  });
}

void WriteTable(std::ostream& out, Format format, const std::vector<Column>& columns, const RowSource& rows) {
  if (format == Format::Csv) {
    for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i].key;
    out << "\n";
    rows([&](const Row& r) {
      for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << CsvQuote(r[i].machine);
      out << "\n";
    });
    return;
  }
  if (format == Format::Json) {
    out << "[";
    size_t k = 0;
    rows([&](const Row& r) {
      out << (k++ ? ",\n " : "\n ") << "{";
      for (size_t i = 0; i < columns.size(); ++i) {
        const Cell& c = r[i];
        out << (i ? ", " : "") << JsonString(columns[i].key) << ": ";
        if (c.kind == Cell::Kind::Null) out << "null";
        else if (c.kind == Cell::Kind::Number) out << c.machine;
        else out << JsonString(c.machine);
      }
      out << "}";
    });
    out << (k == 0 ? "]\n" : "\n]\n");
    return;
  }
  // Right-aligned numbers line up on the decimal point: pad short fractions with spaces.
  auto fraction = [](const std::string& s) {
    auto dot = s.find('.');
    return dot == std::string::npos ? size_t(0) : s.size() - dot;
  };
  // One pass for the widths: a right-aligned column is as wide as its widest part before
  // the point plus its longest fraction.
  std::vector<size_t> maxFrac(columns.size()), beforePoint(columns.size()), width(columns.size());
  rows([&](const Row& r) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string& h = r[i].human;
      if (columns[i].right && !h.empty()) {
        maxFrac[i] = std::max(maxFrac[i], fraction(h));
        beforePoint[i] = std::max(beforePoint[i], DisplayWidth(h) - fraction(h));
      } else {
        width[i] = std::max(width[i], DisplayWidth(h));
      }
    }
  });
  for (size_t i = 0; i < columns.size(); ++i) {
    width[i] = std::max(width[i], DisplayWidth(columns[i].header));
    if (columns[i].right && beforePoint[i] + maxFrac[i] > 0) width[i] = std::max(width[i], beforePoint[i] + maxFrac[i]);
  }
  auto padWidth = [&](const std::string& s, size_t i) {
    return columns[i].right && !s.empty() ? maxFrac[i] - fraction(s) : size_t(0);
  };
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
  rows([&](const Row& r) {
    for (size_t i = 0; i < columns.size(); ++i) emit(i, r[i].human, padWidth(r[i].human, i), columns[i].right);
    out << "\n";
  });
}

}  // namespace sb::cli
