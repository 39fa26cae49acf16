// Token lifetimes as people type them: `30m`, `8h`, `7d`.
//
// The grammar is small on purpose: a positive decimal number without sign, leading zero,
// space or fraction, then one unit, m (minutes), h (hours) or d (days); at most 366 days.
// Anything else (empty, `8`, `8H`, `1h30m`, `-1h`, `0d`, `99999999999d`, bytes that are not
// ASCII) is an error naming the grammar, never a crash or an overflow.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/time.h"

namespace callwatch::server {

inline constexpr Duration kMaxTokenLifetime{366LL * 24 * 3600 * 1000};

// Error: INVALID_INPUT, the message states the grammar (never repeats the input).
[[nodiscard]] Result<Duration> parse_lifetime(std::string_view text);

}  // namespace callwatch::server
