#include "engine/records.h"

#include <fmt/format.h>

#include "codec/event_codec.h"

namespace callwatch::engine {

void to_new_event(const Event& event, eventstore::NewEvent& out) {
  stream_of_into(event.body, out.stream);  // in place: reuses the capacity of a reused record
  codec::encode_event_into(out.event_id, out.stream, event, out.data);
  out.type = type_name(event.body);
}

eventstore::NewEvent to_new_event(std::string event_id, const Event& event) {
  eventstore::NewEvent out;
  out.event_id = std::move(event_id);
  to_new_event(event, out);
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
