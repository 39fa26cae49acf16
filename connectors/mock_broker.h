// A Kafka-protocol broker on loopback: librdkafka's mock cluster (rdkafka_mock.h), for trials
// and tests. Any Kafka client (kcat, another callwatch) talks to it over TCP at bootstraps().
//
// Its limits (librdkafka 2.0.2): at most 5 MiB or 100,000 batches a partition, oldest dropped
// silently; topics auto-created by a metadata request get 4 partitions; a group's first join
// waits 3 s and a departed member is noticed after its session.timeout.ms; an empty fetch
// waits the whole fetch.wait.max.ms; an idempotent producer's retries are not deduplicated
// without a transactional.id; no TLS or SASL. Nothing in callwatch depends on them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connectors/error.h"

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace callwatch::connectors {

struct MockBrokerOptions {
  int brokers = 1;
  int partitions = 4;               // of each topic below
  std::vector<std::string> topics;  // created at start
};

class MockBroker {
 public:
  [[nodiscard]] static Result<std::unique_ptr<MockBroker>> start(const MockBrokerOptions& options);
  ~MockBroker();
  MockBroker(const MockBroker&) = delete;
  MockBroker& operator=(const MockBroker&) = delete;

  // "127.0.0.1:41234,127.0.0.1:39001": the bootstrap.servers of a client.
  [[nodiscard]] const std::string& bootstraps() const { return bootstraps_; }
  [[nodiscard]] Status create_topic(const std::string& topic, int partitions);
  // For fault injection (rd_kafka_mock_push_request_errors and friends).
  [[nodiscard]] rd_kafka_mock_cluster_s* cluster() const { return cluster_; }

 private:
  MockBroker() = default;
  rd_kafka_s* host_ = nullptr;  // the client handle the cluster runs in
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstraps_;
};

}  // namespace callwatch::connectors
