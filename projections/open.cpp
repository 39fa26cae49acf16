#include "projections/open.h"

#include <fmt/format.h>

namespace callwatch::projections {

Result<std::unique_ptr<eventstore::EventStore>> open_store_for_reading(const std::string& dir) {
  eventstore::Options o;
  o.read_only = true;
  o.create_if_missing = false;
  auto store = eventstore::EventStore::open(dir, o);
  if (!store) return error(store.error().message);
  return std::move(*store);
}

Result<CaughtUp> open_caught_up(const std::string& dir, RunnerOptions options) {
  CaughtUp out;
  auto store = open_store_for_reading(dir);
  if (!store) return std::unexpected(store.error());
  out.store = std::move(*store);
  auto p = Projections::open(*out.store, options);
  if (!p) return std::unexpected(p.error());
  out.projections = std::move(*p);
  auto stats = out.projections->catch_up();
  if (!stats) return std::unexpected(stats.error());
  out.stats = *stats;
  return out;
}

}  // namespace callwatch::projections
