#include "server/duration.h"

#include <cstdint>

namespace callwatch::server {

Result<Duration> parse_lifetime(std::string_view text) {
  const auto bad = [] {
    return error(ErrorCode::InvalidInput,
                 "a lifetime is a positive whole number and a unit m, h or d (30m, 8h, 7d), at most 366d");
  };
  if (text.size() < 2 || text.size() > 8 || text[0] < '1' || text[0] > '9') return bad();
  std::int64_t n = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return bad();
    n = n * 10 + (c - '0');  // at most 7 digits: no overflow
  }
  std::int64_t unit_ms = 0;
  switch (text.back()) {
    case 'm': unit_ms = 60'000; break;
    case 'h': unit_ms = 3'600'000; break;
    case 'd': unit_ms = 86'400'000; break;
    default: return bad();
  }
  const Duration d{n * unit_ms};
  if (d > kMaxTokenLifetime) return bad();
  return d;
}

}  // namespace callwatch::server
