// The one --speed grammar: max | realtime | Nx.
#include <gtest/gtest.h>

#include "codec/speed.h"

namespace callwatch::codec {
namespace {

TEST(Speed, MaxRealtimeAndFactors) {
  EXPECT_EQ(*parse_speed("max"), std::nullopt);
  EXPECT_DOUBLE_EQ(**parse_speed("realtime"), 1.0);
  EXPECT_DOUBLE_EQ(**parse_speed("REALTIME"), 1.0);
  EXPECT_DOUBLE_EQ(**parse_speed("60x"), 60.0);
  EXPECT_DOUBLE_EQ(**parse_speed("60X"), 60.0);
  EXPECT_DOUBLE_EQ(**parse_speed("0.5x"), 0.5);
  EXPECT_DOUBLE_EQ(**parse_speed("12"), 12.0);
}

TEST(Speed, AnythingElseIsRefusedWithTheGrammar) {
  for (const char* bad : {"", "x", "fast", "-2x", "0x", "60xx", "1e12", "Max", "nan", "inf", " 60x", "60x "}) {
    auto s = parse_speed(bad);
    ASSERT_FALSE(s.has_value()) << bad;
    EXPECT_NE(s.error().find("'max', 'realtime'"), std::string::npos) << s.error();
  }
}

TEST(Speed, PositiveNumbers) {
  EXPECT_DOUBLE_EQ(*parse_positive_number("300"), 300.0);
  EXPECT_DOUBLE_EQ(*parse_positive_number("2.5"), 2.5);
  for (const char* bad : {"", "0", "-1", "3x", "abc", "1 "}) EXPECT_FALSE(parse_positive_number(bad)) << bad;
}

}  // namespace
}  // namespace callwatch::codec
