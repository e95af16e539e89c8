// schoolbuild-cli gaps and warnings on the demo county: the machine formats exactly, the
// figures the engine gives for the cases DOMAIN.md is about, and the refusals.
#include <doctest/doctest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/rules.h"
#include "storage/repository.h"

namespace {

struct Result {
  int code = -1;
  std::string out, err;
};

Result Cli(std::vector<std::string> args) {
  args.insert(args.begin(), "schoolbuild-cli");
  std::ostringstream out, err;
  Result r;
  r.code = sb::cli::Run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// A fresh database with the demo county, removed at the end of the test.
class DemoDb {
 public:
  DemoDb() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    std::string name = "sb_cli_rules_" + std::to_string(stamp) + "_" + std::to_string(counter++);
    path_ = (std::filesystem::temp_directory_path() / (name + ".db")).string();
    Remove();
    Result r = Cli({"--db", path_, "demo"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
  }
  ~DemoDb() { Remove(); }
  const std::string& path() const { return path_; }
  Result Run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", path_});
    return Cli(std::move(args));
  }

 private:
  void Remove() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path_ + suffix, ec);
  }
  std::string path_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  REQUIRE_MESSAGE(!quoted, "unterminated quoted csv field");
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

/// A strict little JSON reader, enough to check that the output is one array of flat
/// objects: returns each object as key → raw value text (strings unescaped).
class Json {
 public:
  explicit Json(const std::string& text) : s_(text) {}

  std::vector<std::map<std::string, std::string>> ArrayOfObjects() {
    std::vector<std::map<std::string, std::string>> out;
    Expect('[');
    if (!Peek(']')) {
      do out.push_back(Object());
      while (Accept(','));
    }
    Expect(']');
    Space();
    REQUIRE_MESSAGE(i_ == s_.size(), "text after the top-level array at ", i_);
    return out;
  }

 private:
  std::map<std::string, std::string> Object() {
    std::map<std::string, std::string> obj;
    Expect('{');
    if (!Peek('}')) {
      do {
        Space();
        std::string key = String();
        REQUIRE_MESSAGE(obj.count(key) == 0, "duplicate key ", key);
        Expect(':');
        obj[key] = Scalar();
      } while (Accept(','));
    }
    Expect('}');
    return obj;
  }

  std::string Scalar() {
    Space();
    REQUIRE(i_ < s_.size());
    if (s_[i_] == '"') return String();
    if (s_.compare(i_, 4, "null") == 0) {
      i_ += 4;
      return "null";
    }
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    size_t digits = i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    REQUIRE_MESSAGE(i_ > digits, "not a JSON value at ", start);
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      size_t frac = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      REQUIRE_MESSAGE(i_ > frac, "bad number at ", start);
    }
    return s_.substr(start, i_ - start);
  }

  std::string String() {
    REQUIRE_MESSAGE((i_ < s_.size() && s_[i_] == '"'), "expected a string at ", i_);
    std::string out;
    for (++i_; i_ < s_.size() && s_[i_] != '"'; ++i_) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c < 0x20) FAIL("raw control character in a JSON string at ", i_);
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      REQUIRE(++i_ < s_.size());
      switch (s_[i_]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u':
          REQUIRE(i_ + 4 < s_.size());
          out += '?';
          i_ += 4;
          break;
        default: FAIL("bad escape in a JSON string");
      }
    }
    REQUIRE_MESSAGE(i_ < s_.size(), "unterminated string");
    ++i_;
    return out;
  }

  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool Peek(char c) {
    Space();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool Accept(char c) {
    if (!Peek(c)) return false;
    ++i_;
    return true;
  }
  void Expect(char c) { REQUIRE_MESSAGE(Accept(c), "expected '", c, "' at ", i_); }

  const std::string& s_;
  size_t i_ = 0;
};

bool Contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

const std::string kGapsHeader = "project,category,budget,covered,uncovered";
const std::string kWarningsHeader = "project,code,severity,amount,message,rule";

