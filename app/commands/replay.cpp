// `callwatch replay --speed 60x|max`: replay the log into fresh read models with its original
// timing scaled (or as fast as possible), printing progress, and at the end the events/s and
// what the read models hold. Nothing is written: the data directory is only read.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/json.h"
#include "codec/speed.h"
#include "codec/time.h"
#include "projections/open.h"
#include "projections/replay.h"
#include "projections/views.h"

namespace callwatch::app {
namespace {

class Replay final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("--speed", speed_, "max, realtime, or a factor of the original timing such as 60x")->capture_default_str();
    app.add_option("--from", from_, "First position to replay")->capture_default_str();
    app.add_option("--until", until_, "Stop after this position or ISO-8601 time");
    app.add_option("--max-gap", max_gap_s_, "With a speed: replay quiet stretches longer than this many seconds as this long")
        ->check(CLI::PositiveNumber);
    app.add_flag("--quiet", quiet_, "No progress lines");
    app.add_flag("--json", json_, "Print the final result as JSON");
  }

  int run() override {
    using namespace projections;
    auto speed = codec::parse_speed(speed_);
    if (!speed) return fail(speed.error(), 2);
    ReplayOptions o;
    o.speed = *speed;
    o.from = std::max<Position>(1, from_);
    if (max_gap_s_ > 0) o.max_gap = Duration{static_cast<std::int64_t>(max_gap_s_ * 1000)};
    if (!until_.empty()) {
      auto bound = AsOf::parse(until_);
      if (!bound) return fail("--until: " + bound.error(), 2);
      o.until = *bound;
    }
    auto store = open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    if (!quiet_)
      o.progress = [](const ReplayProgress& p) {
        const double done = p.last ? 100.0 * p.position / p.last : 100.0;
        fmt::print(stderr, "replay: position {}/{} ({:.1f}%), log time {}, {} events, {:.0f} events/s\n", p.position,
                   p.last, done, p.events ? codec::format_timestamp(p.log_time) : "-", p.events, p.events_per_second());
      };
    ReadModel model;
    auto r = replay(**store, model, o);
    if (!r) return fail(r.error().message);
    const ReplayProgress& p = r->final;
    const auto agents = agents_view(model, model.clock());
    const auto conversations = conversations_view(model, model.clock());
    if (json_) {
      nlohmann::json out = {{"events", p.events},
                            {"skipped", r->skipped},
                            {"position", p.position},
                            {"seconds", p.seconds},
                            {"eventsPerSecond", p.events_per_second()},
                            {"speed", o.speed ? nlohmann::json(*o.speed) : nlohmann::json("max")},
                            {"logFrom", p.events ? nlohmann::json(codec::format_timestamp(r->first_time)) : nullptr},
                            {"logTo", p.events ? nlohmann::json(codec::format_timestamp(p.log_time)) : nullptr},
                            {"agentsLoggedIn", agents.size()},
                            {"liveContacts", model.live_contacts()},
                            {"conversations", conversations.size()}};
      fmt::print("{}\n", codec::json_text(out));
    } else {
      fmt::print("replayed {} events (positions {}..{}{}) in {:.2f} s: {:.0f} events/s\n", p.events, o.from,
                 p.position, r->skipped ? fmt::format(", {} undecodable skipped", r->skipped) : "", p.seconds,
                 p.events_per_second());
      if (p.events)
        fmt::print("log time {} .. {}; at the end: {} agents logged in, {} live contacts, {} conversations\n",
                   codec::format_timestamp(r->first_time), codec::format_timestamp(p.log_time), agents.size(),
                   model.live_contacts(), conversations.size());
    }
    return 0;
  }

 private:
  std::string data_dir_, speed_ = "max", until_;
  projections::Position from_ = 1;
  double max_gap_s_ = 0;
  bool quiet_ = false, json_ = false;
};

CALLWATCH_SUBCOMMAND(Replay, "replay", "Replay the log into the read models at 60x, max, ... speed");

}  // namespace
}  // namespace callwatch::app
