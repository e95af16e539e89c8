#include "exchange/csv.h"

#include "core/text.h"
#include "core/translate.h"

namespace sb::exchange {

bool CsvRecord::IsBlank() const {
  for (const auto& c : cells)
    if (!Trim(c.text).empty()) return false;
  return true;
}

bool CsvReader::Next(CsvRecord& rec, std::vector<CsvSyntaxError>& errors) {
  const std::string_view s = s_;
  size_t& i = i_;
  size_t& line = line_;
  const size_t n = s.size();
  if (i >= n) return false;
  rec.line = line;
  rec.cells.clear();
  rec.cells.reserve(width_);
  size_t field = 0;         // fields read so far in this record, empty ones included
  size_t pendingEmpty = 0;  // empty fields not stored yet: stored only if a value follows
  bool endOfRecord = false;
  while (!endOfRecord) {
    CsvCell cell;
    ++field;
    if (i < n && s[i] == '"') {
      cell.quoted = true;
      size_t startLine = line;
      ++i;
      bool closed = false;
      while (i < n) {
        char c = s[i];
        if (c == '"') {
          if (i + 1 < n && s[i + 1] == '"') {
            cell.text.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (c == '\n') ++line;
        cell.text.push_back(c);
        ++i;
      }
      if (!closed) {
        errors.push_back({startLine, field,
                          Tr("引号没有结束（从这一行开始的带引号字段一直到文件末尾都没有闭合的引号）")});
      } else if (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
        // Text after the closing quote: keep it, but say so — the cell is ambiguous.
        errors.push_back({line, field, Tr("引号后面还有字符；字段里的引号要写成两个（\"\"）")});
        while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') cell.text.push_back(s[i++]);
      }
    } else {
      size_t start = i;
      while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') ++i;
      cell.text.assign(s.substr(start, i - start));
    }
    if (cell.text.empty()) {
      ++pendingEmpty;
    } else {
      rec.cells.resize(rec.cells.size() + pendingEmpty);
      pendingEmpty = 0;
      rec.cells.push_back(std::move(cell));
    }
    if (i >= n) {
      endOfRecord = true;
    } else if (s[i] == ',') {
      ++i;
    } else {
      // CRLF, LF or a lone CR ends the record.
      if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ++i;
      ++i;
      ++line;
      endOfRecord = true;
    }
  }
  width_ = rec.cells.size();
  return true;
}

CsvDocument ParseCsv(std::string_view s) {
  CsvDocument doc;
  CsvReader reader(s);
  for (CsvRecord rec; reader.Next(rec, doc.errors);) doc.records.push_back(std::move(rec));
  return doc;
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += CsvQuote(fields[i]);
  }
  out += "\r\n";
}

namespace {
bool StartsFormula(const std::string& text, size_t from) {
  size_t i = text.find_first_not_of('\'', from);
  if (i == std::string::npos) return false;
  switch (text[i]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}
}  // namespace

std::string GuardFormula(std::string text) {
  if (StartsFormula(text, 0)) text.insert(text.begin(), '\'');
  return text;
}

std::string UnguardFormula(std::string text) {
  if (!text.empty() && text[0] == '\'' && StartsFormula(text, 1)) text.erase(0, 1);
  return text;
}

}  // namespace sb::exchange
