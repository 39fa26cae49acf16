// Wire names of command and event types, indexed like the CommandBody / EventBody variants,
// and the reverse lookup the decoders need. Internal to codec/.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/commands.h"
#include "domain/events.h"
#include "domain/names.h"

namespace callwatch::codec::detail {

// The domain owns the names (domain/names.h); the codec adds the reverse lookup.
inline constexpr const auto& kCommandTypeNames = callwatch::detail::kCommandNames;
inline constexpr const auto& kEventTypeNames = callwatch::kEventNames;

static_assert(std::variant_size_v<CommandBody> == kCommandTypeNames.size());

template <std::size_t N>
[[nodiscard]] constexpr std::optional<std::size_t> index_of(
    const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

[[nodiscard]] inline std::string_view event_type_name(const EventBody& b) {
  return kEventTypeNames[b.index()];
}
[[nodiscard]] inline std::string_view command_type_name(const CommandBody& b) {
  return kCommandTypeNames[b.index()];
}

// For error messages: at most 64 characters of untrusted text, anything but printable ASCII
// escaped as \xNN, so a message never carries control bytes or megabytes of input.
[[nodiscard]] std::string printable(std::string_view untrusted);

}  // namespace callwatch::codec::detail
