// `callwatch stats --data DIR [--json] [--verify]`: what the event store holds.
//
// Opens the store read-only, so it works while another process (apply, serve) writes to it;
// it then shows the store as of the moment it was opened.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "app/subcommand.h"
#include "codec/json.h"
#include "eventstore/event_store.h"

namespace callwatch::app {
namespace {

std::string human_bytes(std::uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", b) : fmt::format("{:.1f} {}", v, units[u]);
}

class Stats final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "The store's directory")->required();
    app.add_flag("--json", json_, "Print one JSON object");
    app.add_flag("--verify", verify_,
                 "Also check the whole store: no gaps, stream index and counters consistent");
  }

  int run() override {
    eventstore::Options o;
    o.read_only = true;
    o.create_if_missing = false;
    auto store = eventstore::EventStore::open(data_dir_, o);
    if (!store) {
      return fail(store.error().message);
    }
    auto st = (*store)->stats();
    if (!st) {
      return fail(st.error().message);
    }
    std::optional<std::string> problem;
    if (verify_)
      if (auto v = (*store)->verify(); !v) problem = v.error().message;

    if (json_) {
      nlohmann::json j;
      j["events"] = st->events;
      j["lastPosition"] = st->last_position;
      j["streams"] = st->streams;
      j["eventsPerType"] = nlohmann::json::object();
      for (const auto& [type, n] : st->events_per_type) j["eventsPerType"][type] = n;
      j["sizeOnDiskBytes"] = st->size_on_disk_bytes;
      j["durability"] = eventstore::to_string(st->durability);
      j["schemaVersion"] = st->schema_version;
      if (verify_) j["verified"] = problem ? nlohmann::json(*problem) : nlohmann::json(true);
      std::puts(codec::json_text(j).c_str());
    } else {
      std::string out = fmt::format(
          "store           {}\nschema version  {}\ndurability      {}\nevents          {}\n"
          "last position   {}\nstreams         {}\nsize on disk    {} ({} bytes)\n",
          data_dir_, st->schema_version, eventstore::to_string(st->durability), st->events,
          st->last_position, st->streams, human_bytes(st->size_on_disk_bytes),
          st->size_on_disk_bytes);
      if (!st->events_per_type.empty()) {
        out += "events per type\n";
        std::size_t width = 0;
        for (const auto& [type, n] : st->events_per_type) width = std::max(width, type.size());
        for (const auto& [type, n] : st->events_per_type)
          out += fmt::format("  {:<{}}  {}\n", type, width, n);
      }
      if (verify_) out += problem ? fmt::format("verify          FAILED: {}\n", *problem) : "verify          ok\n";
      std::fputs(out.c_str(), stdout);
    }
    return problem ? 1 : 0;
  }

 private:
  std::string data_dir_;
  bool json_ = false;
  bool verify_ = false;
};

CALLWATCH_SUBCOMMAND(Stats, "stats", "Show what the event store in --data holds");

}  // namespace
}  // namespace callwatch::app
