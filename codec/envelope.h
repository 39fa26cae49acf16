// The unit of the event log: a domain event plus the metadata the store needs to index it
// without understanding it. Stored as a Cap'n Proto message (codec/events.capnp); the byte
// layout and its versioning rules are in docs/event-format.md.
#pragma once

#include <cstdint>
#include <string>

#include "domain/error.h"
#include "domain/events.h"
#include "domain/time.h"

namespace callwatch::codec {

// The schema version this build writes, and the newest it can read. Bumped only when the
// meaning of existing data changes; adding fields or event types does not bump it (see
// docs/event-format.md).
inline constexpr std::uint32_t kSchemaVersion = 1;

struct Envelope {
  std::string event_id;  // unique; the engine derives it from the command id (or a UUID)
  std::string stream;    // stream_of(event.body)
  Event event;           // domain event (time + body); type name = type_name(event.body)
};

// Everything but the body: readable from records of any schema version, so a store can index,
// route or skip events written by a newer producer.
struct EnvelopeHeader {
  std::string event_id;
  std::string stream;
  std::string type;  // wire name of the body, e.g. "MonitoringStarted"
  Timestamp at;
  std::uint32_t schema_version = 0;
};

// Bytes that are not an event this build can read: the project's one Error, code
// InvalidInput (or SchemaTooNew for a newer schema version). CodecError is the former name.
using CodecError = Error;

}  // namespace callwatch::codec
