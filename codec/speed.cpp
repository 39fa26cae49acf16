#include "codec/speed.h"

#include <fmt/format.h>

#include <charconv>

namespace callwatch::codec {

std::optional<double> parse_positive_number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !(v > 0))
    return std::nullopt;
  return v;
}

std::expected<Speed, std::string> parse_speed(std::string_view text) {
  if (text == "max") return Speed{};
  if (text == "realtime" || text == "REALTIME") return Speed{1.0};
  std::string_view number = text;
  if (number.ends_with('x') || number.ends_with('X')) number.remove_suffix(1);
  const auto v = parse_positive_number(number);
  if (!v || *v > 1e9)
    return std::unexpected(fmt::format(
        "speed '{}' must be 'max', 'realtime' or a positive factor such as '60x' or '0.5x'", text));
  return Speed{*v};
}

}  // namespace callwatch::codec
