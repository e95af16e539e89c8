#include "exchange/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

#include "core/error.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb::exchange {

namespace {

size_t LineAt(std::string_view bytes, size_t offset) {
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// Converts all of `in`; on an invalid or truncated sequence returns false with the
// offset of the first byte that could not be converted.
bool Convert(const char* to, const char* from, std::string_view in, std::string& out,
             size_t* badOffset) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    // TRANSLATORS: two text encodings (GB18030, UTF-8).
    Fail(ErrorCode::Io, Tr("系统不支持 %s 到 %s 的编码转换（缺少 iconv 模块）", from, to));
  out.clear();
  out.reserve(in.size() * 3 / 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t srcLeft = in.size();
  char buffer[16384];
  bool ok = true;
  while (srcLeft > 0) {
    char* dst = buffer;
    size_t dstLeft = sizeof buffer;
    size_t r = iconv(cd, &src, &srcLeft, &dst, &dstLeft);
    out.append(buffer, static_cast<size_t>(dst - buffer));
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      ok = false;
      *badOffset = static_cast<size_t>(src - in.data());
      break;
    }
  }
  if (ok) {
    char* dst = buffer;
    size_t dstLeft = sizeof buffer;
    iconv(cd, nullptr, nullptr, &dst, &dstLeft);
    out.append(buffer, static_cast<size_t>(dst - buffer));
  }
  iconv_close(cd);
  return ok;
}

}  // namespace

const char* EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf8Bom: return "UTF-8 (BOM)";
    case TextEncoding::Gb18030: return "GB18030/GBK";
  }
  return "?";
}

DecodedText DecodeText(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    std::string_view body = bytes.substr(3);
    if (!IsValidUtf8(body))
      Fail(ErrorCode::InvalidInput, Tr("文件开头标明是 UTF-8，但内容含有不是 UTF-8 的字节"));
    return {std::string(body), TextEncoding::Utf8Bom};
  }
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF"))
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: “Unicode 文本” and “CSV UTF-8（逗号分隔）” are Excel's file types "Unicode
         // Text" and "CSV UTF-8 (Comma delimited)".
         Tr("文件是 UTF-16 编码（Excel 的“Unicode 文本”）；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"));
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
    Fail(ErrorCode::InvalidInput,
         Tr("这是 Excel 工作簿（.xlsx）或其他压缩文件，不是 CSV；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"));
  if (bytes.find('\0') != std::string_view::npos)
    Fail(ErrorCode::InvalidInput, Tr("文件含有空字节，不是文本文件（是否选错了文件？）"));
  if (IsValidUtf8(bytes)) return {std::string(bytes), TextEncoding::Utf8};
  DecodedText d;
  d.encoding = TextEncoding::Gb18030;
  size_t bad = 0;
  if (!Convert("UTF-8", "GB18030", bytes, d.text, &bad))
    Fail(ErrorCode::InvalidInput,
         Tr("第%zu行有无法识别的字符：文件既不是 UTF-8 也不是 GBK/GB18030 编码", LineAt(bytes, bad)));
  return d;
}

std::string EncodeGb18030(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) Fail(ErrorCode::InvalidInput, Tr("文本不是有效的 UTF-8"));
  std::string out;
  size_t bad = 0;
  if (!Convert("GB18030", "UTF-8", utf8, out, &bad))
    Fail(ErrorCode::InvalidInput, Tr("文本无法转换为 GB18030"));
  return out;
}

}  // namespace sb::exchange
