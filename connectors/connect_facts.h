// The facts an Amazon Connect record stands for, written against the decision state
// (domain/state.h) so that each record adds only what is new. Used by the three readers
// (connect_agent.h, connect_contact.h, connect_ctr.h); the translator (connect_translator.h)
// owns the state and the batch.
//
// - Every fact is evolved into the state at once, so the next record (of the same batch
//   too) sees it. Facts are stamped with the record's time, or the log's clock if that is
//   later: the log stays in time order (`--as-of TIME` stops at the first later event).
// - Event ids are "<source>/<n>": the record's own id (EventId, id, ContactId plus
//   LastUpdateTimestamp) and the fact's number within it. A record whose first fact id is
//   already in the store or the batch is an exact duplicate and writes nothing.
// - Contacts never move backwards: initiated < queued < connected = on hold < after-contact
//   work < completed | abandoned. A record that would move a contact back is stale: its
//   state change is dropped (counted), what else it says (a user, a queue) is kept.
// - Users, queues and contacts named by a record are created from it: users with the
//   CallCenterManager and Agent profiles (Amazon Connect refuses monitoring to users
//   without the permissions, so a supervisor in the stream holds them; a user whose
//   profiles callwatch knows otherwise is audited against those), queues on the channel of
//   the first contact seen in them, contacts with the flow "connect".
// - A supervision fact (a session starts or changes mode) is checked against the supervision
//   table (domain/decide.h, broken_supervision_rules) first, in the state just before it;
//   each rule it breaks follows it as FindingRecorded. Monitoring is possible only on a
//   recorded contact (Amazon Connect: "please enable call recording"), so a session on a
//   contact whose recording is unknown records RecordingEnabled first; RECORDING_DISABLED
//   is found where a contact record said the contact had no recording.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "domain/rejection.h"
#include "domain/state.h"
#include "eventstore/event_store.h"

namespace callwatch::connectors {

struct ConnectCounters {
  std::uint64_t records = 0;       // records read
  std::uint64_t events = 0;        // facts written (findings included)
  std::uint64_t duplicates = 0;    // exact duplicates (event id, CTR version) dropped
  std::uint64_t stale = 0;         // state changes dropped: the contact was further already
  std::uint64_t unchanged = 0;     // records that wrote nothing (a heartbeat, a stale event)
  std::uint64_t findings = 0;      // FindingRecorded facts
  std::uint64_t unknown_fields = 0;
  std::uint64_t unknown_event_types = 0;
  std::uint64_t refused = 0;       // records that are not Connect records (quarantined)
  std::uint64_t unsupported = 0;   // contacts on channels callwatch does not model (TASK)
};

// What a batch of records produced: one atomic store write with the offset.
struct ConnectBatch {
  std::vector<eventstore::NewEvent> events;
  std::vector<eventstore::KeyValue> aux;
  void clear() {
    events.clear();
    aux.clear();
  }
};

// The translator's own keys (aux, in the events' write): what is not in the facts.
inline constexpr std::string_view kAgentNamePrefix = "connect/agent/";  // agent ARN id -> username
inline constexpr std::string_view kCtrVersionPrefix = "connect/ctr/";   // ContactId -> LastUpdateTimestamp ms
inline constexpr std::string_view kAgentTimePrefix = "connect/agent-time/";  // user -> EventTimestamp ms
inline constexpr std::string_view kMonitorPrefix = "connect/monitor/";  // monitor contact -> 1 started, 2 ended

inline constexpr std::string_view kConnectFlow = "connect";
inline constexpr std::string_view kConnectActor = kSystemUser;

class ConnectFacts {
 public:
  ConnectFacts(State& state, const eventstore::EventStore& store, ConnectCounters& counters)
      : state_(state), store_(store), counters_(counters) {}

