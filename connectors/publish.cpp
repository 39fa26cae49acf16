#include "connectors/publish.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <thread>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "connectors/producer.h"
#include "connectors/stored_number.h"
#include "eventstore/event_store.h"

namespace callwatch::connectors {

namespace es = eventstore;

std::string publish_checkpoint_key(const std::string& topic) { return "publish/" + topic; }

namespace {

[[nodiscard]] Result<es::Position> stored_position(const es::EventStore& store, const std::string& key) {
  auto cp = store.get_checkpoint(key);
  if (!cp) return connector_error(cp.error().message);
  if (!*cp) return es::Position{0};
  const auto p = parse_stored_number(**cp);
  if (!p) return connector_error(fmt::format("checkpoint {} holds '{}', not a position", key, **cp));
  return *p;
}

}  // namespace

Result<PublishReport> run_publish(const PublishOptions& o) {
  if (o.chunk_events == 0) return connector_error("the chunk size must be positive");
  es::Options so;
  so.create_if_missing = false;
  auto store = es::EventStore::open(o.data_dir, so);
  if (!store) return connector_error(fmt::format("store {}: {}", o.data_dir, store.error().message));
  auto producer = Producer::open(o.brokers, o.kafka);
  if (!producer) return std::unexpected(producer.error());
  const std::string key = publish_checkpoint_key(o.topic);
  auto done = stored_position(**store, key);
  if (!done) return std::unexpected(done.error());
  PublishReport report;
  report.from = *done + 1;
  report.to = *done;
  const std::int32_t partition = o.partition.value_or(-1);
  std::string value, position;
  while (!(o.stop && o.stop->load())) {
    auto chunk = (*store)->read_all(report.to + 1, o.chunk_events);
    if (!chunk) return connector_error(chunk.error().message);
    if (chunk->empty()) {
      if (!o.follow) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    for (const es::RecordedEvent& e : *chunk) {
      position = std::to_string(e.position);
      if (o.format == WireFormat::Callwatch) {
        value = e.data;
      } else {
        auto envelope = codec::decode_event(e.data);
        if (!envelope)
          return connector_error(fmt::format("position {}: {}", e.position, envelope.error().message));
        codec::OrderedJson j = codec::to_json(envelope->event);
        j["eventId"] = e.event_id;
        j["position"] = e.position;
        value = codec::json_text(j);  // never throws: an ingested envelope may hold any bytes
      }
      const std::array<KafkaHeader, 3> headers{
          {{"callwatch.event-id", e.event_id}, {"callwatch.position", position}, {"callwatch.type", e.type}}};
      if (auto s = (*producer)->send(o.topic, partition, e.stream, value, headers); !s) return std::unexpected(s.error());
    }
    if (auto s = (*producer)->flush(); !s)
      return connector_error(fmt::format("{} (checkpoint stays at position {})", s.error().message, report.to));
    report.to = chunk->back().position;
    report.events += chunk->size();
    if (auto s = (*store)->put_checkpoint(key, std::to_string(report.to)); !s)
      return connector_error(s.error().message);
  }
  return report;
}

}  // namespace callwatch::connectors
