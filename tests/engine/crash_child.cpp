// engine_crash_child DIR SEED BATCH DURABILITY
//
// Appends workload commands through the engine as fast as it can, in batches, and after each
// batch is acknowledged prints "ack <last position> <state digest>" (flushed). The crash test
// kills it with SIGKILL at a random moment and checks the store against the last line.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/engine.h"
#include "testing/state_text.h"
#include "testing/workload.h"
#include "testing/clock.h"

using namespace callwatch;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s DIR SEED BATCH sync|wal\n", argv[0]);
    return 2;
  }
  engine::EngineOptions o;
  o.data_dir = argv[1];
  auto durability = eventstore::parse_durability(argv[4]);
  if (!durability) return 2;
  o.store.durability = *durability;
  o.clock = [] { return testkit::kEpoch; };
  auto engine = engine::Engine::open(o);
  if (!engine) {
    std::fprintf(stderr, "open: %s\n", engine.error().message.c_str());
    return 1;
  }
  const std::uint64_t seed = std::strtoull(argv[2], nullptr, 10);
  const std::size_t batch = std::strtoull(argv[3], nullptr, 10);
  testkit::Workload w({.seed = seed, .agents = 20, .supervisors = 4});
  std::vector<Command> commands = w.setup();
  for (;;) {
    auto r = (*engine)->execute_batch(commands);
    if (!r) {
      std::fprintf(stderr, "append: %s\n", r.error().message.c_str());
      return 1;
    }
    std::printf("ack %llu %llu\n", static_cast<unsigned long long>((*engine)->last_position()),
                static_cast<unsigned long long>(testkit::state_digest((*engine)->state())));
    std::fflush(stdout);
    commands.clear();
    for (std::size_t i = 0; i < batch; ++i) commands.push_back(w.next());
  }
}
