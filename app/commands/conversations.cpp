// `callwatch conversations`: the supervisor dashboard list: every conversation connected, on hold
// or in wrap-up, with agent, queue, wait, duration, messages and the supervisors on it.
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "projections/json.h"
#include "projections/log_queries.h"
#include "projections/open.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Conversations final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the table as it was then");
    app.add_flag("--json", json_, "Print the stable JSON form (docs/projections.md)");
  }

  int run() override {
    using namespace projections;
    auto print = [&](const ReadModel& m, const ViewPoint& v) {
      const auto rows = conversations_view(m, v.now);
      if (json_) fmt::print("{}\n", conversations_json(v, rows).dump());
      else fmt::print("{}", render_conversations(v, rows));
      return 0;
    };
    if (!as_of_.empty()) {
      auto bound = AsOf::parse(as_of_);
      if (!bound) return fail("--as-of: " + bound.error(), 2);
      auto store = open_store_for_reading(data_dir_);
      if (!store) return fail(store.error().message);
      auto m = model_as_of(**store, *bound, {});
      if (!m) return fail(m.error().message);
      return print(m->model, ViewPoint{m->position, m->model.events_applied(), m->now});
    }
    auto opened = open_caught_up(data_dir_);
    if (!opened) return fail(opened.error().message);
    for (const auto& n : opened->projections->notes()) fmt::print(stderr, "callwatch conversations: {}\n", n);
    const ReadModel& m = opened->projections->model();
    return print(m, view_point(m));
  }

 private:
  static int fail(const std::string& message, int code = 1) {
    fmt::print(stderr, "callwatch conversations: {}\n", message);
    return code;
  }
  std::string data_dir_, as_of_;
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(Conversations, "conversations", "Ongoing conversations with their agents, figures and supervisors");

}  // namespace
}  // namespace callwatch::app
