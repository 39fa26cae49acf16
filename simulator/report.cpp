#include "simulator/report.h"

#include <fmt/format.h>

#include <chrono>

namespace callwatch::sim {
namespace {

std::string iso(Timestamp t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     hms.subseconds().count());
}

std::string clock_of(Timestamp t) { return iso(t).substr(11, 5); }

std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string rate(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.2f} M", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.1f} k", per_second / 1e3);
  return fmt::format("{:.0f}", per_second);
}

}  // namespace

nlohmann::json to_json(const Report& r) {
  using nlohmann::json;
  json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["sink"] = r.sink;
  j["start"] = iso(r.start);
  j["end"] = iso(r.end);
  j["days"] = r.days;
  j["contactsOffered"] = r.contacts_offered;
  j["contactsAnswered"] = r.contacts_answered;
  j["contactsAbandoned"] = r.contacts_abandoned;
  j["unansweredAtClose"] = r.unanswered_at_close;
  j["serviceLevelThresholdSeconds"] = r.sl_threshold_seconds;
  j["serviceLevel"] = r.service_level;
  j["serviceLevelDefinition"] =
      "answered within the threshold / answered, excluding the warm-up contacts";
  j["serviceLevelOfOffered"] = r.service_level_offered;
  j["asaSeconds"] = r.asa_seconds;
  j["pWait"] = r.p_wait;
  j["abandonRate"] = r.abandon_rate;
  j["abandonRateAfterWarmup"] = r.abandon_rate_after_warmup;
  j["occupancy"] = r.occupancy;
  j["ahtSeconds"] = r.aht_seconds;
  j["warmupContacts"] = r.warmup_contacts;
  j["maxQueueLength"] = r.max_queue_length;
  j["monitorSessions"] = r.monitor_sessions;
  j["bargeSessions"] = r.barge_sessions;
  j["consultSessions"] = r.consult_sessions;
  j["messages"] = r.messages;
  j["rejections"] = json::object();
  for (const auto& [code, n] : r.rejections) j["rejections"][code] = n;
  j["commands"] = r.commands;
  j["events"] = r.events ? json(*r.events) : json(nullptr);
  j["modelEvents"] = r.model_events;
  j["divergences"] = r.divergences;
  if (!r.divergence_examples.empty()) j["divergenceExamples"] = r.divergence_examples;
  j["logDigest"] = r.log_digest ? json(*r.log_digest) : json(nullptr);
  j["wallSeconds"] = r.wall_seconds;
  j["contactsPerSecond"] = r.contacts_per_second;
  j["commandsPerSecond"] = r.commands_per_second;
  j["eventsPerSecond"] = r.events_per_second ? json(*r.events_per_second) : json(nullptr);
  j["offeredPerDay"] = r.offered_per_day;
  json queues = json::array();
  for (const auto& q : r.queues)
    queues.push_back({{"name", q.name},
                      {"channel", to_string(q.channel)},
                      {"offered", q.offered},
                      {"answered", q.answered},
                      {"abandoned", q.abandoned},
                      {"serviceLevel", q.service_level},
                      {"asaSeconds", q.asa_seconds},
                      {"abandonRate", q.abandon_rate},
                      {"ahtSeconds", q.aht_seconds}});
  j["queues"] = queues;
  json intervals = json::array();
  for (const auto& i : r.intervals)
    intervals.push_back({{"start", iso(i.start)},
                         {"offered", i.offered},
                         {"answered", i.answered},
                         {"abandoned", i.abandoned},
                         {"serviceLevel", i.service_level},
                         {"asaSeconds", i.asa_seconds},
                         {"staffed", i.staffed},
                         {"busy", i.busy}});
  j["intervals"] = intervals;
  if (r.theory) {
    const Theory& t = *r.theory;
    json th{{"model", t.model}, {"exact", t.exact}, {"pWait", t.p_wait}, {"occupancy", t.occupancy}};
    if (t.model == "Erlang C") {
      th["serviceLevel"] = t.service_level;
      th["asaSeconds"] = t.asa_seconds;
    } else {
      th["abandonRate"] = t.abandon_rate;
    }
    j["theory"] = th;
  }
  return j;
}

