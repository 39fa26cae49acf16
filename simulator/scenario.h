// A scenario: the contact center to simulate, resolved and ready to run.
//
// Scenario files (YAML or JSON, docs/simulator.md) are parsed into this by
// load_scenario() (scenario_file.h); stationary_scenario() builds the one-queue model of the
// command-line flags. Everything is explicit here: rates per interval, distributions in
// seconds, times of day as offsets from midnight. validate() states what must hold.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "domain/vocabulary.h"
#include "simulator/distributions.h"

namespace callwatch::sim {

struct FlowSpec {
  std::string name;
  bool recording = true;  // without it supervisors are refused (RECORDING_DISABLED)
};

struct FlowShare {
  std::size_t flow = 0;  // index into Scenario::flows
  double share = 1;      // of the queue's contacts; a queue's shares sum to 1
};

struct ChatSpec {
  double message_gap_mean = 40;      // seconds between messages, exponential
  double silent_leave_share = 0.10;  // customers who stop answering part-way
  double idle_timeout = 120;         // seconds an agent waits for a silent customer
  // A chat's handle time grows by this factor per chat the agent already holds.
  double concurrency_stretch = 0.25;
};

struct QueueSpec {
  std::string name;
  Channel channel = Channel::Voice;
  std::vector<FlowShare> flows;
  // Expected arrivals per hour in each interval of the day (intervals_per_day() entries),
  // before the day's busyness and day-of-week factors.
  std::vector<double> rates_per_hour;
  HandleTime handle_time;  // talk (voice) or conversation (chat) time
  double hold_probability = 0;  // voice: share of calls put on hold once
  Distribution hold_time = Distribution::exponential(40);
  Distribution after_contact_work = Distribution::constant(0);
  Patience patience;
  ChatSpec chat;
};

struct ShiftSpec {
  Duration start{0};  // offsets from the day's midnight; end may pass midnight
  Duration end{0};
};

struct BreakSpec {
  std::string status = "Break";  // a custom agent status
  Duration at{0};                // offset from midnight; each agent's time is jittered
  Duration length{std::chrono::minutes{15}};
  Duration stagger{0};           // agents start their break uniformly within +/- stagger/2
};

struct AgentGroupSpec {
  std::string name;
  std::string id_prefix;  // agents are <id_prefix>-0001, <id_prefix>-0002, ...
  std::string site;       // informational (reports)
  int count = 0;
  std::vector<std::size_t> skills;  // queue indexes
  int chat_concurrency = 3;
  ShiftSpec shift;
  std::vector<BreakSpec> breaks;
  // At shift end, keep answering while any of their queues has someone waiting (checked
  // every minute): the last shift of the day, and stationary runs, drain the queue.
  bool stay_until_queues_empty = false;
};

struct SupervisorGroupSpec {
  std::string name;
  std::string id_prefix;
  int count = 0;
  // The last `listen_only` supervisors of the group lack barge-in permission; when they try
  // to barge they are refused with PERMISSION_DENIED, as real ones are.
  int listen_only = 0;
  std::vector<std::size_t> watches;  // agent group indexes, split into one team per supervisor
  ShiftSpec shift;
  double monitor_share = 0.10;  // of their team's contacts they start monitoring
  double barge_share = 0.05;    // of monitored calls they barge into
  double long_contact_seconds = 600;       // a call this long draws attention...
  double long_contact_barge_share = 0.30;  // ...and is barged into this often
  double consult_share = 0.30;             // of monitored chats they join (consult mode)
  Distribution monitor_delay = Distribution::exponential(20);  // from connect to monitor
  Distribution listen_time = Distribution::exponential(120);   // silent session length
  Distribution barge_delay = Distribution::exponential(30);    // from monitor to barge/join
  int chat_concurrency = 3;  // chats one supervisor watches at once
};

struct Scenario {
  std::string name = "scenario";
  std::uint64_t seed = 1;
  Timestamp start{};  // midnight (UTC) of the first day
  int days = 1;
  // The period the daily pattern repeats over: 24 h, or the whole run for stationary models.
  Duration day_length{std::chrono::hours{24}};
  Duration interval{std::chrono::minutes{30}};  // divides day_length
  double sl_threshold_seconds = 20;
  double warmup_share = 0.05;  // of contacts excluded from service level and ASA
  double busyness_cv = 0;      // day-to-day factor: gamma, mean 1, this coefficient of variation
  std::array<double, 7> day_of_week{1, 1, 1, 1, 1, 1, 1};  // Monday first
  std::vector<FlowSpec> flows;
  std::vector<QueueSpec> queues;
  std::vector<AgentGroupSpec> agent_groups;
  std::vector<SupervisorGroupSpec> supervisor_groups;

  [[nodiscard]] std::size_t intervals_per_day() const {
    return static_cast<std::size_t>(day_length / interval);
  }
};

// The first thing wrong with `s`, naming where ("queues[1].rates_per_hour[3]: ..."), or
// nothing. Scenario files are validated when loaded; programmatic ones by simulate().
[[nodiscard]] std::optional<std::string> validate(const Scenario& s);

// ---- the stationary model of the command-line flags ------------------------------------

struct StationaryParams {
  int agents = 14;
  double arrivals_per_hour = 200;
  double aht_seconds = 180;  // mean agent busy time per contact: talk + after-contact work
  bool lognormal = false;    // talk time lognormal (ln sd 0.88) instead of exponential
  std::optional<double> patience_seconds;  // mean of exponential patience; none: infinite
  double acw_seconds = 0;    // constant after-contact work, part of aht_seconds
  double hours = 8;
  double sl_threshold_seconds = 20;
  int supervisors = 0;
  std::uint64_t seed = 1;
};

// One voice queue at a constant rate for `hours`, agents staffed from the start until the
// queue has drained. With supervisors, 5% of calls run a flow without recording and a third
// of the supervisors lack barge permission, so both refusals show up.
[[nodiscard]] Result<Scenario> stationary_scenario(const StationaryParams& p);

// ---- intraday profiles -----------------------------------------------------------------

// Relative arrivals per clock hour (24 entries, hour 0 first) of a named built-in profile:
// "bank" (Brown et al. 2005: 07:00-24:00, peak at 10:00, lunch dip, afternoon rise) or
// "flat". nullopt if unknown.
[[nodiscard]] std::optional<std::array<double, 24>> builtin_profile(std::string_view name);

// Spreads `per_day` expected contacts over the day's intervals in proportion to their
// weights (zero where the queue is closed): the rate per hour of each interval.
[[nodiscard]] std::vector<double> spread_over_intervals(double per_day,
                                                        std::span<const double> interval_weights,
                                                        Duration interval);

}  // namespace callwatch::sim
