// Domain event bodies <-> Cap'n Proto builders/readers (codec/events.capnp). Internal to
// codec/: event_codec.cpp does the framing, versioning and error handling around these.
#pragma once

#include <expected>
#include <string>

#include "codec/envelope.h"
#include "codec/events.capnp.h"
#include "domain/events.h"

namespace callwatch::codec::detail {

void write_body(wire::Envelope::Body::Builder out, const EventBody& body);

// `type` is the envelope's type name, used only to name an unknown body in the error.
// May throw kj::Exception on malformed input (the caller catches).
[[nodiscard]] std::expected<EventBody, CodecError> read_body(wire::Envelope::Body::Reader in,
                                                             std::string_view type);

}  // namespace callwatch::codec::detail
