#include "simulator/erlang.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace callwatch::sim {

double erlang_b(int agents, double load) {
  double b = 1;
  for (int k = 1; k <= agents; ++k) b = load * b / (k + load * b);
  return b;
}

double erlang_c(int agents, double load) {
  if (load >= agents) return 1;
  const double b = erlang_b(agents, load);
  return agents * b / (agents - load * (1 - b));
}

double erlang_c_service_level(int agents, double load, double aht, double t) {
  if (load >= agents) return 0;
  return 1 - erlang_c(agents, load) * std::exp(-(agents - load) * t / aht);
}

double erlang_c_asa(int agents, double load, double aht) {
  if (load >= agents) return std::numeric_limits<double>::infinity();
  return erlang_c(agents, load) * aht / (agents - load);
}

ErlangA erlang_a(int agents, double lambda, double aht, double mean_patience) {
  const double mu = 1 / aht;
  const double theta = 1 / mean_patience;
  // log p_k (unnormalised): p_k = p_{k-1} * lambda / (min(k, N) mu + max(k - N, 0) theta).
  std::vector<double> logp{0.0};
  double top = 0;
  for (int k = 1;; ++k) {
    const double rate = std::min(k, agents) * mu + std::max(k - agents, 0) * theta;
    logp.push_back(logp.back() + std::log(lambda / rate));
    top = std::max(top, logp.back());
    // Past N the terms fall geometrically once theta-driven; stop when negligible.
    if (k > agents && logp.back() < top - 60 && lambda < rate) break;
    if (k > agents + 10'000'000) break;
  }
  double total = 0, waiting = 0, queue = 0, busy = 0;
  for (std::size_t k = 0; k < logp.size(); ++k) {
    const double p = std::exp(logp[k] - top);
    const int n = static_cast<int>(k);
    total += p;
    if (n >= agents) waiting += p;
    if (n > agents) queue += (n - agents) * p;
    busy += std::min(n, agents) * p;
  }
  ErlangA out;
  out.p_wait = waiting / total;
  out.mean_queue = queue / total;
  out.p_abandon = theta * out.mean_queue / lambda;
  out.occupancy = busy / total / agents;
  return out;
}

std::optional<Theory> stationary_theory(const StationaryParams& p) {
  if (p.agents < 1 || !(p.arrivals_per_hour > 0) || !(p.aht_seconds > 0)) return std::nullopt;
  Theory t;
  t.exact = !p.lognormal && p.acw_seconds == 0;
  const double lambda = p.arrivals_per_hour / 3600;
  const double load = lambda * p.aht_seconds;
  if (!p.patience_seconds) {
    if (load >= p.agents) return std::nullopt;  // unstable: no steady state
    t.model = "Erlang C";
    t.p_wait = erlang_c(p.agents, load);
    t.service_level = erlang_c_service_level(p.agents, load, p.aht_seconds, p.sl_threshold_seconds);
    t.asa_seconds = erlang_c_asa(p.agents, load, p.aht_seconds);
    t.occupancy = load / p.agents;
    return t;
  }
  t.model = "Erlang A";
  const ErlangA a = erlang_a(p.agents, lambda, p.aht_seconds, *p.patience_seconds);
  t.p_wait = a.p_wait;
  t.abandon_rate = a.p_abandon;
  t.occupancy = a.occupancy;
  return t;
}

}  // namespace callwatch::sim
