// Replay at speed: the log folded into a fresh read model with its original timing scaled
// (60x: an hour of log in a minute), or as fast as possible (max). What `callwatch replay`
// runs; progress is reported through a callback about once per `progress_every`.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/log_queries.h"
#include "projections/model.h"

namespace callwatch::projections {

struct ReplayProgress {
  Position position = 0;  // last folded
  Position last = 0;      // the last position this replay will fold
  std::uint64_t events = 0;
  Timestamp log_time{};   // time of the last folded event
  double seconds = 0;     // wall time since the start
  [[nodiscard]] double events_per_second() const { return seconds > 0 ? events / seconds : 0; }
};

struct ReplayOptions {
  std::optional<double> speed;  // nullopt: as fast as possible (codec::parse_speed's `max`)
  Position from = 1;
  std::optional<AsOf> until;    // stop after this point (inclusive)
  // With a speed: a quiet stretch of the log longer than this (a night) is replayed as if it
  // lasted only this long. nullopt: every gap at its scaled length.
  std::optional<Duration> max_gap;
  std::chrono::milliseconds progress_every{1000};
  std::function<void(const ReplayProgress&)> progress;  // may be empty
};

struct ReplayResult {
  ReplayProgress final;
  std::uint64_t skipped = 0;  // undecodable events
  Timestamp first_time{};     // time of the first folded event
};

// Folds events [from, until] into `model` (which keeps whatever it held before).
[[nodiscard]] Result<ReplayResult> replay(const eventstore::EventStore&, ReadModel& model,
                                          const ReplayOptions& options);

}  // namespace callwatch::projections
