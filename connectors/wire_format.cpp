#include "connectors/wire_format.h"

namespace callwatch::connectors {

std::optional<WireFormat> parse_wire_format(std::string_view s) {
  if (s == "callwatch") return WireFormat::Callwatch;
  if (s == "json") return WireFormat::Json;
  return std::nullopt;
}

std::string_view to_string(WireFormat f) {
  switch (f) {
    case WireFormat::Callwatch: return "callwatch";
    case WireFormat::Json: return "json";
  }
  return "?";
}

}  // namespace callwatch::connectors
