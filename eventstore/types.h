// The vocabulary of the event store: positions, stream versions, what an append carries and
// what a read returns.
//
// Positions number the global log 1, 2, 3, ... without gaps; 0 means "before the first event"
// (an empty log has last position 0). A stream's version is the number of events in it: the
// first event of a stream has version 1, and a stream that was never written has version 0.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace callwatch::eventstore {

using Position = std::uint64_t;
using StreamVersion = std::uint64_t;

// What the stream must look like for an append to go ahead (optimistic concurrency).
class ExpectedVersion {
 public:
  enum class Kind : std::uint8_t { Any, NoStream, StreamExists, Exact };

  static constexpr ExpectedVersion any() { return ExpectedVersion(Kind::Any, 0); }
  static constexpr ExpectedVersion no_stream() { return ExpectedVersion(Kind::NoStream, 0); }
  static constexpr ExpectedVersion stream_exists() {
    return ExpectedVersion(Kind::StreamExists, 0);
  }
  // The stream holds exactly `version` events (exact(0) is the same as no_stream()).
  static constexpr ExpectedVersion exact(StreamVersion version) {
    return ExpectedVersion(Kind::Exact, version);
  }

  [[nodiscard]] constexpr Kind kind() const { return kind_; }
  [[nodiscard]] constexpr StreamVersion version() const { return version_; }
  [[nodiscard]] constexpr bool accepts(StreamVersion current) const {
    switch (kind_) {
      case Kind::Any: return true;
      case Kind::NoStream: return current == 0;
      case Kind::StreamExists: return current > 0;
      case Kind::Exact: return current == version_;
    }
    return false;
  }
  // "any", "no stream", "an existing stream", "version 7"
  [[nodiscard]] std::string describe() const;

 private:
  constexpr ExpectedVersion(Kind k, StreamVersion v) : kind_(k), version_(v) {}
  Kind kind_;
  StreamVersion version_;
};

// One event to append. `data` is opaque to the store (callwatch puts Cap'n Proto envelopes
// there). `event_id` is the idempotency key: unique in the whole log. `type` is only used for
// statistics. All three strings must be non-empty and at most kMaxNameBytes long.
struct NewEvent {
  std::string event_id;
  std::string stream;
  std::string type;
  std::string data;
};
inline constexpr std::size_t kMaxNameBytes = 1024;

// Events for one stream, with the version the stream must be at. Every event's `stream` must
// equal `stream`. The events are borrowed for the duration of the append() call.
// One append may name the same stream twice (a command whose events alternate between
// streams keeps its order that way); the second expectation is checked against the version
// the first part leaves.
struct StreamAppend {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::span<const NewEvent> events;
};

// Consecutive events of one stream become one part (ExpectedVersion::any()), so an append
// of events on several streams keeps exactly the given order. The parts borrow `events`.
[[nodiscard]] std::vector<StreamAppend> parts_in_order(std::span<const NewEvent> events);

struct KeyValue {
  std::string key;
  std::string value;
};

struct AppendOptions {
  // Checkpoints written in the same atomic batch as the events (e.g. the Kafka partition
  // offsets the events were consumed from): get_checkpoint(key) returns them afterwards.
  std::vector<KeyValue> checkpoints;
  // Consumers' own keys (get_aux), written in the same atomic batch: e.g. records a Kafka
  // ingest quarantined, kept exactly with the offset that moved past them.
  std::vector<KeyValue> aux;

  [[nodiscard]] bool empty() const { return checkpoints.empty() && aux.empty(); }
};

struct AppendResult {
  // The position of every event of the request, in request order.
  std::vector<Position> positions;
  // True when every event id already existed: this was a retry, nothing was written, and
  // `positions` are those of the original append.
  bool replayed = false;
};

// An event as read back. The views of RecordedEventView point into the reader's buffer and
// are valid until the reader moves; RecordedEvent owns its bytes.
struct RecordedEventView {
  Position position = 0;
  StreamVersion stream_version = 0;
  std::string_view event_id;
  std::string_view stream;
  std::string_view type;
  std::string_view data;
};

struct RecordedEvent {
  Position position = 0;
  StreamVersion stream_version = 0;
  std::string event_id;
  std::string stream;
  std::string type;
  std::string data;

  RecordedEvent() = default;
  explicit RecordedEvent(const RecordedEventView& v)
      : position(v.position), stream_version(v.stream_version), event_id(v.event_id),
        stream(v.stream), type(v.type), data(v.data) {}
};

enum class Direction : std::uint8_t { Forward, Backward };

}  // namespace callwatch::eventstore
