// `callwatch rebuild [PROJECTION]`: drop the projections and fold them again from position 1.
//
// The in-memory read models (agents, queues, conversations, permissions) and the session audit
// trail are one fold over the log, so naming any of them rebuilds them together. Contact
// histories are the store's own stream index: there is nothing to rebuild.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/json.h"
#include "projections/open.h"
#include "projections/runner.h"

namespace callwatch::app {
namespace {

const std::vector<std::string> kProjections = {"agents", "queues", "conversations", "permissions", "sessions"};

class Rebuild final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("projection", projection_, "agents, queues, conversations, permissions, sessions or all")
        ->check(CLI::IsMember({"all", "agents", "queues", "conversations", "permissions", "sessions", "history"}));
    app.add_flag("--json", json_, "Print the result as JSON");
  }

  int run() override {
    using namespace projections;
    if (projection_ == "history") {
      fmt::print("history is read from the event store's stream index: nothing to rebuild\n");
      return 0;
    }
    auto store = open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    auto p = Projections::open(**store);
    if (!p) {
      // Too damaged to open: remove the database (only RocksDB's own files) and start over.
      fmt::print(stderr, "callwatch rebuild: {}; recreating it\n", p.error().message);
      if (auto s = StateDb::destroy(state_dir_of(**store)); !s) return fail(s.error().message);
      p = Projections::open(**store);
      if (!p) return fail(p.error().message);
    }
    if ((*p)->storage() != StateDb::Mode::Writable)
      return fail(fmt::format("the projections database {} is in use by another process; stop it first",
                              state_dir_of(**store)));
    auto stats = (*p)->rebuild();
    if (!stats) return fail(stats.error().message);
    for (const auto& n : (*p)->notes()) fmt::print(stderr, "callwatch rebuild: {}\n", n);
    if (json_) {
      nlohmann::json out = {{"rebuilt", kProjections},
                            {"position", (*p)->position()},
                            {"events", stats->events},
                            {"skipped", stats->skipped},
                            {"seconds", stats->seconds},
                            {"eventsPerSecond", stats->events_per_second()}};
      fmt::print("{}\n", codec::json_text(out));
    } else {
      fmt::print("rebuilt {} from position 1 to {}: {} events in {:.2f} s ({:.0f} events/s){}\n",
                 fmt::join(kProjections, ", "), (*p)->position(), stats->events, stats->seconds,
                 stats->events_per_second(),
                 stats->skipped ? fmt::format(", {} undecodable events skipped", stats->skipped) : "");
    }
    return 0;
  }

 private:
  std::string data_dir_, projection_ = "all";
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(Rebuild, "rebuild", "Drop the projections and fold them again from the start of the log");

}  // namespace
}  // namespace callwatch::app
