#include "testing/sample_events.h"

#include "engine/engine.h"
#include "engine/records.h"
#include "testing/workload.h"
#include "testing/clock.h"

namespace callwatch::testkit {
using namespace engine;

std::vector<eventstore::NewEvent> sample_records(std::size_t count, std::uint64_t seed) {
  std::vector<eventstore::NewEvent> out;
  out.reserve(count);
  EngineOptions o;
  o.clock = [] { return kEpoch; };
  auto engine = Engine::open(o);
  if (!engine) return out;
  for (const Event& e : instance_genesis(o.clock()))
    if (out.size() < count) out.push_back(to_new_event(event_id("genesis", out.size()), e));
  Workload w({.seed = seed, .agents = 200, .supervisors = 20});
  std::vector<Command> setup = w.setup();
  auto emit = [&](const Command& c) {
    auto r = (*engine)->execute(c);
    if (!r || !*r) return;
    for (std::size_t n = 0; n < (*r)->size() && out.size() < count; ++n)
      out.push_back(to_new_event(event_id(c.command_id, n), (**r)[n]));
  };
  for (const Command& c : setup) emit(c);
  while (out.size() < count) emit(w.next());
  return out;
}

}  // namespace callwatch::testkit
