#include "projections/runner.h"

#include <fmt/format.h>

#include "projections/log_prefetch.h"
#include "projections/snapshot.h"

namespace callwatch::projections {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool same(const ModelOptions& a, const ModelOptions& b) {
  return a.service_level_threshold == b.service_level_threshold && a.window == b.window &&
         a.window_bucket == b.window_bucket;
}

}  // namespace

std::string state_dir_of(const eventstore::EventStore& store) { return store.path() + "/projections"; }

Projections::Projections(const eventstore::EventStore& store, RunnerOptions options)
    : store_(store), options_(options), model_(options.model), audit_(pending_) {
  model_.set_session_observer(&audit_);
}

Projections::~Projections() {
  if (db_ && db_->mode() == StateDb::Mode::Writable && position_ != committed_)
    ignore_error(commit(),
                 "a destructor cannot report; the next open resumes from the last commit");
}

Result<std::unique_ptr<Projections>> Projections::open(const eventstore::EventStore& store,
                                                       RunnerOptions options) {
  std::unique_ptr<Projections> p(new Projections(store, options));
  auto db = StateDb::open(state_dir_of(store), options.writable);
  if (!db) return std::unexpected(db.error());
  p->db_ = std::move(*db);
  if (auto s = p->load(); !s) return std::unexpected(s.error());
  return p;
}

void Projections::reset() {
  model_.clear();
  pending_.clear();
  position_ = 0;
}

Status Projections::load() {
  auto committed = db_->load();
  if (!committed) return std::unexpected(committed.error());
  if (!*committed) return {};
  const StateDb::Committed& c = **committed;
  const Position head = store_.last_position();
  if (c.checkpoint > head) {
    notes_.push_back(fmt::format("projections were folded up to position {} but the log ends at {}: "
                                 "folding again from the start",
                                 c.checkpoint, head));
  } else if (auto opts = snapshot_options(c.snapshot); !opts || !same(*opts, options_.model)) {
    notes_.push_back(opts ? "projection options changed since the last commit: folding again from the start"
                          : "projections snapshot unusable (" + opts.error() + "): folding again from the start");
  } else if (auto s = decode_snapshot(c.snapshot, model_); !s) {
    notes_.push_back(s.error() + ": folding again from the start");
  } else {
    position_ = committed_ = c.checkpoint;
    return {};
  }
  // Start over: the session records on disk belong to the state being discarded.
  reset();
  if (db_->mode() == StateDb::Mode::Writable) return db_->drop();
  // Read-only: the committed records cannot be dropped; sessions() would mix old and new.
  return error(fmt::format("projections database {} needs a rebuild, and another process holds it: "
                           "run `callwatch rebuild` when it is free",
                           db_->path()));
}

void Projections::fold(Position position, std::string_view bytes) {
  auto event = reader_.read(bytes);
  if (event) {
    model_.apply(position, **event);
  } else {
    if (skipped_ == 0)
      notes_.push_back(fmt::format("event at position {} skipped: {}", position, event.error()));
    ++skipped_;
  }
  position_ = position;
}

Result<FoldStats> Projections::fold_to_head() {
  const auto t0 = Clock::now();
  FoldStats stats;
  const std::uint64_t skipped_before = skipped_;
  LogPrefetcher log(store_, position_ + 1);
  std::uint64_t since_commit = 0;
  while (const LogChunk* chunk = log.next()) {
    for (std::size_t i = 0; i < chunk->size(); ++i) {
      fold(chunk->position(i), chunk->data(i));
      ++stats.events;
      if (++since_commit >= options_.commit_every_events) {
        if (auto s = commit(); !s) return std::unexpected(s.error());
        since_commit = 0;
      }
    }
  }
  if (auto s = log.status(); !s) return std::unexpected(s.error());
  if (auto s = commit(); !s) return std::unexpected(s.error());
  stats.skipped = skipped_ - skipped_before;
  stats.events -= stats.skipped;
  stats.seconds = seconds_since(t0);
  return stats;
}

Result<FoldStats> Projections::catch_up() { return fold_to_head(); }

Status Projections::commit() {
  if (db_->mode() != StateDb::Mode::Writable) return {};
  if (auto s = db_->commit(position_, encode_snapshot(model_), pending_); !s) return s;
  committed_ = position_;
  return {};
}

Status Projections::follow(const std::function<bool()>& keep_going, std::chrono::milliseconds poll) {
  auto sub = store_.subscribe(position_);
  auto last_commit = Clock::now();
  while (keep_going()) {
    auto batch = sub->next(4096, poll);
    if (!batch) {
      if (batch.error().code == eventstore::StoreErrorCode::Timeout) {
        if (position_ != committed_ && Clock::now() - last_commit >= options_.commit_interval) {
          if (auto s = commit(); !s) return s;
          last_commit = Clock::now();
        }
        continue;
      }
      if (batch.error().code == eventstore::StoreErrorCode::Closed) break;
      return error("following the log: " + batch.error().message);
    }
    for (const auto& e : *batch) fold(e.position, e.data);
    if (Clock::now() - last_commit >= options_.commit_interval) {
      if (auto s = commit(); !s) return s;
      last_commit = Clock::now();
    }
  }
  return commit();
}

Result<FoldStats> Projections::rebuild() {
  if (auto s = db_->drop(); !s) return std::unexpected(s.error());
  reset();
  committed_ = 0;
  skipped_ = 0;
  notes_.clear();
  return fold_to_head();
}

Result<std::vector<SessionRecord>> Projections::sessions(const SessionFilter& filter) const {
  auto trail = audit_trail(filter);
  if (!trail) return std::unexpected(trail.error());
  return std::move(trail->sessions);
}

Result<AuditTrail> Projections::audit_trail(const SessionFilter& filter) const {
  SessionAssembler assembler(filter);
  auto s = db_->scan_sessions(pending_, [&](std::string_view k, std::string_view v) -> Status {
    if (auto ok = assembler.add(k, v); !ok) return error(ok.error());
    return {};
  });
  if (!s) return std::unexpected(s.error());
  AuditTrail out;
  out.sessions = assembler.finish();
  out.accesses = assembler.take_accesses();
  return out;
}

}  // namespace callwatch::projections
