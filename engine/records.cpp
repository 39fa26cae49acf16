#include "engine/records.h"

#include <fmt/format.h>

#include "codec/event_codec.h"

namespace callwatch::engine {

void to_new_event(std::string event_id, const Event& event, eventstore::NewEvent& out) {
  out.stream = stream_of(event.body);
  codec::encode_event_into(event_id, out.stream, event, out.data);
  out.type = type_name(event.body);  // assigned: reuses the capacity of a reused record
  out.event_id = std::move(event_id);
}

eventstore::NewEvent to_new_event(std::string event_id, const Event& event) {
  eventstore::NewEvent out;
  to_new_event(std::move(event_id), event, out);
  return out;
}

std::expected<codec::Envelope, std::string> from_record(const eventstore::RecordedEventView& r) {
  auto e = codec::decode_event(r.data);
  if (!e)
    return std::unexpected(fmt::format("event {} at position {} cannot be decoded: {}",
                                       r.event_id, r.position, e.error().message));
  return std::move(*e);
}

}  // namespace callwatch::engine
