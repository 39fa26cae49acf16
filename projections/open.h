// Opening a data directory for questions: the event store read-only (another process may be
// writing it) and the projections caught up to the store's head. What the command line's
// agents, queues, conversations, sessions, history and can do first.
#pragma once

#include <memory>
#include <string>

#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/runner.h"

namespace callwatch::projections {

// The store at `dir`, read-only; "there is no store at DIR" when there is none.
[[nodiscard]] Result<std::unique_ptr<eventstore::EventStore>> open_store_for_reading(const std::string& dir);

struct CaughtUp {
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<Projections> projections;
  FoldStats stats;  // what catching up folded
};

[[nodiscard]] Result<CaughtUp> open_caught_up(const std::string& dir, RunnerOptions options = {});

}  // namespace callwatch::projections
