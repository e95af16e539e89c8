// ReadXlsx on any bytes: refused with sb::Error (a broken zip, a zip bomb, bad XML …) or a
// workbook within the limits whose numbers ShortestDecimal writes so that they read back
// to the same double, bit for bit.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "exchange/workbook.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sb::exchange::Workbook book;
  try {
    book = sb::exchange::ReadXlsx(sb::fuzz::AsText(data, size));
  } catch (const sb::Error&) {
    return 0;  // refused cleanly
  }
  size_t cells = 0;
  for (const auto& sheet : book.sheets) {
    for (size_t r = 0; r < sheet.RowCount(); ++r) {
      cells += sheet.rows[r].size();
      for (const auto& cell : sheet.rows[r]) {
        if (cell.kind != sb::exchange::WorkbookCell::Kind::Number || !std::isfinite(cell.number)) continue;
        std::string text = sb::exchange::ShortestDecimal(cell.number);
        double back = std::strtod(text.c_str(), nullptr);
        SB_FUZZ_CHECK(std::memcmp(&back, &cell.number, sizeof back) == 0 || (back == 0 && cell.number == 0),
                      "ShortestDecimal gave “" + text + "”, which reads back differently");
      }
    }
    for (const auto& m : sheet.merges)
      SB_FUZZ_CHECK(m.firstRow <= m.lastRow && m.firstColumn <= m.lastColumn, "a merged range is inverted");
  }
  SB_FUZZ_CHECK(cells <= sb::exchange::kMaxWorkbookCells, std::to_string(cells) + " cells read past the limit");
  return 0;
}
