// LiveModel: the server's read models, kept live by following the log.
//
// One follower thread owns the writes: at start it catches the projections up from their
// checkpoint (projections/runner.h), then follows the store with a subscription (pushed by
// the engine's appends, no polling) and folds each new event under an exclusive lock,
// publishing each as a Change to the live feed (change_feed.h). Readers take the shared
// lock for the time of one view, so many requests read at once and none sees a half-folded
// event. The projections commit every `commit_interval` and once more at stop().
//
// Read-your-writes: when_at(P) calls back once the model has folded position P (or when its
// deadline passes), from the follower's thread; nobody blocks while waiting.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"
#include "projections/event_reader.h"
#include "projections/runner.h"
#include "projections/tokens.h"
#include "server/change_feed.h"

namespace callwatch::server {

class LiveModel {
 public:
  using Clock = std::chrono::steady_clock;

  // Opens the projections of `store` (which must outlive this) and starts the follower.
  [[nodiscard]] static projections::Result<std::unique_ptr<LiveModel>> start(
      const eventstore::EventStore& store, ChangeFeed& feed, projections::RunnerOptions options = {});
  ~LiveModel();
  LiveModel(const LiveModel&) = delete;
  LiveModel& operator=(const LiveModel&) = delete;

  // Ends the follower (folding nothing more), fails the waiters, commits. Idempotent.
  void stop();

  // Caught up with the log as it was at start (the follower is live).
  [[nodiscard]] bool ready() const { return ready_.load(); }
  // The follower failed (the store or the projections database): its message, else empty.
  [[nodiscard]] std::string failure() const;
  // Last position folded.
  [[nodiscard]] Position position() const { return position_.load(); }

  // Runs f(const Projections&) under the shared lock and returns its result.
  template <class F>
  auto read(F&& f) const {
    std::shared_lock l(mu_);
    return f(static_cast<const projections::Projections&>(*projections_));
  }

  // Calls then(true) once position() >= p, or then(false) at `deadline` or at stop(). At
  // once, on this thread, when p is already folded.
  void when_at(Position p, Clock::time_point deadline, std::function<void(bool)> then);

  [[nodiscard]] const eventstore::EventStore& store() const { return store_; }
  // The API tokens, folded by the same follower (thread-safe on its own; a revocation is
  // seen by every authentication after the follower folded it: see when_at()).
  [[nodiscard]] const projections::TokenTable& tokens() const { return tokens_; }

 private:
  LiveModel(const eventstore::EventStore& store, ChangeFeed& feed);
  void run();
  void fire_waiters(bool stopping);

  const eventstore::EventStore& store_;
  ChangeFeed& feed_;
  std::unique_ptr<projections::Projections> projections_;
  projections::TokenTable tokens_;
  mutable std::shared_mutex mu_;
  projections::EventReader reader_;  // the follower's
  std::atomic<Position> position_{0};
  std::atomic<bool> ready_{false};
  std::atomic<bool> stop_{false};
  std::chrono::milliseconds commit_interval_{1000};
  std::unique_ptr<eventstore::Subscription> sub_;
  std::mutex sub_mu_;

  struct Waiter {
    Position position;
    Clock::time_point deadline;
    std::function<void(bool)> then;
  };
  mutable std::mutex waiters_mu_;
  std::vector<Waiter> waiters_;
  std::string failure_;  // under waiters_mu_
  std::thread thread_;
};

}  // namespace callwatch::server
