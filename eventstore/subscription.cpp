#include "eventstore/subscription.h"

#include "eventstore/store_impl.h"

namespace callwatch::eventstore {

Subscription::Subscription(std::shared_ptr<const StoreImpl> store, Position after)
    : store_(std::move(store)), position_(after) {}

Result<std::vector<RecordedEvent>> Subscription::next(std::size_t max_count,
                                                      std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (cancelled_.load() || store_->closing.load())
      return store_error(StoreErrorCode::Closed, "subscription closed");
    if (store_->head.load(std::memory_order_acquire) > position_) {
      // Catch up (or take what is new) straight from RocksDB: the writer never buffers for us.
      auto c = store_->cursor(position_ + 1);
      if (!c) return std::unexpected(c.error());
      std::vector<RecordedEvent> out;
      for (; c->valid() && out.size() < std::max<std::size_t>(max_count, 1); c->next())
        out.emplace_back(c->event());
      if (!c->status()) return std::unexpected(c->status().error());
      if (!out.empty()) position_ = out.back().position;
      return out;
    }
    std::unique_lock l(store_->head_mu);
    bool woke = store_->head_cv.wait_until(l, deadline, [&] {
      return store_->head.load(std::memory_order_acquire) > position_ || cancelled_.load() ||
             store_->closing.load();
    });
    if (!woke) return store_error(StoreErrorCode::Timeout, "no new events");
  }
}

void Subscription::cancel() {
  cancelled_.store(true);
  {
    std::lock_guard l(store_->head_mu);
  }
  store_->head_cv.notify_all();
}

}  // namespace callwatch::eventstore
