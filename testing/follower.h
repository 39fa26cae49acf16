// Follower: runs a handler on its own thread for every event of a subscription (tests that
// need a live reader beside the writer).
#pragma once

#include <functional>
#include <memory>
#include <thread>

#include "eventstore/subscription.h"

namespace callwatch::testkit {

// Runs a handler on its own thread for every event after `after`, live. The handler returns
// false to stop. stop() (and the destructor) end the thread.
class Follower {
 public:
  using Handler = std::function<bool(const eventstore::RecordedEvent&)>;
  Follower(std::unique_ptr<eventstore::Subscription> subscription, Handler handler);
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;
  void stop();

 private:
  std::unique_ptr<eventstore::Subscription> subscription_;
  std::thread thread_;
};

}  // namespace callwatch::testkit
