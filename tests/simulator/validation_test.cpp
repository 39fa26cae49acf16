// The stationary model against queueing theory: Erlang C (exponential handle times, no
// abandonment) and Erlang A (exponential patience), from 70% to 110% offered load.
//
// Tolerances come from the run length. An estimate from n contacts of a stationary queue has
// standard error sigma / sqrt(n), where sigma is the estimator's asymptotic standard
// deviation per contact (waits are correlated, so sigma is much larger than a binomial
// sd; it grows steeply with load). sigma was measured once per case from 30 independent
// replications of ~100,000 contacts each (the values below); each check then allows
//     |simulated - theory| <= 4 * sigma / sqrt(n).
// Optimised builds run n = 10x the sanitizer/debug length, so their tolerances are
// sqrt(10) = 3.2x tighter. Every check prints its numbers.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "simulator/erlang.h"
#include "simulator/simulator.h"

namespace callwatch::sim {
namespace {

#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
constexpr double kLengthScale = 1;  // sanitizers and -O0: keep the suite fast
#else
constexpr double kLengthScale = 10;
#endif

struct Sigma {  // asymptotic sd per contact of each estimator (pilot: 30 x ~100k contacts)
  double service_level = 0, asa = 0, p_wait = 0, p_abandon = 0;
};

struct Case {
  const char* name;
  int agents;
  double load;  // erlangs, AHT 180 s
  std::optional<double> patience;
  double contacts;  // run length at scale 1
  Sigma sigma;
};

Report run(const Case& c, std::uint64_t seed) {
  StationaryParams p;
  p.agents = c.agents;
  p.aht_seconds = 180;
  p.arrivals_per_hour = c.load / 180 * 3600;
  p.patience_seconds = c.patience;
  p.hours = c.contacts * kLengthScale / p.arrivals_per_hour;
  p.seed = seed;
  auto s = stationary_scenario(p);
  EXPECT_TRUE(s) << s.error();
  auto r = simulate(*s);
  EXPECT_TRUE(r) << r.error();
  return *r;
}

void check(const char* what, double simulated, double theory, double sigma, double n) {
  const double tolerance = 4 * sigma / std::sqrt(n);
  fmt::print("    {:<14} theory {:>9.4f}  simulated {:>9.4f}  tolerance {:>7.4f}  ({:+.1f} se)\n",
             what, theory, simulated, tolerance, (simulated - theory) / (sigma / std::sqrt(n)));
  EXPECT_NEAR(simulated, theory, tolerance) << what;
}

void erlang_c_case(const Case& c) {
  const Report r = run(c, 20261123);
  const double n = static_cast<double>(r.contacts_offered - r.warmup_contacts);
  fmt::print("  {}: N={} A={:g} (occupancy {:.0f}%), {} contacts after warm-up\n", c.name,
             c.agents, c.load, 100 * c.load / c.agents, static_cast<std::uint64_t>(n));
  check("P(wait)", r.p_wait, erlang_c(c.agents, c.load), c.sigma.p_wait, n);
  check("SL(20 s)", r.service_level, erlang_c_service_level(c.agents, c.load, 180, 20),
        c.sigma.service_level, n);
  check("ASA (s)", r.asa_seconds, erlang_c_asa(c.agents, c.load, 180), c.sigma.asa, n);
  EXPECT_EQ(r.contacts_abandoned, 0u);
}

void erlang_a_case(const Case& c) {
  const Report r = run(c, 20261124);
  const double n = static_cast<double>(r.contacts_offered - r.warmup_contacts);
  fmt::print("  {}: N={} A={:g} ({:.0f}% offered), patience {:g} s, {} contacts after warm-up\n",
             c.name, c.agents, c.load, 100 * c.load / c.agents, *c.patience,
             static_cast<std::uint64_t>(n));
  const ErlangA theory = erlang_a(c.agents, c.load / 180, 180, *c.patience);
  check("P(wait)", r.p_wait, theory.p_wait, c.sigma.p_wait, n);
  check("P(abandon)", r.abandon_rate_after_warmup, theory.p_abandon, c.sigma.p_abandon, n);
}

}  // namespace

TEST(ErlangC, Load70) { erlang_c_case({"70%", 10, 7, {}, 200'000, {2.1, 300, 2.3, 0}}); }
TEST(ErlangC, Load80) { erlang_c_case({"80%", 20, 16, {}, 200'000, {3.0, 300, 3.4, 0}}); }
TEST(ErlangC, Load90) { erlang_c_case({"90%", 30, 27, {}, 300'000, {6.5, 940, 5.9, 0}}); }
TEST(ErlangC, Load95) { erlang_c_case({"95%", 40, 38, {}, 400'000, {10.3, 2970, 8.4, 0}}); }

// The textbook example: 200 calls an hour, 180 s handle time, 14 agents.
TEST(ErlangC, ClassicCheck200CallsAnHour14Agents) {
  EXPECT_NEAR(erlang_c_service_level(14, 10, 180, 20), 0.888, 0.0005);
  EXPECT_NEAR(erlang_c_asa(14, 10, 180), 7.8, 0.05);
  erlang_c_case({"200/h, 14 agents", 14, 10, {}, 400'000, {1.9, 210, 2.3, 0}});
}

TEST(ErlangA, Load71Patience300) { erlang_a_case({"71%", 14, 10, 300.0, 200'000, {0, 0, 1.8, 0.25}}); }
TEST(ErlangA, Load95Patience300) { erlang_a_case({"95%", 20, 19, 300.0, 200'000, {0, 0, 3.5, 0.68}}); }
TEST(ErlangA, Overload110Patience300) {
  erlang_a_case({"110%", 20, 22, 300.0, 200'000, {0, 0, 2.6, 0.98}});
}

// Occupancy is offered load over agents when nobody abandons.
TEST(Stationary, OccupancyIsLoadOverAgents) {
  const Report r = run({"occupancy", 20, 16, {}, 100'000, {}}, 7);
  const double n = static_cast<double>(r.contacts_offered);
  // Busy time over the horizon varies with the arrival count and the handle times: relative
  // sd about sqrt(2 / n). Allow 6 of those.
  EXPECT_NEAR(r.occupancy, 0.8, 0.8 * 6 * std::sqrt(2 / n));
}

}  // namespace callwatch::sim
