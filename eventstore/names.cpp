// Wire names of the store's small enumerations.
#include <fmt/format.h>

#include "eventstore/error.h"
#include "eventstore/options.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

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
