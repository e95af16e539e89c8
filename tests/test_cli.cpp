// schoolbuild-cli, run in-process: exit codes, messages on stderr, and the machine formats
// other programs read (csv header and amounts, json that parses).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <variant>

#include "cli/cli.h"
#include "cli/commands.h"
#include "schoolbuild_version.h"
#include "test_support.h"

namespace fs = std::filesystem;
using sb::test::Contains;

namespace {

// Each suite's folders are named for it, so a leftover says whose it is.
struct TempDir : sb::test::TempDir {
  TempDir() : sb::test::TempDir("sb_cli") {}
};

struct Result {
  int code = -1;
  std::string out, err;
};

Result Cli(std::vector<std::string> words) {
  words.insert(words.begin(), "schoolbuild-cli");
  std::ostringstream out, err;
  Result r;
  r.code = sb::cli::Run(words, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Splits one csv record (RFC 4180 quoting) into fields.
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else fields.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// ---- a small, strict JSON reader: enough to prove the output is valid JSON ----------

struct Json;
using JsonArray = std::vector<Json>;
using JsonObject = std::vector<std::pair<std::string, Json>>;  // keeps key order
struct JsonNumber {
  std::string text;  ///< as written, so "26442375.00" can be checked digit for digit
};
struct Json {
  std::variant<std::nullptr_t, bool, JsonNumber, std::string, JsonArray, JsonObject> v;
};

class JsonReader {
 public:
  explicit JsonReader(const std::string& s) : s_(s) {}
  /// The whole text as one value; throws std::runtime_error on anything not JSON.
  Json Document() {
    Json j = Value();
    Space();
    if (i_ != s_.size()) Bad("text after the value");
    return j;
  }

 private:
  [[noreturn]] void Bad(const std::string& why) {
    throw std::runtime_error("invalid JSON at byte " + std::to_string(i_) + ": " + why);
  }
  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool Eat(char c) {
    Space();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c)) Bad(std::string("expected '") + c + "'");
  }
  bool Word(const char* w) {
    size_t n = std::char_traits<char>::length(w);
    if (s_.compare(i_, n, w) != 0) return false;
    i_ += n;
    return true;
  }
  Json Value() {
    Space();
    if (i_ >= s_.size()) Bad("unexpected end");
    char c = s_[i_];
    if (c == '[') {
      ++i_;
      JsonArray a;
      if (Eat(']')) return {a};
      do a.push_back(Value());
      while (Eat(','));
      Expect(']');
      return {a};
    }
    if (c == '{') {
      ++i_;
      JsonObject o;
      if (Eat('}')) return {o};
      do {
        Space();
        std::string key = String();
        Expect(':');
        o.emplace_back(key, Value());
      } while (Eat(','));
      Expect('}');
      return {o};
    }
    if (c == '"') return {String()};
    if (Word("null")) return {nullptr};
    if (Word("true")) return {true};
    if (Word("false")) return {false};
    return {Number()};
  }
  std::string String() {
    if (i_ >= s_.size() || s_[i_] != '"') Bad("expected a string");
    ++i_;
    std::string out;
    while (true) {
      if (i_ >= s_.size()) Bad("unterminated string");
      unsigned char c = s_[i_++];
      if (c == '"') return out;
      if (c < 0x20) Bad("control character in a string");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (i_ >= s_.size()) Bad("unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
          if (i_ + 4 > s_.size()) Bad("short \\u escape");
          for (int k = 0; k < 4; ++k)
            if (!std::isxdigit(static_cast<unsigned char>(s_[i_ + k]))) Bad("bad \\u escape");
          out += "\\u" + s_.substr(i_, 4);
          i_ += 4;
          break;
        default: Bad("bad escape");
      }
    }
  }
  JsonNumber Number() {
    static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    std::smatch m;
    std::string rest = s_.substr(i_, 64);
    if (!std::regex_search(rest, m, number, std::regex_constants::match_continuous))
      Bad("expected a value");
    i_ += m.length(0);
    return {m.str(0)};
  }

  const std::string& s_;
  size_t i_ = 0;
};

const std::vector<std::string> kColumns = {"code",     "name",      "school",   "township",
                                           "stage",    "status",    "budget",   "committed",
                                           "received", "paid",      "percent"};
const std::regex kAmount(R"(-?[0-9]+\.[0-9]{2})");
const std::regex kPercent(R"([0-9]{1,3}\.[0-9])");

/// A database with the demo county, made through the command line itself.
struct DemoDb {
  TempDir t;
  std::string path = t.Path();
  DemoDb() {
    Result r = Cli({"--db", path, "demo"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
  }
};

}  // namespace

// ---- the command line itself -----------------------------------------------------

TEST_CASE("no command: exit 2 with the usage on stderr") {
  Result r = Cli({});
  CHECK(r.code == sb::cli::kExitUsage);
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "用法：schoolbuild-cli"));
  CHECK(Contains(r.err, "projects"));
  CHECK(r.out.empty());
  CHECK(Cli({"--db", "/tmp/x.db"}).code == 2);
}

