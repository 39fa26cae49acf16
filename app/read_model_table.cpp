#include "app/read_model_table.h"

#include <fmt/format.h>

#include <cstdio>

#include "projections/open.h"

namespace callwatch::app {

void ReadModelTable::configure(CLI::App& app) {
  app.add_option("--data", data_dir_, "Data directory of the store")->required();
  app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the table as it was then");
  app.add_flag("--json", json_, "Print the stable JSON form (docs/projections.md)");
  configure_table(app);
}

int ReadModelTable::run() {
  using namespace projections;
  if (!as_of_.empty()) {
    auto bound = AsOf::parse(as_of_);
    if (!bound) return fail("--as-of: " + bound.error(), 2);
    auto store = open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    auto m = model_as_of(**store, *bound, {});
    if (!m) return fail(m.error().message);
    print(m->model, ViewPoint{m->position, m->model.events_applied(), m->now});
    return 0;
  }
  auto opened = open_caught_up(data_dir_);
  if (!opened) return fail(opened.error().message);
  for (const auto& n : opened->projections->notes()) fmt::print(stderr, "callwatch {}: {}\n", name(), n);
  const ReadModel& m = opened->projections->model();
  print(m, view_point(m));
  return 0;
}


}  // namespace callwatch::app
