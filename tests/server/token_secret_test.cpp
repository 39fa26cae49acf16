// Token secrets: shape, randomness (distinct draws), SHA-256 against a known vector, and the
// parser's refusal of anything that is not exactly a token.
#include <gtest/gtest.h>

#include <set>

#include "server/duration.h"
#include "server/token_secret.h"

namespace callwatch::server {
namespace {

TEST(TokenSecret, MadeTokensHaveTheShapeAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto t = make_token();
    ASSERT_TRUE(t.has_value()) << t.error();
    ASSERT_EQ(t->text.size(), kTokenLength);
    auto parts = split_token(t->text);
    ASSERT_TRUE(parts.has_value()) << t->text;
    EXPECT_EQ(parts->id, t->id);
    EXPECT_EQ(sha256_hex(parts->secret), t->secret_sha256);
    EXPECT_EQ(t->text.find(t->secret_sha256), std::string::npos);
    EXPECT_TRUE(seen.insert(std::string(parts->secret)).second);
  }
}

TEST(TokenSecret, Sha256OfKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenSecret, ConstantTimeEquality) {
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_TRUE(equal_constant_time("", ""));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
}

TEST(TokenSecret, SplitRefusesAnythingElse) {
  const std::string good = "cw_0123456789ab_" + std::string(64, 'f');
  ASSERT_TRUE(split_token(good).has_value());
  EXPECT_FALSE(split_token("").has_value());
  EXPECT_FALSE(split_token(good.substr(1)).has_value());
  EXPECT_FALSE(split_token(good + "f").has_value());
  EXPECT_FALSE(split_token("CW" + good.substr(2)).has_value());
  std::string upper = good;
  upper[20] = 'F';
  EXPECT_FALSE(split_token(upper).has_value());
  std::string no_sep = good;
  no_sep[15] = '-';
  EXPECT_FALSE(split_token(no_sep).has_value());
  std::string bad_id = good;
  bad_id[5] = 'g';
  EXPECT_FALSE(split_token(bad_id).has_value());
  std::string nul = good;
  nul[40] = '\0';
  EXPECT_FALSE(split_token(nul).has_value());
  std::string high = good;
  high[40] = '\xff';
  EXPECT_FALSE(split_token(high).has_value());
}

TEST(TokenLifetime, SmallStrictGrammar) {
  EXPECT_EQ(parse_lifetime("30m"), Duration{30 * 60'000});
  EXPECT_EQ(parse_lifetime("8h"), Duration{8 * 3'600'000});
  EXPECT_EQ(parse_lifetime("7d"), Duration{7LL * 86'400'000});
  EXPECT_EQ(parse_lifetime("366d"), kMaxTokenLifetime);
  for (const char* bad : {"", "8", "h", "0h", "08h", "-1h", "+1h", "1.5h", "8H", "1h30m", " 8h",
                          "8h ", "367d", "9000h", "99999999999d", "8s", "\xff" "h", "1\0h"})
    EXPECT_FALSE(parse_lifetime(bad).has_value()) << bad;
  EXPECT_FALSE(parse_lifetime(std::string_view("1\0h", 3)).has_value());
  EXPECT_FALSE(parse_lifetime(std::string(10'000, '9') + "d").has_value());
}

}  // namespace
}  // namespace callwatch::server
