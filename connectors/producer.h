// A producer that knows whether what it sent arrived: send() queues a record, flush() waits
// for every delivery report and fails if any record was not delivered. Idempotent
// (enable.idempotence): within a partition, records land once each and in send order.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "connectors/error.h"
#include "connectors/kafka_client.h"

namespace callwatch::connectors {

struct KafkaHeader {
  const char* name;
  std::string_view value;
};

class Producer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Producer>> open(const std::string& brokers,
                                                              std::span<const KafkaSetting> user);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // partition < 0: by key (librdkafka's partitioner). Blocks while the local queue is full.
  [[nodiscard]] Status send(const std::string& topic, std::int32_t partition, std::string_view key,
                            std::string_view value, std::span<const KafkaHeader> headers);
  // Waits for every outstanding delivery report; fails naming the first failure.
  [[nodiscard]] Status flush(int timeout_ms = 60000);
  [[nodiscard]] rd_kafka_t* client() const { return client_.get(); }

 private:
  Producer() = default;
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t*, void* opaque);
  KafkaClient client_;
  std::uint64_t failed_ = 0;
  std::string first_failure_;
};

}  // namespace callwatch::connectors
