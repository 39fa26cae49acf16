#include "projections/replay.h"

#include <fmt/format.h>

#include <charconv>
#include <thread>

#include "projections/event_reader.h"
#include "projections/log_prefetch.h"

namespace callwatch::projections {

Result<ReplayResult> replay(const eventstore::EventStore& store, ReadModel& model, const ReplayOptions& o) {
  using Clock = std::chrono::steady_clock;
  ReplayResult result;
  ReplayProgress& p = result.final;
  const Position head = store.last_position();
  Position last = head;
  std::optional<Timestamp> until_time;
  if (o.until) {
    if (const Position* pos = std::get_if<Position>(&o.until->bound)) last = std::min(last, *pos);
    else until_time = std::get<Timestamp>(o.until->bound);
  }
  p.last = last;
  const auto start = Clock::now();
  auto next_report = start + o.progress_every;
  auto report = [&] {
    p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (o.progress) o.progress(p);
  };

  EventReader reader;
  LogPrefetcher log(store, o.from, last);
  Duration skipped_gaps{0};  // log time not waited for (max_gap)
  Timestamp previous{};
  bool first = true;
  bool past = false;
  while (!past) {
    const LogChunk* chunk = log.next();
    if (!chunk) break;
    for (std::size_t i = 0; i < chunk->size(); ++i) {
      auto event = reader.read(chunk->data(i));
      if (!event) {
        ++result.skipped;
        p.position = chunk->position(i);
        continue;
      }
      const Timestamp at = (*event)->at;
      if (until_time && at > *until_time) {
        past = true;
        break;
      }
      if (first) {
        result.first_time = previous = at;
        first = false;
      }
      if (o.max_gap && at - previous > *o.max_gap) skipped_gaps += (at - previous) - *o.max_gap;
      if (at > previous) previous = at;
      if (o.speed && at > result.first_time) {
        // The event is due when the scaled log time since the first event has passed.
        const double log_ms = static_cast<double>((at - result.first_time - skipped_gaps).count());
        const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double, std::milli>(log_ms / *o.speed));
        while (Clock::now() < due) {
          const auto wake = std::min(due, next_report);
          std::this_thread::sleep_until(wake);
          if (Clock::now() >= next_report) {
            report();
            next_report += o.progress_every;
          }
        }
      }
      model.apply(chunk->position(i), **event);
      p.position = chunk->position(i);
      p.log_time = at;
      ++p.events;
    }
    if (Clock::now() >= next_report) {
      report();
      next_report = Clock::now() + o.progress_every;
    }
  }
  if (auto s = log.status(); !past && !s) return std::unexpected(s.error());
  p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace callwatch::projections
