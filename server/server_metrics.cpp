#include "server/server_metrics.h"

#include <fmt/format.h>

namespace callwatch::server {
namespace {

const std::vector<double> kLatency{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

}  // namespace

void ServerMetrics::observe(Histogram& h, const std::vector<double>& bounds, double v) {
  if (h.counts.empty()) h.counts.assign(bounds.size() + 1, 0);
  std::size_t i = 0;
  while (i < bounds.size() && v > bounds[i]) ++i;
  ++h.counts[i];
  h.sum += v;
  ++h.count;
}

void ServerMetrics::request(std::string_view route, int status, double seconds) {
  std::lock_guard l(mu_);
  ++requests_[{std::string(route), status}];
  observe(latency_[std::string(route)], kLatency, seconds);
}

void ServerMetrics::appended(std::size_t events, double seconds) {
  std::lock_guard l(mu_);
  events_ += events;
  ++batches_;
  observe(append_, kLatency, seconds);
}

void ServerMetrics::render_histogram(std::string& out, std::string_view name, std::string_view labels,
                                     const std::vector<double>& bounds, const Histogram& h) {
  std::uint64_t cumulative = 0;
  const std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += h.counts.empty() ? 0 : h.counts[i];
    const std::string le = i < bounds.size() ? fmt::format("{}", bounds[i]) : "+Inf";
    out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, le, cumulative);
  }
  const std::string braces = labels.empty() ? "" : fmt::format("{{{}}}", labels);
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, h.sum, name, braces, h.count);
}

std::string ServerMetrics::render(std::uint64_t head, std::uint64_t folded, std::int64_t clients) const {
  std::lock_guard l(mu_);
  std::string out;
  out += "# HELP callwatch_http_requests_total HTTP requests answered, by route pattern and status.\n";
  out += "# TYPE callwatch_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out += fmt::format("callwatch_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", k.first, k.second, n);
  out += "# HELP callwatch_http_request_duration_seconds From a request's arrival to its reply.\n";
  out += "# TYPE callwatch_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_)
    render_histogram(out, "callwatch_http_request_duration_seconds", fmt::format("route=\"{}\"", route), kLatency, h);
  out += "# HELP callwatch_events_appended_total Events the server's engine appended.\n";
  out += "# TYPE callwatch_events_appended_total counter\n";
  out += fmt::format("callwatch_events_appended_total {}\n", events_);
  out += "# HELP callwatch_append_duration_seconds One engine batch: decide and the durable append.\n";
  out += "# TYPE callwatch_append_duration_seconds histogram\n";
  render_histogram(out, "callwatch_append_duration_seconds", "", kLatency, append_);
  out += "# HELP callwatch_log_position The log's last position.\n# TYPE callwatch_log_position gauge\n";
  out += fmt::format("callwatch_log_position {}\n", head);
  out += "# HELP callwatch_projection_lag_events Events appended but not yet folded into the read models.\n";
  out += "# TYPE callwatch_projection_lag_events gauge\n";
  out += fmt::format("callwatch_projection_lag_events {}\n", head > folded ? head - folded : 0);
  out += "# HELP callwatch_live_feed_clients Connected /v1/stream clients.\n# TYPE callwatch_live_feed_clients gauge\n";
  out += fmt::format("callwatch_live_feed_clients {}\n", clients);
  return out;
}

}  // namespace callwatch::server
