#include "codec/time.h"

#include <gtest/gtest.h>

namespace callwatch::codec {
namespace {

using std::chrono::milliseconds;

Timestamp ms(std::int64_t v) { return Timestamp{milliseconds{v}}; }

constexpr std::int64_t k2026_11_23_0900 = 1'795'424'400'000;

std::string error_of(std::string_view s) {
  auto t = parse_timestamp(s);
  EXPECT_FALSE(t.has_value()) << s << " parsed as " << (t ? format_timestamp(*t) : "");
  return t ? std::string() : t.error();
}

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_timestamp(ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(ms(k2026_11_23_0900)), "2026-11-23T09:00:00.000Z");
  EXPECT_EQ(format_timestamp(ms(k2026_11_23_0900 + 7)), "2026-11-23T09:00:00.007Z");
  EXPECT_EQ(format_timestamp(ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(ms(951'782'400'000)), "2000-02-29T00:00:00.000Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, k2026_11_23_0900,
                         k2026_11_23_0900 + 999, std::int64_t{253'402'300'799'999}}) {
    auto t = parse_timestamp(format_timestamp(ms(v)));
    ASSERT_TRUE(t.has_value()) << t.error();
    EXPECT_EQ(*t, ms(v));
  }
}

TEST(Time, ParsesValidForms) {
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00Z"), ms(k2026_11_23_0900));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00.5Z"), ms(k2026_11_23_0900 + 500));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00.25Z"), ms(k2026_11_23_0900 + 250));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00.123Z"), ms(k2026_11_23_0900 + 123));
  // Fractions finer than a millisecond are truncated, not rounded.
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00.123999Z"), ms(k2026_11_23_0900 + 123));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00.999999999Z"), ms(k2026_11_23_0900 + 999));
  EXPECT_EQ(parse_timestamp("2024-02-29T00:00:00Z"), ms(1'709'164'800'000));
}

TEST(Time, AppliesOffsets) {
  EXPECT_EQ(parse_timestamp("2026-11-23T10:00:00+01:00"), ms(k2026_11_23_0900));
  EXPECT_EQ(parse_timestamp("2026-11-23T04:30:00-04:30"), ms(k2026_11_23_0900));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00+00:00"), ms(k2026_11_23_0900));
  EXPECT_EQ(parse_timestamp("2026-11-23T09:00:00-00:00"), ms(k2026_11_23_0900));
  // Crossing midnight and the year boundary.
  EXPECT_EQ(parse_timestamp("2027-01-01T00:30:00.250+14:00"),
            parse_timestamp("2026-12-31T10:30:00.250Z"));
  EXPECT_EQ(parse_timestamp("2026-12-31T23:00:00-23:59"),
            parse_timestamp("2027-01-01T22:59:00Z"));
}

TEST(Time, RejectsInvalidDatesPrecisely) {
  EXPECT_EQ(error_of("2026-02-30T00:00:00Z"),
            "invalid timestamp '2026-02-30T00:00:00Z': day 30 does not exist in 2026-02 (last "
            "day is 28)");
  EXPECT_EQ(error_of("2025-02-29T00:00:00Z"),
            "invalid timestamp '2025-02-29T00:00:00Z': day 29 does not exist in 2025-02 (last "
            "day is 28)");
  EXPECT_EQ(error_of("2026-04-31T00:00:00Z"),
            "invalid timestamp '2026-04-31T00:00:00Z': day 31 does not exist in 2026-04 (last "
            "day is 30)");
  EXPECT_EQ(error_of("2026-13-01T00:00:00Z"),
            "invalid timestamp '2026-13-01T00:00:00Z': month 13 is out of range 01-12");
  EXPECT_EQ(error_of("2026-00-01T00:00:00Z"),
            "invalid timestamp '2026-00-01T00:00:00Z': month 0 is out of range 01-12");
  EXPECT_NE(error_of("2026-01-00T00:00:00Z").find("day 00 does not exist in 2026-01"),
            std::string::npos);
}

TEST(Time, RejectsInvalidTimesPrecisely) {
  EXPECT_EQ(error_of("2026-11-23T24:00:00Z"),
            "invalid timestamp '2026-11-23T24:00:00Z': hour 24 is out of range 00-23");
  EXPECT_EQ(error_of("2026-11-23T09:60:00Z"),
            "invalid timestamp '2026-11-23T09:60:00Z': minute 60 is out of range 00-59");
  EXPECT_EQ(error_of("2026-11-23T09:00:60Z"),
            "invalid timestamp '2026-11-23T09:00:60Z': second 60 is out of range 00-59");
  EXPECT_EQ(error_of("2026-11-23T09:00:00+24:00"),
            "invalid timestamp '2026-11-23T09:00:00+24:00': offset +24:00 is out of range");
  EXPECT_EQ(error_of("2026-11-23T09:00:00-01:60"),
            "invalid timestamp '2026-11-23T09:00:00-01:60': offset -01:60 is out of range");
}

TEST(Time, RejectsGarbagePrecisely) {
  EXPECT_EQ(error_of(""), "invalid timestamp '': empty");
  EXPECT_EQ(error_of("yesterday"),
            "invalid timestamp 'yesterday': expected 4-digit year at position 0, found 'y'");
  EXPECT_EQ(error_of("2026-11-23"),
            "invalid timestamp '2026-11-23': expected 'T' between date and time at position "
            "10, found end of input");
  EXPECT_EQ(error_of("2026-11-23 09:00:00Z"),
            "invalid timestamp '2026-11-23 09:00:00Z': expected 'T' between date and time at "
            "position 10, found ' '");
  EXPECT_EQ(error_of("2026-11-23T09:00:00"),
            "invalid timestamp '2026-11-23T09:00:00': expected time zone 'Z', '+HH:MM' or "
            "'-HH:MM' at position 19, found end of input");
  EXPECT_EQ(error_of("2026-11-23T09:00:00z"),
            "invalid timestamp '2026-11-23T09:00:00z': expected time zone 'Z', '+HH:MM' or "
            "'-HH:MM' at position 19, found 'z'");
  EXPECT_EQ(error_of("2026-11-23T09:00:00.Z"),
            "invalid timestamp '2026-11-23T09:00:00.Z': expected digits after '.' at position "
            "20, found 'Z'");
  EXPECT_EQ(error_of("2026-11-23T09:00:00.1234567890Z"),
            "invalid timestamp '2026-11-23T09:00:00.1234567890Z': fraction has more than 9 "
            "digits");
  EXPECT_EQ(error_of("2026-11-23T09:00:00ZZ"),
            "invalid timestamp '2026-11-23T09:00:00ZZ': expected end of timestamp at position "
            "20, found 'Z'");
  EXPECT_EQ(error_of("2026-11-23T09:00:00+0100"),
            "invalid timestamp '2026-11-23T09:00:00+0100': expected ':' in the offset (+HH:MM) "
            "at position 22, found '0'");
  EXPECT_EQ(error_of("2026-1-23T09:00:00Z"),
            "invalid timestamp '2026-1-23T09:00:00Z': expected 2-digit month at position 5, "
            "found '1'");
  EXPECT_EQ(error_of("+2026-11-23T09:00:00Z"),
            "invalid timestamp '+2026-11-23T09:00:00Z': expected 4-digit year at position 0, "
            "found '+'");
  EXPECT_EQ(error_of(std::string_view("2026\0-11", 8)),
            "invalid timestamp '2026\\x00-11': expected '-' after the year at position 4, found "
            "'\\x00'");
  EXPECT_NE(error_of(std::string(100, '9')).find("too long"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::codec
