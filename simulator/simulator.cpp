#include "simulator/simulator.h"

#include <limits>
#include <memory>
#include <thread>

#include "simulator/submitter.h"
#include "simulator/model.h"

namespace callwatch::sim {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double ratio(double a, double b) { return b > 0 ? a / b : 0; }

Report make_report(const Scenario& s, const Model& model, const Submitter* submitter,
                   std::string_view sink, double wall) {
  const Tally& t = model.tally();
  Report r;
  r.scenario = s.name;
  r.seed = s.seed;
  r.sink = std::string(sink);
  r.start = s.start;
  r.end = s.start + Duration{t.end_ms};
  r.days = s.days;
  r.sl_threshold_seconds = s.sl_threshold_seconds;
  QueueTally all;
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    const QueueTally& qt = t.queues[q];
    QueueReport qr;
    qr.name = s.queues[q].name;
    qr.channel = s.queues[q].channel;
    qr.offered = qt.offered;
    qr.answered = qt.answered;
    qr.abandoned = qt.abandoned;
    qr.service_level = ratio(static_cast<double>(qt.within_sl_w), static_cast<double>(qt.answered_w));
    qr.asa_seconds = ratio(static_cast<double>(qt.wait_ms_w) / 1000, static_cast<double>(qt.answered_w));
    qr.abandon_rate = ratio(static_cast<double>(qt.abandoned), static_cast<double>(qt.offered));
    qr.aht_seconds = ratio(static_cast<double>(qt.handle_ms) / 1000, static_cast<double>(qt.handled));
    r.queues.push_back(qr);
    all += qt;
  }
  auto d = [](std::uint64_t v) { return static_cast<double>(v); };
  r.contacts_offered = all.offered;
  r.contacts_answered = all.answered;
  r.contacts_abandoned = all.abandoned;
  r.unanswered_at_close = all.unanswered_at_close;
  r.service_level = ratio(d(all.within_sl_w), d(all.answered_w));
  r.service_level_offered = ratio(d(all.within_sl_w), d(all.offered_w));
  r.asa_seconds = ratio(d(all.wait_ms_w) / 1000, d(all.answered_w));
  r.p_wait = ratio(d(all.queued_w), d(all.offered_w));
  r.abandon_rate = ratio(d(all.abandoned), d(all.offered));
  r.abandon_rate_after_warmup = ratio(d(all.abandoned_w), d(all.offered_w));
  r.occupancy = ratio(static_cast<double>(t.busy_ms), static_cast<double>(t.staffed_ms));
  r.aht_seconds = ratio(d(all.handle_ms) / 1000, d(all.handled));
  r.warmup_contacts = t.warmup_contacts;
  r.max_queue_length = t.max_queue_length;
  r.monitor_sessions = t.monitor_sessions;
  r.barge_sessions = t.barge_sessions;
  r.consult_sessions = t.consult_sessions;
  r.messages = t.messages;
  r.model_events = model.events_processed();
  r.offered_per_day = t.offered_per_day;
  for (std::size_t i = 0; i < t.intervals.size(); ++i) {
    const IntervalTally& it = t.intervals[i];
    IntervalReport ir;
    ir.start = s.start + s.interval * static_cast<std::int64_t>(i);
    ir.offered = it.offered;
    ir.answered = it.answered;
    ir.abandoned = it.abandoned;
    ir.service_level = ratio(d(it.within_sl), d(it.answered));
    ir.asa_seconds = ratio(d(it.wait_ms) / 1000, d(it.answered));
    ir.staffed = it.staffed;
    ir.busy = it.busy;
    r.intervals.push_back(ir);
  }
  const auto& rejections = submitter ? submitter->stats().rejections : t.predicted_rejections;
  for (std::size_t c = 0; c < rejections.size(); ++c)
    if (rejections[c] > 0) r.rejections[std::string(to_string(static_cast<RejectionCode>(c)))] = rejections[c];
  r.commands = submitter ? submitter->stats().commands : t.actions;
  if (submitter) {
    r.events = submitter->stats().events;
    r.divergences = submitter->stats().divergences;
    r.divergence_examples = submitter->stats().divergence_examples;
    r.log_digest = submitter->stats().digest.hex();
    r.events_per_second = ratio(d(*r.events), wall);
  }
  r.wall_seconds = wall;
  r.contacts_per_second = ratio(d(r.contacts_offered), wall);
  r.commands_per_second = ratio(d(r.commands), wall);
  return r;
}

}  // namespace

Result<Report> simulate(const Scenario& s, const RunOptions& o) {
  if (auto e = validate(s)) return error(ErrorCode::InvalidArgument, *e);
  std::unique_ptr<Submitter> submitter;
  if (o.sink) submitter = std::make_unique<Submitter>(s, *o.sink, o.batch, o.background_writer);
  Model model(s, submitter.get());
  if (submitter) submitter->attach(model);

  const auto t0 = Clock::now();
  model.start();
  constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
  // While the run goes on, only the submitter's flag is read (the writer thread owns the
  // sink); the sink's own message once the writer has finished.
  auto stop = [&]() -> std::unexpected<Error> {
    submitter->finish();
    return error(ErrorCode::Failed,
                 "the sink failed: " + o.sink->failure().value_or("unknown error"));
  };
  if (o.speed <= 0 && !o.on_progress && !o.sink) {
    model.run_until(kForever);
  } else {
    const double horizon = static_cast<double>((s.day_length * s.days).count());
    auto last_progress = t0;
    for (;;) {
      std::int64_t until = kForever;
      if (o.speed > 0) until = static_cast<std::int64_t>(seconds_since(t0) * 1000 * o.speed);
      const bool more = model.run_until(until, 1 << 14);
      if (submitter && submitter->failed()) return stop();
      if (o.on_progress && Clock::now() - last_progress >= o.progress_every) {
        last_progress = Clock::now();
        Progress p;
        const std::int64_t sim = model.next_event_time().value_or(model.tally().end_ms);
        p.sim_time = s.start + Duration{sim};
        p.done = std::min(1.0, static_cast<double>(sim) / horizon);
        for (const auto& q : model.tally().queues) p.contacts += q.offered;
        p.commands = model.tally().actions;
        p.model_events = model.events_processed();
        p.wall_seconds = seconds_since(t0);
        p.commands_per_second = ratio(static_cast<double>(p.commands), p.wall_seconds);
        o.on_progress(p);
      }
      if (!more) break;
      if (o.speed > 0) {
        const std::int64_t next = model.next_event_time().value_or(until);
        if (next > until) {
          if (submitter) submitter->flush();  // what is due is visible before we sleep
          const double wait_ms = std::min(50.0, static_cast<double>(next - until) / o.speed);
          std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait_ms));
        }
      }
    }
  }
  model.finish();
  if (submitter) {
    submitter->finish();
    if (submitter->failed()) return stop();
  }
  const double wall = seconds_since(t0);
  return make_report(s, model, submitter.get(), o.sink ? o.sink->name() : "model-only", wall);
}

}  // namespace callwatch::sim