/// The rows of `warnings --format csv` of one project and code.
std::vector<std::vector<std::string>> FindingsOf(const std::vector<std::vector<std::string>>& rows,
                                                 const std::string& project, const std::string& code) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows)
    if (r.size() == 6 && r[0] == project && r[1] == code) out.push_back(r);
  return out;
}

}  // namespace

TEST_CASE("gaps --format csv: exact columns and the land gap of a project funded in total") {
  DemoDb db;
  Result r = db.Run({"gaps", "--format", "csv"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  auto lines = Lines(r.out);
  REQUIRE(!lines.empty());
  CHECK(lines[0] == kGapsHeader);

  auto rows = ParseCsv(r.out);
  std::map<std::string, std::vector<std::string>> lx;  // LX2026-03: category → row
  for (size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 5);
    for (size_t k = 2; k < 5; ++k) {  // 元, two decimals, no separators
      const std::string& amount = rows[i][k];
      INFO("amount ", amount, " in ", lines[i]);
      CHECK(amount.find(',') == std::string::npos);
      REQUIRE(amount.size() >= 4);
      CHECK(amount[amount.size() - 3] == '.');
    }
    if (rows[i][0] == "LX2026-03") lx[rows[i][1]] = rows[i];
  }
  // 路行学校整体搬迁: budget 4,600万元 = land 900 + prelim 200 + works 3,150 + equipment 250 +
  // other 100; committed 4,600万元, of which 3,900万元 central/bond money for works and
  // equipment only (3,400万元 of such budget) and 700万元 county money for any use. The
  // max-flow covers works and equipment fully, county money goes to land first, and 500万元 of
  // construction-only money has nothing left to pay for.
  REQUIRE(lx.size() == 5);
  CHECK(lx["征地拆迁"] ==
        std::vector<std::string>{"LX2026-03", "征地拆迁", "9000000.00", "7000000.00", "2000000.00"});
  CHECK(lx["前期费用"] ==
        std::vector<std::string>{"LX2026-03", "前期费用", "2000000.00", "0.00", "2000000.00"});
  CHECK(lx["建安工程"] ==
        std::vector<std::string>{"LX2026-03", "建安工程", "31500000.00", "31500000.00", "0.00"});
  CHECK(lx["设备购置"] ==
        std::vector<std::string>{"LX2026-03", "设备购置", "2500000.00", "2500000.00", "0.00"});
  CHECK(lx["其他费用"] ==
        std::vector<std::string>{"LX2026-03", "其他费用", "1000000.00", "0.00", "1000000.00"});
  // Categories in canonical order, as the engine lists them.
  std::vector<std::string> order;
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i][0] == "LX2026-03") order.push_back(rows[i][1]);
  CHECK(order == std::vector<std::string>{"征地拆迁", "前期费用", "建安工程", "设备购置", "其他费用"});

  // ... while the project's total gap is zero: committed equals the budget.
  Result p = db.Run({"projects", "--format", "csv"});
  REQUIRE(p.code == 0);
  bool seen = false;
  for (const auto& row : ParseCsv(p.out)) {
    if (row.empty() || row[0] != "LX2026-03") continue;
    seen = true;
    REQUIRE(row.size() == 11);
    CHECK(row[6] == "46000000.00");  // budget
    CHECK(row[7] == "46000000.00");  // committed
  }
  CHECK(seen);

  // The table says the same to a person: 小计 with uncovered 500.00 and no total gap.
  Result t = db.Run({"gaps"});
  REQUIRE(t.code == 0);
  bool subtotal = false;
  for (const auto& line : Lines(t.out))
    if (Contains(line, "小计") && Contains(line, "4,600.00") && Contains(line, "4,100.00") &&
        Contains(line, "500.00"))
      subtotal = true;
  CHECK_MESSAGE(subtotal, t.out);
}

