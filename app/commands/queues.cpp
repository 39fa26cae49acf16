// `callwatch queues`: real-time queue metrics: contacts waiting and the oldest one's age, agents
// available, on contact or in after-contact work, handled and abandoned counts, average speed
// of answer and service level over the sliding window and for the day.
#include <fmt/format.h>

#include "app/read_model_table.h"
#include "codec/json.h"
#include "projections/json.h"
#include "projections/text.h"

namespace callwatch::app {
namespace {

class Queues final : public ReadModelTable {
 public:

 private:
  void print(const projections::ReadModel& m, const projections::ViewPoint& v) override {
    using namespace projections;
    const auto rows = queues_view(m, v.now);
    if (json_) fmt::print("{}\n", codec::json_text(queues_json(v, rows, m.options())));
    else fmt::print("{}", render_queues(v, rows, m.options()));
  }
};

CALLWATCH_SUBCOMMAND(Queues, "queues", "Real-time queues: waiting, agents, handled, abandoned, ASA, service level");

}  // namespace
}  // namespace callwatch::app
