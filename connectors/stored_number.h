// Counters and positions the connectors keep in the store (checkpoints, aux keys) are decimal
// text; this reads one back, the whole value or nothing.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace callwatch::connectors {

[[nodiscard]] inline std::optional<std::uint64_t> parse_stored_number(std::string_view text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace callwatch::connectors
