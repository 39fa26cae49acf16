// Subscriptions: follow the log from a position, first catching up from disk, then live.
//
// A subscription is pulled by its owner's thread: next() returns the events after the last
// one it returned, reading them from RocksDB, and blocks (on a condition variable the writer
// signals when the committed head moves, no polling) when there is nothing new. The writer
// never waits for a subscriber: a slow one simply reads further behind, from disk.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

struct StoreImpl;

class Subscription {
 public:
  Subscription(std::shared_ptr<const StoreImpl> store, Position after);
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // 1..max_count events after position(), in log order. Blocks up to `timeout` for the first
  // one: TIMEOUT if none came, CLOSED after cancel() or when the store closes.
  [[nodiscard]] Result<std::vector<RecordedEvent>> next(std::size_t max_count,
                                                        std::chrono::milliseconds timeout);
  // The last position returned (the `after` given at creation until then).
  [[nodiscard]] Position position() const { return position_; }
  // Wakes a blocked next() with CLOSED; callable from any thread.
  void cancel();

 private:
  std::shared_ptr<const StoreImpl> store_;
  Position position_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace callwatch::eventstore
