#include "connectors/mock_broker.h"

#include <fmt/format.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace callwatch::connectors {

Result<std::unique_ptr<MockBroker>> MockBroker::start(const MockBrokerOptions& options) {
  if (options.brokers < 1 || options.brokers > 64)
    return connector_error(fmt::format("--brokers must be 1..64, got {}", options.brokers));
  if (options.partitions < 1 || options.partitions > 10000)
    return connector_error(fmt::format("--partitions must be 1..10000, got {}", options.partitions));
  std::unique_ptr<MockBroker> b(new MockBroker());
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The host handle never connects anywhere; keep it quiet.
  if (rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    return connector_error(err);
  }
  b->host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!b->host_) {
    rd_kafka_conf_destroy(conf);
    return connector_error(fmt::format("cannot start the mock broker: {}", err));
  }
  b->cluster_ = rd_kafka_mock_cluster_new(b->host_, options.brokers);
  if (!b->cluster_) return connector_error("cannot start the mock broker (rd_kafka_mock_cluster_new failed)");
  b->bootstraps_ = rd_kafka_mock_cluster_bootstraps(b->cluster_);
  for (const std::string& t : options.topics)
    if (auto s = b->create_topic(t, options.partitions); !s) return std::unexpected(s.error());
  return b;
}

Status MockBroker::create_topic(const std::string& topic, int partitions) {
  if (topic.empty()) return connector_error("a topic name must not be empty");
  const rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, 1);
  if (e != RD_KAFKA_RESP_ERR_NO_ERROR)
    return connector_error(fmt::format("creating topic '{}': {}", topic, rd_kafka_err2str(e)));
  return {};
}

MockBroker::~MockBroker() {
  if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
  if (host_) rd_kafka_destroy(host_);
}

}  // namespace callwatch::connectors
