// `callwatch agents`: the real-time Agents table: status, activity and time in it, contacts
// per channel with their state, handled today, and who monitors or barges each contact.
#include <fmt/format.h>

#include "app/read_model_table.h"
#include "codec/json.h"
#include "projections/json.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Agents final : public ReadModelTable {
 public:

 private:
  void configure_table(CLI::App& app) override {
    app.add_flag("--all", all_, "Also list users who are logged out with nothing in hand");
  }
  void print(const projections::ReadModel& m, const projections::ViewPoint& v) override {
    using namespace projections;
    const auto rows = agents_view(m, v.now, all_);
    if (json_) fmt::print("{}\n", codec::json_text(agents_json(v, rows)));
    else fmt::print("{}", render_agents(v, rows));
  }

  bool all_ = false;
};

CALLWATCH_SUBCOMMAND(Agents, "agents", "Real-time agents: status, activity, contacts, supervisors");

}  // namespace
}  // namespace callwatch::app
