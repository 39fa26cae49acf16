#include "codec/time.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

#include "codec/type_names.h"

namespace callwatch::codec {
namespace {

using namespace std::chrono;

// A cursor over the input that reports errors with the position (0-based) and the input.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  [[nodiscard]] bool at_end() const { return pos_ == s_.size(); }
  [[nodiscard]] std::size_t pos() const { return pos_; }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : s_[pos_]; }

  // Exactly `digits` ASCII digits, as a number; nullopt (position unchanged) otherwise.
  [[nodiscard]] std::optional<int> number(int digits) {
    int v = 0;
    for (int i = 0; i < digits; ++i) {
      const std::size_t p = pos_ + static_cast<std::size_t>(i);
      if (p >= s_.size() || s_[p] < '0' || s_[p] > '9') return std::nullopt;
      v = v * 10 + (s_[p] - '0');
    }
    pos_ += static_cast<std::size_t>(digits);
    return v;
  }
  [[nodiscard]] bool literal(char c) {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
  }
  void skip() { ++pos_; }

  [[nodiscard]] std::string error(std::string_view what) const {
    return fmt::format("invalid timestamp '{}': {}", detail::printable(s_), what);
  }
  // "expected 2-digit month at position 5, found 'x'"
  [[nodiscard]] std::string expected(std::string_view what) const {
    if (at_end())
      return error(fmt::format("expected {} at position {}, found end of input", what, pos_));
    return error(fmt::format("expected {} at position {}, found '{}'", what, pos_, shown(s_[pos_])));
  }

 private:
  static std::string shown(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string(1, c);
    return fmt::format("\\x{:02x}", u);
  }
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Writes `v` as exactly `digits` decimal digits at `p`.
char* put(char* p, unsigned v, int digits) {
  for (int i = digits - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + digits;
}

}  // namespace

std::string format_timestamp(Timestamp t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> tod{t - day};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {  // outside what RFC 3339 can spell; still print something readable
    return fmt::format("{:+05}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", y,
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                       tod.subseconds().count());
  }
  std::array<char, 24> buf{};  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  char* p = buf.data();
  p = put(p, static_cast<unsigned>(y), 4);
  *p++ = '-';
  p = put(p, static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  p = put(p, static_cast<unsigned>(ymd.day()), 2);
  *p++ = 'T';
  p = put(p, static_cast<unsigned>(tod.hours().count()), 2);
  *p++ = ':';
  p = put(p, static_cast<unsigned>(tod.minutes().count()), 2);
  *p++ = ':';
  p = put(p, static_cast<unsigned>(tod.seconds().count()), 2);
  *p++ = '.';
  p = put(p, static_cast<unsigned>(tod.subseconds().count()), 3);
  *p++ = 'Z';
  return std::string(buf.data(), static_cast<std::size_t>(p - buf.data()));
}

std::expected<Timestamp, std::string> parse_timestamp(std::string_view s) {
  if (s.empty()) return std::unexpected(std::string("invalid timestamp '': empty"));
  if (s.size() > 64)
    return std::unexpected(
        fmt::format("invalid timestamp: {} characters is too long for ISO-8601", s.size()));
  Scanner in(s);
  // YYYY-MM-DDThh:mm:ss, each number and the separator after it.
  struct Part {
    int digits;
    const char* what;
    char separator;  // 0: none
    const char* separator_what;
  };
  static constexpr std::array<Part, 6> kParts{{{4, "4-digit year", '-', "'-' after the year"},
                                               {2, "2-digit month", '-', "'-' after the month"},
                                               {2, "2-digit day", 'T', "'T' between date and time"},
                                               {2, "2-digit hour", ':', "':' after the hour"},
                                               {2, "2-digit minute", ':', "':' after the minute"},
                                               {2, "2-digit second", 0, ""}}};
  std::array<std::optional<int>, 6> n;
  for (std::size_t i = 0; i < kParts.size(); ++i) {
    n[i] = in.number(kParts[i].digits);
    if (!n[i]) return std::unexpected(in.expected(kParts[i].what));
    if (kParts[i].separator && !in.literal(kParts[i].separator))
      return std::unexpected(in.expected(kParts[i].separator_what));
  }
  const auto& [y, mo, d, h, mi, se] = n;

  int millis = 0;
  if (in.literal('.')) {
    int digits = 0;
    while (in.peek() >= '0' && in.peek() <= '9' && !in.at_end()) {
      if (digits == 9) return std::unexpected(in.error("fraction has more than 9 digits"));
      if (digits < 3) millis = millis * 10 + (in.peek() - '0');
      ++digits;
      in.skip();
    }
    if (digits == 0) return std::unexpected(in.expected("digits after '.'"));
    for (int i = digits; i < 3; ++i) millis *= 10;
  }

  int offset_minutes = 0;
  if (!in.literal('Z')) {
    int sign = 0;
    if (in.literal('+'))
      sign = 1;
    else if (in.literal('-'))
      sign = -1;
    else
      return std::unexpected(in.expected("time zone 'Z', '+HH:MM' or '-HH:MM'"));
    const auto oh = in.number(2);
    if (!oh) return std::unexpected(in.expected("2-digit offset hours"));
    if (!in.literal(':')) return std::unexpected(in.expected("':' in the offset (+HH:MM)"));
    const auto om = in.number(2);
    if (!om) return std::unexpected(in.expected("2-digit offset minutes"));
    if (*oh > 23 || *om > 59)
      return std::unexpected(in.error(fmt::format("offset {}{:02}:{:02} is out of range",
                                                  sign > 0 ? '+' : '-', *oh, *om)));
    offset_minutes = sign * (*oh * 60 + *om);
  }
  if (!in.at_end()) return std::unexpected(in.expected("end of timestamp"));

  if (*mo < 1 || *mo > 12) return std::unexpected(in.error(fmt::format("month {} is out of range 01-12", *mo)));
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) {
    const unsigned last = static_cast<unsigned>(
        year_month_day_last{year{*y}, month_day_last{month{static_cast<unsigned>(*mo)}}}.day());
    return std::unexpected(in.error(fmt::format("day {:02} does not exist in {:04}-{:02} (last day is {})",
                                                *d, *y, *mo, last)));
  }
  if (*h > 23) return std::unexpected(in.error(fmt::format("hour {} is out of range 00-23", *h)));
  if (*mi > 59)
    return std::unexpected(in.error(fmt::format("minute {} is out of range 00-59", *mi)));
  if (*se > 59)
    return std::unexpected(in.error(fmt::format("second {} is out of range 00-59", *se)));

  const sys_days date{ymd};
  return Timestamp{date} + hours{*h} + minutes{*mi} + seconds{*se} + milliseconds{millis} -
         minutes{offset_minutes};
}

}  // namespace callwatch::codec
