// EventReader: decodes event records for replay without allocating per event.
//
// codec::decode_event builds a fresh Envelope for every record: the event id, stream and type
// strings and a new body, which costs more than folding the event into every read model.
// Replay needs only the time and the body, and only until the next record. EventReader reads
// the same Cap'n Proto record (codec/events.capnp, through the codec's generated reader) into
// one Event it keeps, reusing that storage from record to record.
//
// It is a fast path, not a second codec: it handles the frequent contact, agent and
// supervision events, and for anything else (administrative events, and every record it
// finds the least doubtful: wrong framing, an unknown enum value or union member, a newer
// schema version) it hands the bytes to codec::decode_event, whose result and error message
// are then the answer. Tests check that both agree on every event type and on damaged records.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "domain/events.h"

namespace callwatch::projections {

class EventReader {
 public:
  // The record's event, valid until the next call; or codec::decode_event's error message.
  [[nodiscard]] std::expected<const Event*, std::string> read(std::string_view bytes);

  // Records read on the fast path, and handed to the codec (for statistics and tests).
  [[nodiscard]] std::uint64_t fast() const noexcept { return fast_; }
  [[nodiscard]] std::uint64_t delegated() const noexcept { return delegated_; }

 private:
  [[nodiscard]] bool fast_read(std::string_view bytes);
  [[nodiscard]] std::expected<const Event*, std::string> delegate(std::string_view bytes);

  Event event_;
  std::vector<std::uint64_t> scratch_;  // aligned copy of an unaligned record
  std::uint64_t fast_ = 0;
  std::uint64_t delegated_ = 0;
};

}  // namespace callwatch::projections
