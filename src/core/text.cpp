#include "core/text.h"

#include <cstdint>

namespace sb {

namespace {
bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
    *len = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
    *len = 3;
    return true;
  }
  if (s.substr(i, 2) == "\xC2\xA0") {  // U+00A0
    *len = 2;
    return true;
  }
  return false;
}
}  // namespace

std::string NarrowFullWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    // U+FF01..U+FF5E are EF BC 81..EF BD 9E; map to 0x21..0x7E.
    if (c == 0xEF && i + 2 < s.size()) {
      unsigned char c1 = s[i + 1], c2 = s[i + 2];
      if (c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
        out.push_back(static_cast<char>(c2 - 0x81 + 0x21));
        i += 3;
        continue;
      }
      if (c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) {
        out.push_back(static_cast<char>(c2 - 0x80 + 0x60));
        i += 3;
        continue;
      }
    }
    if (s.substr(i, 3) == "\xE3\x80\x80") {
      out.push_back(' ');
      i += 3;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, len = 0;
  while (b < s.size() && IsSpaceAt(s, b, &len)) b += len;
  size_t e = s.size();
  while (e > b) {
    if (IsSpaceAt(s, e - 1, &len) && len == 1) { --e; continue; }
    if (e >= b + 2 && IsSpaceAt(s, e - 2, &len) && len == 2) { e -= 2; continue; }
    if (e >= b + 3 && IsSpaceAt(s, e - 3, &len) && len == 3) { e -= 3; continue; }
    break;
  }
  return std::string(s.substr(b, e - b));
}

bool SpaceBetweenDigits(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t len = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    if (!digit(s[i - 1]) || !IsSpaceAt(s, i, &len)) continue;
    size_t j = i;
    while (j < s.size() && IsSpaceAt(s, j, &len)) j += len;
    if (j < s.size() && digit(s[j])) return true;
    i = j;
  }
  return false;
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  size_t len = 0;
  for (size_t i = 0; i < s.size();) {
    if (IsSpaceAt(s, i, &len)) {
      i += len;
    } else {
      out.push_back(s[i]);
      ++i;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::vector<std::string> SplitAny(std::string_view s, const std::vector<std::string_view>& seps) {
  std::vector<std::string> parts;
  size_t start = 0, i = 0;
  while (i <= s.size()) {
    size_t sepLen = 0;
    if (i < s.size()) {
      for (auto sep : seps)
        if (!sep.empty() && s.substr(i, sep.size()) == sep) { sepLen = sep.size(); break; }
    }
    if (i == s.size() || sepLen > 0) {
      std::string part = Trim(s.substr(start, i - start));
      if (!part.empty()) parts.push_back(std::move(part));
      if (i == s.size()) break;
      i += sepLen;
      start = i;
    } else {
      ++i;
    }
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace sb

namespace sb {

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    uint32_t cp = c;
    size_t n = 1;
    if (c >= 0xF0) { n = 4; cp = c & 0x07; }
    else if (c >= 0xE0) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xC0) { n = 2; cp = c & 0x1F; }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += n;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string CsvQuote(std::string_view f) {
  bool edgeSpace = !f.empty() && Trim(f).size() != f.size();
  if (f.find_first_of(",\"\r\n") == std::string_view::npos && !edgeSpace) return std::string(f);
  std::string out;
  out.reserve(f.size() + 2);
  out.push_back('"');
  for (char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace sb
