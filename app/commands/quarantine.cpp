// `callwatch quarantine --data DIR/T.p`: the records ingest could not apply to this partition
// store, one JSON line each: {"n":0,"offset":17,"code":"INVALID_COMMAND","reason":"...",
// "topic":"T","partition":0,"forwarded":false,"key":"...","value":"..."} (key and value as
// text, invalid UTF-8 replaced; --count prints only the numbers).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/subcommand.h"
#include "codec/json.h"
#include "connectors/quarantine.h"
#include "eventstore/event_store.h"

namespace callwatch::app {
namespace {

class Quarantine final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "A partition store (DIR/TOPIC.PARTITION)")->required();
    app.add_flag("--count", count_only_, "Print only how many records are quarantined and forwarded");
  }

  int run() override {
    eventstore::Options so;
    so.read_only = true;
    so.create_if_missing = false;
    auto store = eventstore::EventStore::open(data_dir_, so);
    if (!store) {
      std::fprintf(stderr, "callwatch quarantine: %s\n", store.error().message.c_str());
      return 1;
    }
    auto state = connectors::quarantine_state(**store);
    if (!state) {
      std::fprintf(stderr, "callwatch quarantine: %s\n", state.error().message.c_str());
      return 1;
    }
    if (count_only_) {
      std::printf("quarantined %llu, forwarded to the dead-letter topic %llu\n",
                  static_cast<unsigned long long>(state->count), static_cast<unsigned long long>(state->forwarded));
      return 0;
    }
    auto entries = connectors::read_quarantine(**store, 0, state->count);
    if (!entries) {
      std::fprintf(stderr, "callwatch quarantine: %s\n", entries.error().message.c_str());
      return 1;
    }
    std::uint64_t n = 0;
    for (const auto& r : *entries) {
      nlohmann::ordered_json j{{"n", n},           {"offset", r.offset},    {"code", r.code},
                               {"reason", r.reason}, {"topic", r.topic},    {"partition", r.partition},
                               {"forwarded", n < state->forwarded},      {"key", r.key}, {"value", r.value}};
      ++n;
      std::printf("%s\n", codec::json_text(j).c_str());
    }
    return 0;
  }

 private:
  std::string data_dir_;
  bool count_only_ = false;
};

CALLWATCH_SUBCOMMAND(Quarantine, "quarantine", "List the records ingest quarantined in a partition store");

}  // namespace
}  // namespace callwatch::app
