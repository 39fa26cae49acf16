// Exactly-once effect across SIGKILL: ingest is killed at random points while records keep
// arriving, ten times, and restarted; in the end every partition store holds every record's
// effect once, in partition order, and the quarantine holds exactly the bad records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <thread>

#include "command_stream.h"
#include "kafka_fixture.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;

// The stored offset of partition p (-1: none yet), read beside the running writer.
std::int64_t checkpoint(const std::string& dir, int p) {
  eventstore::Options ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto store = eventstore::EventStore::open(dir + "/cmds." + std::to_string(p), ro);
  if (!store) return -1;
  auto cp = (*store)->get_checkpoint("kafka/cmds/" + std::to_string(p));
  return cp && *cp ? std::stoll(**cp) : -1;
}

// How many partitions a killed ingest left with records still to apply: for the log, not
// asserted (it depends on timing).
int partitions_behind(const std::string& dir, const CommandStream& stream, int partitions) {
  int behind = 0;
  for (int p = 0; p < partitions; ++p) {
    if (checkpoint(dir, p) < stream.produced(p)) ++behind;
  }
  return behind;
}

TEST(ExactlyOnce, IngestKilledTenTimesMidStreamAppliesEveryRecordOnce) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 2);
  const std::string conf = test_kafka_config(dir.path());
  std::mt19937 rng(20261201);
  CommandStream stream(broker->bootstraps(), "cmds", 2);
  const std::vector<std::string> args{"ingest", "--data", dir.path(), "--brokers", broker->bootstraps(),
                                      "--topic", "cmds", "--batch", "7", "--durability", "sync",
                                      "--kafka-config", conf};
  int killed_mid_stream = 0;
  for (int round = 0; round < 10; ++round) {
    stream.produce_more(300);
    Child ingest(args, dir.path() + "/ingest.err");
    // Once it has written a first batch of this round, at a random point.
    const std::int64_t before = checkpoint(dir.path(), 0);
    for (int i = 0; i < 500 && checkpoint(dir.path(), 0) == before; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(rng)));
    ingest.signal(SIGKILL);
    const int status = ingest.wait();
    ASSERT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
        << status << ": " << slurp(dir.path() + "/ingest.err");
    killed_mid_stream += partitions_behind(dir.path(), stream, 2);
  }
  auto last = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                            " --topic cmds --exit-when-idle 0.3 --kafka-config " + conf);
  ASSERT_EQ(last.exit_code, 0) << last.err;
  std::cout << "ten kills, " << killed_mid_stream << " of 20 partition states mid-stream; the last run: " << last.err;
  stream.expect_applied_once(dir.path());
}

}  // namespace
}  // namespace callwatch::connectors
