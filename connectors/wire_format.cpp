#include "connectors/wire_format.h"

namespace callwatch::connectors {

std::optional<WireFormat> parse_wire_format(std::string_view s) {
  if (s == "callwatch") return WireFormat::Callwatch;
  if (s == "json") return WireFormat::Json;
  if (s == "connect-agent") return WireFormat::ConnectAgent;
  if (s == "connect-contact") return WireFormat::ConnectContact;
  if (s == "connect-ctr") return WireFormat::ConnectCtr;
  return std::nullopt;
}

std::string_view to_string(WireFormat f) {
  switch (f) {
    case WireFormat::Callwatch: return "callwatch";
    case WireFormat::Json: return "json";
    case WireFormat::ConnectAgent: return "connect-agent";
    case WireFormat::ConnectContact: return "connect-contact";
    case WireFormat::ConnectCtr: return "connect-ctr";
  }
  return "?";
}

}  // namespace callwatch::connectors
