#pragma once
/// UTF-8 text helpers for what clerks type: full-width digits, ideographic spaces.
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// Maps full-width ASCII (U+FF01..U+FF5E) to ASCII and U+3000 to a space.
std::string NarrowFullWidth(std::string_view s);
/// Trims ASCII white space, U+3000 and U+00A0 at both ends.
std::string Trim(std::string_view s);
/// Removes every white space character (ASCII, U+3000, U+00A0).
std::string StripSpaces(std::string_view s);
/// True when white space separates two ASCII digits ("5 5", "2021 02"): one number written
/// in two pieces, which the parsers refuse rather than join.
bool SpaceBetweenDigits(std::string_view s);
/// True when s is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
/// Number of code points (for column widths and length limits).
size_t Utf8Length(std::string_view s);
/// Splits on any of the given separator strings, trimming each part, dropping empty parts.
std::vector<std::string> SplitAny(std::string_view s, const std::vector<std::string_view>& seps);
/// Joins with a separator.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace sb

namespace sb {
/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
/// spaces at either end (which a spreadsheet would otherwise drop); quotes doubled.
std::string CsvQuote(std::string_view field);

/// Columns a string takes in a terminal or a fixed-width table: 2 for CJK and
/// full-width characters, 1 otherwise.
size_t DisplayWidth(std::string_view s);
}  // namespace sb
