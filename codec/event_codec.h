// Event <-> bytes, for the event log and anything that ships events between processes.
//
// Format: one Cap'n Proto message (codec/events.capnp, struct Envelope) in the standard flat
// serialization (segment table + segments, unpacked), single segment in practice. See
// docs/event-format.md.
//
// Decoding treats its input as untrusted: garbage, truncation, a body this build does not know
// (written by a newer producer), an unknown enum value or a schema_version newer than
// kSchemaVersion all give a CodecError naming the problem. Never a crash, never an exception.
// All functions are thread-safe (per-thread scratch buffers, no shared state).
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "codec/envelope.h"

namespace callwatch::codec {

// Encodes the envelope; schema_version is always kSchemaVersion. Strings must be shorter
// than 512 MiB (Cap'n Proto's limit for one text).
[[nodiscard]] std::string encode_event(const Envelope&);

// The same, into `out` (replaced, not appended), reusing its capacity: the hot path of the
// event store. Allocation-free once `out` is large enough.
void encode_event_into(const Envelope&, std::string& out);
// The same from the envelope's parts, for a caller that has them apart (no copy of the event).
void encode_event_into(std::string_view event_id, std::string_view stream, const Event& event,
                       std::string& out);

// Input need not be aligned (it is copied to aligned scratch memory when it isn't). The input
// must be exactly one message: trailing bytes are an error.
[[nodiscard]] std::expected<Envelope, CodecError> decode_event(std::string_view bytes);

// Replay's decoder: decode_event's reader and its answers (the same event, the same error
// for every damaged record), but into one Event it keeps, valid until the next read. Its
// alternative, ids and strings are reused from record to record, so once warm a record of
// a type seen before costs no allocation: replay reads only the time and the body, and
// building a fresh Envelope (event id, stream, type strings, a new body) per record would
// cost more than folding it into every read model. Not thread-safe (one per thread).
class EventReader {
 public:
  [[nodiscard]] std::expected<const Event*, CodecError> read(std::string_view bytes);

 private:
  Event event_;
};

// Only the header fields; works for any schema_version (the caller decides what to do with a
// newer one). The body is not validated.
[[nodiscard]] std::expected<EnvelopeHeader, CodecError> decode_header(std::string_view bytes);

}  // namespace callwatch::codec
