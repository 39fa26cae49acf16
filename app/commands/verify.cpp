// `callwatch verify --data DIR [--json]`: checks the whole store without modifying it.
//
// Exit codes: 0 intact; 1 damaged (the report says what, by position range, stream and
// contact); 3 the directory cannot be read as a store at all (none there, someone else's
// database, a newer schema, unreadable even from a repaired copy). docs/eventstore.md.
#include <cstdio>

#include "app/store_damage_report.h"
#include "app/subcommand.h"

namespace callwatch::app {
namespace {

constexpr int kExitDamaged = kExitFailure;  // 1
constexpr int kExitCannotRead = 3;

class Verify final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "The store's directory")->required();
    app.add_flag("--json", json_, "Print one JSON object");
  }

  int run() override {
    eventstore::VerifyOptions o;
    o.check_data = check_envelope;
    auto r = eventstore::verify_store(data_dir_, o);
    if (!r) {
      return fail(std::string(eventstore::to_string(r.error().code)) + ": " + r.error().message,
                  kExitCannotRead);
    }
    if (json_) std::puts(dump(report_json(*r)).c_str());
    else std::fputs(report_text(*r).c_str(), stdout);
    return r->intact() ? 0 : kExitDamaged;
  }

 private:
  std::string data_dir_;
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(Verify, "verify", "Check the whole store in --data (read-only): what is damaged, by position");

}  // namespace
}  // namespace callwatch::app
