// Supervision sessions: the audit trail of who listened to what, with start, end, every
// mode change and the end reason.
//
// The trail grows with history, so it is not kept in memory: SessionAudit, told of every
// session change by the fold (model.h, SessionObserver), writes records to a key-value sink
// (the projections database; a map in tests). Keys sort by the position of the event that
// started the session, so a scan returns sessions in log order, each followed by its changes:
//   <start position, 8 bytes big-endian>                            -> session header
//   <start position, 8 bytes big-endian><change position, 8 bytes>  -> mode change or stop
//   <position, 8 bytes big-endian>                                  -> recording access
// (a search, listen or download of recorded conversations: RecordingAccessed; its key is its
// own position, so it sorts after every change of the sessions started before it).
// Records are only ever added (a later change is a new key), which makes "as of position P"
// a matter of ignoring keys whose positions are after P.
#pragma once

#include <expected>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "projections/bytes.h"
#include "projections/model.h"

namespace callwatch::projections {

class KeyValueSink {
 public:
  virtual ~KeyValueSink() = default;
  virtual void put(std::string_view key, std::string_view value) = 0;
};

class SessionAudit final : public SessionObserver {
 public:
  explicit SessionAudit(KeyValueSink& sink) : sink_(sink) {}

  void started(const ReadModel&, Position, Timestamp, const LiveContact&, const LiveSession&) override;
  void changed(const ReadModel&, Position, Timestamp, const LiveContact&, const LiveSession&) override;
  void stopped(const ReadModel&, Position, Timestamp, const LiveContact&, const LiveSession&,
               StopReason) override;
  void accessed(const ReadModel&, Position, Timestamp, const ev::RecordingAccessed&) override;

 private:
  KeyValueSink& sink_;
  // Starts a later record of session `s` (key: its start, then `pos`) of `kind`; the
  // writer appends the rest to value_.
  ByteWriter event_record(const LiveSession& s, Position pos, std::uint8_t kind);

  std::string key_, value_;  // reused: no allocation per record once warm
};

struct SessionChange {
  Position position = 0;
  Timestamp at{};
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;
};

struct SessionRecord {
  Position started_position = 0;  // the session's id
  std::string contact;
  std::string supervisor;
  std::string agent;  // the contact's agent when the session started
  Channel channel = Channel::Voice;
  Timestamp started_at{};
  MonitorMode mode = MonitorMode::Silent;  // the mode it started in
  MessageMode message_mode = MessageMode::Internal;
  std::vector<SessionChange> changes;  // later mode changes, in order
  std::optional<Position> ended_position;
  std::optional<Timestamp> ended_at;
  std::optional<StopReason> end_reason;
};

// Who searched, listened to or downloaded recorded conversations, and when.
struct AccessRecord {
  Position position = 0;
  Timestamp at{};
  std::string by;
  RecordingAccess access = RecordingAccess::Search;
  std::string contact;  // LISTEN, DOWNLOAD
  std::string search;   // SEARCH: the query as given
};

struct SessionFilter {
  Position as_of = std::numeric_limits<Position>::max();  // ignore everything after
  std::optional<std::string> contact;     // accesses: of this contact
  std::optional<std::string> supervisor;  // accesses: by this user
  bool open_only = false;  // only sessions still running (as of as_of); no accesses
};

// The whole trail: sessions in start order, recording accesses in log order.
struct AuditTrail {
  std::vector<SessionRecord> sessions;
  std::vector<AccessRecord> accesses;
};

// Rebuilds records from the keys and values of the trail, fed in key order.
class SessionAssembler {
 public:
  explicit SessionAssembler(SessionFilter filter = {}) : filter_(std::move(filter)) {}

  // Error: a key or value that is not a session record (names the key).
  [[nodiscard]] std::expected<void, std::string> add(std::string_view key, std::string_view value);
  // The records that pass the filter, in start order.
  [[nodiscard]] std::vector<SessionRecord> finish();
  // The recording accesses that pass the filter, in log order (after finish()).
  [[nodiscard]] std::vector<AccessRecord> take_accesses() { return std::move(accesses_); }

 private:
  void flush();
  SessionFilter filter_;
  std::optional<SessionRecord> current_;
  bool current_wanted_ = false;
  std::vector<SessionRecord> out_;
  std::vector<AccessRecord> accesses_;
};

}  // namespace callwatch::projections