TEST_CASE("an unknown command: exit 2, naming it") {
  Result r = Cli({"frobnicate"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "没有“frobnicate”这个命令"));
  CHECK(r.out.empty());
}

TEST_CASE("an unknown option: exit 2, naming it and the command's usage") {
  TempDir t;
  Result r = Cli({"--db", t.Path(), "projects", "--colour"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "--colour"));
  CHECK(Contains(r.err, "projects [--format"));
  CHECK(t.Empty());  // refused before any database is touched
  CHECK(Cli({"--db", t.Path(), "init", "--format", "csv"}).code == 2);
}

TEST_CASE("a missing option value or a stray argument: exit 2") {
  TempDir t;
  CHECK(Cli({"projects", "--db"}).code == 2);
  CHECK(Contains(Cli({"--db"}).err, "--db"));
  Result r = Cli({"--db", t.Path(), "projects", "--format"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "--format"));
  r = Cli({"--db", t.Path(), "projects", "extra"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "参数个数不对"));
  CHECK(t.Empty());
}

TEST_CASE("--help on every command: exit 0 with its usage on stdout") {
  TempDir t;
  const auto& commands = sb::cli::AllCommands();
  REQUIRE(commands.size() >= 3);
  for (const auto& c : commands) {
    CAPTURE(c.name);
    for (const auto& words : std::vector<std::vector<std::string>>{
             {c.name, "--help"}, {"--help", c.name}, {"help", c.name}, {c.name, "-h"},
             {"--db", t.Path(), c.name, "--help"}}) {
      Result r = Cli(words);
      CHECK(r.code == 0);
      CHECK(Contains(r.out, "用法：schoolbuild-cli [--db 路径] " + c.usage));
      CHECK(r.err.empty());
    }
  }
  Result overview = Cli({"--help"});
  CHECK(overview.code == 0);
  for (const auto& c : commands) CHECK(Contains(overview.out, c.name));
  CHECK(t.Empty());  // asking for help creates no database
}

TEST_CASE("--version prints the version of CMakeLists.txt and opens no database") {
  TempDir t;
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"--version"}, {"--db", t.Path(), "--version"}, {"projects", "--version"}}) {
    Result r = Cli(words);
    CHECK(r.code == 0);
    CHECK(r.out == std::string("schoolbuild-cli (校建通 SchoolBuild) ") + sb::kVersion + "\n");
    CHECK(r.err.empty());
  }
  CHECK(std::string(sb::kVersion).find('.') != std::string::npos);
  CHECK(t.Empty());
}

// ---- databases -------------------------------------------------------------------

TEST_CASE("projects on a missing database: exit 1, the message names the path, nothing created") {
  TempDir t;
  const std::string path = t.Path("typo/county.db");
  Result r = Cli({"--db", path, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, path));
  CHECK(Contains(r.err, "不存在"));
  CHECK(r.out.empty());
  CHECK_FALSE(fs::exists(path));
  CHECK(t.Empty());
  CHECK(Cli({"--db=" + path, "projects", "--format", "csv"}).code == 1);
  CHECK(t.Empty());
}

TEST_CASE("init creates an empty database, and init again on the same path is refused") {
  TempDir t;
  const std::string path = t.Path();
  Result first = Cli({"--db", path, "init"});
  CHECK(first.code == 0);
  CHECK(Contains(first.out, path));
  CHECK(fs::exists(path));
  Result second = Cli({"--db", path, "init"});
  CHECK(second.code == 1);
  CHECK(Contains(second.err, "已存在"));
  CHECK(Contains(second.err, path));
  Result list = Cli({"--db", path, "projects", "--format", "csv"});
  CHECK(list.code == 0);
  CHECK(Lines(list.out).size() == 1);  // the header only
}

TEST_CASE("demo fills a database once, and a second demo of the same county is refused") {
  DemoDb d;
  Result again = Cli({"--db", d.path, "demo"});
  CHECK(again.code == 1);
  CHECK(Contains(again.err, "已有芦溪县（360323）的数据，不能再装入一次它的演示数据"));
  CHECK(Lines(Cli({"--db", d.path, "projects", "--format", "csv"}).out).size() == 20);
}

TEST_CASE("init refuses to overwrite a file that is not a database") {
  TempDir t;
  const std::string path = t.Path("notes.txt");
  { std::ofstream(path) << "not a database\n"; }
  CHECK(Cli({"--db", path, "init"}).code == 1);
  Result r = Cli({"--db", path, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "不是校建通数据库"));
}

