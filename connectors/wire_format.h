// What a Kafka record's value holds.
//   callwatch: one Cap'n Proto event envelope (codec/event_codec.h, docs/event-format.md): a
//              fact, appended as it is, idempotently by its event id.
//   json:      one callwatch JSON command (codec/json.h, docs/commands.md), decided by the
//              rules exactly as `callwatch apply` decides it. Published: one JSON event.
// The Amazon Connect stream formats will join this list.
#pragma once

#include <optional>
#include <string_view>

namespace callwatch::connectors {

enum class WireFormat : unsigned char { Callwatch, Json };

[[nodiscard]] std::optional<WireFormat> parse_wire_format(std::string_view);
[[nodiscard]] std::string_view to_string(WireFormat);

}  // namespace callwatch::connectors
