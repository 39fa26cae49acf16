// End to end: simulate -> Kafka -> ingest -> read models gives what simulating straight into
// a store gives, in both formats; the log itself is the same, event for event.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kafka_fixture.h"
#include "store_reading.h"

namespace callwatch::connectors {
namespace {

using namespace kafka_test;
using ::testing::HasSubstr;

const std::string kDay = "simulate --agents 10 --arrivals-per-hour 100 --aht 180 --hours 1 --supervisors 2 --seed 7 --quiet";

void expect_same_store(const std::string& expected, const std::string& actual) {
  const auto a = log_of(expected), b = log_of(actual);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].event_id, b[i].event_id) << "position " << i + 1;
    ASSERT_EQ(a[i].data, b[i].data) << "position " << i + 1;
  }
  for (const char* model : {"agents", "queues", "conversations", "sessions"})
    EXPECT_EQ(run_callwatch(std::string(model) + " --data " + actual).out,
              run_callwatch(std::string(model) + " --data " + expected).out)
        << model;
}

TEST(SimulateToKafka, IngestedLoadGivesTheReadModelsOfASimulationIntoAStore) {
  TempDir dir;
  auto broker = start_broker({"commands", "events"}, 2);
  ASSERT_EQ(run_callwatch(kDay + " --durability wal --data " + dir.path() + "/direct").exit_code, 0);
  const std::string conf = test_kafka_config(dir.path());
  for (const std::string format : {"json", "callwatch"}) {
    const std::string topic = format == "json" ? "commands" : "events";
    auto sim = run_callwatch(kDay + " --kafka " + broker->bootstraps() + " --topic " + topic + " --format " + format +
                             " --kafka-partition 1");
    ASSERT_EQ(sim.exit_code, 0) << sim.err;
    EXPECT_THAT(sim.err, HasSubstr("records delivered to '" + topic + "' [1]"));
    auto in = run_callwatch("ingest --format " + format + " --data " + dir.path() + " --brokers " +
                            broker->bootstraps() + " --topic " + topic + " --durability wal --exit-when-idle 0.3 --kafka-config " + conf);
    ASSERT_EQ(in.exit_code, 0) << in.err;
    EXPECT_THAT(in.err, HasSubstr("0 quarantined"));
    SCOPED_TRACE(format);
    expect_same_store(dir.path() + "/direct", dir.path() + "/" + topic + ".1");
  }
}

}  // namespace
}  // namespace callwatch::connectors