// ---- output formats --------------------------------------------------------------

TEST_CASE("projects --format csv: exact header, 19 rows, amounts in 元 with two decimals") {
  DemoDb d;
  Result r = Cli({"--db", d.path, "projects", "--format", "csv"});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  auto lines = Lines(r.out);
  REQUIRE(lines.size() == 20);
  CHECK(lines[0] == "code,name,school,township,stage,status,budget,committed,received,paid,percent");
  for (size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    auto f = CsvFields(lines[i]);
    REQUIRE(f.size() == kColumns.size());
    for (size_t k = 6; k <= 9; ++k) {
      CAPTURE(kColumns[k]);
      CHECK(std::regex_match(f[k], kAmount));  // no thousands separators, never 万元
    }
    CHECK((f[10].empty() || std::regex_match(f[10], kPercent)));
    CHECK_FALSE(f[0].empty());
  }
  // 濂溪中学新建工程: 概算 9,800万元 = 98,000,000.00 元.
  CHECK(lines[1].rfind("LX2025-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,在建,98000000.00,", 0) == 0);
}

TEST_CASE("projects --format json: an array of 19 objects with the csv keys, amounts as numbers") {
  DemoDb d;
  Result r = Cli({"--db", d.path, "projects", "--format", "json"});
  REQUIRE(r.code == 0);
  Json doc;
  try {
    doc = JsonReader(r.out).Document();
  } catch (const std::exception& e) {
    FAIL(e.what());
  }
  REQUIRE(std::holds_alternative<JsonArray>(doc.v));
  const auto& rows = std::get<JsonArray>(doc.v);
  REQUIRE(rows.size() == 19);
  Result csv = Cli({"--db", d.path, "projects", "--format", "csv"});
  auto csvLines = Lines(csv.out);
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    REQUIRE(std::holds_alternative<JsonObject>(rows[i].v));
    const auto& obj = std::get<JsonObject>(rows[i].v);
    REQUIRE(obj.size() == kColumns.size());
    auto csvRow = CsvFields(csvLines.at(i + 1));
    for (size_t k = 0; k < kColumns.size(); ++k) {
      CAPTURE(kColumns[k]);
      CHECK(obj[k].first == kColumns[k]);
      const auto& v = obj[k].second.v;
      if (k < 6) {
        REQUIRE(std::holds_alternative<std::string>(v));
        CHECK(std::get<std::string>(v) == csvRow[k]);  // the same text as in csv
      } else if (k < 10) {
        REQUIRE(std::holds_alternative<JsonNumber>(v));
        CHECK(std::regex_match(std::get<JsonNumber>(v).text, kAmount));
        CHECK(std::get<JsonNumber>(v).text == csvRow[k]);
      } else if (csvRow[k].empty()) {
        CHECK(std::holds_alternative<std::nullptr_t>(v));  // no progress yet
      } else {
        REQUIRE(std::holds_alternative<JsonNumber>(v));
        CHECK(std::get<JsonNumber>(v).text == csvRow[k]);
      }
    }
  }
  CHECK(std::get<std::string>(std::get<JsonObject>(rows[0].v)[1].second.v) == "濂溪中学新建工程");
}

TEST_CASE("the JSON check itself refuses what is not JSON") {
  for (const char* bad : {"", "[", "[1,]", "{\"a\" 1}", "[\"a\nb\"]", "[01]", "[1.]", "[] x",
                          "{'a': 1}", "[nul]"}) {
    CAPTURE(bad);
    CHECK_THROWS(JsonReader(bad).Document());
  }
  CHECK_NOTHROW(JsonReader(" [ {\"a\": [1.50, -2, null, true, \"\\u00e9\"]} ] ").Document());
}

TEST_CASE("projects table: Chinese headers, amounts in 万元, a count line") {
  DemoDb d;
  Result r = Cli({"--db", d.path, "projects"});
  REQUIRE(r.code == 0);
  auto lines = Lines(r.out);
  REQUIRE(lines.size() == 1 + 1 + 19 + 1);
  CHECK(Contains(lines[0], "项目编号"));
  CHECK(Contains(lines[0], "概算(万元)"));
  CHECK(Contains(lines[2], "9,800.00"));
  CHECK(lines.back() == "共 19 个项目");
  CHECK(Cli({"--db", d.path, "projects", "--format=table"}).out == r.out);
}

TEST_CASE("projects --format bogus: exit 1 with a message naming the allowed formats") {
  DemoDb d;
  Result r = Cli({"--db", d.path, "projects", "--format", "bogus"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "bogus"));
  CHECK(Contains(r.err, "table、csv 或 json"));
  CHECK(r.out.empty());
}
