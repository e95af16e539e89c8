// core/sha256.h and core/history.h: the digest, the chained text, the check code, and
// how an entry reads in words.
#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <regex>

#include "core/history.h"
#include "core/json.h"
#include "core/sha256.h"

using namespace sb;

TEST_CASE("sha256 gives the FIPS 180-4 test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.Update(chunk);
  CHECK(million.HexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: the processor's SHA instructions and the portable code give the same digests") {
  MESSAGE("SHA instructions used: " << std::string(Sha256Accelerated() ? "yes" : "no"));
  std::string text;
  uint32_t x = 12345;
  for (size_t n = 0; n <= 300; ++n) {  // every length across the block and padding edges
    CAPTURE(n);
    CHECK(Sha256Hex(text) == Sha256HexPortable(text));
    x = x * 1103515245u + 12345u;
    text += static_cast<char>(x >> 24);
  }
  // Fed in pieces that straddle the blocks, the same as whole.
  Sha256 pieces;
  for (size_t i = 0; i < text.size(); i += 7) pieces.Update(std::string_view(text).substr(i, 7));
  CHECK(pieces.HexDigest() == Sha256HexPortable(text));
  CHECK(Sha256HexPortable("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

namespace {
HistoryEntry PaymentEntry() {
  HistoryEntry e;
  e.id = 42;
  e.at = "2026-11-03T10:12:45";
  e.who = "张会计";
  e.action = "录入拨付 记-202611-0042";
  e.table = "payments";
  e.rowKey = "42";
  e.projectId = 3;
  e.op = "insert";
  e.newValues = R"({"id":42,"project_id":3,"contract_id":7,"source_id":2,"cost_category":"建安工程",)"
                R"("date":"2026-11-03","amount":85000000,"kind":"进度款","voucher":"记-202611-0042",)"
                R"("payee":"萍乡市城建集团","reverses_id":null,"note":""})";
  return e;
}
}  // namespace

TEST_CASE("history: a payment reads in words as the clerk would say it") {
  CHECK(DescribeEntry(PaymentEntry()) == "2026-11-03 10:12 张会计 录入拨付 记-202611-0042 85.00万元 → 萍乡市城建集团");
  HistoryEntry reversal = PaymentEntry();
  reversal.newValues = R"({"amount":-85000000,"voucher":"记-202611-0050","payee":"萍乡市城建集团"})";
  reversal.outside = true;
  CHECK(DescribeEntry(reversal) ==
        "2026-11-03 10:12 张会计 录入红字冲销 记-202611-0050 -85.00万元 → 萍乡市城建集团（程序外修改）");
}

TEST_CASE("history: an update says what changed, field by field, without row_version") {
  HistoryEntry e;
  e.at = "2026-11-04T08:00:00";
  e.who = "李工";
  e.table = "projects";
  e.op = "update";
  e.oldValues = R"({"code":"LX2025-01","name":"濂溪中学新建工程","status":"在建","row_version":3})";
  e.newValues = R"({"code":"LX2025-01","name":"濂溪中学新建工程","status":"完工","row_version":4})";
  CHECK(DescribeEntry(e) == "2026-11-04 08:00 李工 修改项目 LX2025-01 濂溪中学新建工程：状态 在建→完工");
}

TEST_CASE("history: the chained text does not depend on how an engine spaced or ordered its JSON") {
  HistoryEntry a = PaymentEntry(), b = PaymentEntry();
  b.newValues = R"({ "voucher": "记-202611-0042", "amount": 85000000, "id": 42, "project_id": 3,
                     "contract_id": 7, "source_id": 2, "cost_category": "建安工程", "date": "2026-11-03",
                     "kind": "进度款", "payee": "萍乡市城建集团", "reverses_id": null, "note": "" })";
  CHECK(CanonicalEntryText(a) == CanonicalEntryText(b));
  CHECK(ChainHash(kChainStart, a) == ChainHash(kChainStart, b));
  // Any field changed changes the hash; so does the link before it.
  HistoryEntry c = a;
  c.who = "王会计";
  CHECK(ChainHash(kChainStart, c) != ChainHash(kChainStart, a));
  CHECK(ChainHash(ChainHash(kChainStart, c), a) != ChainHash(kChainStart, a));
}

TEST_CASE("history: the canonical JSON keeps every byte, escaping exactly what JSON needs") {
  // The chain hashes this text: runs of plain bytes, escapes at the start, the end and
  // next to each other, a control byte, "\/" (read as "/"), a pair of UTF-16 halves.
  const std::string in =
      "{\"z\":\"\\\"x\\\"\",\"b\":\"a\\\"b\\\\c\\nd\\u0001\xC3\xA9\\/x\\t\\r\",\"a\":\"plain \xE8\xAE\xB0-1\","
      "\"c\":\"\",\"d\":\"\\\\\\\\\",\"e\":\"\\ud83d\\ude00\",\"n\":[1,-2,null,true,{\"k\":\"v\"}]}";
  const std::string out = json::Canonical(json::Parse(in, "测试"));
  CHECK(out ==
        "{\"a\":\"plain \xE8\xAE\xB0-1\",\"b\":\"a\\\"b\\\\c\\nd\\u0001\xC3\xA9/x\\t\\r\",\"c\":\"\","
        "\"d\":\"\\\\\\\\\",\"e\":\"\xF0\x9F\x98\x80\",\"n\":[1,-2,null,true,{\"k\":\"v\"}],\"z\":\"\\\"x\\\"\"}");
  CHECK(json::Parse(in, "测试")["b"].AsString() == "a\"b\\c\nd\x01\xC3\xA9/x\t\r");
  CHECK(json::Canonical(json::Parse(out, "测试")) == out);
  CHECK_THROWS(json::Parse("{\"a\":\"unterminated", "测试"));
  CHECK_THROWS(json::Parse("{\"a\":\"bad \\q escape\"}", "测试"));
  // Every byte value in a string written and read back.
  std::string all;
  for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
  json::Writer w;
  w.BeginObject();
  w.Key("s").String(all);
  w.EndObject();
  CHECK(json::Parse(w.str(), "测试")["s"].AsString() == all);
}

TEST_CASE("history: a row's JSON sorted as it stands is exactly what parsing and writing it canonically give") {
  // CanonicalText's shortcut for flat objects against Canonical(Parse(…)), on rows as
  // json_object writes them and on every near miss: escapes, control bytes, spaces,
  // numbers that are not in their shortest digits, duplicate keys, nesting, damage.
  const std::vector<std::string> keys = {"id", "amount", "a", "b", "note", "\xE5\xA4\x87", "ab", "", "row_version"};
  const std::vector<std::string> values = {
      "1", "0", "-7", "123456789012345678", "1234567890123456789", "-0", "007", "1.5", "1e3", "null", "true",
      "false", "\"\"", "\"plain\"", "\"\xE8\xAE\xB0-1\"", "\"a\\\"b\"", "\"a\\nb\"", "\"tab\tinside\"", "\"\\u0041\"",
      "\"a\\/b\"", "[1,2]", "{\"k\":1}", "nul", "tru", "\"open", "+1", " 1", "1 "};
  std::mt19937 rng(20261204);
  int flat = 0, parsed = 0, refused = 0, shortcut = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string t = "{";
    const int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      if (i) t += ',';
      t += "\"" + keys[rng() % keys.size()] + "\":" + values[rng() % values.size()];
    }
    t += "}";
    switch (rng() % 12) {  // now and then damage or reshape the whole
      case 0: t.insert(rng() % t.size(), " "); break;
      case 1: t.erase(rng() % t.size(), 1); break;
      case 2: t += "x"; break;
      default: break;
    }
    CAPTURE(t);
    std::optional<std::string> expected;
    try {
      expected = json::Canonical(json::Parse(t, "测试"));
    } catch (const Error&) {
    }
    if (auto quick = json::FlatCanonical(t)) {  // the shortcut alone: only where it is right
      ++shortcut;
      REQUIRE(expected.has_value());
      CHECK(*quick == *expected);
    }
    try {
      const std::string got = json::CanonicalText(t, "测试");
      REQUIRE(expected.has_value());
      CHECK(got == *expected);
      ++(got.size() == t.size() ? flat : parsed);
    } catch (const Error&) {
      CHECK_FALSE(expected.has_value());
      ++refused;
    }
  }
  MESSAGE(shortcut << " sorted as they stood, " << flat << " of the same length, " << parsed
                   << " shorter or longer, " << refused << " refused");
  CHECK(shortcut > 1000);
  CHECK(parsed > 1000);  // the rest went through the parser, with the same result
  CHECK(refused > 1000);
  // A payment's row as the history's view writes it: the shortcut's own case.
  const std::string row =
      "{\"id\":17,\"project_id\":3,\"contract_id\":null,\"source_id\":2,\"cost_category\":\"\xE5\xBB\xBA\xE5\xAE\x89\xE5\xB7\xA5\xE7\xA8\x8B\","
      "\"date\":\"2025-09-01\",\"amount\":1000000,\"kind\":\"\xE8\xBF\x9B\xE5\xBA\xA6\xE6\xAC\xBE\",\"voucher\":\"\xE8\xAE\xB0-17\","
      "\"payee\":\"\",\"reverses_id\":null,\"note\":\"\"}";
  REQUIRE(json::FlatCanonical(row).has_value());
  CHECK(json::CanonicalText(row, "测试") == json::Canonical(json::Parse(row, "测试")));
  CHECK(json::CanonicalText(row, "测试").rfind("{\"amount\":1000000,\"contract_id\":null,", 0) == 0);
}

TEST_CASE("history: the check code is four and four hex digits, fixed by month, head and snapshot") {
  std::string code = CheckCode(YearMonth(2026, 10), "abc", "{\"rows\":[]}");
  CHECK(std::regex_match(code, std::regex("[0-9A-F]{4}-[0-9A-F]{4}")));
  CHECK(CheckCode(YearMonth(2026, 10), "abc", "{\"rows\":[]}") == code);
  CHECK(CheckCode(YearMonth(2026, 11), "abc", "{\"rows\":[]}") != code);
  CHECK(CheckCode(YearMonth(2026, 10), "abd", "{\"rows\":[]}") != code);
  CHECK(CheckCode(YearMonth(2026, 10), "abc", "{\"rows\":[1]}") != code);
}
