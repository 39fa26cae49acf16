// Queueing theory for the stationary model, to validate the simulator against (and to
// print beside a stationary run's results).
//
// Erlang C: M/M/N, Poisson arrivals, exponential handle times, infinitely patient callers.
// Erlang A: M/M/N+M, the same with exponential patience (Palm 1943; Garnett, Mandelbaum &
// Reiman 2002). Offered load A = lambda * AHT in erlangs; all times in seconds.
#pragma once

#include <optional>
#include <string>

#include "simulator/scenario.h"

namespace callwatch::sim {

// Erlang B blocking probability, by the stable recursion B_k = A B_{k-1} / (k + A B_{k-1}).
[[nodiscard]] double erlang_b(int agents, double load);
// Erlang C: probability that an arrival waits (1 when load >= agents).
[[nodiscard]] double erlang_c(int agents, double load);
// P(wait <= t) under Erlang C.
[[nodiscard]] double erlang_c_service_level(int agents, double load, double aht, double t);
// Mean wait over all arrivals (ASA) under Erlang C; +infinity when load >= agents.
[[nodiscard]] double erlang_c_asa(int agents, double load, double aht);

struct ErlangA {
  double p_wait = 0;       // an arrival finds every agent busy
  double p_abandon = 0;    // share of arrivals who give up
  double mean_queue = 0;   // time-average number waiting
  double occupancy = 0;    // busy agents / agents
};
// M/M/N+M by its birth-death chain (computed in log space: any load, any N).
[[nodiscard]] ErlangA erlang_a(int agents, double arrivals_per_second, double aht,
                               double mean_patience);

// What theory says of a stationary run: exact for exponential talk time with no
// after-contact work, an approximation otherwise (then `exact` is false).
struct Theory {
  std::string model;  // "Erlang C" or "Erlang A"
  bool exact = true;
  double p_wait = 0;
  double service_level = 0;  // Erlang C only (answered within the threshold)
  double asa_seconds = 0;    // Erlang C only
  double abandon_rate = 0;   // Erlang A only
  double occupancy = 0;
};
[[nodiscard]] std::optional<Theory> stationary_theory(const StationaryParams& p);

}  // namespace callwatch::sim
