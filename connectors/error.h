// Errors of the connectors: one sentence naming what failed (the broker, the topic, the
// partition, the offset, the file and line). Nothing throws across this module's boundary.
#pragma once

#include <expected>
#include <string>

namespace callwatch::connectors {

struct ConnectorError {
  std::string message;
};

template <class T>
using Result = std::expected<T, ConnectorError>;
using Status = std::expected<void, ConnectorError>;

[[nodiscard]] inline std::unexpected<ConnectorError> connector_error(std::string message) {
  return std::unexpected(ConnectorError{std::move(message)});
}

}  // namespace callwatch::connectors
