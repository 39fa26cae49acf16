// Errors of the connectors: the project's one Error (domain/error.h), one sentence naming
// what failed (the broker, the topic, the partition, the offset, the file and line): code
// Failed, made by connector_error(message). Nothing throws across this module's boundary.
// ConnectorError is the former name, kept as an alias.
#pragma once

#include <string>

#include "domain/error.h"

namespace callwatch::connectors {

using ConnectorError = Error;
using callwatch::Result;
using callwatch::Status;
[[nodiscard]] inline std::unexpected<Error> connector_error(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

}  // namespace callwatch::connectors
