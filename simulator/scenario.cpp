#include "simulator/scenario.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace callwatch::sim {
namespace {

using Problem = std::optional<std::string>;  // a sentence, or none

bool finite_nonneg(double x) { return std::isfinite(x) && x >= 0; }
bool share(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

// A group's id prefix: given, and no other group's.
Problem check_prefix(const std::string& at, const std::string& prefix,
                     std::set<std::string>& taken) {
  if (prefix.empty()) return at + ".id_prefix: must not be empty";
  if (!taken.insert(prefix).second)
    return fmt::format("{}.id_prefix: '{}' is used by another group", at, prefix);
  return std::nullopt;
}

Problem check_distribution(const std::string& where, const Distribution& d, bool positive_mean) {
  using K = Distribution::Kind;
  switch (d.kind) {
    case K::Constant:
      if (!finite_nonneg(d.a)) return fmt::format("{}: value must be a non-negative number", where);
      break;
    case K::Exponential:
      if (!std::isfinite(d.a) || d.a <= 0) return fmt::format("{}: mean must be positive", where);
      break;
    case K::Lognormal:
      if (!std::isfinite(d.a) || !finite_nonneg(d.b) || d.b > 5)
        return fmt::format("{}: lognormal needs a finite log mean and 0 <= log sd <= 5", where);
      break;
    case K::Uniform:
      if (!finite_nonneg(d.a) || !std::isfinite(d.b) || d.b < d.a)
        return fmt::format("{}: uniform needs 0 <= min <= max", where);
      break;
  }
  if (positive_mean && !(d.mean() > 0)) return fmt::format("{}: mean must be positive", where);
  return std::nullopt;
}

Problem check_shift(const std::string& where, const ShiftSpec& s, const Scenario& sc) {
  if (s.start < Duration{0} || s.end <= s.start)
    return fmt::format("{}: end must come after start", where);
  if (sc.days > 1 && s.end - s.start > sc.day_length)
    return fmt::format("{}: a shift may not be longer than a day when the scenario runs {} days",
                       where, sc.days);
  if (sc.days > 1 && s.end > sc.day_length * 2)
    return fmt::format("{}: ends more than a day after midnight", where);
  return std::nullopt;
}

Problem check_queue(const Scenario& sc, std::size_t qi) {
  const QueueSpec& q = sc.queues[qi];
  const std::string at = fmt::format("queues[{}]", qi);
  if (q.name.empty()) return at + ".name: must not be empty";
  if (q.flows.empty()) return at + ".flows: a queue needs at least one flow";
  double sum = 0;
  for (std::size_t i = 0; i < q.flows.size(); ++i) {
    if (q.flows[i].flow >= sc.flows.size())
      return fmt::format("{}.flows[{}]: no such flow", at, i);
    if (!(q.flows[i].share > 0) || !std::isfinite(q.flows[i].share))
      return fmt::format("{}.flows[{}]: share must be positive", at, i);
    sum += q.flows[i].share;
  }
  if (std::abs(sum - 1) > 1e-6)
    return fmt::format("{}.flows: shares must sum to 1 (they sum to {:g})", at, sum);
  if (q.rates_per_hour.size() != sc.intervals_per_day())
    return fmt::format("{}.rates_per_hour: needs {} entries (one per interval), has {}", at,
                       sc.intervals_per_day(), q.rates_per_hour.size());
  for (std::size_t i = 0; i < q.rates_per_hour.size(); ++i)
    if (!finite_nonneg(q.rates_per_hour[i]))
      return fmt::format("{}.rates_per_hour[{}]: must be a non-negative number", at, i);
  if (auto e = check_distribution(at + ".handle_time", q.handle_time.main, true)) return e;
  if (!(q.handle_time.short_share >= 0 && q.handle_time.short_share < 1))
    return at + ".short_contacts: must be a share in [0, 1)";
  if (!share(q.hold_probability)) return at + ".hold.probability: must be a share in [0, 1]";
  if (auto e = check_distribution(at + ".hold.time", q.hold_time, false)) return e;
  if (auto e = check_distribution(at + ".after_contact_work", q.after_contact_work, false)) return e;
  if (!q.patience.infinite) {
    if (!(q.patience.mean > 0) || !std::isfinite(q.patience.mean))
      return at + ".patience.mean: must be positive";
    if (!share(q.patience.announcement_share))
      return at + ".patience.announcement.abandon_share: must be a share in [0, 1]";
    if (!finite_nonneg(q.patience.announcement_at))
      return at + ".patience.announcement.at: must be non-negative";
    if (!(q.patience.announcement_window > 0))
      return at + ".patience.announcement.window: must be positive";
  }
  const ChatSpec& c = q.chat;
  if (!(c.message_gap_mean > 0)) return at + ".chat.message_gap_seconds: must be positive";
  if (!share(c.silent_leave_share)) return at + ".chat.silent_leave_share: must be a share in [0, 1]";
  if (!finite_nonneg(c.idle_timeout)) return at + ".chat.idle_timeout_seconds: must be non-negative";
  if (!finite_nonneg(c.concurrency_stretch))
    return at + ".chat.concurrency_stretch: must be non-negative";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> validate(const Scenario& sc) {
  if (sc.days < 1 || sc.days > 366) return fmt::format("days: must be 1..366, got {}", sc.days);
  if (sc.day_length <= Duration{0} || sc.interval <= Duration{0} ||
      sc.day_length % sc.interval != Duration{0})
    return "interval_minutes: must divide the day into whole intervals";
  if (!finite_nonneg(sc.sl_threshold_seconds)) return "service_level_seconds: must be non-negative";
  if (!(sc.warmup_share >= 0 && sc.warmup_share < 0.5)) return "warmup_share: must be in [0, 0.5)";
  if (!(sc.busyness_cv >= 0 && sc.busyness_cv <= 2)) return "busyness_cv: must be in [0, 2]";
  for (std::size_t i = 0; i < 7; ++i)
    if (!finite_nonneg(sc.day_of_week[i]))
      return fmt::format("day_of_week[{}]: must be a non-negative number", i);
  if (sc.flows.empty()) return "flows: at least one contact flow is needed";
  std::set<std::string> names;
  for (std::size_t i = 0; i < sc.flows.size(); ++i) {
    if (sc.flows[i].name.empty()) return fmt::format("flows[{}].name: must not be empty", i);
    if (!names.insert(sc.flows[i].name).second)
      return fmt::format("flows[{}].name: '{}' is used twice", i, sc.flows[i].name);
  }
  if (sc.queues.empty()) return "queues: at least one queue is needed";
  names.clear();
  for (std::size_t i = 0; i < sc.queues.size(); ++i) {
    if (auto e = check_queue(sc, i)) return e;
    if (!names.insert(sc.queues[i].name).second)
      return fmt::format("queues[{}].name: '{}' is used twice", i, sc.queues[i].name);
  }
  std::set<std::string> prefixes;
  for (std::size_t i = 0; i < sc.agent_groups.size(); ++i) {
    const AgentGroupSpec& g = sc.agent_groups[i];
    const std::string at = fmt::format("agents[{}]", i);
    if (auto e = check_prefix(at, g.id_prefix, prefixes)) return e;
    if (g.count < 0 || g.count > 100000) return at + ".count: must be 0..100000";
    if (g.skills.empty()) return at + ".skills: an agent group needs at least one queue";
    for (std::size_t k = 0; k < g.skills.size(); ++k)
      if (g.skills[k] >= sc.queues.size()) return fmt::format("{}.skills[{}]: no such queue", at, k);
    if (g.chat_concurrency < 1 || g.chat_concurrency > 10)
      return at + ".chat_concurrency: must be 1..10";
    if (auto e = check_shift(at + ".shift", g.shift, sc)) return e;
    for (std::size_t b = 0; b < g.breaks.size(); ++b) {
      const BreakSpec& br = g.breaks[b];
      const std::string bat = fmt::format("{}.breaks[{}]", at, b);
      if (br.status.empty() || br.status == kStatusAvailable || br.status == kStatusOffline)
        return bat + ".status: must be a custom status (not Available or Offline)";
      if (br.length <= Duration{0}) return bat + ".minutes: must be positive";
      if (br.stagger < Duration{0}) return bat + ".stagger_minutes: must be non-negative";
    }
  }
  for (std::size_t i = 0; i < sc.supervisor_groups.size(); ++i) {
    const SupervisorGroupSpec& g = sc.supervisor_groups[i];
    const std::string at = fmt::format("supervisors[{}]", i);
    if (auto e = check_prefix(at, g.id_prefix, prefixes)) return e;
    if (g.count < 0 || g.count > 10000) return at + ".count: must be 0..10000";
    if (g.listen_only < 0 || g.listen_only > g.count) return at + ".listen_only: must be 0..count";
    if (g.watches.empty()) return at + ".watches: a supervisor group watches at least one agent group";
    for (std::size_t k = 0; k < g.watches.size(); ++k)
      if (g.watches[k] >= sc.agent_groups.size())
        return fmt::format("{}.watches[{}]: no such agent group", at, k);
    if (auto e = check_shift(at + ".shift", g.shift, sc)) return e;
    for (auto [v, key] : {std::pair{g.monitor_share, "monitor_share"}, {g.barge_share, "barge_share"},
                          {g.long_contact_barge_share, "long_contact_barge_share"},
                          {g.consult_share, "consult_share"}})
      if (!share(v)) return fmt::format("{}.{}: must be a share in [0, 1]", at, key);
    if (!finite_nonneg(g.long_contact_seconds)) return at + ".long_contact_seconds: must be non-negative";
    if (auto e = check_distribution(at + ".monitor_delay", g.monitor_delay, false)) return e;
    if (auto e = check_distribution(at + ".listen_time", g.listen_time, false)) return e;
    if (auto e = check_distribution(at + ".barge_delay", g.barge_delay, false)) return e;
    if (g.chat_concurrency < 1 || g.chat_concurrency > 10)
      return at + ".chat_concurrency: must be 1..10";
  }
  return std::nullopt;
}

Result<Scenario> stationary_scenario(const StationaryParams& p) {
  const auto bad_flag = [](std::string m) { return error(ErrorCode::InvalidInput, std::move(m)); };
  if (p.agents < 1 || p.agents > 100000) return bad_flag("--agents: must be 1..100000");
  if (!(p.arrivals_per_hour > 0) || !std::isfinite(p.arrivals_per_hour))
    return bad_flag("--arrivals-per-hour: must be positive");
  if (!(p.acw_seconds >= 0)) return bad_flag("--acw: must be non-negative");
  if (!(p.aht_seconds > p.acw_seconds) || !std::isfinite(p.aht_seconds))
    return bad_flag("--aht: must be positive and longer than --acw (AHT includes it)");
  if (!(p.hours > 0) || p.hours > 1e6) return bad_flag("--hours: must be positive");
  if (p.patience_seconds && !(*p.patience_seconds > 0))
    return bad_flag("--patience: must be positive seconds, or none");
  if (p.supervisors < 0) return bad_flag("--supervisors: must be non-negative");
  Scenario s;
  s.name = "stationary";
  s.seed = p.seed;
  s.start = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}.time_since_epoch()};
  s.day_length = std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::ratio<3600>>(p.hours));
  if (s.day_length < Duration{1000}) return bad_flag("--hours: at least one second");
  s.interval = s.day_length;
  s.sl_threshold_seconds = p.sl_threshold_seconds;
  s.flows.push_back({"recorded", true});
  QueueSpec q;
  q.name = "support";
  q.channel = Channel::Voice;
  if (p.supervisors > 0) {
    s.flows.push_back({"unrecorded", false});
    q.flows = {{0, 0.95}, {1, 0.05}};
  } else {
    q.flows = {{0, 1.0}};
  }
  q.rates_per_hour = {p.arrivals_per_hour};
  const double talk = p.aht_seconds - p.acw_seconds;
  q.handle_time.main = p.lognormal ? Distribution::lognormal_mean(talk, 0.88)
                                   : Distribution::exponential(talk);
  q.after_contact_work = Distribution::constant(p.acw_seconds);
  q.patience = p.patience_seconds ? Patience::exponential(*p.patience_seconds) : Patience::none();
  s.queues.push_back(std::move(q));
  AgentGroupSpec g;
  g.name = "agents";
  g.id_prefix = "agent";
  g.count = p.agents;
  g.skills = {0};
  // Staffed until the queue has drained: FCFS waits depend only on earlier arrivals, so the
  // tail after the last arrival biases nothing.
  g.shift = {Duration{0}, s.day_length};
  g.stay_until_queues_empty = true;
  s.agent_groups.push_back(g);
  if (p.supervisors > 0) {
    SupervisorGroupSpec sg;
    sg.name = "supervisors";
    sg.id_prefix = "sup";
    sg.count = p.supervisors;
    sg.listen_only = p.supervisors / 3;
    sg.watches = {0};
    sg.shift = g.shift;
    s.supervisor_groups.push_back(sg);
  }
  if (auto e = validate(s)) return error(ErrorCode::InvalidArgument, *e);
  return s;
}

std::optional<std::array<double, 24>> builtin_profile(std::string_view name) {
  if (name == "flat") {
    std::array<double, 24> w{};
    w.fill(1);
    return w;
  }
  if (name == "bank") {
    // Weekday arrivals per hour from 07:00 to 24:00 at an Israeli bank's call center
    // (Brown et al., JASA 2005): peak at 10:00, lunch dip, afternoon rise, evening decay.
    return std::array<double, 24>{0,   0,   0,   0,   0,   0,   0,  40, 95, 108, 125, 113,
                                  94, 120, 115, 113, 116, 94, 83, 67, 59, 62,  53,  41};
  }
  return std::nullopt;
}

std::vector<double> spread_over_intervals(double per_day, std::span<const double> weights,
                                          Duration interval) {
  double total = 0;
  for (double w : weights) total += w;
  std::vector<double> rates(weights.size(), 0.0);
  if (total <= 0) return rates;
  const double hours = std::chrono::duration<double, std::ratio<3600>>(interval).count();
  for (std::size_t i = 0; i < weights.size(); ++i) rates[i] = per_day * weights[i] / total / hours;
  return rates;
}

}  // namespace callwatch::sim
