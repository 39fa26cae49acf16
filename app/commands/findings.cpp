// `callwatch findings`: the audit findings of a store fed from Amazon Connect
// (projections/findings.h): what the instance did that callwatch's rules would refuse, with
// the rule it breaks.
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "codec/json.h"
#include "projections/findings.h"
#include "projections/log_queries.h"
#include "projections/open.h"

namespace callwatch::app {
namespace {

class Findings final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of the store")->required();
    app.add_option("--as-of", as_of_, "A position or an ISO-8601 time: the findings up to then");
    app.add_flag("--json", json_, "Print the stable JSON form (docs/connect-mapping.md)");
  }

  int run() override {
    using namespace projections;
    auto store = open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    Position upto = (*store)->last_position();
    if (!as_of_.empty()) {
      auto bound = AsOf::parse(as_of_);
      if (!bound) return fail("--as-of: " + bound.error(), kExitUsage);
      auto pos = resolve(**store, *bound);
      if (!pos) return fail(pos.error().message);
      upto = std::min(upto, *pos);
    }
    auto rows = projections::findings(**store, upto);
    if (!rows) return fail(rows.error().message);
    if (json_) fmt::print("{}\n", codec::json_text(findings_json(upto, *rows)));
    else fmt::print("{}", render_findings(*rows));
    return 0;
  }

 private:
  std::string data_dir_, as_of_;
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(Findings, "findings", "Audit findings: facts from Amazon Connect that callwatch's rules refuse");

}  // namespace
}  // namespace callwatch::app
