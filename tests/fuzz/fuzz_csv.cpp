// ParseCsv on any bytes (after the decoding the import does): never throws; a document
// without syntax errors, written again with AppendCsvRecord, reads back to the same cells.
#include <cstdint>

#include "core/error.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "fuzz_support.h"

using namespace sb::exchange;

namespace {

std::string Describe(const CsvRecord& r) {
  std::string s = "line " + std::to_string(r.line) + ":";
  for (const auto& c : r.cells) s += " [" + c.text + "]";
  return s;
}

void CheckRoundTrip(const CsvDocument& doc) {
  for (size_t i = 1; i < doc.records.size(); ++i)
    SB_FUZZ_CHECK(doc.records[i].line > doc.records[i - 1].line, Describe(doc.records[i]));
  if (!doc.errors.empty()) return;
  std::string written;
  for (const auto& r : doc.records) {
    std::vector<std::string> fields;
    for (const auto& c : r.cells) fields.push_back(c.text);
    AppendCsvRecord(written, fields);
  }
  CsvDocument again = ParseCsv(written);
  SB_FUZZ_CHECK(again.errors.empty(), "the written CSV has syntax errors: " + again.errors[0].message);
  SB_FUZZ_CHECK(again.records.size() == doc.records.size(),
                std::to_string(doc.records.size()) + " records read back as " + std::to_string(again.records.size()));
  for (size_t i = 0; i < doc.records.size(); ++i) {
    const auto& a = doc.records[i].cells;
    const auto& b = again.records[i].cells;
    bool same = a.size() == b.size();
    for (size_t k = 0; same && k < a.size(); ++k) same = a[k].text == b[k].text;
    SB_FUZZ_CHECK(same, Describe(doc.records[i]) + " read back as " + Describe(again.records[i]));
    SB_FUZZ_CHECK(a.empty() || !a.back().text.empty(), "a trailing empty cell was stored: " + Describe(doc.records[i]));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = sb::fuzz::AsText(data, size);
  CheckRoundTrip(ParseCsv(bytes));  // the reader itself takes any bytes
  try {
    DecodedText text = DecodeText(bytes);
    CheckRoundTrip(ParseCsv(text.text));
  } catch (const sb::Error&) {
    // not UTF-8 nor GB18030: refused cleanly
  }
  return 0;
}
