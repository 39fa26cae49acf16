// Domain event bodies <-> Cap'n Proto builders/readers (codec/events.capnp). Internal to
// codec/: event_codec.cpp does the framing, versioning and error handling around these, for
// decode_event and EventReader alike.
#pragma once

#include <expected>
#include <string>

#include "codec/envelope.h"
#include "codec/events.capnp.h"
#include "domain/events.h"

namespace callwatch::codec::detail {

void write_body(wire::Envelope::Body::Builder out, const EventBody& body);

// The one reader of event bodies: reads `in` into `body` in place, reusing the alternative
// and its strings when `body` already holds that type (replay reads millions of records into
// one Event; decode_event reads into a fresh one). `type` is the envelope's type name: it
// must name the body (or be a former name of it) and names an unknown body in the error.
// May throw kj::Exception on malformed input (the caller catches). On error `body` holds
// a partly read value.
[[nodiscard]] Status read_body_into(wire::Envelope::Body::Reader in, std::string_view type,
                                    EventBody& body);

}  // namespace callwatch::codec::detail
