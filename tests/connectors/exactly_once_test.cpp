// Exactly-once effect across SIGKILL: ingest is killed at random points while records keep
// arriving, ten times, and restarted; in the end every partition store holds every record's
// effect once, in partition order, and the quarantine holds exactly the bad records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <thread>

#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;

TEST(ExactlyOnce, IngestKilledTenTimesMidStreamAppliesEveryRecordOnce) {
  TempDir dir;
  auto broker = start_broker({"cmds"}, 2);
  const std::string conf = test_kafka_config(dir.path());
  std::mt19937 rng(20261201);
  std::vector<std::string> expected_ids[2];
  std::vector<std::int64_t> expected_bad[2];
  std::int64_t next_offset[2] = {0, 0};
  auto produce_round = [&](int per_partition) {
    for (int p = 0; p < 2; ++p) {
      std::vector<std::string> values;
      for (int i = 0; i < per_partition; ++i) {
        const std::int64_t offset = next_offset[p]++;
        if (offset % 37 == 5) {
          values.push_back("{\"type\":");  // undecodable: quarantined
          expected_bad[p].push_back(offset);
        } else if (offset % 11 == 3) {
          const std::string id = "k-" + std::to_string(p) + "-" + std::to_string(offset);
          values.push_back(create_queue("q" + std::to_string(offset), id));
          expected_ids[p].push_back(id + "#0");
        } else {
          values.push_back(create_queue("q" + std::to_string(offset)));
          expected_ids[p].push_back("cmds/" + std::to_string(p) + "/" + std::to_string(offset) + "#0");
        }
      }
      produce(broker->bootstraps(), "cmds", p, values);
    }
  };
  const std::vector<std::string> args{"ingest", "--data", dir.path(), "--brokers", broker->bootstraps(),
                                      "--topic", "cmds", "--batch", "7", "--durability", "sync",
                                      "--kafka-config", conf};
  int killed_mid_stream = 0;  // partitions a kill left with records still to apply
  for (int round = 0; round < 10; ++round) {
    produce_round(300);
    Child ingest(args, dir.path() + "/ingest.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(10, 120)(rng)));
    ingest.signal(SIGKILL);
    const int status = ingest.wait();
    for (int p = 0; p < 2; ++p) {  // how far it got: for the log, not asserted (timing)
      eventstore::Options ro;
      ro.read_only = true;
      ro.create_if_missing = false;
      auto store = eventstore::EventStore::open(dir.path() + "/cmds." + std::to_string(p), ro);
      if (!store) continue;
      auto cp = (*store)->get_checkpoint("kafka/cmds/" + std::to_string(p));
      if (cp && *cp && std::stoll(**cp) < next_offset[p]) ++killed_mid_stream;
    }
    ASSERT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0)) << status << ": " << slurp(dir.path() + "/ingest.err");
  }
  auto last = run_callwatch("ingest --data " + dir.path() + " --brokers " + broker->bootstraps() +
                            " --topic cmds --exit-when-idle 0.3 --kafka-config " + conf);
  ASSERT_EQ(last.exit_code, 0) << last.err;
  std::cout << "ten kills, " << killed_mid_stream << " of 20 partition states mid-stream; the last run: " << last.err;
  for (int p = 0; p < 2; ++p) {
    const std::string store = dir.path() + "/cmds." + std::to_string(p);
    EXPECT_EQ(command_event_ids(store), expected_ids[p]) << "partition " << p;
    std::vector<std::int64_t> bad;
    for (const auto& q : quarantine_of(store)) bad.push_back(q["offset"].get<std::int64_t>());
    EXPECT_EQ(bad, expected_bad[p]) << "partition " << p;
  }
}

}  // namespace
}  // namespace callwatch::connectors
