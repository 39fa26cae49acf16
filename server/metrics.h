// Metrics: a small Prometheus registry (no HTTP here: GET /metrics serves render()).
//
//   Registry r;
//   auto& appended = *r.counter("callwatch_events_appended_total", "Events appended");
//   auto& requests = *r.counter("callwatch_http_requests_total", "HTTP requests",
//                               {"route", "status"});
//   auto& latency  = *r.histogram("callwatch_http_request_seconds", "Request latency",
//                                 kLatencyBuckets, {"route"});
//   appended.get().inc(n);
//   requests.with({"/v1/agents", "200"}).inc();
//   latency.with({"/v1/agents"}).observe(0.0012);
//   std::string text = r.render();   // text exposition format 0.0.4
//
// Cost: an observation on a series is relaxed atomics only (a counter: one fetch_add; a
// histogram: a bucket search and three atomic adds), no lock and no allocation. Finding a
// series by its label values (`with`) takes a shared lock and one map lookup; the first use
// of a label set takes the exclusive lock to create it. Series live as long as the registry
// and never move, so a hot path looks its series up once and keeps the reference.
// Thread-safe throughout: observe from any thread while another renders.
//
// Rendering: families in registration order, series sorted by label values; `# HELP` and
// `# TYPE` lines; label values escaped (\\, \", \n) and made valid UTF-8; histograms as
// cumulative `_bucket{le="..."}` series ending in `le="+Inf"`, then `_sum` and `_count`.
// Names are checked at registration: metric names [a-zA-Z_:][a-zA-Z0-9_:]*, label names
// [a-zA-Z_][a-zA-Z0-9_]* not starting with "__" (and not "le" on a histogram).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace callwatch::server::metrics {

// Seconds, for latencies from 50 µs (an append in wal mode) to 5 s.
inline constexpr double kLatencyBuckets[] = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                             0.005,   0.01,   0.025,   0.05,   0.1,   0.25,
                                             0.5,     1,      2.5,     5};

class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { v_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t value() const noexcept { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

class Gauge {
 public:
  void set(double v) noexcept { v_.store(v, std::memory_order_relaxed); }
  void add(double d) noexcept { v_.fetch_add(d, std::memory_order_relaxed); }
  [[nodiscard]] double value() const noexcept { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> v_{0};
};

class Histogram {
 public:
  // `bounds`: the buckets' upper bounds, strictly increasing, finite (+Inf is implicit).
  explicit Histogram(std::span<const double> bounds);
  void observe(double v) noexcept;

  struct Snapshot {
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  // Buckets, sum and count read one after another: under concurrent observations they may
  // disagree by the observations in flight (as in every Prometheus client).
  [[nodiscard]] Snapshot snapshot() const;
  [[nodiscard]] std::span<const double> bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket, +Inf last; not cumulative
  std::atomic<double> sum_{0};
  std::atomic<std::uint64_t> count_{0};
};

enum class Type : std::uint8_t { Counter, Gauge, Histogram };

namespace detail {
// Orders label-value tuples of any string-like elements, so a lookup needs no copy.
struct LabelLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](std::string_view x, std::string_view y) { return x < y; });
  }
};
}  // namespace detail

// All series of one metric: one per distinct tuple of label values.
template <class T>
class Family {
 public:
  // The series with these label values (as many as the family's label names; missing ones
  // are empty, extra ones ignored), created on first use.
  T& with(std::initializer_list<std::string_view> values) {
    return with(std::span<const std::string_view>(values.begin(), values.size()));
  }
  T& with(std::span<const std::string_view> values);
  // The one series of a family without labels.
  T& get() { return with(std::span<const std::string_view>{}); }

 private:
  friend class Registry;
  Family(std::vector<std::string> labels, std::vector<double> bounds)
      : labels_(std::move(labels)), bounds_(std::move(bounds)) {}
  std::vector<std::string> labels_;
  std::vector<double> bounds_;  // histograms only
  mutable std::shared_mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<T>, detail::LabelLess> series_;
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Errors (INVALID_ARGUMENT): a bad metric or label name, a name registered already, bad
  // buckets.
  [[nodiscard]] Result<Family<Counter>*> counter(
      std::string name, std::string help, std::vector<std::string> labels = {});
  [[nodiscard]] Result<Family<Gauge>*> gauge(
      std::string name, std::string help, std::vector<std::string> labels = {});
  [[nodiscard]] Result<Family<Histogram>*> histogram(
      std::string name, std::string help, std::span<const double> buckets,
      std::vector<std::string> labels = {});

  // The text exposition format 0.0.4 (Content-Type: text/plain; version=0.0.4).
  [[nodiscard]] std::string render() const;

 private:
  struct Entry;
  [[nodiscard]] Status admit(const std::string& name, const std::vector<std::string>& labels,
                             Type type) const;
  mutable std::shared_mutex mu_;
  std::vector<std::unique_ptr<Entry>> entries_;
};

// The Content-Type of render()'s text.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace callwatch::server::metrics
