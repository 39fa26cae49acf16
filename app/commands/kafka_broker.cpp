// `callwatch kafka-broker`: a local Kafka-protocol broker (librdkafka's mock cluster) for
// trials and tests. Prints its bootstrap address on the first line of stdout and runs until
// SIGINT/SIGTERM. Its limits: connectors/mock_broker.h.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "app/kafka_options.h"
#include "app/subcommand.h"
#include "connectors/mock_broker.h"

namespace callwatch::app {
namespace {

class KafkaBroker final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--partitions", options_.partitions, "Partitions of each --topic (default 4)");
    app.add_option("--topic", options_.topics, "Create this topic (repeatable)");
    app.add_option("--brokers", options_.brokers, "Brokers in the cluster (default 1)");
    kafka_config_.add_to(app);
  }

  int run() override {
    connectors::KafkaSettings ignored;  // accepted for uniformity; the mock needs none
    if (!kafka_config_.load("kafka-broker", ignored)) return 2;
    const std::atomic<bool>* stop = stop_on_signals();
    auto broker = connectors::MockBroker::start(options_);
    if (!broker) {
      std::fprintf(stderr, "callwatch kafka-broker: %s\n", broker.error().message.c_str());
      return 1;
    }
    std::printf("%s\n", (*broker)->bootstraps().c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "callwatch kafka-broker: %d broker(s) at %s; topics:", options_.brokers,
                 (*broker)->bootstraps().c_str());
    for (const auto& t : options_.topics) std::fprintf(stderr, " %s (%d partitions)", t.c_str(), options_.partitions);
    std::fprintf(stderr, "%s\n", options_.topics.empty() ? " none (auto-created ones get 4 partitions)" : "");
    while (!stop->load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return 0;
  }

 private:
  connectors::MockBrokerOptions options_;
  KafkaConfigOption kafka_config_;
};

CALLWATCH_SUBCOMMAND(KafkaBroker, "kafka-broker", "Run a local Kafka-protocol broker (librdkafka's mock cluster)");

}  // namespace
}  // namespace callwatch::app
