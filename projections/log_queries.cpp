#include "projections/log_queries.h"

#include <fmt/format.h>

#include <algorithm>

#include "codec/event_codec.h"
#include "codec/time.h"
#include "projections/event_reader.h"
#include "projections/log_prefetch.h"

namespace callwatch::projections {

std::expected<AsOf, std::string> AsOf::parse(std::string_view text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 19) return std::unexpected(fmt::format("position '{}' is too large", text));
    Position p = 0;
    for (char c : text) p = p * 10 + static_cast<Position>(c - '0');
    return AsOf{p};
  }
  auto t = codec::parse_timestamp(text);
  if (!t)
    return std::unexpected(fmt::format("'{}' is neither a position nor an ISO-8601 time: {}", text, t.error()));
  return AsOf{*t};
}

Result<ModelAsOf> model_as_of(const eventstore::EventStore& store, const AsOf& as_of,
                              const ModelOptions& options, std::uint64_t* skipped) {
  ModelAsOf out{ReadModel(options), 0, {}};
  const Position* max_pos = std::get_if<Position>(&as_of.bound);
  const Timestamp* max_time = std::get_if<Timestamp>(&as_of.bound);
  if (max_pos && *max_pos == 0) return out;
  EventReader reader;
  LogPrefetcher log(store, 1, max_pos ? *max_pos : std::numeric_limits<Position>::max());
  bool past = false;
  while (const LogChunk* chunk = log.next()) {
    for (std::size_t i = 0; i < chunk->size() && !past; ++i) {
      auto event = reader.read(chunk->data(i));
      if (!event) {
        if (skipped) ++*skipped;
        continue;
      }
      if (max_time && (*event)->at > *max_time) {
        past = true;
        break;
      }
      out.model.apply(chunk->position(i), **event);
      out.position = chunk->position(i);
    }
    if (past) break;
  }
  if (auto s = log.status(); !past && !s) return std::unexpected(s.error());
  out.now = max_time ? *max_time : out.model.clock();
  return out;
}

Result<Position> resolve(const eventstore::EventStore& store, const AsOf& as_of) {
  if (const Position* p = std::get_if<Position>(&as_of.bound)) return *p;
  const Timestamp limit = std::get<Timestamp>(as_of.bound);
  Position last = 0;
  auto cursor = store.read_all(1);
  if (!cursor) return error("reading the log: " + cursor.error().message);
  for (; cursor->valid(); cursor->next()) {
    auto h = codec::decode_header(cursor->event().data);
    if (h && h->at > limit) break;
    last = cursor->event().position;
  }
  if (!cursor->status()) return error("reading the log: " + cursor->status().error().message);
  return last;
}

Result<std::vector<PositionedEvent>> contact_events(const eventstore::EventStore& store,
                                                    std::string_view contact, Position as_of) {
  const std::string stream = fmt::format("contact-{}", contact);
  std::vector<PositionedEvent> out;
  eventstore::StreamVersion from = 1;
  for (;;) {
    auto chunk = store.read_stream(stream, from, 4096, eventstore::Direction::Forward);
    if (!chunk) return error(fmt::format("reading {}: {}", stream, chunk.error().message));
    for (const auto& r : *chunk) {
      if (r.position > as_of) return out;
      auto env = codec::decode_event(r.data);
      if (!env)
        return error(fmt::format("event at position {} of {} cannot be decoded: {}", r.position, stream,
                                 env.error().message));
      out.push_back({r.position, std::move(env->event)});
    }
    if (chunk->size() < 4096) return out;
    from = chunk->back().stream_version + 1;
  }
}

}  // namespace callwatch::projections
