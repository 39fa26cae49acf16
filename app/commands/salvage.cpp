// `callwatch salvage --data DIR --to NEW [--json]`: copies every intact event into a new store.
//
// Exit codes: 0 the new store holds every event (nothing was lost); 1 the new store was
// written and events were lost (listed); 3 the old store cannot be read at all; 4 NEW was
// refused (exists and is not empty) or could not be written (left as it was). The old store
// is never modified. docs/eventstore.md.
#include <cstdio>

#include "app/store_damage_report.h"
#include "app/subcommand.h"
#include "eventstore/salvage.h"

namespace callwatch::app {
namespace {

constexpr int kExitEventsLost = kExitFailure;  // 1: written, but events were lost
constexpr int kExitCannotRead = 3;
constexpr int kExitTargetRefused = 4;

class Salvage final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "The damaged store's directory (read only)")->required();
    app.add_option("--to", to_, "A new or empty directory for the salvaged store")->required();
    app.add_flag("--json", json_, "Print one JSON object");
  }

  int run() override {
    eventstore::VerifyOptions o;
    o.check_data = check_envelope;
    auto r = eventstore::salvage_store(data_dir_, to_, o);
    if (!r) {
      const auto code = r.error().code;
      bool source = code == eventstore::StoreErrorCode::NotAStore ||
                    code == eventstore::StoreErrorCode::SchemaTooNew ||
                    code == eventstore::StoreErrorCode::Corruption;
      return fail(std::string(eventstore::to_string(code)) + ": " + r.error().message,
                  source ? kExitCannotRead : kExitTargetRefused);
    }
    if (json_) {
      nlohmann::json j = report_json(r->source);
      j["to"] = r->to;
      j["copiedEvents"] = r->copied_events;
      j["mapping"] = nlohmann::json::array();
      for (const auto& m : r->mapping)
        j["mapping"].push_back({{"oldFirst", m.old_first}, {"newFirst", m.new_first}, {"count", m.count}});
      std::puts(dump(j).c_str());
    } else {
      std::fputs(report_text(r->source).c_str(), stdout);
      std::printf("salvaged %llu events into %s\n", static_cast<unsigned long long>(r->copied_events), r->to.c_str());
      for (const auto& m : r->mapping)
        std::printf("  old %llu..%llu -> new %llu..%llu\n", static_cast<unsigned long long>(m.old_first),
                    static_cast<unsigned long long>(m.old_first + m.count - 1),
                    static_cast<unsigned long long>(m.new_first),
                    static_cast<unsigned long long>(m.new_first + m.count - 1));
    }
    return r->source.lost.empty() ? 0 : kExitEventsLost;
  }

 private:
  std::string data_dir_, to_;
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(Salvage, "salvage", "Copy every intact event of --data into a new store --to (old store untouched)");

}  // namespace
}  // namespace callwatch::app
