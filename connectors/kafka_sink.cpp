#include "connectors/kafka_sink.h"

#include <fmt/format.h>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "domain/state.h"

namespace callwatch::connectors {

Result<std::unique_ptr<KafkaTeeSink>> KafkaTeeSink::open(std::unique_ptr<sim::CommandSink> inner,
                                                         const KafkaSinkOptions& options) {
  std::unique_ptr<KafkaTeeSink> s(new KafkaTeeSink());
  auto p = Producer::open(options.brokers, options.kafka);
  if (!p) return std::unexpected(p.error());
  s->producer_ = std::move(*p);
  s->inner_ = std::move(inner);
  s->options_ = options;
  if (options.format == WireFormat::Callwatch) {
    const std::vector<Event> genesis = instance_genesis(options.genesis_at);
    for (std::size_t i = 0; i < genesis.size(); ++i) s->send_event(fmt::format("genesis#{}", i), genesis[i]);
    if (s->failure_) return connector_error(*s->failure_);
  }
  return s;
}

void KafkaTeeSink::send_event(std::string_view event_id, const Event& event) {
  stream_of_into(event.body, stream_);
  codec::encode_event_into(event_id, stream_, event, value_);
  const std::array<KafkaHeader, 1> headers{{{"callwatch.event-id", event_id}}};
  if (auto s = producer_->send(options_.topic, options_.partition, stream_, value_, headers); !s && !failure_)
    failure_ = s.error().message;
  ++sent_;
}

void KafkaTeeSink::send(const Command& command, const Decision& decision) {
  if (failure_) return;
  if (options_.format == WireFormat::Json) {
    value_ = codec::json_text(codec::to_json(command));
    if (auto s = producer_->send(options_.topic, options_.partition, {}, value_, {}); !s) failure_ = s.error().message;
    ++sent_;
    return;
  }
  if (!decision) return;
  for (std::size_t n = 0; n < decision->size(); ++n) {
    id_ = fmt::format("{}#{}", command.command_id, n);
    send_event(id_, (*decision)[n]);
  }
}

Decision KafkaTeeSink::submit(const Command& command) {
  Decision d = inner_->submit(command);
  send(command, d);
  return d;
}

void KafkaTeeSink::submit_all(std::span<const Command> commands, std::vector<Decision>& results) {
  inner_->submit_all(commands, results);
  for (std::size_t i = 0; i < commands.size(); ++i) send(commands[i], results[i]);
}

std::optional<std::string> KafkaTeeSink::failure() const {
  if (failure_) return failure_;
  return inner_->failure();
}

Status KafkaTeeSink::close() {
  if (failure_) return connector_error(*failure_);
  return producer_->flush();
}

}  // namespace callwatch::connectors