std::string format_report(const Report& r) {
  std::string out;
  auto line = [&](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<26}{}\n", label, value);
  };
  const bool erlang_c = r.theory && r.theory->model == "Erlang C";
  auto theory = [&](double v, bool pct) {
    if (!r.theory) return std::string();
    return pct ? fmt::format("   (theory {:.1f}%{})", 100 * v, r.theory->exact ? "" : ", approx.")
               : fmt::format("   (theory {:.1f} s{})", v, r.theory->exact ? "" : ", approx.");
  };
  out += fmt::format("{} (seed {}), {} day(s) from {}, sink: {}\n", r.scenario, r.seed, r.days,
                     iso(r.start).substr(0, 16), r.sink);
  line("contacts offered", thousands(r.contacts_offered));
  line("contacts answered", thousands(r.contacts_answered));
  line("contacts abandoned",
       fmt::format("{} ({:.1f}%){}", thousands(r.contacts_abandoned), 100 * r.abandon_rate,
                   r.theory && !erlang_c ? theory(r.theory->abandon_rate, true) : ""));
  if (r.unanswered_at_close > 0)
    line("  of which at close", thousands(r.unanswered_at_close));
  line(fmt::format("service level ({:g} s)", r.sl_threshold_seconds),
       fmt::format("{:.1f}% of answered, {:.1f}% of offered{}", 100 * r.service_level,
                   100 * r.service_level_offered, erlang_c ? theory(r.theory->service_level, true) : ""));
  line("ASA", fmt::format("{:.1f} s{}", r.asa_seconds, erlang_c ? theory(r.theory->asa_seconds, false) : ""));
  line("waited at all", fmt::format("{:.1f}%{}", 100 * r.p_wait, r.theory ? theory(r.theory->p_wait, true) : ""));
  line("  (warm-up left out)", fmt::format("first {} contacts", thousands(r.warmup_contacts)));
  line("occupancy", fmt::format("{:.1f}%{}", 100 * r.occupancy, r.theory ? theory(r.theory->occupancy, true) : ""));
  line("average handle time", fmt::format("{:.0f} s", r.aht_seconds));
  line("longest queue", thousands(r.max_queue_length));
  line("supervision sessions",
       fmt::format("{} monitor, {} barge, {} consult", thousands(r.monitor_sessions),
                   thousands(r.barge_sessions), thousands(r.consult_sessions)));
  if (r.messages > 0) line("chat messages", thousands(r.messages));
  std::string rejections;
  for (const auto& [code, n] : r.rejections)
    rejections += fmt::format("{}{} {}", rejections.empty() ? "" : ", ", code, thousands(n));
  line("rejections", rejections.empty() ? "none" : rejections);
  if (r.divergences > 0) line("MODEL/DOMAIN DIVERGENCES", thousands(r.divergences));
  line("commands", thousands(r.commands));
  line("events", r.events ? thousands(*r.events) : "none (model only)");
  line("wall time",
       fmt::format("{:.2f} s: {} contacts/s, {} commands/s{}", r.wall_seconds,
                   rate(r.contacts_per_second), rate(r.commands_per_second),
                   r.events_per_second ? fmt::format(", {} events/s", rate(*r.events_per_second)) : ""));
  if (r.log_digest) line("log digest", *r.log_digest);
  for (const auto& d : r.divergence_examples) out += "  ! " + d + "\n";

  if (r.queues.size() > 1) {
    out += fmt::format("\n  {:<20}{:>7}{:>10}{:>10}{:>10}{:>8}{:>8}{:>8}\n", "queue", "channel",
                       "offered", "answered", "abandoned", "SL", "ASA", "AHT");
    for (const auto& q : r.queues)
      out += fmt::format("  {:<20}{:>7}{:>10}{:>10}{:>10}{:>7.1f}%{:>7.1f}s{:>7.0f}s\n", q.name,
                         to_string(q.channel), q.offered, q.answered, q.abandoned,
                         100 * q.service_level, q.asa_seconds, q.aht_seconds);
  }
  if (r.intervals.size() > 1 && r.intervals.size() <= 96) {
    out += fmt::format("\n  {:<7}{:>9}{:>10}{:>10}{:>8}{:>8}{:>9}{:>7}\n", "start", "offered",
                       "answered", "abandoned", "SL", "ASA", "staffed", "busy");
    for (const auto& i : r.intervals) {
      if (i.offered == 0 && i.staffed == 0) continue;
      out += fmt::format("  {:<7}{:>9}{:>10}{:>10}{:>7.1f}%{:>7.1f}s{:>9}{:>7}\n", clock_of(i.start),
                         i.offered, i.answered, i.abandoned, 100 * i.service_level, i.asa_seconds,
                         i.staffed, i.busy);
    }
  }
  return out;
}

}  // namespace callwatch::sim
