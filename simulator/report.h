// What a simulation run produced: the contact-center figures a supervisor would read, the
// refusals the domain gave, and how fast it ran.
//
// Definitions (stated here because contact centers use several):
//   service_level         answered within the threshold / answered
//   service_level_offered answered within the threshold / offered (abandons count against)
//   asa_seconds           mean wait of answered contacts
//   p_wait                share of offered contacts that found no agent free
// These four leave out the warm-up: the first `warmup_contacts` contacts by arrival (5% of
// the expected volume by default), while the empty center fills. Counts, abandon_rate and
// the per-interval table cover everything.
//   abandon_rate          abandoned / offered
//   occupancy             time agents spent handling contacts (talk, hold, after-contact
//                         work) / time they were Available, breaks excluded
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/time.h"
#include "domain/vocabulary.h"
#include "simulator/erlang.h"

namespace callwatch::sim {

struct QueueReport {
  std::string name;
  Channel channel = Channel::Voice;
  std::uint64_t offered = 0, answered = 0, abandoned = 0;
  double service_level = 0, asa_seconds = 0, abandon_rate = 0;
  double aht_seconds = 0;  // connect to wrap-up completed
};

struct IntervalReport {
  Timestamp start{};
  std::uint64_t offered = 0, answered = 0, abandoned = 0;
  double service_level = 0;  // of the contacts that arrived in the interval and were answered
  double asa_seconds = 0;
  std::uint32_t staffed = 0;  // agents Available at the interval's start
  std::uint32_t busy = 0;     // of whom on a contact
};

struct Report {
  std::string scenario;
  std::uint64_t seed = 0;
  std::string sink;  // "model-only", "in-memory", "engine"
  Timestamp start{}, end{};
  int days = 1;

  std::uint64_t contacts_offered = 0, contacts_answered = 0, contacts_abandoned = 0;
  std::uint64_t unanswered_at_close = 0;  // still waiting when the last agent left
  double sl_threshold_seconds = 20;
  double service_level = 0;
  double service_level_offered = 0;
  double asa_seconds = 0;
  double p_wait = 0;
  double abandon_rate = 0;
  double abandon_rate_after_warmup = 0;
  double occupancy = 0;
  double aht_seconds = 0;
  std::uint64_t warmup_contacts = 0;
  std::uint64_t max_queue_length = 0;

  std::uint64_t monitor_sessions = 0, barge_sessions = 0, consult_sessions = 0;
  std::uint64_t messages = 0;
  std::map<std::string, std::uint64_t> rejections;  // by code, e.g. "RECORDING_DISABLED"

  std::uint64_t commands = 0;
  std::optional<std::uint64_t> events;  // accepted events in the log; none when model-only
  std::uint64_t model_events = 0;       // events of the simulation calendar
  std::uint64_t divergences = 0;        // domain answers the model did not predict
  std::vector<std::string> divergence_examples;
  std::optional<std::string> log_digest;

  double wall_seconds = 0;
  double contacts_per_second = 0;
  double commands_per_second = 0;
  std::optional<double> events_per_second;

  std::vector<std::uint64_t> offered_per_day;
  std::vector<QueueReport> queues;
  std::vector<IntervalReport> intervals;
  std::optional<Theory> theory;  // stationary runs
};

[[nodiscard]] nlohmann::json to_json(const Report& r);
// A table for people: totals, queues, and (for days with several intervals) the intraday.
[[nodiscard]] std::string format_report(const Report& r);

}  // namespace callwatch::sim
