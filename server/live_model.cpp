#include "server/live_model.h"

#include <fmt/format.h>

#include "eventstore/subscription.h"

namespace callwatch::server {

LiveModel::LiveModel(const eventstore::EventStore& store, ChangeFeed& feed) : store_(store), feed_(feed) {}

projections::Result<std::unique_ptr<LiveModel>> LiveModel::start(const eventstore::EventStore& store,
                                                                   ChangeFeed& feed,
                                                                   projections::RunnerOptions options) {
  std::unique_ptr<LiveModel> m(new LiveModel(store, feed));
  m->commit_interval_ = options.commit_interval;
  auto p = projections::Projections::open(store, options);
  if (!p) return std::unexpected(p.error());
  m->projections_ = std::move(*p);
  m->thread_ = std::thread([raw = m.get()] { raw->run(); });
  return m;
}

LiveModel::~LiveModel() { stop(); }

void LiveModel::stop() {
  if (stop_.exchange(true)) {
    if (thread_.joinable()) thread_.join();
    return;
  }
  {
    std::lock_guard l(sub_mu_);
    if (sub_) sub_->cancel();
  }
  if (thread_.joinable()) thread_.join();
  fire_waiters(true);
  std::unique_lock l(mu_);
  ignore_error(projections_->commit(), "stopping: the checkpoint is a cache; the next start folds the tail again");
}

std::string LiveModel::failure() const {
  std::lock_guard l(waiters_mu_);
  return failure_;
}

void LiveModel::when_at(Position p, Clock::time_point deadline, std::function<void(bool)> then) {
  if (position_.load() >= p && ready_) return then(true);
  {
    std::lock_guard l(waiters_mu_);
    if (!stop_) {
      waiters_.push_back({p, deadline, std::move(then)});
      return;
    }
  }
  then(false);
}

void LiveModel::fire_waiters(bool stopping) {
  std::vector<std::function<void(bool)>> yes, no;
  const Position at = position_.load();
  const auto now = Clock::now();
  {
    std::lock_guard l(waiters_mu_);
    if (waiters_.empty()) return;
    std::vector<Waiter> keep;
    for (auto& w : waiters_) {
      if (ready_ && at >= w.position) yes.push_back(std::move(w.then));
      else if (stopping || now >= w.deadline) no.push_back(std::move(w.then));
      else keep.push_back(std::move(w));
    }
    waiters_.swap(keep);
  }
  for (auto& f : yes) f(true);
  for (auto& f : no) f(false);
}

void LiveModel::run() {
  auto fail = [this](std::string message) {
    std::lock_guard l(waiters_mu_);
    failure_ = std::move(message);
  };
  {
    std::unique_lock l(mu_);
    auto caught = projections_->catch_up();
    if (!caught) return fail("catching up: " + caught.error().message);
    position_ = projections_->position();
  }
  if (auto t = projections::load_tokens(store_, tokens_, position_.load()); !t)
    return fail("reading the tokens: " + t.error().message);
  feed_.set_start(position_.load());
  {
    std::lock_guard l(sub_mu_);
    if (stop_) return;
    sub_ = store_.subscribe(position_.load());
  }
  ready_ = true;
  fire_waiters(false);
  auto last_commit = Clock::now();
  std::vector<Change> changes;
  while (!stop_) {
    auto batch = sub_->next(4096, std::chrono::milliseconds{50});
    if (!batch) {
      const auto code = batch.error().code;
      if (code == eventstore::StoreErrorCode::Closed) break;
      if (code != eventstore::StoreErrorCode::Timeout) return fail("following the log: " + batch.error().message);
    } else {
      changes.clear();
      std::unique_lock l(mu_);
      const projections::ReadModel& m = projections_->model();
      for (const auto& e : *batch) {
        // Our reader's event stays valid through the fold (the projections have their own).
        auto event = reader_.read(e.data);
        std::optional<Change> before;
        if (event) before = make_change(e.position, **event, &m, nullptr, false);  // if it finishes its contact
        projections_->fold_record(e.position, e.data);
        if (event) {
          tokens_.apply(e.position, **event);
          changes.push_back(make_change(e.position, **event, &m, &*before));
        }
      }
      tokens_.advance_to(batch->back().position);
      position_ = batch->back().position;
    }
    if (!changes.empty()) feed_.publish(std::move(changes));
    changes = {};
    fire_waiters(false);
    if (Clock::now() - last_commit >= commit_interval_) {
      std::unique_lock l(mu_);
      if (auto s = projections_->commit(); !s) return fail("committing projections: " + s.error().message);
      last_commit = Clock::now();
    }
  }
}

}  // namespace callwatch::server
