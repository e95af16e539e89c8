#pragma once
/// What encoding a spreadsheet file is in, and its text as UTF-8. Excel on Chinese
/// Windows saves "CSV (逗号分隔)" in GBK/GB18030, "CSV UTF-8" with a BOM; other tools write
/// UTF-8 without one. Text that is neither is refused, never stored as mojibake.
#include <string>
#include <string_view>

namespace sb::exchange {

enum class TextEncoding { Utf8, Utf8Bom, Gb18030 };

/// "UTF-8", "UTF-8 (BOM)", "GB18030/GBK".
const char* EncodingName(TextEncoding e);

struct DecodedText {
  std::string text;  ///< UTF-8, without a BOM
  TextEncoding encoding = TextEncoding::Utf8;
};

/// BOM → UTF-8; valid UTF-8 → UTF-8; otherwise GB18030 (a superset of GBK and GB2312)
/// converted with iconv. Throws Error(InvalidInput) with a sentence saying what the file
/// is instead (UTF-16 text, an .xlsx workbook, binary data, or bytes that are valid in no
/// supported encoding, with the line of the first bad byte).
DecodedText DecodeText(std::string_view bytes);

/// UTF-8 → GB18030, for tests and for users who must hand files to old software.
/// Throws Error(InvalidInput) when the text is not valid UTF-8.
std::string EncodeGb18030(std::string_view utf8);

}  // namespace sb::exchange