TEST_CASE("gaps: json has the csv rows, --basis received, table summaries, refusals") {
  DemoDb db;
  Result csv = db.Run({"gaps", "--format", "csv"});
  Result json = db.Run({"gaps", "--format", "json"});
  REQUIRE(csv.code == 0);
  REQUIRE_MESSAGE(json.code == 0, json.err);
  auto objects = Json(json.out).ArrayOfObjects();
  auto rows = ParseCsv(csv.out);
  REQUIRE(objects.size() == rows.size() - 1);
  CHECK(objects.size() > 19);
  for (size_t i = 0; i < objects.size(); ++i) {
    const auto& o = objects[i];
    REQUIRE(o.size() == 5);
    CHECK(o.at("project") == rows[i + 1][0]);
    CHECK(o.at("category") == rows[i + 1][1]);
    CHECK(o.at("budget") == rows[i + 1][2]);
    CHECK(o.at("covered") == rows[i + 1][3]);
    CHECK(o.at("uncovered") == rows[i + 1][4]);
  }
  // Amounts are JSON numbers, not strings.
  CHECK(Contains(json.out, "\"budget\": 9000000.00"));

  SUBCASE("--basis received counts money that has arrived") {
    // 上埠中心学校整体搬迁: 5,600万元 committed, 3,600万元 received; the land has only the
    // county's 600万元 either way.
    Result c = db.Run({"gaps", "--basis", "committed", "--format", "csv"});
    Result r = db.Run({"gaps", "--basis", "received", "--format", "csv"});
    REQUIRE(c.code == 0);
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(c.out == csv.out);
    CHECK(Lines(r.out)[0] == kGapsHeader);
    CHECK(r.out != c.out);
    auto sumCovered = [](const std::string& text) {
      int64_t fen = 0;
      for (const auto& row : ParseCsv(text))
        if (row.size() == 5 && row[0] == "LX2026-01") {
          auto dot = row[3].find('.');
          fen += std::stoll(row[3].substr(0, dot)) * 100 + std::stoll(row[3].substr(dot + 1));
        }
      return fen;
    };
    CHECK(sumCovered(c.out) == 5600000000LL);  // 5,600万元: all committed money finds a use
    CHECK(sumCovered(r.out) == 3600000000LL);  // 3,600万元 received, all of it usable
    CHECK(Contains(r.out, "LX2026-01,征地拆迁,15000000.00,6000000.00,9000000.00\n"));
    CHECK(Contains(r.out, "LX2026-01,建安工程,48000000.00,30000000.00,18000000.00\n"));
    CHECK(Contains(c.out, "LX2026-01,建安工程,48000000.00,48000000.00,0.00\n"));
    CHECK(db.Run({"gaps", "--basis", "已到位", "--format", "csv"}).out == r.out);
  }

  SUBCASE("the table: Chinese headers, 万元, county summary by category and township") {
    Result t = db.Run({"gaps"});
    REQUIRE(t.code == 0);
    for (const char* s : {"项目编号", "费用类别", "概算(万元)", "已落实资金(万元)", "资金缺口(万元)",
                          "全县按费用类别汇总", "按乡镇汇总", "宣风镇", "全县", "4,600.00"})
      CHECK_MESSAGE(Contains(t.out, s), s);
    CHECK(!Contains(t.out, "46000000.00"));
    for (const auto& line : Lines(t.out)) CHECK(line.find_last_not_of(' ') + 1 == line.size());
    // Summaries are for people only.
    CHECK(!Contains(csv.out, "汇总"));
    CHECK(!Contains(json.out, "汇总"));
  }

  SUBCASE("refusals") {
    Result bad = db.Run({"gaps", "--basis", "bogus"});
    CHECK(bad.code == 1);
    CHECK(bad.out.empty());
    CHECK(Contains(bad.err, "bogus"));
    CHECK(Contains(bad.err, "committed"));
    CHECK(db.Run({"gaps", "--format", "xml"}).code == 1);
    CHECK(db.Run({"gaps", "--basis"}).code == 2);
    CHECK(db.Run({"gaps", "extra"}).code == 2);
    CHECK(Cli({"--db", db.path() + ".missing", "gaps"}).code == 1);
  }
}

