// Hooks into an EventStore's internals for tests and benchmarks; production code never links
// callwatch_testing, so none of this is part of the store's API.
#pragma once

#include <chrono>

#include "eventstore/event_store.h"

namespace callwatch::eventstore {

struct StoreTestAccess {
  // Blocks until the background stream index covers `position`; false when `timeout` ran out.
  // Stream reads are only as fresh as the index; tests and benchmarks that measure them wait.
  [[nodiscard]] static bool wait_indexed(const EventStore& store, Position position,
                                         std::chrono::milliseconds timeout);
};

}  // namespace callwatch::eventstore

namespace callwatch::testkit {
// wait_indexed(store, store.last_position()): the index covers everything committed.
[[nodiscard]] inline bool wait_indexed(const eventstore::EventStore& store,
                                       std::chrono::milliseconds timeout) {
  return eventstore::StoreTestAccess::wait_indexed(store, store.last_position(), timeout);
}
}  // namespace callwatch::testkit
