#include "server/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <mutex>
#include <variant>

#include "codec/utf8.h"

namespace callwatch::server::metrics {
namespace {

bool name_char(char c, bool first, bool colon) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return alpha || (!first && c >= '0' && c <= '9');
}
bool valid_name(std::string_view s, bool colon) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!name_char(s[i], i == 0, colon)) return false;
  return true;
}

// A sample value as Prometheus reads it (Go's ParseFloat): shortest round-trip decimal.
std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

void escape_into(std::string& out, std::string_view text, bool quote) {
  const std::string valid = codec::make_valid_utf8(text);
  for (char c : valid) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (quote && c == '"') out += "\\\"";
    else out += c;
  }
}

// `{a="x",b="y"` plus `extra` (a histogram's le) and `}`; nothing for no labels at all.
void labels_into(std::string& out, const std::vector<std::string>& names,
                 const std::vector<std::string>& values, std::string_view extra = {}) {
  if (names.empty() && extra.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i];
    out += "=\"";
    escape_into(out, values[i], true);
    out += '"';
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  out += '}';
}

std::unexpected<Error> bad(std::string message) {
  return error(ErrorCode::InvalidArgument, std::move(message));
}

}  // namespace

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::observe(double v) noexcept {
  // The first bucket whose bound is >= v (Prometheus buckets are `le`); NaN lands in +Inf.
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  counts_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  s.count = running;  // +Inf equals count, as the format requires
  return s;
}

template <class T>
T& Family<T>::with(std::span<const std::string_view> values) {
  if (values.size() == labels_.size()) {
    std::shared_lock l(mu_);
    if (auto it = series_.find(values); it != series_.end()) return *it->second;
  }
  std::vector<std::string> key(labels_.size());
  for (std::size_t i = 0; i < key.size() && i < values.size(); ++i) key[i] = values[i];
  std::unique_lock l(mu_);
  auto& slot = series_[std::move(key)];
  if (!slot) {
    if constexpr (std::is_same_v<T, Histogram>) slot = std::make_unique<T>(bounds_);
    else slot = std::make_unique<T>();
  }
  return *slot;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

struct Registry::Entry {
  std::string name, help;
  Type type;
  std::variant<std::unique_ptr<Family<Counter>>, std::unique_ptr<Family<Gauge>>,
               std::unique_ptr<Family<Histogram>>>
      family;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Status Registry::admit(const std::string& name, const std::vector<std::string>& labels,
                       Type type) const {
  if (!valid_name(name, true)) return bad(fmt::format("bad metric name '{}'", name));
  for (const auto& l : labels) {
    if (!valid_name(l, false) || l.starts_with("__"))
      return bad(fmt::format("metric {}: bad label name '{}'", name, l));
    if (type == Type::Histogram && l == "le")
      return bad(fmt::format("metric {}: a histogram's labels cannot include 'le'", name));
  }
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t j = i + 1; j < labels.size(); ++j)
      if (labels[i] == labels[j])
        return bad(fmt::format("metric {}: label '{}' twice", name, labels[i]));
  for (const auto& e : entries_)
    if (e->name == name) return bad(fmt::format("metric {} is registered already", name));
  return {};
}

Result<Family<Counter>*> Registry::counter(std::string name, std::string help,
                                                               std::vector<std::string> labels) {
  std::unique_lock l(mu_);
  if (auto ok = admit(name, labels, Type::Counter); !ok) return std::unexpected(ok.error());
  auto f = std::unique_ptr<Family<Counter>>(new Family<Counter>(std::move(labels), {}));
  auto* p = f.get();
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(name), std::move(help), Type::Counter, std::move(f)}));
  return p;
}

Result<Family<Gauge>*> Registry::gauge(std::string name, std::string help,
                                                           std::vector<std::string> labels) {
  std::unique_lock l(mu_);
  if (auto ok = admit(name, labels, Type::Gauge); !ok) return std::unexpected(ok.error());
  auto f = std::unique_ptr<Family<Gauge>>(new Family<Gauge>(std::move(labels), {}));
  auto* p = f.get();
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(name), std::move(help), Type::Gauge, std::move(f)}));
  return p;
}

Result<Family<Histogram>*> Registry::histogram(
    std::string name, std::string help, std::span<const double> buckets,
    std::vector<std::string> labels) {
  std::unique_lock l(mu_);
  if (auto ok = admit(name, labels, Type::Histogram); !ok) return std::unexpected(ok.error());
  if (buckets.empty()) return bad(fmt::format("histogram {}: no buckets", name));
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (!std::isfinite(buckets[i]) || (i && !(buckets[i - 1] < buckets[i])))
      return bad(fmt::format("histogram {}: buckets must be finite and strictly increasing", name));
  auto f = std::unique_ptr<Family<Histogram>>(
      new Family<Histogram>(std::move(labels), std::vector<double>(buckets.begin(), buckets.end())));
  auto* p = f.get();
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(name), std::move(help), Type::Histogram, std::move(f)}));
  return p;
}

std::string Registry::render() const {
  std::string out;
  std::shared_lock l(mu_);
  for (const auto& e : entries_) {
    out += "# HELP ";
    out += e->name;
    out += ' ';
    escape_into(out, e->help, false);
    out += "\n# TYPE ";
    out += e->name;
    out += e->type == Type::Counter ? " counter\n" : e->type == Type::Gauge ? " gauge\n" : " histogram\n";
    std::visit(
        [&](const auto& family) {
          std::shared_lock fl(family->mu_);
          for (const auto& [values, series] : family->series_) {
            using T = std::decay_t<decltype(*series)>;
            if constexpr (std::is_same_v<T, Histogram>) {
              const auto s = series->snapshot();
              const auto bounds = series->bounds();
              for (std::size_t i = 0; i <= bounds.size(); ++i) {
                out += e->name;
                out += "_bucket";
                const std::string le =
                    "le=\"" + (i < bounds.size() ? number(bounds[i]) : std::string("+Inf")) + "\"";
                labels_into(out, family->labels_, values, le);
                out += fmt::format(" {}\n", s.cumulative[i]);
              }
              out += e->name;
              out += "_sum";
              labels_into(out, family->labels_, values);
              out += ' ' + number(s.sum) + '\n';
              out += e->name;
              out += "_count";
              labels_into(out, family->labels_, values);
              out += fmt::format(" {}\n", s.count);
            } else {
              out += e->name;
              labels_into(out, family->labels_, values);
              if constexpr (std::is_same_v<T, Counter>) out += fmt::format(" {}\n", series->value());
              else out += ' ' + number(series->value()) + '\n';
            }
          }
        },
        e->family);
  }
  return out;
}

}  // namespace callwatch::server::metrics
