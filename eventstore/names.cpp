// Wire names of the store's small enumerations.
#include <fmt/format.h>

#include "eventstore/error.h"
#include "eventstore/options.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

std::string_view to_string(StoreErrorCode code) {
  switch (code) {
    case StoreErrorCode::WrongExpectedVersion: return "WRONG_EXPECTED_VERSION";
    case StoreErrorCode::DuplicateEventId: return "DUPLICATE_EVENT_ID";
    case StoreErrorCode::InvalidArgument: return "INVALID_ARGUMENT";
    case StoreErrorCode::NotAStore: return "NOT_A_STORE";
    case StoreErrorCode::SchemaTooNew: return "SCHEMA_TOO_NEW";
    case StoreErrorCode::Corruption: return "CORRUPTION";
    case StoreErrorCode::InUse: return "IN_USE";
    case StoreErrorCode::ReadOnly: return "READ_ONLY";
    case StoreErrorCode::IoError: return "IO_ERROR";
    case StoreErrorCode::Closed: return "CLOSED";
    case StoreErrorCode::Timeout: return "TIMEOUT";
  }
  return "UNKNOWN";
}

std::string_view to_string(Durability d) { return d == Durability::Sync ? "sync" : "wal"; }

std::optional<Durability> parse_durability(std::string_view s) {
  if (s == "sync") return Durability::Sync;
  if (s == "wal") return Durability::Wal;
  return std::nullopt;
}

std::string ExpectedVersion::describe() const {
  switch (kind_) {
    case Kind::Any: return "any version";
    case Kind::NoStream: return "no stream (version 0)";
    case Kind::StreamExists: return "an existing stream";
    case Kind::Exact: return fmt::format("version {}", version_);
  }
  return "?";
}

}  // namespace callwatch::eventstore
