#pragma once
/// A small JSON writer and reader: the closed-month snapshot and the history's row values.
/// Integers are int64 (money in fen), no floating point at all; the writer emits keys in
/// the order given, so the same model always gives the same bytes.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sb::json {

class Writer {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  /// The key of the next value inside an object.
  Writer& Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();
  const std::string& str() const { return out_; }

 private:
  void Separate();
  void Quote(std::string_view s);
  std::string out_;
  std::vector<bool> first_;  ///< per open container: nothing written in it yet
  bool afterKey_ = false;
};

/// A parsed value. Objects keep their keys sorted (lookup by name is all we need).
struct Value {
  using Object = std::map<std::string, Value, std::less<>>;
  using Array = std::vector<Value>;
  std::variant<std::nullptr_t, bool, int64_t, std::string, Array, Object> v;

  bool IsNull() const { return std::holds_alternative<std::nullptr_t>(v); }
  /// Accessors throw Error(Database) saying the snapshot is damaged when the type differs.
  int64_t AsInt() const;
  bool AsBool() const;
  const std::string& AsString() const;
  const Array& AsArray() const;
  const Object& AsObject() const;
  /// Member of an object; throws when missing.
  const Value& operator[](std::string_view key) const;
  /// Member or nullptr.
  const Value* Find(std::string_view key) const;
};

/// Parses a whole document; throws Error(Database) with the offset on bad input, the
/// sentence starting with `what` ("定稿快照已损坏").
Value Parse(std::string_view text, std::string_view what = "定稿快照已损坏");

/// The one text of a value that both database engines' JSON of it gives back: object
/// keys sorted, no spaces, integers in digits, strings with only the escapes JSON needs.
std::string Canonical(const Value& value);
/// Canonical(Parse(text, what)), throwing as Parse does. A flat object written without
/// spaces or escapes (a row as SQLite's json_object gives it) is sorted as it stands,
/// without building its Value: the history hashes a province's 1.3 million of them.
std::string CanonicalText(std::string_view text, std::string_view what);
/// CanonicalText's shortcut alone: the sorted text of such a flat object, or none.
std::optional<std::string> FlatCanonical(std::string_view text);

}  // namespace sb::json
