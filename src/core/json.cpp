#include "core/json.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>
#include <cstdio>

#include "core/error.h"

namespace sb::json {

namespace {

[[noreturn]] void Damaged(const std::string& why) {
  Fail(ErrorCode::Database, "定稿快照已损坏：" + why);
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view t, std::string_view what) : t_(t), what_(what) {}

  Value Document() {
    Value v = Parse();
    Skip();
    if (p_ != t_.size()) Error("多余的内容");
    return v;
  }

 private:
  [[noreturn]] void Error(const std::string& why) {
    Fail(ErrorCode::Database, std::string(what_) + "：" + why + "（位置 " + std::to_string(p_) + "）");
  }
  void Skip() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\n' || t_[p_] == '\r' || t_[p_] == '\t'))
      ++p_;
  }
  bool Eat(char c) {
    Skip();
    if (p_ < t_.size() && t_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c)) Error(std::string("缺少“") + c + "”");
  }
  bool Word(std::string_view w) {
    if (t_.substr(p_, w.size()) == w) {
      p_ += w.size();
      return true;
    }
    return false;
  }

  Value Parse() {
    if (++depth_ > 64) Error("嵌套过深");
    Skip();
    if (p_ >= t_.size()) Error("内容不完整");
    Value v;
    char c = t_[p_];
    if (c == '{') {
      ++p_;
      Value::Object o;
      if (!Eat('}')) {
        do {
          Skip();
          std::string k = Str();
          Expect(':');
          o.insert_or_assign(std::move(k), Parse());
        } while (Eat(','));
        Expect('}');
      }
      v.v = std::move(o);
    } else if (c == '[') {
      ++p_;
      Value::Array a;
      if (!Eat(']')) {
        do a.push_back(Parse());
        while (Eat(','));
        Expect(']');
      }
      v.v = std::move(a);
    } else if (c == '"') {
      v.v = Str();
    } else if (Word("null")) {
      v.v = nullptr;
    } else if (Word("true")) {
      v.v = true;
    } else if (Word("false")) {
      v.v = false;
    } else {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(t_.data() + p_, t_.data() + t_.size(), n);
      if (ec != std::errc() || end == t_.data() + p_) Error("无法识别的值");
      p_ = static_cast<size_t>(end - t_.data());
      if (p_ < t_.size() && (t_[p_] == '.' || t_[p_] == 'e' || t_[p_] == 'E'))
        Error("不应有小数");
      v.v = n;
    }
    --depth_;
    return v;
  }

  uint32_t Hex4() {
    if (p_ + 4 > t_.size()) Error("转义不完整");
    uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = t_[p_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<uint32_t>(h - 'A' + 10);
      else Error("转义不正确");
    }
    return cp;
  }

  std::string Str() {
    if (p_ >= t_.size() || t_[p_] != '"') Error("缺少字符串");
    ++p_;
    std::string s;
    while (true) {
      // A run without quote or escape is copied at once.
      size_t run = p_;
      while (run < t_.size() && t_[run] != '"' && t_[run] != '\\') ++run;
      s.append(t_.data() + p_, run - p_);
      p_ = run;
      if (p_ >= t_.size()) Error("字符串未结束");
      if (t_[p_++] == '"') break;  // else a backslash
      if (p_ >= t_.size()) Error("转义不完整");
      char e = t_[p_++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          uint32_t cp = Hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && Word("\\u")) {
            uint32_t lo = Hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(s, cp);
          break;
        }
        default: Error("未知的转义");
      }
    }
    return s;
  }

  std::string_view t_;
  std::string_view what_;
  size_t p_ = 0;
  int depth_ = 0;
};

}  // namespace

void Writer::Separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

void Writer::BeginObject() {
  Separate();
  out_ += '{';
  first_.push_back(true);
}
void Writer::EndObject() {
  first_.pop_back();
  out_ += '}';
}
void Writer::BeginArray() {
  Separate();
  out_ += '[';
  first_.push_back(true);
}
void Writer::EndArray() {
  first_.pop_back();
  out_ += ']';
}

Writer& Writer::Key(std::string_view key) {
  Separate();
  Quote(key);
  out_ += ':';
  afterKey_ = true;
  return *this;
}

void Writer::String(std::string_view s) {
  Separate();
  Quote(s);
}

void Writer::Quote(std::string_view s) {
  out_ += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    // A run of bytes that need no escape goes in at once (a history entry's values are
    // quoted for every hash of the chain).
    size_t run = i;
    while (run < s.size() && static_cast<unsigned char>(s[run]) >= 0x20 && s[run] != '"' && s[run] != '\\') ++run;
    if (run > i) {
      out_.append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out_ += buf;
        } else {
          out_ += static_cast<char>(c);
        }
    }
  }
  out_ += '"';
}

void Writer::Int(int64_t v) {
  Separate();
  out_ += std::to_string(v);
}
void Writer::Bool(bool v) {
  Separate();
  out_ += v ? "true" : "false";
}
void Writer::Null() {
  Separate();
  out_ += "null";
}

