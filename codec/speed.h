// Speed: how fast a simulated or replayed day runs against the wall clock. One grammar for
// every command that takes --speed (simulate, replay, and serve --simulate):
//   max        as fast as possible (no pacing)
//   realtime   1x (also REALTIME)
//   Nx or N    N times real time, N positive and at most 1e9 ("60x", "0.5x", "12")
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace callwatch::codec {

// nullopt is `max`; a value is the factor.
using Speed = std::optional<double>;

// The speed, or a sentence saying what the grammar accepts.
[[nodiscard]] std::expected<Speed, std::string> parse_speed(std::string_view text);

// A positive decimal number with nothing after it ("300", "2.5"), or nullopt.
[[nodiscard]] std::optional<double> parse_positive_number(std::string_view text);

}  // namespace callwatch::codec
