// Simulated load straight to a topic (`callwatch simulate --kafka B --topic T`): a command
// sink that decides as the sink it wraps does (the simulator needs the answers to go on)
// and sends what it decided to Kafka, all to one partition (one instance, one partition):
//   json:      every command, as the JSON `ingest --format json` decides again, with its
//              command id and `at`, so ingest reaches the same decisions;
//   callwatch: the instance's genesis, then every accepted event, as envelopes with the
//              engine's event ids ("<commandId>#n"), key = stream.
// close() waits for every delivery report.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "connectors/error.h"
#include "connectors/kafka_config.h"
#include "connectors/producer.h"
#include "connectors/wire_format.h"
#include "simulator/command_sink.h"

namespace callwatch::connectors {

struct KafkaSinkOptions {
  std::string brokers;
  std::string topic;
  std::int32_t partition = 0;
  WireFormat format = WireFormat::Json;
  KafkaSettings kafka;
  Timestamp genesis_at;  // the scenario's start (callwatch format: the genesis' time)
};

class KafkaTeeSink final : public sim::CommandSink {
 public:
  [[nodiscard]] static Result<std::unique_ptr<KafkaTeeSink>> open(std::unique_ptr<sim::CommandSink> inner,
                                                                  const KafkaSinkOptions& options);
  [[nodiscard]] Decision submit(const Command& command) override;
  void submit_all(std::span<const Command> commands, std::vector<Decision>& results) override;
  [[nodiscard]] std::string_view name() const override { return "kafka"; }
  [[nodiscard]] std::optional<std::string> failure() const override;
  // Waits for every record's delivery report.
  [[nodiscard]] Status close();
  [[nodiscard]] std::uint64_t records_sent() const { return sent_; }

 private:
  KafkaTeeSink() = default;
  void send(const Command& command, const Decision& decision);
  void send_event(std::string_view event_id, const Event& event);

  std::unique_ptr<sim::CommandSink> inner_;
  std::unique_ptr<Producer> producer_;
  KafkaSinkOptions options_;
  std::optional<std::string> failure_;
  std::uint64_t sent_ = 0;
  std::string value_, stream_, id_;
};

}  // namespace callwatch::connectors
