// Projections: the read models wired to the event store.
//
//   auto store = eventstore::EventStore::open(dir, {.read_only = true});
//   auto p = Projections::open(**store, {});
//   (*p)->catch_up();                       // resume from the checkpoint, up to the head
//   agents_view((*p)->model(), now);
//
// Lifecycle: open() loads the last committed snapshot and its checkpoint (state_db.h); then
// catch_up() folds every event after the checkpoint, and follow() keeps folding live appends
// through a subscription. Both commit (snapshot + checkpoint + new session records, one
// atomic write) every `commit_every_events` during catch-up and every `commit_interval`
// while following, and once more at the end. A restart resumes from the last commit.
// rebuild() drops everything and folds the log again from position 1; the result equals
// what following live produced (tested).
//
// Events the codec cannot decode (a newer producer's event type) are skipped and counted;
// skipped() and notes() say which, so nothing is lost silently.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/event_reader.h"
#include "projections/model.h"
#include "projections/sessions.h"
#include "projections/state_db.h"

namespace callwatch::projections {

struct RunnerOptions {
  ModelOptions model;
  std::uint64_t commit_every_events = 1'000'000;
  std::chrono::milliseconds commit_interval{1000};
  // Open the projections database for writing when possible (false: read it, save nothing).
  bool writable = true;
};

struct FoldStats {
  std::uint64_t events = 0;   // folded
  std::uint64_t skipped = 0;  // undecodable
  double seconds = 0;
  [[nodiscard]] double events_per_second() const { return seconds > 0 ? events / seconds : 0; }
};

// The projections database of a store: <store path>/projections.
[[nodiscard]] std::string state_dir_of(const eventstore::EventStore&);

class Projections {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Projections>> open(const eventstore::EventStore& store,
                                                                 RunnerOptions options = {});
  ~Projections();
  Projections(const Projections&) = delete;
  Projections& operator=(const Projections&) = delete;

  [[nodiscard]] const ReadModel& model() const noexcept { return model_; }
  // Last position folded (committed or not); 0 before the first event.
  [[nodiscard]] Position position() const noexcept { return position_; }
  // Last position committed to the projections database.
  [[nodiscard]] Position committed() const noexcept { return committed_; }
  [[nodiscard]] StateDb::Mode storage() const noexcept { return db_->mode(); }

  // Folds everything after position() up to the store's head, then commits.
  [[nodiscard]] Result<FoldStats> catch_up();
  // Folds live appends until `keep_going()` returns false (checked at least every `poll`),
  // committing every commit_interval and when it returns.
  [[nodiscard]] Status follow(const std::function<bool()>& keep_going,
                              std::chrono::milliseconds poll = std::chrono::milliseconds{200});
  [[nodiscard]] Status commit();
  // Folds one record a caller's own subscription returned (positions must follow position()):
  // for a follower that folds under its own lock, event by event (the HTTP server, which
  // reads the model between events and publishes each change). commit() stays the caller's.
  void fold_record(Position position, std::string_view bytes) { fold(position, bytes); }
  // Drops every projection record, folds the log from position 1, commits.
  [[nodiscard]] Result<FoldStats> rebuild();

  // The audit trail as of now (committed and pending records).
  [[nodiscard]] Result<std::vector<SessionRecord>> sessions(const SessionFilter& filter) const;
  // The sessions and the recording accesses (searches, listens, downloads), in one scan.
  [[nodiscard]] Result<AuditTrail> audit_trail(const SessionFilter& filter) const;

  [[nodiscard]] std::uint64_t skipped() const noexcept { return skipped_; }
  // Things the user should know: skipped events, a snapshot that could not be used, ...
  [[nodiscard]] const std::vector<std::string>& notes() const noexcept { return notes_; }

 private:
  Projections(const eventstore::EventStore& store, RunnerOptions options);
  [[nodiscard]] Status load();
  void reset();
  void fold(Position position, std::string_view bytes);
  [[nodiscard]] Result<FoldStats> fold_to_head();

  const eventstore::EventStore& store_;
  RunnerOptions options_;
  std::unique_ptr<StateDb> db_;
  ReadModel model_;
  EventReader reader_;
  PendingRecords pending_;
  SessionAudit audit_;
  Position position_ = 0;
  Position committed_ = 0;
  std::uint64_t skipped_ = 0;
  std::vector<std::string> notes_;
};

}  // namespace callwatch::projections
