// `callwatch conversations`: the supervisor dashboard list: every conversation connected, on hold
// or in wrap-up, with agent, queue, wait, duration, messages and the supervisors on it.
#include <fmt/format.h>

#include "app/read_model_table.h"
#include "codec/json.h"
#include "projections/json.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Conversations final : public ReadModelTable {
 public:

 private:
  void print(const projections::ReadModel& m, const projections::ViewPoint& v) override {
    using namespace projections;
    const auto rows = conversations_view(m, v.now);
    if (json_) fmt::print("{}\n", codec::json_text(conversations_json(v, rows)));
    else fmt::print("{}", render_conversations(v, rows));
  }
};

CALLWATCH_SUBCOMMAND(Conversations, "conversations", "Ongoing conversations with their agents, figures and supervisors");

}  // namespace
}  // namespace callwatch::app
