// Questions answered by reading the log itself: a read model "as of" an earlier point
// (time travel), and the events of one contact (its history).
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/history.h"
#include "projections/model.h"

namespace callwatch::projections {

// A point in the log: a position, or a time (the prefix of the log up to the last event
// stamped at or before it, stopping at the first event stamped later).
struct AsOf {
  std::variant<Position, Timestamp> bound;

  // "12345" is a position; anything else must be an ISO-8601 time (codec/time.h).
  [[nodiscard]] static std::expected<AsOf, std::string> parse(std::string_view text);
};

struct ModelAsOf {
  ReadModel model;
  Position position = 0;  // last event folded (0: none)
  Timestamp now{};        // the time views measure to: the bound's time, or the model's clock
};

// Folds the log from position 1 up to `as_of` into a fresh model. Undecodable events are
// skipped and counted in `skipped`.
[[nodiscard]] Result<ModelAsOf> model_as_of(const eventstore::EventStore&, const AsOf& as_of,
                                            const ModelOptions& options, std::uint64_t* skipped = nullptr);

// The position `as_of` designates (for a time: the last event stamped at or before it).
[[nodiscard]] Result<Position> resolve(const eventstore::EventStore&, const AsOf& as_of);

// Every event of the contact's stream with position <= as_of, decoded, in log order.
[[nodiscard]] Result<std::vector<PositionedEvent>> contact_events(
    const eventstore::EventStore&, std::string_view contact,
    Position as_of = std::numeric_limits<Position>::max());

}  // namespace callwatch::projections