TEST_CASE("warnings --as-of 2026-11-23 --format csv: exact columns and the findings the demo holds") {
  DemoDb db;
  Result r = db.Run({"warnings", "--as-of", "2026-11-23", "--format", "csv"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.err.empty());
  REQUIRE(!Lines(r.out).empty());
  CHECK(Lines(r.out)[0] == kWarningsHeader);
  auto rows = ParseCsv(r.out);
  REQUIRE(rows.size() > 1);
  std::set<std::string> codes;
  for (size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 6);
    const auto& row = rows[i];
    codes.insert(row[1]);
    CHECK(std::set<std::string>{"error", "warning", "notice"}.count(row[2]) == 1);
    if (!row[3].empty()) {
      CHECK(row[3].find(',') == std::string::npos);
      CHECK(row[3][row[3].size() - 3] == '.');
    }
    CHECK(!row[4].empty());
    CHECK(!row[5].empty());
  }
  for (const char* code :
       {"FUNDING_GAP", "CATEGORY_GAP", "INELIGIBLE_PAYMENT", "NO_PERMIT_START", "STALLED"})
    CHECK_MESSAGE(codes.count(code) == 1, code);

  // 1,200,000.00 元 of land paid from a central fund that may pay for construction only.
  auto ineligible = FindingsOf(rows, "LX2025-01", "INELIGIBLE_PAYMENT");
  REQUIRE(ineligible.size() == 1);
  CHECK(ineligible[0][2] == "error");
  CHECK(ineligible[0][3] == "1200000.00");
  CHECK(Contains(ineligible[0][4], "征地拆迁"));
  CHECK(Contains(ineligible[0][4], "120.00万元"));

  auto permit = FindingsOf(rows, "LX2025-09", "NO_PERMIT_START");
  REQUIRE(permit.size() == 1);
  CHECK(permit[0][2] == "error");
  CHECK(permit[0][3].empty());
  CHECK(Contains(permit[0][4], "施工许可证"));

  auto stalled = FindingsOf(rows, "LX2025-11", "STALLED");
  REQUIRE(stalled.size() == 1);
  CHECK(stalled[0][2] == "warning");
  CHECK(Contains(stalled[0][5], "rule.stalled_months=3"));

  // The land gap of 路行学校整体搬迁 is a CATEGORY_GAP; its total is covered, so no FUNDING_GAP.
  auto land = FindingsOf(rows, "LX2026-03", "CATEGORY_GAP");
  REQUIRE(land.size() == 3);
  CHECK(land[0][3] == "2000000.00");
  CHECK(Contains(land[0][4], "征地拆迁"));
  CHECK(FindingsOf(rows, "LX2026-03", "FUNDING_GAP").empty());
  auto funding = FindingsOf(rows, "LX2026-01", "FUNDING_GAP");
  REQUIRE(funding.size() == 1);
  CHECK(funding[0][3] == "16000000.00");

  SUBCASE("json: the same findings as an array of objects") {
    Result j = db.Run({"warnings", "--as-of", "2026-11-23", "--format", "json"});
    REQUIRE_MESSAGE(j.code == 0, j.err);
    auto objects = Json(j.out).ArrayOfObjects();
    REQUIRE(objects.size() == rows.size() - 1);
    for (size_t i = 0; i < objects.size(); ++i) {
      const auto& o = objects[i];
      REQUIRE(o.size() == 6);
      CHECK(o.at("project") == rows[i + 1][0]);
      CHECK(o.at("code") == rows[i + 1][1]);
      CHECK(o.at("severity") == rows[i + 1][2]);
      CHECK(o.at("amount") == (rows[i + 1][3].empty() ? "null" : rows[i + 1][3]));
      CHECK(o.at("message") == rows[i + 1][4]);
      CHECK(o.at("rule") == rows[i + 1][5]);
    }
  }

  SUBCASE("--as-of takes the date formats a clerk types, and every time rule uses it") {
    CHECK(db.Run({"warnings", "--as-of", "2026年11月23日", "--format", "csv"}).out == r.out);
    CHECK(db.Run({"warnings", "--as-of=2026/11/23", "--format", "csv"}).out == r.out);
    // Before LX2025-11's progress stopped there is nothing stalled to report.
    Result early = db.Run({"warnings", "--as-of", "2025-06-01", "--format", "csv"});
    REQUIRE(early.code == 0);
    CHECK(FindingsOf(ParseCsv(early.out), "LX2025-11", "STALLED").empty());
    // Without --as-of: today.
    Result today = db.Run({"warnings", "--format", "csv"});
    CHECK(today.code == 0);
    CHECK(Lines(today.out)[0] == kWarningsHeader);
  }

  SUBCASE("the table: Chinese headers, 万元 and a count by severity") {
    Result t = db.Run({"warnings", "--as-of", "2026-11-23"});
    REQUIRE(t.code == 0);
    for (const char* s : {"项目编号", "级别", "预警", "金额(万元)", "说明", "2026年11月23日",
                          "严重", "一般", "资金用途不符", "120.00"})
      CHECK_MESSAGE(Contains(t.out, s), s);
    CHECK(!Contains(t.out, "1200000.00"));
    CHECK(Contains(t.out, "共 " + std::to_string(rows.size() - 1) + " 条预警"));
    size_t errors = 0;
    for (size_t i = 1; i < rows.size(); ++i) errors += rows[i][2] == "error";
    CHECK(Contains(t.out, "严重 " + std::to_string(errors) + " 条"));
  }
}

