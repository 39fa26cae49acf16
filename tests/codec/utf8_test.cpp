// codec/utf8.h on the classic edge cases (Markus Kuhn's UTF-8 decoder stress test, Unicode
// Table 3-7 and its §3.9 maximal-subpart examples), and make_valid_utf8 against nlohmann's
// own `replace` handler on random bytes: the project has one replacement rule, not two.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "codec/utf8.h"

namespace callwatch::codec {
namespace {

std::optional<std::size_t> bad_at(std::string_view s) {
  auto e = find_invalid_utf8(s);
  if (!e) return std::nullopt;
  return e->offset;
}

TEST(Utf8, AcceptsWellFormedText) {
  for (std::string_view s : {"", "plain ascii", "caf\xC3\xA9", "\xE2\x82\xAC 10",
                             "\xF0\x9F\x98\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                             "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBD", "\xC2\x80", "\xDF\xBF",
                             "\xE0\xA0\x80", "\xF0\x90\x80\x80"}) {
    EXPECT_TRUE(is_valid_utf8(s)) << s;
    EXPECT_EQ(make_valid_utf8(s), s);
  }
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3))) << "NUL is a code point";
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_EQ(bad_at("\xC0\xAF"), 0u);          // '/' in two bytes
  EXPECT_EQ(bad_at("\xC1\xBF"), 0u);
  EXPECT_EQ(bad_at("ab\xE0\x80\xAF"), 2u);    // three bytes
  EXPECT_EQ(bad_at("\xE0\x9F\xBF"), 0u);      // U+07FF in three bytes
  EXPECT_EQ(bad_at("\xF0\x80\x80\xAF"), 0u);  // four bytes
  EXPECT_EQ(bad_at("\xF0\x8F\xBF\xBF"), 0u);  // U+FFFF in four bytes
}

TEST(Utf8, RejectsSurrogates) {
  EXPECT_EQ(bad_at("\xED\xA0\x80"), 0u);  // U+D800
  EXPECT_EQ(bad_at("x\xED\xAD\xBF"), 1u);
  EXPECT_EQ(bad_at("\xED\xBF\xBF"), 0u);  // U+DFFF
  EXPECT_EQ(bad_at("\xED\xA0\x80\xED\xB0\x80"), 0u);  // a CESU-8 pair
}

TEST(Utf8, RejectsCodePointsAboveTheLast) {
  EXPECT_EQ(bad_at("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(bad_at("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(bad_at("\xF8\x88\x80\x80\x80"), 0u);  // old five-byte form
  EXPECT_EQ(bad_at("\xFC\x84\x80\x80\x80\x80"), 0u);
  EXPECT_EQ(bad_at("\xFE"), 0u);
  EXPECT_EQ(bad_at("\xFF"), 0u);
}

TEST(Utf8, RejectsTruncatedSequencesAndStrayContinuations) {
  EXPECT_EQ(bad_at("abc\xC3"), 3u);
  EXPECT_EQ(bad_at("\xE2\x82"), 0u);
  EXPECT_EQ(bad_at("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(bad_at("\xE2\x82x"), 0u);
  EXPECT_EQ(bad_at("\x80"), 0u);
  EXPECT_EQ(bad_at("ok\xBF"), 2u);
  EXPECT_EQ(bad_at("\xC3\xA9\x80"), 2u);
}

TEST(Utf8, FindsTheFirstBadBytePastLongAsciiRuns) {
  std::string s(1000, 'a');
  s += "\xC3\xA9";
  s += std::string(37, 'b');
  EXPECT_TRUE(is_valid_utf8(s));
  s[517] = '\xD9';
  EXPECT_EQ(bad_at(s), 517u);
}

TEST(Utf8, ReplacesEachMaximalSubpartWithOneReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  // Unicode 15 §3.9, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> a R R R b R c R R d
  EXPECT_EQ(make_valid_utf8("a\xF1\x80\x80\xE1\x80\xC2" "b\x80" "c\x80\xBF" "d"),
            "a" + r + r + r + "b" + r + "c" + r + r + "d");
  EXPECT_EQ(make_valid_utf8("\xC0\xAF"), r + r);           // C0 never leads
  EXPECT_EQ(make_valid_utf8("\xED\xA0\x80"), r + r + r);   // A0 is not a valid second byte
  EXPECT_EQ(make_valid_utf8("\xF0\x9F\x98"), r);           // one truncated sequence
  EXPECT_EQ(make_valid_utf8("t\xD9pe"), "t" + r + "pe");
  EXPECT_TRUE(is_valid_utf8(make_valid_utf8("\xFF\xFE\xFD")));
}

TEST(Utf8, DescribeNamesTheOffsetAndTheBytes) {
  EXPECT_EQ(describe(*find_invalid_utf8("{\"t\xD9pe\""), "{\"t\xD9pe\""),
            "not valid UTF-8 at byte offset 3 (0xd9)");
  EXPECT_EQ(describe(*find_invalid_utf8("ab\xE2\x82"), "ab\xE2\x82"),
            "not valid UTF-8 at byte offset 2 (0xe2 0x82: a sequence cut short)");
}

TEST(Utf8, AgreesWithNlohmannReplaceOnRandomBytes) {
  std::mt19937_64 rng(3629);
  const unsigned char interesting[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                       0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF,
                                       0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  for (int i = 0; i < 20'000; ++i) {
    std::string s(rng() % 12, '\0');
    for (char& c : s)
      c = static_cast<char>(rng() % 3 ? interesting[rng() % sizeof interesting] : rng() & 0xFF);
    const std::string ours = make_valid_utf8(s);
    ASSERT_TRUE(is_valid_utf8(ours));
    EXPECT_EQ(is_valid_utf8(s), ours == s);
    // nlohmann's dump with `replace` (no ASCII escaping), unquoted and unescaped again.
    const std::string theirs =
        nlohmann::json::parse(nlohmann::json(s).dump(-1, ' ', false,
                                                     nlohmann::json::error_handler_t::replace))
            .get<std::string>();
    ASSERT_EQ(ours, theirs) << "input " << nlohmann::json(ours).dump();
  }
}

}  // namespace
}  // namespace callwatch::codec