int64_t Value::AsInt() const {
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  Damaged("应为整数");
}
bool Value::AsBool() const {
  if (auto* p = std::get_if<bool>(&v)) return *p;
  Damaged("应为真假值");
}
const std::string& Value::AsString() const {
  if (auto* p = std::get_if<std::string>(&v)) return *p;
  Damaged("应为文字");
}
const Value::Array& Value::AsArray() const {
  if (auto* p = std::get_if<Array>(&v)) return *p;
  Damaged("应为数组");
}
const Value::Object& Value::AsObject() const {
  if (auto* p = std::get_if<Object>(&v)) return *p;
  Damaged("应为对象");
}
const Value* Value::Find(std::string_view key) const {
  const auto& o = AsObject();
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->second;
}
const Value& Value::operator[](std::string_view key) const {
  if (const Value* p = Find(key)) return *p;
  Damaged("缺少字段 " + std::string(key));
}

Value Parse(std::string_view text, std::string_view what) { return Parser(text, what).Document(); }

namespace {
void WriteCanonical(Writer& w, const Value& v) {
  if (v.IsNull()) w.Null();
  else if (auto* b = std::get_if<bool>(&v.v)) w.Bool(*b);
  else if (auto* i = std::get_if<int64_t>(&v.v)) w.Int(*i);
  else if (auto* s = std::get_if<std::string>(&v.v)) w.String(*s);
  else if (auto* a = std::get_if<Value::Array>(&v.v)) {
    w.BeginArray();
    for (const auto& x : *a) WriteCanonical(w, x);
    w.EndArray();
  } else {
    w.BeginObject();
    for (const auto& [k, x] : v.AsObject()) {  // a std::map: keys in byte order
      w.Key(k);
      WriteCanonical(w, x);
    }
    w.EndObject();
  }
}
}  // namespace

std::string Canonical(const Value& value) {
  Writer w;
  WriteCanonical(w, value);
  return w.str();
}

// The canonical text of an object whose keys and strings need no escape and whose values
// are strings, integers in their shortest digits, true, false or null, written without
// spaces: its members sorted by key, each value's text as it stands (what Canonical
// writes for it). None for any other text, which the caller parses.
std::optional<std::string> FlatCanonical(std::string_view t) {
  if (t.size() < 2 || t.front() != '{' || t.back() != '}') return std::nullopt;
  if (t.size() == 2) return std::string("{}");
  // From an opening quote to after its closing one; false on an escape or a control byte.
  auto plain = [&](size_t& q) {
    if (q >= t.size() || t[q] != '"') return false;
    for (++q; q < t.size(); ++q) {
      const unsigned char c = static_cast<unsigned char>(t[q]);
      if (c == '"') {
        ++q;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
    }
    return false;
  };
  struct Member {
    std::string_view key, value;
  };
  std::vector<Member> members;
  members.reserve(16);
  size_t p = 1;
  for (;;) {
    const size_t k = p;
    if (!plain(p)) return std::nullopt;
    const std::string_view key = t.substr(k + 1, p - k - 2);
    if (p >= t.size() || t[p] != ':') return std::nullopt;
    const size_t v = ++p;
    if (p >= t.size()) return std::nullopt;
    const char c = t[p];
    if (c == '"') {
      if (!plain(p)) return std::nullopt;
    } else if (t.substr(p, 4) == "null" || t.substr(p, 4) == "true") {
      p += 4;
    } else if (t.substr(p, 5) == "false") {
      p += 5;
    } else {
      const size_t digits = c == '-' ? p + 1 : p;
      size_t q = digits;
      while (q < t.size() && t[q] >= '0' && t[q] <= '9') ++q;
      const size_t n = q - digits;
      // Not "007", "-0", nor as many digits as could overflow: those are parsed.
      if (n == 0 || n > 18 || (t[digits] == '0' && (n > 1 || digits != p))) return std::nullopt;
      p = q;
    }
    members.push_back({key, t.substr(v, p - v)});
    if (p >= t.size()) return std::nullopt;
    if (t[p] == ',') {
      ++p;
      continue;
    }
    if (t[p] == '}' && p + 1 == t.size()) break;
    return std::nullopt;
  }
  // Byte order, as the Object's std::map keeps its keys.
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.key < b.key; });
  for (size_t i = 1; i < members.size(); ++i)
    if (members[i].key == members[i - 1].key) return std::nullopt;  // the parser keeps the last
  std::string out;
  out.reserve(t.size());
  out += '{';
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out.append(members[i].key);
    out += "\":";
    out.append(members[i].value);
  }
  out += '}';
  return out;
}

std::string CanonicalText(std::string_view text, std::string_view what) {
  if (auto flat = FlatCanonical(text)) return std::move(*flat);
  return Canonical(Parse(text, what));
}

}  // namespace sb::json