  // Starts a record: `source` is its id ("connect-agent/<EventId>"), `at` its time. False:
  // an exact duplicate (counted), write nothing. Error: the store could not be read.
  [[nodiscard]] std::expected<bool, std::string> begin(std::string source, Timestamp at, ConnectBatch& batch);
  // Ends the record (counts a record that wrote nothing).
  void end(bool count_unchanged = true);
  // A new batch: forget the previous batch's ids (they are in the store now).
  void new_batch() { batch_ids_.clear(); }
  // The stamp for a step of the record at `at` (a contact record's steps have their times).
  void at(Timestamp t) { at_ = t; }
  // Quiet: a change the contact is past already is not counted stale (a record that
  // restates the whole history, as a contact record or a DISCONNECTED event does).
  void quiet(bool q) { quiet_ = q; }

  // Amazon Connect's agent ARN -> the username (learned from records that carry both).
  [[nodiscard]] std::expected<UserId, std::string> user_of_arn(std::string_view arn);
  void learn_arn(std::string_view arn, const UserId& user);
  // A version kept under `prefix` + `key` (nullopt: none): the CTR version applied for a
  // contact (kCtrVersionPrefix), the time of the latest agent event that changed a user
  // (kAgentTimePrefix). Set: in `batch`, with the facts of the record that moved it.
  [[nodiscard]] std::expected<std::optional<std::int64_t>, std::string> version(std::string_view prefix,
                                                                               std::string_view key);
  void set_version(std::string_view prefix, std::string_view key, std::int64_t version, ConnectBatch& batch);
  [[nodiscard]] std::expected<std::optional<std::int64_t>, std::string> ctr_version(std::string_view contact) {
    return version(kCtrVersionPrefix, contact);
  }
  // A contact record admitted for `contact` said it had no recording (before its facts are
  // written: import applies records' steps in time order).
  void no_recording(std::string_view contact) { no_recording_.emplace(contact); }
  // Facts written by the record begun last.
  [[nodiscard]] bool wrote() const { return n_ > 0; }

  void ensure_user(const UserId& user, std::optional<int> chat_concurrency = std::nullopt);
  void ensure_queue(const QueueId& queue, Channel channel);
  void ensure_contact(const ContactId& contact, Channel channel);
  void recording(const ContactId& contact);

  void open_ccp(const UserId& user);
  void close_ccp(const UserId& user);  // ends their sessions first (CCP_CLOSED)
  void set_status(const UserId& user, std::string_view status);

  // Contact state changes; each does nothing (stale, counted) if the contact is further.
  void queue(const ContactId& contact, const QueueId& queue);
  void connect(const ContactId& contact, const UserId& agent);
  void hold(const ContactId& contact, bool on_hold);
  void end_contact(const ContactId& contact, Party by);  // abandoned if never connected
  void complete(const ContactId& contact);

  // Supervision. `live`: the record tells the supervisor's CCP and the contact's live
  // state (the agent stream does; a contact record, written after the fact, does not: then
  // CCP_NOT_OPEN and CONTACT_NOT_ACTIVE are not checked).
  void start_session(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool live);
  void change_mode(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool live);
  void stop_session(const ContactId& contact, const UserId& supervisor, StopReason reason);

  [[nodiscard]] const State& state() const { return state_; }

 private:
  template <class E>
  void emit_body(Timestamp at, E body);
  template <class E, class... F>
  void emit(F&&... fields);
  void flush_findings(const ContactId& contact, const UserId& supervisor);
  void findings(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool change, bool live);
  void stop_all(const ContactId& contact, StopReason reason);
  void stale();

  State& state_;
  const eventstore::EventStore& store_;
  ConnectCounters& counters_;
  ConnectBatch* batch_ = nullptr;
  std::string source_;
  Timestamp at_{};
  std::size_t n_ = 0;
  bool quiet_ = false;
  std::vector<Rejection> pending_findings_;
  absl::flat_hash_set<std::string> no_recording_;
  absl::flat_hash_set<std::string> batch_ids_;  // first fact ids of this batch's records
  absl::flat_hash_map<std::string, std::string> agent_names_;              // cache of kAgentNamePrefix
  absl::flat_hash_map<std::string, std::optional<std::int64_t>> versions_;  // cache: prefix + key
};

}  // namespace callwatch::connectors
