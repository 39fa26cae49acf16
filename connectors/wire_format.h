// What a Kafka record's value holds.
//   callwatch: one Cap'n Proto event envelope (codec/event_codec.h, docs/event-format.md): a
//              fact, appended as it is, idempotently by its event id.
//   json:      one callwatch JSON command (codec/json.h, docs/commands.md), decided by the
//              rules exactly as `callwatch apply` decides it. Published: one JSON event.
//   connect-agent, connect-contact, connect-ctr: Amazon Connect's agent event stream, contact
//              events and contact records (connectors/connect_translator.h,
//              docs/connect-mapping.md): translated into facts. Ingest only.
#pragma once

#include <optional>
#include <string_view>

namespace callwatch::connectors {

enum class WireFormat : unsigned char { Callwatch, Json, ConnectAgent, ConnectContact, ConnectCtr };

[[nodiscard]] inline bool is_connect(WireFormat f) {
  return f == WireFormat::ConnectAgent || f == WireFormat::ConnectContact || f == WireFormat::ConnectCtr;
}

[[nodiscard]] std::optional<WireFormat> parse_wire_format(std::string_view);
[[nodiscard]] std::string_view to_string(WireFormat);

}  // namespace callwatch::connectors