TEST_CASE("warnings: a date that is not one is refused with exit 1") {
  DemoDb db;
  for (const char* bad : {"2026-13-01", "2026-02-30", "yesterday", ""}) {
    Result r = db.Run({"warnings", "--as-of", bad, "--format", "csv"});
    INFO("--as-of ", bad);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, "--as-of"));
    CHECK(Contains(r.err, "日期"));
  }
  CHECK(db.Run({"warnings", "--as-of"}).code == 2);
  CHECK(db.Run({"warnings", "--format", "pdf"}).code == 1);
}

TEST_CASE("gaps and warnings --help name the columns") {
  Result g2 = Cli({"gaps", "--help"});
  CHECK(g2.code == 0);
  CHECK(Contains(g2.out, kGapsHeader));
  for (const char* s : {"项目编号", "费用类别", "概算", "已落实资金", "资金缺口", "--basis",
                        "committed", "received", "万元"})
    CHECK_MESSAGE(Contains(g2.out, s), s);
  Result w = Cli({"warnings", "--help"});
  CHECK(w.code == 0);
  CHECK(Contains(w.out, kWarningsHeader));
  for (const char* s : {"error", "warning", "notice", "--as-of",
                        "项目编号", "级别", "预警", "金额(万元)", "说明"})
    CHECK_MESSAGE(Contains(w.out, s), s);
  Result all = Cli({"--help"});
  CHECK(Contains(all.out, "gaps"));
  CHECK(Contains(all.out, "warnings"));
}

TEST_CASE("db/0004: the payment-due and default-retention settings are stored with their defaults") {
  DemoDb db;
  auto database = sb::storage::Database::Open(db.path(), sb::storage::OpenMode::MustExist);
  CHECK(database->SchemaVersion() >= 4);
  auto settings = sb::storage::LoadSettings(*database);
  CHECK(settings.Text("rule.payment_due_days", "") == "30");
  CHECK(settings.Text("rule.default_retention_bp", "") == "300");
}

TEST_CASE("warnings --help lists every code of the registry, CLOSED_MONTH_CHANGED among them") {
  Result r = Cli({"warnings", "--help"});
  CHECK(r.code == 0);
  CHECK(sb::RuleCatalog().size() >= 18);
  CHECK(Contains(r.out, "预警代码（共 " + std::to_string(sb::RuleCatalog().size()) + " 个）"));
  for (const auto& rule : sb::RuleCatalog()) CHECK(Contains(r.out, "  " + std::string(rule.code) + "  "));
  CHECK(Contains(r.out, "CLOSED_MONTH_CHANGED  定稿后补录"));
  CHECK(Contains(r.out, "依据：《政府投资条例》第二十二条"));
}
