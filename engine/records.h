// Domain events <-> store records: the one place that knows both the codec and the store.
#pragma once

#include <expected>
#include <string>

#include "codec/envelope.h"
#include "domain/events.h"
#include "eventstore/types.h"

namespace callwatch::engine {

// Encodes `event` as a store record: Cap'n Proto envelope as data, stream_of() as the
// stream, type_name() as the type. `out.data` keeps its capacity.
// `out.event_id` is left as it is: the caller writes it (the engine, in place).
void to_new_event(const Event& event, eventstore::NewEvent& out);
[[nodiscard]] eventstore::NewEvent to_new_event(std::string event_id, const Event& event);

// Decodes a record's data; the message names the position on failure.
[[nodiscard]] std::expected<codec::Envelope, std::string> from_record(
    const eventstore::RecordedEventView& record);

}  // namespace callwatch::engine
