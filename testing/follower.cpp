#include "testing/follower.h"

namespace callwatch::testkit {

using eventstore::RecordedEvent;
using eventstore::StoreErrorCode;
using eventstore::Subscription;

Follower::Follower(std::unique_ptr<Subscription> subscription, Handler handler)
    : subscription_(std::move(subscription)) {
  thread_ = std::thread([sub = subscription_.get(), handler = std::move(handler)] {
    for (;;) {
      auto events = sub->next(1024, std::chrono::seconds(1));
      if (!events) {
        if (events.error().code == StoreErrorCode::Timeout) continue;
        return;
      }
      for (const RecordedEvent& e : *events)
        if (!handler(e)) return;
    }
  });
}

Follower::~Follower() { stop(); }

void Follower::stop() {
  subscription_->cancel();
  if (thread_.joinable()) thread_.join();
}

}  // namespace callwatch::testkit
